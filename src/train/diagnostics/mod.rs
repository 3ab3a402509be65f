//! What a teaching assistant would say while watching a run (the lecture's
//! "babysitting the learning process"), as sentences.
//!
//! - The first loss should be near ln 10 ≈ 2.30 for 10 classes and small weights.
//! - A loss that barely moves: the learning rate may be too low.
//! - NaN, or a loss above 3× the initial one: too high (the trainer stops).
//! - Update/weight ratios ‖ΔW‖/‖W‖ "somewhere around 0.001" (seed 002) are
//!   healthy: the band [`HEALTHY_RATIO`], within ×3 of 1e-3. Below it
//!   before the loss has fallen to half its start, the learning rate may be
//!   too low; below it after the loss fell that far and settled (or once
//!   the training digits fit), the run has converged and its updates shrank;
//!   a little above it, large updates (usual early on); far above it (from
//!   1e-2), the learning rate may be too high.
//! - Training accuracy more than 10 points above validation (or test)
//!   accuracy: overfitting, and whether the gap keeps growing.
//! - No gap at a low accuracy once the loss settled: the model may be too
//!   small, or regularized too hard (unless the updates are too small).
//! - How noisy the loss is around its smoothed curve (the batch size).

mod ratio;

pub use ratio::HEALTHY_RATIO;
use ratio::{ratio_remark, settled, too_slow};

use super::trainer::{Eval, Stop};
use crate::i18n::tr;

/// Severity of a remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// As expected.
    Good,
    /// Worth a look.
    Warn,
    /// Something is wrong.
    Bad,
}

/// A remark about a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Remark {
    /// How serious.
    pub level: Level,
    /// The sentence.
    pub text: String,
}

/// How close to ln 10 an initial loss is "≈ ln 10" (the book's small
/// weights give 2.30–2.40); from [`FAR_FROM_LN10`] it is far.
pub const NEAR_LN10: f64 = 0.2;
/// How far from ln 10 an initial loss is "far": large weights or inputs.
pub const FAR_FROM_LN10: f64 = 0.5;

impl Level {
    /// Its name in the page and the command line's JSON.
    pub fn id(self) -> &'static str {
        match self {
            Level::Good => "good",
            Level::Warn => "warn",
            Level::Bad => "bad",
        }
    }
}

fn remark(level: Level, text: String) -> Remark {
    Remark { level, text }
}

/// Remarks on a run from its per-update losses, its evaluations and why it stopped.
pub fn diagnose(losses: &[f64], evals: &[Eval], stopped: Option<&Stop>) -> Vec<Remark> {
    let mut out = Vec::new();
    let ln10 = 10f64.ln();
    if let Some(&first) = losses.first() {
        let off = (first - ln10).abs();
        if off < NEAR_LN10 {
            out.push(remark(Level::Good, tr(format!("Initial loss {first:.2} ≈ ln 10 = 2.30, as expected for 10 classes with small random weights."), format!("처음 손실 {first:.2} ≈ ln 10 = 2.30: 작은 무작위 가중치와 10개 클래스에서 기대한 값입니다."))));
        } else if off < FAR_FROM_LN10 {
            out.push(remark(Level::Good, tr(format!("Initial loss {first:.2}, a little off ln 10 = 2.30: a weight penalty adds ½λ‖W‖² to it, or the weights start a little large."), format!("처음 손실 {first:.2}: ln 10 = 2.30에서 조금 벗어났습니다. 가중치 벌칙이 ½λ‖W‖²를 더했거나 가중치가 조금 크게 시작했습니다."))));
        } else {
            out.push(remark(Level::Warn, tr(format!("Initial loss {first:.2} is far from ln 10 = 2.30: the initial weights (or the input scale) are too large, or a weight penalty is included."), format!("처음 손실 {first:.2}이(가) ln 10 = 2.30에서 멉니다. 초기 가중치(또는 입력 크기)가 너무 크거나 가중치 벌칙이 포함되어 있습니다."))));
        }
    }
    if let Some(Stop::Diverged(why)) = stopped {
        out.push(remark(Level::Bad, why.clone()));
        return out;
    }
    if losses.len() >= 200 {
        let head = mean(&losses[..20]);
        let tail = mean(&losses[losses.len() - 20..]);
        if tail > 0.97 * head {
            out.push(remark(Level::Warn, tr(format!("The loss barely moves ({head:.3} → {tail:.3}): the learning rate may be too low, or the network cannot learn (check the initialization)."), format!("손실이 거의 줄지 않습니다({head:.3} → {tail:.3}). 학습률이 너무 낮거나 신경망이 학습할 수 없는 상태일 수 있습니다(초기화를 확인하세요)."))));
        }
    }
    if let Some(last) = evals.last() {
        let ratio = (!last.update_ratios.is_empty()).then(|| mean(&last.update_ratios));
        if let Some(r) = ratio {
            out.push(ratio_remark(r, losses, last));
        }
        // Updates too small explain a low accuracy without a gap already.
        let slow = ratio.is_some_and(|r| too_slow(r, losses, last));
        let (other, name) = match last.val_acc {
            Some(v) => (v, tr("validation", "검증")),
            None => (last.test_acc, tr("test", "테스트")),
        };
        let gap = last.train_acc - other;
        let (train, points, other_pct) = (100.0 * last.train_acc, 100.0 * gap, 100.0 * other);
        if gap > 0.1 {
            // Growing: wider now than a third of the run ago.
            let earlier = evals
                .get(evals.len().saturating_sub(1 + evals.len() / 3))
                .filter(|_| evals.len() >= 3);
            let growing = earlier.is_some_and(|e| {
                let o = e.val_acc.unwrap_or(e.test_acc);
                gap > (e.train_acc - o) + 0.02
            });
            let (en, ko) = if growing {
                (" and it keeps growing", ", 그리고 계속 벌어지고 있습니다")
            } else {
                ("", "")
            };
            out.push(remark(Level::Warn, tr(
                format!("Training accuracy {train:.1}% is {points:.1} points above {name} accuracy {other_pct:.1}%{en}: the network is overfitting. Weight decay, dropout, more data or augmentation narrow the gap."),
                format!("훈련 정확도 {train:.1}%가 {name} 정확도 {other_pct:.1}%보다 {points:.1}포인트 높습니다{ko}. 과적합입니다. 가중치 감소, 드롭아웃, 더 많은 데이터나 데이터 증강이 차이를 줄입니다."),
            )));
        } else if gap.abs() < 0.02
            && (0.2..0.9).contains(&last.train_acc)
            && settled(losses)
            && !slow
        {
            out.push(remark(Level::Warn, tr(
                format!("Training and {name} accuracy are both about {train:.1}%, with no gap, and the loss has settled: the model may be too small, or regularized too hard."),
                format!("훈련 정확도와 {name} 정확도가 둘 다 약 {train:.1}%로 차이가 없고 손실도 더 줄지 않습니다. 모델이 너무 작거나 규제가 너무 셀 수 있습니다."),
            )));
        }
    }
    if let Some(noise) = loss_noise(losses) {
        let pct = 100.0 * noise;
        out.push(remark(Level::Good, tr(
            format!("Loss noise: each update's loss is within about ±{pct:.0} % of the smoothed curve (last half of the run); smaller batches are noisier."),
            format!("손실의 잡음: 갱신마다의 손실이 평활 곡선의 약 ±{pct:.0} % 안에 있습니다(실행의 뒤쪽 절반). 배치가 작을수록 잡음이 큽니다."),
        )));
    }
    if let Some(Stop::EarlyStopped(why)) = stopped {
        out.push(remark(Level::Good, why.clone()));
    }
    out
}

