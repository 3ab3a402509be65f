//! The quadratic model of a surface at a point, and what it says about step
//! sizes (Polyak 1964; Goh, "Why Momentum Really Works", Distill 2017).
//!
//! Near a point, f(w + d) ≈ f(w) + gᵀd + ½ dᵀHd; on a quadratic this is
//! exact. Along each eigenvector of H (eigenvalue λ), gradient descent
//! multiplies the distance to the minimum by 1 − ηλ at every update, so:
//! - it converges only if |1 − ηλ| < 1 for both λ: 0 < η < 2/λmax;
//! - the slower direction's factor, max |1 − ηλ|, is smallest at
//!   η* = 2/(λmin + λmax), where it is (κ − 1)/(κ + 1) with κ = λmax/λmin;
//! - heavy-ball momentum (the book's Momentum: v ← αv − ηg, W ← W + v) does
//!   best at η = 4/(√λmax + √λmin)² and α = ((√κ − 1)/(√κ + 1))², where its
//!   factor per update is (√κ − 1)/(√κ + 1).
//!
//! On the book's bowl (λ = 2 and 0.1, κ = 20) the optimal fixed step is
//! 2/2.1 ≈ 0.952, next to the book's SGD η = 0.95.

use crate::json::Json;
use crate::optim::newton;
use crate::optim::surface::Surface;

mod table;

/// The Hessian at a point, its eigen-decomposition and the step sizes it
/// implies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quadratic {
    /// Where the Hessian was taken.
    pub at: [f64; 2],
    /// [∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²].
    pub hessian: [f64; 3],
    /// The eigenvalues, the larger first.
    pub eigenvalues: [f64; 2],
    /// Unit eigenvectors, in the order of `eigenvalues`.
    pub eigenvectors: [[f64; 2]; 2],
    /// The surface is a quadratic: its Hessian is the same everywhere
    /// (checked across the region the lab shows), so the numbers below hold
    /// exactly, not only near `at`.
    pub exact: bool,
    /// Where the lab draws the eigenvectors: on a quadratic its stationary
    /// point (at − H⁻¹g, one Newton step), elsewhere `at`.
    pub center: [f64; 2],
}

/// The best fixed steps of gradient descent and heavy-ball momentum, for a
/// Hessian whose eigenvalues are both positive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Optimal {
    /// κ = λmax / λmin.
    pub condition: f64,
    /// η* = 2/(λmin + λmax).
    pub gd_lr: f64,
    /// Gradient descent's factor per update at η*: (κ − 1)/(κ + 1).
    pub gd_rate: f64,
    /// Momentum's best η: 4/(√λmax + √λmin)².
    pub momentum_lr: f64,
    /// Momentum's best α: ((√κ − 1)/(√κ + 1))².
    pub momentum: f64,
    /// Momentum's factor per update there: (√κ − 1)/(√κ + 1).
    pub momentum_rate: f64,
}

impl Quadratic {
    /// The quadratic model of `surface` at `at`.
    pub fn of(surface: &Surface, at: [f64; 2]) -> Self {
        let hessian = surface.local(at[0], at[1]).hess;
        let region = surface.region();
        let (x0, x1) = region.x;
        let (y0, y1) = region.y;
        let probes = [
            [x0, y0],
            [x1, y0],
            [x0, y1],
            [x1, y1],
            [(x0 + x1) / 2.0, (y0 + y1) / 2.0],
            [0.3 * x0 + 0.7 * x1, 0.6 * y0 + 0.4 * y1],
        ];
        let same = |h: [f64; 3]| {
            h.iter()
                .zip(&hessian)
                .all(|(a, b)| (a - b).abs() <= 1e-9 * (1.0 + b.abs()))
        };
        let exact = probes.iter().all(|p| same(surface.local(p[0], p[1]).hess));
        let (eigenvalues, eigenvectors) = eigen(hessian);
        let [a, b, d] = hessian;
        let invertible = (a * d - b * b).abs() > 1e-12 * (a.abs() + d.abs() + b.abs()).powi(2);
        let center = if exact && invertible {
            let g = surface.local(at[0], at[1]).grad;
            let c = newton::step(at, g, hessian, 1.0, 0.0);
            if c.iter().all(|v| v.is_finite()) {
                c
            } else {
                at
            }
        } else {
            at
        };
        Self {
            at,
            hessian,
            eigenvalues,
            eigenvectors,
            exact,
            center,
        }
    }

    /// Gradient descent's stability limit 2/λmax (none when λmax ≤ 0: no
    /// step is too large along a direction that curves down).
    pub fn gd_limit(&self) -> Option<f64> {
        (self.eigenvalues[0] > 0.0).then(|| 2.0 / self.eigenvalues[0])
    }

