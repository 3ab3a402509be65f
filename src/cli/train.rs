//! `descent train`: the book's experiments (or any run) from the command line,
//! one JSON line per evaluation, then a summary.

use super::args::Args;
use descent::catalogue::grammar;
use descent::data::{bundle, idx, Digits};
use descent::json::Json;
use descent::train::data::Data;
use descent::train::plans::{self, Finished};
use descent::train::presets::Plan;
use descent::train::{presets, settings};
use descent::train::{Length, Stop, TrainConfig, Trainer};
use descent::{Error, Result};
use std::sync::Arc;

/// Applies the command line's settings to every run of the preset: each
/// flag is a training setting of the catalogue (`--lr 0.01`, `--bn`,
/// `--hidden 100,100`), applied as a link's set of settings is.
fn overrides(args: &mut Args, plan: &mut Plan) -> Result<()> {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    // Older spellings of two flags.
    if let Some(v) = args.take("decay-type") {
        pairs.push(("decay", v));
    }
    pairs.extend(args.settings(&settings::entries()));
    if args.flag("no-bias-correction") {
        pairs.push(("bias-correction", "0".into()));
    }
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for run in &mut plan.runs {
        if let Some((_, e)) = run.config.apply_pairs(&pairs).into_iter().next() {
            return Err(e);
        }
        run.config.validate()?;
    }
    Ok(())
}

/// Loads the bundled digits, or the four IDX files of full MNIST from `dir`
/// (`.gz` accepted); returns the digits and how many of them are the test set.
pub fn load_digits(dir: Option<String>) -> Result<(Digits, Option<usize>)> {
    let read =
        |p: &str| std::fs::read(p).map_err(|e| Error::new(format!("cannot read '{p}': {e}")));
    match dir {
        None => {
            let bytes = read("www/data/digits.bin").map_err(|e| {
                Error::new(format!(
                    "{e}. Run scripts/serve.sh or scripts/test.sh once to create the bundled data."
                ))
            })?;
            let digits = bundle::parse(&bytes)?;
            digits.require_mnist_size("bundled digits")?;
            Ok((digits, None))
        }
        Some(dir) => {
            let load = |stem: &str| -> Result<Vec<u8>> {
                let plain = format!("{dir}/{stem}");
                if std::path::Path::new(&plain).exists() {
                    read(&plain)
                } else {
                    read(&format!("{plain}.gz"))
                }
            };
            let (digits, test) = idx::parse_mnist(
                &load("train-images-idx3-ubyte")?,
                &load("train-labels-idx1-ubyte")?,
                &load("t10k-images-idx3-ubyte")?,
                &load("t10k-labels-idx1-ubyte")?,
            )?;
            Ok((digits, Some(test)))
        }
    }
}

/// A finished run's evaluation lines (each named by its run) and its summary.
fn report(name: &str, f: &Finished) -> (Vec<String>, Json) {
    let mut lines: Vec<String> = f
        .evals
        .iter()
        .map(|e| {
            let mut line = vec![("run".to_string(), Json::Str(name.into()))];
            if let Json::Obj(fields) = e.json() {
                line.extend(fields);
            }
            Json::Obj(line).to_string()
        })
        .collect();
    let last = f.evals.last();
    let mut summary = vec![
        ("train_acc", Json::from(last.map(|e| e.train_acc))),
        ("test_acc", Json::from(last.map(|e| e.test_acc))),
        ("test_loss", Json::from(last.map(|e| e.test_loss))),
        ("final_loss", Json::from(f.losses.last().copied())),
        ("seconds", f.seconds.into()),
        ("seconds_per_epoch", (f.seconds / f.epochs.max(1e-9)).into()),
    ];
    if let Some(noise) = descent::train::diagnostics::loss_noise(&f.losses) {
        summary.push(("loss_noise", noise.into()));
    }
    if let Some(v) = last.and_then(|e| e.val_acc) {
        summary.push(("val_acc", v.into()));
    }
    // Networks with batch norm or dropout score differently in the two modes.
    if let Some(e) = last.filter(|e| e.train_mode.is_some()) {
        summary.push(("eval_mode", e.eval_mode().json()));
        summary.push((
            "train_mode",
            e.train_mode.as_ref().map_or(Json::Null, |m| m.json()),
        ));
    }
    if let Some(e) = last.and_then(|e| e.ema) {
        summary.push(("ema", score_json(&e)));
    }
    if let Some((count, s)) = last.and_then(|e| e.snapshots) {
        summary.push((
            "snapshots",
            Json::obj([
                ("count", count.into()),
                ("test_acc", s.accuracy.into()),
                ("test_loss", s.loss.into()),
            ]),
        ));
    }
    if let Some(Stop::Diverged(why) | Stop::EarlyStopped(why)) = &f.stopped {
        summary.push(("stopped", Json::Str(why.clone())));
    }
    // What the assistant says of the finished run, as the page does.
    for r in descent::train::diagnostics::diagnose(&f.losses, &f.evals, f.stopped.as_ref()) {
        lines.push(
            Json::obj([
                ("run", Json::Str(name.into())),
                ("remark", Json::Str(r.text)),
                ("level", r.level.id().into()),
            ])
            .to_string(),
        );
    }
    (lines, Json::obj(summary))
}

fn score_json(s: &descent::train::evaluate::Score) -> Json {
    Json::obj([
        ("test_acc", s.accuracy.into()),
        ("test_loss", s.loss.into()),
    ])
}

