//! The trainer's behaviour on small runs of the bundled digits: seeded
//! determinism, divergence, early stopping with restore, evaluation, model
//! files, and the lecture's babysitting numbers.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::data::bundle;
use descent::nn::model_io;
use descent::optim::{Hyper, Kind, Param};
use descent::train::data::{Augment, Scaling};
use descent::train::{Length, Stop, TrainConfig, Trainer};
use std::sync::{Arc, OnceLock};

fn digits() -> Arc<descent::data::Digits> {
    static D: OnceLock<Arc<descent::data::Digits>> = OnceLock::new();
    D.get_or_init(|| {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.bin"))
            .expect("scripts/setup.sh makes the bundle");
        Arc::new(bundle::parse(&bytes).unwrap())
    })
    .clone()
}

fn trainer(config: TrainConfig) -> Trainer {
    Trainer::on(config, digits(), None).unwrap()
}

fn small() -> TrainConfig {
    TrainConfig {
        hidden: vec![50, 50],
        optimizer: Kind::Adam,
        hyper: Hyper::book(Kind::Adam),
        length: Length::Iterations(200),
        eval_every: 50,
        train_size: Some(2000),
        ..TrainConfig::default()
    }
}

#[test]
fn same_seed_same_run_and_the_initial_loss_is_ln_10() {
    let mut a = trainer(small());
    let mut b = trainer(small());
    let la = a.step(200);
    assert_eq!(la, b.step(200));
    assert_ne!(la, trainer(TrainConfig { seed: 2, ..small() }).step(200));
    // Babysitting: 10 classes at random give −ln(1/10) ≈ 2.30 at the start.
    assert!((la[0] - 10f64.ln()).abs() < 0.25, "initial loss {}", la[0]);
    assert_eq!(a.evals.len(), 4);
    assert_eq!(a.stopped(), Some(&Stop::Finished));
    assert!(la[199] < la[0] / 2.0);
    // Update/weight ratios are reported per weight matrix, in a plausible range.
    let ratios = &a.evals.last().unwrap().update_ratios;
    assert_eq!(ratios.len(), 3);
    assert!(ratios.iter().all(|&r| r > 1e-6 && r < 1e-1), "{ratios:?}");
}

#[test]
fn a_huge_learning_rate_is_reported_as_diverged() {
    let mut hyper = Hyper::book(Kind::Sgd);
    hyper.set(Param::Lr, 10.0).unwrap();
    let mut t = trainer(TrainConfig {
        optimizer: Kind::Sgd,
        hyper,
        ..small()
    });
    t.step(200);
    match t.stopped() {
        Some(Stop::Diverged(why)) => {
            assert!(why.contains("learning rate is probably too high"), "{why}");
        }
        other => panic!("expected divergence, got {other:?}"),
    }
    assert!(t.iteration() < 200);
}

#[test]
fn early_stopping_keeps_the_best_validation_snapshot() {
    let config = TrainConfig {
        hidden: vec![100; 6],
        length: Length::Epochs(300),
        train_size: Some(300),
        validation: 0.2,
        batch: 100,
        eval_every: 0,
        patience: Some(20),
        ..TrainConfig::default()
    };
    let mut t = trainer(config);
    t.step(100_000);
    assert!(
        matches!(t.stopped(), Some(Stop::EarlyStopped(_))),
        "{:?}",
        t.stopped()
    );
    let (at, best) = t.best().unwrap();
    let validation = t.data().validation.clone();
    assert!(t.restore_best());
    assert!(
        (t.accuracy(&validation) - best).abs() < 1e-12,
        "restored network scores the best validation accuracy"
    );
    assert!(at + 20 <= t.evals.len());
}

