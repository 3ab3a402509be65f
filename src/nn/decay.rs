//! Weight decay: a penalty on large weights added to the loss (biases, γ
//! and β are not decayed). L2 adds ½λ‖W‖² (gradient λW, as the book), L1
//! adds λ‖W‖₁ (gradient λ·sign W), the elastic net both.

use super::gemm::Scalar;
use super::mlp::Param;
use crate::error::Result;
use crate::fail;

/// Weight decay.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Decay {
    /// None.
    #[default]
    None,
    /// ½λ‖W‖².
    L2(f64),
    /// λ‖W‖₁.
    L1(f64),
    /// λ‖W‖₁ + ½λ‖W‖².
    ElasticNet(f64),
}

impl Decay {
    /// (λ₁, λ₂).
    pub fn coefficients(self) -> (f64, f64) {
        match self {
            Decay::None => (0.0, 0.0),
            Decay::L2(l) => (0.0, l),
            Decay::L1(l) => (l, 0.0),
            Decay::ElasticNet(l) => (l, l),
        }
    }

    /// Builds a decay from its kind (`none`, `l2`, `l1`, `elastic`) and λ.
    pub fn named(kind: &str, lambda: f64) -> Result<Self> {
        if !(lambda.is_finite() && (0.0..=10.0).contains(&lambda)) {
            fail!(
                "The weight decay λ must be between 0 and 10, got {}.",
                "가중치 감소 λ는 0~10이어야 하는데 {}입니다.",
                crate::num::num(lambda)
            );
        }
        Ok(match kind {
            "none" => Decay::None,
            "l2" => Decay::L2(lambda),
            "l1" => Decay::L1(lambda),
            "elastic" => Decay::ElasticNet(lambda),
            other => fail!("Unknown weight decay \"{other}\"; choose none, l2, l1 or elastic.","\"{other}\"은(는) 알 수 없는 가중치 감소입니다. none, l2, l1, elastic 중에서 고르세요.",),
        })
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

    #[test]
    fn kinds_and_messages() {
        assert_eq!(Decay::named("l2", 0.1).unwrap().coefficients(), (0.0, 0.1));
        assert_eq!(
            Decay::named("elastic", 0.2).unwrap().coefficients(),
            (0.2, 0.2)
        );
        assert_eq!(
            Decay::named("l2", -1.0).unwrap_err().message(),
            "The weight decay λ must be between 0 and 10, got -1."
        );
        assert!(Decay::named("l3", 0.1)
            .unwrap_err()
            .message()
            .starts_with("Unknown weight decay"));
    }
}
