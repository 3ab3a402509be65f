//! Looking inside a trained network: its confusion matrix and mistakes on the
//! test digits in eval mode and in train mode (see `train::evaluate`), batch
//! norm's running averages beside a batch's own statistics, its first
//! layer's weights, and its softmax probabilities for any input, such as a
//! digit drawn on the page.
//!
//! An [`Inspection`] loads a model file (checked: see `nn::model_io`) and
//! scores it on the test digits a slice at a time, so that no step of it
//! runs long however large the network.

use super::data::{Data, Scaling};
use super::evaluate::{each_logits, Pass, TRAIN_MODE_BATCH};
use crate::data::drawing::to_mnist;
use crate::data::Digits;
use crate::error::Result;
use crate::nn::mlp::{Mlp, Mode};
use crate::nn::model_io;
use crate::rng::Rng;
use nalgebra::DMatrix;
use std::sync::Arc;

/// What one pass over the test digits found.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// How the network was run.
    pub pass: Pass,
    /// Rows: true digit; columns: predicted digit; over the digits scored so far.
    pub matrix: [[usize; 10]; 10],
    mistakes: Vec<Mistake>,
    loss: f64,
    /// Test digits scored in this pass so far.
    scored: usize,
}

impl Tally {
    fn new(pass: Pass) -> Self {
        Self {
            pass,
            matrix: [[0; 10]; 10],
            mistakes: Vec::new(),
            loss: 0.0,
            scored: 0,
        }
    }

    /// Accuracy on the digits scored so far.
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..10).map(|i| self.matrix[i][i]).sum();
        right as f64 / self.count().max(1) as f64
    }

    /// Mean cross-entropy on the digits scored so far.
    pub fn loss(&self) -> f64 {
        self.loss / self.count().max(1) as f64
    }

    fn count(&self) -> usize {
        self.matrix.iter().flatten().sum()
    }
}

impl NormStatistics {
    /// Mean over units of |running − batch|, for the mean and the variance.
    pub fn gaps(&self) -> (f64, f64) {
        let gap = |a: &[f64], b: &[f64]| {
            a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>() / a.len().max(1) as f64
        };
        (
            gap(&self.running_mean, &self.batch_mean),
            gap(&self.running_var, &self.batch_var),
        )
    }
}

/// A batch-norm layer's running averages beside one batch's statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct NormStatistics {
    /// The hidden layer (from 0).
    pub layer: usize,
    /// Examples in the batch.
    pub batch: usize,
    /// Running mean per unit (what eval mode uses).
    pub running_mean: Vec<f64>,
    /// Running variance per unit.
    pub running_var: Vec<f64>,
    /// The batch's mean per unit (what train mode uses).
    pub batch_mean: Vec<f64>,
    /// The batch's variance per unit.
    pub batch_var: Vec<f64>,
}

/// A network loaded from a model file and what it does on the test digits.
pub struct Inspection {
    /// The network.
    pub net: Mlp<f32>,
    data: Data,
    /// One tally per pass: eval mode; with batch norm or dropout, train mode
    /// on batches of 100; with batch norm, train mode on batches of 1.
    pub tallies: Vec<Tally>,
    shown: usize,
}

/// Multiply-adds one digit costs in `spec`'s network.
fn cost_per_digit(spec: &crate::nn::mlp::MlpSpec) -> usize {
    let mut fan_in = spec.input;
    let mut total = 0;
    for &units in spec.hidden.iter().chain([&spec.output]) {
        total += fan_in * units;
        fan_in = units;
    }
    total.max(1)
}

/// The batch train mode is shown with: the book's 100, fewer (down to 8)
/// for networks so large that a batch of 100 would take one step of the
/// page past about 40 million multiply-adds.
pub fn train_mode_batch(spec: &crate::nn::mlp::MlpSpec) -> usize {
    (40_000_000 / cost_per_digit(spec)).clamp(8, TRAIN_MODE_BATCH)
}

