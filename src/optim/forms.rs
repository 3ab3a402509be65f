//! The text forms of the optimizer lab's settings, as links and the command
//! line carry them, parsed and checked with sentences a student can read:
//! - runs: `sgd,lr:0.95;momentum,lr:0.1,alpha:0.9;~adam,lr:0.3` (a `~` hides a
//!   run; omitted hyperparameters take the book's defaults);
//! - schedule: `constant`, `step:30:0.1` (every, factor), `cosine`, `linear`,
//!   `inverse-sqrt`;
//! - start: `-7,2`.

use super::lab::{Lab, MAX_RUNS};
use super::trajectory::RunSpec;
use super::{Hyper, Kind};
use crate::error::{Error, Result};
use crate::fail;
use crate::i18n::tr;
use crate::schedule::Schedule;

fn number(text: &str, what: &str) -> Result<f64> {
    let v: f64 = text.trim().parse().map_err(|_| {
        crate::error!(
            "{what} must be a number, got \"{text}\".",
            "{what}은(는) 숫자여야 하는데 \"{text}\"입니다."
        )
    })?;
    if !v.is_finite() {
        fail!(
            "{what} must be a finite number, got \"{text}\".",
            "{what}은(는) 유한한 숫자여야 하는데 \"{text}\"입니다.",
        );
    }
    Ok(v)
}

/// Parses a start point `x,y`.
pub fn parse_start(text: &str) -> Result<[f64; 2]> {
    let Some((x, y)) = text.split_once(',') else {
        fail!(
            "The start point must be written as x,y (for example -7,2), got \"{text}\".",
            "시작점은 x,y 꼴(예: -7,2)로 써야 하는데 \"{text}\"입니다.",
        );
    };
    let (x, y) = (
        number(x, tr("The start's x", "시작점의 x"))?,
        number(y, tr("The start's y", "시작점의 y"))?,
    );
    let mut lab = Lab::default();
    lab.set_start(x, y)?;
    Ok([x, y])
}

/// Parses a schedule: `constant`, `step:EVERY:FACTOR`, `cosine`, `linear`,
/// `inverse-sqrt` (cosine and linear span the whole run).
pub fn parse_schedule(text: &str, steps: usize) -> Result<Schedule> {
    let mut parts = text.trim().split(':');
    let name = parts.next().unwrap_or("");
    let (every, factor) = if name == "step" {
        let every = parts.next().map_or(Ok(30.0), |t| {
            number(
                t,
                tr("The step schedule's interval", "계단식 스케줄의 간격"),
            )
        })?;
        let factor = parts.next().map_or(Ok(0.1), |t| {
            number(t, tr("The step schedule's factor", "계단식 스케줄의 배율"))
        })?;
        if every.fract() != 0.0 || !(1.0..=1e9).contains(&every) {
            fail!("The step schedule must drop the rate every whole number of updates (1 or more), got {every}.","계단식 스케줄은 1 이상의 정수 갱신마다 학습률을 낮춰야 하는데 {every}입니다.",);
        }
        (every as usize, factor)
    } else {
        (30, 0.1)
    };
    if parts.next().is_some() {
        fail!(
            "The schedule \"{text}\" has too many parts; write for example step:30:0.1 or cosine.",
        "스케줄 \"{text}\"의 부분이 너무 많습니다. 예를 들어 step:30:0.1 또는 cosine처럼 쓰세요.",);
    }
    Schedule::named(name, every, factor, steps.max(1))
}

/// Writes a schedule in the form [`parse_schedule`] reads.
pub fn format_schedule(s: &Schedule) -> String {
    match s {
        Schedule::Step { every, factor } => format!("step:{every}:{factor}"),
        other => other.name().to_string(),
    }
}

