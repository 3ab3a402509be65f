//! The network's matrix products written for wasm's 128-bit SIMD: the three
//! shapes a training step takes (X·W forward, dZ·Wᵀ back to the inputs,
//! Xᵀ·dZ for the weights) read their operands where they lie, without the
//! packing copies a general kernel makes on every call.
//!
//! Every matrix is column-major, as nalgebra's. Two micro-kernels cover the
//! three shapes:
//!
//! - **Columns** (`A` not transposed: each column of `A` is contiguous): a
//!   block of 8 rows × 4 columns of `C` is 8 four-lane accumulators; each
//!   step of the sum loads two vectors of a column of `A` and broadcasts four
//!   numbers of `B`, which may lie at any strides (so `dZ·Wᵀ` is this
//!   kernel too).
//! - **Dots** (`A` transposed and `B` not: row `i` of `A` and column `j` of
//!   `B` are both contiguous over the sum): a block of 4 × 2 entries of `C`
//!   is 8 accumulators over the sum, four terms at a time, added across
//!   lanes at the end.
//!
//! Edges (rows or columns that do not fill a block) take the same kernels
//! with fewer accumulators, and rows past a multiple of four a plain loop.
//! The lanes are a trait so that native tests run the same blocking with
//! plain arrays; the wasm build runs it on `v128` (with the fused
//! multiply-add of relaxed SIMD when the build enables it).
#![allow(unsafe_code)]

/// Four f32 lanes.
pub trait Lanes: Copy {
    /// All lanes zero.
    fn zero() -> Self;
    /// Every lane `x`.
    fn splat(x: f32) -> Self;
    /// Four numbers from `p`.
    ///
    /// # Safety
    /// `p` must point at four readable f32.
    unsafe fn load(p: *const f32) -> Self;
    /// `self + a·b`, lane by lane.
    fn madd(self, a: Self, b: Self) -> Self;
    /// The four lanes, in order.
    fn lanes(self) -> [f32; 4];
}

/// Plain arrays: the native tests' lanes.
impl Lanes for [f32; 4] {
    fn zero() -> Self {
        [0.0; 4]
    }
    fn splat(x: f32) -> Self {
        [x; 4]
    }
    unsafe fn load(p: *const f32) -> Self {
        // SAFETY: the caller's contract.
        unsafe { [*p, *p.add(1), *p.add(2), *p.add(3)] }
    }
    fn madd(self, a: Self, b: Self) -> Self {
        [
            self[0] + a[0] * b[0],
            self[1] + a[1] * b[1],
            self[2] + a[2] * b[2],
            self[3] + a[3] * b[3],
        ]
    }
    fn lanes(self) -> [f32; 4] {
        self
    }
}