impl Inspection {
    /// Loads `model` (a model file's bytes) to be scored on the test digits
    /// of `digits` (the last `test` of them, or the standard split), fed
    /// through the input scaling the model was trained with.
    pub fn new(model: &[u8], digits: Arc<Digits>, test: Option<usize>) -> Result<Self> {
        let model = model_io::load::<f32>(model)?;
        // The test digits as the network was trained on them: its scaling,
        // its pixel order.
        let selection = super::selection::Selection {
            permute: model.permute,
            ..Default::default()
        };
        let mut data = Data::select(digits, test, &selection, None, 0.0, Scaling::Unit)?;
        data.scaler = model.scaler;
        let net = model.net;
        if net.spec.input != data.features() {
            crate::fail!(
                "This model takes {} inputs, but the digits have {} pixels.",
                "이 모델의 입력은 {}개인데 숫자 이미지의 픽셀은 {}개입니다.",
                net.spec.input,
                data.features()
            );
        }
        let mut passes = vec![Pass::Eval];
        if net.spec.batch_norm || net.spec.dropout > 0.0 {
            passes.push(Pass::Train {
                batch: train_mode_batch(&net.spec),
            });
        }
        if net.spec.batch_norm {
            passes.push(Pass::Train { batch: 1 });
        }
        Ok(Self {
            net,
            data,
            tallies: passes.into_iter().map(Tally::new).collect(),
            shown: 0,
        })
    }

    /// Scores about `n` more test digits in one pass (the pass furthest
    /// behind; train mode in whole batches, so that it always sees full
    /// batches); returns whether every pass has scored every test digit.
    pub fn score(&mut self, n: usize) -> bool {
        let total = self.data.test.len();
        let Some(tally) = self
            .tallies
            .iter_mut()
            .filter(|t| t.scored < total)
            .min_by_key(|t| t.scored)
        else {
            return true;
        };
        let step = match tally.pass {
            Pass::Eval => 1,
            Pass::Train { batch } => batch,
        };
        let n = n.max(1).div_ceil(step) * step;
        let end = (tally.scored + n).min(total);
        let indices = &self.data.test[tally.scored..end];
        let seed = tally.scored as u64;
        let data = &self.data;
        each_logits(
            &mut self.net,
            data,
            indices,
            tally.pass,
            seed,
            |i, logits| {
                let p = softmax(logits);
                let predicted = (0..10).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
                let label = data.digits.label(i);
                tally.matrix[usize::from(label)][predicted] += 1;
                tally.loss -= p[usize::from(label)].max(1e-300).ln();
                if predicted != usize::from(label) {
                    tally.mistakes.push(Mistake {
                        index: i,
                        label,
                        predicted: predicted as u8,
                        confidence: p[predicted],
                    });
                }
            },
        );
        tally
            .mistakes
            .sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        tally.scored = end;
        self.done()
    }

    /// Whether every pass has scored every test digit.
    pub fn done(&self) -> bool {
        let total = self.data.test.len();
        self.tallies.iter().all(|t| t.scored >= total)
    }

    /// Share of the work done (every pass over every test digit).
    pub fn progress(&self) -> f64 {
        let all = (self.data.test.len() * self.tallies.len()).max(1) as f64;
        self.tallies.iter().map(|t| t.scored).sum::<usize>() as f64 / all
    }

    /// The tally the confusion matrix and the mistakes show.
    pub fn shown(&self) -> &Tally {
        &self.tallies[self.shown.min(self.tallies.len() - 1)]
    }

    /// Shows pass number `i` of [`Inspection::tallies`]; returns whether there is one.
    pub fn show(&mut self, i: usize) -> bool {
        let there = i < self.tallies.len();
        if there {
            self.shown = i;
        }
        there
    }

    /// The network and its input scaling as a model file.
    pub fn model(&self) -> Vec<u8> {
        let permute = self.data.permutation.as_ref().map(|p| p.seed);
        model_io::save(&self.net, &self.data.scaler, permute)
    }

    /// What pass `pass` means for this network, in a few words.
    pub fn describe(&self, pass: Pass) -> String {
        super::evaluate::describe(pass, &self.net.spec)
    }

    /// Eval-mode accuracy on the digits scored so far.
    pub fn accuracy(&self) -> f64 {
        self.tallies[0].accuracy()
    }

