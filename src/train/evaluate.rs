//! Running a network over examples in either of its two modes (seed 002:
//! "at test time BatchNorm layer functions differently").
//!
//! - Eval mode: batch norm normalizes with its running averages; dropout
//!   drops nothing (the book's form scales by 1 − ratio instead).
//! - Train mode: batch norm normalizes each batch with the batch's own mean
//!   and variance, and dropout drops units at random, as while training;
//!   the running averages are left as they are.
//!
//! The trainer and the inspector both score through [`each_logits`], so the
//! two modes are one implementation.

use super::data::{Augment, Data};
use crate::nn::mlp::{Mlp, MlpSpec, Mode};
use crate::rng::Rng;
use nalgebra::DMatrix;

/// Examples per forward pass in eval mode.
pub const EVAL_CHUNK: usize = 500;
/// The batch size train mode is shown with when the training batch size is
/// not known (a network loaded from a file): the book's 100.
pub const TRAIN_MODE_BATCH: usize = 100;

/// Which forward pass scores a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Eval mode.
    Eval,
    /// Train mode on batches of `batch` examples (their statistics are what
    /// batch norm uses, so the size matters: at 1 every unit is 0).
    Train {
        /// Examples per batch.
        batch: usize,
    },
}

/// Accuracy and mean cross-entropy on some examples.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Score {
    /// Share right.
    pub accuracy: f64,
    /// Mean cross-entropy (without weight decay).
    pub loss: f64,
}

/// The pieces `n` examples are cut into for batches of about `batch`: as
/// many as `n / batch` rounds to (at least 1), the sizes differing by at
/// most one, so that no last batch is left tiny.
pub fn batch_sizes(n: usize, batch: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let batch = batch.max(1);
    let count = ((n + batch / 2) / batch).max(1);
    (0..count)
        .map(|i| n / count + usize::from(i < n % count))
        .collect()
}

/// Runs `net` over the examples `indices` in `pass` and calls `each` with
/// each example's index and its logits. Dropout's masks are drawn from a
/// generator seeded with `seed`, so that a score can be repeated.
pub fn each_logits(
    net: &mut Mlp<f32>,
    data: &Data,
    indices: &[usize],
    pass: Pass,
    seed: u64,
    mut each: impl FnMut(usize, &[f64]),
) {
    let (mode, sizes) = match pass {
        Pass::Eval => (
            Mode::Eval,
            indices
                .chunks(EVAL_CHUNK)
                .map(<[usize]>::len)
                .collect::<Vec<_>>(),
        ),
        Pass::Train { batch } => (Mode::Probe, batch_sizes(indices.len(), batch)),
    };
    let mut rng = Rng::seeded(seed);
    let mut scratch = Vec::new();
    let mut row = vec![0.0; net.spec.output];
    let mut start = 0;
    // Pieces after the first of the same size reuse its matrices.
    let (mut x, mut t) = (DMatrix::<f32>::zeros(0, 0), DMatrix::<f32>::zeros(0, 0));
    for size in sizes {
        let chunk = &indices[start..start + size];
        start += size;
        if x.nrows() != size {
            x = DMatrix::zeros(size, data.features());
            t = DMatrix::zeros(size, 10);
        }
        data.fill_listed(
            chunk,
            &mut x,
            &mut t,
            Augment::default(),
            &mut rng,
            &mut scratch,
            net.input_listing(),
        );
        let logits = net.forward(&x, mode, &mut rng);
        for (r, &i) in chunk.iter().enumerate() {
            for (j, v) in row.iter_mut().enumerate() {
                *v = f64::from(logits[(r, j)]);
            }
            each(i, &row);
        }
    }
}

/// What `pass` means for a network of `spec`, in a few words ("train mode:
/// statistics of each batch of 100, dropout on").
pub fn describe(pass: Pass, spec: &MlpSpec) -> String {
    let bn = spec.batch_norm;
    let dropout = spec.dropout > 0.0;
    let book = spec.dropout_style == crate::nn::mlp::DropoutStyle::Book;
    match pass {
        Pass::Eval => {
            let mut parts = vec![crate::i18n::tr("eval mode", "평가 모드").to_string()];
            if bn {
                parts.push(crate::i18n::tr("running averages", "이동 평균").into());
            }
            if dropout && book {
                parts.push(crate::i18n::tr(
                    format!("dropout outputs × {}", crate::num::num(1.0 - spec.dropout)),
                    format!("드롭아웃 출력 × {}", crate::num::num(1.0 - spec.dropout)),
                ));
            } else if dropout {
                parts.push(crate::i18n::tr("dropout off", "드롭아웃 끔").into());
            }
            join(parts)
        }
        Pass::Train { batch } => {
            let mut parts = vec![crate::i18n::tr("train mode", "학습 모드").to_string()];
            if bn {
                parts.push(crate::i18n::tr(
                    format!("statistics of each batch of {batch}"),
                    format!("배치 {batch}개마다의 통계"),
                ));
            }
            if dropout {
                parts.push(crate::i18n::tr("dropout on", "드롭아웃 켬").into());
            }
            join(parts)
        }
    }
}

