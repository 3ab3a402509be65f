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

mod check;

pub use check::{check_step, Check, Outcome};

use super::super::config::{Length, TrainConfig};
use super::super::search::SearchSpace;
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
