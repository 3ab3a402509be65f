//! The book's chapter-6 experiments produce the book's outcomes (issue:
//! training engine). Each preset runs with its own parameters on the bundled
//! digits, over two seeds (batch norm's 32 runs over one).
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::data::bundle;
use descent::train::presets::runs;
use descent::train::{Eval, Stop, TrainConfig, Trainer};
use std::sync::Arc;

struct Outcome {
    name: String,
    last: Option<Eval>,
    stopped: Option<Stop>,
}

fn run_preset(id: &str, seed: u64) -> Vec<Outcome> {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.bin"))
        .expect("www/data/digits.bin exists (scripts/setup.sh makes it)");
    let digits = Arc::new(bundle::parse(&bytes).unwrap());
    let runs = runs(id, seed).unwrap();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let run = |(name, config): &(String, TrainConfig)| {
        let mut t = Trainer::on(config.clone(), digits.clone(), None).unwrap();
        while t.stopped().is_none() {
            t.step(200);
        }
        Outcome {
            name: name.clone(),
            last: t.evals.last().cloned(),
            stopped: t.stopped().cloned(),
        }
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                let runs = &runs;
                let run = &run;
                s.spawn(move || {
                    runs.iter()
                        .enumerate()
                        .skip(k)
                        .step_by(threads)
                        .map(|(i, r)| (i, run(r)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, Outcome)> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, o)| o).collect()
    })
}

fn last(o: &Outcome) -> &Eval {
    o.last
        .as_ref()
        .unwrap_or_else(|| panic!("{} has no evaluation ({:?})", o.name, o.stopped))
}

#[test]
fn optimizer_compare_sgd_is_slowest_and_all_learn() {
    for seed in [1, 2] {
        let r = run_preset("optimizer-compare", seed);
        let loss: Vec<f64> = r.iter().map(|o| last(o).train_loss).collect();
        for (o, l) in r.iter().zip(&loss).skip(1) {
            assert!(
                loss[0] > 1.5 * l,
                "seed {seed}: SGD {} vs {} {l}",
                loss[0],
                o.name
            );
        }
        for o in &r {
            assert!(
                last(o).test_acc > 0.9,
                "seed {seed}: {} test accuracy {}",
                o.name,
                last(o).test_acc
            );
        }
    }
}

#[test]
fn init_compare_small_weights_stay_at_chance_and_he_beats_xavier() {
    for seed in [1, 2] {
        let r = run_preset("init-compare", seed);
        let (small, xavier, he) = (last(&r[0]), last(&r[1]), last(&r[2]));
        assert!(
            small.test_acc < 0.2,
            "seed {seed}: std 0.01 reached {}",
            small.test_acc
        );
        assert!(
            (small.train_loss - 10f64.ln()).abs() < 0.05,
            "seed {seed}: loss {} is not ln 10",
            small.train_loss
        );
        assert!(
            he.train_loss < xavier.train_loss,
            "seed {seed}: He {} vs Xavier {}",
            he.train_loss,
            xavier.train_loss
        );
    }
}

#[test]
fn batch_norm_learns_where_the_plain_network_is_stuck() {
    let r = run_preset("batch-norm", 1);
    // Pairs (BatchNorm, Normal) for w = 10^(−4k/15); from k = 6 (w ≈ 0.025) on,
    // the plain network stays at chance while batch norm learns.
    let mut wins = 0;
    for k in 6..16 {
        let (bn, plain) = (last(&r[2 * k]), last(&r[2 * k + 1]));
        assert!(
            plain.train_acc < 0.2,
            "{}: {}",
            r[2 * k + 1].name,
            plain.train_acc
        );
        if bn.train_acc > 0.5 {
            wins += 1;
        }
    }
    assert!(
        wins >= 9,
        "batch norm learned at only {wins} of 10 small scales"
    );
}

#[test]
fn weight_decay_narrows_the_overfitting_gap() {
    for seed in [1, 2] {
        let r = run_preset("overfit-weight-decay", seed);
        let (plain, decayed) = (last(&r[0]), last(&r[1]));
        let gap = |e: &Eval| e.train_acc - e.test_acc;
        assert!(
            plain.train_acc > 0.99,
            "seed {seed}: λ 0 train accuracy {}",
            plain.train_acc
        );
        assert!(gap(plain) > 0.15, "seed {seed}: gap {}", gap(plain));
        assert!(decayed.train_acc < plain.train_acc, "seed {seed}");
        assert!(
            gap(decayed) < gap(plain),
            "seed {seed}: gap {} vs {}",
            gap(decayed),
            gap(plain)
        );
    }
}
