//! The two products of a listed batch (forward X·W + b, backward Xᵀ·dA),
//! on rows copied in blocks of columns, and the choice between them and the
//! dense products for the layer that takes the input.

use super::{SparseInput, CHUNK};
use crate::nn::gemm::Scalar;
use crate::nn::layers::{affine_backward, affine_forward, bias_grad};
use nalgebra::DMatrix;

impl<F: Scalar> SparseInput<F> {
    /// A = X·W + b for the batch read last (which must be sparse, and have
    /// as many pixels as W has rows).
    ///
    /// # Panics
    /// If the sizes do not agree (a programming error).
    pub fn affine_forward(&mut self, w: &DMatrix<F>, b: &DMatrix<F>, out: &mut DMatrix<F>) {
        let (k, n) = w.shape();
        let m = self.rows;
        assert!(
            self.sparse && self.cols == k && out.shape() == (m, n) && b.len() == n,
            "sparse forward: {m}×{} · {k}×{n} into {:?}",
            self.cols,
            out.shape()
        );
        let blocks = Blocks::copy(w.as_slice(), k, n, &mut self.rows_copy);
        let os = out.as_mut_slice();
        let (firsts, entries) = (&self.firsts, &self.by_example);
        blocks.sums(
            &self.rows_copy,
            m,
            n,
            |i| &entries[firsts[i]..firsts[i + 1]],
            |i, j, s| os[i + j * m] = s + b[j],
        );
    }

    /// dW = Xᵀ·dA for the batch read last (which must be sparse).
    ///
    /// # Panics
    /// If the sizes do not agree (a programming error).
    pub fn weight_grad(&mut self, d_out: &DMatrix<F>, dw: &mut DMatrix<F>) {
        let (k, n) = dw.shape();
        let m = self.rows;
        assert!(
            self.sparse && self.cols == k && d_out.shape() == (m, n),
            "sparse weight gradient: {k}×{m} · {:?} into {k}×{n}",
            d_out.shape()
        );
        if !self.pixels_listed {
            self.list_by_pixel();
        }
        let blocks = Blocks::copy(d_out.as_slice(), m, n, &mut self.rows_copy);
        let gs = dw.as_mut_slice();
        let (starts, entries) = (&self.starts, &self.by_pixel);
        blocks.sums(
            &self.rows_copy,
            k,
            n,
            |p| &entries[starts[p]..starts[p + 1]],
            |p, j, s| gs[p + j * k] = s,
        );
    }
}

/// A matrix's rows copied in blocks of columns: 32 columns at a time, then
/// 16, 8 and 4 (the width padded with zeros to a multiple of four). Block b
/// holds its columns of every row, row after row, so that one sum over a
/// block reads whole 128-byte pieces, and a pass over every sum of one
/// block keeps to that block.
struct Blocks {
    /// Rows of the matrix.
    rows: usize,
    /// Each block's first column and width.
    list: Vec<(usize, usize)>,
}

impl Blocks {
    /// Copies the r×c column-major matrix `a` into `to` in blocks.
    fn copy<F: Scalar>(a: &[F], r: usize, c: usize, to: &mut Vec<F>) -> Self {
        let padded = c.div_ceil(4) * 4;
        let mut list = Vec::with_capacity(padded / CHUNK + 3);
        let mut first = 0;
        while first + CHUNK <= padded {
            list.push((first, CHUNK));
            first += CHUNK;
        }
        for width in [16, 8, 4] {
            if first + width <= padded {
                list.push((first, width));
                first += width;
            }
        }
        to.clear();
        to.resize(r * padded, F::ZERO);
        // Eight rows at a time, so that the rows being written stay in
        // cache while every column of the block is copied into them.
        const ROWS: usize = 8;
        for &(first, width) in &list {
            let block = &mut to[r * first..][..r * width];
            for i0 in (0..r).step_by(ROWS) {
                let h = ROWS.min(r - i0);
                let dst = &mut block[i0 * width..][..h * width];
                for jj in 0..width.min(c.saturating_sub(first)) {
                    let src = &a[(first + jj) * r + i0..][..h];
                    for (t, &v) in src.iter().enumerate() {
                        dst[t * width + jj] = v;
                    }
                }
            }
        }
        Self { rows: r, list }
    }

    /// For each `o < outer` and column j < n: put(o, j, Σ value · the
    /// copied row's column j) over the (row, value) pairs `entries(o)`.
    /// Block by block, so that the partial sums of one block stay in
    /// registers and its rows in cache.
    #[inline(always)]
    fn sums<'e, F: Scalar + 'e>(
        &self,
        copy: &[F],
        outer: usize,
        n: usize,
        entries: impl Fn(usize) -> &'e [(u32, F)],
        mut put: impl FnMut(usize, usize, F),
    ) {
        for &(first, width) in &self.list {
            let block = &copy[self.rows * first..][..self.rows * width];
            for o in 0..outer {
                let entries = entries(o);
                let put = |t: usize, s: F| {
                    if first + t < n {
                        put(o, first + t, s);
                    }
                };
                match width {
                    CHUNK => sum::<F, CHUNK>(entries, block, put),
                    16 => sum::<F, 16>(entries, block, put),
                    8 => sum::<F, 8>(entries, block, put),
                    _ => sum::<F, 4>(entries, block, put),
                }
            }
        }
    }
}

/// Σ value · block[row] over `entries`, W columns kept in registers, each
/// handed to `put(column, sum)`.
#[inline(always)]
fn sum<F: Scalar, const W: usize>(
    entries: &[(u32, F)],
    block: &[F],
    mut put: impl FnMut(usize, F),
) {
    let mut acc = [F::ZERO; W];
    for &(i, v) in entries {
        let row: &[F; W] = block[i as usize * W..][..W]
            .try_into()
            .unwrap_or_else(|_| unreachable!("a slice of W"));
        for t in 0..W {
            acc[t] += v * row[t];
        }
    }
    for (t, &s) in acc.iter().enumerate() {
        put(t, s);
    }
}

/// A = X·W + b for the layer that takes the input: the sparse products when
/// `x` is mostly zeros (digits as they are), the dense one otherwise. Takes
/// the listing made from the batch's images when there is one (then `x`
/// may not have been written), or lists `x`'s nonzero entries, in `input`,
/// for [`input_backward`].
pub(in crate::nn) fn input_forward<F: Scalar>(
    input: &mut SparseInput<F>,
    x: &DMatrix<F>,
    w: &DMatrix<F>,
    b: &DMatrix<F>,
    out: &mut DMatrix<F>,
) {
    let sparse = if input.take_given(x.nrows(), x.ncols()) {
        input.is_sparse()
    } else {
        input.read(x)
    };
    if sparse {
        input.affine_forward(w, b, out);
    } else {
        affine_forward(x, w, b, out);
    }
}

/// dW = Xᵀ·dA and db for the layer that takes the input, after
/// [`input_forward`] read the same `x` (no dX: nothing is below it).
pub(in crate::nn) fn input_backward<F: Scalar>(
    input: &mut SparseInput<F>,
    x: &DMatrix<F>,
    w: &DMatrix<F>,
    d_out: &DMatrix<F>,
    dw: &mut DMatrix<F>,
    db: &mut DMatrix<F>,
) {
    if input.is_sparse() {
        input.weight_grad(d_out, dw);
        bias_grad(d_out, db);
    } else {
        affine_backward(x, w, d_out, dw, db, None);
    }
}
