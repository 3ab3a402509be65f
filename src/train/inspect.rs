//! Looking inside a trained network: its confusion matrix and mistakes on the
//! test digits, and its softmax probabilities for any input.

use super::data::{Augment, Data};
use crate::nn::mlp::Mlp;
use crate::rng::Rng;
use nalgebra::DMatrix;

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