/// "first: second, third".
fn join(parts: Vec<String>) -> String {
    match parts.split_first() {
        Some((head, rest)) if !rest.is_empty() => format!("{head}: {}", rest.join(", ")),
        Some((head, _)) => head.clone(),
        None => String::new(),
    }
}

/// ln softmax(logits)[k], computed stably.
pub fn log_probability(logits: &[f64], k: usize) -> f64 {
    let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = logits.iter().map(|z| (z - top).exp()).sum();
    logits
        .get(k)
        .map_or(f64::NEG_INFINITY, |z| z - top - sum.ln())
}

/// The index of the largest logit (the prediction).
pub fn predicted(logits: &[f64]) -> usize {
    (0..logits.len())
        .max_by(|&a, &b| logits[a].total_cmp(&logits[b]))
        .unwrap_or(0)
}

/// The softmax probabilities of `net` on `indices` in eval mode, 10 per
/// example, in order.
pub fn probabilities(net: &mut Mlp<f32>, data: &Data, indices: &[usize]) -> Vec<f32> {
    let mut out = Vec::with_capacity(10 * indices.len());
    each_logits(net, data, indices, Pass::Eval, 0, |_, logits| {
        let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = logits.iter().map(|z| (z - top).exp()).sum();
        out.extend(
            logits
                .iter()
                .take(10)
                .map(|z| ((z - top).exp() / sum) as f32),
        );
    });
    out
}

/// Accuracy and mean cross-entropy of `net` on `indices` in `pass`.
pub fn score(net: &mut Mlp<f32>, data: &Data, indices: &[usize], pass: Pass, seed: u64) -> Score {
    if indices.is_empty() {
        return Score {
            accuracy: 0.0,
            loss: f64::NAN,
        };
    }
    let (mut right, mut loss) = (0usize, 0.0);
    each_logits(net, data, indices, pass, seed, |i, logits| {
        let label = usize::from(data.digits.label(i));
        loss -= log_probability(logits, label);
        right += usize::from(predicted(logits) == label);
    });
    let n = indices.len() as f64;
    Score {
        accuracy: right as f64 / n,
        loss: loss / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_near_equal_and_cover_every_example() {
        assert_eq!(batch_sizes(250, 100), vec![84, 83, 83]);
        assert_eq!(batch_sizes(240, 100), vec![120, 120]);
        assert_eq!(batch_sizes(2000, 100), vec![100; 20]);
        assert_eq!(batch_sizes(30, 100), vec![30]);
        assert_eq!(batch_sizes(7, 1), vec![1; 7]);
        assert_eq!(batch_sizes(0, 100), Vec::<usize>::new());
        for (n, b) in [(2001, 128), (999, 100), (10, 3)] {
            let s = batch_sizes(n, b);
            assert_eq!(s.iter().sum::<usize>(), n);
            assert!(s.iter().max().unwrap() - s.iter().min().unwrap() <= 1);
        }
    }

    #[test]
    fn each_mode_is_described_for_the_network_at_hand() {
        let mut spec = MlpSpec {
            input: 4,
            hidden: vec![3],
            output: 2,
            activation: crate::nn::Activation::Relu,
            init: crate::nn::Scheme::He,
            batch_norm: true,
            dropout: 0.2,
            dropout_style: crate::nn::mlp::DropoutStyle::Book,
        };
        let train = Pass::Train { batch: 100 };
        assert_eq!(
            describe(Pass::Eval, &spec),
            "eval mode: running averages, dropout outputs × 0.8"
        );
        assert_eq!(
            describe(train, &spec),
            "train mode: statistics of each batch of 100, dropout on"
        );
        spec.batch_norm = false;
        spec.dropout_style = crate::nn::mlp::DropoutStyle::Inverted;
        assert_eq!(describe(Pass::Eval, &spec), "eval mode: dropout off");
        assert_eq!(describe(train, &spec), "train mode: dropout on");
        spec.dropout = 0.0;
        assert_eq!(describe(Pass::Eval, &spec), "eval mode");
    }

    #[test]
    fn log_probability_by_hand() {
        // softmax(0, ln 3) = (1/4, 3/4).
        let l = [0.0, 3f64.ln()];
        assert!((log_probability(&l, 0) - 0.25f64.ln()).abs() < 1e-15);
        assert!((log_probability(&l, 1) - 0.75f64.ln()).abs() < 1e-15);
        assert!((log_probability(&[1000.0, 0.0], 0)).abs() < 1e-15, "stable");
        assert_eq!(predicted(&l), 1);
    }
}
