//! The layers of the network as functions on preallocated buffers (no
//! allocation per training step). Matrices hold one example per row.
//!
//! - affine: A = X·W + b; dW = Xᵀ·dA, db = Σ_rows dA, dX = dA·Wᵀ.
//! - batch norm (Ioffe & Szegedy 2015): x̂ = (a − μ_B)/√(σ²_B + ε), z = γx̂ + β;
//!   at evaluation μ and σ² are running averages (momentum 0.9, as the book).
//!   dx̂ = dz·γ; da = (1/√(σ²+ε))·(dx̂ − mean(dx̂) − x̂·mean(dx̂ ⊙ x̂)).
//! - dropout: see `nn::dropout` (the book's form and the inverted one).
//! - softmax with cross-entropy: p = softmax(z), L = −(1/B)Σ t·log p, dz = (p − t)/B.

use super::gemm::{gemm, Scalar};
use nalgebra::DMatrix;

/// A = X·W + b.
pub fn affine_forward<F: Scalar>(
    x: &DMatrix<F>,
    w: &DMatrix<F>,
    b: &DMatrix<F>,
    out: &mut DMatrix<F>,
) {
    gemm(F::ONE, x, false, w, false, F::ZERO, out);
    let rows = out.nrows();
    for (j, col) in out.as_mut_slice().chunks_mut(rows.max(1)).enumerate() {
        let bj = b[j];
        col.iter_mut().for_each(|v| *v += bj);
    }
}

/// dW = Xᵀ·dA, db = column sums of dA, and dX = dA·Wᵀ when asked.
pub fn affine_backward<F: Scalar>(
    x: &DMatrix<F>,
    w: &DMatrix<F>,
    d_out: &DMatrix<F>,
    dw: &mut DMatrix<F>,
    db: &mut DMatrix<F>,
    dx: Option<&mut DMatrix<F>>,
) {
    gemm(F::ONE, x, true, d_out, false, F::ZERO, dw);
    bias_grad(d_out, db);
    if let Some(dx) = dx {
        gemm(F::ONE, d_out, false, w, true, F::ZERO, dx);
    }
}

/// db = column sums of dA.
pub fn bias_grad<F: Scalar>(d_out: &DMatrix<F>, db: &mut DMatrix<F>) {
    let rows = d_out.nrows();
    for (j, col) in d_out.as_slice().chunks(rows.max(1)).enumerate() {
        db[j] = col.iter().fold(F::ZERO, |s, &v| s + v);
    }
}

/// Batch-norm state of one layer: learnable γ, β live in the network's
/// parameters; this keeps the running statistics and the training cache.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchNormState<F: nalgebra::Scalar> {
    /// Running mean per unit.
    pub mean: Vec<F>,
    /// Running variance per unit.
    pub var: Vec<F>,
    /// x̂ of the last training batch.
    pub x_hat: DMatrix<F>,
    /// 1/√(σ²_B + ε) per unit of the last training batch.
    pub inv_std: Vec<F>,
}

/// Batch norm's running-average momentum (the book's 0.9).
pub const BN_MOMENTUM: f64 = 0.9;
/// Batch norm's ε (the book's 10e-7).
pub const BN_EPS: f64 = 1e-6;

impl<F: Scalar> BatchNormState<F> {
    /// Fresh state for `units` units: running mean 0, variance 1.
    pub fn new(units: usize) -> Self {
        Self {
            mean: vec![F::ZERO; units],
            var: vec![F::ONE; units],
            x_hat: DMatrix::from_element(0, units, F::ZERO),
            inv_std: vec![F::ONE; units],
        }
    }

    /// Training: normalizes `a` with the batch's statistics into `out`
    /// (z = γx̂ + β), and updates the running averages when `update`.
    pub fn forward_train(
        &mut self,
        a: &DMatrix<F>,
        gamma: &DMatrix<F>,
        beta: &DMatrix<F>,
        out: &mut DMatrix<F>,
        update: bool,
    ) {
        let rows = a.nrows();
        if self.x_hat.shape() != a.shape() {
            self.x_hat = DMatrix::from_element(rows, a.ncols(), F::ZERO);
        }
        let n = F::of(rows as f64);
        let (m, eps) = (F::of(BN_MOMENTUM), F::of(BN_EPS));
        let cols = a
            .as_slice()
            .chunks(rows)
            .zip(self.x_hat.as_mut_slice().chunks_mut(rows));
        for (j, ((col, xh), o)) in cols.zip(out.as_mut_slice().chunks_mut(rows)).enumerate() {
            let mean = col.iter().fold(F::ZERO, |s, &v| s + v) / n;
            let var = col
                .iter()
                .fold(F::ZERO, |s, &v| s + (v - mean) * (v - mean))
                / n;
            let inv = F::ONE / (var + eps).sqrt();
            for ((x, h), o) in col.iter().zip(xh.iter_mut()).zip(o.iter_mut()) {
                *h = (*x - mean) * inv;
                *o = gamma[j] * *h + beta[j];
            }
            self.inv_std[j] = inv;
            if update {
                self.mean[j] = m * self.mean[j] + (F::ONE - m) * mean;
                self.var[j] = m * self.var[j] + (F::ONE - m) * var;
            }
        }
    }

    /// Evaluation: normalizes with the running averages.
    pub fn forward_eval(
        &self,
        a: &DMatrix<F>,
        gamma: &DMatrix<F>,
        beta: &DMatrix<F>,
        out: &mut DMatrix<F>,
    ) {
        let rows = a.nrows();
        let eps = F::of(BN_EPS);
        for (j, (col, o)) in a
            .as_slice()
            .chunks(rows)
            .zip(out.as_mut_slice().chunks_mut(rows))
            .enumerate()
        {
            let inv = F::ONE / (self.var[j] + eps).sqrt();
            for (x, o) in col.iter().zip(o.iter_mut()) {
                *o = gamma[j] * (*x - self.mean[j]) * inv + beta[j];
            }
        }
    }

