//! Digits prepared for training: which examples, scaled how, augmented how,
//! assembled into mini-batches (one example per row) without allocating.

use crate::data::{Digits, Split};
use crate::error::Result;
use crate::fail;
use crate::nn::gemm::Scalar;
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
        t.fill(F::ZERO);
        // Digits as they are, scaled alike at every pixel: each input is
        // looked up from its pixel's byte and written straight into `x`, no
        // image made first (measured natively: filling batches went from
        // 15 % of a hyperparameter search's time to ≈ 3 %).
        let plain = self.permutation.is_none() && !(augment.any() && side * side == n);
        let table = if plain { self.scaler.table() } else { None };
        if table.is_none() {
            // The group's inputs, then one image (for the scrambled task).
            scratch.resize((GROUP + 1) * n, 0.0);
        }
        for (g, group) in indices.chunks(GROUP).enumerate() {
            let r0 = g * GROUP;
            for (r, &i) in group.iter().enumerate() {
                t[(r0 + r, usize::from(self.digits.label(i)))] = F::ONE;
            }
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
mod tests {
    use super::*;

    fn digits() -> Arc<Digits> {
        let n = 100;
        let labels = (0..n).map(|i| (i % 10) as u8).collect();
        let pixels = (0..n * 784).map(|i| (i % 251) as u8).collect();
        Arc::new(Digits::new(28, 28, labels, pixels).unwrap())
    }

    #[test]
    fn parts_and_sizes() {
        let d = Data::new(digits(), None, Some(50), 0.2, Scaling::Unit).unwrap();
        assert_eq!(
            (d.train.len(), d.validation.len(), d.test.len()),
            (40, 10, 20)
        );
        assert!(Data::new(digits(), None, Some(500), 0.2, Scaling::Unit)
            .unwrap_err()
            .message()
            .contains("from 1 to 80 (the digits loaded have 80 for training), got 500"));
        assert!(Data::new(digits(), None, None, 1.0, Scaling::Unit).is_err());
        // A share that rounds to every digit still leaves one to train on.
        assert_eq!(sizes(10, None, 0.99).unwrap(), (1, 9));
    }

    #[test]
    fn fill_scales_and_labels() {
        let d = Data::new(digits(), None, None, 0.0, Scaling::Unit).unwrap();
        let (mut x, mut t) = (DMatrix::<f32>::zeros(2, 784), DMatrix::<f32>::zeros(2, 10));
        d.fill(
            &[3, 7],
            &mut x,
            &mut t,
            Augment::default(),
            &mut Rng::seeded(1),
            &mut Vec::new(),
        );
        assert_eq!(x[(0, 5)], f32::from(d.digits.image(3)[5]) / 255.0);
        assert_eq!(x[(1, 783)], f32::from(d.digits.image(7)[783]) / 255.0);
        assert_eq!(t[(0, 3)], 1.0);
        assert_eq!(t.sum(), 2.0);
    }

    /// Digits as they are take the lookup: a batch of 37 (a part group at
    /// the end) holds, for each scaling the same at every pixel, exactly
    /// what scaling each image's pixels one by one gives.
    #[test]
    fn looked_up_inputs_are_the_scaled_pixels() {
        for scaling in [Scaling::Raw, Scaling::Unit, Scaling::Standard] {
            let d = Data::new(digits(), None, None, 0.0, scaling).unwrap();
            assert!(d.scaler.table().is_some());
            let indices: Vec<usize> = (0..37).map(|i| (i * 11) % 100).collect();
            let mut x = DMatrix::<f32>::from_element(37, 784, f32::NAN);
            let mut t = DMatrix::<f32>::zeros(37, 10);
            let none = Augment::default();
            d.fill(
                &indices,
                &mut x,
                &mut t,
                none,
                &mut Rng::seeded(1),
                &mut Vec::new(),
            );
            for (r, &i) in indices.iter().enumerate() {
                let mut want: Vec<f32> = d.digits.image(i).iter().map(|&p| f32::from(p)).collect();
                d.scaler.scale_all(&mut want);
                let got: Vec<f32> = x.row(r).iter().copied().collect();
                assert_eq!(got, want, "{scaling:?}, example {r}");
                assert_eq!(t[(r, usize::from(d.digits.label(i)))], 1.0);
            }
        }
        let feature = Data::new(digits(), None, None, 0.0, Scaling::Feature).unwrap();
        assert!(feature.scaler.table().is_none(), "per pixel: no table");
    }

    /// Writing examples in groups changes nothing: a batch of 37 (two whole
    /// groups and a part), shifted, rotated, scrambled and standardized per
    /// pixel, equals the same examples written one at a time with the same
    /// random numbers, and each input is the scaled pixel its order names.
    #[test]
    fn a_batch_is_its_examples_one_by_one() {
        let mut d = Data::new(digits(), None, None, 0.0, Scaling::Feature).unwrap();
        d.permutation = Some(crate::train::selection::Permutation::seeded(9, 784));
        let augment = Augment {
            shift: true,
            rotate: true,
            ..Augment::default()
        };
        let indices: Vec<usize> = (0..37).map(|i| (i * 7) % 100).collect();
        let (mut x, mut t) = (
            DMatrix::<f32>::zeros(37, 784),
            DMatrix::<f32>::zeros(37, 10),
        );
        let mut rng = Rng::seeded(5);
        d.fill(&indices, &mut x, &mut t, augment, &mut rng, &mut Vec::new());
        let mut rng = Rng::seeded(5);
        for (r, &i) in indices.iter().enumerate() {
            let (mut x1, mut t1) = (DMatrix::<f32>::zeros(1, 784), DMatrix::<f32>::zeros(1, 10));
            d.fill(&[i], &mut x1, &mut t1, augment, &mut rng, &mut Vec::new());
            assert_eq!(x.row(r), x1.row(0), "example {r}");
            assert_eq!(t.row(r), t1.row(0), "label {r}");
        }
        let plain = Augment::default();
        d.fill(&indices, &mut x, &mut t, plain, &mut rng, &mut Vec::new());
        let order = &d.permutation.as_ref().unwrap().order;
        for (r, &i) in indices.iter().enumerate() {
            for j in [0, 5, 400, 783] {
                let p = f32::from(d.digits.image(i)[usize::from(order[j])]);
                assert_eq!(x[(r, j)], d.scaler.scale(p, j), "example {r}, input {j}");
            }
        }
        assert!(x.iter().any(|&v| v != x[(0, 0)]));
    }

    #[test]
    fn the_scaling_is_fitted_to_the_training_digits_only() {
        let d = Data::new(digits(), None, Some(50), 0.2, Scaling::Feature).unwrap();
        assert_eq!(d.scaler, Scaler::fit(Scaling::Feature, &d.digits, &d.train));
        let with_others = [d.train.clone(), d.validation.clone(), d.test.clone()].concat();
        assert_ne!(
            d.scaler,
            Scaler::fit(Scaling::Feature, &d.digits, &with_others)
        );
    }
}
