//! The update/weight ratio ‖ΔW‖/‖W‖ of seed 002 ("somewhere around
//! 0.001"): its healthy band, and what a ratio outside it means for a run
//! whose loss is still falling, flat, or settled after a fall.

use super::{mean, remark, Level, Remark};
use crate::i18n::tr;
use crate::train::trainer::Eval;

/// The healthy band of update/weight ratios: 1e-3 within a factor of 3.
pub const HEALTHY_RATIO: (f64, f64) = (1e-3 / 3.0, 3e-3);

/// How far beyond the band's top a ratio is "far above" (1e-2 and more:
/// the learning rate may be too high); between, a remark without alarm.
const FAR: f64 = 10.0 / 3.0;

/// Whether the loss fell far: its last 20 updates average less than half
/// of its first 20 (a flat or slowly falling loss has not, whatever its
/// last fifth does).
fn fell_far(losses: &[f64]) -> bool {
    losses.len() >= 40 && mean(&losses[losses.len() - 20..]) < 0.5 * mean(&losses[..20])
}

/// Whether the updates are too small for the run: the ratio below the
/// healthy band before the loss fell far (see [`ratio_remark`]).
pub(super) fn too_slow(r: f64, losses: &[f64], last: &Eval) -> bool {
    r < HEALTHY_RATIO.0 && !converged(losses, last)
}

/// Whether the run has converged: its loss fell far and settled, or it
/// fits its training digits.
fn converged(losses: &[f64], last: &Eval) -> bool {
    (fell_far(losses) && settled(losses)) || last.train_acc >= 0.99
}

/// Whether the loss has settled: over the last fifth of the updates it fell
/// by less than 3 %, or it is below 2 % of where it started.
pub(super) fn settled(losses: &[f64]) -> bool {
    let n = losses.len();
    if n < 50 {
        return false;
    }
    let w = (n / 5).max(10);
    let last = mean(&losses[n - w..]);
    let before = mean(&losses[n - 2 * w.min(n / 2)..n - w]);
    let first = mean(&losses[..10]);
    last > 0.97 * before || last < 0.02 * first
}

/// The remark on the update/weight ratio `r` of the latest evaluation.
pub(super) fn ratio_remark(r: f64, losses: &[f64], last: &Eval) -> Remark {
    let (low, high) = HEALTHY_RATIO;
    let band = format!("{low:.1e}–{high:.0e}");
    if r < low && converged(losses, last) {
        remark(Level::Good, tr(
            format!("Update/weight ratio {r:.1e}, below the healthy band {band}: the run has converged and its updates have shrunk."),
            format!("갱신/가중치 비율 {r:.1e}: 건강한 범위 {band}보다 작습니다. 학습이 수렴해서 갱신이 작아졌습니다."),
        ))
    } else if r < low {
        remark(Level::Warn, tr(
            format!("Update/weight ratio {r:.1e}, below the healthy band {band} before the loss has fallen far: the learning rate may be too low."),
            format!("갱신/가중치 비율 {r:.1e}: 손실이 많이 줄기도 전에 건강한 범위 {band}보다 작습니다. 학습률이 너무 낮을 수 있습니다."),
        ))
    } else if r > FAR * high {
        remark(Level::Warn, tr(
            format!("Update/weight ratio {r:.1e}, far above the healthy band {band}: updates are large; the learning rate may be too high."),
            format!("갱신/가중치 비율 {r:.1e}: 건강한 범위 {band}보다 훨씬 큽니다. 갱신이 너무 큽니다. 학습률이 너무 높을 수 있습니다."),
        ))
    } else if r > high {
        remark(Level::Good, tr(
            format!("Update/weight ratio {r:.1e}, a little above the healthy band {band}: large updates, usual early in a run; if the loss turns noisy or rises, lower the learning rate."),
            format!("갱신/가중치 비율 {r:.1e}: 건강한 범위 {band}보다 조금 큽니다. 갱신이 큰 편이며 학습 초기에는 흔합니다. 손실이 들쭉날쭉하거나 오르면 학습률을 낮추세요."),
        ))
    } else {
        remark(
            Level::Good,
            tr(
                format!("Update/weight ratio {r:.1e}, within the healthy band {band} (≈ 1e-3)."),
                format!("갱신/가중치 비율 {r:.1e}: 건강한 범위 {band}(≈ 1e-3) 안입니다."),
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{eval, falling};
    use super::*;

    #[test]
    fn update_ratio_bands() {
        // The band's edges: 1e-3 within a factor of 3.
        assert!((HEALTHY_RATIO.0 - 3.333e-4).abs() < 1e-7 && HEALTHY_RATIO.1 == 3e-3);
        let learning = falling(400, 0.002); // 2.30 → 1.03, still falling 14 % a fifth
        let converged: Vec<f64> = (0..400)
            .map(|i| if i < 100 { 2.3 - 0.02 * i as f64 } else { 0.3 })
            .collect();
        let flat = vec![2.33; 200];
        let slow = falling(200, 0.0004); // 2.30 → 2.13, settled by the last-fifth test
        assert!(settled(&flat) && settled(&slow) && !fell_far(&slow));
        let cases = [
            // (ratio, losses, train accuracy, level, words)
            (1e-3, &learning, 0.8, Level::Good, "within the healthy band"),
            (
                3.4e-4,
                &learning,
                0.8,
                Level::Good,
                "within the healthy band",
            ),
            (
                2.9e-3,
                &learning,
                0.8,
                Level::Good,
                "within the healthy band",
            ),
            (
                3.2e-4,
                &learning,
                0.8,
                Level::Warn,
                "the learning rate may be too low",
            ),
            (
                4.7e-5,
                &learning,
                0.8,
                Level::Warn,
                "the learning rate may be too low",
            ),
            // Flat from the start (step 3's η = 1e-6): settled, but never fell: too low.
            (
                7.7e-8,
                &flat,
                0.11,
                Level::Warn,
                "the learning rate may be too low",
            ),
            // Slowly falling, 2.30 → 2.13: settled by the last fifth, never fell far.
            (
                6.7e-5,
                &slow,
                0.24,
                Level::Warn,
                "the learning rate may be too low",
            ),
            // The book's comparison: Momentum at 4.7e-5 after its loss settled.
            (
                4.7e-5,
                &converged,
                0.97,
                Level::Good,
                "converged and its updates have shrunk",
            ),
            (
                4.7e-5,
                &learning,
                0.995,
                Level::Good,
                "converged and its updates have shrunk",
            ),
            (
                3.1e-3,
                &learning,
                0.8,
                Level::Good,
                "a little above the healthy band",
            ),
            (
                9.9e-3,
                &learning,
                0.8,
                Level::Good,
                "a little above the healthy band",
            ),
            (
                1.01e-2,
                &learning,
                0.8,
                Level::Warn,
                "far above the healthy band",
            ),
            (
                5e-2,
                &converged,
                0.8,
                Level::Warn,
                "the learning rate may be too high",
            ),
        ];
        for (ratio, losses, acc, level, words) in cases {
            let m = ratio_remark(ratio, losses, &eval(acc, acc, ratio));
            assert_eq!(m.level, level, "{ratio}: {}", m.text);
            assert!(m.text.contains(words), "{ratio}: {}", m.text);
            assert!(!m.text.contains("near the healthy"), "{}", m.text);
        }
    }
}
