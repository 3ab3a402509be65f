//! Momentum (Polyak's heavy ball): v ← αv − ηg; W ← W + v.
//!
//! The velocity keeps a decaying sum of past gradients, so steps grow along a
//! consistent direction and oscillations across a valley cancel.

use super::{Hyper, Param, Slot};
use crate::float::Float;

pub(super) fn update<F: Float>(h: &Hyper, s: &mut Slot<F>, params: &mut [F], grads: &[F], lr: F) {
    let alpha = F::of(h.get(Param::Momentum));
    for ((w, &g), v) in params.iter_mut().zip(grads).zip(&mut s.a) {
        *v = alpha * *v - lr * g;
        *w += *v;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{update, Hyper, Kind, Slot};

    #[test]
    fn two_steps_by_hand() {
        // α 0.9, η 0.1, constant g = 1 from W = 0:
        // v1 = -0.1, W1 = -0.1; v2 = 0.9·(-0.1) - 0.1 = -0.19, W2 = -0.29.
        let h = Hyper::book(Kind::Momentum);
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::Momentum, &h, &mut s, &mut w, &[1.0], 0.1);
        assert!((w[0] + 0.1).abs() < 1e-15);
        update(Kind::Momentum, &h, &mut s, &mut w, &[1.0], 0.1);
        assert!((w[0] + 0.29).abs() < 1e-15 && (s.a[0] + 0.19).abs() < 1e-15);
    }
}