/// `descent train`.
/// The experiment the command line names (--preset, default the book's
/// optimizer comparison), with its own settings (seed, ensemble size,
/// transfer task…), --trials and every run's training settings applied;
/// returns the preset's name, its choices and the plan.
pub fn plan_of(args: &mut Args) -> Result<(String, presets::Choices, Plan)> {
    let preset = args
        .take("preset")
        .unwrap_or_else(|| "optimizer-compare".into());
    let mut own: Vec<(&str, String)> = args.settings(&presets::SETTINGS);
    own.retain(|(k, _)| !["experiment", "run"].contains(k));
    let choices = presets::Choices::parse(&grammar::write(None, &own))?;
    let mut plan = presets::plan(&preset, &choices)?;
    if let Some(t) = args.take("trials") {
        let n = descent::num::whole(&t, "number of trials")?;
        plan.runs.truncate(usize::try_from(n).unwrap_or(0).max(1));
    }
    overrides(args, &mut plan)?;
    Ok((preset, choices, plan))
}

pub fn train(args: &mut Args) -> Result<String> {
    let (preset, choices, plan) = plan_of(args)?;
    let (digits, test) = load_digits(args.take("data"))?;
    let digits = Arc::new(digits);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let finished = plans::run(&plan, &digits, test, threads);
    let mut out = Vec::new();
    let mut summary = Vec::new();
    let mut members = Vec::new();
    for (run, r) in plan.runs.iter().zip(&finished) {
        let f = r.as_ref().map_err(Clone::clone)?;
        let (lines, s) = report(&run.name, f);
        out.extend(lines);
        summary.push((run.name.clone(), s));
        members.push(f);
    }
    if plan.ensemble {
        let (name, lines, s) = ensemble_of(&plan, &members, &digits, test)?;
        out.extend(lines);
        summary.push((name, s));
    }
    // The guided session checks its step, as the page does.
    if preset == "guided-tuning" {
        use descent::train::presets::tuning::{check_step, Outcome};
        let outcomes: Vec<Outcome> = finished
            .iter()
            .flatten()
            .map(|f| Outcome::of(&f.losses, &f.evals, f.stopped.as_ref()))
            .collect();
        let c = check_step(&choices, &outcomes)?;
        let mut fields = vec![
            ("check", Json::Str(c.text)),
            ("passed", Json::Bool(c.passed)),
        ];
        if let Some(space) = c.space {
            fields.push(("tune_space", Json::Str(space.replace(';', ","))));
        }
        if let Some(best) = c.best {
            fields.push(("tune_best", Json::Str(best.replace(';', ","))));
        }
        out.push(Json::obj(fields).to_string());
    }
    out.push(Json::obj([("summary", Json::obj(summary))]).to_string());
    Ok(out.join("\n"))
}

/// The ensemble of the runs' networks, scored at each evaluation: a line
/// per evaluation and its summary.
fn ensemble_of(
    plan: &Plan,
    members: &[&Finished],
    digits: &Arc<Digits>,
    test: Option<usize>,
) -> Result<(String, Vec<String>, Json)> {
    let e = plans::ensemble(plan, members, digits, test)?;
    let name = descent::i18n::tr(
        format!("ensemble of {}", members.len()),
        format!("{}개의 앙상블", members.len()),
    );
    let lines = e
        .scores
        .iter()
        .map(|(iter, s, _)| {
            Json::obj([
                ("run", Json::Str(name.clone())),
                ("iter", (*iter).into()),
                ("test_acc", s.accuracy.into()),
                ("test_loss", s.loss.into()),
            ])
            .to_string()
        })
        .collect();
    let summary = match e.scores.last() {
        Some((_, s, each)) => {
            let best = each.iter().map(|m| m.loss).fold(f64::INFINITY, f64::min);
            Json::obj([
                ("test_acc", s.accuracy.into()),
                ("test_loss", s.loss.into()),
                ("best_member_test_loss", best.into()),
            ])
        }
        None => Json::Null,
    };
    Ok((name, lines, summary))
}

/// `descent bench-train`: training examples per second of this build on one
/// thread (784-100×4-10, ReLU, He, SGD, batch 128, f32), and evaluation's
/// (every training digit scored in eval mode), as JSON.
pub fn bench(args: &mut Args) -> Result<String> {
    let seconds = args
        .take("seconds")
        .map(|s| descent::num::parse(&s, "number of seconds"))
        .transpose()?
        .unwrap_or(5.0);
    let (digits, test) = load_digits(None)?;
    let (_, config) = presets::runs("optimizer-compare", 1)?.swap_remove(0);
    let config = TrainConfig {
        length: Length::Iterations(1_000_000),
        eval_every: 1_000_000,
        ..config
    };
    let batch = config.batch;
    let data = Data::new(Arc::new(digits), test, None, 0.0, config.scaling)?;
    let mut trainer = Trainer::new(config, data)?;
    trainer.step(20);
    let start = std::time::Instant::now();
    let mut steps = 0;
    while start.elapsed().as_secs_f64() < seconds {
        steps += trainer.step(10).len();
    }
    let rate = (steps * batch) as f64 / start.elapsed().as_secs_f64();
    // Evaluation: every training digit scored in eval mode, as often as
    // fits in the same time.
    let digits = trainer.data().train.clone();
    let start = std::time::Instant::now();
    let mut scored = 0;
    while start.elapsed().as_secs_f64() < seconds {
        trainer.score(&digits, descent::train::evaluate::Pass::Eval);
        scored += digits.len();
    }
    let eval_rate = scored as f64 / start.elapsed().as_secs_f64();
    Ok(Json::obj([
        ("examples_per_sec", rate.into()),
        ("eval_examples_per_sec", eval_rate.into()),
        ("build", Json::Str("native".into())),
    ])
    .to_string())
}
