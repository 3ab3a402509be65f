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
//! - cosine with warm restarts (SGDR, Loshchilov & Hutter, cited in seed 000):
//!   the run is cut into cycles, the i-th `mult`ⁱ times as long as the first;
//!   in each, α₀ (1 + cos(π t_cur / T_i)) / 2, then back up to α₀. Each
//!   cycle ends at a low rate, where a snapshot ensemble takes its members.
//!
//! Written as text (links, sets of settings, the command line): `constant`,
//! `step:EVERY:FACTOR` (`step` alone is `step:30:0.1`; `EVERY` in epochs
//! when written `30ep`, as the lecture's "×0.9 every 30 epochs" is
//! `step:30ep:0.9`), `cosine`, `linear`,
//! `inverse-sqrt`, `restarts:CYCLES:MULT` (`restarts` alone is
//! `restarts:4:1`); cosine, linear and restarts span the whole run.

use crate::catalogue::Choice;
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;
use crate::num::{self, num};

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
    /// Multiply by `factor` every `every` epochs of `per_epoch` updates.
    StepEpochs {
        /// Epochs between drops.
        every: usize,
        /// Multiplier at each drop, in (0, 1].
        factor: f64,
        /// Updates in an epoch (1 until the run's data is known: one update
        /// of full-batch descent, as in the optimizer lab, is one epoch).
        per_epoch: usize,
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
    /// Cosine with warm restarts: `cycles` cycles over `total` updates, each
    /// `mult` times as long as the one before.
    Restarts {
        /// How many cycles.
        cycles: usize,
        /// Each cycle's length over the one before (1: equal cycles).
        mult: usize,
        /// T, the number of updates in all.
        total: usize,
    },
}

impl Schedule {
    /// The schedules as a menu's choices; the ids are the names used on
    /// the command line and in links.
    pub const CHOICES: [Choice; 6] = [
        Choice {
            id: "constant",
            label: ("Constant", "일정"),
        },
        Choice {
            id: "step",
            label: (
                "Step decay (×factor every k steps)",
                "계단식 감소(k스텝마다 ×배율)",
            ),
        },
        Choice {
            id: "cosine",
            label: ("Cosine", "코사인"),
        },
        Choice {
            id: "linear",
            label: ("Linear", "선형"),
        },
        Choice {
            id: "inverse-sqrt",
            label: ("Inverse square root", "역제곱근"),
        },
        Choice {
            id: "restarts",
            label: (
                "Cosine with warm restarts (SGDR)",
                "웜 리스타트 코사인(SGDR)",
            ),
        },
    ];

    /// Reads a schedule's text form (see the module's documentation); cosine
    /// and linear span `total` updates (the run's length).
    pub fn parse(text: &str, total: usize) -> Result<Self> {
        let mut parts = text.trim().split(':');
        let name = parts.next().unwrap_or("").trim();
        if name == "restarts" {
            let cycles = match parts.next() {
                Some(t) => num::whole(t, tr("number of cycles", "주기 수"))?,
                None => 4,
            };
            let mult = match parts.next() {
                Some(t) => num::whole(t, tr("cycle growth", "주기 증가 배수"))?,
                None => 1,
            };
            if parts.next().is_some() {
                fail!(
                    "The schedule \"{}\" has too many parts; write for example restarts:4:2.",
                    "스케줄 \"{}\"의 부분이 너무 많습니다. 예를 들어 restarts:4:2처럼 쓰세요.",
                    num::short(text.trim())
                );
            }
            if !(1..=20).contains(&cycles) || !(1..=4).contains(&mult) {
                fail!(
                    "Warm restarts need 1 to 20 cycles, each 1 to 4 times as long as the last, got {cycles} and {mult}.",
                    "웜 리스타트의 주기는 1~20개, 각 주기는 앞 주기의 1~4배여야 하는데 {cycles}와 {mult}입니다.",
                );
            }
            let s = Schedule::Restarts {
                cycles: cycles as usize,
                mult: mult as usize,
                total: total.max(1),
            };
            s.validate()?;
            return Ok(s);
        }
        let mut epochs = false;
        let (every, factor) = if name == "step" {
            let every = match parts.next() {
                Some(t) => {
                    let t = t.trim();
                    let count = match t.strip_suffix("epochs").or_else(|| t.strip_suffix("ep")) {
                        Some(n) => {
                            epochs = true;
                            n
                        }
                        None => t,
                    };
                    num::whole(
                        count,
                        tr("step schedule's interval", "계단식 스케줄의 간격"),
                    )?
                }
                None => 30,
            };
            let factor = match parts.next() {
                Some(t) => num::parse(t, tr("step schedule's factor", "계단식 스케줄의 배율"))?,
                None => 0.1,
            };
            if !(1..=1_000_000_000).contains(&every) {
                fail!("The step schedule must drop the rate every 1 to 1000000000 updates, got {every}.","계단식 스케줄은 1~1000000000회의 갱신마다 학습률을 낮춰야 하는데 {every}입니다.",);
            }
            (every as usize, factor)
        } else {
            (30, 0.1)
        };
        if parts.next().is_some() {
            fail!(
                "The schedule \"{}\" has too many parts; write for example step:30:0.1 or cosine.",
                "스케줄 \"{}\"의 부분이 너무 많습니다. 예를 들어 step:30:0.1 또는 cosine처럼 쓰세요.",
                num::short(text.trim())
            );
        }
        if epochs {
            let s = Schedule::StepEpochs {
                every,
                factor,
                per_epoch: 1,
            };
            s.validate()?;
            return Ok(s);
        }
        Schedule::named(name, every, factor, total.max(1))
    }

