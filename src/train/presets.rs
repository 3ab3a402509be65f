//! The book's chapter-6 experiments (Deep Learning from Scratch), with its
//! parameters, as named sets of runs.

use super::config::{Length, TrainConfig};
use super::search::SearchSpace;
use crate::catalogue::{Choice, Domain, Entry};
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;
use crate::nn::mlp::{Decay, DropoutStyle};
use crate::nn::Scheme;
use crate::optim::{Hyper, Kind};

/// Every preset's id.
pub const IDS: [&str; 7] = [
    "optimizer-compare",
    "init-compare",
    "batch-norm",
    "overfit-weight-decay",
    "overfit-dropout",
    "dropout-forms",
    "hyperparameter-search",
];

/// The MNIST lab's experiments: the book's presets, then "your own run".
pub const EXPERIMENTS: [Choice; 8] = [
    Choice {
        id: "optimizer-compare",
        label: (
            "Optimizers: SGD, Momentum, AdaGrad, Adam",
            "옵티마이저: SGD, 모멘텀, AdaGrad, Adam",
        ),
    },
    Choice {
        id: "init-compare",
        label: (
            "Initialization: std 0.01, Xavier, He",
            "초기화: std 0.01, Xavier, He",
        ),
    },
    Choice {
        id: "batch-norm",
        label: (
            "Batch norm across 16 weight scales",
            "16가지 가중치 크기에서의 배치 정규화",
        ),
    },
    Choice {
        id: "overfit-weight-decay",
        label: ("Overfitting and weight decay", "과적합과 가중치 감소"),
    },
    Choice {
        id: "overfit-dropout",
        label: ("Overfitting and dropout", "과적합과 드롭아웃"),
    },
    Choice {
        id: "dropout-forms",
        label: (
            "Dropout: the book's form and the inverted form",
            "드롭아웃: 책의 방식과 역 드롭아웃",
        ),
    },
    Choice {
        id: "hyperparameter-search",
        label: ("Random hyperparameter search", "하이퍼파라미터 무작위 탐색"),
    },
    Choice {
        id: "custom",
        label: ("Your own run…", "나의 실행…"),
    },
];

/// The MNIST lab's own settings: which experiment, its seed, and the
/// settings of "your own run" (a set of training settings).
pub static SETTINGS: [Entry; 3] = [
    Entry {
        key: "experiment",
        aliases: &[],
        label: ("experiment", "실험"),
        unit: ("", ""),
        domain: Domain::Choice {
            choices: &EXPERIMENTS,
            default: "optimizer-compare",
        },
        live: false,
    },
    Entry {
        key: "seed",
        aliases: &[],
        label: ("seed", "시드"),
        unit: ("", ""),
        domain: Domain::Whole {
            min: 0,
            max: u32::MAX as i64,
            default: Some(1),
            none: None,
        },
        live: false,
    },
    Entry {
        key: "run",
        aliases: &[],
        label: ("your own run", "나의 실행"),
        unit: ("", ""),
        domain: Domain::Text {
            default: "",
            max_len: 800,
            choices: &[],
        },
        live: false,
    },
];

