//! The check of a step of the guided session: what its runs left (their
//! outcomes, as the page sends them back) and whether the step did what
//! the lecture says, in a sentence, with what it hands on to the next.

use super::super::super::search::SearchSpace;
use super::super::Choices;
use super::{COARSE, DECADES, PENALTY};
use crate::error::Result;
use crate::i18n::tr;
use crate::num::num;
use crate::train::{Eval, Stop};

/// What a finished run of a step left: its first loss, its losses' first
/// and last 20 averaged, its last evaluation's training and validation
/// accuracy, and whether it diverged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The first update's loss.
    pub first_loss: f64,
    /// Mean of the first 20 losses.
    pub head: f64,
    /// Mean of the last 20 losses.
    pub tail: f64,
    /// The update at which training accuracy first reached 100 %, if it did.
    pub perfect_at: Option<usize>,
    /// Last training accuracy.
    pub train_acc: f64,
    /// Last validation accuracy (or test, without a validation set).
    pub val_acc: f64,
    /// Whether it diverged.
    pub diverged: bool,
}

impl Outcome {
    /// The outcome as the seven numbers the page sends back (`diverged` as
    /// 0 or 1, `perfect_at` NaN when never).
    pub fn to_numbers(&self) -> [f64; 7] {
        [
            self.first_loss,
            self.head,
            self.tail,
            self.perfect_at.map_or(f64::NAN, |u| u as f64),
            self.train_acc,
            self.val_acc,
            f64::from(u8::from(self.diverged)),
        ]
    }

    /// The outcomes of [`Outcome::to_numbers`], seven numbers each.
    pub fn from_numbers(numbers: &[f64]) -> Vec<Self> {
        numbers
            .chunks_exact(7)
            .map(|n| Outcome {
                first_loss: n[0],
                head: n[1],
                tail: n[2],
                perfect_at: n[3].is_finite().then_some(n[3] as usize),
                train_acc: n[4],
                val_acc: n[5],
                diverged: n[6] != 0.0,
            })
            .collect()
    }

    /// The outcome of a run from its losses, evaluations and stop.
    pub fn of(losses: &[f64], evals: &[Eval], stopped: Option<&Stop>) -> Self {
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let n = losses.len();
        let last = evals.last();
        Outcome {
            first_loss: losses.first().copied().unwrap_or(f64::NAN),
            head: mean(&losses[..n.min(20)]),
            tail: mean(&losses[n.saturating_sub(20)..]),
            perfect_at: evals.iter().find(|e| e.train_acc >= 1.0).map(|e| e.iter),
            train_acc: last.map_or(0.0, |e| e.train_acc),
            val_acc: last.map_or(0.0, |e| e.val_acc.unwrap_or(e.test_acc)),
            diverged: matches!(stopped, Some(Stop::Diverged(_))),
        }
    }
}

/// The check of step `step` on its runs' outcomes: whether it passed, the
/// sentence, and what it hands on (step 4 and 5: the narrowed space; step
/// 5: the best values).
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Whether the step did what it should.
    pub passed: bool,
    /// What happened, in a sentence.
    pub text: String,
    /// The space for the next fine search, when the step gives one.
    pub space: Option<String>,
    /// The best values, when the step gives them.
    pub best: Option<String>,
}

fn check(passed: bool, text: String) -> Check {
    Check {
        passed,
        text,
        space: None,
        best: None,
    }
}

