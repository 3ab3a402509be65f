//! Adam (Kingma & Ba 2015), as the book computes it:
//!
//! t ← t + 1; η_t = η·√(1 − β2ᵗ)/(1 − β1ᵗ);
//! m ← m + (1 − β1)(g − m); v ← v + (1 − β2)(g² − v);
//! W ← W − η_t·m / (√v + ε).
//!
//! With bias correction off, η_t = η: since m and v start at zero, the early
//! ratio m/√v is then up to several times too large, and the first steps are huge.
//!
//! With ε inside the root, the update is seed 003's: m̂ = m/(1 − β1ᵗ),
//! v̂ = v/(1 − β2ᵗ), W ← W − η·m̂/√(v̂ + ε) (m̂ = m, v̂ = v without correction).

use super::{Hyper, Param, Slot};
use crate::float::Float;

pub(super) fn update<F: Float>(h: &Hyper, s: &mut Slot<F>, params: &mut [F], grads: &[F], lr: F) {
    let (beta1, beta2) = (h.get(Param::Beta1), h.get(Param::Beta2));
    let (b1, b2, eps) = (F::of(beta1), F::of(beta2), F::of(h.get(Param::Eps)));
    let t = s.t.min(i32::MAX as u64) as i32;
    let (c1, c2) = if h.flag(Param::BiasCorrection) {
        (1.0 - beta1.powi(t), 1.0 - beta2.powi(t))
    } else {
        (1.0, 1.0)
    };
    if h.flag(Param::EpsInside) {
        let (k1, k2) = (F::of(1.0 / c1), F::of(1.0 / c2));
        for (((w, &g), m), v) in params.iter_mut().zip(grads).zip(&mut s.a).zip(&mut s.b) {
            *m += (F::ONE - b1) * (g - *m);
            *v += (F::ONE - b2) * (g * g - *v);
            *w -= lr * (*m * k1) / (*v * k2 + eps).sqrt();
        }
        return;
    }
    let lr_t = lr * F::of(c2.sqrt() / c1);
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
        h.set(super::super::Param::BiasCorrection, 0.0).unwrap();
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::Adam, &h, &mut s, &mut w, &[4.0], 0.5);
        let uncorrected = 0.5 * 0.4 / (0.016_f64.sqrt() + 1e-7);
        assert!((w[0] + uncorrected).abs() < 1e-12 * uncorrected);
        assert!((w[0] / -0.5 - 10f64.sqrt()).abs() < 1e-5);
    }

    #[test]
    fn eps_inside_the_root_as_seed_003_writes_it() {
        // t = 1, g = 4, ε = 0.5: m = 0.4, v = 0.016; m̂ = 4, v̂ = 16;
        // step = η·4/√(16 + 0.5). Without correction: η·0.4/√(0.016 + 0.5).
        let mut h = Hyper::book(Kind::Adam);
        h.set(super::super::Param::Eps, 0.5).unwrap();
        h.set(super::super::Param::EpsInside, 1.0).unwrap();
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::Adam, &h, &mut s, &mut w, &[4.0], 0.5);
        assert!(
            (w[0] + 0.5 * 4.0 / 16.5_f64.sqrt()).abs() < 1e-14,
            "{}",
            w[0]
        );
        h.set(super::super::Param::BiasCorrection, 0.0).unwrap();
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::Adam, &h, &mut s, &mut w, &[4.0], 0.5);
        assert!(
            (w[0] + 0.5 * 0.4 / 0.516_f64.sqrt()).abs() < 1e-14,
            "{}",
            w[0]
        );
    }
}
