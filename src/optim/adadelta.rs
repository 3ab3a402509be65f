//! AdaDelta (Zeiler 2012): the step's units come from past steps, so no base
//! rate is needed (η multiplies the step and defaults to 1).
//!
//! E[g²] ← ρE[g²] + (1 − ρ)g²; Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g;
//! E[Δ²] ← ρE[Δ²] + (1 − ρ)Δ²; W ← W + ηΔ.

use super::{Hyper, Param, Slot};
use crate::float::Float;

pub(super) fn update<F: Float>(h: &Hyper, s: &mut Slot<F>, params: &mut [F], grads: &[F], lr: F) {
    let (rho, eps) = (F::of(h.get(Param::Rho)), F::of(h.get(Param::Eps)));
    for (((w, &g), eg), ed) in params.iter_mut().zip(grads).zip(&mut s.a).zip(&mut s.b) {
        *eg = rho * *eg + (F::ONE - rho) * g * g;
        let delta = -((*ed + eps).sqrt() / (*eg + eps).sqrt()) * g;
        *ed = rho * *ed + (F::ONE - rho) * delta * delta;
        *w += lr * delta;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{update, Hyper, Kind, Slot};

    #[test]
    fn first_step_by_hand() {
        // ρ 0.95, ε 1e-6, g = 1: E[g²] = 0.05; Δ = -√1e-6/√(0.05 + 1e-6);
        // E[Δ²] = 0.05Δ².
        let h = Hyper::book(Kind::AdaDelta);
        let (mut w, mut s) = ([0.0_f64], Slot::new(1));
        update(Kind::AdaDelta, &h, &mut s, &mut w, &[1.0], 1.0);
        let delta = -(1e-6_f64).sqrt() / (0.05_f64 + 1e-6).sqrt();
        assert!((w[0] - delta).abs() < 1e-15 * delta.abs());
        assert!((s.b[0] - 0.05 * delta * delta).abs() < 1e-15 * s.b[0]);
    }
}
