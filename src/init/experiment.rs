//! The book's initialization experiment: push S Gaussian samples through L
//! layers of n neurons (no bias) and look at each layer's activations, and at
//! the gradients that flow back.
//!
//! Forward, for each layer: a = x·W, optionally batch-normalized per neuron
//! over the batch (γ = 1, β = 0), then h = act(a). Backward: a seeded N(0, 1)
//! gradient at the top, propagated through the same layers; each layer reports
//! its weight gradient dW = xᵀ·da.

use super::propagate::{backward, forward, gaussian, Layer};
use crate::error::Result;
use crate::json::Json;
use crate::nn::Activation;
use crate::nn::Scheme;
use crate::rng::Rng;
use crate::stats::Histogram;
use nalgebra::DMatrix;

pub use super::propagate::BN_EPS;

/// What to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Number of layers L (1 to 10).
    pub layers: usize,
    /// Neurons per layer n (10 to 500).
    pub width: usize,
    /// Input samples S (10 to 5000).
    pub samples: usize,
    /// Nonlinearity.
    pub activation: Activation,
    /// Weight initialization.
    pub scheme: Scheme,
    /// Normalize each layer's pre-activations over the batch.
    pub batch_norm: bool,
    /// Histogram bins.
    pub bins: usize,
    /// Seed of inputs, weights and the top gradient.
    pub seed: u64,
}

impl Default for Config {
    /// The book: sigmoid, std 1, 5 layers × 100 neurons, 1000 samples, 30 bins.
    fn default() -> Self {
        Self {
            layers: 5,
            width: 100,
            samples: 1000,
            activation: Activation::Sigmoid,
            scheme: Scheme::Std(1.0),
            batch_norm: false,
            bins: 30,
            seed: 1,
        }
    }
}

impl Config {
    /// Checks every size against its catalogue entry, and the scheme.
    pub fn validate(&self) -> Result<()> {
        for (key, v) in [
            ("layers", self.layers),
            ("width", self.width),
            ("samples", self.samples),
            ("bins", self.bins),
        ] {
            if let Some(e) = crate::catalogue::find(&super::settings::SETTINGS, key) {
                e.check_whole(i64::try_from(v).unwrap_or(i64::MAX))?;
            }
        }
        self.scheme.validate()
    }
}

/// Statistics of one layer.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerStats {
    /// Mean of the activations.
    pub mean: f64,
    /// Standard deviation of the activations.
    pub std: f64,
    /// Standard deviation of the pre-activations a (after batch norm if on).
    pub pre_std: f64,
    /// Share saturated: sigmoid below 0.01 or above 0.99, |tanh| above 0.99.
    pub saturated: f64,
    /// Share exactly 0 (ReLU) or negative (leaky ReLU): neurons that pass no gradient.
    pub dead: f64,
    /// True when every neuron's activations are identical (the symmetry of zero init).
    pub identical: bool,
    /// Histogram of the activations (for ReLU: of the non-zero ones).
    pub histogram: Histogram,
    /// Standard deviation of the weight gradient dW, when computed.
    pub grad_std: Option<f64>,
    /// Histogram of dW, when computed.
    pub grad_histogram: Option<Histogram>,
}

impl LayerStats {
    /// The statistics as JSON: mean, std, pre_std, saturated, dead, identical,
    /// grad_std, and the histogram `{lo, hi, counts}` when `histogram`.
    pub fn to_json(&self, histogram: bool) -> Json {
        let mut fields = vec![
            ("mean", self.mean.into()),
            ("std", self.std.into()),
            ("pre_std", self.pre_std.into()),
            ("saturated", self.saturated.into()),
            ("dead", self.dead.into()),
            ("identical", Json::Bool(self.identical)),
        ];
        if histogram {
            let h = &self.histogram;
            fields.push((
                "histogram",
                Json::obj([
                    ("lo", h.lo.into()),
                    ("hi", h.hi.into()),
                    (
                        "counts",
                        Json::Arr(h.counts.iter().map(|&c| c.into()).collect()),
                    ),
                ]),
            ));
        }
        fields.push(("grad_std", Json::from(self.grad_std)));
        Json::obj(fields)
    }
}

fn mean_std(values: &[f32]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let var = values
        .iter()
        .map(|&v| (f64::from(v) - mean).powi(2))
        .sum::<f64>()
        / n;
    (mean, var.sqrt())
}

/// The histogram range of an activation: [0, 1] for sigmoid and [−1, 1] for
/// tanh as the book draws them; for ReLU and leaky ReLU, the span of all
/// layers' values, shared so that a layer's shrinking shows as such.
fn histogram_range(act: Activation, layers: &[Layer]) -> (f64, f64) {
    let all = || layers.iter().flat_map(|l| l.out.iter().copied());
    match act {
        Activation::Sigmoid => (0.0, 1.0),
        Activation::Tanh => (-1.0, 1.0),
        Activation::Relu | Activation::LeakyRelu => {
            let lo = all().fold(0.0_f32, f32::min);
            let hi = all().fold(0.0_f32, f32::max).max(lo + 1e-12);
            (f64::from(lo), f64::from(hi))
        }
    }
}

