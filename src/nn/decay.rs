//! Weight decay: a penalty on large weights added to the loss (biases, γ
//! and β are not decayed): λ₁‖W‖₁ + ½λ₂‖W‖², as seed 003 writes the elastic
//! net; the gradient is λ₁·sign W + λ₂W. With λ₁ = 0 it is the book's L2
//! (½λ‖W‖², gradient λW); with λ₂ = 0 it is L1, which drives weights to 0.

use super::gemm::Scalar;
use super::mlp::Param;

/// Weight decay's two coefficients.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Decay {
    /// λ₁, of ‖W‖₁.
    pub l1: f64,
    /// λ₂, of ½‖W‖².
    pub l2: f64,
}

impl Decay {
    /// No decay.
    pub const NONE: Decay = Decay { l1: 0.0, l2: 0.0 };

    /// The book's L2 decay with coefficient `lambda`.
    pub fn l2(lambda: f64) -> Self {
        Decay {
            l1: 0.0,
            l2: lambda,
        }
    }

    /// (λ₁, λ₂).
    pub fn coefficients(self) -> (f64, f64) {
        (self.l1, self.l2)
    }
}

impl Decay {
    /// Adds the weight-decay gradient and returns the penalty:
    /// L2 ½λ‖W‖² (gradient λW, as the book), L1 λ‖W‖₁ (gradient λ·sign W),
    /// elastic net both. Biases, γ and β are not decayed.
    pub fn apply<F: Scalar>(self, params: &mut [Param<F>]) -> f64 {
        let (l1, l2) = self.coefficients();
        if l1 == 0.0 && l2 == 0.0 {
            return 0.0;
        }
        let (f1, f2) = (F::of(l1), F::of(l2));
        let mut penalty = 0.0;
        for p in params.iter_mut().filter(|p| p.decay) {
            for (g, &w) in p.grad.as_mut_slice().iter_mut().zip(p.value.as_slice()) {
                let sign = if w > F::ZERO {
                    F::ONE
                } else if w < F::ZERO {
                    -F::ONE
                } else {
                    F::ZERO
                };
                *g += f2 * w + f1 * sign;
                let wf = w.to_f64();
                penalty += 0.5 * l2 * wf * wf + l1 * wf.abs();
            }
        }
        penalty
    }

    /// The penalty alone, for reporting.
    pub fn penalty<F: Scalar>(self, params: &[Param<F>]) -> f64 {
        let (l1, l2) = self.coefficients();
        params
            .iter()
            .filter(|p| p.decay)
            .flat_map(|p| p.value.iter())
            .map(|w| {
                let w = w.to_f64();
                0.5 * l2 * w * w + l1 * w.abs()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::mlp::{Mlp, MlpSpec};

    #[test]
    fn penalty_and_gradient_worked_by_hand() {
        // One weight matrix w = [2, −3] (and its bias, not decayed).
        let spec = MlpSpec {
            input: 1,
            hidden: vec![2],
            output: 1,
            activation: crate::nn::Activation::Relu,
            init: crate::nn::Scheme::Zeros,
            batch_norm: false,
            dropout: 0.0,
            dropout_style: Default::default(),
        };
        let mut net = Mlp::<f64>::zeroed(spec).unwrap();
        net.params[0].value.copy_from_slice(&[2.0, -3.0]);
        for p in &mut net.params {
            p.grad = p.value.map(|_| 0.0);
        }
        let d = Decay { l1: 0.5, l2: 0.1 };
        // λ₁(|2| + |−3|) + ½λ₂(4 + 9) = 2.5 + 0.65.
        let penalty = d.apply(&mut net.params);
        assert!((penalty - 3.15).abs() < 1e-12, "{penalty}");
        assert!((d.penalty(&net.params) - 3.15).abs() < 1e-12);
        // λ₁·sign w + λ₂w: 0.5 + 0.2 and −0.5 − 0.3.
        let g = net.params[0].grad.as_slice();
        assert!(
            (g[0] - 0.7).abs() < 1e-12 && (g[1] + 0.8).abs() < 1e-12,
            "{g:?}"
        );
        assert_eq!(
            net.params[1].grad.as_slice(),
            &[0.0, 0.0],
            "biases are not decayed"
        );
        assert_eq!(Decay::NONE.apply(&mut net.params), 0.0);
    }
}
