//! Data augmentation: random changes to training images (shift, rotation,
//! cutout) and mixup of pairs, applied as batches are filled; and a strip
//! of augmented training digits to look at, made by the same code.

use super::data::Data;
use crate::nn::gemm::Scalar;
use crate::rng::Rng;
use nalgebra::DMatrix;

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
    /// Whether any augmentation is on.
    pub fn any(self) -> bool {
        self.shift || self.rotate || self.cutout || self.mixup
    }
}

/// One digit of a strip: its title and its pixels in [0, 1].
pub type Picture = (String, Vec<f64>);

/// `count` training digits of `data` (from the `start`-th on) as they are
/// and as `augment` changes them, seeded by `seed`, through the very code
/// that fills training batches: the originals first, then the augmented
/// ones, each titled by its label (with mixup, "λ·a + (1−λ)·b" in short).
pub fn strip(data: &Data, augment: Augment, start: usize, count: usize, seed: u64) -> Vec<Picture> {
    let n = data.train.len();
    if n == 0 || count == 0 {
        return Vec::new();
    }
    let indices: Vec<usize> = (0..count.min(n))
        .map(|k| data.train[(start + k) % n])
        .collect();
    // Shown in pixels: [0, 1] whatever the run's input scaling.
    let plain = Data {
        scaler: crate::data::scaler::Scaler::Unit,
        ..data.clone()
    };
    let rows = indices.len();
    let mut x = DMatrix::<f32>::zeros(rows, data.features());
    let mut t = DMatrix::<f32>::zeros(rows, 10);
    let mut rng = Rng::seeded(seed);
    let lambdas = plain.fill(&indices, &mut x, &mut t, augment, &mut rng, &mut Vec::new());
    let image = |r: usize| -> Vec<f64> { x.row(r).iter().map(|&v| f64::from(v)).collect() };
    let label = |k: usize| data.digits.label(indices[k % rows]);
    let mut out: Vec<Picture> = (0..rows)
        .map(|r| {
            let original = data
                .digits
                .image(indices[r])
                .iter()
                .map(|&p| f64::from(p) / 255.0);
            (label(r).to_string(), original.collect())
        })
        .collect();
    for r in 0..rows {
        let title = match lambdas.get(r) {
            Some(&l) => format!("{l:.2}·{} + {:.2}·{}", label(r), 1.0 - l, label(r + 1)),
            None => label(r).to_string(),
        };
        out.push((title, image(r)));
    }
    out
}

/// Shift, rotation and cutout of one image (nearest-neighbour sampling).
pub(super) fn transform(img: &[u8], side: usize, a: Augment, rng: &mut Rng, out: &mut [f32]) {
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
pub(super) fn mixup<F: Scalar>(x: &mut DMatrix<F>, t: &mut DMatrix<F>, rng: &mut Rng) -> Vec<f64> {
    let rows = x.nrows();
    let lambdas: Vec<f64> = (0..rows).map(|_| beta_symmetric(0.2, rng)).collect();
    let weights: Vec<F> = lambdas.iter().map(|&l| F::of(l)).collect();
    for m in [x, t] {
        for col in m.as_mut_slice().chunks_mut(rows) {
            let first = col[0];
            for r in 0..rows {
                let next = if r + 1 < rows { col[r + 1] } else { first };
                col[r] = weights[r] * col[r] + (F::ONE - weights[r]) * next;
            }
        }
    }
    lambdas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Digits;
    use crate::train::data::Scaling;
    use std::sync::Arc;

    fn digits() -> Arc<Digits> {
        let n = 100;
        let labels = (0..n).map(|i| (i % 10) as u8).collect();
        let pixels = (0..n * 784).map(|i| (i % 251) as u8).collect();
        Arc::new(Digits::new(28, 28, labels, pixels).unwrap())
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

    #[test]
    fn the_strip_shows_what_training_sees_seeded() {
        let d = Data::new(digits(), None, None, 0.0, Scaling::Feature).unwrap();
        let mix = Augment {
            mixup: true,
            ..Augment::default()
        };
        let s = strip(&d, mix, 0, 4, 9);
        assert_eq!(s.len(), 8);
        // Originals first, in pixels; the same seed gives the same strip.
        assert_eq!(s[0].1[5], f64::from(d.digits.image(d.train[0])[5]) / 255.0);
        assert_eq!(s, strip(&d, mix, 0, 4, 9));
        assert_ne!(s, strip(&d, mix, 0, 4, 10));
        // Row 0 mixed with row 1 by the λ in its title: λ·a + (1 − λ)·b.
        let title = &s[4].0;
        let l: f64 = title.split('·').next().unwrap().parse().unwrap();
        let (a, b) = (&s[0].1, &s[1].1);
        let want = l * a[300] + (1.0 - l) * b[300];
        assert!(
            (s[4].1[300] - want).abs() < 0.006,
            "{title}: {} vs {want}",
            s[4].1[300]
        );
        // Without augmentation the strip's two rows are the same digits.
        let none = strip(&d, Augment::default(), 3, 2, 1);
        for k in 0..2 {
            let same = none[k]
                .1
                .iter()
                .zip(&none[k + 2].1)
                .all(|(a, b)| (a - b).abs() < 1e-6);
            assert!(
                same && none[k].0 == none[k + 2].0,
                "digit {k} changed without augmentation"
            );
        }
    }
}
