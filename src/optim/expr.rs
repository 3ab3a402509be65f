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

use crate::error::{Error, Result};

/// The longest expression accepted, in characters.
pub const MAX_LEN: usize = 300;
const MAX_DEPTH: usize = 60;

/// A value with its derivatives in x and y up to second order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dual2 {
    /// f.
    pub v: f64,
    /// ∂f/∂x.
    pub dx: f64,
    /// ∂f/∂y.
    pub dy: f64,
    /// ∂²f/∂x².
    pub dxx: f64,
    /// ∂²f/∂x∂y.
    pub dxy: f64,
    /// ∂²f/∂y².
    pub dyy: f64,
}

impl Dual2 {
    fn constant(v: f64) -> Self {
        Self {
            v,
            dx: 0.0,
            dy: 0.0,
            dxx: 0.0,
            dxy: 0.0,
            dyy: 0.0,
        }
    }
    fn add(self, o: Self) -> Self {
        Self {
            v: self.v + o.v,
            dx: self.dx + o.dx,
            dy: self.dy + o.dy,
            dxx: self.dxx + o.dxx,
            dxy: self.dxy + o.dxy,
            dyy: self.dyy + o.dyy,
        }
    }
    fn scale(self, k: f64) -> Self {
        Self {
            v: self.v * k,
            dx: self.dx * k,
            dy: self.dy * k,
            dxx: self.dxx * k,
            dxy: self.dxy * k,
            dyy: self.dyy * k,
        }
    }
    fn mul(self, o: Self) -> Self {
        Self {
            v: self.v * o.v,
            dx: self.dx * o.v + self.v * o.dx,
            dy: self.dy * o.v + self.v * o.dy,
            dxx: self.dxx * o.v + 2.0 * self.dx * o.dx + self.v * o.dxx,
            dxy: self.dxy * o.v + self.dx * o.dy + self.dy * o.dx + self.v * o.dxy,
            dyy: self.dyy * o.v + 2.0 * self.dy * o.dy + self.v * o.dyy,
        }
    }
    /// f(u) given f(u), f'(u), f''(u): the chain rule to second order.
    fn chain(self, f: f64, f1: f64, f2: f64) -> Self {
        Self {
            v: f,
            dx: f1 * self.dx,
            dy: f1 * self.dy,
            dxx: f2 * self.dx * self.dx + f1 * self.dxx,
            dxy: f2 * self.dx * self.dy + f1 * self.dxy,
            dyy: f2 * self.dy * self.dy + f1 * self.dyy,
        }
    }
    fn recip(self) -> Self {
        let u = self.v;
        self.chain(1.0 / u, -1.0 / (u * u), 2.0 / (u * u * u))
    }
    fn powf(self, c: f64) -> Self {
        let u = self.v;
        if c == 0.0 {
            return Self::constant(1.0);
        }
        if c.fract() == 0.0 && c.abs() < 1e6 {
            let n = c as i32;
            return self.chain(u.powi(n), c * u.powi(n - 1), c * (c - 1.0) * u.powi(n - 2));
        }
        self.chain(
            u.powf(c),
            c * u.powf(c - 1.0),
            c * (c - 1.0) * u.powf(c - 2.0),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Func {
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

const FUNCS: [(&str, Func); 10] = [
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
enum Node {
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
            return Err(Error::new(format!(
                "The expression is {} characters long; at most {MAX_LEN} are allowed.",
                chars.len()
            )));
        }
        let mut p = Parser {
            chars: &chars,
            pos: 0,
            depth: 0,
        };
        p.skip_space();
        if p.pos == chars.len() {
            return Err(Error::new(
                "The expression is empty: type a function of x and y, such as x^2/20 + y^2.",
            ));
        }
        let root = p.expr()?;
        p.skip_space();
        if p.pos < chars.len() {
            return Err(p.error(&format!("Unexpected \"{}\"", chars[p.pos])));
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

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> Error {
        Error::new(format!(
            "{what} at position {} of the expression.",
            self.pos + 1
        ))
    }

    fn skip_space(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Result<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("The expression is nested too deeply"));
        }
        let mut left = self.term()?;
        loop {
            if self.eat('+') {
                left = Node::Add(Box::new(left), Box::new(self.term()?));
            } else if self.eat('-') {
                left = Node::Sub(Box::new(left), Box::new(self.term()?));
            } else {
                break;
            }
        }
        self.depth -= 1;
        Ok(left)
    }

    fn term(&mut self) -> Result<Node> {
        let mut left = self.unary()?;
        loop {
            match self.peek() {
                Some('*') if self.chars.get(self.pos + 1) != Some(&'*') => {
                    self.pos += 1;
                    left = Node::Mul(Box::new(left), Box::new(self.unary()?));
                }
                Some('/') => {
                    self.pos += 1;
                    left = Node::Div(Box::new(left), Box::new(self.unary()?));
                }
                // Implicit product: 2x, 3(x+1), x y, (x)(y).
                Some(c) if c.is_ascii_alphabetic() || c == '(' => {
                    left = Node::Mul(Box::new(left), Box::new(self.power()?));
                }
                _ => break,
            }
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("The expression is nested too deeply"));
        }
        let node = if self.eat('-') {
            Node::Neg(Box::new(self.unary()?))
        } else if self.eat('+') {
            self.unary()?
        } else {
            self.power()?
        };
        self.depth -= 1;
        Ok(node)
    }

    fn power(&mut self) -> Result<Node> {
        let base = self.atom()?;
        if self.eat('^') {
            return Ok(Node::Pow(Box::new(base), Box::new(self.unary()?)));
        }
        if self.peek() == Some('*') && self.chars.get(self.pos + 1) == Some(&'*') {
            self.pos += 2;
            return Ok(Node::Pow(Box::new(base), Box::new(self.unary()?)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Node> {
        let Some(c) = self.peek() else {
            return Err(self.error("The expression ends too early: a number, x, y or ( is missing"));
        };
        if c.is_ascii_digit() || c == '.' {
            let start = self.pos;
            while self.pos < self.chars.len()
                && (self.chars[self.pos].is_ascii_digit() || self.chars[self.pos] == '.')
            {
                self.pos += 1;
            }
            // An exponent: 1e-3, 2.5E4.
            if matches!(self.chars.get(self.pos), Some('e' | 'E'))
                && self.chars.get(self.pos + 1).is_some_and(|d| {
                    d.is_ascii_digit()
                        || ((*d == '-' || *d == '+')
                            && self
                                .chars
                                .get(self.pos + 2)
                                .is_some_and(char::is_ascii_digit))
                })
            {
                self.pos += 2;
                while self.pos < self.chars.len() && self.chars[self.pos].is_ascii_digit() {
                    self.pos += 1;
                }
            }
            let text: String = self.chars[start..self.pos].iter().collect();
            return text.parse::<f64>().map(Node::Num).map_err(|_| {
                Error::new(format!(
                    "\"{text}\" at position {} is not a number.",
                    start + 1
                ))
            });
        }
        if c.is_ascii_alphabetic() {
            let start = self.pos;
            while self.pos < self.chars.len() && self.chars[self.pos].is_ascii_alphanumeric() {
                self.pos += 1;
            }
            let name: String = self.chars[start..self.pos]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            return match name.as_str() {
                "x" => Ok(Node::X),
                "y" => Ok(Node::Y),
                "pi" => Ok(Node::Num(std::f64::consts::PI)),
                "e" => Ok(Node::Num(std::f64::consts::E)),
                _ => match FUNCS.iter().find(|(n, _)| *n == name) {
                    Some(&(_, f)) => {
                        if !self.eat('(') {
                            return Err(self.error(&format!("\"{name}\" needs its argument in parentheses, like {name}(x)")));
                        }
                        let arg = self.expr()?;
                        if !self.eat(')') {
                            return Err(self.error("A closing \")\" is missing"));
                        }
                        Ok(Node::Call(f, Box::new(arg)))
                    }
                    None => Err(Error::new(format!(
                        "Unknown name \"{name}\" at position {} of the expression: use x, y, pi, e and the functions {}.",
                        start + 1,
                        FUNCS.map(|(n, _)| n).join(", ")
                    ))),
                },
            };
        }
        if self.eat('(') {
            let inner = self.expr()?;
            if !self.eat(')') {
                return Err(self.error("A closing \")\" is missing"));
            }
            return Ok(inner);
        }
        Err(self.error(&format!("Unexpected \"{c}\"")))
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
