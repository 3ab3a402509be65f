//! RMSProp (Tieleman & Hinton 2012): h ← ρh + (1 − ρ)g²; W ← W − ηg / (√h + ε).
//!
//! AdaGrad with a leaky sum: old gradients are forgotten, so the step size
//! settles instead of shrinking to nothing.

use super::{Hyper, Param, Slot};
use crate::float::Float;

pub(super) fn update<F: Float>(h: &Hyper, s: &mut Slot<F>, params: &mut [F], grads: &[F], lr: F) {
    let (rho, eps) = (F::of(h.get(Param::Rho)), F::of(h.get(Param::Eps)));
    let inside = h.flag(Param::EpsInside);
    for ((w, &g), acc) in params.iter_mut().zip(grads).zip(&mut s.a) {
        *acc = rho * *acc + (F::ONE - rho) * g * g;
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
    fn first_step_by_hand() {
        // ρ 0.99, g = 2: h = 0.01·4 = 0.04, √h = 0.2, step = η·2/(0.2 + 1e-7).
        let h = Hyper::book(Kind::RmsProp);
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::RmsProp, &h, &mut s, &mut w, &[2.0], 0.01);
        assert!((w[0] + 0.02 / (0.2 + 1e-7)).abs() < 1e-15);
        assert!((s.a[0] - 0.04).abs() < 1e-15);
    }
}
