//! The weights of each layer as a histogram, with the share near zero: what
//! weight decay does, seen during training (seed 003: L1 drives weights to
//! exactly 0, sparsity; L2 shrinks them all towards 0).

use crate::nn::gemm::Scalar;
use crate::nn::mlp::Mlp;
use crate::stats::Histogram;

/// A weight counts as near zero below this size.
pub const NEAR_ZERO: f64 = 1e-3;
/// Bins of each layer's histogram.
pub const BINS: usize = 25;

/// One weight matrix summarized.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightLayer {
    /// Counts over a fixed symmetric range (values beyond it are counted in
    /// the edge bins).
    pub histogram: Histogram,
    /// Share of the weights with |w| < [`NEAR_ZERO`].
    pub near_zero: f64,
    /// Root mean square of the weights.
    pub rms: f64,
    /// How many weights.
    pub count: usize,
}

/// The half-width of each weight matrix's histogram: four times the
/// standard deviation of its initial weights, so that the start fills it
/// and shrinking or growing shows as narrowing or spreading (0.1 when the
/// weights start at 0).
pub fn ranges<F: Scalar>(net: &Mlp<F>) -> Vec<f64> {
    net.params
        .iter()
        .filter(|p| p.decay)
        .map(|p| {
            let n = p.value.len().max(1) as f64;
            let rms = (p.value.iter().map(|w| w.to_f64().powi(2)).sum::<f64>() / n).sqrt();
            if rms > 0.0 {
                4.0 * rms
            } else {
                0.1
            }
        })
        .collect()
}

/// Each weight matrix of `net` (biases, γ and β left out), binned over
/// ±`ranges[i]`.
pub fn layers<F: Scalar>(net: &Mlp<F>, ranges: &[f64]) -> Vec<WeightLayer> {
    net.params
        .iter()
        .filter(|p| p.decay)
        .zip(ranges)
        .map(|(p, &half)| {
            let values: Vec<f64> = p.value.iter().map(|w| w.to_f64()).collect();
            let n = values.len().max(1) as f64;
            let near = values.iter().filter(|w| w.abs() < NEAR_ZERO).count();
            let rms = (values.iter().map(|w| w * w).sum::<f64>() / n).sqrt();
            let edge = half * (1.0 - 1e-12);
            WeightLayer {
                histogram: Histogram::of(
                    values.iter().map(|w| w.clamp(-edge, edge)),
                    -half,
                    half,
                    BINS,
                ),
                near_zero: near as f64 / n,
                rms,
                count: values.len(),
            }
        })
        .collect()
}

/// Layers as flat numbers for the page: the count of layers, then per layer
/// its half-range, near-zero share, rms, weight count and [`BINS`] counts.
pub fn to_numbers(layers: &[WeightLayer]) -> Vec<f64> {
    let mut out = vec![layers.len() as f64];
    for l in layers {
        out.extend([l.histogram.hi, l.near_zero, l.rms, l.count as f64]);
        out.extend(l.histogram.counts.iter().map(|&c| c as f64));
    }
    out
}

/// Reads [`to_numbers`] back; `None` when the numbers do not have its form.
pub fn from_numbers(v: &[f64]) -> Option<Vec<WeightLayer>> {
    let (&n, mut rest) = v.split_first()?;
    if !(0.0..=64.0).contains(&n) || n.fract() != 0.0 {
        return None;
    }
    let mut out = Vec::new();
    for _ in 0..n as usize {
        if rest.len() < 4 + BINS {
            return None;
        }
        let (head, tail) = rest.split_at(4 + BINS);
        let half = head[0];
        if !(half.is_finite() && half > 0.0) || head[4..].iter().any(|c| !c.is_finite() || *c < 0.0)
        {
            return None;
        }
        out.push(WeightLayer {
            histogram: Histogram {
                lo: -half,
                hi: half,
                counts: head[4..].iter().map(|&c| c as usize).collect(),
            },
            near_zero: head[1],
            rms: head[2],
            count: head[3] as usize,
        });
        rest = tail;
    }
    rest.is_empty().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::mlp::MlpSpec;
    use crate::nn::{Activation, Scheme};

    #[test]
    fn near_zero_share_and_edges_worked_by_hand() {
        let spec = MlpSpec {
            input: 2,
            hidden: vec![2],
            output: 1,
            activation: Activation::Relu,
            init: Scheme::Zeros,
            batch_norm: false,
            dropout: 0.0,
            dropout_style: Default::default(),
        };
        let mut net = Mlp::<f64>::zeroed(spec).unwrap();
        // First matrix: 0, 5e-4, 0.05, 9 (beyond the range, in the last bin).
        net.params[0].value.copy_from_slice(&[0.0, 5e-4, 0.05, 9.0]);
        net.params[2].value.copy_from_slice(&[-0.02, 0.02]);
        let r = ranges(&net);
        assert!((r[0] - 4.0 * ((0.05f64.powi(2) + 81.0 + 2.5e-7) / 4.0).sqrt()).abs() < 1e-12);
        let l = layers(&net, &[0.1, 0.1]);
        assert_eq!(l.len(), 2, "one per weight matrix; biases left out");
        assert_eq!((l[0].near_zero, l[1].near_zero), (0.5, 0.0));
        assert_eq!(l[0].count, 4);
        assert_eq!(l[0].histogram.counts.iter().sum::<usize>(), 4);
        assert_eq!(
            l[0].histogram.counts[BINS - 1],
            1,
            "9 is counted at the edge"
        );
        assert_eq!(
            l[0].histogram.counts[BINS / 2],
            2,
            "0 and 5e-4 in the middle bin"
        );
        assert_eq!(from_numbers(&to_numbers(&l)), Some(l));
        assert_eq!(from_numbers(&[1.0, 0.1]), None);
        assert_eq!(from_numbers(&[f64::NAN]), None);
    }
}