/// Checks step `c.step` given its runs' outcomes (in the order of [`runs`]).
pub fn check_step(c: &Choices, outcomes: &[Outcome]) -> Result<Check> {
    let ln10 = 10f64.ln();
    Ok(match c.step {
        1 => {
            let (plain, penalty) = match outcomes {
                [a, b, ..] => (a.first_loss, b.first_loss),
                _ => (f64::NAN, f64::NAN),
            };
            let near = (plain - ln10).abs() < crate::train::diagnostics::NEAR_LN10;
            let rose = penalty > plain + 0.1;
            let (p, q) = (num(plain), num(penalty));
            match (near, rose) {
                (true, true) => check(true, tr(format!("Step 1 passed: the initial loss is {p} ≈ ln 10 = 2.30, and with λ₂ = {PENALTY} it rose to {q}: good."), format!("1단계 통과: 처음 손실 {p} ≈ ln 10 = 2.30이고, λ₂ = {PENALTY}이면 {q}로 올라갔습니다. 좋습니다."))),
                (false, _) => check(false, tr(format!("Step 1 failed: the initial loss is {p}, far from ln 10 = 2.30: the initial weights or the input scale are too large."), format!("1단계 실패: 처음 손실 {p}이(가) ln 10 = 2.30에서 멉니다. 초기 가중치나 입력 크기가 너무 큽니다."))),
                (true, false) => check(false, tr(format!("Step 1 failed: with λ₂ = {PENALTY} the initial loss is {q}, not above {p}: the penalty is not in the loss."), format!("1단계 실패: λ₂ = {PENALTY}인데 처음 손실이 {q}로 {p}보다 높지 않습니다. 벌칙이 손실에 들어가지 않았습니다."))),
            }
        }
        2 => {
            let o = outcomes.first();
            match o.and_then(|o| o.perfect_at) {
                Some(at) => check(
                    true,
                    tr(
                        format!("Step 2 passed: 100 % on 20 digits after {at} updates."),
                        format!("2단계 통과: {at}회 갱신 후 숫자 20개에서 100 %."),
                    ),
                ),
                None => {
                    let acc = 100.0 * o.map_or(0.0, |o| o.train_acc);
                    check(false, tr(format!("Step 2 failed: only {acc:.0} % on 20 digits after 300 updates; a network that cannot overfit 20 digits has a bug, or too little capacity."), format!("2단계 실패: 300회 갱신 후에도 숫자 20개에서 {acc:.0} %뿐입니다. 숫자 20개에 과적합하지 못하는 신경망에는 버그가 있거나 용량이 너무 작습니다.")))
                }
            }
        }
        3 => {
            let mut parts = Vec::new();
            let (mut flat, mut boom, mut best) = (false, false, None);
            for (&lr, o) in DECADES.iter().zip(outcomes) {
                let eta = num(lr);
                if o.diverged || !o.tail.is_finite() || o.tail > 3.0 * o.first_loss {
                    boom = true;
                    parts.push(tr(
                        format!("η {eta}: exploded (too high)"),
                        format!("η {eta}: 폭발(너무 높음)"),
                    ));
                } else if o.tail > 0.97 * o.head {
                    flat = true;
                    parts.push(tr(
                        format!("η {eta}: flat (too low)"),
                        format!("η {eta}: 그대로(너무 낮음)"),
                    ));
                } else {
                    best = Some(lr);
                    let (h, t) = (num(o.head), num(o.tail));
                    parts.push(tr(
                        format!("η {eta}: falls ({h} → {t})"),
                        format!("η {eta}: 줄어듦({h} → {t})"),
                    ));
                }
            }
            let list = parts.join("; ");
            match best {
                Some(lr) if flat && boom => {
                    let eta = num(lr);
                    check(true, tr(format!("Step 3 passed: the three cases of the lecture. {list}. Start the search around η {eta}."), format!("3단계 통과: 강의의 세 경우. {list}. η {eta} 근처에서 탐색을 시작하세요.")))
                }
                _ => check(
                    false,
                    tr(
                        format!("Step 3 did not show all three cases: {list}."),
                        format!("3단계에서 세 경우가 다 나오지 않았습니다: {list}."),
                    ),
                ),
            }
        }
        4 | 5 | 7 => {
            let space = match c.step {
                4 => SearchSpace::parse(COARSE)?,
                _ => SearchSpace::parse(&c.space)?,
            };
            let (trials, epochs) = if c.step == 4 { (20, 2) } else { (10, 10) };
            let points = space.points(trials, false, c.seed);
            let mut ranked: Vec<(usize, f64)> = outcomes
                .iter()
                .enumerate()
                .filter(|(_, o)| !o.diverged && o.val_acc.is_finite())
                .map(|(i, o)| (i, o.val_acc))
                .collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            let Some(&(top, acc)) = ranked.first() else {
                return Ok(check(
                    false,
                    tr(
                        format!("Step {} failed: no trial finished.", c.step),
                        format!("{}단계 실패: 끝난 시도가 없습니다.", c.step),
                    ),
                ));
            };
            let best_values = &points[top];
            let named: Vec<String> = space
                .dims
                .iter()
                .zip(best_values)
                .map(|(d, v)| {
                    // Three significant digits: what the search can tell apart.
                    let v = format!("{v:.2e}").parse::<f64>().unwrap_or(*v);
                    format!("{}={}", d.key, crate::catalogue::format_real(v))
                })
                .collect();
            let best = named.join(";");
            let five: Vec<Vec<f64>> = ranked
                .iter()
                .take(5)
                .map(|&(i, _)| points[i].clone())
                .collect();
            let narrowed = space.around(&five).text();
            let edge = space
                .edge_remark(best_values)
                .map(|r| format!(" {r}"))
                .unwrap_or_default();
            let pct = 100.0 * acc;
            let step = c.step;
            Check {
                passed: acc > 0.3,
                text: tr(
                    format!("Step {step}: {trials} trials of {epochs} epochs; the best reached {pct:.1} % on the validation digits with {best}. The ranges now: {narrowed}.{edge}"),
                    format!("{step}단계: {epochs}에폭짜리 시도 {trials}개. 가장 좋은 시도는 {best}로 검증 숫자에서 {pct:.1} %. 이제 범위: {narrowed}.{edge}"),
                ),
                space: Some(narrowed),
                best: (step != 4).then_some(best),
            }
        }
        _ => {
            let o = outcomes.first();
            let acc = 100.0 * o.map_or(0.0, |o| o.val_acc);
            check(
                o.is_some_and(|o| !o.diverged && o.val_acc > 0.5),
                tr(
                    format!(
                        "Step 6: trained to the end with {}: {acc:.1} % on the test digits.",
                        c.best
                    ),
                    format!(
                        "6단계: {}로 끝까지 학습했습니다. 테스트 숫자에서 {acc:.1} %.",
                        c.best
                    ),
                ),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::TrainConfig;

    fn outcome(first: f64, head: f64, tail: f64, diverged: bool) -> Outcome {
        Outcome {
            first_loss: first,
            head,
            tail,
            perfect_at: None,
            train_acc: 0.5,
            val_acc: 0.5,
            diverged,
        }
    }

    fn at(step: usize) -> Choices {
        Choices {
            step,
            ..Choices::default()
        }
    }

    #[test]
    fn each_check_says_why_it_fails() {
        let c = check_step(
            &at(1),
            &[outcome(5.0, 5.0, 5.0, false), outcome(6.0, 6.0, 6.0, false)],
        )
        .unwrap();
        assert!(!c.passed && c.text.contains("far from ln 10"), "{}", c.text);
        let c = check_step(
            &at(1),
            &[outcome(2.3, 2.3, 2.3, false), outcome(2.3, 2.3, 2.3, false)],
        )
        .unwrap();
        assert!(
            !c.passed && c.text.contains("penalty is not in the loss"),
            "{}",
            c.text
        );
        let c = check_step(&at(2), &[outcome(2.3, 2.3, 1.0, false)]).unwrap();
        assert!(
            !c.passed && c.text.contains("only 50 % on 20 digits"),
            "{}",
            c.text
        );
        let perfect = Outcome {
            perfect_at: Some(140),
            ..outcome(2.3, 2.3, 0.1, false)
        };
        let c = check_step(&at(2), &[perfect]).unwrap();
        assert_eq!(
            c.text,
            "Step 2 passed: 100 % on 20 digits after 140 updates."
        );
        // Step 3 needs all three cases: here nothing explodes.
        let falls = [
            outcome(2.3, 2.3, 2.3, false),
            outcome(2.3, 2.3, 2.0, false),
            outcome(2.3, 2.0, 0.5, false),
            outcome(2.3, 1.0, 0.4, false),
        ];
        let c = check_step(&at(3), &falls).unwrap();
        assert!(
            !c.passed && c.text.contains("did not show all three"),
            "{}",
            c.text
        );
        let mut three = falls;
        three[3] = outcome(2.3, 9.0, f64::NAN, true);
        let c = check_step(&at(3), &three).unwrap();
        assert!(
            c.passed
                && c.text.contains("η 10: exploded")
                && c.text.ends_with("Start the search around η 0.1."),
            "{}",
            c.text
        );
        // The outcomes travel as seven numbers each.
        let back = Outcome::from_numbers(
            &three
                .iter()
                .flat_map(|o| o.to_numbers())
                .collect::<Vec<_>>(),
        );
        assert_eq!(back.len(), 4);
        assert!(back[3].diverged && back[3].perfect_at.is_none() && back[1] == three[1]);
    }

    #[test]
    fn searches_hand_on_their_ranges_and_best_values() {
        let n = 20;
        let outcomes: Vec<Outcome> = (0..n)
            .map(|i| Outcome {
                val_acc: i as f64 / n as f64,
                ..outcome(2.3, 2.3, 1.0, false)
            })
            .collect();
        let c = check_step(&at(4), &outcomes).unwrap();
        assert!(
            c.passed && c.text.contains("the best reached 95.0 %"),
            "{}",
            c.text
        );
        let space = c.space.unwrap();
        assert!(SearchSpace::parse(&space).is_ok(), "{space}");
        assert_eq!(c.best, None);
        let fine = Choices { space, ..at(5) };
        let c = check_step(&fine, &outcomes[..10]).unwrap();
        let best = c.best.unwrap();
        assert!(best.starts_with("lr=") && best.contains(";l2="), "{best}");
        let mut config = TrainConfig::default();
        config.apply(&best).unwrap();
    }
}
