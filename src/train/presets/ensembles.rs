//! Ensembles (seed 001): K networks trained independently from their own
//! initializations on the same digits, their softmax probabilities
//! averaged; and, from one run, a snapshot ensemble (the network at the end
//! of each warm-restart cycle) and Polyak averaging (a moving average of
//! the weights).

use super::super::config::{Length, TrainConfig};
use super::{Choices, PlannedRun};
use crate::error::Result;
use crate::i18n::tr;
use crate::optim::{Hyper, Kind, Param};
use crate::schedule::Schedule;

/// A small network on 1000 digits, so that members overfit and err
/// differently: 784-100-100-10, Adam η 0.001, batch 100, 30 epochs.
fn member(base: &TrainConfig) -> TrainConfig {
    TrainConfig {
        hidden: vec![100, 100],
        optimizer: Kind::Adam,
        hyper: Hyper::book(Kind::Adam),
        batch: 100,
        length: Length::Epochs(30),
        train_size: Some(1000),
        eval_every: 50,
        ..base.clone()
    }
}

/// K members, each with its own seed (initialization and shuffling).
pub fn members(c: &Choices, base: &TrainConfig) -> Vec<PlannedRun> {
    (0..c.members)
        .map(|k| PlannedRun {
            name: tr(format!("member {}", k + 1), format!("구성원 {}", k + 1)),
            config: TrainConfig {
                seed: base.seed.wrapping_add(1000 * k as u64),
                ..member(base)
            },
            from: None,
        })
        .collect()
}

/// One run with warm restarts (its snapshots averaged) and one with a
/// constant rate and Polyak averaging, on 2000 digits with momentum SGD.
pub fn snapshots(base: &TrainConfig) -> Result<Vec<PlannedRun>> {
    let mut hyper = Hyper::book(Kind::Momentum);
    hyper.set(Param::Lr, 0.05)?;
    let common = TrainConfig {
        hidden: vec![100, 100],
        optimizer: Kind::Momentum,
        hyper,
        batch: 50,
        length: Length::Epochs(20),
        train_size: Some(2000),
        eval_every: 100,
        ..base.clone()
    };
    Ok(vec![
        PlannedRun {
            name: tr("warm restarts, 5 cycles", "웜 리스타트, 5주기").into(),
            config: TrainConfig {
                schedule: Schedule::Restarts {
                    cycles: 5,
                    mult: 1,
                    total: 1,
                },
                ..common.clone()
            },
            from: None,
        },
        PlannedRun {
            name: tr(
                "constant rate, Polyak averaging 0.99",
                "일정한 학습률, 폴리악 평균 0.99",
            )
            .into(),
            config: TrainConfig {
                ema: 0.99,
                ..common
            },
            from: None,
        },
    ])
}
