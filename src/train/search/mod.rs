//! Hyperparameter search: the dimensions a search may vary (each a training
//! setting with its scale, seed 004: α as 10^r), the space of one search,
//! its trials (random, or on a grid), and narrowing to the best (coarse to
//! fine).
//!
//! A space is written as a set of settings whose values are ranges:
//! `lr=log:1e-6:1e-2;l2=log:1e-8:1e-4` (the book's search), or
//! `lr=log:1e-4:1e-1;beta1=one-minus-log:0.9:0.999;width=list:50,100,200`.

mod sampling;
mod space;
mod units;

pub use space::{Dimension, SearchSpace, DIMENSIONS};

use super::config::{Length, TrainConfig};
use crate::catalogue::{self, Domain, Entry, Words};
use crate::nn::mlp::Decay;

const WHAT: Words = ("search dimension", "탐색 차원");

/// The search's own settings (the page's controls of the search panel).
pub static SETTINGS: [Entry; 4] = [
    Entry {
        key: "trials",
        aliases: &[],
        label: ("number of trials", "시도 횟수"),
        unit: ("", ""),
        domain: Domain::Whole {
            min: 1,
            max: 400,
            default: Some(100),
            none: None,
        },
        live: false,
    },
    Entry {
        key: "layout",
        aliases: &[],
        label: ("layout of the trials", "시도의 배치"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &[
                catalogue::Choice {
                    id: "random",
                    label: ("random", "무작위"),
                },
                catalogue::Choice {
                    id: "grid",
                    label: ("grid", "격자"),
                },
                catalogue::Choice {
                    id: "both",
                    label: ("both, to compare", "둘 다 비교"),
                },
            ],
            default: "random",
        },
        live: false,
    },
    Entry {
        key: "space",
        aliases: &[],
        label: ("search space", "탐색 공간"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "lr=log:1e-6:1e-2;l2=log:1e-8:1e-4",
            max_len: 300,
            choices: &[],
        },
        live: false,
    },
    Entry {
        key: "trial-epochs",
        aliases: &[],
        label: ("epochs per trial", "시도당 에폭"),
        unit: ("", ""),
        domain: Domain::Whole {
            min: 1,
            max: 200,
            default: Some(BOOK_EPOCHS as i64),
            none: None,
        },
        live: false,
    },
];

/// The book's epochs per trial.
pub const BOOK_EPOCHS: usize = 50;

