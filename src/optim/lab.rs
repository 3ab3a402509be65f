//! The optimizer lab's whole configuration (surface, runs, shared setting),
//! its catalogue of settings, one checked setter for all of them
//! ([`Lab::set`], as links, the page and the command line give them), and
//! its trajectories as CSV.

use super::presets::Preset;
use super::runs::{format_runs, parse_runs};
use super::surface::Surface;
use super::trajectory::{run, RunSpec, Setting, Trajectory};
use crate::catalogue::{self, Choice, Domain, Entry, Scale};
use crate::error::Result;
use crate::fail;
use crate::num::{self, num};
use crate::schedule::Schedule;

/// At most this many optimizers are compared at once (one per colour).
pub const MAX_RUNS: usize = 8;
/// At most this many updates per run.
pub const MAX_STEPS: usize = 1000;
/// Largest |coordinate| of a start point.
pub const MAX_START: f64 = 1e4;
/// Largest gradient-noise standard deviation.
pub const MAX_NOISE: f64 = 100.0;

/// The side plots under the contour.
pub const SIDE_VIEWS: [Choice; 3] = [
    Choice {
        id: "loss",
        label: ("Loss at each step", "스텝마다의 손실"),
    },
    Choice {
        id: "effective-lr",
        label: ("Effective learning rate", "실제 학습률"),
    },
    Choice {
        id: "schedule",
        label: ("Learning-rate schedule", "학습률 스케줄"),
    },
];

/// The two ways of looking at the surface.
pub const VIEWS: [Choice; 2] = [
    Choice {
        id: "contour",
        label: ("Contour plot (2-D)", "등고선 (2차원)"),
    },
    Choice {
        id: "3d",
        label: ("Surface (3-D)", "곡면 (3차원)"),
    },
];

/// Settings that change only how the lab is drawn, not its runs (the
/// panel and the figure read them; [`Lab::set`] only checks them).
pub const VIEW_ONLY: [&str; 6] = ["side", "axes", "apart", "plot", "yaw", "pitch"];

/// The optimizer lab's settings, in the order the page lists them.
pub static SETTINGS: [Entry; 13] = [
    Entry {
        key: "surface",
        aliases: &[],
        label: ("surface", "곡면"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "bowl",
            max_len: 300,
            choices: &Surface::CHOICES,
        },
        live: true,
    },
    Entry {
        key: "runs",
        aliases: &[],
        label: ("optimizers", "옵티마이저"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "sgd;lr=0.95|momentum;lr=0.1|adagrad;lr=1.5|adam;lr=0.3",
            max_len: 1000,
            choices: &[],
        },
        live: true,
    },
    Entry {
        key: "steps",
        aliases: &[],
        label: ("number of steps", "스텝 수"),
        unit: ("updates", "회"),
        domain: Domain::Whole {
            min: 1,
            max: MAX_STEPS as i64,
            default: Some(29),
            none: None,
        },
        live: true,
    },
    Entry {
        key: "start",
        aliases: &[],
        label: ("start point", "시작점"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "-7,2",
            max_len: 60,
            choices: &[],
        },
        live: true,
    },
    Entry {
        key: "schedule",
        aliases: &[],
        label: ("learning-rate schedule", "학습률 스케줄"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "constant",
            max_len: 40,
            choices: &Schedule::CHOICES,
        },
        live: true,
    },
    Entry {
        key: "noise",
        aliases: &[],
        label: ("gradient noise σ", "기울기 잡음 σ"),
        unit: ("", ""),
        domain: Domain::Real {
            min: 0.0,
            max: MAX_NOISE,
            default: 0.0,
            scale: Scale::LogOrZero(0.01),
            step: 0.05,
        },
        live: true,
    },
    Entry {
        key: "seed",
        aliases: &[],
        label: ("seed", "시드"),
        unit: ("", ""),
        domain: Domain::Whole {
            min: 0,
            max: u32::MAX as i64,
            default: Some(1),
            none: None,
        },
        live: true,
    },
    Entry {
        key: "side",
        aliases: &[],
        label: ("side plot", "보조 그래프"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &SIDE_VIEWS,
            default: "loss",
        },
        live: true,
    },
    Entry {
        key: "axes",
        aliases: &[],
        label: (
            "Hessian's eigenvectors on the plot",
            "그래프 위의 헤세 행렬 고유벡터",
        ),
        unit: ("", ""),
        domain: Domain::Flag { default: false },
        live: true,
    },
    Entry {
        key: "apart",
        aliases: &[],
        label: (
            "optimizer whose update is taken apart",
            "갱신을 분해해서 볼 옵티마이저",
        ),
        unit: ("", ""),
        domain: Domain::Whole {
            min: 1,
            max: MAX_RUNS as i64,
            default: None,
            none: Some("none"),
        },
        live: true,
    },
    Entry {
        key: "plot",
        aliases: &[],
        label: ("view", "보기"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &VIEWS,
            default: "contour",
        },
        live: true,
    },
    Entry {
        key: "yaw",
        aliases: &[],
        label: ("turn of the 3-D view", "3차원 보기의 회전"),
        unit: ("°", "°"),
        domain: Domain::Whole {
            min: -180,
            max: 180,
            default: Some(30),
            none: None,
        },
        live: true,
    },
    Entry {
        key: "pitch",
        aliases: &[],
        label: ("tilt of the 3-D view", "3차원 보기의 기울기"),
        unit: ("°", "°"),
        domain: Domain::Whole {
            min: 0,
            max: 90,
            default: Some(30),
            none: None,
        },
        live: true,
    },
];

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

    /// Sets `key` (a key of [`SETTINGS`]; the [`VIEW_ONLY`] ones are only
    /// checked, since only drawing reads them) from its text; returns the
    /// canonical text.
    /// A refused value changes nothing.
    pub fn set(&mut self, key: &str, text: &str) -> Result<String> {
        let entry = catalogue::lookup(
            &SETTINGS,
            key,
            ("optimizer-lab setting", "옵티마이저 실험실 설정"),
        )?;
        let value = entry.parse(text)?;
        match entry.key {
            "surface" => self.surface = Surface::parse(value.text())?,
            "runs" => self.runs = parse_runs(value.text())?,
            "steps" => self.setting.steps = value.count().unwrap_or(1),
            "start" => self.setting.start = parse_start(value.text())?,
            "schedule" => {
                self.setting.schedule = Schedule::parse(value.text(), self.setting.steps)?;
            }
            "noise" => self.setting.noise = value.number(),
            "seed" => self.setting.seed = value.count().unwrap_or(0) as u64,
            _ => {
                return Ok(entry.format(&value));
            }
        }
        Ok(self.get(entry.key))
    }

    /// The canonical text of setting `key` (see [`SETTINGS`]); "" for the
    /// [`VIEW_ONLY`] ones.
    pub fn get(&self, key: &str) -> String {
        let s = &self.setting;
        match key {
            "surface" => self.surface.id().to_string(),
            "runs" => format_runs(&self.runs),
            "steps" => s.steps.to_string(),
            "start" => format!("{},{}", s.start[0], s.start[1]),
            "schedule" => s.schedule.text(),
            "noise" => catalogue::format_real(s.noise),
            "seed" => s.seed.to_string(),
            _ => String::new(),
        }
    }

    /// Sets the start point.
    pub fn set_start(&mut self, x: f64, y: f64) -> Result<()> {
        self.setting.start = check_start(x, y)?;
        Ok(())
    }
}

