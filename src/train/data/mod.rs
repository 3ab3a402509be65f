//! Digits prepared for training: which examples, scaled how, augmented how,
//! assembled into mini-batches (one example per row) without allocating.

use crate::data::{Digits, Split};
use crate::error::Result;
use crate::fail;
use crate::nn::gemm::Scalar;
use crate::nn::sparse::SparseInput;
use crate::rng::Rng;
use nalgebra::DMatrix;
use std::sync::Arc;

pub use super::augment::Augment;
use super::augment::{mixup, transform};
pub use super::selection::{Classes, Permutation, Selection};
pub use crate::data::scaler::{Scaler, Scaling};

/// How many training and validation digits a run gets from `available`
/// training digits: the first `train_size` of them (all when `None`), of
/// which the share `validation` (the last ones) is held out.
pub fn sizes(
    available: usize,
    train_size: Option<usize>,
    validation: f64,
) -> Result<(usize, usize)> {
    let n = train_size.unwrap_or(available);
    if n > available || n == 0 {
        fail!(
            "The training set size must be from 1 to {available} (the digits loaded have {available} for training), got {n}.",
            "훈련 세트 크기는 1~{available}이어야 하는데(불러온 숫자 중 훈련용은 {available}개) {n}입니다.",
        );
    }
    if !(0.0..1.0).contains(&validation) {
        fail!(
            "The validation share must be at least 0 and below 1, got {}.",
            "검증 비율은 0 이상 1 미만이어야 하는데 {}입니다.",
            crate::num::num(validation)
        );
    }
    let n_val = ((n as f64 * validation).round() as usize).min(n - 1);
    Ok((n - n_val, n_val))
}

/// The examples of a run, by part.
#[derive(Debug, Clone)]
pub struct Data {
    /// All digits (shared between runs).
    pub digits: Arc<Digits>,
    /// Training examples.
    pub train: Vec<usize>,
    /// Validation examples (from the training side).
    pub validation: Vec<usize>,
    /// Test examples.
    pub test: Vec<usize>,
    /// Input scaling, fitted to the training examples alone.
    pub scaler: Scaler,
    /// The fixed order of the pixels, when they are scrambled.
    pub permutation: Option<Permutation>,
}

impl Data {
    /// The standard split of `digits` (or `test` given apart, as for full MNIST),
    /// the first `train_size` training digits, and a validation share of those.
    pub fn new(
        digits: Arc<Digits>,
        test_digits: Option<usize>,
        train_size: Option<usize>,
        validation: f64,
        scaling: Scaling,
    ) -> Result<Self> {
        let all = Selection::default();
        Self::select(digits, test_digits, &all, train_size, validation, scaling)
    }

    /// The same, of the digits `selection` chooses: its classes only (in
    /// training, validation and test), at most its number of training
    /// examples per class, its pixels in its order.
    pub fn select(
        digits: Arc<Digits>,
        test_digits: Option<usize>,
        selection: &Selection,
        train_size: Option<usize>,
        validation: f64,
        scaling: Scaling,
    ) -> Result<Self> {
        let (mut train, test) = match test_digits {
            // The last `n` digits are the test set (IDX training + test files).
            Some(n) if n < digits.len() => (
                (0..digits.len() - n).collect::<Vec<_>>(),
                (digits.len() - n..digits.len()).collect(),
            ),
            _ => {
                let s = Split::standard(digits.len());
                (s.train, s.test)
            }
        };
        if *selection != Selection::default() {
            let label = |i: usize| digits.label(i);
            train = selection.keep(&train, label, true);
            let test_kept = selection.keep(&test, label, false);
            if train.is_empty() || test_kept.is_empty() {
                fail!(
                    "The digits loaded have no {} of the classes {}; choose other classes.",
                    "불러온 숫자에는 클래스 {1}의 {0}이(가) 없습니다. 다른 클래스를 고르세요.",
                    if train.is_empty() {
                        crate::i18n::tr("training digits", "훈련 숫자")
                    } else {
                        crate::i18n::tr("test digits", "테스트 숫자")
                    },
                    selection.classes.text()
                );
            }
            return Self::finish(
                digits, train, test_kept, selection, train_size, validation, scaling,
            );
        }
        Self::finish(
            digits, train, test, selection, train_size, validation, scaling,
        )
    }

    fn finish(
        digits: Arc<Digits>,
        mut train: Vec<usize>,
        test: Vec<usize>,
        selection: &Selection,
        train_size: Option<usize>,
        validation: f64,
        scaling: Scaling,
    ) -> Result<Self> {
        let (n_train, n_val) = sizes(train.len(), train_size, validation)?;
        train.truncate(n_train + n_val);
        let validation = train.split_off(n_train);
        // The scaling's statistics come from the training digits alone,
        // never from validation or test digits.
        let permutation = selection
            .permute
            .map(|seed| Permutation::seeded(seed, digits.image_len()));
        let mut scaler = Scaler::fit(scaling, &digits, &train);
        if let Some(p) = &permutation {
            scaler = scaler.permuted(&p.order);
        }
        Ok(Self {
            digits,
            train,
            validation,
            test,
            scaler,
            permutation,
        })
    }

    /// Inputs per example.
    pub fn features(&self) -> usize {
        self.digits.image_len()
    }

    /// Whether [`Data::fill`] writes the digits' pixels as they are, before
    /// scaling (no image is transformed or scrambled).
    fn as_they_are(&self, augment: Augment) -> bool {
        let square = self.digits.rows() * self.digits.rows() == self.features();
        self.permutation.is_none() && !(augment.any() && square)
    }

