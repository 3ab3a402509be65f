//! AdaGrad (Duchi et al. 2011): h ← h + g²; W ← W − ηg / (√h + ε), or with
//! ε inside the root, W ← W − ηg / √(h + ε) (as seed 003 writes it).
//!
//! Each parameter's step shrinks with the sum of its squared gradients, so
//! steep directions slow down, and every step size keeps shrinking: AdaGrad
//! can stop before it arrives.

use super::{Hyper, Param, Slot};
use crate::float::Float;

pub(super) fn update<F: Float>(h: &Hyper, s: &mut Slot<F>, params: &mut [F], grads: &[F], lr: F) {
    let eps = F::of(h.get(Param::Eps));
    let inside = h.flag(Param::EpsInside);
    for ((w, &g), acc) in params.iter_mut().zip(grads).zip(&mut s.a) {
        *acc += g * g;
        let root = if inside {
            (*acc + eps).sqrt()
        } else {
            acc.sqrt() + eps
        };
        *w -= lr * g / root;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{update, Hyper, Kind, Slot};

    #[test]
    fn steps_shrink_as_one_over_root_t() {
        // Constant g = 3: h_t = 9t, step_t = η·3/(3√t + ε) ≈ η/√t.
        let h = Hyper::book(Kind::AdaGrad);
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        let mut last = 0.0;
        for t in 1..=4 {
            update(Kind::AdaGrad, &h, &mut s, &mut w, &[3.0], 1.0);
            let step = last - w[0];
            let expected = 3.0 / ((9.0 * t as f64).sqrt() + 1e-7);
            assert!(
                (step - expected).abs() < 1e-14,
                "t={t}: {step} vs {expected}"
            );
            last = w[0];
        }
    }

    #[test]
    fn eps_inside_the_root_as_seed_003_writes_it() {
        // g = 3, ε = 0.5 (large, to see it): outside 3/(3 + 0.5), inside 3/√(9 + 0.5).
        let mut h = Hyper::book(Kind::AdaGrad);
        h.set(super::super::Param::Eps, 0.5).unwrap();
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::AdaGrad, &h, &mut s, &mut w, &[3.0], 1.0);
        assert!((w[0] + 3.0 / 3.5).abs() < 1e-15);
        h.set(super::super::Param::EpsInside, 1.0).unwrap();
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::AdaGrad, &h, &mut s, &mut w, &[3.0], 1.0);
        assert!((w[0] + 3.0 / 9.5_f64.sqrt()).abs() < 1e-15);
    }
}