/// wasm's SIMD128 vector.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[derive(Clone, Copy)]
pub struct Simd(core::arch::wasm32::v128);

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
impl Lanes for Simd {
    fn zero() -> Self {
        Simd(core::arch::wasm32::f32x4_splat(0.0))
    }
    fn splat(x: f32) -> Self {
        Simd(core::arch::wasm32::f32x4_splat(x))
    }
    unsafe fn load(p: *const f32) -> Self {
        // SAFETY: the caller's contract; v128_load needs no alignment.
        Simd(unsafe { core::arch::wasm32::v128_load(p.cast()) })
    }
    fn madd(self, a: Self, b: Self) -> Self {
        #[cfg(target_feature = "relaxed-simd")]
        {
            Simd(core::arch::wasm32::f32x4_relaxed_madd(a.0, b.0, self.0))
        }
        #[cfg(not(target_feature = "relaxed-simd"))]
        {
            use core::arch::wasm32::{f32x4_add, f32x4_mul};
            Simd(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
        }
    }
    fn lanes(self) -> [f32; 4] {
        use core::arch::wasm32::f32x4_extract_lane as lane;
        [
            lane::<0>(self.0),
            lane::<1>(self.0),
            lane::<2>(self.0),
            lane::<3>(self.0),
        ]
    }
}

/// Columns of `C` in one block of the columns kernel: 8 rows × 4 columns
/// are 8 accumulators. (8 × 6, twelve of them, measured slower in
/// Chromium: with the vectors of `A` and the broadcast they no longer fit
/// in x86's 16 vector registers beside the engine's scratch register.)
const NC: usize = 4;

/// Terms of the sum taken at a time by the columns kernel.
const KC: usize = 256;

/// A matrix operand: its first element and its row and column strides.
pub type Operand = (*const f32, isize, isize);

/// Writes `alpha·sum + beta·c` to `c` (and ignores `c` when `beta` is 0,
/// as a BLAS does, so that whatever it held cannot leak in).
///
/// # Safety
/// `c` must be writable (and readable when `beta` is not 0).
#[inline(always)]
unsafe fn put(c: *mut f32, alpha: f32, sum: f32, beta: f32) {
    // SAFETY: the caller's contract.
    unsafe {
        *c = if beta == 0.0 {
            alpha * sum
        } else {
            alpha * sum + beta * *c
        };
    }
}

/// One block of `4·R` rows × `C` columns of `C` by the columns kernel.
///
/// # Safety
/// `a` must hold `4·R` contiguous rows for each of `k` columns `csa` apart;
/// `b` a `k × C` block at strides `(rsb, csb)`; `c` a `4·R × C` block with
/// unit row stride and column stride `csc`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
// Indexed loops over the constant R and C, which the compiler unrolls into
// 4·R·C/4 accumulators held in registers.
#[allow(clippy::needless_range_loop)]
unsafe fn columns_block<L: Lanes, const R: usize, const C: usize>(
    k: usize,
    alpha: f32,
    (a, _, csa): Operand,
    (b, rsb, csb): Operand,
    beta: f32,
    c: *mut f32,
    csc: isize,
) {
    let mut acc = [[L::zero(); C]; R];
    for p in 0..k as isize {
        // SAFETY: within the block the caller describes.
        unsafe {
            let ap = a.offset(p * csa);
            let mut av = [L::zero(); R];
            for (r, v) in av.iter_mut().enumerate() {
                *v = L::load(ap.add(4 * r));
            }
            let bp = b.offset(p * rsb);
            for col in 0..C {
                let bv = L::splat(*bp.offset(col as isize * csb));
                for r in 0..R {
                    acc[r][col] = acc[r][col].madd(av[r], bv);
                }
            }
        }
    }
    for (col, _) in acc[0].iter().enumerate() {
        for (r, row) in acc.iter().enumerate() {
            for (l, &sum) in row[col].lanes().iter().enumerate() {
                // SAFETY: within the block the caller describes.
                unsafe {
                    put(
                        c.offset(col as isize * csc).add(4 * r + l),
                        alpha,
                        sum,
                        beta,
                    );
                }
            }
        }
    }
}

/// `C ← α·A·B + β·C` where `A`'s columns are contiguous (`rsa` = 1).
///
/// # Safety
/// The operands must describe an `m × k`, a `k × n` and an `m × n` matrix
/// (`C` with unit row stride).
#[allow(clippy::too_many_arguments)]
unsafe fn columns<L: Lanes>(
    (m, k, n): (usize, usize, usize),
    alpha: f32,
    a: Operand,
    b: Operand,
    beta: f32,
    (c, csc): (*mut f32, isize),
) {
    let (ap, _, csa) = a;
    let (bp, rsb, csb) = b;
    let mut j = 0;
    while j < n {
        let cols = (n - j).min(NC);
        // SAFETY: each block below lies inside the matrices, by the loop bounds.
        unsafe {
            let bj = (bp.offset(j as isize * csb), rsb, csb);
            let cj = c.offset(j as isize * csc);
            let mut i = 0;
            macro_rules! block {
                ($r:literal) => {{
                    let ai = (ap.add(i), 1, csa);
                    let ci = cj.add(i);
                    match cols {
                        4 => columns_block::<L, $r, 4>(k, alpha, ai, bj, beta, ci, csc),
                        3 => columns_block::<L, $r, 3>(k, alpha, ai, bj, beta, ci, csc),
                        2 => columns_block::<L, $r, 2>(k, alpha, ai, bj, beta, ci, csc),
                        _ => columns_block::<L, $r, 1>(k, alpha, ai, bj, beta, ci, csc),
                    }
                }};
            }
            while i + 8 <= m {
                block!(2);
                i += 8;
            }
            if i + 4 <= m {
                block!(1);
                i += 4;
            }
            // The last rows, fewer than four.
            for row in i..m {
                for col in 0..cols {
                    let mut sum = 0.0;
                    for p in 0..k as isize {
                        sum += *ap.add(row).offset(p * csa)
                            * *bj.0.offset(p * rsb + col as isize * csb);
                    }
                    put(cj.offset(col as isize * csc).add(row), alpha, sum, beta);
                }
            }
        }
        j += cols;
    }
}

/// One block of `I × J` entries of `C` by the dots kernel.
///
/// # Safety
/// Rows `0..I` of `A` (`rsa` apart) and columns `0..J` of `B` (`csb` apart)
/// must each hold `k` contiguous numbers; `c` an `I × J` block.
#[inline(always)]
unsafe fn dots_block<L: Lanes, const I: usize, const J: usize>(
    k: usize,
    alpha: f32,
    (a, rsa): (*const f32, isize),
    (b, csb): (*const f32, isize),
    beta: f32,
    (c, csc): (*mut f32, isize),
) {
    let mut acc = [[L::zero(); J]; I];
    let whole = k - k % 4;
    let mut p = 0;
    while p < whole {
        // SAFETY: p + 3 < k, inside each row and column.
        unsafe {
            let mut bv = [L::zero(); J];
            for (jj, v) in bv.iter_mut().enumerate() {
                *v = L::load(b.offset(jj as isize * csb).add(p));
            }
            for (ii, row) in acc.iter_mut().enumerate() {
                let av = L::load(a.offset(ii as isize * rsa).add(p));
                for (sum, &bj) in row.iter_mut().zip(&bv) {
                    *sum = sum.madd(av, bj);
                }
            }
        }
        p += 4;
    }
    for (ii, row) in acc.iter().enumerate() {
        for (jj, v) in row.iter().enumerate() {
            let l = v.lanes();
            let mut sum = (l[0] + l[1]) + (l[2] + l[3]);
            for q in whole..k {
                // SAFETY: q < k.
                unsafe {
                    sum +=
                        *a.offset(ii as isize * rsa).add(q) * *b.offset(jj as isize * csb).add(q);
                }
            }
            // SAFETY: inside the block.
            unsafe { put(c.offset(jj as isize * csc).add(ii), alpha, sum, beta) };
        }
    }
}

/// `C ← α·A·B + β·C` where `A`'s rows and `B`'s columns are contiguous
/// (`csa` = 1, `rsb` = 1): `A` is a transposed column-major matrix.
///
/// # Safety
/// As for [`columns`].
#[allow(clippy::too_many_arguments)]
unsafe fn dots<L: Lanes>(
    (m, k, n): (usize, usize, usize),
    alpha: f32,
    (ap, rsa, _): Operand,
    (bp, _, csb): Operand,
    beta: f32,
    (c, csc): (*mut f32, isize),
) {
    let mut j = 0;
    while j < n {
        let cols = (n - j).min(2);
        let mut i = 0;
        while i < m {
            let rows = (m - i).min(4);
            // SAFETY: the block lies inside the matrices, by the loop bounds.
            unsafe {
                let a = (ap.offset(i as isize * rsa), rsa);
                let b = (bp.offset(j as isize * csb), csb);
                let cc = (c.offset(j as isize * csc).add(i), csc);
                match (rows, cols) {
                    (4, 2) => dots_block::<L, 4, 2>(k, alpha, a, b, beta, cc),
                    (3, 2) => dots_block::<L, 3, 2>(k, alpha, a, b, beta, cc),
                    (2, 2) => dots_block::<L, 2, 2>(k, alpha, a, b, beta, cc),
                    (1, 2) => dots_block::<L, 1, 2>(k, alpha, a, b, beta, cc),
                    (4, _) => dots_block::<L, 4, 1>(k, alpha, a, b, beta, cc),
                    (3, _) => dots_block::<L, 3, 1>(k, alpha, a, b, beta, cc),
                    (2, _) => dots_block::<L, 2, 1>(k, alpha, a, b, beta, cc),
                    _ => dots_block::<L, 1, 1>(k, alpha, a, b, beta, cc),
                }
            }
            i += rows;
        }
        j += cols;
    }
}

/// `C ← α·A·B + β·C` on `L` lanes for the shapes this module covers;
/// `false` (and `C` untouched) for any other, which the caller computes
/// another way.
///
/// # Safety
/// The operands must describe an `m × k`, a `k × n` and an `m × n` matrix.
#[allow(clippy::too_many_arguments)]
pub unsafe fn sgemm<L: Lanes>(
    (m, k, n): (usize, usize, usize),
    alpha: f32,
    a: Operand,
    b: Operand,
    beta: f32,
    c: (*mut f32, isize, isize),
) -> bool {
    let (cp, rsc, csc) = c;
    if rsc != 1 {
        return false;
    }
    // SAFETY: the caller's contract, and the shape checks.
    unsafe {
        if a.1 == 1 {
            // The sum in slices of KC terms, each added to what the slices
            // before it left in C: a slice of A's columns (8 rows × KC)
            // stays in the first-level cache while the block's columns of B
            // pass over it.
            let mut p = 0;
            let mut beta = beta;
            while p < k.max(1) {
                let kc = (k - p).min(KC);
                let ak = (a.0.offset(p as isize * a.2), a.1, a.2);
                let bk = (b.0.offset(p as isize * b.1), b.1, b.2);
                columns::<L>((m, kc, n), alpha, ak, bk, beta, (cp, csc));
                beta = 1.0;
                p += KC;
            }
            true
        } else if a.2 == 1 && b.1 == 1 {
            dots::<L>((m, k, n), alpha, a, b, beta, (cp, csc));
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests;
