//! Digits prepared for training: which examples, scaled how, augmented how,
//! assembled into mini-batches (one example per row) without allocating.

use crate::data::{Digits, Split};
use crate::error::Result;
use crate::fail;
use crate::nn::gemm::Scalar;
use crate::rng::Rng;
use nalgebra::DMatrix;
use std::sync::Arc;

/// How pixels (0–255) become inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scaling {
    /// 0–255 as they are: the failure the lecture warns about.
    Raw,
    /// Divided by 255, into [0, 1] (the book's `normalize=True`).
    #[default]
    Unit,
    /// (x − mean)/std with the training pixels' mean and std.
    Standard,
}

impl Scaling {
    /// Parses `raw`, `unit` or `standard`.
    pub fn named(name: &str) -> Result<Self> {
        Ok(match name {
            "raw" | "none" => Scaling::Raw,
            "unit" | "minmax" => Scaling::Unit,
            "standard" | "standardize" => Scaling::Standard,
            other => fail!("Unknown input scaling \"{other}\"; choose raw, unit or standard.","\"{other}\"은(는) 알 수 없는 입력 스케일링입니다. raw, unit, standard 중에서 고르세요.",),
        })
    }

    /// The name [`Scaling::named`] reads.
    pub fn id(self) -> &'static str {
        match self {
            Scaling::Raw => "raw",
            Scaling::Unit => "unit",
            Scaling::Standard => "standard",
        }
    }
}

/// Random changes to training images, each applied per example.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Augment {
    /// Shift by up to ±2 pixels in each direction.
    pub shift: bool,
    /// Rotate by up to ±15 degrees.
    pub rotate: bool,
    /// Blank an 8×8 square (cutout).
    pub cutout: bool,
    /// Mix pairs of examples and their labels with λ ~ Beta(0.2, 0.2) (mixup).
    pub mixup: bool,
}

impl Augment {
    fn any(self) -> bool {
        self.shift || self.rotate || self.cutout || self.mixup
    }
}

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
    /// Input scaling.
    pub scaling: Scaling,
    /// Training pixels' mean and std (0–255 units), for `Standard`.
    pub moments: (f32, f32),
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
        let (n_train, n_val) = sizes(train.len(), train_size, validation)?;
        train.truncate(n_train + n_val);
        let validation = train.split_off(n_train);
        // The training pixels' moments, which only standardization reads.
        let (mut sum, mut sq) = (0.0_f64, 0.0_f64);
        if scaling == Scaling::Standard {
            for &i in &train {
                for &p in digits.image(i) {
                    sum += f64::from(p);
                    sq += f64::from(p) * f64::from(p);
                }
            }
        }
        let n = (train.len() * digits.image_len()).max(1) as f64;
        let mean = sum / n;
        let std = (sq / n - mean * mean).max(1e-12).sqrt();
        Ok(Self {
            digits,
            train,
            validation,
            test,
            scaling,
            moments: (mean as f32, std as f32),
        })
    }

    /// Inputs per example.
    pub fn features(&self) -> usize {
        self.digits.image_len()
    }

    fn scale(&self, p: f32) -> f32 {
        match self.scaling {
            Scaling::Raw => p,
            Scaling::Unit => p / 255.0,
            Scaling::Standard => (p - self.moments.0) / self.moments.1,
        }
    }

    /// Writes examples `indices` into the rows of `x` and their one-hot labels
    /// into `t`, augmenting them when `augment` asks (training only).
    pub fn fill<F: Scalar>(
        &self,
        indices: &[usize],
        x: &mut DMatrix<F>,
        t: &mut DMatrix<F>,
        augment: Augment,
        rng: &mut Rng,
        scratch: &mut Vec<f32>,
    ) {
        let rows = indices.len();
        let side = self.digits.rows();
        let n = self.features();
        scratch.resize(n, 0.0);
        t.fill(F::ZERO);
        for (r, &i) in indices.iter().enumerate() {
            let img = self.digits.image(i);
            if augment.any() && side * side == n {
                transform(img, side, augment, rng, scratch);
            } else {
                scratch
                    .iter_mut()
                    .zip(img)
                    .for_each(|(s, &p)| *s = f32::from(p));
            }
            let xs = x.as_mut_slice();
            for (j, &p) in scratch.iter().enumerate() {
                xs[r + j * rows] = F::of(f64::from(self.scale(p)));
            }
            t[(r, usize::from(self.digits.label(i)))] = F::ONE;
        }
        if augment.mixup && rows > 1 {
            mixup(x, t, rng);
        }
    }
}

