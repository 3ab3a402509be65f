//! The guided tuning session: seed 000's seven steps with seed 002's
//! sanity checks, each step a plan of real runs and a check of what they
//! did, said in a sentence ("Step 2 passed: 100 % on 20 digits after 140
//! updates").
//!
//! 1. The initial loss: ln 10 with small weights, and higher with a strong
//!    weight penalty ("loss went up, good").
//! 2. Overfit a small subset: 100 % on 20 digits.
//! 3. Find a learning rate at which the loss falls: short runs across
//!    decades, flat (too low), exploding (too high), falling.
//! 4. A coarse search: 20 trials of 2 epochs, log-uniform; its check gives
//!    the space around the best five for step 5.
//! 5. A fine search: 10 trials of 10 epochs in that space; its check gives
//!    the best values for step 6, and the space around its best for step 7.
//! 6. Train to the end with the best values.
//! 7. Back to step 5 in the narrowed space (the session's loop).

use super::super::config::{Length, TrainConfig};
use super::super::search::SearchSpace;
use super::super::Stop;
use super::{search_trials, Choices};
use crate::catalogue::Choice;
use crate::error::Result;
use crate::i18n::tr;
use crate::nn::mlp::Decay;
use crate::num::num;
use crate::optim::{Hyper, Kind, Param};

/// The steps, as the choices of the session's `step` setting.
pub const STEPS: [Choice; 7] = [
    Choice {
        id: "1",
        label: ("1. Check the initial loss", "1. 처음 손실 확인"),
    },
    Choice {
        id: "2",
        label: ("2. Overfit 20 digits", "2. 숫자 20개에 과적합"),
    },
    Choice {
        id: "3",
        label: ("3. Find a learning rate", "3. 학습률 찾기"),
    },
    Choice {
        id: "4",
        label: ("4. Coarse search, 2 epochs", "4. 대략 탐색, 2에폭"),
    },
    Choice {
        id: "5",
        label: ("5. Fine search, 10 epochs", "5. 세밀한 탐색, 10에폭"),
    },
    Choice {
        id: "6",
        label: ("6. Train to the end", "6. 끝까지 학습"),
    },
    Choice {
        id: "7",
        label: ("7. Back to step 5, narrowed", "7. 좁혀서 5단계로"),
    },
];

/// The weight penalty of step 1.
pub const PENALTY: f64 = 0.001;
/// Learning rates of step 3, a decade or more apart.
pub const DECADES: [f64; 4] = [1e-6, 1e-3, 1e-1, 10.0];
/// The default space of step 4: wide.
pub const COARSE: &str = "lr=log:1e-4:1;l2=log:1e-7:1e-2";

/// What to look for in step `step`.
pub fn sentence(step: usize) -> &'static str {
    match step {
        1 => tr("Two short runs of the same network. With small random weights the first loss is ln 10 ≈ 2.30 (10 equally likely classes); with a weight penalty λ₂ = 0.001 it must be higher (seed 002: \"loss went up, good\").", "같은 신경망의 짧은 실행 둘. 작은 무작위 가중치이면 처음 손실은 ln 10 ≈ 2.30입니다(10개 클래스가 똑같이 그럴듯함). 가중치 벌칙 λ₂ = 0.001을 주면 더 높아야 합니다(seed 002: \"손실이 올라갔다, 좋다\")."),
        2 => tr("Twenty training digits, no regularization: a network that works must reach 100 % on them (seed 002: \"you must be able to overfit\").", "훈련 숫자 20개, 규제 없음: 제대로 된 신경망이라면 100 %에 이르러야 합니다(seed 002: \"과적합할 수 있어야 한다\")."),
        3 => tr("Short runs at learning rates a decade or more apart: too low, the loss stays flat; too high, it explodes or becomes NaN; in between, it falls. The fastest that falls is where the search starts.", "10배 이상 차이 나는 학습률로 짧게 실행합니다. 너무 낮으면 손실이 그대로이고, 너무 높으면 폭발하거나 NaN이 되고, 그 사이에서 줄어듭니다. 줄어드는 것 가운데 가장 빠른 곳에서 탐색을 시작합니다."),
        4 => tr("The coarse stage: 20 trials of only 2 epochs each, learning rate and weight decay log-uniform over wide ranges, scored on validation digits. The check narrows the ranges to the best five for step 5.", "대략 탐색 단계: 시도 20개를 각각 2에폭만, 학습률과 가중치 감소를 넓은 범위에서 로그 균등하게 뽑아 검증 숫자로 평가합니다. 확인 단계에서 상위 다섯 개로 범위를 좁혀 5단계에 넘깁니다."),
        5 => tr("The fine stage: 10 trials of 10 epochs in the narrowed ranges. The check keeps the best values for step 6.", "세밀한 탐색 단계: 좁힌 범위에서 10에폭씩 시도 10개. 확인 단계에서 가장 좋은 값을 6단계에 넘깁니다."),
        6 => tr("Train to the end with the best values found: 20 epochs on all the training digits, scored on the test digits.", "찾은 가장 좋은 값으로 끝까지 학습합니다: 모든 훈련 숫자로 20에폭, 테스트 숫자로 평가합니다."),
        7 => tr("Back to step 5: the fine search again, in the ranges narrowed around its best trials.", "5단계로 돌아가서: 가장 좋은 시도 주변으로 좁힌 범위에서 세밀한 탐색을 다시 합니다."),
        _ => "",
    }
}

