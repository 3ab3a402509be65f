//! The forward and backward passes of the initialization experiment's
//! stack of layers (no bias): a = x·W, optional batch norm per neuron over the
//! batch (γ = 1, β = 0), h = act(a); backward, the weight gradients
//! dW = xᵀ·da of the loss Σ top ⊙ h_L.

use crate::nn::Activation;
use crate::rng::Rng;
use nalgebra::DMatrix;

/// Batch norm's ε.
pub const BN_EPS: f32 = 1e-5;

/// An N(0, σ²) matrix.
pub(super) fn gaussian(rows: usize, cols: usize, sigma: f64, rng: &mut Rng) -> DMatrix<f32> {
    DMatrix::from_fn(rows, cols, |_, _| (rng.normal() * sigma) as f32)
}

/// Normalizes each column of `a` over the rows; returns the normalized matrix
/// and each column's 1/√(var + ε), for the backward pass.
pub(super) fn batch_norm(a: &DMatrix<f32>) -> (DMatrix<f32>, Vec<f32>) {
    let mut out = a.clone();
    let mut inv = Vec::with_capacity(a.ncols());
    let n = a.nrows() as f32;
    for mut col in out.column_iter_mut() {
        let mean = col.sum() / n;
        let var = col.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
        let k = 1.0 / (var + BN_EPS).sqrt();
        col.iter_mut().for_each(|v| *v = (*v - mean) * k);
        inv.push(k);
    }
    (out, inv)
}

/// Backward through batch norm: da = k·(dx̂ − mean(dx̂) − x̂·mean(dx̂ ⊙ x̂)) per column.
pub(super) fn batch_norm_backward(
    d_hat: &DMatrix<f32>,
    x_hat: &DMatrix<f32>,
    inv: &[f32],
) -> DMatrix<f32> {
    let n = d_hat.nrows() as f32;
    let mut out = d_hat.clone();
    for (j, mut col) in out.column_iter_mut().enumerate() {
        let xh = x_hat.column(j);
        let mean_d = col.sum() / n;
        let mean_dx = col.iter().zip(xh.iter()).map(|(d, x)| d * x).sum::<f32>() / n;
        for (d, x) in col.iter_mut().zip(xh.iter()) {
            *d = inv[j] * (*d - mean_d - x * mean_dx);
        }
    }
    out
}

/// What one layer's forward pass keeps for the statistics and the backward pass.
pub(super) struct Layer {
    /// The layer's input x.
    pub(super) input: DMatrix<f32>,
    /// Its pre-activations a (normalized when batch norm is on).
    pub(super) pre: DMatrix<f32>,
    /// Its activations h.
    pub(super) out: DMatrix<f32>,
    /// Per-column 1/√(var + ε) of batch norm, when on.
    pub(super) bn_inv: Option<Vec<f32>>,
}

pub(super) fn forward(
    input: DMatrix<f32>,
    weights: &[DMatrix<f32>],
    act: Activation,
    bn: bool,
) -> Vec<Layer> {
    let mut layers = Vec::with_capacity(weights.len());
    let mut x = input;
    for w in weights {
        let mut a = &x * w;
        let mut bn_inv = None;
        if bn {
            let (normalized, inv) = batch_norm(&a);
            a = normalized;
            bn_inv = Some(inv);
        }
        let h = a.map(|v| act.apply(v));
        let next = h.clone();
        layers.push(Layer {
            input: x,
            pre: a,
            out: h,
            bn_inv,
        });
        x = next;
    }
    layers
}

/// The weight gradients dW of every layer for the loss Σ top ⊙ h_L.
pub(super) fn backward(
    layers: &[Layer],
    weights: &[DMatrix<f32>],
    act: Activation,
    top: DMatrix<f32>,
) -> Vec<DMatrix<f32>> {
    let mut grads = vec![DMatrix::zeros(0, 0); layers.len()];
    let mut grad = top;
    for l in (0..layers.len()).rev() {
        let layer = &layers[l];
        let mut da = grad.zip_zip_map(&layer.pre, &layer.out, |g, a, h| g * act.derivative(a, h));
        if let Some(inv) = &layer.bn_inv {
            da = batch_norm_backward(&da, &layer.pre, inv);
        }
        grads[l] = layer.input.transpose() * &da;
        grad = da * weights[l].transpose();
    }
    grads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_gradients_match_finite_differences() {
        // The loss is Σ top ⊙ h_L; perturb single weights of every layer by ±ε
        // and compare the change with `backward`'s dW, for each activation,
        // with and without batch norm. f32 forward, so a loose tolerance.
        for act in Activation::ALL {
            for bn in [false, true] {
                let (s, n) = (16usize, 10usize);
                let mut rng = Rng::seeded(5);
                let x = gaussian(s, n, 1.0, &mut rng);
                let weights: Vec<_> = (0..3).map(|_| gaussian(n, n, 0.5, &mut rng)).collect();
                let top = gaussian(s, n, 1.0, &mut rng);
                let loss = |w: &[DMatrix<f32>]| -> f64 {
                    let layers = forward(x.clone(), w, act, bn);
                    let h = &layers.last().unwrap().out;
                    h.iter()
                        .zip(top.iter())
                        .map(|(h, g)| f64::from(*h) * f64::from(*g))
                        .sum()
                };
                let grads = backward(
                    &forward(x.clone(), &weights, act, bn),
                    &weights,
                    act,
                    top.clone(),
                );
                for &(l, (i, j)) in &[(0usize, (0usize, 0usize)), (1, (3, 7)), (2, (9, 2))] {
                    let eps = 1e-2_f32;
                    let mut plus = weights.clone();
                    plus[l][(i, j)] += eps;
                    let mut minus = weights.clone();
                    minus[l][(i, j)] -= eps;
                    let numeric = (loss(&plus) - loss(&minus)) / (2.0 * f64::from(eps));
                    let exact = f64::from(grads[l][(i, j)]);
                    // ReLU's kink can sit inside ±ε; allow the rare such case a wider margin.
                    let tol = if matches!(act, Activation::Relu | Activation::LeakyRelu) {
                        5e-2
                    } else {
                        1e-2
                    };
                    assert!(
                        (numeric - exact).abs() < tol * (1.0 + exact.abs()),
                        "{act:?} bn={bn} layer {l} ({i},{j}): {numeric} vs {exact}"
                    );
                }
            }
        }
    }

    #[test]
    fn batch_norm_backward_matches_finite_differences() {
        let mut rng = Rng::seeded(9);
        let a = gaussian(8, 3, 2.0, &mut rng);
        let g = gaussian(8, 3, 1.0, &mut rng);
        let loss = |a: &DMatrix<f32>| -> f64 {
            let (xh, _) = batch_norm(a);
            xh.iter()
                .zip(g.iter())
                .map(|(x, g)| f64::from(*x) * f64::from(*g))
                .sum()
        };
        let (xh, inv) = batch_norm(&a);
        let da = batch_norm_backward(&g, &xh, &inv);
        for &(i, j) in &[(0, 0), (5, 1), (7, 2)] {
            let eps = 1e-2_f32;
            let mut p = a.clone();
            p[(i, j)] += eps;
            let mut m = a.clone();
            m[(i, j)] -= eps;
            let numeric = (loss(&p) - loss(&m)) / (2.0 * f64::from(eps));
            assert!(
                (numeric - f64::from(da[(i, j)])).abs() < 2e-3,
                "({i},{j}): {numeric} vs {}",
                da[(i, j)]
            );
        }
    }
}
