//! Which digits a run sees beyond the standard split, for transfer learning
//! (seed 001's table): some classes only, a few labelled examples of each,
//! and optionally every image's pixels in one fixed scrambled order.
//!
//! The scrambled task is "different" in the lecture's sense: the digits are
//! as learnable as before (a fixed permutation loses no information, and a
//! network without convolutions can learn it as well as the original), but
//! what a first layer learned on ordinary digits (strokes in places) no
//! longer fits.

use crate::error::Result;
use crate::fail;
use crate::num::short;
use crate::rng::Rng;

/// A set of digit classes (0–9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classes(u16);

impl Default for Classes {
    fn default() -> Self {
        Classes::ALL
    }
}

impl Classes {
    /// Every class.
    pub const ALL: Classes = Classes(0x3ff);

    /// The classes from `lo` to `hi`, both included.
    pub fn range(lo: u8, hi: u8) -> Self {
        Classes((lo.min(9)..=hi.min(9)).fold(0, |m, c| m | 1 << c))
    }

    /// Whether `class` is in the set.
    pub fn has(self, class: u8) -> bool {
        class < 10 && self.0 & (1 << class) != 0
    }

    /// Reads `all`, a range `5-9`, or a list `0,2,4` (ranges allowed in it).
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        if text == "all" || text.is_empty() {
            return Ok(Classes::ALL);
        }
        let digit = |t: &str| -> Result<u8> {
            match t.trim().parse::<u8>() {
                Ok(d) if d <= 9 => Ok(d),
                _ => fail!(
                    "Digit classes are 0 to 9, as in 5-9 or 0,2,4; \"{}\" is not one.",
                    "숫자 클래스는 5-9나 0,2,4처럼 0~9입니다. \"{}\"는 그렇지 않습니다.",
                    short(t.trim())
                ),
            }
        };
        let mut mask = 0;
        for part in text.split(',') {
            let (lo, hi) = match part.split_once('-') {
                Some((a, b)) => (digit(a)?, digit(b)?),
                None => {
                    let d = digit(part)?;
                    (d, d)
                }
            };
            if lo > hi {
                fail!(
                    "A range of digits goes up, as in 5-9, not \"{}\".",
                    "숫자 범위는 5-9처럼 커지는 방향이어야 합니다. \"{}\"는 그렇지 않습니다.",
                    short(part.trim())
                );
            }
            mask |= Classes::range(lo, hi).0;
        }
        Ok(Classes(mask))
    }

    /// The text [`Classes::parse`] reads: `all`, `5-9` or `0,2,4`.
    pub fn text(self) -> String {
        if self == Classes::ALL {
            return "all".into();
        }
        let digits: Vec<u8> = (0..10).filter(|&c| self.has(c)).collect();
        let contiguous = digits.windows(2).all(|w| w[1] == w[0] + 1);
        match (digits.first(), digits.last()) {
            (Some(a), Some(b)) if contiguous && b > a => format!("{a}-{b}"),
            _ => digits
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

/// One fixed order of an image's pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permutation {
    /// The seed it was drawn with.
    pub seed: u64,
    /// Input j is pixel `order[j]`.
    pub order: Vec<u16>,
}

impl Permutation {
    /// The permutation of `n` pixels drawn (Fisher–Yates) with `seed`.
    pub fn seeded(seed: u64, n: usize) -> Self {
        let mut order: Vec<u16> = (0..n.min(usize::from(u16::MAX)) as u16).collect();
        Rng::seeded(seed).shuffle(&mut order);
        Permutation { seed, order }
    }
}

/// A run's digits: which classes, how many labelled training examples per
/// class, and whether their pixels are scrambled (by the seed of a fixed
/// permutation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// Classes trained and tested on.
    pub classes: Classes,
    /// At most this many training examples of each class (the first ones).
    pub per_class: Option<usize>,
    /// The seed of the permutation applied to every image's pixels.
    pub permute: Option<u64>,
}

impl Selection {
    /// Keeps of `examples` (indices into digits with labels `label`) those
    /// of the chosen classes, and of the training ones at most `per_class`
    /// of each class, in their order.
    pub fn keep(
        &self,
        examples: &[usize],
        label: impl Fn(usize) -> u8,
        training: bool,
    ) -> Vec<usize> {
        let mut counts = [0usize; 10];
        examples
            .iter()
            .copied()
            .filter(|&i| {
                let c = label(i);
                if !self.classes.has(c) {
                    return false;
                }
                let slot = &mut counts[usize::from(c)];
                *slot += 1;
                !training || self.per_class.is_none_or(|n| *slot <= n)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_read_and_write() {
        assert_eq!(Classes::parse("5-9").unwrap(), Classes::range(5, 9));
        assert_eq!(Classes::parse("0,2, 4").unwrap().text(), "0,2,4");
        assert_eq!(Classes::parse("0-2,3,4").unwrap().text(), "0-4");
        assert_eq!(Classes::parse("all").unwrap(), Classes::ALL);
        assert_eq!(Classes::ALL.text(), "all");
        assert_eq!(Classes::parse("7").unwrap().text(), "7");
        assert!(Classes::parse("9-5")
            .unwrap_err()
            .message()
            .contains("goes up"));
        assert!(Classes::parse("12")
            .unwrap_err()
            .message()
            .contains("\"12\""));
        assert!(!Classes::range(0, 4).has(5) && Classes::range(0, 4).has(4));
    }

    #[test]
    fn per_class_keeps_the_first_of_each_class_for_training_only() {
        // Labels 0,1,2,…,9,0,1,… : with classes 5-9 and 2 per class, the
        // training examples are 5…9 then 15…19; the test keeps all of 5-9.
        let label = |i: usize| (i % 10) as u8;
        let all: Vec<usize> = (0..40).collect();
        let s = Selection {
            classes: Classes::range(5, 9),
            per_class: Some(2),
            permute: None,
        };
        assert_eq!(
            s.keep(&all, label, true),
            vec![5, 6, 7, 8, 9, 15, 16, 17, 18, 19]
        );
        assert_eq!(s.keep(&all, label, false).len(), 20);
    }

    #[test]
    fn a_permutation_is_seeded_and_uses_every_pixel_once() {
        let p = Permutation::seeded(3, 784);
        let mut sorted = p.order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..784).collect::<Vec<u16>>());
        assert_eq!(p, Permutation::seeded(3, 784));
        assert_ne!(p.order, Permutation::seeded(4, 784).order);
        // Hardly a pixel stays in place.
        assert!(
            p.order
                .iter()
                .enumerate()
                .filter(|(j, &o)| *j == usize::from(o))
                .count()
                < 10
        );
    }
}