/// Shift, rotation and cutout of one image (nearest-neighbour sampling).
fn transform(img: &[u8], side: usize, a: Augment, rng: &mut Rng, out: &mut [f32]) {
    let (mut dx, mut dy, mut angle) = (0.0, 0.0, 0.0_f64);
    if a.shift {
        dx = rng.below(5) as f64 - 2.0;
        dy = rng.below(5) as f64 - 2.0;
    }
    if a.rotate {
        angle = (rng.uniform() * 30.0 - 15.0).to_radians();
    }
    let (s, c) = angle.sin_cos();
    let centre = (side as f64 - 1.0) / 2.0;
    for y in 0..side {
        for x in 0..side {
            // Inverse map: where in the source does this pixel come from?
            let (u, v) = (x as f64 - centre - dx, y as f64 - centre - dy);
            let sx = (c * u + s * v + centre).round();
            let sy = (-s * u + c * v + centre).round();
            out[y * side + x] =
                if sx >= 0.0 && sy >= 0.0 && (sx as usize) < side && (sy as usize) < side {
                    f32::from(img[sy as usize * side + sx as usize])
                } else {
                    0.0
                };
        }
    }
    if a.cutout {
        let size = 8.min(side);
        let (x0, y0) = (rng.below(side - size + 1), rng.below(side - size + 1));
        for y in y0..y0 + size {
            out[y * side + x0..y * side + x0 + size]
                .iter_mut()
                .for_each(|p| *p = 0.0);
        }
    }
}

/// λ ~ Beta(α, α) for α < 1, by Jöhnk's method.
fn beta_symmetric(alpha: f64, rng: &mut Rng) -> f64 {
    loop {
        let x = rng.uniform().powf(1.0 / alpha);
        let y = rng.uniform().powf(1.0 / alpha);
        if x + y <= 1.0 && x + y > 0.0 {
            return x / (x + y);
        }
    }
}

/// Mixes each row with the next one (cyclically): x ← λx + (1 − λ)x', same for t.
fn mixup<F: Scalar>(x: &mut DMatrix<F>, t: &mut DMatrix<F>, rng: &mut Rng) {
    let rows = x.nrows();
    let lambdas: Vec<F> = (0..rows).map(|_| F::of(beta_symmetric(0.2, rng))).collect();
    for m in [x, t] {
        for col in m.as_mut_slice().chunks_mut(rows) {
            let first = col[0];
            for r in 0..rows {
                let next = if r + 1 < rows { col[r + 1] } else { first };
                col[r] = lambdas[r] * col[r] + (F::ONE - lambdas[r]) * next;
            }
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

    #[test]
    fn augmentations_keep_shapes_and_mixup_keeps_distributions() {
        let d = Data::new(digits(), None, None, 0.0, Scaling::Unit).unwrap();
        let all = Augment {
            shift: true,
            rotate: true,
            cutout: true,
            mixup: true,
        };
        let (mut x, mut t) = (DMatrix::<f32>::zeros(8, 784), DMatrix::<f32>::zeros(8, 10));
        d.fill(
            &[0, 1, 2, 3, 4, 5, 6, 7],
            &mut x,
            &mut t,
            all,
            &mut Rng::seeded(2),
            &mut Vec::new(),
        );
        for r in 0..8 {
            let row_sum: f32 = (0..10).map(|j| t[(r, j)]).sum();
            assert!((row_sum - 1.0).abs() < 1e-5, "targets stay distributions");
        }
        assert!(x.iter().all(|v| (0.0..=1.0).contains(v)));
        // A plain shift moves ink: shifted by (dx, dy), pixel (x, y) comes from (x − dx, y − dy).
        let mut out = vec![0.0; 784];
        let mut img = [0u8; 784];
        img[14 * 28 + 14] = 255;
        transform(
            &img,
            28,
            Augment {
                shift: true,
                ..Augment::default()
            },
            &mut Rng::seeded(3),
            &mut out,
        );
        assert_eq!(out.iter().filter(|&&p| p == 255.0).count(), 1);
    }
}
