//! Subcommands of the `descent` binary. Each returns the text to print.

mod args;

use args::Args;
use descent::data::{bundle, Split};
use descent::json::Json;
use descent::{Error, Result};

const HELP: &str = "\
descent — a live lab for training neural networks (command line)

USAGE:
    descent <COMMAND> [OPTIONS]

COMMANDS:
    data-info    Describe the bundled digits as JSON (count, per class, split)
    help         Show this text

OPTIONS of data-info:
    --data PATH  The digit bundle to read [default: www/data/digits.bin]

The page (scripts/serve.sh) is the main way to use Descent; this command
makes the same data and figures for static slides and scripts.";

/// Runs the command line `args` (without the program name).
pub fn run(args: &[String]) -> Result<String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(HELP.to_string());
    };
    let mut args = Args::parse(rest)?;
    let out = match command.as_str() {
        "help" | "--help" | "-h" => HELP.to_string(),
        "data-info" => data_info(&mut args)?,
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
