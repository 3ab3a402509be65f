//! Scoring many points of one plane on the same examples, fast. On the plane
//! the first layer's weights are W(a, b) = W₀ + a·D₁ + b·D₂, so its product
//! with the examples is X·W₀ + a·X·D₁ + b·X·D₂: three products made once,
//! then a sum per point. For the MNIST lab's 784-100×4-10 network that layer
//! is 78,400 of the 109,810 weights, and a point costs the other layers only.

use super::{set_flat, Plane};
use crate::nn::gemm::gemm;
use crate::nn::mlp::{Mlp, Mode};
use crate::rng::Rng;
use crate::train::data::{Augment, Data};
use crate::train::evaluate::{log_probability, predicted, Score};
use nalgebra::DMatrix;

/// The examples and the three first-layer products of one plane.
pub struct PlaneScorer {
    x: DMatrix<f32>,
    labels: Vec<usize>,
    /// X·W of the origin and of each direction (no bias).
    products: [DMatrix<f32>; 3],
    /// The first layer's bias at the origin and along each direction.
    bias: [Vec<f32>; 3],
    net: Mlp<f32>,
    first: DMatrix<f32>,
    rng: Rng,
}

impl PlaneScorer {
    /// For points of `plane` in the shape of `net` (whose batch-norm running
    /// averages are used), on examples `indices` of `data`, in eval mode.
    pub fn new(net: &Mlp<f32>, data: &Data, indices: &[usize], plane: &Plane) -> PlaneScorer {
        let rows = indices.len().max(1);
        let mut x = DMatrix::<f32>::zeros(rows, data.features());
        let mut t = DMatrix::<f32>::zeros(rows, 10);
        let mut rng = Rng::seeded(0);
        data.fill(
            indices,
            &mut x,
            &mut t,
            Augment::default(),
            &mut rng,
            &mut Vec::new(),
        );
        let labels = indices
            .iter()
            .map(|&i| usize::from(data.digits.label(i)))
            .collect();
        let w = &net.params[0].value;
        let (inputs, units) = (w.nrows(), w.ncols());
        let take = |v: &[f32]| {
            let weights = DMatrix::from_column_slice(inputs, units, &v[..inputs * units]);
            let mut p = DMatrix::<f32>::zeros(rows, units);
            gemm(1.0, &x, false, &weights, false, 0.0, &mut p);
            (p, v[inputs * units..inputs * units + units].to_vec())
        };
        let (p0, b0) = take(&plane.origin);
        let (p1, b1) = take(&plane.dirs[0]);
        let (p2, b2) = take(&plane.dirs[1]);
        PlaneScorer {
            first: DMatrix::zeros(rows, units),
            x,
            labels,
            products: [p0, p1, p2],
            bias: [b0, b1, b2],
            net: net.without_buffers(),
            rng,
        }
    }

    /// Accuracy and mean cross-entropy at the plane point (a, b), whose
    /// weights are `w` (the plane's `at(a, b)`).
    pub fn score(&mut self, (a, b): (f64, f64), w: &[f32]) -> Score {
        set_flat(&mut self.net, w);
        let (fa, fb) = (a as f32, b as f32);
        let rows = self.x.nrows();
        let [p0, p1, p2] = &self.products;
        let [b0, b1, b2] = &self.bias;
        for (j, col) in self.first.as_mut_slice().chunks_mut(rows).enumerate() {
            let bias = b0[j] + fa * b1[j] + fb * b2[j];
            let at = j * rows;
            for (r, v) in col.iter_mut().enumerate() {
                *v = p0.as_slice()[at + r]
                    + fa * p1.as_slice()[at + r]
                    + fb * p2.as_slice()[at + r]
                    + bias;
            }
        }
        let logits = self
            .net
            .forward_after_first(&self.x, &self.first, Mode::Eval, &mut self.rng);
        let (mut right, mut loss) = (0usize, 0.0);
        let mut row = vec![0.0; logits.ncols()];
        for (r, &label) in self.labels.iter().enumerate() {
            for (j, v) in row.iter_mut().enumerate() {
                *v = f64::from(logits[(r, j)]);
            }
            loss -= log_probability(&row, label);
            right += usize::from(predicted(&row) == label);
        }
        let n = self.labels.len().max(1) as f64;
        Score {
            accuracy: right as f64 / n,
            loss: loss / n,
        }
    }
}
