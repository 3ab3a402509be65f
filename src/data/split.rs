//! A fixed, seeded division of a digit set into train, validation and test.
//!
//! The bundled 10,000 digits split into 8,000 training and 2,000 test digits
//! (the default seed fixes which); a lab may hold out a share of the training
//! digits for validation, so that it never tunes on test data.

use crate::error::Result;
use crate::fail;
use crate::rng::Rng;

/// Indices of the digits in each part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Digits to train on.
    pub train: Vec<usize>,
    /// Digits held out from training to choose hyperparameters and stop early.
    pub validation: Vec<usize>,
    /// Digits only ever used to report the final accuracy.
    pub test: Vec<usize>,
}

/// The seed of the bundled data's standard split.
pub const DEFAULT_SEED: u64 = 2016;
/// Share of the bundled digits used for testing (2,000 of 10,000).
pub const TEST_SHARE: f64 = 0.2;

impl Split {
    /// Shuffles `0..count` with `seed`, then takes the test share from the
    /// end and the validation share of what remains from the end of that.
    pub fn new(count: usize, test_share: f64, validation_share: f64, seed: u64) -> Result<Self> {
        for (name, share) in [("test", test_share), ("validation", validation_share)] {
            if !(0.0..1.0).contains(&share) {
                fail!(
                    "The {name} share must be at least 0 and below 1, got {}.",
                    "{name} 비율은 0 이상 1 미만이어야 하는데 {}입니다.",
                    crate::num::num(share)
                );
            }
        }
        let mut order: Vec<usize> = (0..count).collect();
        Rng::seeded(seed).shuffle(&mut order);
        let n_test = (count as f64 * test_share).round() as usize;
        let test = order.split_off(count - n_test);
        let n_val = (order.len() as f64 * validation_share).round() as usize;
        let validation = order.split_off(order.len() - n_val);
        Ok(Self {
            train: order,
            validation,
            test,
        })
    }

    /// The standard split of the bundled digits: 80 % train, 20 % test.
    pub fn standard(count: usize) -> Self {
        Self::new(count, TEST_SHARE, 0.0, DEFAULT_SEED).expect("constant shares are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_sizes_and_disjointness() {
        let s = Split::standard(10_000);
        assert_eq!(
            (s.train.len(), s.validation.len(), s.test.len()),
            (8000, 0, 2000)
        );
        let s = Split::new(10_000, 0.2, 0.2, 5).unwrap();
        assert_eq!(
            (s.train.len(), s.validation.len(), s.test.len()),
            (6400, 1600, 2000)
        );
        let mut all: Vec<usize> = s
            .train
            .iter()
            .chain(&s.validation)
            .chain(&s.test)
            .copied()
            .collect();
        all.sort_unstable();
        assert_eq!(all, (0..10_000).collect::<Vec<_>>());
        assert_eq!(Split::new(10_000, 0.2, 0.2, 5).unwrap(), s);
        assert_ne!(Split::new(10_000, 0.2, 0.2, 6).unwrap().test, s.test);
    }

    #[test]
    fn rejects_bad_shares() {
        let e = Split::new(10, 1.0, 0.0, 1).unwrap_err();
        assert_eq!(
            e.message(),
            "The test share must be at least 0 and below 1, got 1."
        );
        assert!(Split::new(10, 0.2, -0.1, 1).is_err());
    }
}