    /// [`Data::fill`] for a network's next forward pass, which takes
    /// `listing` (`nn::sparse`): a batch of digits as they are (no
    /// augmentation, no scrambling, one scaling for every pixel, 0 staying
    /// 0) is listed straight from its images, and when few enough of its
    /// inputs are nonzero, `x` is left as it was, since that pass reads the
    /// listing instead. Any other batch is written into `x` as by `fill`.
    #[allow(clippy::too_many_arguments)]
    pub fn fill_listed<F: Scalar>(
        &self,
        indices: &[usize],
        x: &mut DMatrix<F>,
        t: &mut DMatrix<F>,
        augment: Augment,
        rng: &mut Rng,
        scratch: &mut Vec<f32>,
        listing: &mut SparseInput<F>,
    ) -> Vec<f64> {
        // Mixup mixes the rows after they are written.
        let listable = self.as_they_are(augment)
            && !augment.mixup
            && x.shape() == (indices.len(), self.features());
        if let Some(table) = self.scaler.table().filter(|_| listable) {
            let images = indices.iter().map(|&i| self.digits.image(i));
            listing.list_images(self.features(), images, &table);
            if listing.is_sparse() {
                self.labels(indices, t);
                return Vec::new();
            }
        }
        self.fill(indices, x, t, augment, rng, scratch)
    }

    /// The one-hot labels of examples `indices`, row by row, into `t`.
    fn labels<F: Scalar>(&self, indices: &[usize], t: &mut DMatrix<F>) {
        t.fill(F::ZERO);
        for (r, &i) in indices.iter().enumerate() {
            t[(r, usize::from(self.digits.label(i)))] = F::ONE;
        }
    }

    /// Writes examples `indices` into the rows of `x` and their one-hot labels
    /// into `t`, augmenting them when `augment` asks (training only); returns
    /// mixup's weight λ of each row (empty without mixup): row r became
    /// λ·(example r) + (1 − λ)·(example r + 1, the last one mixed with the first).
    pub fn fill<F: Scalar>(
        &self,
        indices: &[usize],
        x: &mut DMatrix<F>,
        t: &mut DMatrix<F>,
        augment: Augment,
        rng: &mut Rng,
        scratch: &mut Vec<f32>,
    ) -> Vec<f64> {
        let rows = indices.len();
        let side = self.digits.rows();
        let n = self.features();
        // Examples in groups of GROUP: each is made (and augmented) as an
        // image in `scratch`, then the group is written column by column, so
        // that every column of `x` gets GROUP neighbouring numbers at once
        // (one example at a time wrote 784 numbers 784 cache lines apart;
        // measured in Chromium: training 43 k examples/s in groups, 38 k one
        // at a time, with the same once-per-example scaling).
        const GROUP: usize = 16;
        self.labels(indices, t);
        // Digits as they are, scaled alike at every pixel: each input is
        // looked up from its pixel's byte and written straight into `x`, no
        // image made first (measured natively: filling batches went from
        // 15 % of a hyperparameter search's time to ≈ 3 %).
        let plain = self.as_they_are(augment);
        let table = if plain { self.scaler.table() } else { None };
        if table.is_none() {
            // The group's inputs, then one image (for the scrambled task).
            scratch.resize((GROUP + 1) * n, 0.0);
        }
        for (g, group) in indices.chunks(GROUP).enumerate() {
            let r0 = g * GROUP;
            let xs = x.as_mut_slice();
            if let Some(table) = &table {
                // In blocks of GROUP pixels of the group's images: each
                // image's bytes copied once into a square, then written
                // out column by column with no check per number.
                let mut square = [[0u8; GROUP]; GROUP];
                for j0 in (0..n).step_by(GROUP) {
                    let width = GROUP.min(n - j0);
                    for (row, &i) in square.iter_mut().zip(group) {
                        let pixels = &self.digits.image(i)[j0..j0 + width];
                        // A whole block is one fixed-size copy (784 = 49 × 16).
                        match <[u8; GROUP]>::try_from(pixels) {
                            Ok(block) => *row = block,
                            Err(_) => row[..width].copy_from_slice(pixels),
                        }
                    }
                    for jj in 0..width {
                        let at = (j0 + jj) * rows + r0;
                        let column = &mut xs[at..at + group.len()];
                        for (v, row) in column.iter_mut().zip(&square) {
                            *v = F::of(f64::from(table[usize::from(row[jj])]));
                        }
                    }
                }
                continue;
            }
            let (inputs, image) = scratch.split_at_mut(GROUP * n);
            for (slot, &i) in inputs.chunks_mut(n).zip(group) {
                let pixels = self.digits.image(i);
                let made: &mut [f32] = if self.permutation.is_some() {
                    image
                } else {
                    slot
                };
                if augment.any() && side * side == n {
                    transform(pixels, side, augment, rng, made);
                } else {
                    made.iter_mut()
                        .zip(pixels)
                        .for_each(|(s, &p)| *s = f32::from(p));
                }
                // Augmented as an image, then scrambled: input j is pixel order[j].
                if let Some(p) = &self.permutation {
                    for (j, v) in slot.iter_mut().enumerate() {
                        let from = p.order.get(j).map_or(usize::MAX, |&f| usize::from(f));
                        *v = image.get(from).copied().unwrap_or(0.0);
                    }
                }
                self.scaler.scale_all(slot);
            }
            for j in 0..n {
                let column = &mut xs[j * rows + r0..j * rows + r0 + group.len()];
                for (r, v) in column.iter_mut().enumerate() {
                    *v = F::of(f64::from(inputs[r * n + j]));
                }
            }
        }
        if augment.mixup && rows > 1 {
            mixup(x, t, rng)
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests;