/// Parses the list of runs.
pub fn parse_runs(text: &str) -> Result<Vec<RunSpec>> {
    let mut runs = Vec::new();
    for (i, part) in text
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        let context = |e: Error| {
            crate::error!(
                "Optimizer {} (\"{part}\"): {}",
                "옵티마이저 {} (\"{part}\"): {}",
                i + 1,
                e.message()
            )
        };
        let (visible, body) = match part.strip_prefix('~') {
            Some(rest) => (false, rest),
            None => (true, part),
        };
        let mut fields = body.split(',');
        let kind = Kind::from_id(fields.next().unwrap_or("").trim()).map_err(context)?;
        let mut hyper = Hyper::book(kind);
        for field in fields {
            let Some((name, value)) = field.split_once(':') else {
                return Err(context(crate::error!(
                    "write each setting as name:value, like lr:0.1, not \"{field}\".",
                    "설정은 lr:0.1처럼 이름:값으로 쓰세요. \"{field}\"는 그런 꼴이 아닙니다."
                )));
            };
            let value = number(value, &format!("The value of {}", name.trim())).map_err(context)?;
            hyper.set(name.trim(), value).map_err(context)?;
        }
        runs.push(RunSpec {
            kind,
            hyper,
            visible,
        });
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

/// Writes runs in the form [`parse_runs`] reads, listing only what differs
/// from the book's defaults.
pub fn format_runs(runs: &[RunSpec]) -> String {
    runs.iter()
        .map(|r| {
            let d = Hyper::book(r.kind);
            let h = r.hyper;
            let mut s = format!("{}{}", if r.visible { "" } else { "~" }, r.kind.id());
            let fields = [
                ("lr", h.lr, d.lr),
                ("alpha", h.alpha, d.alpha),
                ("rho", h.rho, d.rho),
                ("beta1", h.beta1, d.beta1),
                ("beta2", h.beta2, d.beta2),
                ("eps", h.eps, d.eps),
                ("damping", h.damping, d.damping),
                (
                    "bias_correction",
                    f64::from(u8::from(h.bias_correction)),
                    f64::from(u8::from(d.bias_correction)),
                ),
            ];
            for (name, v, default) in fields {
                if v != default || name == "lr" {
                    s.push_str(&format!(",{name}:{v}"));
                }
            }
            s
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_round_trip() {
        let text = "sgd,lr:0.95;momentum,lr:0.1,alpha:0.95;~adam,lr:0.3,bias_correction:0";
        let runs = parse_runs(text).unwrap();
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[1].hyper.alpha, 0.95);
        assert!(!runs[2].visible && !runs[2].hyper.bias_correction);
        assert_eq!(runs[2].hyper.beta2, 0.999, "omitted values are the book's");
        assert_eq!(format_runs(&runs), text);
        assert_eq!(
            parse_runs(&format_runs(&Lab::default().runs)).unwrap(),
            Lab::default().runs
        );
    }

    #[test]
    fn run_errors_read_well() {
        let msg = |t: &str| parse_runs(t).unwrap_err().to_string();
        assert_eq!(msg("sgd;adm"), "Optimizer 2 (\"adm\"): Unknown optimizer \"adm\"; choose one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adadelta, newton.");
        assert_eq!(
            msg("sgd,lr:-1"),
            "Optimizer 1 (\"sgd,lr:-1\"): The learning rate must be positive, got -1."
        );
        assert_eq!(msg("sgd,lr=1"), "Optimizer 1 (\"sgd,lr=1\"): write each setting as name:value, like lr:0.1, not \"lr=1\".");
        assert_eq!(
            msg("sgd,lr:fast"),
            "Optimizer 1 (\"sgd,lr:fast\"): The value of lr must be a number, got \"fast\"."
        );
        assert_eq!(msg(""), "Choose at least one optimizer.");
        assert!(msg(&"sgd;".repeat(9)).contains("At most 8"));
    }

    #[test]
    fn schedule_and_start_text() {
        assert_eq!(
            parse_schedule("step:10:0.5", 100).unwrap(),
            Schedule::Step {
                every: 10,
                factor: 0.5
            }
        );
        assert_eq!(
            parse_schedule("step", 100).unwrap(),
            Schedule::Step {
                every: 30,
                factor: 0.1
            }
        );
        assert_eq!(
            parse_schedule("cosine", 50).unwrap(),
            Schedule::Cosine { total: 50 }
        );
        assert_eq!(
            format_schedule(&Schedule::Step {
                every: 10,
                factor: 0.5
            }),
            "step:10:0.5"
        );
        assert!(parse_schedule("step:0:0.5", 10)
            .unwrap_err()
            .message()
            .contains("whole number"));
        assert!(parse_schedule("cosine:3", 10)
            .unwrap_err()
            .message()
            .contains("too many parts"));
        assert_eq!(parse_start(" -7, 2").unwrap(), [-7.0, 2.0]);
        assert_eq!(
            parse_start("7").unwrap_err().message(),
            "The start point must be written as x,y (for example -7,2), got \"7\"."
        );
        assert!(parse_start("1e9,0")
            .unwrap_err()
            .message()
            .contains("between"));
        assert!(parse_start("nan,0").is_err());
    }
}
