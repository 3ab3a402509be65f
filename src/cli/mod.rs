//! Subcommands of the `descent` binary. Each returns the text to print.

mod args;
mod figure;
mod init;
mod landscape;
mod optim;
mod search;
mod train;

use args::Args;
use descent::catalogue::{Domain, Entry};
use descent::data::{bundle, Split};
use descent::init::settings::SETTINGS as INIT_SETTINGS;
use descent::json::Json;
use descent::num::num;
use descent::optim::lab::{SETTINGS as OPTIM_SETTINGS, VIEW_ONLY};
use descent::optim::{Kind, Param};
use descent::train::settings::SETTINGS as TRAIN_SETTINGS;
use descent::{Error, Result};

const HELP: &str = r#"descent — a live lab for training neural networks (command line)

USAGE:
    descent <COMMAND> [OPTIONS]

COMMANDS:
    data-info            Describe the bundled digits as JSON (count, per class, split)
    trajectory           One optimizer's path on a 2-D surface, as JSON
    quadratic            A surface's Hessian, its eigenvalues and the best fixed steps, as JSON
    activations          The initialization experiment's per-layer statistics, as JSON
    figure optimizers    The optimizer lab's view as an SVG or PNG file
    figure init          The initialization experiment's histograms as an SVG or PNG file
    train                Train on MNIST: the book's experiments, one JSON line per evaluation
    search               A hyperparameter search, one JSON line per trial, then the ranking
    bench-train          Training and evaluation speed of this build, examples per second, as JSON
    help                 Show this text

Every setting is a flag named as in the page's links (--lr 0.01, --hidden
100,100, --bn); the lists below come from the same catalogue as the page.

data-info:
    --data PATH          The digit bundle to read [default: www/data/digits.bin]

trajectory:
    --optimizer O        {optimizers} [default: sgd]
{hyper}    Omitted hyperparameters take the book's values.
{optim}    Prints {{"points": [[x, y], ...], "diverged_at": null}}: the start and one
    point per update (30 updates unless --steps says otherwise).

quadratic (the book's bowl at (-7, 2) by default):
    --surface S, --start X,Y   as for trajectory; the Hessian is taken at the start
    Prints {{"surface", "at", "hessian", "quadratic" (the same Hessian everywhere),
    "eigenvalues" (larger first), "eigenvectors", "condition" (κ), "gd_stability_limit"
    (2/λmax), "gd_optimal_lr" (2/(λmin + λmax)), "gd_optimal_rate" ((κ − 1)/(κ + 1)),
    "momentum_optimal_lr", "momentum_optimal_alpha", "momentum_optimal_rate"}}; null
    where a number does not exist (a saddle has no optimal step).

activations (the book's experiment by default):
{init}    Prints {{"layers": [{{"mean", "std", "saturated", "dead", "histogram":
    {{"lo", "hi", "counts"}}, "grad_std"}}, ...]}}.

figure init:
    the flags of activations, plus --out FILE (.svg or .png), --size WxH

train:
    --preset P           {experiments} [default: optimizer-compare]
    --trials N           the first N runs of the preset
    The experiments' own settings (ensemble, transfer-learning):
{experiment}    Settings for every run of the preset:
{train}    --data DIR           full MNIST: the four IDX files (.gz accepted) in DIR
    Prints {{"run", "iter", "epoch", "train_loss", "train_acc", "val_acc",
    "test_acc", "test_loss", "ema", "snapshots"}} per evaluation (absent
    fields omitted), the assistant's remarks on each run as {{"run", "remark",
    "level": "good"|"warn"|"bad"}}, then {{"summary": {{run: {{"train_acc", "test_acc",
    "test_loss", "final_loss"}}}}}}; an ensemble adds its own lines and
    {{"ensemble of K": {{"test_acc", "test_loss", "best_member_test_loss"}}}};
    the guided session (--preset guided-tuning --step N) its step's check,
    {{"check", "passed", "tune_space", "tune_best"}}.