    /// The text form [`Schedule::parse`] reads.
    pub fn text(&self) -> String {
        match self {
            Schedule::Step { every, factor } => format!("step:{every}:{factor}"),
            Schedule::StepEpochs { every, factor, .. } => format!("step:{every}ep:{factor}"),
            Schedule::Restarts { cycles, mult, .. } => format!("restarts:{cycles}:{mult}"),
            other => other.name().to_string(),
        }
    }

    /// Builds a schedule by name. `every` and `factor` are used by `step`;
    /// `total` by `cosine` and `linear`.
    pub fn named(name: &str, every: usize, factor: f64, total: usize) -> Result<Self> {
        let s = match name {
            "constant" => Schedule::Constant,
            "step" => Schedule::Step { every, factor },
            "cosine" => Schedule::Cosine { total },
            "linear" => Schedule::Linear { total },
            "inverse-sqrt" | "inv-sqrt" => Schedule::InverseSqrt,
            "restarts" | "sgdr" => Schedule::Restarts {
                cycles: 4,
                mult: 1,
                total,
            },
            other => fail!(
                "Unknown schedule \"{}\"; choose one of {}.",
                "\"{}\"은(는) 알 수 없는 스케줄입니다. 다음 중에서 고르세요: {}.",
                num::short(other),
                Self::CHOICES.map(|c| c.id).join(", ")
            ),
        };
        s.validate()?;
        Ok(s)
    }

