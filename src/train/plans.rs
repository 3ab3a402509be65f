//! Running an experiment's plan to the end on native threads (the command
//! line and the outcome tests): runs that start from another run's network
//! wait for it, the others run side by side, and an ensemble's members are
//! combined at every evaluation. The page runs the same plans in workers.

use super::ensemble::Ensemble;
use super::presets::Plan;
use super::{Eval, Stop, Trainer};
use crate::data::Digits;
use crate::error::{Error, Result};
use crate::fail;
use crate::i18n::tr;
use crate::nn::mlp::Mlp;
use std::sync::Arc;

/// A run trained to its end.
#[derive(Debug, Clone)]
pub struct Finished {
    /// Its evaluations.
    pub evals: Vec<Eval>,
    /// Its training loss at every update.
    pub losses: Vec<f64>,
    /// Why it stopped.
    pub stopped: Option<Stop>,
    /// Its final network (for runs that start from it).
    pub net: Mlp<f32>,
    /// For an ensemble's member: its test probabilities at each evaluation.
    pub probabilities: Vec<(usize, Vec<f32>)>,
    /// Epochs trained.
    pub epochs: f64,
    /// Seconds it took, evaluations included (the machine's, not the run's:
    /// runs on other threads share the cores).
    pub seconds: f64,
    /// The weights at the start and at each evaluation, when recorded
    /// ([`run_recording`]).
    pub path: Vec<(usize, Vec<f32>)>,
}

/// Trains run `i` of `plan`, from `from` when it starts from another run.
fn run_one(
    plan: &Plan,
    i: usize,
    digits: Arc<Digits>,
    test: Option<usize>,
    from: Option<&Mlp<f32>>,
    record: bool,
) -> Result<Finished> {
    let config = plan.runs[i].config.clone();
    let data = Trainer::data_for(&config, digits, test)?;
    let mut trainer = match from {
        Some(net) => Trainer::from_network(config, data, net)?,
        None => Trainer::new(config, data)?,
    };
    if plan.ensemble {
        trainer.collect_probabilities();
    }
    if record {
        trainer.record_path();
    }
    let mut losses = Vec::new();
    let clock = std::time::Instant::now();
    while trainer.stopped().is_none() {
        losses.extend(trainer.step(100));
    }
    Ok(Finished {
        epochs: trainer.epochs(),
        seconds: clock.elapsed().as_secs_f64(),
        evals: trainer.evals.clone(),
        losses,
        stopped: trainer.stopped().cloned(),
        probabilities: trainer.take_probabilities(),
        net: trainer.net().without_buffers(),
        path: trainer.take_path(),
    })
}

/// Runs `indices` of `plan` on up to `threads` threads.
fn wave(
    plan: &Plan,
    indices: &[usize],
    done: &[Option<Result<Finished>>],
    digits: &Arc<Digits>,
    test: Option<usize>,
    (threads, record): (usize, bool),
) -> Vec<(usize, Result<Finished>)> {
    let threads = threads.min(indices.len()).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let mine: Vec<usize> = indices.iter().copied().skip(t).step_by(threads).collect();
                let digits = digits.clone();
                scope.spawn(move || {
                    mine.into_iter()
                        .map(|i| {
                            let from = match plan.runs[i].from.map(|j| done.get(j)) {
                                None => Ok(None),
                                Some(Some(Some(Ok(out)))) => Ok(Some(&out.net)),
                                Some(_) => Err(Error::new(tr(
                                    "the run this one starts from failed",
                                    "이 실행이 시작하는 실행이 실패했습니다",
                                ))),
                            };
                            let out = from
                                .and_then(|f| run_one(plan, i, digits.clone(), test, f, record));
                            (i, out)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Every run of `plan` trained to its end on `threads` threads, in the
/// plan's order; a run fails alone (and so do the runs that start from it).
pub fn run(
    plan: &Plan,
    digits: &Arc<Digits>,
    test: Option<usize>,
    threads: usize,
) -> Vec<Result<Finished>> {
    run_recording(plan, digits, test, (threads, false))
}

/// [`run`], each run recording its weights at the start and at every
/// evaluation when `record` (for the loss landscape).
pub fn run_recording(
    plan: &Plan,
    digits: &Arc<Digits>,
    test: Option<usize>,
    (threads, record): (usize, bool),
) -> Vec<Result<Finished>> {
    let mut results: Vec<Option<Result<Finished>>> = (0..plan.runs.len()).map(|_| None).collect();
    let mut left: Vec<usize> = (0..plan.runs.len()).collect();
    while !left.is_empty() {
        let (ready, later): (Vec<usize>, Vec<usize>) = left.iter().partition(|&&i| {
            plan.runs[i]
                .from
                .is_none_or(|j| j < i && results[j].is_some())
        });
        if ready.is_empty() {
            break;
        }
        for (i, r) in wave(plan, &ready, &results, digits, test, (threads, record)) {
            results[i] = Some(r);
        }
        left = later;
    }
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(Error::new(tr(
                    "a run of the experiment never started",
                    "실험의 실행 하나가 시작되지 않았습니다",
                )))
            })
        })
        .collect()
}

/// The ensemble of `members` (the finished runs of an ensemble plan),
/// scored on the test digits of `plan`'s first run at every evaluation.
pub fn ensemble(
    plan: &Plan,
    members: &[&Finished],
    digits: &Arc<Digits>,
    test: Option<usize>,
) -> Result<Ensemble> {
    let Some(first) = plan.runs.first() else {
        fail!("The experiment has no runs.", "실험에 실행이 없습니다.");
    };
    let data = Trainer::data_for(&first.config, digits.clone(), test)?;
    let labels: Vec<u8> = data.test.iter().map(|&i| data.digits.label(i)).collect();
    let mut e = Ensemble::new(members.len(), labels);
    for (k, m) in members.iter().enumerate() {
        for (iter, p) in &m.probabilities {
            e.add(k, *iter, p.clone());
        }
    }
    Ok(e)
}
