//! The optimizer lab's whole configuration: surface, runs, setting; its
//! checked setters, and its trajectories as CSV. The text forms of the
//! settings (links, command line) are in [`super::forms`], re-exported here.

use super::presets::Preset;
use super::surface::Surface;
use super::trajectory::{run, RunSpec, Setting, Trajectory};
use crate::error::Result;
use crate::fail;

pub use super::forms::{format_runs, format_schedule, parse_runs, parse_schedule, parse_start};

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