/// One sentence per preset: what to look for.
pub fn sentence(id: &str) -> &'static str {
    match id {
        "optimizer-compare" => tr("SGD's loss falls slowest; Momentum, AdaGrad and Adam learn faster on the same network.", "SGD의 손실이 가장 느리게 줄고, 같은 신경망에서 모멘텀, AdaGrad, Adam은 더 빨리 학습합니다."),
        "init-compare" => tr("With std 0.01 the network does not learn at all; He learns fastest with ReLU, Xavier a little slower.", "표준편차 0.01이면 신경망이 전혀 학습하지 못합니다. ReLU에서는 He가 가장 빠르고 Xavier는 조금 느립니다."),
        "batch-norm" => tr("Across 16 weight scales, the network with batch norm learns at scales where the plain one is stuck.", "16가지 가중치 크기에서, 배치 정규화를 쓴 신경망은 그냥 신경망이 멈춰 있는 크기에서도 학습합니다."),
        "overfit-weight-decay" => tr("On 300 digits the plain network reaches 100 % training accuracy while test accuracy lags far behind; weight decay narrows the gap.", "숫자 300개로 학습하면 그냥 신경망은 훈련 정확도 100 %에 이르지만 테스트 정확도는 한참 뒤처집니다. 가중치 감소가 그 차이를 줄입니다."),
        "overfit-dropout" => tr("With the book's dropout (ratio 0.2) training accuracy stays far from 100 % and the gap to test accuracy roughly halves, at the price of slower training.", "책의 드롭아웃(비율 0.2)을 쓰면 훈련 정확도가 100 %에 한참 못 미치고 테스트 정확도와의 차이가 대략 절반으로 줄어듭니다. 그 대가로 학습이 느려집니다."),
        "dropout-forms" => tr("Same network, same learning rate, dropout 0.2 in two forms. The book's keeps units without rescaling, so each layer's expected activation, and the gradient through it, is 0.8 of what it would be: over six layers about 0.8⁶ ≈ 0.26. It learns slowly and its gap closes. The inverted form divides by 0.8 while training, keeps the scale, learns almost as fast as no dropout and closes the gap less.", "같은 신경망, 같은 학습률에서 비율 0.2의 드롭아웃을 두 방식으로 씁니다. 책의 방식은 다시 스케일링하지 않으므로 층마다 활성화의 기댓값과 그 층을 지나는 기울기가 0.8배가 됩니다. 여섯 층이면 약 0.8⁶ ≈ 0.26배입니다. 그래서 느리게 배우고 차이가 줄어듭니다. 역 드롭아웃은 학습 중에 0.8로 나누어 크기를 유지하므로 드롭아웃이 없을 때만큼 빨리 배우고 차이는 덜 줄어듭니다."),
        "hyperparameter-search" => tr("Random search in log space: the good learning rates form a band; look at the top trials and narrow the ranges.", "로그 스케일에서의 무작위 탐색: 좋은 학습률은 띠 모양으로 모입니다. 상위 시도를 보고 범위를 좁히세요."),
        "custom" => tr("Change one thing at a time and compare with the book's runs: what does it do to the curves?", "한 번에 하나씩 바꾸고 책의 실행과 비교해 보세요. 곡선이 어떻게 달라지나요?"),
        _ => "",
    }
}

/// SGD with the book's η 0.01.
fn sgd() -> (Kind, Hyper) {
    (Kind::Sgd, Hyper::book(Kind::Sgd))
}

/// The book's overfitting network for dropout: 300 digits, 784-100×6-10,
/// SGD η 0.01, batch 100, 301 epochs (its dropout ratio set by the caller).
fn overfit_dropout(base: &TrainConfig) -> TrainConfig {
    let (optimizer, hyper) = sgd();
    TrainConfig {
        hidden: vec![100; 6],
        optimizer,
        hyper,
        batch: 100,
        length: Length::Epochs(301),
        train_size: Some(300),
        eval_every: 0,
        ..base.clone()
    }
}

/// The runs of preset `id`, each named; `seed` seeds them all.
pub fn runs(id: &str, seed: u64) -> Result<Vec<(String, TrainConfig)>> {
    let base = TrainConfig {
        seed,
        ..TrainConfig::default()
    };
    Ok(match id {
        "optimizer-compare" => [Kind::Sgd, Kind::Momentum, Kind::AdaGrad, Kind::Adam]
            .into_iter()
            .map(|k| {
                (
                    k.label().to_string(),
                    TrainConfig {
                        optimizer: k,
                        hyper: Hyper::book(k),
                        ..base.clone()
                    },
                )
            })
            .collect(),
        "init-compare" => [
            ("std=0.01", Scheme::Std(0.01)),
            ("Xavier", Scheme::Xavier),
            ("He", Scheme::He),
        ]
        .into_iter()
        .map(|(name, init)| {
            (
                name.to_string(),
                TrainConfig {
                    init,
                    ..base.clone()
                },
            )
        })
        .collect(),
        "batch-norm" => {
            let (optimizer, hyper) = sgd();
            let mut out = Vec::new();
            for i in 0..16 {
                // np.logspace(0, -4, num=16)
                let w = 10f64.powf(-4.0 * i as f64 / 15.0);
                for bn in [true, false] {
                    out.push((
                        format!("{} w={w:.2e}", if bn { "BatchNorm" } else { "Normal" }),
                        TrainConfig {
                            hidden: vec![100; 5],
                            init: Scheme::Std(w),
                            batch_norm: bn,
                            optimizer,
                            hyper,
                            batch: 100,
                            length: Length::Epochs(20),
                            train_size: Some(1000),
                            eval_every: 0,
                            ..base.clone()
                        },
                    ));
                }
            }
            out
        }
        "overfit-weight-decay" => {
            let (optimizer, hyper) = sgd();
            [0.0, 0.1]
                .into_iter()
                .map(|lambda| {
                    (
                        format!("λ={lambda}"),
                        TrainConfig {
                            hidden: vec![100; 6],
                            optimizer,
                            hyper,
                            batch: 100,
                            length: Length::Epochs(201),
                            train_size: Some(300),
                            decay: Decay::l2(lambda),
                            eval_every: 0,
                            ..base.clone()
                        },
                    )
                })
                .collect()
        }
        "overfit-dropout" => [0.0, 0.2]
            .into_iter()
            .map(|ratio| {
                (
                    format!("dropout {ratio}"),
                    TrainConfig {
                        dropout: ratio,
                        ..overfit_dropout(&base)
                    },
                )
            })
            .collect(),
        "dropout-forms" => [
            (tr("no dropout", "드롭아웃 없음"), 0.0, DropoutStyle::Book),
            (
                tr("book's dropout 0.2", "책의 드롭아웃 0.2"),
                0.2,
                DropoutStyle::Book,
            ),
            (
                tr("inverted dropout 0.2", "역 드롭아웃 0.2"),
                0.2,
                DropoutStyle::Inverted,
            ),
        ]
        .into_iter()
        .map(|(name, dropout, dropout_style)| {
            (
                name.to_string(),
                TrainConfig {
                    dropout,
                    dropout_style,
                    ..overfit_dropout(&base)
                },
            )
        })
        .collect(),
        "hyperparameter-search" => search_trials(&SearchSpace::default(), 100, false, seed)?,
        other => fail!(
            "Unknown training preset \"{other}\"; choose one of {}.",
            "\"{other}\"은(는) 알 수 없는 학습 프리셋입니다. 다음 중에서 고르세요: {}.",
            IDS.join(", ")
        ),
    })
}

