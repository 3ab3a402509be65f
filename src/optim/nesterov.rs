//! Nesterov's accelerated gradient, in the form the book's code uses
//! (Bengio et al. 2013, "Advances in optimizing recurrent networks"):
//!
//! W ← W + α²v − (1 + α)ηg, **then** v ← αv − ηg.
//!
//! This is momentum whose gradient is taken at the look-ahead point W + αv,
//! rewritten so that the gradient is evaluated at the stored parameters.

use super::{Hyper, Param, Slot};
use crate::float::Float;

pub(super) fn update<F: Float>(h: &Hyper, s: &mut Slot<F>, params: &mut [F], grads: &[F], lr: F) {
    let alpha = F::of(h.get(Param::Momentum));
    for ((w, &g), v) in params.iter_mut().zip(grads).zip(&mut s.a) {
        *w += alpha * alpha * *v - (F::ONE + alpha) * lr * g;
        *v = alpha * *v - lr * g;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{update, Hyper, Kind, Slot};

    #[test]
    fn two_steps_by_hand() {
        // α 0.9, η 0.1, g = 1 then 2, from W = 0, v = 0:
        // step 1: W = 0 + 0 - 1.9·0.1·1 = -0.19; v = -0.1.
        // step 2: W = -0.19 + 0.81·(-0.1) - 1.9·0.1·2 = -0.651; v = -0.09 - 0.2 = -0.29.
        let h = Hyper::book(Kind::Nesterov);
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::Nesterov, &h, &mut s, &mut w, &[1.0], 0.1);
        assert!((w[0] + 0.19).abs() < 1e-15);
        update(Kind::Nesterov, &h, &mut s, &mut w, &[2.0], 0.1);
        assert!((w[0] + 0.651).abs() < 1e-15, "{}", w[0]);
        assert!((s.a[0] + 0.29).abs() < 1e-15);
    }
}