fn sgd(lr: f64) -> Result<Hyper> {
    let mut h = Hyper::book(Kind::Sgd);
    h.set(Param::Lr, lr)?;
    Ok(h)
}

/// The runs of step `c.step`, each named.
pub fn runs(c: &Choices, base: &TrainConfig) -> Result<Vec<(String, TrainConfig)>> {
    let net = TrainConfig {
        hidden: vec![100, 100],
        ..base.clone()
    };
    Ok(match c.step {
        1 => vec![
            (
                tr("no penalty", "벌칙 없음").into(),
                TrainConfig {
                    length: Length::Iterations(20),
                    eval_every: 0,
                    ..net.clone()
                },
            ),
            (
                format!("λ₂ = {PENALTY}"),
                TrainConfig {
                    decay: Decay::l2(PENALTY),
                    length: Length::Iterations(20),
                    eval_every: 0,
                    ..net
                },
            ),
        ],
        2 => vec![(
            tr("20 digits, no regularization", "숫자 20개, 규제 없음").into(),
            TrainConfig {
                train_size: Some(20),
                batch: 20,
                hyper: sgd(0.1)?,
                length: Length::Iterations(300),
                eval_every: 10,
                ..net
            },
        )],
        3 => DECADES
            .iter()
            .map(|&lr| {
                Ok((
                    format!("η = {}", num(lr)),
                    TrainConfig {
                        hyper: sgd(lr)?,
                        train_size: Some(2000),
                        length: Length::Iterations(200),
                        eval_every: 50,
                        ..net.clone()
                    },
                ))
            })
            .collect::<Result<_>>()?,
        4 | 5 | 7 => {
            let (space, trials, epochs) = match c.step {
                4 => (SearchSpace::parse(COARSE)?, 20, 2),
                _ => (SearchSpace::parse(&c.space)?, 10, 10),
            };
            let mut out = search_trials(&space, trials, false, c.seed)?;
            for (_, config) in &mut out {
                config.hidden = vec![100, 100];
                config.length = Length::Epochs(epochs);
            }
            out
        }
        _ => {
            let mut config = TrainConfig {
                length: Length::Epochs(20),
                eval_every: 0,
                ..net
            };
            config.apply(&c.best)?;
            vec![(
                tr(
                    format!("the best values: {}", c.best),
                    format!("가장 좋은 값: {}", c.best),
                ),
                config,
            )]
        }
    })
}

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
    pub fn of(losses: &[f64], evals: &[super::super::Eval], stopped: Option<&Stop>) -> Self {
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
            let near = (plain - ln10).abs() < 0.5;
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
                .map(|(d, v)| format!("{}={}", d.key, num(*v)))
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
