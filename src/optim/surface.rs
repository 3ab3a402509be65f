//! The 2-D loss surfaces of the optimizer lab, with exact gradients and
//! Hessians.
//!
//! | id | f(x, y) | why it is in the lecture |
//! |---|---|---|
//! | `bowl` | x²/20 + y² | the book's figure: a valley 20× flatter along x (curvatures 0.1 and 2) |
//! | `rotated-bowl` | (x + y)²/40 + (x − y)²/2 | the book's bowl turned 45°: the same curvatures 0.1 and 2, along the diagonals, where per-axis step sizes cannot follow them |
//! | `saddle` | x² − y² | a saddle point at the origin: the gradient vanishes, but it is no minimum |
//! | `two-basins` | (x² − 4)²/16 − 0.4x + y²/2 | a shallow local minimum near x = −1.76 and the global one near x = 2.18 |
//! | `rosenbrock` | (1 − x)² + 100(y − x²)² | a curved, narrow valley; minimum (1, 1) |
//! | `himmelblau` | (x² + y − 11)² + (x + y² − 7)² | four minima, all f = 0 |
//! | typed | any expression in x and y | the student's own |

use super::expr::Expr;
use crate::catalogue::Choice;
use crate::error::Result;

/// The rectangle of the plane where a surface is looked at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// Left and right ends of x.
    pub x: (f64, f64),
    /// Bottom and top ends of y.
    pub y: (f64, f64),
}

/// A function of two variables to minimize.
#[derive(Debug, Clone, PartialEq)]
pub enum Surface {
    /// x²/20 + y².
    Bowl,
    /// (x + y)²/40 + (x − y)²/2: the bowl turned 45°.
    RotatedBowl,
    /// x² − y².
    Saddle,
    /// (x² − 4)²/16 − 0.4x + y²/2.
    TwoBasins,
    /// (1 − x)² + 100(y − x²)².
    Rosenbrock,
    /// (x² + y − 11)² + (x + y² − 7)².
    Himmelblau,
    /// An expression typed by the user.
    Typed(Expr),
}

/// The value, gradient and Hessian `[fxx, fxy, fyy]` at a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Local {
    /// f(x, y).
    pub value: f64,
    /// ∇f.
    pub grad: [f64; 2],
    /// [∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²].
    pub hess: [f64; 3],
}

impl Surface {
    /// The named surfaces, as a menu's choices.
    pub const CHOICES: [Choice; 6] = [
        Choice {
            id: "bowl",
            label: ("Bowl: x²/20 + y² (the book)", "그릇: x²/20 + y² (책의 예)"),
        },
        Choice {
            id: "rotated-bowl",
            label: (
                "Rotated bowl: the book's bowl turned 45°",
                "돌린 그릇: 책의 그릇을 45° 돌린 것",
            ),
        },
        Choice {
            id: "saddle",
            label: ("Saddle: x² − y²", "안장: x² − y²"),
        },
        Choice {
            id: "two-basins",
            label: (
                "Two basins (local + global minimum)",
                "두 웅덩이(국소 + 전역 최솟값)",
            ),
        },
        Choice {
            id: "rosenbrock",
            label: ("Rosenbrock's valley", "로젠브록 골짜기"),
        },
        Choice {
            id: "himmelblau",
            label: ("Himmelblau (four minima)", "힘멜블라우(최솟값 넷)"),
        },
    ];

    /// A named surface, or else `text` parsed as an expression.
    pub fn parse(text: &str) -> Result<Self> {
        Ok(match text.trim() {
            "bowl" => Surface::Bowl,
            "rotated-bowl" => Surface::RotatedBowl,
            "saddle" => Surface::Saddle,
            "two-basins" => Surface::TwoBasins,
            "rosenbrock" => Surface::Rosenbrock,
            "himmelblau" => Surface::Himmelblau,
            other => Surface::Typed(Expr::parse(other)?),
        })
    }

