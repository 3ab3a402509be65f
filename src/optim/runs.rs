//! The optimizer lab's runs as text, in the grammar of sets of settings
//! ([`crate::catalogue::grammar`]): one set per run, head = the optimizer,
//! then its hyperparameters (omitted ones take the book's values) and
//! `show=0` for a run that is kept but not drawn; runs separated by `|`:
//!
//! `sgd;lr=0.95|momentum;lr=0.1;momentum=0.9|adam;lr=0.3;show=0`
//!
//! Links made before this grammar wrote `sgd,lr:0.95;momentum,lr:0.1,alpha:0.9;~adam,lr:0.3`;
//! that form is still read.

use super::lab::MAX_RUNS;
use super::trajectory::RunSpec;
use super::{Kind, Param};
use crate::catalogue::grammar;
use crate::error::{Error, Result};
use crate::fail;
use crate::num::short;

/// The key that hides a run (`show=0`).
pub const SHOW: &str = "show";

/// Reads one run: `adam;lr=0.3;beta1=0.8` (or `optimizer=adam;…`).
pub fn parse_run(text: &str) -> Result<RunSpec> {
    let items = grammar::items(text)?;
    let mut kind = None;
    let mut rest: Vec<(&str, &str)> = Vec::new();
    for item in items {
        match item.key {
            None | Some("optimizer") if kind.is_none() => kind = Some(Kind::from_id(item.value)?),
            key => rest.push((key.unwrap_or(item.value), item.value)),
        }
    }
    let Some(kind) = kind else {
        fail!(
            "Say which optimizer the run uses, as in adam;lr=0.3.",
            "실행이 어떤 옵티마이저를 쓰는지 adam;lr=0.3처럼 쓰세요.",
        );
    };
    run_of(kind, &rest)
}

/// A run of `kind` with the settings `(key, text)` (its hyperparameters, and
/// `show`) changed from the book's.
pub fn run_of(kind: Kind, settings: &[(&str, &str)]) -> Result<RunSpec> {
    let mut run = RunSpec::book(kind);
    for &(key, value) in settings {
        if key == SHOW {
            run.visible = match value {
                "1" => true,
                "0" => false,
                other => fail!(
                    "show is 1 (drawn) or 0 (hidden), got \"{}\".",
                    "show는 1(그리기) 또는 0(숨기기)이어야 하는데 \"{}\"입니다.",
                    short(other)
                ),
            };
            continue;
        }
        let reads = kind.params();
        let Some(p) = Param::from_key(key).filter(|p| reads.contains(p)) else {
            let keys = reads.iter().map(|p| p.key()).collect::<Vec<_>>().join(", ");
            fail!(
                "{} has no setting \"{}\"; its settings are {keys} and show.",
                "{}에는 \"{}\" 설정이 없습니다. 설정은 {keys}, show입니다.",
                kind.label(),
                short(key)
            );
        };
        run.hyper.set_text(p, value)?;
    }
    Ok(run)
}

/// Writes one run in the form [`parse_run`] reads, listing only what differs
/// from the book's values (the learning rate always).
pub fn format_run(run: &RunSpec) -> String {
    let mut items = run.hyper.differences(run.kind);
    if !run.visible {
        items.push((SHOW, "0".into()));
    }
    grammar::write(Some(run.kind.id()), &items)
}

/// Reads the list of runs (1 to [`MAX_RUNS`]).
pub fn parse_runs(text: &str) -> Result<Vec<RunSpec>> {
    let text = legacy(text).unwrap_or_else(|| text.to_string());
    let mut runs = Vec::new();
    for (i, part) in grammar::sets(&text).into_iter().enumerate() {
        let run = parse_run(part).map_err(|e: Error| {
            crate::error!(
                "Optimizer {} (\"{}\"): {}",
                "옵티마이저 {} (\"{}\"): {}",
                i + 1,
                short(part),
                e.message()
            )
        })?;
        runs.push(run);
    }
    if runs.is_empty() {
        fail!(
            "Choose at least one optimizer.",
            "옵티마이저를 하나 이상 고르세요.",
        );
    }
    if runs.len() > MAX_RUNS {
        fail!(
            "At most {MAX_RUNS} optimizers can be compared at once, got {}.",
            "한 번에 최대 {MAX_RUNS}개의 옵티마이저를 비교할 수 있는데 {}개입니다.",
            runs.len()
        );
    }
    Ok(runs)
}

