//! What a run keeps beside its network, to be scored with it (seed 001):
//! Polyak averaging, an exponential moving average of the weights
//! (w̄ ← d·w̄ + (1 − d)·w after every update), and a snapshot ensemble, the
//! network at the end of each warm-restart cycle (`schedule::Schedule::
//! Restarts`), where the learning rate is low, kept as its test
//! probabilities and averaged.

use super::data::Data;
use super::ensemble;
use super::evaluate::{self, Pass, Score};
use crate::nn::mlp::Mlp;

/// A run's moving average and snapshots.
#[derive(Debug, Clone, Default)]
pub struct Averages {
    /// The decay d and the averaged network.
    ema: Option<(f32, Mlp<f32>)>,
    /// Updates at which a cycle ends (a snapshot is taken).
    cycle_ends: Vec<usize>,
    /// Each snapshot's test probabilities (10 per test example).
    snapshots: Vec<Vec<f32>>,
    /// Test probabilities of the network at each evaluation, kept for an
    /// ensemble of runs when asked for.
    pub collect: bool,
    /// (update, probabilities) not yet taken.
    collected: Vec<(usize, Vec<f32>)>,
}

impl Averages {
    /// For a run starting from `net`: a moving average with decay `ema`
    /// (none at 0), snapshots at `cycle_ends`.
    pub fn new(net: &Mlp<f32>, ema: f64, cycle_ends: Vec<usize>) -> Self {
        Self {
            ema: (ema > 0.0).then(|| (ema as f32, net.without_buffers())),
            cycle_ends,
            ..Self::default()
        }
    }

    /// After update number `iter` (counted from 1) of `net`: the average
    /// moves, and at the end of a cycle a snapshot is taken.
    pub fn after_update(&mut self, net: &mut Mlp<f32>, data: &Data, iter: usize) {
        if let Some((d, avg)) = &mut self.ema {
            let d = *d;
            for (a, w) in avg.params.iter_mut().zip(&net.params) {
                for (x, &y) in a.value.as_mut_slice().iter_mut().zip(w.value.as_slice()) {
                    *x = d * *x + (1.0 - d) * y;
                }
            }
        }
        if self.cycle_ends.contains(&iter) {
            self.snapshots
                .push(evaluate::probabilities(net, data, &data.test));
        }
    }

    /// At an evaluation after update `iter`: the moving average's test
    /// score and the snapshot ensemble's (with the number of snapshots),
    /// when kept; and the network's probabilities, when collected.
    pub fn at_evaluation(
        &mut self,
        net: &mut Mlp<f32>,
        data: &Data,
        iter: usize,
    ) -> (Option<Score>, Option<(usize, Score)>) {
        let ema = self.ema.as_mut().map(|(_, avg)| {
            // Batch norm's running averages are the network's own.
            avg.bn.clone_from(&net.bn);
            evaluate::score(avg, data, &data.test, Pass::Eval, 0)
        });
        let labels: Vec<u8> = data.test.iter().map(|&i| data.digits.label(i)).collect();
        let snapshots = (!self.snapshots.is_empty()).then(|| {
            let tables: Vec<&[f32]> = self.snapshots.iter().map(Vec::as_slice).collect();
            (
                tables.len(),
                ensemble::score(&ensemble::average(&tables), &labels),
            )
        });
        if self.collect {
            self.collected
                .push((iter, evaluate::probabilities(net, data, &data.test)));
        }
        (ema, snapshots)
    }

    /// The updates of the probabilities collected and not yet taken.
    pub fn pending(&self) -> impl Iterator<Item = usize> + '_ {
        self.collected.iter().map(|(i, _)| *i)
    }

    /// The probabilities collected since the last call, with their updates.
    pub fn take_collected(&mut self) -> Vec<(usize, Vec<f32>)> {
        std::mem::take(&mut self.collected)
    }
}