/// Bins `values` over `range`; ReLU's exact zeros are counted apart (as `dead`).
fn activation_histogram(
    act: Activation,
    values: &[f32],
    range: (f64, f64),
    bins: usize,
) -> Histogram {
    let vals = values.iter().map(|&v| f64::from(v));
    match act {
        Activation::Relu => Histogram::of(vals.filter(|&v| v > 0.0), range.0, range.1, bins),
        _ => Histogram::of(vals, range.0, range.1, bins),
    }
}

/// A symmetric histogram over ±max|v|.
fn symmetric_histogram(values: &[f32], bins: usize) -> Histogram {
    let m = values
        .iter()
        .fold(0.0_f32, |m, v| m.max(v.abs()))
        .max(1e-30);
    Histogram::of(
        values.iter().map(|&v| f64::from(v)),
        -f64::from(m),
        f64::from(m),
        bins,
    )
}

/// Runs the experiment; with `backward`, also the gradients.
pub fn run(config: &Config, with_backward: bool) -> Result<Vec<LayerStats>> {
    config.validate()?;
    let mut rng = Rng::seeded(config.seed);
    let (n, s) = (config.width, config.samples);
    let input = gaussian(s, n, 1.0, &mut rng);
    let sigma = config.scheme.sigma(n);
    let weights: Vec<DMatrix<f32>> = (0..config.layers)
        .map(|_| gaussian(n, n, sigma, &mut rng))
        .collect();
    let layers = forward(input, &weights, config.activation, config.batch_norm);
    let range = histogram_range(config.activation, &layers);

    let mut stats: Vec<LayerStats> = layers
        .iter()
        .map(|layer| {
            let values = layer.out.as_slice();
            let (mean, std) = mean_std(values);
            let count = values.len() as f64;
            let share = |pred: &dyn Fn(f32) -> bool| {
                values.iter().filter(|&&v| pred(v)).count() as f64 / count
            };
            let saturated = match config.activation {
                Activation::Sigmoid => share(&|v| !(0.01..=0.99).contains(&v)),
                Activation::Tanh => share(&|v| v.abs() > 0.99),
                _ => 0.0,
            };
            let dead = match config.activation {
                Activation::Relu => share(&|v| v == 0.0),
                Activation::LeakyRelu => share(&|v| v < 0.0),
                _ => 0.0,
            };
            let first = layer.out.column(0);
            LayerStats {
                mean,
                std,
                pre_std: mean_std(layer.pre.as_slice()).1,
                saturated,
                dead,
                identical: layer.out.column_iter().all(|c| c == first),
                histogram: activation_histogram(config.activation, values, range, config.bins),
                grad_std: None,
                grad_histogram: None,
            }
        })
        .collect();

    if with_backward {
        let top = gaussian(
            s,
            n,
            1.0,
            &mut Rng::seeded(config.seed ^ 0x9e37_79b9_7f4a_7c15),
        );
        let grads = backward(&layers, &weights, config.activation, top);
        for (stat, dw) in stats.iter_mut().zip(&grads) {
            stat.grad_std = Some(mean_std(dw.as_slice()).1);
            stat.grad_histogram = Some(symmetric_histogram(dw.as_slice(), config.bins));
        }
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_default_has_five_30_bin_layers() {
        let stats = run(&Config::default(), false).unwrap();
        assert_eq!(stats.len(), 5);
        for s in &stats {
            assert_eq!(s.histogram.counts.len(), 30);
            assert_eq!((s.histogram.lo, s.histogram.hi), (0.0, 1.0));
            assert_eq!(s.histogram.counts.iter().sum::<usize>(), 100_000);
            assert!(s.grad_std.is_none());
        }
    }

    #[test]
    fn sizes_are_checked() {
        let msg = |c: Config| run(&c, false).unwrap_err().to_string();
        assert_eq!(
            msg(Config {
                width: 600,
                ..Config::default()
            }),
            "The width (neurons per layer) must be a whole number from 10 to 500, got 600."
        );
        assert_eq!(
            msg(Config {
                layers: 0,
                ..Config::default()
            }),
            "The number of layers must be a whole number from 1 to 10, got 0."
        );
        assert!(msg(Config {
            samples: 5,
            ..Config::default()
        })
        .contains("samples"));
        assert!(msg(Config {
            scheme: Scheme::Std(-1.0),
            ..Config::default()
        })
        .contains("σ"));
    }
}