/// The book's search: `n` trials of [`search::book_trial`] at random points
/// of `space` (learning rate and weight decay in log space), named by them.
pub fn search_trials(
    space: &SearchSpace,
    n: usize,
    grid: bool,
    seed: u64,
) -> Result<Vec<(String, TrainConfig)>> {
    space
        .points(n, grid, seed)
        .into_iter()
        .enumerate()
        .map(|(i, values)| {
            let named: Vec<String> = space
                .dims
                .iter()
                .zip(&values)
                .map(|(d, v)| format!("{}={v:.2e}", d.key))
                .collect();
            Ok((
                format!("trial {} {}", i + 1, named.join(" ")),
                space.trial(&values, seed.wrapping_add(i as u64))?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_the_books_numbers() {
        let r = runs("optimizer-compare", 1).unwrap();
        assert_eq!(
            r.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            ["SGD", "Momentum", "AdaGrad", "Adam"]
        );
        assert_eq!(r[3].1.hyper.get(crate::optim::Param::Lr), 0.001);
        assert_eq!(r[0].1.length, Length::Iterations(2000));
        let bn = runs("batch-norm", 1).unwrap();
        assert_eq!(bn.len(), 32);
        assert_eq!(bn[0].1.init, Scheme::Std(1.0));
        assert!(matches!(bn[30].1.init, Scheme::Std(w) if (w - 1e-4).abs() < 1e-12));
        let s = runs("hyperparameter-search", 1).unwrap();
        assert_eq!(s.len(), 100);
        for (_, c) in &s {
            assert!((1e-6..=1e-2).contains(&c.hyper.get(crate::optim::Param::Lr)));
            assert!((1e-8..=1e-4).contains(&c.decay.l2) && c.decay.l1 == 0.0);
            c.validate().unwrap();
        }
        // The book's dropout network in the book's form; the comparison
        // differs from it in the form alone.
        let d = runs("overfit-dropout", 1).unwrap();
        assert_eq!(
            (d[1].1.dropout, d[1].1.dropout_style),
            (0.2, DropoutStyle::Book)
        );
        assert_eq!(
            (d[1].1.hidden.len(), d[1].1.train_size, d[1].1.length),
            (6, Some(300), Length::Epochs(301))
        );
        let f = runs("dropout-forms", 1).unwrap();
        assert_eq!(f[1].1, d[1].1);
        assert_eq!(
            TrainConfig {
                dropout_style: DropoutStyle::Book,
                ..f[2].1.clone()
            },
            d[1].1
        );
        assert_eq!(f[2].1.dropout_style, DropoutStyle::Inverted);
        let w = runs("overfit-weight-decay", 1).unwrap();
        assert_eq!((w[0].1.decay, w[1].1.decay), (Decay::NONE, Decay::l2(0.1)));
        assert!(runs("nope", 1).is_err());
    }
}
