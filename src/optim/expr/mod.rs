//! A surface typed by the user: an expression in x and y, parsed, with its
//! exact gradient and Hessian by forward-mode automatic differentiation.
//!
//! Grammar (usual precedence; `^` binds tightest and to the right, and
//! `2x` means `2*x`):
//!
//! ```text
//! expr  := term (('+' | '-') term)*
//! term  := unary (('*' | '/') unary | implicit-product)*
//! unary := ('-' | '+') unary | power
//! power := atom (('^' | '**') unary)?
//! atom  := number | x | y | pi | e | name '(' expr ')' | '(' expr ')'
//! ```
//!
//! Evaluation uses second-order "hyper-dual" numbers: each value carries its
//! first and second partial derivatives, so the gradient and Hessian are exact,
//! not finite differences.

mod parser;

pub use super::dual::Dual2;
use crate::error::Result;
use parser::Parser;

/// The longest expression accepted, in characters.
pub const MAX_LEN: usize = 300;
pub(super) const MAX_DEPTH: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Func {
    Sin,
    Cos,
    Tan,
    Exp,
    Ln,
    Sqrt,
    Abs,
    Tanh,
    Atan,
}

pub(super) const FUNCS: [(&str, Func); 10] = [
    ("sin", Func::Sin),
    ("cos", Func::Cos),
    ("tan", Func::Tan),
    ("exp", Func::Exp),
    ("ln", Func::Ln),
    ("log", Func::Ln),
    ("sqrt", Func::Sqrt),
    ("abs", Func::Abs),
    ("tanh", Func::Tanh),
    ("atan", Func::Atan),
];

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Num(f64),
    X,
    Y,
    Neg(Box<Node>),
    Add(Box<Node>, Box<Node>),
    Sub(Box<Node>, Box<Node>),
    Mul(Box<Node>, Box<Node>),
    Div(Box<Node>, Box<Node>),
    Pow(Box<Node>, Box<Node>),
    Call(Func, Box<Node>),
}

/// A parsed expression f(x, y).
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    text: String,
    root: Node,
}

impl Expr {
    /// Parses `text`; an error names the position (counted in characters from 1).
    pub fn parse(text: &str) -> Result<Self> {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() > MAX_LEN {
            return Err(crate::error!(
                "The expression is {} characters long; at most {MAX_LEN} are allowed.",
                "식이 {}자입니다. 최대 {MAX_LEN}자까지 쓸 수 있습니다.",
                chars.len()
            ));
        }
        let mut p = Parser {
            chars: &chars,
            pos: 0,
            depth: 0,
        };
        p.skip_space();
        if p.pos == chars.len() {
            return Err(crate::error!(
                "The expression is empty: type a function of x and y, such as x^2/20 + y^2.",
                "식이 비어 있습니다. x^2/20 + y^2처럼 x와 y의 함수를 입력하세요."
            ));
        }
        let root = p.expr()?;
        p.skip_space();
        if p.pos < chars.len() {
            return Err(p.error(&crate::i18n::tr(
                format!("Unexpected \"{}\"", chars[p.pos]),
                format!("예상하지 못한 \"{}\"", chars[p.pos]),
            )));
        }
        Ok(Self {
            text: text.trim().to_string(),
            root,
        })
    }

    /// The text as typed (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// f and its derivatives at (x, y).
    pub fn eval(&self, x: f64, y: f64) -> Dual2 {
        let vx = Dual2 {
            dx: 1.0,
            ..Dual2::constant(x)
        };
        let vy = Dual2 {
            dy: 1.0,
            ..Dual2::constant(y)
        };
        eval(&self.root, vx, vy)
    }
}