    /// The id of a named surface, or the typed expression.
    pub fn id(&self) -> &str {
        match self {
            Surface::Bowl => "bowl",
            Surface::RotatedBowl => "rotated-bowl",
            Surface::Saddle => "saddle",
            Surface::TwoBasins => "two-basins",
            Surface::Rosenbrock => "rosenbrock",
            Surface::Himmelblau => "himmelblau",
            Surface::Typed(e) => e.text(),
        }
    }

    /// The formula, for titles.
    pub fn formula(&self) -> String {
        match self {
            Surface::Bowl => "f(x, y) = x²/20 + y²".into(),
            Surface::RotatedBowl => "f(x, y) = (x + y)²/40 + (x − y)²/2".into(),
            Surface::Saddle => "f(x, y) = x² − y²".into(),
            Surface::TwoBasins => "f(x, y) = (x² − 4)²/16 − 0.4x + y²/2".into(),
            Surface::Rosenbrock => "f(x, y) = (1 − x)² + 100(y − x²)²".into(),
            Surface::Himmelblau => "f(x, y) = (x² + y − 11)² + (x + y² − 7)²".into(),
            Surface::Typed(e) => format!("f(x, y) = {}", e.text()),
        }
    }

    /// The region a plot of this surface shows.
    pub fn region(&self) -> Region {
        let (x, y) = match self {
            Surface::Bowl => ((-10.0, 10.0), (-5.0, 5.0)),
            Surface::RotatedBowl => ((-8.0, 8.0), (-6.0, 6.0)),
            Surface::Saddle => ((-2.0, 2.0), (-1.5, 1.5)),
            Surface::TwoBasins => ((-4.5, 4.5), (-2.25, 2.25)),
            Surface::Rosenbrock => ((-2.0, 2.0), (-1.0, 3.0)),
            Surface::Himmelblau | Surface::Typed(_) => ((-5.0, 5.0), (-5.0, 5.0)),
        };
        Region { x, y }
    }

    /// The minima to mark on the plot (none known for a typed surface or the
    /// unbounded saddle, whose stationary point is marked instead).
    pub fn marks(&self) -> Vec<[f64; 2]> {
        match self {
            Surface::Bowl | Surface::RotatedBowl | Surface::Saddle => vec![[0.0, 0.0]],
            Surface::TwoBasins => vec![[TWO_BASINS_LOCAL, 0.0], [TWO_BASINS_GLOBAL, 0.0]],
            Surface::Rosenbrock => vec![[1.0, 1.0]],
            Surface::Himmelblau => vec![
                [3.0, 2.0],
                [-2.805_118_086_952_745, 3.131_312_518_250_573],
                [-3.779_310_253_377_747, -3.283_185_991_286_17],
                [3.584_428_340_330_492, -1.848_126_526_964_404],
            ],
            Surface::Typed(_) => vec![],
        }
    }

    /// f at (x, y).
    pub fn value(&self, x: f64, y: f64) -> f64 {
        self.local(x, y).value
    }