/// The noise of a loss curve: how far each update's loss strays from the
/// mean of its two neighbours, relative to the three's mean, as a standard
/// deviation (for independent noise of relative size σ the difference has
/// variance 1.5 σ², so this estimates σ; a curve's smooth fall cancels out),
/// over the last half of at least 100 updates; `None` for a shorter run.
pub fn loss_noise(losses: &[f64]) -> Option<f64> {
    if losses.len() < 100 || losses.iter().any(|l| !l.is_finite()) {
        return None;
    }
    let half = &losses[losses.len() / 2..];
    let rel: Vec<f64> = half
        .windows(3)
        .map(|w| {
            let level = ((w[0] + w[1] + w[2]) / 3.0).max(1e-12);
            (w[1] - 0.5 * (w[0] + w[2])) / level
        })
        .collect();
    Some((rel.iter().map(|r| r * r).sum::<f64>() / (1.5 * rel.len() as f64)).sqrt())
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Runs and evaluations made up for the tests of each remark.
#[cfg(test)]
mod fixtures {
    use super::*;

    pub fn eval(train: f64, test: f64, ratio: f64) -> Eval {
        Eval {
            iter: 100,
            epoch: 1.0,
            train_loss: 0.5,
            train_acc: train,
            val_acc: None,
            val_loss: None,
            test_acc: test,
            test_loss: 0.5,
            train_eval_loss: 0.4,
            train_mode: None,
            ema: None,
            snapshots: None,
            lr: 0.01,
            update_ratios: vec![ratio],
        }
    }

    /// A loss falling from 2.3 by `rate` per update for `n` updates.
    pub fn falling(n: usize, rate: f64) -> Vec<f64> {
        (0..n).map(|i| 2.3 * (1.0 - rate).powi(i as i32)).collect()
    }

    pub fn texts(r: &[Remark]) -> String {
        r.iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{eval, falling, texts};
    use super::*;

    #[test]
    fn loss_noise_is_the_spread_around_the_smoothed_curve() {
        // A constant or steadily falling loss has none; independent noise
        // of 10 % has about 10 %.
        assert!(loss_noise(&[1.0; 200]).unwrap() < 1e-12);
        let falling: Vec<f64> = (0..400).map(|i| 2.3 - 0.004 * i as f64).collect();
        assert!(loss_noise(&falling).unwrap() < 1e-3);
        let mut rng = crate::rng::Rng::seeded(4);
        let zigzag: Vec<f64> = (0..4000)
            .map(|i| (2.3 - 0.0004 * i as f64) * (1.0 + 0.1 * rng.normal()))
            .collect();
        let n = loss_noise(&zigzag).unwrap();
        assert!((n - 0.1).abs() < 0.01, "{n}");
        assert_eq!(loss_noise(&[1.0; 99]), None);
        let t = texts(&diagnose(&zigzag, &[], None));
        assert!(
            t.contains("within about ±10 % of the smoothed curve"),
            "{t}"
        );
    }

    #[test]
    fn the_gap_overfitting_growing_and_none_at_a_low_accuracy() {
        let losses = falling(400, 0.002);
        // A gap above 10 points: overfitting; growing when wider than a third of the run ago.
        let steady = [
            eval(0.9, 0.75, 1e-3),
            eval(0.95, 0.8, 1e-3),
            eval(0.96, 0.81, 1e-3),
        ];
        let t = texts(&diagnose(&losses, &steady, None));
        assert!(
            t.contains("15.0 points above test accuracy 81.0%: the network is overfitting"),
            "{t}"
        );
        let growing = [
            eval(0.85, 0.8, 1e-3),
            eval(0.95, 0.82, 1e-3),
            eval(0.99, 0.8, 1e-3),
        ];
        let t = texts(&diagnose(&losses, &growing, None));
        assert!(
            t.contains("and it keeps growing: the network is overfitting"),
            "{t}"
        );
        let small = [
            eval(0.9, 0.85, 1e-3),
            eval(0.9, 0.85, 1e-3),
            eval(0.9, 0.8, 1e-3),
        ];
        assert!(!texts(&diagnose(&losses, &small, None)).contains("overfitting"));
        // No gap at 60 % once the loss has settled: too small, or too regularized.
        let flat_tail: Vec<f64> = (0..400)
            .map(|i| if i < 200 { 2.3 - 0.005 * i as f64 } else { 1.3 })
            .collect();
        let none = [
            eval(0.6, 0.6, 1e-3),
            eval(0.61, 0.6, 1e-3),
            eval(0.61, 0.605, 1e-3),
        ];
        let t = texts(&diagnose(&flat_tail, &none, None));
        assert!(
            t.contains("may be too small, or regularized too hard"),
            "{t}"
        );
        // Not while the loss still falls, nor at 95 %, nor at chance.
        assert!(!texts(&diagnose(&losses, &none, None)).contains("too small"));
        let high = [eval(0.95, 0.95, 1e-3)];
        assert!(!texts(&diagnose(&flat_tail, &high, None)).contains("too small"));
        let chance = [eval(0.11, 0.11, 1e-3)];
        assert!(!texts(&diagnose(&flat_tail, &chance, None)).contains("too small"));
        // Nor when the updates are too small (step 3's η = 0.001: 24 %, no gap,
        // a slowly falling loss): that is the learning rate's remark.
        let slow = falling(200, 0.0004);
        let at_low_rate = [eval(0.24, 0.24, 6.7e-5)];
        let t = texts(&diagnose(&slow, &at_low_rate, None));
        assert!(
            !t.contains("too small") && t.contains("may be too low"),
            "{t}"
        );
    }

    #[test]
    fn initial_loss_bands() {
        let first = |l: f64| diagnose(&[l], &[], None).remove(0);
        // Within 0.2 of ln 10: as expected; to 0.5: a little off (a penalty); beyond: far.
        for (loss, level, words) in [
            (2.30, Level::Good, "≈ ln 10"),
            (2.49, Level::Good, "≈ ln 10"),
            (2.11, Level::Good, "≈ ln 10"),
            (2.58, Level::Good, "a little off ln 10"),
            (2.79, Level::Good, "a little off ln 10"),
            (2.81, Level::Warn, "far from ln 10"),
            (6.5, Level::Warn, "far from ln 10"),
        ] {
            let r = first(loss);
            assert_eq!(r.level, level, "{loss}: {}", r.text);
            assert!(r.text.contains(words), "{loss}: {}", r.text);
        }
    }

    #[test]
    fn says_what_the_lecture_says() {
        let flat: Vec<f64> = vec![2.30; 300];
        let r = diagnose(&flat, &[eval(0.1, 0.1, 1e-5)], None);
        assert_eq!(r[0].level, Level::Good);
        assert!(r
            .iter()
            .any(|m| m.text.contains("learning rate may be too low")));
        assert!(r.iter().any(|m| m.text.contains("below the healthy band")));

        let r = diagnose(&[2.3, 1.0], &[eval(1.0, 0.8, 1e-3)], None);
        assert!(r
            .iter()
            .any(|m| m.text.contains("overfitting") && m.text.contains("20.0 points")));
        assert!(r
            .iter()
            .any(|m| m.level == Level::Good && m.text.contains("within the healthy band")));

        let r = diagnose(
            &[50.0],
            &[],
            Some(&Stop::Diverged("Diverged at iteration 3".into())),
        );
        assert_eq!(r[0].level, Level::Warn, "50 is far from ln 10");
        assert_eq!(r[1].level, Level::Bad);
    }
}
