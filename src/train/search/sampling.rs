//! Where a search's trials go (random, or on a grid, in each dimension's
//! own scale), narrowing a space to its best trials (coarse to fine), and
//! the remark when the best trial lies at the edge of a range.

use super::space::{Dimension, SearchSpace};
use crate::catalogue::Scale;
use crate::i18n::tr;
use crate::rng::Rng;

impl Dimension {
    /// The value at `t` (0 to 1) of the way through the range, in the
    /// dimension's scale; for a list, the `t`-th share of its values.
    pub fn at(&self, t: f64) -> f64 {
        if self.is_list() {
            let n = self.list.len();
            return self.list[((t * n as f64) as usize).min(n - 1)];
        }
        let (lo, hi) = self.range;
        match self.scale {
            Scale::Linear => lo + (hi - lo) * t,
            Scale::OneMinusLog => {
                let (a, b) = ((1.0 - lo).log10(), (1.0 - hi).log10());
                1.0 - 10f64.powf(a + (b - a) * t)
            }
            _ => 10f64.powf(lo.log10() + (hi.log10() - lo.log10()) * t),
        }
    }

    /// Where `v` lies in the range, 0 at the low end to 1 at the high end,
    /// in the dimension's scale (a list: its place in the list).
    pub fn position(&self, v: f64) -> f64 {
        let t = if self.is_list() {
            let i = self.list.iter().position(|&x| x == v).unwrap_or(0);
            i as f64 / (self.list.len().max(2) - 1) as f64
        } else {
            let (lo, hi) = self.range;
            match self.scale {
                Scale::Linear => (v - lo) / (hi - lo),
                Scale::OneMinusLog => {
                    let (a, b) = ((1.0 - lo).log10(), (1.0 - hi).log10());
                    ((1.0 - v).log10() - a) / (b - a)
                }
                _ => (v.log10() - lo.log10()) / (hi.log10() - lo.log10()),
            }
        };
        if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.5
        }
    }
}

/// `v` to 3 significant digits, rounded by `round` (down for a range's
/// low end, up for its high end, so the range still holds its points).
fn round_to_3(v: f64, round: fn(f64) -> f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(2 - v.abs().log10().floor() as i32);
    round(v * scale) / scale
}

impl SearchSpace {
    /// The values of `n` trials, one per dimension each: random (uniform in
    /// each scale; a list's values equally likely), or on a grid of ⌈n^(1/d)⌉
    /// points per dimension (the first `n`).
    pub fn points(&self, n: usize, grid: bool, seed: u64) -> Vec<Vec<f64>> {
        if grid {
            let k = (n as f64)
                .powf(1.0 / self.dims.len() as f64)
                .ceil()
                .max(1.0) as usize;
            let at = |d: &Dimension, i: usize| {
                if d.is_list() {
                    // Spread over the list, its ends included.
                    let m = d.list.len();
                    let j = if k == 1 {
                        m / 2
                    } else {
                        (i * (m - 1) + (k - 1) / 2) / (k - 1)
                    };
                    d.list[j.min(m - 1)]
                } else if k == 1 {
                    d.at(0.5)
                } else {
                    d.at(i as f64 / (k - 1) as f64)
                }
            };
            (0..k.pow(self.dims.len() as u32))
                .take(n)
                .map(|i| {
                    self.dims
                        .iter()
                        .enumerate()
                        .map(|(j, d)| at(d, (i / k.pow(j as u32)) % k))
                        .collect()
                })
                .collect()
        } else {
            let mut rng = Rng::seeded(seed ^ 0x5eed);
            (0..n)
                .map(|_| self.dims.iter().map(|d| d.at(rng.uniform())).collect())
                .collect()
        }
    }

    /// The smallest space holding `points` (coarse → fine: narrow to the
    /// best); a list keeps the values the points use.
    pub fn around(&self, points: &[Vec<f64>]) -> Self {
        let dims = self
            .dims
            .iter()
            .enumerate()
            .map(|(j, d)| {
                let values: Vec<f64> = points.iter().filter_map(|p| p.get(j).copied()).collect();
                if values.is_empty() {
                    return d.clone();
                }
                if d.is_list() {
                    let kept: Vec<f64> = d
                        .list
                        .iter()
                        .copied()
                        .filter(|v| values.contains(v))
                        .collect();
                    let (lo, hi) = (kept[0], kept[kept.len() - 1]);
                    return Dimension {
                        range: (lo, hi),
                        list: kept.into(),
                        ..d.clone()
                    };
                }
                let (lo, hi) = values
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                        (a.min(v), b.max(v))
                    });
                // A log range narrower than 10^0.2 is widened to it.
                let range = match d.scale {
                    Scale::Log if hi.log10() - lo.log10() < 0.2 => {
                        (lo / 10f64.powf(0.1), hi * 10f64.powf(0.1))
                    }
                    Scale::OneMinusLog if (1.0 - lo).log10() - (1.0 - hi).log10() < 0.2 => (
                        1.0 - (1.0 - lo) * 10f64.powf(0.1),
                        (1.0 - (1.0 - hi) / 10f64.powf(0.1)).min(0.9999),
                    ),
                    _ => (lo, hi),
                };
                // Ends to 3 digits (not on the 1 − 10^r scale, where 0.99987 would round to 1).
                let range = match d.scale {
                    Scale::OneMinusLog => range,
                    _ => (
                        round_to_3(range.0, f64::floor),
                        round_to_3(range.1, f64::ceil),
                    ),
                };
                Dimension { range, ..d.clone() }
            })
            .collect();
        Self { dims }
    }

    /// Where `best` (one value per dimension) lies within each range, from 0
    /// at the low end to 1 at the high end, in each dimension's scale.
    pub fn positions(&self, best: &[f64]) -> Vec<f64> {
        self.dims
            .iter()
            .zip(best)
            .map(|(d, &v)| d.position(v))
            .collect()
    }

    /// The assistant's remark on a search whose best trial has the values
    /// `best`: for each dimension where it lies in the outer tenth of its
    /// range (a list: its first or last value), which end, and that the
    /// range should be widened there (the best may lie beyond it). `None`
    /// when it lies inside every range.
    pub fn edge_remark(&self, best: &[f64]) -> Option<String> {
        let ends: Vec<String> = self
            .dims
            .iter()
            .zip(self.positions(best))
            .filter(|(d, _)| !d.is_list() || d.list.len() > 2)
            .filter_map(|(d, t)| {
                let label = d.label();
                if t <= 0.1 {
                    Some(tr(
                        format!("{label} at its low end"),
                        format!("{label}은(는) 아래쪽 끝"),
                    ))
                } else if t >= 0.9 {
                    Some(tr(
                        format!("{label} at its high end"),
                        format!("{label}은(는) 위쪽 끝"),
                    ))
                } else {
                    None
                }
            })
            .collect();
        if ends.is_empty() {
            return None;
        }
        let ends = ends.join(", ");
        Some(tr(
            format!("The best trial lies at the edge of the range ({ends}): widen the range there, the best value may lie beyond it."),
            format!("가장 좋은 시도가 범위의 끝에 있습니다({ends}). 그쪽으로 범위를 넓히세요. 가장 좋은 값이 범위 밖에 있을 수 있습니다."),
        ))
    }
}
