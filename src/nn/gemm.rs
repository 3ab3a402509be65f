//! Matrix products for the network, transposed operands included, through
//! `matrixmultiply` (the kernel nalgebra itself uses for f32/f64): a transpose
//! is only a swap of strides, never a copy, so the backward pass's Xᵀ·dY and
//! dY·Wᵀ run as fast as the forward product.
//!
//! The only `unsafe` code of Descent is here and in `kernel` (the wasm
//! build's own products): both take raw pointers and strides, which
//! [`gemm`] derives from the matrices it checks.
#![allow(unsafe_code)]

use crate::float::Float;
use nalgebra::DMatrix;

/// A float the network can be built in: `f32` (fast) or `f64` (gradient checks).
pub trait Scalar: Float + nalgebra::Scalar {
    /// C ← α·A·B + β·C on raw column strides; see `matrixmultiply::sgemm`.
    ///
    /// # Safety
    /// The pointers and strides must describe matrices of the given sizes.
    #[allow(clippy::too_many_arguments)]
    unsafe fn gemm_raw(
        m: usize,
        k: usize,
        n: usize,
        alpha: Self,
        a: (*const Self, isize, isize),
        b: (*const Self, isize, isize),
        beta: Self,
        c: (*mut Self, isize, isize),
    );
}

impl Scalar for f32 {
    unsafe fn gemm_raw(
        m: usize,
        k: usize,
        n: usize,
        alpha: f32,
        a: (*const f32, isize, isize),
        b: (*const f32, isize, isize),
        beta: f32,
        c: (*mut f32, isize, isize),
    ) {
        // In wasm the network's own kernel (see `kernel`) takes the shapes
        // a training step makes; natively, and for any other shape,
        // `matrixmultiply`.
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        {
            // SAFETY: forwarded from the caller's contract.
            if unsafe {
                super::kernel::sgemm::<super::kernel::Simd>((m, k, n), alpha, a, b, beta, c)
            } {
                return;
            }
        }
        // SAFETY: forwarded from the caller's contract.
        unsafe {
            matrixmultiply::sgemm(
                m, k, n, alpha, a.0, a.1, a.2, b.0, b.1, b.2, beta, c.0, c.1, c.2,
            );
        }
    }
}

impl Scalar for f64 {
    unsafe fn gemm_raw(
        m: usize,
        k: usize,
        n: usize,
        alpha: f64,
        a: (*const f64, isize, isize),
        b: (*const f64, isize, isize),
        beta: f64,
        c: (*mut f64, isize, isize),
    ) {
        // SAFETY: forwarded from the caller's contract.
        unsafe {
            matrixmultiply::dgemm(
                m, k, n, alpha, a.0, a.1, a.2, b.0, b.1, b.2, beta, c.0, c.1, c.2,
            );
        }
    }
}

/// Rows and columns of `a`, or of its transpose when `t`.
fn dims<F: nalgebra::Scalar>(a: &DMatrix<F>, t: bool) -> (usize, usize) {
    if t {
        (a.ncols(), a.nrows())
    } else {
        (a.nrows(), a.ncols())
    }
}

/// Row and column strides of column-major `a`, or of its transpose.
fn strides<F: nalgebra::Scalar>(a: &DMatrix<F>, t: bool) -> (isize, isize) {
    let (rs, cs) = (1, a.nrows() as isize);
    if t {
        (cs, rs)
    } else {
        (rs, cs)
    }
}

/// C ← α·op(A)·op(B) + β·C, where op transposes when asked.
///
/// # Panics
/// If the sizes do not agree (a programming error).
pub fn gemm<F: Scalar>(
    alpha: F,
    a: &DMatrix<F>,
    ta: bool,
    b: &DMatrix<F>,
    tb: bool,
    beta: F,
    c: &mut DMatrix<F>,
) {
    let (m, k) = dims(a, ta);
    let (k2, n) = dims(b, tb);
    assert!(
        k == k2 && c.nrows() == m && c.ncols() == n,
        "gemm: {m}×{k} · {k2}×{n} into {}×{}",
        c.nrows(),
        c.ncols()
    );
    if m == 0 || n == 0 {
        return;
    }
    let (rsa, csa) = strides(a, ta);
    let (rsb, csb) = strides(b, tb);
    let rsc = 1;
    let csc = c.nrows() as isize;
    // SAFETY: the asserts above make every index the kernel forms lie inside
    // the three column-major buffers.
    unsafe {
        F::gemm_raw(
            m,
            k,
            n,
            alpha,
            (a.as_ptr(), rsa, csa),
            (b.as_ptr(), rsb, csb),
            beta,
            (c.as_mut_ptr(), rsc, csc),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_four_transposes_match_nalgebra() {
        let a = DMatrix::from_fn(7, 5, |i, j| (i * 5 + j) as f64 * 0.1 - 1.0);
        let b = DMatrix::from_fn(5, 6, |i, j| (i as f64 - j as f64) * 0.3);
        let expected = &a * &b;
        let cases = [
            (a.clone(), false, b.clone(), false),
            (a.transpose(), true, b.clone(), false),
            (a.clone(), false, b.transpose(), true),
            (a.transpose(), true, b.transpose(), true),
        ];
        for (x, tx, y, ty) in cases {
            let mut c = DMatrix::from_element(7, 6, 1.0);
            gemm(2.0, &x, tx, &y, ty, 0.5, &mut c);
            let want = &expected * 2.0 + DMatrix::from_element(7, 6, 0.5);
            assert!((c - want).abs().max() < 1e-12, "{tx} {ty}");
        }
    }
}
