//! What a teaching assistant would say while watching a run (the lecture's
//! "babysitting the learning process"), as sentences.
//!
//! - The first loss should be near ln 10 ≈ 2.30 for 10 classes and small weights.
//! - A loss that barely moves: the learning rate may be too low.
//! - NaN, or a loss above 3× the initial one: too high (the trainer stops).
//! - Update/weight ratios ‖ΔW‖/‖W‖ near 1e-3 are healthy; far below, learning
//!   is slow; far above, unstable.
//! - Training accuracy far above validation (or test) accuracy: overfitting.

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

fn remark(level: Level, text: String) -> Remark {
    Remark { level, text }
}

/// Remarks on a run from its per-update losses, its evaluations and why it stopped.
pub fn diagnose(losses: &[f64], evals: &[Eval], stopped: Option<&Stop>) -> Vec<Remark> {
    let mut out = Vec::new();
    let ln10 = 10f64.ln();
    if let Some(&first) = losses.first() {
        if (first - ln10).abs() < 0.5 {
            out.push(remark(Level::Good, tr(format!("Initial loss {first:.2} ≈ ln 10 = 2.30, as expected for 10 classes with small random weights."), format!("처음 손실 {first:.2} ≈ ln 10 = 2.30: 작은 무작위 가중치와 10개 클래스에서 기대한 값입니다."))));
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
        if !last.update_ratios.is_empty() {
            let r = mean(&last.update_ratios);
            // A converged run's updates shrink by themselves: judge only runs still learning.
            if r < 1e-4 && last.train_acc < 0.99 {
                out.push(remark(Level::Warn, tr(format!("Update/weight ratio {r:.1e} is far below the healthy ≈ 1e-3: learning is slow; try a higher learning rate."), format!("갱신/가중치 비율 {r:.1e}이(가) 건강한 값 ≈ 1e-3보다 훨씬 작습니다. 학습이 느립니다. 학습률을 높여 보세요."))));
            } else if r > 3e-2 {
                out.push(remark(Level::Warn, tr(format!("Update/weight ratio {r:.1e} is far above the healthy ≈ 1e-3: updates are large; try a lower learning rate."), format!("갱신/가중치 비율 {r:.1e}이(가) 건강한 값 ≈ 1e-3보다 훨씬 큽니다. 갱신이 너무 큽니다. 학습률을 낮춰 보세요."))));
            } else {
                out.push(remark(
                    Level::Good,
                    tr(
                        format!("Update/weight ratio {r:.1e}, near the healthy ≈ 1e-3."),
                        format!("갱신/가중치 비율 {r:.1e}: 건강한 값 ≈ 1e-3에 가깝습니다."),
                    ),
                ));
            }
        }
        let (other, name) = match last.val_acc {
            Some(v) => (v, tr("validation", "검증")),
            None => (last.test_acc, tr("test", "테스트")),
        };
        let gap = last.train_acc - other;
        if gap > 0.1 {
            let (train, gap, other) = (100.0 * last.train_acc, 100.0 * gap, 100.0 * other);
            out.push(remark(Level::Warn, tr(
                format!("Training accuracy {train:.1}% is {gap:.1} points above {name} accuracy {other:.1}%: the network is overfitting. Weight decay, dropout, more data or augmentation narrow the gap."),
                format!("훈련 정확도 {train:.1}%가 {name} 정확도 {other:.1}%보다 {gap:.1}포인트 높습니다. 과적합입니다. 가중치 감소, 드롭아웃, 더 많은 데이터나 데이터 증강이 차이를 줄입니다."),
            )));
        }
    }
    if let Some(Stop::EarlyStopped(why)) = stopped {
        out.push(remark(Level::Good, why.clone()));
    }
    out
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(train: f64, test: f64, ratio: f64) -> Eval {
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

    #[test]
    fn says_what_the_lecture_says() {
        let flat: Vec<f64> = vec![2.30; 300];
        let r = diagnose(&flat, &[eval(0.1, 0.1, 1e-5)], None);
        assert_eq!(r[0].level, Level::Good);
        assert!(r
            .iter()
            .any(|m| m.text.contains("learning rate may be too low")));
        assert!(r.iter().any(|m| m.text.contains("far below the healthy")));

        let r = diagnose(&[2.3, 1.0], &[eval(1.0, 0.8, 1e-3)], None);
        assert!(r
            .iter()
            .any(|m| m.text.contains("overfitting") && m.text.contains("20.0 points")));
        assert!(r
            .iter()
            .any(|m| m.level == Level::Good && m.text.contains("near the healthy")));

        let r = diagnose(
            &[50.0],
            &[],
            Some(&Stop::Diverged("Diverged at iteration 3".into())),
        );
        assert_eq!(r[0].level, Level::Warn, "50 is far from ln 10");
        assert_eq!(r[1].level, Level::Bad);
    }
}
