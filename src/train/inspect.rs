//! Looking inside a trained network: its confusion matrix and mistakes on the
//! test digits, its first layer's weights, and its softmax probabilities for
//! any input, such as a digit drawn on the page.
//!
//! An [`Inspection`] loads a model file (checked: see `nn::model_io`) and
//! scores it on the test digits a slice at a time, so that no step of it
//! runs long however large the network.

use super::data::{Augment, Data, Scaling};
use crate::data::drawing::to_mnist;
use crate::data::Digits;
use crate::error::Result;
use crate::nn::mlp::Mlp;
use crate::nn::model_io;
use crate::rng::Rng;
use nalgebra::DMatrix;
use std::sync::Arc;

/// A network loaded from a model file and what it does on the test digits.
pub struct Inspection {
    /// The network.
    pub net: Mlp<f32>,
    data: Data,
    /// Rows: true digit; columns: predicted digit; over the digits scored so far.
    pub matrix: [[usize; 10]; 10],
    mistakes: Vec<Mistake>,
    scored: usize,
}

impl Inspection {
    /// Loads `model` (a model file's bytes) to be scored on the test digits
    /// of `digits` (the last `test` of them, or the standard split).
    pub fn new(model: &[u8], digits: Arc<Digits>, test: Option<usize>) -> Result<Self> {
        let net = model_io::load::<f32>(model)?;
        let data = Data::new(digits, test, None, 0.0, Scaling::Unit)?;
        if net.spec.input != data.features() {
            crate::fail!(
                "This model takes {} inputs, but the digits have {} pixels.",
                "이 모델의 입력은 {}개인데 숫자 이미지의 픽셀은 {}개입니다.",
                net.spec.input,
                data.features()
            );
        }
        Ok(Self {
            net,
            data,
            matrix: [[0; 10]; 10],
            mistakes: Vec::new(),
            scored: 0,
        })
    }

    /// Scores up to `n` more test digits; returns whether all are scored.
    pub fn score(&mut self, n: usize) -> bool {
        let end = (self.scored + n.max(1)).min(self.data.test.len());
        let indices = self.data.test[self.scored..end].to_vec();
        let (matrix, mistakes) = confusion(&mut self.net, &self.data, &indices);
        for (row, add) in self.matrix.iter_mut().zip(matrix) {
            for (cell, a) in row.iter_mut().zip(add) {
                *cell += a;
            }
        }
        self.mistakes.extend(mistakes);
        self.mistakes
            .sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        self.scored = end;
        self.done()
    }

    /// Whether every test digit is scored.
    pub fn done(&self) -> bool {
        self.scored >= self.data.test.len()
    }

    /// Share of the test digits scored so far.
    pub fn progress(&self) -> f64 {
        self.scored as f64 / self.data.test.len().max(1) as f64
    }

    /// Accuracy on the digits scored so far.
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..10).map(|i| self.matrix[i][i]).sum();
        let all: usize = self.matrix.iter().flatten().sum();
        right as f64 / all.max(1) as f64
    }

    /// The class probabilities for a drawing `ink` (`w` × `h`, values in [0, 1]).
    pub fn predict(&mut self, ink: &[f32], w: usize, h: usize) -> Vec<f64> {
        probabilities(&mut self.net, &to_mnist(ink, w, h))
    }

    /// The `count` most confident mistakes as titled images (pixels in [0, 1]).
    pub fn mistake_images(&self, count: usize) -> Vec<(String, Vec<f64>)> {
        self.mistakes
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

/// Class probabilities of one input of `pixels` (already scaled as the data's scaling).
pub fn probabilities(net: &mut Mlp<f32>, pixels: &[f32]) -> Vec<f64> {
    let x = DMatrix::from_row_slice(1, pixels.len(), pixels);
    let logits = net.forward(&x, false, &mut Rng::seeded(0));
    softmax(
        &(0..logits.ncols())
            .map(|j| f64::from(logits[(0, j)]))
            .collect::<Vec<_>>(),
    )
}

/// The confusion matrix on `indices` (rows: true label, columns: predicted)
/// and the mistakes, most confident first.
pub fn confusion(
    net: &mut Mlp<f32>,
    data: &Data,
    indices: &[usize],
) -> ([[usize; 10]; 10], Vec<Mistake>) {
    let mut matrix = [[0; 10]; 10];
    let mut mistakes = Vec::new();
    let mut rng = Rng::seeded(0);
    let mut scratch = Vec::new();
    for chunk in indices.chunks(500) {
        let mut x = DMatrix::<f32>::zeros(chunk.len(), data.features());
        let mut t = DMatrix::<f32>::zeros(chunk.len(), 10);
        data.fill(
            chunk,
            &mut x,
            &mut t,
            Augment::default(),
            &mut rng,
            &mut scratch,
        );
        let logits = net.forward(&x, false, &mut rng);
        for (r, &i) in chunk.iter().enumerate() {
            let row: Vec<f64> = (0..10).map(|j| f64::from(logits[(r, j)])).collect();
            let p = softmax(&row);
            let predicted = (0..10).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
            let label = data.digits.label(i);
            matrix[usize::from(label)][predicted] += 1;
            if predicted != usize::from(label) {
                mistakes.push(Mistake {
                    index: i,
                    label,
                    predicted: predicted as u8,
                    confidence: p[predicted],
                });
            }
        }
    }
    mistakes.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    (matrix, mistakes)
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