/// Writes runs in the form [`parse_runs`] reads.
pub fn format_runs(runs: &[RunSpec]) -> String {
    grammar::write_list(&runs.iter().map(format_run).collect::<Vec<_>>())
}

/// The older form of runs (`sgd,lr:0.95;~adam,lr:0.3,alpha:0.9`) rewritten
/// in the grammar, or `None` when `text` is not in the older form (it has no
/// `=` and no `|`).
fn legacy(text: &str) -> Option<String> {
    if text.contains('=') || text.contains('|') {
        return None;
    }
    let runs: Vec<String> = text
        .split(';')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|run| {
            let (hidden, body) = match run.strip_prefix('~') {
                Some(rest) => (true, rest),
                None => (false, run),
            };
            let mut fields: Vec<String> = body
                .split(',')
                .map(|f| f.trim().replacen(':', "=", 1))
                .collect();
            if hidden {
                fields.push(format!("{SHOW}=0"));
            }
            fields.join(";")
        })
        .collect();
    Some(grammar::write_list(&runs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::lab::Lab;

    #[test]
    fn runs_round_trip() {
        let text = "sgd;lr=0.95|momentum;lr=0.1;momentum=0.95|adam;lr=0.3;bias-correction=0;show=0";
        let runs = parse_runs(text).unwrap();
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[1].hyper.get(Param::Momentum), 0.95);
        assert!(!runs[2].visible && !runs[2].hyper.flag(Param::BiasCorrection));
        assert_eq!(
            runs[2].hyper.get(Param::Beta2),
            0.999,
            "omitted values are the book's"
        );
        assert_eq!(format_runs(&runs), text);
        assert_eq!(
            parse_runs(&format_runs(&Lab::default().runs)).unwrap(),
            Lab::default().runs
        );
    }

    #[test]
    fn links_in_the_older_form_still_open() {
        // The form of the README's saddle link and of older shared links.
        let old = parse_runs("sgd,lr:0.05;momentum,lr:0.05;adam,lr:0.05").unwrap();
        assert_eq!(
            format_runs(&old),
            "sgd;lr=0.05|momentum;lr=0.05|adam;lr=0.05"
        );
        let old = parse_runs("momentum,lr:0.1,alpha:0.95;~adam,lr:0.3,bias_correction:0").unwrap();
        assert_eq!(old[0].hyper.get(Param::Momentum), 0.95);
        assert!(!old[1].visible && !old[1].hyper.flag(Param::BiasCorrection));
        // Bare optimizers separated by `;`, as the benchmark writes them.
        assert_eq!(parse_runs("sgd;momentum;adam").unwrap().len(), 3);
    }

    #[test]
    fn run_errors_read_well() {
        let msg = |t: &str| parse_runs(t).unwrap_err().to_string();
        assert_eq!(msg("sgd|adm"), "Optimizer 2 (\"adm\"): Unknown optimizer \"adm\"; choose one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adadelta, newton, bfgs, lbfgs.");
        assert_eq!(
            msg("sgd;lr=-1"),
            "Optimizer 1 (\"sgd;lr=-1\"): The learning rate η must be from 1e-6 to 10, got -1."
        );
        assert_eq!(
            msg("sgd;lr=fast"),
            "Optimizer 1 (\"sgd;lr=fast\"): The learning rate η must be a number, got \"fast\"."
        );
        assert_eq!(
            msg("sgd;momentum=0.9"),
            "Optimizer 1 (\"sgd;momentum=0.9\"): SGD has no setting \"momentum\"; its settings are lr and show."
        );
        assert_eq!(msg(""), "Choose at least one optimizer.");
        assert!(msg(&"sgd|".repeat(9)).contains("At most 8"));
        assert!(msg("lr=0.1").contains("Say which optimizer"));
    }
}