    /// Hidden layer `layer`'s batch-norm running averages beside the
    /// statistics of one batch of the first 100 training digits (`None`
    /// without batch norm or such a layer).
    pub fn norm_statistics(&mut self, layer: usize) -> Option<NormStatistics> {
        let state = self.net.bn.get(layer)?;
        let running_mean = state.mean.iter().map(|&v| f64::from(v)).collect();
        let running_var = state.var.iter().map(|&v| f64::from(v)).collect();
        let n = train_mode_batch(&self.net.spec).min(self.data.train.len());
        let batch: Vec<usize> = self.data.train[..n].to_vec();
        let mut x = DMatrix::<f32>::zeros(n, self.data.features());
        let mut t = DMatrix::<f32>::zeros(n, 10);
        let mut rng = Rng::seeded(0);
        self.data.fill(
            &batch,
            &mut x,
            &mut t,
            Default::default(),
            &mut rng,
            &mut Vec::new(),
        );
        self.net.forward(&x, Mode::Probe, &mut rng);
        let a = self.net.pre_norm(layer)?;
        let rows = a.nrows().max(1) as f64;
        let (mut batch_mean, mut batch_var) = (Vec::new(), Vec::new());
        for col in a.column_iter() {
            let mean = col.iter().map(|&v| f64::from(v)).sum::<f64>() / rows;
            let var = col
                .iter()
                .map(|&v| (f64::from(v) - mean).powi(2))
                .sum::<f64>()
                / rows;
            batch_mean.push(mean);
            batch_var.push(var);
        }
        Some(NormStatistics {
            layer,
            batch: n,
            running_mean,
            running_var,
            batch_mean,
            batch_var,
        })
    }

    /// The class probabilities for a drawing `ink` (`w` × `h`, values in
    /// [0, 1]), in eval mode, scaled as the network's training inputs.
    pub fn predict(&mut self, ink: &[f32], w: usize, h: usize) -> Vec<f64> {
        let pixels: Vec<f32> = to_mnist(ink, w, h)
            .iter()
            .enumerate()
            .map(|(j, &v)| self.data.scaler.scale(255.0 * v, j))
            .collect();
        probabilities(&mut self.net, &pixels)
    }

    /// The `count` most confident mistakes as titled images (pixels in [0, 1]).
    pub fn mistake_images(&self, count: usize) -> Vec<(String, Vec<f64>)> {
        self.shown()
            .mistakes
            .iter()
            .take(count)
            .map(|m| {
                let img = self
                    .data
                    .digits
                    .image(m.index)
                    .iter()
                    .map(|&p| f64::from(p) / 255.0)
                    .collect();
                (format!("{}→{}", m.label, m.predicted), img)
            })
            .collect()
    }

    /// The first layer's weights of `count` units as images, each scaled to [0, 1].
    pub fn weight_images(&self, count: usize) -> Vec<(String, Vec<f64>)> {
        let w = &self.net.params[0].value;
        (0..count.min(w.ncols()))
            .map(|u| {
                let col: Vec<f64> = w.column(u).iter().map(|&v| f64::from(v)).collect();
                let (lo, hi) = col
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                        (a.min(v), b.max(v))
                    });
                let span = (hi - lo).max(1e-12);
                (
                    crate::i18n::tr(format!("unit {}", u + 1), format!("뉴런 {}", u + 1)),
                    col.iter().map(|v| (v - lo) / span).collect(),
                )
            })
            .collect()
    }

    /// The side of the digits (28 for MNIST).
    pub fn side(&self) -> usize {
        self.data.digits.rows()
    }
}

/// A test example the network got wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    /// Index of the digit.
    pub index: usize,
    /// Its true label.
    pub label: u8,
    /// What the network said.
    pub predicted: u8,
    /// The network's probability for its (wrong) answer.
    pub confidence: f64,
}

/// Softmax of a row of logits.
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = logits.iter().map(|z| (z - top).exp()).collect();
    let sum: f64 = e.iter().sum();
    e.into_iter().map(|v| v / sum).collect()
}

/// Class probabilities of one input of `pixels` (already scaled as the network's inputs).
pub fn probabilities(net: &mut Mlp<f32>, pixels: &[f32]) -> Vec<f64> {
    let x = DMatrix::from_row_slice(1, pixels.len(), pixels);
    let logits = net.forward(&x, Mode::Eval, &mut Rng::seeded(0));
    softmax(
        &(0..logits.ncols())
            .map(|j| f64::from(logits[(0, j)]))
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_by_hand() {
        let p = softmax(&[0.0, 2f64.ln()]);
        assert!((p[0] - 1.0 / 3.0).abs() < 1e-15 && (p[1] - 2.0 / 3.0).abs() < 1e-15);
        let p = softmax(&[1000.0, 1000.0]);
        assert_eq!(p, vec![0.5, 0.5], "stable for large logits");
    }
}
