//! The first layer's products when its input is mostly zeros, as digits
//! are: about four pixels in five are blank, and with the book's scaling
//! (x/255, or none) blank stays exactly 0. A dense product spends four
//! fifths of the first layer's multiply-adds, the largest layer by far
//! (784 × 100 of the 109,400 per example in 784-100×4-10), on zeros.
//!
//! [`SparseInput::read`] lists a batch's nonzero entries pixel by pixel and
//! example by example (for each pixel, the examples where it is not 0, and
//! for each example, its pixels that are not 0, with their values). When
//! few enough are nonzero:
//!
//! - forward, A = X·W + b: row i of A is the sum, over the pixels lit in
//!   example i, of value × that pixel's row of W;
//! - backward, dW = Xᵀ·dA: row p of dW is the sum, over the examples where
//!   pixel p is lit, of value × that example's row of dA (a pixel lit
//!   nowhere in the batch gets a zero row).
//!
//! Both sums keep 32 columns at a time in registers and read the rows (W's
//! or dA's, copied once per product in blocks of 32, 16, 8 and 4 columns)
//! only where they are needed. A batch of digits as they are is listed
//! straight from its images' bytes ([`SparseInput::list_images`], through
//! `Data::fill_listed`) and never written out as a matrix.
//!
//! Both add in a different order from the dense product, so results agree
//! with it to f32 rounding, not bit for bit (tested against [`gemm`] on
//! random shapes, the edge sizes included). A batch that is not sparse
//! enough (inputs standardized, so blank is no longer 0; mixup; noise)
//! takes the dense product.
//!
//! [`gemm`]: super::gemm::gemm

use super::gemm::Scalar;
use nalgebra::DMatrix;

mod products;
pub(super) use products::{input_backward, input_forward};

/// Below this share of nonzero entries the sparse products are used. Digits
/// have ≈ 0.18. In Chromium the sums cost about 2.4 times what the dense
/// kernel does per multiply-add (a profile of scoring), and listing costs
/// a little more, so they win up to a little over a third.
pub const MAX_DENSITY: f64 = 0.35;

/// Sums run over this many columns at a time, kept in registers (eight
/// four-lane vectors).
const CHUNK: usize = 32;

/// A batch's nonzero inputs, by pixel and by example, and the rows the
/// products work in (kept between batches so that a step allocates nothing).
#[derive(Debug)]
pub struct SparseInput<F> {
    /// Examples (rows of X) and pixels (columns) of the batch read last.
    rows: usize,
    cols: usize,
    /// Entries of pixel p: `by_pixel[starts[p]..starts[p + 1]]`, each the
    /// example and the value.
    starts: Vec<usize>,
    by_pixel: Vec<(u32, F)>,
    /// Entries of example i: `by_example[firsts[i]..firsts[i + 1]]`, each
    /// the pixel and the value (pixels ascending).
    firsts: Vec<usize>,
    by_example: Vec<(u32, F)>,
    /// Whether the batch read last is sparse enough.
    sparse: bool,
    /// Nonzero entries of the batch (of those listed, when the listing
    /// stopped early).
    nonzero: usize,
    /// Whether `by_pixel` lists the batch (a batch listed from its images
    /// is listed by pixel only when a backward pass needs it).
    pixels_listed: bool,
    /// Listed from the images (see [`SparseInput::list_images`]) for the
    /// next forward pass, which then need not read its input.
    given: bool,
    /// W's rows (forward) or dA's (backward) copied in blocks of columns.
    rows_copy: Vec<F>,
}

impl<F> Default for SparseInput<F> {
    fn default() -> Self {
        Self {
            rows: 0,
            cols: 0,
            starts: Vec::new(),
            by_pixel: Vec::new(),
            firsts: Vec::new(),
            by_example: Vec::new(),
            sparse: false,
            nonzero: 0,
            pixels_listed: false,
            given: false,
            rows_copy: Vec::new(),
        }
    }
}

/// A copy is empty: the listing is working memory of one forward pass.
impl<F> Clone for SparseInput<F> {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<F: Scalar> SparseInput<F> {
    /// Lists the nonzero entries of `x` (one example per row); returns
    /// whether there are few enough for the sparse products. A batch with
    /// too many stops being listed as soon as that is known.
    pub fn read(&mut self, x: &DMatrix<F>) -> bool {
        self.read_below(x, MAX_DENSITY)
    }

    /// [`SparseInput::read`] with the highest share of nonzero entries given.
    fn read_below(&mut self, x: &DMatrix<F>, max_density: f64) -> bool {
        let (rows, cols) = x.shape();
        (self.rows, self.cols) = (rows, cols);
        (self.sparse, self.given, self.pixels_listed) = (false, false, false);
        self.starts.clear();
        self.starts.push(0);
        if rows == 0 || rows > u32::MAX as usize || cols > u32::MAX as usize {
            return false;
        }
        let most = (max_density * (rows * cols) as f64) as usize;
        // Eight entries at a time: all zero (most of a digit) are passed
        // over with one test; otherwise every entry is written and the cursor
        // moves past the nonzero ones only, with no branch per entry.
        self.by_pixel.resize(most + rows, (0, F::ZERO));
        let mut n = 0;
        for col in x.as_slice().chunks(rows) {
            let slots = &mut self.by_pixel[n..n + rows];
            let mut m = 0;
            let mut i = 0;
            for eight in col.chunks(8) {
                if eight.iter().fold(false, |any, &v| any | (v != F::ZERO)) {
                    for (t, &v) in eight.iter().enumerate() {
                        slots[m] = ((i + t) as u32, v);
                        m += usize::from(v != F::ZERO);
                    }
                }
                i += eight.len();
            }
            n += m;
            self.nonzero = n;
            if n > most {
                return false;
            }
            self.starts.push(n);
        }
        self.by_pixel.truncate(n);
        self.pixels_listed = true;
        self.list_by_example();
        self.sparse = true;
        true
    }

