//! Model ensembles (seed 001): several networks' softmax probabilities,
//! averaged, scored on the test digits. The members may be independent
//! networks (each trained from its own initialization) or snapshots of one
//! run at the ends of its warm-restart cycles; the average is scored the
//! same way.
//!
//! An ensemble's cross-entropy is at most the mean of its members' (the
//! loss is convex in the probabilities: Jensen's inequality), and in
//! practice below the best member's when the members err differently.

use super::evaluate::Score;
use std::collections::BTreeMap;

/// Accuracy and mean cross-entropy of `probabilities` (one row of 10 per
/// example, in the order of `labels`).
pub fn score(probabilities: &[f32], labels: &[u8]) -> Score {
    let n = labels.len().min(probabilities.len() / 10);
    if n == 0 {
        return Score {
            accuracy: 0.0,
            loss: f64::NAN,
        };
    }
    let (mut right, mut loss) = (0usize, 0.0);
    for (row, &label) in probabilities.chunks_exact(10).zip(labels) {
        let best = (0..10)
            .max_by(|&a, &b| row[a].total_cmp(&row[b]))
            .unwrap_or(0);
        right += usize::from(best == usize::from(label));
        loss -= f64::from(row[usize::from(label)]).max(1e-12).ln();
    }
    Score {
        accuracy: right as f64 / n as f64,
        loss: loss / n as f64,
    }
}

/// The mean of equally long probability tables.
pub fn average(members: &[&[f32]]) -> Vec<f32> {
    let Some(first) = members.first() else {
        return Vec::new();
    };
    let k = members.len() as f32;
    (0..first.len())
        .map(|i| {
            members
                .iter()
                .map(|m| m.get(i).copied().unwrap_or(0.0))
                .sum::<f32>()
                / k
        })
        .collect()
}

/// An ensemble of `members` runs, scored at every update at which all of
/// them have reported their test probabilities (their evaluations line up:
/// the members differ by seed only).
#[derive(Debug, Clone)]
pub struct Ensemble {
    members: usize,
    labels: Vec<u8>,
    waiting: BTreeMap<usize, Vec<Option<Vec<f32>>>>,
    /// (update, the ensemble's score, each member's score) at every update
    /// scored so far.
    pub scores: Vec<(usize, Score, Vec<Score>)>,
}

impl Ensemble {
    /// An ensemble of `members` networks scored on test digits with labels `labels`.
    pub fn new(members: usize, labels: Vec<u8>) -> Self {
        Self {
            members: members.max(1),
            labels,
            waiting: BTreeMap::new(),
            scores: Vec::new(),
        }
    }

    /// Member `member`'s test probabilities after update `iter`; returns the
    /// ensemble's score at `iter` once every member has given its own.
    pub fn add(&mut self, member: usize, iter: usize, probabilities: Vec<f32>) -> Option<Score> {
        if member >= self.members || probabilities.len() != 10 * self.labels.len() {
            return None;
        }
        let slots = self
            .waiting
            .entry(iter)
            .or_insert_with(|| vec![None; self.members]);
        slots[member] = Some(probabilities);
        if slots.iter().any(Option::is_none) {
            return None;
        }
        let done = self.waiting.remove(&iter)?;
        let tables: Vec<&[f32]> = done.iter().flatten().map(Vec::as_slice).collect();
        let each = tables.iter().map(|t| score(t, &self.labels)).collect();
        let together = score(&average(&tables), &self.labels);
        self.scores.push((iter, together, each));
        Some(together)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_worked_by_hand() {
        // Two examples, labels 0 and 1. Member a is sure and right on the
        // first, wrong on the second; member b the other way round.
        let row = |p: f32, at: usize| -> Vec<f32> {
            (0..10)
                .map(|j| if j == at { p } else { (1.0 - p) / 9.0 })
                .collect()
        };
        let a = [row(0.9, 0), row(0.6, 2)].concat();
        let b = [row(0.6, 3), row(0.9, 1)].concat();
        let labels = [0, 1];
        let sa = score(&a, &labels);
        assert_eq!(sa.accuracy, 0.5);
        // −(ln 0.9 + ln(0.4/9)) / 2.
        assert!((sa.loss - (-(0.9f64.ln() + (0.4f64 / 9.0).ln()) / 2.0)).abs() < 1e-6);
        let mut e = Ensemble::new(2, labels.to_vec());
        assert_eq!(e.add(0, 100, a.clone()), None, "waits for the other member");
        let together = e.add(1, 100, b.clone()).unwrap();
        // Averaged: p(0) on the first is (0.9 + 0.4/9)/2 = 0.472, the top.
        assert_eq!(together.accuracy, 1.0);
        let want = -(((0.9 + 0.4 / 9.0) / 2.0f64).ln() + ((0.4 / 9.0 + 0.9) / 2.0f64).ln()) / 2.0;
        assert!(
            (together.loss - want).abs() < 1e-6,
            "{} vs {want}",
            together.loss
        );
        assert!(
            together.loss <= (sa.loss + score(&b, &labels).loss) / 2.0,
            "Jensen"
        );
        assert_eq!(e.scores.len(), 1);
        assert_eq!(e.scores[0].2.len(), 2);
        assert_eq!(e.add(5, 100, a), None, "no such member");
    }
}
