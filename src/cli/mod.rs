//! Subcommands of the `descent` binary. Each returns the text to print.

mod args;
mod figure;
mod init;
mod optim;
mod train;

use args::Args;
use descent::data::{bundle, Split};
use descent::json::Json;
use descent::{Error, Result};

const HELP: &str = r#"descent — a live lab for training neural networks (command line)

USAGE:
    descent <COMMAND> [OPTIONS]

COMMANDS:
    data-info            Describe the bundled digits as JSON (count, per class, split)
    trajectory           One optimizer's path on a 2-D surface, as JSON
    activations          The initialization experiment's per-layer statistics, as JSON
    figure optimizers    The optimizer lab's view as an SVG or PNG file
    figure init          The initialization experiment's histograms as an SVG or PNG file
    train                Train on MNIST: the book's experiments, one JSON line per evaluation
    bench-train          Training speed of this build, examples per second, as JSON
    help                 Show this text

data-info:
    --data PATH          The digit bundle to read [default: www/data/digits.bin]

trajectory:
    --surface S          bowl (default), saddle, two-basins, rosenbrock, himmelblau,
                         or an expression in x and y, e.g. "x^2/20 + y^2"
    --optimizer O        sgd (default), momentum, nesterov, adagrad, rmsprop, adam,
                         adadelta, newton
    --lr X  --momentum X  --beta1 X  --beta2 X  --rho X  --eps X  --damping X
    --no-bias-correction (Adam)   Omitted hyperparameters take the book's defaults.
    --schedule S         constant (default), step:EVERY:FACTOR, cosine, linear,
                         inverse-sqrt
    --start X,Y          [default: -7,2]      --steps N   [default: 30]
    --noise SIGMA        Gaussian gradient noise    --seed S
    Prints {"points": [[x, y], ...], "diverged_at": null}: the start and one
    point per update.

activations (the book's experiment by default):
    --activation A       sigmoid (default), tanh, relu, leaky-relu
    --init I             std:1 (default), std:0.01, std:SIGMA, xavier, he, zeros
    --layers 5  --width 100  --samples 1000  --bins 30  --seed 1
    --bn                 batch-normalize each layer's pre-activations
    Prints {"layers": [{"mean", "std", "saturated", "dead", "histogram":
    {"lo", "hi", "counts"}, "grad_std"}, ...]}.

figure init:
    the flags of activations, plus --out FILE (.svg or .png), --width W, --height H

train:
    --preset P           optimizer-compare (default), init-compare, batch-norm,
                         overfit-weight-decay, overfit-dropout, hyperparameter-search
    --seed S  --trials N (the first N runs of the preset)
    Overrides for every run of the preset:
    --optimizer O --lr X --momentum X --batch N --iterations N | --epochs N
    --hidden 100,100,100,100 --activation A --init I --bn --dropout R
    --weight-decay L [--decay-type l2|l1|elastic] --schedule S
    --scaling raw|unit|standard --augment shift,rotate,cutout,mixup
    --train-size N --validation SHARE --eval-every N (0 = each epoch)
    --data DIR           full MNIST: the four IDX files (.gz accepted) in DIR
    Prints {"run", "iter", "epoch", "train_loss", "train_acc", "val_acc",
    "test_acc"} per evaluation (absent fields omitted), then
    {"summary": {run: {"train_acc", "test_acc", "final_loss"}}}.

bench-train:
    --seconds S          how long to train [default: 5]

figure optimizers:
    --preset P           book (default), nesterov, saddle, local-minimum,
                         adagrad-stops, adam-bias, newton
    --runs TEXT          e.g. "sgd,lr:0.95;adam,lr:0.3" instead of the preset's
    --surface, --start, --steps, --schedule, --noise, --seed as above
    --out FILE           .svg or .png      --width W --height H [1200×900]
    --font FILE.ttf      the font for PNG text [default: DejaVu Sans]
    --animate            write the animation as an animated PNG (--out
                         FILE.png, 900×680 unless sized), one frame per step
    --frames N           at most N frames [default: 120]
    --delay MS           milliseconds per frame [default: 80]

Every command takes --lang en (default) or --lang ko: sentences, errors and
figure labels in English or Korean (PNG figures in Korean need a Korean font,
such as Debian's fonts-nanum or fonts-noto-cjk).

The page (scripts/serve.sh) is the main way to use Descent; this command
makes the same data and figures for static slides and scripts."#;

/// Runs the command line `args` (without the program name).
pub fn run(args: &[String]) -> Result<String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(HELP.to_string());
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
        "help" | "--help" | "-h" => HELP.to_string(),
        "data-info" => data_info(&mut args)?,
        "trajectory" => optim::trajectory(&mut args)?,
        "activations" => init::activations(&mut args)?,
        "train" => train::train(&mut args)?,
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