fn eval(n: &Node, x: Dual2, y: Dual2) -> Dual2 {
    match n {
        Node::Num(v) => Dual2::constant(*v),
        Node::X => x,
        Node::Y => y,
        Node::Neg(a) => eval(a, x, y).scale(-1.0),
        Node::Add(a, b) => eval(a, x, y).add(eval(b, x, y)),
        Node::Sub(a, b) => eval(a, x, y).add(eval(b, x, y).scale(-1.0)),
        Node::Mul(a, b) => eval(a, x, y).mul(eval(b, x, y)),
        Node::Div(a, b) => eval(a, x, y).mul(eval(b, x, y).recip()),
        Node::Pow(a, b) => {
            let base = eval(a, x, y);
            let exp = eval(b, x, y);
            if exp.dx == 0.0 && exp.dy == 0.0 && exp.dxx == 0.0 && exp.dxy == 0.0 && exp.dyy == 0.0
            {
                base.powf(exp.v)
            } else {
                // a^b = exp(b·ln a)
                let ln = base.chain(base.v.ln(), 1.0 / base.v, -1.0 / (base.v * base.v));
                let prod = exp.mul(ln);
                let e = prod.v.exp();
                prod.chain(e, e, e)
            }
        }
        Node::Call(f, a) => {
            let u = eval(a, x, y);
            let v = u.v;
            match f {
                Func::Sin => u.chain(v.sin(), v.cos(), -v.sin()),
                Func::Cos => u.chain(v.cos(), -v.sin(), -v.cos()),
                Func::Tan => {
                    let t = v.tan();
                    let s = 1.0 + t * t;
                    u.chain(t, s, 2.0 * t * s)
                }
                Func::Exp => u.chain(v.exp(), v.exp(), v.exp()),
                Func::Ln => u.chain(v.ln(), 1.0 / v, -1.0 / (v * v)),
                Func::Sqrt => {
                    let r = v.sqrt();
                    u.chain(r, 0.5 / r, -0.25 / (r * v))
                }
                Func::Abs => u.chain(v.abs(), if v < 0.0 { -1.0 } else { 1.0 }, 0.0),
                Func::Tanh => {
                    let t = v.tanh();
                    u.chain(t, 1.0 - t * t, -2.0 * t * (1.0 - t * t))
                }
                Func::Atan => {
                    let d = 1.0 + v * v;
                    u.chain(v.atan(), 1.0 / d, -2.0 * v / (d * d))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9 * (1.0 + b.abs()), "{a} vs {b}");
    }

    #[test]
    fn derivatives_worked_by_hand() {
        // f = x²/20 + y² at (-7, 2): f = 2.45 + 4, ∇f = (x/10, 2y), H = diag(0.1, 2).
        let d = Expr::parse("x^2/20 + y^2").unwrap().eval(-7.0, 2.0);
        close(d.v, 6.45);
        close(d.dx, -0.7);
        close(d.dy, 4.0);
        close(d.dxx, 0.1);
        close(d.dxy, 0.0);
        close(d.dyy, 2.0);
        // f = x·y² + sin(x) at (1, 3): fx = y² + cos x, fy = 2xy, fxx = -sin x, fxy = 2y, fyy = 2x.
        let d = Expr::parse("x y^2 + sin(x)").unwrap().eval(1.0, 3.0);
        close(d.v, 9.0 + 1f64.sin());
        close(d.dx, 9.0 + 1f64.cos());
        close(d.dy, 6.0);
        close(d.dxx, -(1f64.sin()));
        close(d.dxy, 6.0);
        close(d.dyy, 2.0);
    }

    #[test]
    fn matches_finite_differences() {
        let e = Expr::parse("exp(-x^2) * tanh(y) + sqrt(1 + x^2 y^2) - ln(2 + cos(x*y)) + x^y / 3 + atan(x - y) + abs(x) + 2**x").unwrap();
        let (x, y, h) = (0.7, 1.3, 1e-4);
        let f = |x: f64, y: f64| e.eval(x, y).v;
        let d = e.eval(x, y);
        close(d.dx, (f(x + h, y) - f(x - h, y)) / (2.0 * h));
        close(d.dy, (f(x, y + h) - f(x, y - h)) / (2.0 * h));
        let fx = |x: f64, y: f64| e.eval(x, y).dx;
        let fy = |x: f64, y: f64| e.eval(x, y).dy;
        assert!((d.dxx - (fx(x + h, y) - fx(x - h, y)) / (2.0 * h)).abs() < 1e-6);
        assert!((d.dxy - (fx(x, y + h) - fx(x, y - h)) / (2.0 * h)).abs() < 1e-6);
        assert!((d.dyy - (fy(x, y + h) - fy(x, y - h)) / (2.0 * h)).abs() < 1e-6);
    }

    #[test]
    fn precedence() {
        let v = |s: &str| Expr::parse(s).unwrap().eval(2.0, 3.0).v;
        close(v("1 + 2 * 3"), 7.0);
        close(v("-x^2"), -4.0);
        close(v("2^3^2"), 512.0);
        close(v("2x + 3y"), 13.0);
        close(v("(x+1)(y-1)"), 6.0);
        close(v("1e-3 * x"), 0.002);
        close(v("x/2/2"), 0.5);
        close(v("PI"), std::f64::consts::PI);
    }

    #[test]
    fn errors_name_the_position() {
        let msg = |s: &str| Expr::parse(s).unwrap_err().to_string();
        assert_eq!(
            msg("x^2 + * y"),
            "Unexpected \"*\" at position 7 of the expression."
        );
        assert_eq!(
            msg("(x + y"),
            "A closing \")\" is missing at position 7 of the expression."
        );
        assert!(msg("x + z").starts_with("Unknown name \"z\" at position 5"));
        assert_eq!(msg("sin x"), "\"sin\" needs its argument in parentheses, like sin(x) at position 5 of the expression.");
        assert_eq!(msg("x +"), "The expression ends too early: a number, x, y or ( is missing at position 4 of the expression.");
        assert_eq!(msg("1.2.3"), "\"1.2.3\" at position 1 is not a number.");
        assert!(msg("   ").starts_with("The expression is empty"));
        assert!(msg(&"(".repeat(200)).contains("nested too deeply"));
        assert!(msg(&"x+".repeat(200)).contains("at most 300"));
        assert_eq!(
            msg("x)"),
            "Unexpected \")\" at position 2 of the expression."
        );
    }
}