search:
    --space S            the ranges, as name=scale:low:high items or name=list:A,B,C
                         (scales log, linear, one-minus-log: β as 1 − 10^r), of
                         {dimensions}
                         [default: lr=log:1e-6:1e-2;l2=log:1e-8:1e-4, the book's]
    --trials N [100]  --epochs E [the book's 50]  --grid  --seed S  --data DIR
    Each trial is the book's (500 digits, 20 % for validation). Prints
    {{"trial", "values", "val_acc", "train_acc", "test_acc"}} per trial, then
    {{"space", "ranking"}} (the best 10), the assistant's remark when the best
    lies at the edge of a range, and {{"narrowed"}}: the space around the best 5.

bench-train:
    --seconds S          how long to train, then how long to evaluate [default: 5]

landscape (an experiment's runs on their own loss, on one plane):
    --preset P           as for train [default: optimizer-compare], with train's settings
    --directions D       pca (the runs' two principal directions, centred at the mean of
                         their recorded weights), random (two filter-normalized
                         directions around run --around's final weights) or sharp
                         (across and along the valley run --around ends in: the
                         Hessian's sharpest direction there and the run's way from its
                         start, centred at its end) [default: pca]
    --around K           the run random and sharp directions are drawn around [default: 1]
    --grid N             nodes a side, odd [default: 31]
    --samples N          training digits the loss is measured on [default: 1000]
    --sharpness          also each run's sharpness at its end (Lanczos on Hessian–vector
                         products): its largest curvature λ, ηλ and what the steps do
    --json               print the report (also when --out is given)
    --out FILE           .svg or .png: the plane's loss with the runs' paths and a key
    Prints {{"preset", "directions", "samples", "mode": "eval", "explained" (each
    direction's share of the trajectories' variance, for sharp of the run's path, or
    null), "scale" ({{"x", "y"}}: the plane's ranges; "direction_norms"), "grid"
    ({{"n", "loss"}}: rows from the bottom), "runs" ([{{"name", "updates", "path":
    [[a, b], ...], "final_loss"}}]), "lines" (loss and accuracy from α = -0.5 to 1.5
    along each run's start → end and between consecutive runs' final weights),
    "sharpness" (with --sharpness: [{{"name", "lambda", "lambda_min", "lr", "eta_lambda",
    "bounds" (ηλ where the zig-zag starts and where the steps diverge, for SGD and
    Momentum), "regime", "sentence", "iterations", "residual", "rise", "along": {{"t",
    "loss", "quadratic"}}}}], else null), "seconds"}}.

figure optimizers:
    --preset P           {optim_presets} [default: book]
    the settings of trajectory's lab, and:
{figure}    --out FILE           .svg or .png      --size WxH [1200x900]
    --font FILE.ttf      the font for PNG text [default: DejaVu Sans]
    --animate            write the animation as an animated PNG (--out
                         FILE.png, 900x680 unless sized), one frame per step
    --frames N           at most N frames [default: 120]
    --delay MS           milliseconds per frame [default: 80]
    --frame K            the view after K updates (the paths so far, and with
                         --apart N optimizer N's update K taken apart) [default: --steps]

Every command takes --lang en (default) or --lang ko: sentences, errors and
figure labels in English or Korean (PNG figures in Korean need a Korean font,
such as Debian's fonts-nanum or fonts-noto-cjk).

The page (scripts/serve.sh) is the main way to use Descent; this command
makes the same data and figures for static slides and scripts."#;

/// One line per setting of `table`: its flag, what it takes, its label, and
/// its default.
fn flags(table: &[Entry]) -> String {
    let mut out = String::new();
    for e in table {
        let takes = match e.domain {
            Domain::Real { min, max, .. } => format!("X ({}…{})", num(min), num(max)),
            Domain::Whole { min, max, none, .. } => match none {
                Some(w) => format!("N ({min}…{max} or {w})"),
                None => format!("N ({min}…{max})"),
            },
            Domain::Flag { .. } => "[0|1]".into(),
            Domain::Choice { choices, .. } => {
                choices.iter().map(|c| c.id).collect::<Vec<_>>().join("|")
            }
            Domain::Many { choices } => choices.iter().map(|c| c.id).collect::<Vec<_>>().join(","),
            Domain::Text { choices, .. } if !choices.is_empty() => {
                format!(
                    "{}|…",
                    choices.iter().map(|c| c.id).collect::<Vec<_>>().join("|")
                )
            }
            Domain::Text { .. } => "TEXT".into(),
        };
        let default = e.format(&e.default_value());
        let default = if default.is_empty() {
            String::new()
        } else {
            format!(" [default: {default}]")
        };
        out.push_str(&format!(
            "    --{} {takes}\n        {}{default}\n",
            e.key,
            e.label()
        ));
    }
    out
}

/// The help text, with every setting's flag from the catalogue.
fn help() -> String {
    let optim: Vec<Entry> = OPTIM_SETTINGS
        .iter()
        .filter(|e| e.key != "runs" && !VIEW_ONLY.contains(&e.key))
        .copied()
        .collect();
    let figure: Vec<Entry> = OPTIM_SETTINGS
        .iter()
        .filter(|e| e.key == "runs" || VIEW_ONLY.contains(&e.key))
        .copied()
        .collect();
    // The seed is among every run's settings below.
    let experiment: Vec<Entry> = descent::train::presets::SETTINGS
        .iter()
        .filter(|e| !["experiment", "run", "seed"].contains(&e.key))
        .copied()
        .collect();
    HELP.replace("{optimizers}", &Kind::ALL.map(Kind::id).join(", "))
        .replace("{hyper}", &flags(&Param::entries()))
        .replace("{optim}", &flags(&optim))
        .replace("{init}", &flags(&INIT_SETTINGS))
        .replace("{experiments}", &descent::train::presets::IDS.join(", "))
        .replace(
            "{dimensions}",
            &descent::train::search::DIMENSIONS.map(|d| d.key).join(", "),
        )
        .replace("{train}", &flags(&TRAIN_SETTINGS))
        .replace("{experiment}", &flags(&experiment))
        .replace("{optim_presets}", &descent::optim::presets::IDS.join(", "))
        .replace("{figure}", &flags(&figure))
        .replace("{{", "{")
        .replace("}}", "}")
}

/// Runs the command line `args` (without the program name).
pub fn run(args: &[String]) -> Result<String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(help());
    };
    // `figure` takes the figure's name before its options.
    let (rest, figure) = match (command.as_str(), rest.split_first()) {
        ("figure", Some((name, options))) if !name.starts_with("--") => {
            (options, Some(name.as_str()))
        }
        _ => (rest, None),
    };
    let mut args = Args::parse(rest)?;
    // --lang ko writes the engine's sentences, figure labels and errors in Korean.
    if let Some(lang) = args.take("lang") {
        match lang.as_str() {
            "en" | "ko" => descent::i18n::set(descent::i18n::Lang::parse(&lang)),
            other => {
                return Err(Error::new(format!(
                    "--lang must be en or ko, got \"{other}\"."
                )))
            }
        }
    }
    let out = match command.as_str() {
        "help" | "--help" | "-h" => help(),
        "data-info" => data_info(&mut args)?,
        "trajectory" => optim::trajectory(&mut args)?,
        "quadratic" => optim::quadratic(&mut args)?,
        "activations" => init::activations(&mut args)?,
        "train" => train::train(&mut args)?,
        "landscape" => landscape::landscape(&mut args)?,
        "search" => search::search(&mut args)?,
        "bench-train" => train::bench(&mut args)?,
        "figure" => match figure {
            Some("optimizers") => optim::figure(&mut args)?,
            Some("init") => init::figure(&mut args)?,
            Some(other) => {
                return Err(Error::new(format!(
                    "unknown figure '{other}'; the figures are: optimizers, init."
                )))
            }
            None => {
                return Err(Error::new(
                    "say which figure, as in 'descent figure optimizers --out fig.svg'.",
                ))
            }
        },
        other => {
            return Err(Error::new(format!(
                "unknown command '{other}'. Run 'descent --help' for the list."
            )))
        }
    };
    args.finish()?;
    Ok(out)
}

fn read_file(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::new(format!(
            "cannot read '{path}': {e}. Run scripts/serve.sh or scripts/test.sh once to create the bundled data."
        ))
    })
}

fn data_info(args: &mut Args) -> Result<String> {
    let path = args
        .take("data")
        .unwrap_or_else(|| "www/data/digits.bin".into());
    let bytes = read_file(&path)?;
    let digits = bundle::parse(&bytes)?;
    let split = Split::standard(digits.len());
    let counts = digits.class_counts();
    Ok(Json::obj([
        ("digits", digits.len().into()),
        ("rows", digits.rows().into()),
        ("cols", digits.cols().into()),
        (
            "per_class",
            Json::Arr(counts.iter().map(|&c| c.into()).collect()),
        ),
        (
            "split",
            Json::obj([
                ("train", split.train.len().into()),
                ("test", split.test.len().into()),
                ("seed", Json::Num(descent::data::split::DEFAULT_SEED as f64)),
            ]),
        ),
    ])
    .to_string())
}
