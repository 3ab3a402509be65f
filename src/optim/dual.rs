//! Second-order "hyper-dual" numbers in two variables: a value carried with
//! its first and second partial derivatives in x and y, so that evaluating an
//! expression on them gives its exact gradient and Hessian (forward-mode
//! automatic differentiation).

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
    pub(crate) fn constant(v: f64) -> Self {
        Self {
            v,
            dx: 0.0,
            dy: 0.0,
            dxx: 0.0,
            dxy: 0.0,
            dyy: 0.0,
        }
    }
    pub(crate) fn add(self, o: Self) -> Self {
        Self {
            v: self.v + o.v,
            dx: self.dx + o.dx,
            dy: self.dy + o.dy,
            dxx: self.dxx + o.dxx,
            dxy: self.dxy + o.dxy,
            dyy: self.dyy + o.dyy,
        }
    }
    pub(crate) fn scale(self, k: f64) -> Self {
        Self {
            v: self.v * k,
            dx: self.dx * k,
            dy: self.dy * k,
            dxx: self.dxx * k,
            dxy: self.dxy * k,
            dyy: self.dyy * k,
        }
    }
    pub(crate) fn mul(self, o: Self) -> Self {
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
    pub(crate) fn chain(self, f: f64, f1: f64, f2: f64) -> Self {
        Self {
            v: f,
            dx: f1 * self.dx,
            dy: f1 * self.dy,
            dxx: f2 * self.dx * self.dx + f1 * self.dxx,
            dxy: f2 * self.dx * self.dy + f1 * self.dxy,
            dyy: f2 * self.dy * self.dy + f1 * self.dyy,
        }
    }
    pub(crate) fn recip(self) -> Self {
        let u = self.v;
        self.chain(1.0 / u, -1.0 / (u * u), 2.0 / (u * u * u))
    }
    pub(crate) fn powf(self, c: f64) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_rule_to_second_order() {
        // u = x (dx = 1), v = x (dx = 1): u·v = x², d/dx = 2x, d²/dx² = 2.
        let x = Dual2 {
            dx: 1.0,
            ..Dual2::constant(3.0)
        };
        let sq = x.mul(x);
        assert_eq!((sq.v, sq.dx, sq.dxx), (9.0, 6.0, 2.0));
        // 1/x at 2: −1/4, second derivative 2/x³ = 1/4.
        let r = Dual2 {
            dx: 1.0,
            ..Dual2::constant(2.0)
        }
        .recip();
        assert_eq!((r.v, r.dx, r.dxx), (0.5, -0.25, 0.25));
    }
}
