//! Transfer learning on digits, as seed 001's table: a network pretrained
//! on one task is reused for a new task with few labels, beside the same
//! network trained from scratch on the same few labels.
//!
//! The pretraining task is every training digit of classes 0–4. The new
//! task is classes 5–9 with N labelled examples each: "similar" as they
//! are, "different" with every image's pixels in one fixed scrambled order
//! (as learnable as before, but the strokes a first layer learned on
//! ordinary digits no longer fit). Accuracy is on the test digits of 5–9.
//!
//! What it shows, measured (tests/train_outcomes.rs): with a fully connected
//! network on digits, the gain is modest, not the large one of ImageNet
//! features. Fine-tuning the pretrained network beats training from scratch
//! on five digits a class by about two points and a clearly lower test loss
//! (0.80 against 0.94); frozen features alone fall a little behind training
//! from scratch, do best from the early layers (seed 001: early layers learn
//! general strokes, later ones the five classes they were trained on), and
//! do worst on the scrambled task.

use super::super::augment::Augment;
use super::super::config::{Length, TrainConfig};
use super::super::selection::{Classes, Selection};
use super::{Choices, PlannedRun, Task};
use crate::error::Result;
use crate::i18n::tr;
use crate::optim::{Hyper, Kind, Param};

/// The hidden layers of the pretrained network.
pub const HIDDEN: [usize; 3] = [100, 100, 100];
/// The seed of the scrambled pixel order of the "different" task: fixed, so
/// that every run of it learns the same task.
pub const PERMUTATION_SEED: u64 = 7;

fn adam(lr: f64) -> Result<Hyper> {
    let mut h = Hyper::book(Kind::Adam);
    h.set(Param::Lr, lr)?;
    Ok(h)
}

/// The three runs: pretraining (0), the reused network (from 0), and the
/// network from scratch.
pub fn plan(c: &Choices, base: &TrainConfig) -> Result<Vec<PlannedRun>> {
    let common = TrainConfig {
        hidden: HIDDEN.to_vec(),
        optimizer: Kind::Adam,
        hyper: adam(0.001)?,
        batch: 100,
        ..base.clone()
    };
    // Shifted, rotated and mixed digits make features that suit more than
    // the five classes they were trained on (measured: without them the
    // pretrained features help digits 5–9 less; see tests/train_outcomes.rs).
    let pretrain = TrainConfig {
        selection: Selection {
            classes: Classes::range(0, 4),
            ..Selection::default()
        },
        augment: Augment {
            shift: true,
            rotate: true,
            cutout: false,
            mixup: true,
        },
        length: Length::Epochs(10),
        eval_every: 0,
        ..common.clone()
    };
    let target = Selection {
        classes: Classes::range(5, 9),
        per_class: Some(c.per_class),
        permute: (c.task == Task::Different).then_some(PERMUTATION_SEED),
    };
    // The new task's examples, in one batch when they are few.
    let batch = (5 * c.per_class).clamp(1, 100);
    let new_task = TrainConfig {
        selection: target,
        batch,
        length: Length::Iterations(300),
        eval_every: 25,
        ..common
    };
    let reuse = c.reuse.clamp(1, HIDDEN.len());
    let freeze = c.freeze.min(reuse);
    // Fine-tuning pretrained layers takes a lower learning rate (seed 001).
    let lr = if freeze < reuse { 0.0003 } else { 0.001 };
    let reused_name = if freeze == reuse {
        tr(
            format!("pretrained: {reuse} layers frozen, a new head"),
            format!("사전 학습: {reuse}층 고정, 새 출력층"),
        )
    } else if freeze == 0 {
        tr(
            format!("pretrained: {reuse} layers fine-tuned, a new head"),
            format!("사전 학습: {reuse}층 미세 조정, 새 출력층"),
        )
    } else {
        tr(
            format!("pretrained: {reuse} layers, {freeze} frozen, a new head"),
            format!("사전 학습: {reuse}층 중 {freeze}층 고정, 새 출력층"),
        )
    };
    let n = 5 * c.per_class;
    Ok(vec![
        PlannedRun {
            name: tr("pretrained on digits 0–4", "숫자 0–4로 사전 학습").into(),
            config: pretrain,
            from: None,
        },
        PlannedRun {
            name: reused_name,
            config: TrainConfig {
                reuse_layers: Some(reuse),
                freeze_layers: freeze,
                hyper: adam(lr)?,
                ..new_task.clone()
            },
            from: Some(0),
        },
        PlannedRun {
            name: tr(
                format!("from scratch on the same {n} digits"),
                format!("같은 숫자 {n}개로 처음부터"),
            ),
            config: new_task,
            from: None,
        },
    ])
}

/// One of seed 001's four cases: a task, an amount of data, and what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    /// The new task.
    pub task: Task,
    /// Labelled examples per class.
    pub per_class: usize,
    /// Pretrained layers reused.
    pub reuse: usize,
    /// Of them, frozen.
    pub freeze: usize,
    /// What seed 001 advises, in English and Korean.
    pub advice: (&'static str, &'static str),
}

/// Seed 001's table, as settings of this preset: similar or different,
/// little or much data.
pub const CASES: [Case; 4] = [
    Case {
        task: Task::Similar,
        per_class: 5,
        reuse: 3,
        freeze: 3,
        advice: (
            "a new head on the frozen network",
            "고정한 신경망 위에 새 출력층만",
        ),
    },
    Case {
        task: Task::Similar,
        per_class: 100,
        reuse: 3,
        freeze: 0,
        advice: ("fine-tune every layer", "모든 층을 미세 조정"),
    },
    Case {
        task: Task::Different,
        per_class: 5,
        reuse: 1,
        freeze: 1,
        advice: (
            "a classifier on an early layer's features",
            "앞쪽 층의 특징 위에 분류기",
        ),
    },
    Case {
        task: Task::Different,
        per_class: 100,
        reuse: 3,
        freeze: 0,
        advice: (
            "fine-tune, starting from the pretrained weights",
            "사전 학습 가중치에서 시작해 미세 조정",
        ),
    },
];
