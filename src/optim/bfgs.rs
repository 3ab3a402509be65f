//! BFGS: a dense estimate H of the inverse Hessian, corrected after every
//! step so that H·y = s (the secant equation) for the step s = Δw and the
//! change of gradient y = Δg:
//!
//! H ← (I − ρ·s·yᵀ) H (I − ρ·y·sᵀ) + ρ·s·sᵀ,  ρ = 1/(yᵀs).
//!
//! Before the first correction H is scaled to (sᵀy/yᵀy)·I (Nocedal and
//! Wright, eq. 6.20). It stores n² numbers: for a network that is the
//! Hessian's own cost, which is why [`super::lbfgs`] exists.

use super::quasi::{curvature_ok, dot, Curvature};

/// A dense inverse-Hessian estimate for `n` parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Bfgs {
    n: usize,
    /// Row-major n × n.
    h: Vec<f64>,
    updates: usize,
}

impl Bfgs {
    /// H = I.
    pub fn new(n: usize) -> Self {
        let mut h = vec![0.0; n * n];
        for i in 0..n {
            h[i * n + i] = 1.0;
        }
        Self { n, h, updates: 0 }
    }

    /// The estimate, row-major.
    pub fn inverse_hessian(&self) -> &[f64] {
        &self.h
    }

    fn times(&self, v: &[f64]) -> Vec<f64> {
        self.h.chunks(self.n).map(|row| dot(row, v)).collect()
    }
}

impl Curvature for Bfgs {
    fn direction(&self, g: &[f64]) -> Vec<f64> {
        self.times(g).into_iter().map(|x| -x).collect()
    }

    fn remember(&mut self, s: &[f64], y: &[f64]) -> bool {
        if !curvature_ok(s, y) {
            return false;
        }
        let sy = dot(s, y);
        if self.updates == 0 {
            let gamma = sy / dot(y, y);
            self.h.iter_mut().for_each(|x| *x *= gamma);
        }
        // With v = H·y (H symmetric): H' = H − ρ(s·vᵀ + v·sᵀ) + (ρ²·yᵀv + ρ)·s·sᵀ.
        let rho = 1.0 / sy;
        let v = self.times(y);
        let c = rho * rho * dot(y, &v) + rho;
        let n = self.n;
        for i in 0..n {
            for j in 0..n {
                self.h[i * n + j] += -rho * (s[i] * v[j] + v[i] * s[j]) + c * s[i] * s[j];
            }
        }
        self.updates += 1;
        true
    }

    fn stored(&self) -> usize {
        self.n * self.n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secant_equation_holds_after_each_update() {
        let mut b = Bfgs::new(2);
        // Worked by hand: s = (1, 0), y = (2, 0): γ = 2/4 = ½, so H = ½I
        // first; then v = Hy = (1, 0), ρ = ½, c = ¼·2 + ½ = 1:
        // H₀₀ = ½ − ½·2 + 1 = ½, and H·y = (1, 0) = s.
        assert!(b.remember(&[1.0, 0.0], &[2.0, 0.0]));
        assert_eq!(b.inverse_hessian(), &[0.5, 0.0, 0.0, 0.5]);
        for (s, y) in [([0.3, -1.0], [0.1, -2.5]), ([-0.7, 0.2], [-1.1, 0.9])] {
            assert!(b.remember(&s, &y));
            let hy = b.times(&y);
            assert!(
                (hy[0] - s[0]).abs() < 1e-12 && (hy[1] - s[1]).abs() < 1e-12,
                "{hy:?}"
            );
            let h = b.inverse_hessian();
            assert!((h[1] - h[2]).abs() < 1e-12, "symmetric");
        }
        // A pair with negative curvature is refused and changes nothing.
        let before = b.clone();
        assert!(!b.remember(&[1.0, 0.0], &[-1.0, 0.0]));
        assert_eq!(b, before);
    }

    #[test]
    fn two_steps_learn_a_quadratic_exactly() {
        // f = x²/20 + y²: H⁻¹ = diag(10, 0.5). Steps along both axes give
        // y = ∇²f·s, and two independent pairs pin H down.
        let mut b = Bfgs::new(2);
        b.remember(&[1.0, 0.0], &[0.1, 0.0]);
        b.remember(&[0.0, 1.0], &[0.0, 2.0]);
        let h = b.inverse_hessian();
        let want = [10.0, 0.0, 0.0, 0.5];
        assert!(
            h.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-12),
            "{h:?}"
        );
        assert_eq!(b.stored(), 4);
    }
}