    /// Lists a batch straight from its images (one per row of the batch,
    /// `cols` bytes each, input j of an example being `table[byte j]`), for
    /// the next forward pass only: that pass then takes this listing instead
    /// of reading its input, which must be these images so scaled. Nothing
    /// is listed when `table[0]` is not 0 (blank pixels are not 0 then).
    pub fn list_images<'a>(
        &mut self,
        cols: usize,
        images: impl ExactSizeIterator<Item = &'a [u8]>,
        table: &[f32; 256],
    ) {
        let rows = images.len();
        (self.rows, self.cols) = (rows, cols);
        (self.sparse, self.given, self.pixels_listed) = (false, true, false);
        self.nonzero = 0;
        if table[0] != 0.0 || rows == 0 || cols > u32::MAX as usize {
            return;
        }
        let most = (MAX_DENSITY * (rows * cols) as f64) as usize;
        let values: [F; 256] = std::array::from_fn(|b| F::of(f64::from(table[b])));
        self.by_example.resize(most + cols, (0, F::ZERO));
        self.firsts.clear();
        self.firsts.push(0);
        let mut n = 0;
        for image in images {
            let slots = &mut self.by_example[n..n + cols];
            let mut m = 0;
            let mut p = 0;
            // Sixteen pixels at a time: all blank are passed over at once.
            for bytes in image[..cols.min(image.len())].chunks(16) {
                let blank = match <[u8; 16]>::try_from(bytes) {
                    Ok(sixteen) => u128::from_ne_bytes(sixteen) == 0,
                    Err(_) => bytes.iter().all(|&b| b == 0),
                };
                if !blank {
                    for (t, &b) in bytes.iter().enumerate() {
                        slots[m] = ((p + t) as u32, values[usize::from(b)]);
                        m += usize::from(b != 0);
                    }
                }
                p += bytes.len();
            }
            n += m;
            self.nonzero = n;
            if n > most {
                return;
            }
            self.firsts.push(n);
        }
        self.by_example.truncate(n);
        self.sparse = true;
    }

    /// Whether a listing from [`SparseInput::list_images`] of a batch of
    /// this shape waits for the forward pass; forgets it either way.
    pub fn take_given(&mut self, rows: usize, cols: usize) -> bool {
        std::mem::take(&mut self.given) && (self.rows, self.cols) == (rows, cols)
    }

    /// Forgets a listing from [`SparseInput::list_images`] that no forward
    /// pass took.
    pub fn forget(&mut self) {
        self.given = false;
    }

    /// The entries listed by example, listed by pixel (examples ascending).
    fn list_by_pixel(&mut self) {
        let by = (&self.firsts[..], &self.by_example[..]);
        regroup(by, self.cols, &mut self.starts, &mut self.by_pixel);
        self.pixels_listed = true;
    }

    /// The entries listed by pixel, listed by example (pixels ascending).
    fn list_by_example(&mut self) {
        let by = (&self.starts[..], &self.by_pixel[..]);
        regroup(by, self.rows, &mut self.firsts, &mut self.by_example);
    }

    /// Whether the batch read last takes the sparse products.
    pub fn is_sparse(&self) -> bool {
        self.sparse
    }

    /// Share of the last batch's entries that are nonzero.
    pub fn density(&self) -> f64 {
        self.nonzero as f64 / (self.rows * self.cols).max(1) as f64
    }
}

/// The same entries grouped the other way: `from` lists, for each group g,
/// entries `from.1[from.0[g]..from.0[g + 1]]` as (member, value); `to` gets,
/// for each of the `members`, its (group, value) entries, groups ascending,
/// with their bounds in `to_starts`. Counted, then placed.
fn regroup<F: Scalar>(
    from: (&[usize], &[(u32, F)]),
    members: usize,
    to_starts: &mut Vec<usize>,
    to: &mut Vec<(u32, F)>,
) {
    let (starts, entries) = from;
    to_starts.clear();
    to_starts.resize(members + 1, 0);
    for &(m, _) in entries {
        to_starts[m as usize + 1] += 1;
    }
    for m in 0..members {
        to_starts[m + 1] += to_starts[m];
    }
    to.clear();
    to.resize(entries.len(), (0, F::ZERO));
    let mut next = to_starts.clone();
    for (g, bounds) in starts.windows(2).enumerate() {
        for &(m, v) in &entries[bounds[0]..bounds[1]] {
            let slot = &mut next[m as usize];
            to[*slot] = (g as u32, v);
            *slot += 1;
        }
    }
}

#[cfg(test)]
mod tests;
