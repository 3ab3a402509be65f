//! `descent train`: the book's experiments (or any run) from the command line,
//! one JSON line per evaluation, then a summary.

use super::args::Args;
use descent::data::{bundle, idx, Digits};
use descent::json::Json;
use descent::train::data::Data;
use descent::train::{presets, settings};
use descent::train::{Length, Stop, TrainConfig, Trainer};
use descent::{Error, Result};
use std::sync::Arc;

/// Applies the command line's settings to every run of the preset: each
/// flag is a training setting of the catalogue (`--lr 0.01`, `--bn`,
/// `--hidden 100,100`), applied as a link's set of settings is.
fn overrides(args: &mut Args, runs: &mut [(String, TrainConfig)]) -> Result<()> {
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
    for (_, config) in runs.iter_mut() {
        if let Some((_, e)) = config.apply_pairs(&pairs).into_iter().next() {
            return Err(e);
        }
        config.validate()?;
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

/// A run's evaluation lines and its summary.
type RunOutput = (Vec<String>, Json);

fn run_one(
    name: &str,
    config: TrainConfig,
    digits: Arc<Digits>,
    test: Option<usize>,
) -> Result<RunOutput> {
    let mut trainer = Trainer::on(config, digits, test)?;
    let mut losses = Vec::new();
    while trainer.stopped().is_none() {
        losses.extend(trainer.step(100));
    }
    let lines = trainer
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
    let last = trainer.evals.last();
    let mut summary = vec![
        ("train_acc", Json::from(last.map(|e| e.train_acc))),
        ("test_acc", Json::from(last.map(|e| e.test_acc))),
        ("final_loss", Json::from(losses.last().copied())),
    ];
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
    if let Some(Stop::Diverged(why) | Stop::EarlyStopped(why)) = trainer.stopped() {
        summary.push(("stopped", Json::Str(why.clone())));
    }
    Ok((lines, Json::obj(summary)))
}

/// `descent train`.
pub fn train(args: &mut Args) -> Result<String> {
    let preset = args
        .take("preset")
        .unwrap_or_else(|| "optimizer-compare".into());
    let seed = match args.take("seed") {
        Some(s) => settings::seed(&s)?,
        None => 1,
    };
    let mut runs = presets::runs(&preset, seed)?;
    if let Some(t) = args.take("trials") {
        let n = descent::num::whole(&t, "number of trials")?;
        runs.truncate(usize::try_from(n).unwrap_or(0).max(1));
    }
    overrides(args, &mut runs)?;
    let (digits, test) = load_digits(args.take("data"))?;
    let digits = Arc::new(digits);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(runs.len())
        .max(1);
    let mut results: Vec<Option<Result<RunOutput>>> = (0..runs.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let chunks: Vec<Vec<usize>> = (0..threads)
            .map(|t| (t..runs.len()).step_by(threads).collect())
            .collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|mine| {
                let runs = &runs;
                let digits = digits.clone();
                scope.spawn(move || {
                    mine.into_iter()
                        .map(|i| {
                            (
                                i,
                                run_one(&runs[i].0, runs[i].1.clone(), digits.clone(), test),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_default() {
                results[i] = Some(r);
            }
        }
    });
    let mut out = Vec::new();
    let mut summary = Vec::new();
    for ((name, _), r) in runs.iter().zip(results) {
        let (lines, s) = r.unwrap_or_else(|| Err(Error::new("a training thread failed")))?;
        out.extend(lines);
        summary.push((name.clone(), s));
    }
    out.push(Json::obj([("summary", Json::obj(summary))]).to_string());
    Ok(out.join("\n"))
}

/// `descent bench-train`: training examples per second of this build on one
/// thread (784-100×4-10, ReLU, He, SGD, batch 128, f32), as JSON.
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
    Ok(Json::obj([
        ("examples_per_sec", rate.into()),
        ("build", Json::Str("native".into())),
    ])
    .to_string())
}