/// One trial of the book's search before its values are set: 500 digits,
/// 20 % validation, 784-100×6-10, SGD, L2 weight decay, batch 100, 50 epochs.
pub fn book_trial(seed: u64) -> TrainConfig {
    TrainConfig {
        hidden: vec![100; 6],
        batch: 100,
        length: Length::Epochs(BOOK_EPOCHS),
        train_size: Some(500),
        validation: 0.2,
        decay: Decay::NONE,
        eval_every: 0,
        test_at_end: true,
        seed,
        ..TrainConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::Param;

    #[test]
    fn a_best_trial_at_the_edge_says_widen_the_range() {
        let s = SearchSpace::default();
        // lr 10^-2.2 is 0.95 of the way from 10^-6 to 10^-2; l2 10^-6 halfway.
        let p = s.positions(&[10f64.powf(-2.2), 1e-6]);
        assert!(
            (p[0] - 0.95).abs() < 1e-9 && (p[1] - 0.5).abs() < 1e-9,
            "{p:?}"
        );
        let r = s.edge_remark(&[10f64.powf(-2.2), 1e-6]).unwrap();
        assert!(
            r.contains("learning rate η at its high end") && r.contains("widen the range"),
            "{r}"
        );
        assert!(!r.contains("weight decay"), "{r}");
        let r = s.edge_remark(&[1e-4, 1.2e-8]).unwrap();
        assert!(r.contains("at its low end"), "{r}");
        // Inside both ranges (the band's edges are the outer tenths): nothing to say.
        assert_eq!(s.edge_remark(&[1e-4, 1e-6]), None);
        assert_eq!(s.edge_remark(&[10f64.powf(-5.5), 10f64.powf(-4.5)]), None);
    }

    #[test]
    fn the_books_space_reads_and_writes() {
        let s = SearchSpace::default();
        assert_eq!(s.text(), "lr=log:0.000001:0.01;l2=log:0.00000001:0.0001");
        assert_eq!(SearchSpace::parse(&s.text()).unwrap(), s);
        assert_eq!(
            SearchSpace::parse("lr=log:1e-6:1e-2;wd=1e-8:1e-4").unwrap(),
            s,
            "old key, scale omitted"
        );
        assert_eq!(SearchSpace::from_exponents("-6,-2", "-8,-4").unwrap(), s);
        let default = match SETTINGS[2].domain {
            Domain::Text { default, .. } => default,
            _ => "",
        };
        assert_eq!(SearchSpace::parse(default).unwrap(), s);
    }

    #[test]
    fn grids_and_random_points() {
        let s = SearchSpace::default();
        let grid = s.points(9, true, 1);
        assert_eq!(grid.len(), 9);
        // A 3×3 grid tries only 3 distinct learning rates; 9 random trials try 9.
        let distinct = |p: &[Vec<f64>]| {
            let mut v: Vec<u64> = p.iter().map(|x| x[0].to_bits()).collect();
            v.sort_unstable();
            v.dedup();
            v.len()
        };
        assert_eq!(distinct(&grid), 3);
        assert_eq!(distinct(&s.points(9, false, 1)), 9);
        assert!((grid[0][0] - 1e-6).abs() < 1e-18 && (grid[8][0] - 1e-2).abs() < 1e-14);
        let narrow = s.around(&[vec![1e-3, 1e-6], vec![1e-2, 1e-5]]);
        assert!((narrow.dims[0].range.0 - 1e-3).abs() < 1e-15);
        assert!((narrow.dims[0].range.1 - 1e-2).abs() < 1e-15);
    }

    #[test]
    fn trials_are_the_books() {
        let s = SearchSpace::default();
        for p in s.points(100, false, 1) {
            let c = s.trial(&p, 1).unwrap();
            assert!((1e-6..=1e-2).contains(&c.hyper.get(Param::Lr)));
            assert!((1e-8..=1e-4).contains(&c.decay.l2) && c.decay.l1 == 0.0);
            assert_eq!((c.hidden.len(), c.batch, c.train_size), (6, 100, Some(500)));
        }
    }

    #[test]
    fn bad_spaces_are_explained() {
        let msg = |t: &str| SearchSpace::parse(t).unwrap_err().to_string();
        assert!(msg("lr=log:1e-2:1e-6").contains("must go up"));
        assert!(msg("lr=log:0:1e-2").contains("above 0"));
        assert!(msg("lr=log:1e-6:100").contains("from 1e-6 to 10, got 100"));
        assert!(msg("speed=log:1:2").contains("a search can vary lr, l2"));
        assert!(msg("lr=1e-6").contains("scale:low:high"));
        assert!(msg("").contains("one to 8"));
        assert!(msg("beta1=one-minus-log:0:0.1").contains("from above 0"));
        assert!(msg("width=log:10:100").contains("list:A,B,C"));
        assert!(msg("depth=list:2,3.5").contains("whole numbers from 1 to 10, got 3.5"));
        assert!(msg("batch=list:0,8").contains("from 1 to 4096, got 0"));
        assert!(msg("lr=sqrt:1e-6:1e-2").contains("one-minus-log"));
    }

    #[test]
    fn seed_004s_scales_one_minus_log_and_lists() {
        let s = SearchSpace::parse(
            "lr=log:1e-4:1e-1;beta1=one-minus-log:1e-3:1e-1;width=list:50,100,200;depth=list:2,4",
        )
        .unwrap();
        assert_eq!(
            s.text(),
            "lr=log:0.0001:0.1;beta1=one-minus-log:0.001:0.1;width=list:50,100,200;depth=list:2,4"
        );
        assert_eq!(SearchSpace::parse(&s.text()).unwrap(), s);
        // β1 = 1 − 10^r, r uniform in [−3, −1]: halfway is 1 − 10^−2 = 0.99.
        let b = &s.dims[1];
        assert!((b.range.0 - 0.9).abs() < 1e-12 && (b.range.1 - 0.999).abs() < 1e-12);
        assert!((b.at(0.5) - 0.99).abs() < 1e-12 && (b.position(0.99) - 0.5).abs() < 1e-12);
        assert!((b.at(0.0) - 0.9).abs() < 1e-12 && (b.at(1.0) - 0.999).abs() < 1e-12);
        // Random trials: every list value is drawn, β1 spread evenly in r.
        let points = s.points(400, false, 3);
        for w in [50.0, 100.0, 200.0] {
            let n = points.iter().filter(|p| p[2] == w).count();
            assert!((100..=170).contains(&n), "width {w}: {n} of 400");
        }
        let r: Vec<f64> = points.iter().map(|p| (1.0 - p[1]).log10()).collect();
        let below = r.iter().filter(|&&x| x < -2.0).count();
        assert!((160..=240).contains(&below), "{below} of 400 below r = −2");
        // A grid of 3⁴ puts each of the list's values on it (2⁴ only its ends).
        let ends = s.points(16, true, 1);
        assert!(ends.iter().all(|p| p[2] == 50.0 || p[2] == 200.0));
        let grid = s.points(81, true, 1);
        let widths: std::collections::BTreeSet<u64> = grid.iter().map(|p| p[2] as u64).collect();
        assert_eq!(widths.into_iter().collect::<Vec<_>>(), [50, 100, 200]);
        // A trial: β1 makes it Adam; width and depth its hidden layers.
        let c = s.trial(&[1e-3, 0.99, 200.0, 2.0], 1).unwrap();
        assert_eq!(c.optimizer, crate::optim::Kind::Adam);
        assert!((c.hyper.get(Param::Beta1) - 0.99).abs() < 1e-12);
        assert_eq!(c.hidden, vec![200, 200]);
        let m = SearchSpace::parse("momentum=0.01:0.5").unwrap();
        assert!(
            (m.dims[0].range.0 - 0.5).abs() < 1e-12 && (m.dims[0].range.1 - 0.99).abs() < 1e-12
        );
        assert_eq!(m.dims[0].scale_id(), "one-minus-log");
        let c = m.trial(&[0.9], 1).unwrap();
        assert_eq!(
            (c.optimizer, c.hidden.len()),
            (crate::optim::Kind::Momentum, 6)
        );
        // Narrowed: a list keeps the values the best trials used.
        let n = s.around(&[vec![1e-3, 0.99, 100.0, 2.0], vec![1e-2, 0.95, 200.0, 2.0]]);
        assert_eq!(&n.dims[2].list[..], [100.0, 200.0]);
        assert_eq!(&n.dims[3].list[..], [2.0]);
    }
}