/// Checks a start point: each coordinate within ±[`MAX_START`].
pub fn check_start(x: f64, y: f64) -> Result<[f64; 2]> {
    for (name, v) in [("x", x), ("y", y)] {
        if !(v.is_finite() && v.abs() <= MAX_START) {
            fail!(
                "The start's {name} must be a number from -{} to {}, got {}.",
                "시작점의 {name}은(는) -{}~{} 사이의 숫자여야 하는데 {}입니다.",
                num(MAX_START),
                num(MAX_START),
                num(v)
            );
        }
    }
    Ok([x, y])
}

/// Reads a start point `x,y`.
pub fn parse_start(text: &str) -> Result<[f64; 2]> {
    let parts: Vec<&str> = text.split(',').collect();
    let [x, y] = parts[..] else {
        fail!(
            "The start point must be written as x,y (for example -7,2), got \"{}\".",
            "시작점은 x,y 꼴(예: -7,2)로 써야 하는데 \"{}\"입니다.",
            num::short(text.trim())
        );
    };
    check_start(
        num::parse(x, crate::i18n::tr("start's x", "시작점의 x"))?,
        num::parse(y, crate::i18n::tr("start's y", "시작점의 y"))?,
    )
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
    fn setters_validate() {
        let mut lab = Lab::default();
        let msg = |lab: &mut Lab, k: &str, v: &str| lab.set(k, v).unwrap_err().to_string();
        assert_eq!(
            msg(&mut lab, "steps", "0"),
            "The number of steps must be a whole number from 1 to 1000, got 0."
        );
        assert!(msg(&mut lab, "steps", "2.5").contains("got 2.5"));
        assert_eq!(lab.set("steps", "1000").unwrap(), "1000");
        assert_eq!(
            msg(&mut lab, "noise", "-1"),
            "The gradient noise σ must be from 0 to 100, got -1."
        );
        assert_eq!(
            msg(&mut lab, "start", "1e9,0"),
            "The start's x must be a number from -10000 to 10000, got 1e9."
        );
        assert!(msg(&mut lab, "start", "1,2,3").contains("x,y"));
        assert!(msg(&mut lab, "seed", "4294967296").contains("from 0 to 4294967295"));
        assert!(msg(&mut lab, "speed", "3").starts_with("Unknown optimizer-lab setting"));
        assert_eq!(
            lab,
            Lab {
                setting: Setting {
                    steps: 1000,
                    ..Lab::default().setting
                },
                ..Lab::default()
            },
            "refused values change nothing"
        );
    }

    #[test]
    fn every_setting_reads_back_its_default() {
        let mut lab = Lab::default();
        for e in &SETTINGS {
            let default = e.format(&e.default_value());
            assert_eq!(lab.set(e.key, &default).unwrap(), default, "{}", e.key);
            if !VIEW_ONLY.contains(&e.key) {
                assert_eq!(lab.get(e.key), default, "{}", e.key);
            }
        }
        assert_eq!(lab, Lab::default());
        assert_eq!(lab.set("start", " -7, 2").unwrap(), "-7,2");
        assert_eq!(lab.set("surface", "x^2/20+y^2").unwrap(), "x^2/20+y^2");
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