    /// The schedule's name.
    pub fn name(&self) -> &'static str {
        match self {
            Schedule::Constant => "constant",
            Schedule::Step { .. } | Schedule::StepEpochs { .. } => "step",
            Schedule::Cosine { .. } => "cosine",
            Schedule::Linear { .. } => "linear",
            Schedule::InverseSqrt => "inverse-sqrt",
            Schedule::Restarts { .. } => "restarts",
        }
    }

    /// Checks the parameters, with a sentence for each problem.
    pub fn validate(&self) -> Result<()> {
        match *self {
            Schedule::Step { every, factor } | Schedule::StepEpochs { every, factor, .. } => {
                if every == 0 {
                    fail!(
                        "The step schedule must drop the rate every 1 or more updates, got 0.",
                        "계단식 스케줄은 1회 이상의 갱신마다 학습률을 낮춰야 하는데 0입니다.",
                    );
                }
                if !(factor > 0.0 && factor <= 1.0) {
                    fail!(
                        "The step schedule's factor must be above 0 and at most 1, got {}.",
                        "계단식 스케줄의 배율은 0보다 크고 1 이하여야 하는데 {}입니다.",
                        num(factor)
                    );
                }
            }
            Schedule::Cosine { total }
            | Schedule::Linear { total }
            | Schedule::Restarts { total, .. }
                if total == 0 =>
            {
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
            Schedule::StepEpochs {
                every,
                factor,
                per_epoch,
            } => {
                let span = (every * per_epoch.max(1)).max(1) as f64;
                base * factor.powi((t / span).floor() as i32)
            }
            Schedule::Cosine { total } => {
                let frac = (t / total.max(1) as f64).min(1.0);
                base * 0.5 * (1.0 + (frac * std::f64::consts::PI).cos())
            }
            Schedule::Linear { total } => base * (1.0 - t / total.max(1) as f64).max(0.0),
            Schedule::InverseSqrt => base / (t + 1.0).sqrt(),
            Schedule::Restarts { .. } => {
                let (start, length) = self.cycle_of(t as usize);
                let frac = ((t - start as f64) / length.max(1) as f64).min(1.0);
                base * 0.5 * (1.0 + (frac * std::f64::consts::PI).cos())
            }
        }
    }

    /// The updates at which each cycle of warm restarts ends (the last is
    /// the run's end); empty for the other schedules. A cycle ending at
    /// update `e` means the update after `e` updates restarts at α₀.
    pub fn cycle_ends(&self) -> Vec<usize> {
        let Schedule::Restarts {
            cycles,
            mult,
            total,
        } = *self
        else {
            return Vec::new();
        };
        // Lengths in proportion 1 : m : m² …, rounded so they sum to T.
        let weights: Vec<f64> = (0..cycles).map(|i| (mult as f64).powi(i as i32)).collect();
        let sum: f64 = weights.iter().sum();
        let mut ends = Vec::with_capacity(cycles);
        let mut acc = 0.0;
        for w in &weights {
            acc += w;
            ends.push(((acc / sum) * total as f64).round() as usize);
        }
        if let Some(last) = ends.last_mut() {
            *last = total;
        }
        ends.dedup();
        ends
    }

    /// For warm restarts, the start and length of the cycle that update
    /// number `t` (from 0) belongs to.
    fn cycle_of(&self, t: usize) -> (usize, usize) {
        let mut start = 0;
        for end in self.cycle_ends() {
            if t < end {
                return (start, end - start);
            }
            start = end;
        }
        (start, 1)
    }

    /// The same schedule for a run with `per_epoch` updates in an epoch
    /// (a step decay in epochs counts them).
    pub fn with_epoch(self, per_epoch: usize) -> Self {
        match self {
            Schedule::StepEpochs { every, factor, .. } => Schedule::StepEpochs {
                every,
                factor,
                per_epoch: per_epoch.max(1),
            },
            other => other,
        }
    }

    /// The same schedule over a different total (cosine and linear follow the
    /// run's length).
    pub fn with_total(self, total: usize) -> Self {
        match self {
            Schedule::Cosine { .. } => Schedule::Cosine { total },
            Schedule::Linear { .. } => Schedule::Linear { total },
            Schedule::Restarts { cycles, mult, .. } => Schedule::Restarts {
                cycles,
                mult,
                total,
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_decay_in_epochs() {
        // Seed 000: "30 에폭마다 10%" (×0.9 every 30 epochs). With 50
        // updates an epoch, the rate drops after 1500 updates, and again
        // after 3000.
        let s = Schedule::parse("step:30ep:0.9", 100).unwrap();
        assert_eq!(s.text(), "step:30ep:0.9");
        assert_eq!(Schedule::parse("step:30epochs:0.9", 1).unwrap(), s);
        let s = s.with_epoch(50).with_total(9000);
        let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        close(s.lr_at(0.1, 1499), 0.1);
        close(s.lr_at(0.1, 1500), 0.09);
        close(s.lr_at(0.1, 2999), 0.09);
        close(s.lr_at(0.1, 3000), 0.081);
        // Without a run's data, one update is one epoch (full-batch descent).
        close(
            Schedule::parse("step:2ep:0.5", 1).unwrap().lr_at(1.0, 2),
            0.5,
        );
        assert!(Schedule::parse("step:0ep:0.5", 1).is_err());
        assert!(Schedule::parse("step:xep:0.5", 1).is_err());
        assert!(Schedule::parse("step:3ep:1.5", 1).is_err());
    }

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
                                                         // Warm restarts: 3 cycles over 70 updates, each twice the last:
                                                         // lengths 10, 20, 40 (1 : 2 : 4 of 70).
        let sgdr = Schedule::Restarts {
            cycles: 3,
            mult: 2,
            total: 70,
        };
        assert_eq!(sgdr.cycle_ends(), vec![10, 30, 70]);
        close(sgdr.lr_at(1.0, 0), 1.0);
        close(sgdr.lr_at(1.0, 5), 0.5); // halfway through the first cycle
        close(sgdr.lr_at(1.0, 10), 1.0); // restarted
        close(sgdr.lr_at(1.0, 20), 0.5);
        close(sgdr.lr_at(1.0, 50), 0.5);
        assert!(sgdr.lr_at(1.0, 69) < 0.01);
        assert_eq!(
            Schedule::Cosine { total: 9 }.cycle_ends(),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn text_forms() {
        assert_eq!(
            Schedule::parse("step:10:0.5", 100).unwrap(),
            Schedule::Step {
                every: 10,
                factor: 0.5
            }
        );
        assert_eq!(
            Schedule::parse("step", 100).unwrap(),
            Schedule::Step {
                every: 30,
                factor: 0.1
            }
        );
        assert_eq!(
            Schedule::parse("cosine", 50).unwrap(),
            Schedule::Cosine { total: 50 }
        );
        for text in [
            "step:10:0.5",
            "constant",
            "cosine",
            "linear",
            "inverse-sqrt",
            "restarts:3:2",
        ] {
            assert_eq!(Schedule::parse(text, 9).unwrap().text(), text);
        }
        assert!(Schedule::parse("step:0:0.5", 10)
            .unwrap_err()
            .message()
            .contains("every 1 to 1000000000 updates, got 0"));
        assert!(Schedule::parse("step:-3:0.5", 10)
            .unwrap_err()
            .message()
            .contains("got -3"));
        assert!(Schedule::parse("step:2.5:0.5", 10)
            .unwrap_err()
            .message()
            .contains("whole number"));
        assert_eq!(
            Schedule::parse("restarts", 40).unwrap().cycle_ends(),
            vec![10, 20, 30, 40]
        );
        assert!(Schedule::parse("restarts:0:1", 40)
            .unwrap_err()
            .message()
            .contains("1 to 20 cycles"));
        assert!(Schedule::parse("cosine:3", 10)
            .unwrap_err()
            .message()
            .contains("too many parts"));
        for c in Schedule::CHOICES {
            assert_eq!(Schedule::parse(c.id, 9).unwrap().name(), c.id);
        }
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
