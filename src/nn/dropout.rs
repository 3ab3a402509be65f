//! Dropout (Srivastava et al. 2014), in the two forms the lecture meets.
//!
//! At training time each unit is kept with probability 1 − p (p the
//! ratio); the forms differ in where they make up for the missing units:
//! - the book's (Deep Learning from Scratch, common/layers.py, seed 002):
//!   kept units pass unchanged at training time, and at test time every unit
//!   is multiplied by 1 − p;
//! - inverted, the modern form: kept units are divided by 1 − p at training
//!   time, and nothing changes at test time.
//!
//! Their predictions agree in expectation, but they do not train the same:
//! with the book's form each dropout layer scales the expected activation,
//! and the gradient flowing back through it, by 1 − p, so a deep network
//! trained at the same learning rate learns more slowly.

use super::gemm::Scalar;
use crate::catalogue::Choice;
use crate::error::Result;
use crate::fail;
use crate::rng::Rng;
use nalgebra::DMatrix;

/// Which form of dropout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DropoutStyle {
    /// No rescaling at training time; × (1 − p) at test time.
    #[default]
    Book,
    /// ÷ (1 − p) at training time; nothing at test time.
    Inverted,
}

impl DropoutStyle {
    /// The forms as a menu's choices, in the order of the enum.
    pub const CHOICES: [Choice; 2] = [
        Choice {
            id: "book",
            label: (
                "The book's: × (1 − p) at test time",
                "책의 방식: 테스트 때 × (1 − p)",
            ),
        },
        Choice {
            id: "inverted",
            label: (
                "Inverted: ÷ (1 − p) at training time",
                "역 드롭아웃: 학습 때 ÷ (1 − p)",
            ),
        },
    ];

    /// Its id in links and on the command line.
    pub fn id(self) -> &'static str {
        Self::CHOICES[self as usize].id
    }

    /// The form named `id`.
    pub fn from_id(id: &str) -> Result<Self> {
        match id {
            "book" => Ok(Self::Book),
            "inverted" => Ok(Self::Inverted),
            other => fail!(
                "Unknown dropout form \"{}\"; choose book or inverted.",
                "\"{}\"은(는) 알 수 없는 드롭아웃 방식입니다. book 또는 inverted 중에서 고르세요.",
                crate::num::short(other)
            ),
        }
    }

    /// Draws a training-time mask for ratio `p`: 0 with probability `p`,
    /// else 1 (book) or 1/(1 − p) (inverted).
    pub fn mask<F: Scalar>(self, mask: &mut DMatrix<F>, p: f64, rng: &mut Rng) {
        let keep = F::of(match self {
            Self::Book => 1.0,
            Self::Inverted => 1.0 / (1.0 - p),
        });
        mask.as_mut_slice()
            .iter_mut()
            .for_each(|m| *m = if rng.uniform() < p { F::ZERO } else { keep });
    }

    /// What every unit is multiplied by at test time: 1 − p (book) or 1.
    pub fn test_scale(self, p: f64) -> f64 {
        match self {
            Self::Book => 1.0 - p,
            Self::Inverted => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_keep_the_expected_value_where_they_say() {
        for (style, keep) in [(DropoutStyle::Book, 1.0), (DropoutStyle::Inverted, 1.25)] {
            let mut mask = DMatrix::<f64>::zeros(200, 50);
            style.mask(&mut mask, 0.2, &mut Rng::seeded(3));
            let zeros = mask.iter().filter(|&&m| m == 0.0).count() as f64 / 10_000.0;
            assert!((zeros - 0.2).abs() < 0.02, "{zeros}");
            assert!(mask.iter().all(|&m| m == 0.0 || (m - keep).abs() < 1e-12));
            // What a unit passes on average at training time is what it
            // passes at test time: 0.8 in the book's form, 1 inverted.
            assert!(
                (mask.mean() - style.test_scale(0.2)).abs() < 0.03,
                "{style:?}: {}",
                mask.mean()
            );
        }
        // The book's test-time factor is (1 − p); inverted needs none.
        assert_eq!(DropoutStyle::Book.test_scale(0.2), 0.8);
        assert_eq!(DropoutStyle::Inverted.test_scale(0.2), 1.0);
        assert_eq!(DropoutStyle::from_id("book").unwrap(), DropoutStyle::Book);
        assert!(DropoutStyle::from_id("gaussian").is_err());
    }
}
