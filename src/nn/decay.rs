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
            let w = p.value.as_slice();
            let g = p.grad.as_mut_slice();
            // Two plain loops that vectorize, instead of one that also
            // branched on the sign and summed the penalty in f64 weight by
            // weight (measured: that loop was a third of a hyperparameter
            // search's time, whose trials all decay their weights).
            if l1 == 0.0 {
                for (g, &w) in g.iter_mut().zip(w) {
                    *g += f2 * w;
                }
            } else {
                for (g, &w) in g.iter_mut().zip(w) {
                    *g += f2 * w + f1 * sign(w);
                }
            }
            let (squares, sizes) = sums(w);
            penalty += 0.5 * l2 * squares + l1 * sizes;
        }
        penalty
    }

    /// The penalty alone, for reporting.
    pub fn penalty<F: Scalar>(self, params: &[Param<F>]) -> f64 {
        let (l1, l2) = self.coefficients();
        params
            .iter()
            .filter(|p| p.decay)
            .map(|p| {
                let (squares, sizes) = sums(p.value.as_slice());
                0.5 * l2 * squares + l1 * sizes
            })
            .sum()
    }
}

/// −1, 0 or 1 as `w` is negative, zero or positive.
fn sign<F: Scalar>(w: F) -> F {
    if w > F::ZERO {
        F::ONE
    } else if w < F::ZERO {
        -F::ONE
    } else {
        F::ZERO
    }
}

/// Σw² and Σ|w|, in f64: eight running sums of the weights' own type over
/// pieces of 512, each piece's added in f64 (a relative error of about 512
/// roundings in f32 at most, where one sum over 78,400 weights would lose
/// far more, and a loop that vectorizes, where f64 weight by weight did not).
fn sums<F: Scalar>(w: &[F]) -> (f64, f64) {
    const LANES: usize = 8;
    let (mut squares, mut sizes) = (0.0, 0.0);
    for piece in w.chunks(512) {
        let (mut sq, mut ab) = ([F::ZERO; LANES], [F::ZERO; LANES]);
        let mut lanes = piece.chunks_exact(LANES);
        for group in &mut lanes {
            for k in 0..LANES {
                sq[k] += group[k] * group[k];
                ab[k] += group[k].abs();
            }
        }
        for (k, &v) in lanes.remainder().iter().enumerate() {
            sq[k] += v * v;
            ab[k] += v.abs();
        }
        squares += sq.iter().map(|v| v.to_f64()).sum::<f64>();
        sizes += ab.iter().map(|v| v.to_f64()).sum::<f64>();
    }
    (squares, sizes)
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

    #[test]
    fn the_penalty_of_many_f32_weights_is_their_f64_sum_within_rounding() {
        // 78,401 weights (the first layer's 784 × 100 and one more, so the
        // last piece and its last group are partial), in [−0.5, 0.5).
        let mut rng = crate::rng::Rng::seeded(3);
        let w: Vec<f32> = (0..78_401).map(|_| rng.uniform() as f32 - 0.5).collect();
        let (squares, sizes) = sums(&w);
        let exact_sq: f64 = w.iter().map(|&v| f64::from(v) * f64::from(v)).sum();
        let exact_abs: f64 = w.iter().map(|&v| f64::from(v).abs()).sum();
        assert!(
            (squares / exact_sq - 1.0).abs() < 1e-6,
            "{squares} vs {exact_sq}"
        );
        assert!(
            (sizes / exact_abs - 1.0).abs() < 1e-6,
            "{sizes} vs {exact_abs}"
        );
        // A plain f32 running sum is off by far more: the pieces matter.
        let naive: f32 = w.iter().map(|v| v * v).sum();
        assert!((f64::from(naive) / exact_sq - 1.0).abs() > (squares / exact_sq - 1.0).abs());
    }
}