    /// Value, gradient and Hessian at (x, y).
    pub fn local(&self, x: f64, y: f64) -> Local {
        let (value, grad, hess) = match self {
            Surface::Bowl => (x * x / 20.0 + y * y, [x / 10.0, 2.0 * y], [0.1, 0.0, 2.0]),
            Surface::RotatedBowl => {
                // u = (x + y)/√2 is the flat axis (curvature 0.1), v = (x − y)/√2 the steep one (2).
                let (u, v) = (x + y, x - y);
                (
                    u * u / 40.0 + v * v / 2.0,
                    [u / 20.0 + v, u / 20.0 - v],
                    [1.05, -0.95, 1.05],
                )
            }
            Surface::Saddle => (x * x - y * y, [2.0 * x, -2.0 * y], [2.0, 0.0, -2.0]),
            Surface::TwoBasins => {
                let q = x * x - 4.0;
                (
                    q * q / 16.0 - 0.4 * x + 0.5 * y * y,
                    [x * q / 4.0 - 0.4, y],
                    [(3.0 * x * x - 4.0) / 4.0, 0.0, 1.0],
                )
            }
            Surface::Rosenbrock => {
                let r = y - x * x;
                (
                    (1.0 - x).powi(2) + 100.0 * r * r,
                    [-2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r],
                    [2.0 - 400.0 * r + 800.0 * x * x, -400.0 * x, 200.0],
                )
            }
            Surface::Himmelblau => {
                let a = x * x + y - 11.0;
                let b = x + y * y - 7.0;
                (
                    a * a + b * b,
                    [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b],
                    [
                        4.0 * a + 8.0 * x * x + 2.0,
                        4.0 * x + 4.0 * y,
                        2.0 + 4.0 * b + 8.0 * y * y,
                    ],
                )
            }
            Surface::Typed(e) => {
                let d = e.eval(x, y);
                (d.v, [d.dx, d.dy], [d.dxx, d.dxy, d.dyy])
            }
        };
        Local { value, grad, hess }
    }
}

/// The local minimum of `two-basins`: the root of x³ − 4x − 1.6 near −1.758.
pub const TWO_BASINS_LOCAL: f64 = -1.757_770_132_5;
/// The global minimum of `two-basins`: the root of x³ − 4x − 1.6 near 2.176.
pub const TWO_BASINS_GLOBAL: f64 = 2.176_067_829_4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytic_derivatives_match_the_expression_engine() {
        // The same formulas typed as expressions give the same numbers.
        let pairs = [
            (Surface::Bowl, "x^2/20 + y^2"),
            (Surface::RotatedBowl, "(x + y)^2/40 + (x - y)^2/2"),
            (Surface::Saddle, "x^2 - y^2"),
            (Surface::TwoBasins, "(x^2 - 4)^2/16 - 0.4x + y^2/2"),
            (Surface::Rosenbrock, "(1 - x)^2 + 100(y - x^2)^2"),
            (Surface::Himmelblau, "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"),
        ];
        for (s, text) in pairs {
            let typed = Surface::parse(text).unwrap();
            for &(x, y) in &[(-1.3, 0.4), (2.0, -2.5), (0.1, 3.3)] {
                let (a, b) = (s.local(x, y), typed.local(x, y));
                let close = |p: f64, q: f64| (p - q).abs() < 1e-9 * (1.0 + q.abs());
                assert!(close(a.value, b.value), "{text} value");
                assert!(
                    a.grad.iter().zip(b.grad).all(|(p, q)| close(*p, q)),
                    "{text} grad"
                );
                assert!(
                    a.hess.iter().zip(b.hess).all(|(p, q)| close(*p, q)),
                    "{text} hess"
                );
            }
        }
    }

    #[test]
    fn marked_minima_are_stationary() {
        for s in [
            Surface::Bowl,
            Surface::RotatedBowl,
            Surface::TwoBasins,
            Surface::Rosenbrock,
            Surface::Himmelblau,
        ] {
            for [x, y] in s.marks() {
                let g = s.local(x, y).grad;
                assert!(
                    g[0].abs() < 1e-5 && g[1].abs() < 1e-5,
                    "{} at ({x}, {y}): {g:?}",
                    s.id()
                );
            }
        }
        // two-basins: the global minimum is lower than the local one.
        let s = Surface::TwoBasins;
        assert!(s.value(TWO_BASINS_GLOBAL, 0.0) < s.value(TWO_BASINS_LOCAL, 0.0) - 1.0);
    }

    #[test]
    fn names_and_expressions() {
        assert_eq!(Surface::parse(" saddle ").unwrap(), Surface::Saddle);
        assert_eq!(Surface::parse("x^2+y^2").unwrap().id(), "x^2+y^2");
        assert!(Surface::parse("x^^2").is_err());
    }
}
