//! The MNIST lab's own settings beyond the training settings: which
//! experiment, its seed, your own run, and the parameters of the transfer
//! and ensemble experiments, read into [`Choices`].

use super::EXPERIMENTS;
use crate::catalogue::{Choice, Domain, Entry};
use crate::error::Result;

/// The two new tasks of transfer learning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Task {
    /// Digits 5–9 as they are.
    #[default]
    Similar,
    /// Digits 5–9 with their pixels in a fixed scrambled order.
    Different,
}

/// The transfer-learning tasks as choices.
pub const TASKS: [Choice; 2] = [
    Choice {
        id: "similar",
        label: ("similar: digits 5–9", "비슷함: 숫자 5–9"),
    },
    Choice {
        id: "different",
        label: (
            "different: digits 5–9, pixels scrambled",
            "다름: 숫자 5–9, 픽셀을 섞음",
        ),
    },
];

/// The MNIST lab's own settings: which experiment, its seed, the settings
/// of "your own run" (a set of training settings), and the parameters of
/// the transfer and ensemble experiments.
pub static SETTINGS: [Entry; 11] = [
    Entry {
        key: "experiment",
        aliases: &[],
        label: ("experiment", "실험"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &EXPERIMENTS,
            default: "optimizer-compare",
        },
        live: false,
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
        live: false,
    },
    Entry {
        key: "run",
        aliases: &[],
        label: ("your own run", "나의 실행"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "",
            max_len: 800,
            choices: &[],
        },
        live: false,
    },
    Entry {
        key: "members",
        aliases: &[],
        label: ("networks in the ensemble", "앙상블의 신경망 수"),
        unit: ("", ""),
        domain: Domain::Whole {
            min: 2,
            max: 10,
            default: Some(5),
            none: None,
        },
        live: false,
    },
    Entry {
        key: "task",
        aliases: &[],
        label: ("new task", "새 과제"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &TASKS,
            default: "similar",
        },
        live: false,
    },
    Entry {
        key: "per-class",
        aliases: &[],
        label: ("labelled examples per class", "클래스마다 레이블 있는 예"),
        unit: ("digits", "개"),
        domain: Domain::Whole {
            min: 1,
            max: 100,
            default: Some(5),
            none: None,
        },
        live: false,
    },
    Entry {
        key: "reuse",
        aliases: &[],
        label: ("pretrained layers reused", "가져올 사전 학습 층"),
        unit: ("of 3 hidden", "은닉층 3개 중"),
        domain: Domain::Whole {
            min: 1,
            max: 3,
            default: Some(3),
            none: None,
        },
        live: false,
    },
    Entry {
        key: "freeze",
        aliases: &[],
        label: ("of them frozen", "그중 고정할 층"),
        unit: ("0 = fine-tune everything", "0 = 전부 미세 조정"),
        domain: Domain::Whole {
            min: 0,
            max: 3,
            default: Some(0),
            none: None,
        },
        live: false,
    },
    Entry {
        key: "step",
        aliases: &[],
        label: ("step of the session", "세션의 단계"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &super::tuning::STEPS,
            default: "1",
        },
        live: false,
    },
    Entry {
        key: "tune-space",
        aliases: &[],
        label: ("ranges of the fine search", "세밀한 탐색의 범위"),
        unit: ("from step 4, or your own", "4단계의 결과, 또는 직접"),
        domain: Domain::Text {
            default: "lr=log:1e-4:1,l2=log:1e-7:1e-2",
            max_len: 200,
            choices: &[],
        },
        live: false,
    },
    Entry {
        key: "tune-best",
        aliases: &[],
        label: ("best values", "가장 좋은 값"),
        unit: ("from step 5, or your own", "5단계의 결과, 또는 직접"),
        domain: Domain::Text {
            default: "lr=0.1,l2=0.0001",
            max_len: 200,
            choices: &[],
        },
        live: false,
    },
];

/// An experiment's settings beyond its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    /// Seeds every run.
    pub seed: u64,
    /// Networks in an ensemble.
    pub members: usize,
    /// Transfer learning's new task.
    pub task: Task,
    /// Its labelled examples per class.
    pub per_class: usize,
    /// Pretrained hidden layers reused.
    pub reuse: usize,
    /// Of them, frozen.
    pub freeze: usize,
    /// The guided session's step (1–7).
    pub step: usize,
    /// The fine search's ranges, as a search space (`;` between ranges).
    pub space: String,
    /// The best values found, as training settings (`;` between them).
    pub best: String,
}

impl Default for Choices {
    fn default() -> Self {
        Self {
            seed: 1,
            members: 5,
            task: Task::Similar,
            per_class: 5,
            reuse: 3,
            freeze: 0,
            step: 1,
            space: "lr=log:1e-4:1;l2=log:1e-7:1e-2".into(),
            best: "lr=0.1;l2=0.0001".into(),
        }
    }
}
impl Choices {
    /// The choices of a set of the lab's settings (`seed=2;members=4;…`;
    /// other keys are left to their readers).
    pub fn parse(text: &str) -> Result<Self> {
        let mut c = Choices::default();
        for item in crate::catalogue::grammar::items(text)? {
            let Some(key) = item.key else { continue };
            let Some(entry) = SETTINGS.iter().find(|e| e.is(key)) else {
                continue;
            };
            let value = entry.parse(item.value)?;
            let count = || value.count().unwrap_or(0);
            match entry.key {
                "seed" => c.seed = count() as u64,
                "members" => c.members = count(),
                "per-class" => c.per_class = count(),
                "reuse" => c.reuse = count(),
                "freeze" => c.freeze = count(),
                "step" => c.step = value.text().parse().unwrap_or(1),
                // Written with `,` between items in a link's set of settings.
                "tune-space" => c.space = value.text().replace(',', ";"),
                "tune-best" => c.best = value.text().replace(',', ";"),
                "task" => {
                    c.task = if value.text() == "different" {
                        Task::Different
                    } else {
                        Task::Similar
                    }
                }
                _ => {}
            }
        }
        Ok(c)
    }
}

/// The settings of [`SETTINGS`] that experiment `id` reads beyond its seed.
pub fn keys_of(id: &str) -> &'static [&'static str] {
    match id {
        "ensemble" => &["members"],
        "transfer-learning" => &["task", "per-class", "reuse", "freeze"],
        "guided-tuning" => &["step", "tune-space", "tune-best"],
        _ => &[],
    }
}