    /// Gradients of γ and β, and of the input (written over `dz`).
    pub fn backward(
        &self,
        dz: &mut DMatrix<F>,
        gamma: &DMatrix<F>,
        dgamma: &mut DMatrix<F>,
        dbeta: &mut DMatrix<F>,
    ) {
        let rows = dz.nrows();
        let n = F::of(rows as f64);
        for (j, (d, xh)) in dz
            .as_mut_slice()
            .chunks_mut(rows)
            .zip(self.x_hat.as_slice().chunks(rows))
            .enumerate()
        {
            let (mut sum_d, mut sum_dx) = (F::ZERO, F::ZERO);
            for (&dv, &x) in d.iter().zip(xh) {
                sum_d += dv;
                sum_dx += dv * x;
            }
            dbeta[j] = sum_d;
            dgamma[j] = sum_dx;
            // dx̂ = dz·γ; mean(dx̂) = γ·sum_d/n; mean(dx̂ ⊙ x̂) = γ·sum_dx/n.
            let g = gamma[j];
            let k = self.inv_std[j] * g;
            let (md, mdx) = (sum_d / n, sum_dx / n);
            for (dv, &x) in d.iter_mut().zip(xh) {
                *dv = k * (*dv - md - x * mdx);
            }
        }
    }
}

/// Softmax of each row of `logits` into `probs`; returns the mean
/// cross-entropy against the target distributions `targets` and writes
/// dL/dlogits into `d_logits`.
pub fn softmax_cross_entropy<F: Scalar>(
    logits: &DMatrix<F>,
    targets: &DMatrix<F>,
    probs: &mut DMatrix<F>,
    d_logits: &mut DMatrix<F>,
) -> f64 {
    let (rows, cols) = logits.shape();
    let mut loss = 0.0;
    let inv_b = F::of(1.0 / rows.max(1) as f64);
    for i in 0..rows {
        let mut top = logits[(i, 0)];
        for j in 1..cols {
            top = top.max(logits[(i, j)]);
        }
        let mut sum = F::ZERO;
        for j in 0..cols {
            let e = (logits[(i, j)] - top).exp();
            probs[(i, j)] = e;
            sum += e;
        }
        for j in 0..cols {
            let p = probs[(i, j)] / sum;
            probs[(i, j)] = p;
            let t = targets[(i, j)];
            if t.to_f64() > 0.0 {
                // log p computed stably as (z − top) − log Σ e.
                loss -= t.to_f64() * ((logits[(i, j)] - top).to_f64() - sum.to_f64().ln());
            }
            d_logits[(i, j)] = (p - t) * inv_b;
        }
    }
    loss / rows.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_by_hand_and_by_finite_differences() {
        // Logits (0, ln 3): p = (1/4, 3/4); target class 1: L = −ln(3/4).
        let z = DMatrix::from_row_slice(1, 2, &[0.0, 3f64.ln()]);
        let t = DMatrix::from_row_slice(1, 2, &[0.0, 1.0]);
        let (mut p, mut d) = (DMatrix::zeros(1, 2), DMatrix::zeros(1, 2));
        let loss = softmax_cross_entropy(&z, &t, &mut p, &mut d);
        assert!((loss + 0.75f64.ln()).abs() < 1e-15);
        assert!((p[(0, 0)] - 0.25).abs() < 1e-15 && (d[(0, 1)] + 0.25).abs() < 1e-15);

        let z = DMatrix::from_row_slice(2, 3, &[0.3, -1.2, 2.0, 0.1, 0.5, -0.7]);
        let t = DMatrix::from_row_slice(2, 3, &[0.0, 0.0, 1.0, 0.2, 0.8, 0.0]);
        let (mut p, mut d) = (DMatrix::zeros(2, 3), DMatrix::zeros(2, 3));
        softmax_cross_entropy(&z, &t, &mut p, &mut d);
        for i in 0..2 {
            for j in 0..3 {
                let h = 1e-6;
                let mut zp = z.clone();
                zp[(i, j)] += h;
                let mut zm = z.clone();
                zm[(i, j)] -= h;
                let (mut q, mut e) = (DMatrix::zeros(2, 3), DMatrix::zeros(2, 3));
                let numeric = (softmax_cross_entropy(&zp, &t, &mut q, &mut e)
                    - softmax_cross_entropy(&zm, &t, &mut q, &mut e))
                    / (2.0 * h);
                assert!((numeric - d[(i, j)]).abs() < 1e-8, "({i},{j})");
            }
        }
    }

    #[test]
    fn batch_norm_eval_uses_running_averages() {
        let mut bn = BatchNormState::<f64>::new(1);
        let a = DMatrix::from_column_slice(4, 1, &[1.0, 2.0, 3.0, 4.0]);
        let (g, b) = (
            DMatrix::from_element(1, 1, 1.0),
            DMatrix::from_element(1, 1, 0.0),
        );
        let mut out = DMatrix::zeros(4, 1);
        bn.forward_train(&a, &g, &b, &mut out, true);
        // Batch mean 2.5, variance 1.25; running = 0.9·(0, 1) + 0.1·(2.5, 1.25).
        assert!((bn.mean[0] - 0.25).abs() < 1e-15 && (bn.var[0] - 1.025).abs() < 1e-15);
        assert!(out.mean().abs() < 1e-15);
        bn.forward_eval(&a, &g, &b, &mut out);
        assert!((out[(0, 0)] - (1.0 - 0.25) / (1.025f64 + 1e-6).sqrt()).abs() < 1e-12);
    }
}
