//! Adam (Kingma & Ba 2015), as the book computes it:
//!
//! t ← t + 1; η_t = η·√(1 − β2ᵗ)/(1 − β1ᵗ);
//! m ← m + (1 − β1)(g − m); v ← v + (1 − β2)(g² − v);
//! W ← W − η_t·m / (√v + ε).
//!
//! With bias correction off, η_t = η: since m and v start at zero, the early
//! ratio m/√v is then up to several times too large, and the first steps are huge.

use super::{Hyper, Slot};
use crate::float::Float;

pub(super) fn update<F: Float>(h: &Hyper, s: &mut Slot<F>, params: &mut [F], grads: &[F], lr: F) {
    let (b1, b2, eps) = (F::of(h.beta1), F::of(h.beta2), F::of(h.eps));
    let lr_t = if h.bias_correction {
        let t = s.t as i32;
        lr * F::of((1.0 - h.beta2.powi(t)).sqrt() / (1.0 - h.beta1.powi(t)))
    } else {
        lr
    };
    for (((w, &g), m), v) in params.iter_mut().zip(grads).zip(&mut s.a).zip(&mut s.b) {
        *m += (F::ONE - b1) * (g - *m);
        *v += (F::ONE - b2) * (g * g - *v);
        *w -= lr_t * *m / (v.sqrt() + eps);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{update, Hyper, Kind, Slot};

    #[test]
    fn first_step_is_eta_with_correction_and_3_16_eta_without() {
        // t = 1: m = 0.1g, v = 0.001g², η_1 = η·√0.001/0.1.
        // Corrected step: η·(√0.001/0.1)·0.1g/(√0.001|g| + ε) ≈ η.
        // Uncorrected: η·0.1/√0.001 = η·3.162…
        let mut h = Hyper::book(Kind::Adam);
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::Adam, &h, &mut s, &mut w, &[4.0], 0.5);
        let exact = 0.5 * (0.001_f64.sqrt() / 0.1) * 0.4 / (0.016_f64.sqrt() + 1e-7);
        assert!((w[0] + exact).abs() < 1e-12 * exact && (w[0] + 0.5).abs() < 1e-6);
        h.bias_correction = false;
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::Adam, &h, &mut s, &mut w, &[4.0], 0.5);
        let uncorrected = 0.5 * 0.4 / (0.016_f64.sqrt() + 1e-7);
        assert!((w[0] + uncorrected).abs() < 1e-12 * uncorrected);
        assert!((w[0] / -0.5 - 10f64.sqrt()).abs() < 1e-5);
    }
}
