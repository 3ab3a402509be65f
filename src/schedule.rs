//! Learning-rate schedules, shared by the optimizer lab and the trainer.
//!
//! With base rate α₀, `t` updates already made (the first update has t = 0)
//! and `T` updates in all (seed 000 of the lecture):
//! - constant: α₀
//! - step: α₀ · factor^⌊t / every⌋ (the lecture: ×0.1 every 30 epochs)
//! - cosine: α₀ (1 + cos(tπ/T)) / 2 (Loshchilov & Hutter, SGDR)
//! - linear: α₀ (1 − t/T)
//! - inverse square root: α₀ / √(t + 1) (Vaswani et al.; the lecture's α₀/√t
//!   with t counted from 1)

use crate::error::Result;
use crate::fail;

/// How the learning rate changes over training.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Schedule {
    /// The base rate throughout.
    #[default]
    Constant,
    /// Multiply by `factor` every `every` updates.
    Step {
        /// Updates between drops.
        every: usize,
        /// Multiplier at each drop, in (0, 1].
        factor: f64,
    },
    /// Half a cosine from α₀ down to 0 over `total` updates.
    Cosine {
        /// T, the number of updates in all.
        total: usize,
    },
    /// A straight line from α₀ down to 0 over `total` updates.
    Linear {
        /// T, the number of updates in all.
        total: usize,
    },
    /// α₀ / √(t + 1).
    InverseSqrt,
}

impl Schedule {
    /// The names used on the command line and in links.
    pub const NAMES: [&'static str; 5] = ["constant", "step", "cosine", "linear", "inverse-sqrt"];

    /// Builds a schedule by name. `every` and `factor` are used by `step`;
    /// `total` by `cosine` and `linear`.
    pub fn named(name: &str, every: usize, factor: f64, total: usize) -> Result<Self> {
        let s = match name {
            "constant" => Schedule::Constant,
            "step" => Schedule::Step { every, factor },
            "cosine" => Schedule::Cosine { total },
            "linear" => Schedule::Linear { total },
            "inverse-sqrt" | "inv-sqrt" => Schedule::InverseSqrt,
            other => fail!(
                "Unknown schedule \"{other}\"; choose one of {}.",
                "\"{other}\"은(는) 알 수 없는 스케줄입니다. 다음 중에서 고르세요: {}.",
                Self::NAMES.join(", ")
            ),
        };
        s.validate()?;
        Ok(s)
    }

    /// The schedule's name.
    pub fn name(&self) -> &'static str {
        match self {
            Schedule::Constant => "constant",
            Schedule::Step { .. } => "step",
            Schedule::Cosine { .. } => "cosine",
            Schedule::Linear { .. } => "linear",
            Schedule::InverseSqrt => "inverse-sqrt",
        }
    }

    /// Checks the parameters, with a sentence for each problem.
    pub fn validate(&self) -> Result<()> {
        match *self {
            Schedule::Step { every, factor } => {
                if every == 0 {
                    fail!(
                        "The step schedule must drop the rate every 1 or more updates, got 0.",
                        "계단식 스케줄은 1회 이상의 갱신마다 학습률을 낮춰야 하는데 0입니다.",
                    );
                }
                if !(factor > 0.0 && factor <= 1.0) {
                    fail!(
                        "The step schedule's factor must be above 0 and at most 1, got {factor}.",
                        "계단식 스케줄의 배율은 0보다 크고 1 이하여야 하는데 {factor}입니다.",
                    );
                }
            }
            Schedule::Cosine { total } | Schedule::Linear { total } if total == 0 => {
                fail!(
                    "The {} schedule needs at least 1 update in all, got 0.",
                    "{} 스케줄에는 전체 갱신이 1회 이상 필요한데 0입니다.",
                    self.name()
                );
            }
            _ => {}
        }
        Ok(())
    }

    /// The learning rate for the update after `t` updates, from base rate `base`.
    pub fn lr_at(&self, base: f64, t: usize) -> f64 {
        let t = t as f64;
        match *self {
            Schedule::Constant => base,
            Schedule::Step { every, factor } => {
                base * factor.powi((t / every.max(1) as f64).floor() as i32)
            }
            Schedule::Cosine { total } => {
                let frac = (t / total.max(1) as f64).min(1.0);
                base * 0.5 * (1.0 + (frac * std::f64::consts::PI).cos())
            }
            Schedule::Linear { total } => base * (1.0 - t / total.max(1) as f64).max(0.0),
            Schedule::InverseSqrt => base / (t + 1.0).sqrt(),
        }
    }

    /// The same schedule over a different total (cosine and linear follow the
    /// run's length).
    pub fn with_total(self, total: usize) -> Self {
        match self {
            Schedule::Cosine { .. } => Schedule::Cosine { total },
            Schedule::Linear { .. } => Schedule::Linear { total },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_worked_by_hand() {
        let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        close(Schedule::Constant.lr_at(0.1, 500), 0.1);
        let step = Schedule::Step {
            every: 30,
            factor: 0.1,
        };
        close(step.lr_at(1.0, 29), 1.0);
        close(step.lr_at(1.0, 30), 0.1);
        close(step.lr_at(1.0, 65), 0.01);
        let cos = Schedule::Cosine { total: 100 };
        close(cos.lr_at(2.0, 0), 2.0);
        close(cos.lr_at(2.0, 50), 1.0); // (1 + cos(π/2)) / 2 = 1/2
        close(cos.lr_at(2.0, 100), 0.0);
        close(Schedule::Linear { total: 10 }.lr_at(1.0, 4), 0.6);
        close(Schedule::Linear { total: 10 }.lr_at(1.0, 20), 0.0);
        close(Schedule::InverseSqrt.lr_at(1.0, 3), 0.5); // 1/√4
    }

    #[test]
    fn explains_bad_parameters() {
        assert_eq!(
            Schedule::named("step", 0, 0.5, 10).unwrap_err().message(),
            "The step schedule must drop the rate every 1 or more updates, got 0."
        );
        assert_eq!(
            Schedule::named("step", 3, 1.5, 10).unwrap_err().message(),
            "The step schedule's factor must be above 0 and at most 1, got 1.5."
        );
        assert!(Schedule::named("cosine", 3, 0.5, 0).is_err());
        assert!(Schedule::named("warp", 3, 0.5, 10)
            .unwrap_err()
            .message()
            .starts_with("Unknown schedule \"warp\""));
        assert_eq!(
            Schedule::named("cosine", 1, 1.0, 7).unwrap(),
            Schedule::Cosine { total: 7 }
        );
    }
}