    /// The best fixed steps, when both eigenvalues are positive.
    pub fn optimal(&self) -> Option<Optimal> {
        let [max, min] = self.eigenvalues;
        if !(min > 0.0 && max.is_finite()) {
            return None;
        }
        let condition = max / min;
        let root = condition.sqrt();
        let momentum_rate = (root - 1.0) / (root + 1.0);
        Some(Optimal {
            condition,
            gd_lr: 2.0 / (min + max),
            gd_rate: (condition - 1.0) / (condition + 1.0),
            momentum_lr: 4.0 / (max.sqrt() + min.sqrt()).powi(2),
            momentum: momentum_rate * momentum_rate,
            momentum_rate,
        })
    }

    /// Every number, as JSON (`null` where a number does not exist).
    pub fn to_json(&self) -> Json {
        let o = self.optimal();
        let num = |v: Option<f64>| v.map_or(Json::Null, Json::Num);
        Json::obj([
            ("at", Json::nums(&self.at)),
            ("hessian", Json::nums(&self.hessian)),
            ("quadratic", Json::Bool(self.exact)),
            ("eigenvalues", Json::nums(&self.eigenvalues)),
            (
                "eigenvectors",
                Json::Arr(self.eigenvectors.iter().map(|v| Json::nums(v)).collect()),
            ),
            ("condition", num(o.map(|o| o.condition))),
            ("gd_stability_limit", num(self.gd_limit())),
            ("gd_optimal_lr", num(o.map(|o| o.gd_lr))),
            ("gd_optimal_rate", num(o.map(|o| o.gd_rate))),
            ("momentum_optimal_lr", num(o.map(|o| o.momentum_lr))),
            ("momentum_optimal_alpha", num(o.map(|o| o.momentum))),
            ("momentum_optimal_rate", num(o.map(|o| o.momentum_rate))),
            ("center", Json::nums(&self.center)),
        ])
    }
}