#[test]
fn raw_pixels_train_badly_and_augmentation_still_learns() {
    let raw = trainer(TrainConfig {
        scaling: Scaling::Raw,
        ..small()
    })
    .step(200);
    // With 0–255 inputs the first layer's outputs are ~255× too large: the loss explodes.
    assert!(
        raw.iter().any(|l| *l > 10.0) || raw.len() < 200,
        "raw pixels should fail"
    );
    let all = Augment {
        shift: true,
        rotate: true,
        cutout: true,
        mixup: true,
    };
    let mut t = trainer(TrainConfig {
        augment: all,
        ..small()
    });
    t.step(200);
    assert!(t.evals.last().unwrap().test_acc > 0.6);
}

#[test]
fn a_saved_model_scores_the_same_after_loading_with_its_scaling() {
    use descent::train::data::Scaling;
    use descent::train::inspect::Inspection;
    // Standardized per pixel: the model file keeps the statistics, so the
    // inspector feeds the test digits exactly as training did.
    let mut t = trainer(TrainConfig {
        scaling: Scaling::Feature,
        ..small()
    });
    t.step(200);
    let test = t.data().test.clone();
    let acc = t.accuracy(&test);
    let bytes = t.model();
    let back = model_io::load::<f32>(&bytes).unwrap();
    assert_eq!(back.scaler, t.data().scaler);
    assert_eq!(model_io::save(&back.net, &back.scaler, back.permute), bytes);
    let mut inspection = Inspection::new(&bytes, t.data().digits.clone(), None).unwrap();
    while !inspection.score(1000) {}
    assert!(acc > 0.8);
    assert!(
        (inspection.accuracy() - acc).abs() < 1e-9,
        "{} vs {acc}",
        inspection.accuracy()
    );
}

/// The lecture's step decay in epochs (seed 000: ×0.9 every 30 epochs),
/// here ×0.5 every 2 epochs of 500 digits in batches of 100: 5 updates an
/// epoch, so the rate halves after updates 10, 20, ….
#[test]
fn a_step_decay_in_epochs_counts_the_runs_epochs() {
    let mut config = TrainConfig {
        train_size: Some(500),
        batch: 100,
        length: Length::Iterations(30),
        eval_every: 5,
        ..small()
    };
    config.set("schedule", "step:2ep:0.5").unwrap();
    assert_eq!(config.get("schedule"), "step:2ep:0.5");
    let mut t = trainer(config);
    t.step(30);
    // The rate of the last update before each evaluation (updates 5, 10, …).
    let lrs: Vec<f64> = t.evals.iter().map(|e| e.lr).collect();
    let base = 0.001;
    let want = [base, base, 0.5 * base, 0.5 * base, 0.25 * base, 0.25 * base];
    assert_eq!(lrs.len(), 6);
    for (got, want) in lrs.iter().zip(want) {
        assert!((got - want).abs() < 1e-15, "{lrs:?}");
    }
}

/// A search's trial is ranked on validation, so it scores the test digits
/// only at its end (as seed 002's search, whose trials return validation and
/// training accuracies only): every evaluation has its training and
/// validation scores, the last one its test score too, equal to scoring the
/// final network directly; without the setting every evaluation has it.
#[test]
fn a_search_trial_scores_the_test_digits_at_its_end_only() {
    use descent::train::evaluate::Pass;
    use descent::train::search::book_trial;
    let mut t = trainer(TrainConfig {
        length: Length::Epochs(3),
        ..book_trial(4)
    });
    t.step(1000);
    assert_eq!(t.evals.len(), 3);
    for e in &t.evals[..2] {
        assert!(e.test_acc.is_nan() && e.test_loss.is_nan(), "{e:?}");
        assert!(e.val_acc.is_some_and(f64::is_finite) && e.train_acc.is_finite());
    }
    let last = t.evals[2].clone();
    let test = t.data().test.clone();
    let direct = t.score(&test, Pass::Eval);
    assert_eq!(
        (last.test_acc, last.test_loss),
        (direct.accuracy, direct.loss)
    );
    let mut plain = trainer(TrainConfig {
        length: Length::Epochs(2),
        test_at_end: false,
        ..book_trial(4)
    });
    plain.step(1000);
    assert_eq!(plain.evals.len(), 2);
    assert!(plain.evals.iter().all(|e| e.test_acc.is_finite()));
}
