//! Stochastic gradient descent: W ← W − ηg.

use crate::float::Float;

pub(super) fn update<F: Float>(params: &mut [F], grads: &[F], lr: F) {
    for (w, &g) in params.iter_mut().zip(grads) {
        *w -= lr * g;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{update, Hyper, Kind, Slot};

    #[test]
    fn one_step_by_hand() {
        // W = (1, -2), g = (0.5, -1), η = 0.1 → (0.95, -1.9).
        let mut w = [1.0_f64, -2.0];
        update(
            Kind::Sgd,
            &Hyper::book(Kind::Sgd),
            &mut Slot::new(2),
            &mut w,
            &[0.5, -1.0],
            0.1,
        );
        assert_eq!(w, [0.95, -1.9]);
    }
}