/// Eigenvalues (larger first) and unit eigenvectors of the symmetric matrix
/// [a b; b d] given as [a, b, d].
fn eigen([a, b, d]: [f64; 3]) -> ([f64; 2], [[f64; 2]; 2]) {
    if b == 0.0 {
        // Already diagonal: the numbers themselves, without rounding.
        return if a >= d {
            ([a, d], [[1.0, 0.0], [0.0, 1.0]])
        } else {
            ([d, a], [[0.0, 1.0], [-1.0, 0.0]])
        };
    }
    let mean = (a + d) / 2.0;
    let radius = ((a - d) / 2.0).hypot(b);
    let (big, small) = (mean + radius, mean - radius);
    // (H − λI)v = 0 gives v ∝ (b, λ − a) or (λ − d, b); the longer of the
    // two is the better conditioned.
    let (p, q) = ([b, big - a], [big - d, b]);
    let u = if p[0].hypot(p[1]) >= q[0].hypot(q[1]) {
        p
    } else {
        q
    };
    let n = u[0].hypot(u[1]);
    let first = [u[0] / n, u[1] / n];
    ([big, small], [first, [-first[1], first[0]]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn the_books_bowl_worked_by_hand() {
        // H = diag(0.1, 2): κ = 20; 2/λmax = 1; η* = 2/2.1 = 0.95238…,
        // rate 19/21; momentum η = 4/(1.414214 + 0.316228)² = 4/2.994427
        // = 1.335815, α = (3.472136/5.472136)² = 0.634512² = 0.402605.
        let q = Quadratic::of(&Surface::Bowl, [-7.0, 2.0]);
        assert!(q.exact);
        assert_eq!(q.eigenvalues, [2.0, 0.1]);
        assert_eq!(q.eigenvectors, [[0.0, 1.0], [-1.0, 0.0]]);
        assert_eq!(q.gd_limit(), Some(1.0));
        let o = q.optimal().unwrap();
        assert!(close(o.condition, 20.0, 1e-12));
        assert!(close(o.gd_lr, 2.0 / 2.1, 1e-12), "{}", o.gd_lr);
        assert!(close(o.gd_rate, 19.0 / 21.0, 1e-12));
        assert!(close(o.momentum_lr, 1.335_815, 1e-6), "{}", o.momentum_lr);
        assert!(close(o.momentum, 0.402_605, 1e-6), "{}", o.momentum);
        assert!(
            close(o.momentum_rate, 0.634_512, 1e-6),
            "{}",
            o.momentum_rate
        );
    }

    #[test]
    fn the_axes_are_drawn_at_the_minimum_of_a_quadratic_and_at_the_start_elsewhere() {
        // x² + xy + y² − 3x: ∇f = (2x + y − 3, x + 2y) = 0 at (2, −1).
        let s = Surface::parse("x^2 + x*y + y^2 - 3*x").unwrap();
        let q = Quadratic::of(&s, [5.0, 5.0]);
        assert!(
            close(q.center[0], 2.0, 1e-12) && close(q.center[1], -1.0, 1e-12),
            "{:?}",
            q.center
        );
        let q = Quadratic::of(&Surface::Rosenbrock, [-1.2, 1.0]);
        assert!(!q.exact);
        assert_eq!(q.center, [-1.2, 1.0]);
    }

    #[test]
    fn a_cross_term_turns_the_axes() {
        // x² + xy + y²: H = [2 1; 1 2], λ = 3 along (1, 1)/√2 and 1 along (−1, 1)/√2.
        let s = Surface::parse("x^2 + x*y + y^2").unwrap();
        let q = Quadratic::of(&s, [1.0, 2.0]);
        assert!(q.exact);
        assert!(close(q.eigenvalues[0], 3.0, 1e-12) && close(q.eigenvalues[1], 1.0, 1e-12));
        let h = std::f64::consts::FRAC_1_SQRT_2;
        let [v, w] = q.eigenvectors;
        assert!(close(v[0], h, 1e-12) && close(v[1], h, 1e-12), "{v:?}");
        assert!(close(w[0], -h, 1e-12) && close(w[1], h, 1e-12), "{w:?}");
        // Each is an eigenvector: Hv = λv.
        for (v, l) in q.eigenvectors.iter().zip(q.eigenvalues) {
            let hv = [2.0 * v[0] + v[1], v[0] + 2.0 * v[1]];
            assert!(close(hv[0], l * v[0], 1e-12) && close(hv[1], l * v[1], 1e-12));
        }
        assert!(close(q.optimal().unwrap().gd_lr, 0.5, 1e-12));
    }

    #[test]
    fn the_optimal_step_is_the_fastest_fixed_step() {
        // Gradient descent on the bowl for 60 updates: η* ends nearer the
        // minimum than any other step on a grid from 0.05 to 0.99 (the
        // distance falls as max|1 − ηλ|ⁿ).
        let distance = |lr: f64| {
            let mut w = [-7.0f64, 2.0];
            for _ in 0..60 {
                let g = Surface::Bowl.local(w[0], w[1]).grad;
                w = [w[0] - lr * g[0], w[1] - lr * g[1]];
            }
            w[0].hypot(w[1])
        };
        let best = Quadratic::of(&Surface::Bowl, [0.0, 0.0])
            .optimal()
            .unwrap()
            .gd_lr;
        for k in 1..100 {
            let lr = k as f64 / 100.0;
            if (lr - best).abs() > 0.01 {
                assert!(distance(best) < distance(lr), "η = {lr} beat η* = {best}");
            }
        }
        // And beyond 2/λmax = 1 it diverges: |1 − 1.05 · 2|⁶⁰ · 2 ≈ 600.
        assert!(distance(1.05) > 100.0);
    }

    #[test]
    fn saddles_and_curved_surfaces() {
        // x² − y²: λ = 2 and −2; a stability limit along x, no optimal step.
        let q = Quadratic::of(&Surface::Saddle, [0.5, 0.5]);
        assert!(q.exact);
        assert_eq!(q.eigenvalues, [2.0, -2.0]);
        assert_eq!(q.gd_limit(), Some(1.0));
        assert_eq!(q.optimal(), None);
        // Rosenbrock at its minimum (1, 1): H = [802 −400; −400 200], not the
        // same elsewhere; λ = 501 ± √(301² + 400²) = 501 ± 500.6…
        let q = Quadratic::of(&Surface::Rosenbrock, [1.0, 1.0]);
        assert!(!q.exact);
        assert_eq!(q.hessian, [802.0, -400.0, 200.0]);
        let r = 301.0f64.hypot(400.0);
        assert!(close(q.eigenvalues[0], 501.0 + r, 1e-9));
        assert!(close(q.eigenvalues[1], 501.0 - r, 1e-9));
        assert!(q.optimal().unwrap().condition > 2000.0);
        let json = q.to_json().to_string();
        assert!(json.contains("\"quadratic\":false"), "{json}");
        // The bowl turned 45° has the bowl's numbers, along the diagonals.
        let q = Quadratic::of(&Surface::RotatedBowl, [-6.0, -3.0]);
        assert!(q.exact);
        assert!(close(q.eigenvalues[0], 2.0, 1e-12) && close(q.eigenvalues[1], 0.1, 1e-12));
        let h = std::f64::consts::FRAC_1_SQRT_2;
        assert!(close(q.eigenvectors[0][0].abs(), h, 1e-12));
        assert!(
            close(q.eigenvectors[0][0], -q.eigenvectors[0][1], 1e-12),
            "steep along (1, −1)"
        );
        assert!(close(q.optimal().unwrap().gd_lr, 2.0 / 2.1, 1e-12));
    }
}
