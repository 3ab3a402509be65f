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

fn digits() -> Arc<descent::data::Digits> {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.bin"))
        .expect("www/data/digits.bin exists (scripts/setup.sh makes it)");
    Arc::new(bundle::parse(&bytes).unwrap())
}

fn run_preset(id: &str, seed: u64) -> Vec<Outcome> {
    run_preset_with(id, seed, |_| {})
}

/// The runs of preset `id`, each changed by `edit` first.
fn run_preset_with(id: &str, seed: u64, edit: impl Fn(&mut TrainConfig)) -> Vec<Outcome> {
    let digits = digits();
    let mut runs = runs(id, seed).unwrap();
    for (_, c) in &mut runs {
        edit(c);
    }
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

/// The book's dropout (seed 002's `Dropout`: no rescaling while training,
/// × (1 − ratio) at test time) on the book's overfitting network closes the
/// train–test gap; the inverted form, at the same learning rate, closes it
/// less. The reference is the book's code in numpy,
/// `scripts/reference-dropout.py`, over 5 seeds (mean ± std):
///
/// | form           | train         | test          | gap           |
/// |----------------|---------------|---------------|---------------|
/// | no dropout     | 1.000         | 0.792         | 0.208         |
/// | book, 0.2      | 0.621 ± 0.071 | 0.523 ± 0.057 | 0.098 ± 0.035 |
/// | inverted, 0.2  | 0.972 ± 0.011 | 0.766 ± 0.017 | 0.206         |
///
/// Evaluated once, at the end, to keep the test short.
#[test]
fn dropout_in_the_books_form_closes_the_gap_and_the_inverted_form_less() {
    let seeds = [1, 2, 3, 4];
    let (mut plain, mut book, mut inverted) = (Vec::new(), Vec::new(), Vec::new());
    for seed in seeds {
        let r = run_preset_with("dropout-forms", seed, |c| c.eval_every = 1_000_000);
        let e: Vec<&Eval> = r.iter().map(last).collect();
        let gap = |e: &Eval| e.train_acc - e.test_acc;
        assert!(
            gap(e[1]) < gap(e[0]),
            "seed {seed}: book gap {} vs none {}",
            gap(e[1]),
            gap(e[0])
        );
        // Dropout networks are also scored in train mode (dropout on), which
        // differs from eval mode; the plain network has one mode.
        assert!(e[0].train_mode.is_none());
        let m = e[1]
            .train_mode
            .expect("train-mode scores of the dropout network");
        assert!(
            m.train.accuracy < e[1].train_acc,
            "seed {seed}: train mode {} vs eval {}",
            m.train.accuracy,
            e[1].train_acc
        );
        plain.push((e[0].train_acc, gap(e[0])));
        book.push((e[1].train_acc, gap(e[1])));
        inverted.push((e[2].train_acc, gap(e[2])));
    }
    let mean =
        |v: &[(f64, f64)], f: fn(&(f64, f64)) -> f64| v.iter().map(f).sum::<f64>() / v.len() as f64;
    let (book_train, book_gap) = (mean(&book, |p| p.0), mean(&book, |p| p.1));
    let plain_gap = mean(&plain, |p| p.1);
    let (inv_train, inv_gap) = (mean(&inverted, |p| p.0), mean(&inverted, |p| p.1));
    // The reference's train accuracy 0.621 ± 0.071 (two standard deviations
    // either side for a mean of four seeds, and then some).
    assert!(
        (0.45..=0.80).contains(&book_train),
        "book train accuracy {book_train}"
    );
    // The gap about halves: 0.098 against 0.208 in the reference.
    assert!(
        book_gap < 0.65 * plain_gap,
        "book gap {book_gap} vs none {plain_gap}"
    );
    // The inverted form trains almost as without dropout and keeps most of the gap.
    assert!(inv_train > 0.9, "inverted train accuracy {inv_train}");
    assert!(
        inv_gap > book_gap + 0.05,
        "inverted gap {inv_gap} vs book {book_gap}"
    );
}

/// Batch norm at test time needs its running averages (seed 004): scored
/// one digit at a time with the batch's own statistics, every unit is
/// normalized to 0 and the network answers the same for every digit.
#[test]
fn batch_norm_at_batch_size_1_needs_the_running_averages() {
    use descent::train::evaluate::Pass;
    use descent::train::inspect::Inspection;
    let config = TrainConfig {
        hidden: vec![50, 50],
        batch_norm: true,
        batch: 100,
        length: descent::train::Length::Iterations(300),
        train_size: Some(2000),
        eval_every: 1_000_000,
        ..TrainConfig::default()
    };
    let digits = digits();
    let mut t = Trainer::on(config, digits.clone(), None).unwrap();
    while t.stopped().is_none() {
        t.step(100);
    }
    let mut inspection = Inspection::new(&t.model(), digits, None).unwrap();
    while !inspection.score(500) {}
    let by = |pass: Pass| {
        inspection
            .tallies
            .iter()
            .find(|x| x.pass == pass)
            .unwrap()
            .accuracy()
    };
    let (eval, batch, single) = (
        by(Pass::Eval),
        by(Pass::Train { batch: 100 }),
        by(Pass::Train { batch: 1 }),
    );
    assert!(eval > 0.85, "eval mode {eval}");
    assert!(batch > 0.8, "train mode, batches of 100: {batch}");
    assert!(single < 0.2, "train mode, batches of 1: {single}");
    // The running averages track the batches' statistics.
    let stats = inspection.norm_statistics(0).unwrap();
    let (mean_gap, _) = stats.gaps();
    let spread =
        stats.batch_mean.iter().map(|m| m.abs()).sum::<f64>() / stats.batch_mean.len() as f64;
    assert!(
        mean_gap < 0.5 * spread,
        "running means {mean_gap} from the batch's (spread {spread})"
    );
}

/// Weight decay as seed 003 teaches it: L1 drives weights to exactly 0
/// (sparsity: the share of |w| < 10⁻³ grows), L2 shrinks them all (the root
/// mean square falls), each against the same run without decay.
#[test]
fn l1_makes_weights_sparse_and_l2_shrinks_them() {
    use descent::nn::mlp::Decay;
    let run = |decay: Decay| {
        let config = TrainConfig {
            hidden: vec![50, 50],
            decay,
            length: descent::train::Length::Iterations(300),
            train_size: Some(2000),
            eval_every: 1_000_000,
            ..TrainConfig::default()
        };
        let mut t = Trainer::on(config, digits(), None).unwrap();
        while t.stopped().is_none() {
            t.step(100);
        }
        t.weight_layers()
    };
    let plain = run(Decay::NONE);
    let l1 = run(Decay { l1: 0.01, l2: 0.0 });
    let l2 = run(Decay::l2(0.1));
    // He weights of the first layer (σ = 0.05): about 1.6 % start below 10⁻³.
    assert!(
        plain[0].near_zero < 0.05,
        "no decay: {}",
        plain[0].near_zero
    );
    assert!(l1[0].near_zero > 0.3, "L1: {} near zero", l1[0].near_zero);
    for (p, s) in plain.iter().zip(&l2) {
        assert!(s.rms < 0.9 * p.rms, "L2 rms {} vs {}", s.rms, p.rms);
        assert!(
            s.near_zero < 0.1,
            "L2 shrinks without zeroing: {}",
            s.near_zero
        );
    }
}

/// Runs `plan` to its end natively; every run must finish.
fn finish(plan: &descent::train::presets::Plan) -> Vec<descent::train::plans::Finished> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    descent::train::plans::run(plan, &digits(), None, threads)
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}

