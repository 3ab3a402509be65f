//! The optimizer lab's whole configuration, and its text forms.
//!
//! Everything a link or the command line carries is text, parsed and checked
//! here with sentences a student can read:
//! - runs: `sgd,lr:0.95;momentum,lr:0.1,alpha:0.9;~adam,lr:0.3` (a `~` hides a
//!   run; omitted hyperparameters take the book's defaults);
//! - schedule: `constant`, `step:30:0.1` (every, factor), `cosine`, `linear`,
//!   `inverse-sqrt`;
//! - start: `-7,2`.

use super::presets::Preset;
use super::surface::Surface;
use super::trajectory::{run, RunSpec, Setting, Trajectory};
use super::{Hyper, Kind};
use crate::error::{Error, Result};
use crate::fail;
use crate::i18n::tr;
use crate::schedule::Schedule;

/// At most this many optimizers are compared at once (one per colour).
pub const MAX_RUNS: usize = 8;
/// At most this many updates per run.
pub const MAX_STEPS: usize = 1000;
/// Largest |coordinate| of a start point.
pub const MAX_START: f64 = 1e4;
/// Largest gradient-noise standard deviation.
pub const MAX_NOISE: f64 = 100.0;

/// A surface, the shared settings and the optimizers to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Lab {
    /// The surface.
    pub surface: Surface,
    /// Start, steps, schedule, noise, seed.
    pub setting: Setting,
    /// The runs, in legend order.
    pub runs: Vec<RunSpec>,
}

impl Default for Lab {
    /// The book's figure.
    fn default() -> Self {
        Lab::from(Preset::named("book").expect("the book preset exists"))
    }
}

impl From<Preset> for Lab {
    fn from(p: Preset) -> Self {
        Lab {
            surface: p.surface,
            setting: p.setting,
            runs: p.runs,
        }
    }
}

impl Lab {
    /// Runs every optimizer.
    pub fn run_all(&self) -> Vec<Trajectory> {
        self.runs
            .iter()
            .map(|r| run(&self.surface, r, &self.setting))
            .collect()
    }

    /// Sets the number of updates, 1 to [`MAX_STEPS`].
    pub fn set_steps(&mut self, steps: f64) -> Result<()> {
        if !(steps.fract() == 0.0 && (1.0..=MAX_STEPS as f64).contains(&steps)) {
            fail!(
                "The number of steps must be a whole number from 1 to {MAX_STEPS}, got {steps}.",
                "스텝 수는 1~{MAX_STEPS}의 정수여야 하는데 {steps}입니다.",
            );
        }
        self.setting.steps = steps as usize;
        Ok(())
    }

    /// Sets the start point.
    pub fn set_start(&mut self, x: f64, y: f64) -> Result<()> {
        for (name, v) in [("x", x), ("y", y)] {
            if !(v.is_finite() && v.abs() <= MAX_START) {
                fail!("The start's {name} must be a number between -{MAX_START} and {MAX_START}, got {v}.","시작점의 {name}은(는) -{MAX_START}~{MAX_START} 사이의 숫자여야 하는데 {v}입니다.",);
            }
        }
        self.setting.start = [x, y];
        Ok(())
    }

    /// Sets the gradient noise's standard deviation.
    pub fn set_noise(&mut self, sigma: f64) -> Result<()> {
        if !(sigma.is_finite() && (0.0..=MAX_NOISE).contains(&sigma)) {
            fail!(
                "The gradient noise must be between 0 and {MAX_NOISE}, got {sigma}.",
                "기울기 잡음은 0~{MAX_NOISE}이어야 하는데 {sigma}입니다.",
            );
        }
        self.setting.noise = sigma;
        Ok(())
    }
}

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

/// The runs as CSV: one row per point of each run.
pub fn to_csv(lab: &Lab, trajectories: &[Trajectory]) -> String {
    let mut out = String::from("optimizer,run,step,x,y,f,lr\n");
    for (i, (spec, t)) in lab.runs.iter().zip(trajectories).enumerate() {
        for (k, (p, v)) in t.points.iter().zip(&t.values).enumerate() {
            let lr = if k == 0 {
                String::new()
            } else {
                t.lrs[k - 1].to_string()
            };
            out.push_str(&format!(
                "{},{},{k},{},{},{v},{lr}\n",
                spec.kind.id(),
                i + 1,
                p[0],
                p[1]
            ));
        }
    }
    out
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

    #[test]
    fn setters_validate() {
        let mut lab = Lab::default();
        assert_eq!(
            lab.set_steps(0.0).unwrap_err().message(),
            "The number of steps must be a whole number from 1 to 1000, got 0."
        );
        assert!(lab.set_steps(2.5).is_err());
        lab.set_steps(1000.0).unwrap();
        assert_eq!(
            lab.set_noise(-1.0).unwrap_err().message(),
            "The gradient noise must be between 0 and 100, got -1."
        );
        assert_eq!(
            lab,
            Lab {
                setting: Setting {
                    steps: 1000,
                    ..Lab::default().setting
                },
                ..Lab::default()
            }
        );
    }

    #[test]
    fn csv_has_a_row_per_point() {
        let lab = Lab::default();
        let csv = to_csv(&lab, &lab.run_all());
        assert_eq!(csv.lines().count(), 1 + 4 * 30);
        assert!(csv
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("sgd,1,0,-7,2,6.45,"));
        assert!(csv.lines().nth(2).unwrap().starts_with("sgd,1,1,-6.335,"));
    }
}