fn final_eval(f: &descent::train::plans::Finished) -> &Eval {
    f.evals.last().expect("a finished run has evaluations")
}

/// Transfer learning, digits 0–4 → 5–9 with five labelled digits a class,
/// over three seeds. Seed 001's reasoning: early layers learn general
/// features and later ones the old task's classes, so frozen early layers
/// transfer better than frozen late ones, and features transfer only to a
/// task like the old one (here the scrambled-pixel task is not). Measured
/// (this fully connected network, not ImageNet's convolutions): fine-tuning
/// is a little more accurate than training from scratch (0.74–0.76 against
/// 0.73–0.74) with a clearly lower test loss (0.76–0.84 against 0.90–0.98);
/// frozen features alone do not beat training from scratch in accuracy
/// (0.68–0.74 against 0.73–0.74), which the preset's sentence says.
#[test]
fn transfer_fine_tuning_beats_scratch_and_early_features_transfer_best() {
    use descent::train::presets::{plan, Choices, PlannedRun, Task};
    let (mut tuned, mut scratch, mut late, mut early, mut different) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for seed in [1, 2, 3] {
        let case = |task: Task, reuse: usize, freeze: usize| {
            let c = Choices {
                seed,
                task,
                per_class: 5,
                reuse,
                freeze,
                ..Choices::default()
            };
            plan("transfer-learning", &c).unwrap().runs
        };
        // One pretraining, five runs on the new tasks.
        let mut p = case(Task::Similar, 3, 0);
        let reused = |runs: Vec<PlannedRun>| runs.into_iter().nth(1).unwrap();
        p.push(reused(case(Task::Similar, 3, 3)));
        p.push(reused(case(Task::Similar, 1, 1)));
        let mut d = case(Task::Different, 1, 1);
        p.push(d.remove(1));
        let plan = descent::train::presets::Plan {
            runs: p,
            ensemble: false,
        };
        let f = finish(&plan);
        let e: Vec<&Eval> = f.iter().map(final_eval).collect();
        assert!(
            e[0].test_acc > 0.95,
            "seed {seed}: pretraining {}",
            e[0].test_acc
        );
        tuned.push((e[1].test_loss, e[1].test_acc));
        scratch.push((e[2].test_loss, e[2].test_acc));
        late.push(e[3].test_acc);
        early.push(e[4].test_acc);
        different.push(e[5].test_acc);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let loss = |v: &[(f64, f64)]| mean(&v.iter().map(|p| p.0).collect::<Vec<_>>());
    let acc = |v: &[(f64, f64)]| mean(&v.iter().map(|p| p.1).collect::<Vec<_>>());
    assert!(
        loss(&tuned) < 0.93 * loss(&scratch),
        "fine-tuned (test loss, accuracy) {tuned:?} vs scratch {scratch:?}"
    );
    assert!(
        acc(&tuned) >= acc(&scratch),
        "fine-tuned (test loss, accuracy) {tuned:?} vs scratch {scratch:?}"
    );
    assert!(
        mean(&early) > mean(&late) + 0.02,
        "frozen first layer {early:?} vs all three frozen {late:?}"
    );
    assert!(
        mean(&early) > mean(&different) + 0.02,
        "frozen first layer, similar {early:?} vs scrambled {different:?}"
    );
}

/// An ensemble of five networks that differ only in their seeds: its test
/// loss is at most its best member's. Jensen's inequality bounds it by the
/// members' mean (cross-entropy is convex in the probabilities); below the
/// best member is what seed 001 promises when members err differently, and
/// what this preset measures (0.326 against 0.347 at seed 1). Its accuracy
/// is at least the members' mean.
#[test]
fn an_ensemble_of_five_beats_its_best_member_in_test_loss() {
    use descent::train::presets::{plan, Choices};
    for seed in [1, 2] {
        let c = Choices {
            seed,
            ..Choices::default()
        };
        let p = plan("ensemble", &c).unwrap();
        assert_eq!(p.runs.len(), 5);
        let f = finish(&p);
        let members: Vec<&descent::train::plans::Finished> = f.iter().collect();
        let e = descent::train::plans::ensemble(&p, &members, &digits(), None).unwrap();
        let (_, score, each) = e.scores.last().expect("the ensemble was scored");
        assert_eq!(each.len(), 5);
        // The members' own evaluations agree with the ensemble's view of them.
        for (m, s) in f.iter().zip(each) {
            assert!((final_eval(m).test_loss - s.loss).abs() < 1e-4);
        }
        let best = each.iter().map(|s| s.loss).fold(f64::INFINITY, f64::min);
        let mean_acc = each.iter().map(|s| s.accuracy).sum::<f64>() / 5.0;
        assert!(
            score.loss <= best,
            "seed {seed}: ensemble {} vs best {best}",
            score.loss
        );
        assert!(
            score.accuracy >= mean_acc,
            "seed {seed}: ensemble {} vs mean {mean_acc}",
            score.accuracy
        );
    }
}

/// Polyak averaging and snapshot ensembles (seed 001), over three seeds.
/// Late in training at a constant rate the weights wander around a
/// minimum; their moving average sits nearer its centre, so its test loss
/// is at most the raw weights' (measured 0.287–0.301 against 0.294–0.308).
/// The five snapshots at the ends of the warm-restart cycles, averaged,
/// have a lower test loss than the final network alone (0.24 against 0.29).
#[test]
fn polyak_averaging_and_snapshots_lower_the_test_loss() {
    use descent::train::presets::{plan, Choices};
    for seed in [1, 2, 3] {
        let c = Choices {
            seed,
            ..Choices::default()
        };
        let f = finish(&plan("snapshot-ensemble", &c).unwrap());
        let restarts = final_eval(&f[0]);
        let (count, snaps) = restarts.snapshots.expect("snapshots were scored");
        assert_eq!(count, 5);
        assert!(
            snaps.loss < restarts.test_loss,
            "seed {seed}: snapshots {} vs final {}",
            snaps.loss,
            restarts.test_loss
        );
        // The last half of training, at every evaluation.
        let polyak = &f[1].evals;
        for e in &polyak[polyak.len() / 2..] {
            let ema = e.ema.expect("the moving average was scored");
            assert!(
                ema.loss <= e.test_loss,
                "seed {seed}, update {}: EMA {} vs raw {}",
                e.iter,
                ema.loss,
                e.test_loss
            );
        }
    }
}

/// Batch size, one seed (the differences are large). At equal epochs the
/// small batches make many more updates and are more accurate (measured:
/// batch 8 0.91, batch 1024 0.54 after 3 epochs); at equal updates the
/// large batches see many more digits and are more accurate (0.92 against
/// 0.87 after 300 updates), and their losses are far less noisy: a batch
/// of B averages B examples' losses, so the noise falls about as 1/√B
/// (measured 0.70, 0.42, 0.22, 0.06 for 8, 32, 128, 1024: 8 to 1024 is
/// 11.5×, and √128 ≈ 11.3).
#[test]
fn batch_size_at_equal_epochs_and_at_equal_updates() {
    use descent::train::diagnostics::loss_noise;
    use descent::train::presets::{plan, Choices};
    let f = finish(&plan("batch-size", &Choices::default()).unwrap());
    assert_eq!(f.len(), 8);
    let acc: Vec<f64> = f.iter().map(|r| final_eval(r).test_acc).collect();
    assert!(acc[0] > acc[3] + 0.2, "equal epochs: {acc:?}");
    assert!(acc[0] > acc[2] && acc[1] > acc[3], "equal epochs: {acc:?}");
    assert!(acc[7] > acc[4] + 0.02, "equal updates: {acc:?}");
    let noise: Vec<f64> = f[4..]
        .iter()
        .map(|r| loss_noise(&r.losses).unwrap())
        .collect();
    assert!(
        noise[0] > 3.0 * noise[3],
        "noise at batch 8 vs 1024: {noise:?}"
    );
    assert!(
        noise.windows(2).all(|w| w[0] > w[1]),
        "noise falls with the batch: {noise:?}"
    );
}

/// The guided session's first three steps pass as the lecture says, over
/// two seeds: the initial loss ≈ ln 10 and higher with a penalty; 100 % on
/// 20 digits; flat, falling and exploding learning rates.
#[test]
fn the_guided_sessions_first_steps_pass() {
    use descent::train::presets::tuning::{check_step, Outcome};
    use descent::train::presets::{plan, Choices};
    for seed in [1, 2] {
        for step in 1..=3 {
            let c = Choices {
                seed,
                step,
                ..Choices::default()
            };
            let f = finish(&plan("guided-tuning", &c).unwrap());
            let outcomes: Vec<Outcome> = f
                .iter()
                .map(|r| Outcome::of(&r.losses, &r.evals, r.stopped.as_ref()))
                .collect();
            let check = check_step(&c, &outcomes).unwrap();
            assert!(check.passed, "seed {seed}: {}", check.text);
            assert!(
                check.text.starts_with(&format!("Step {step} passed")),
                "{}",
                check.text
            );
        }
    }
}
