//! The MNIST lab's experiments as named sets of runs: the book's chapter-6
//! experiments (`book`), transfer learning (`transfer`), ensembles
//! (`ensembles`) and the hyperparameter search. An experiment's plan lists
//! its runs, each possibly starting from an earlier run's network, and
//! whether they form an ensemble.

mod batches;
mod book;
mod choices;
mod ensembles;
pub mod transfer;
pub mod tuning;
mod zigzag;
pub use choices::{keys_of, Choices, Task, SETTINGS, TASKS};

use super::config::TrainConfig;
use super::search::SearchSpace;
use crate::catalogue::Choice;
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;

/// Every preset's id.
pub const IDS: [&str; 13] = [
    "optimizer-compare",
    "init-compare",
    "batch-norm",
    "overfit-weight-decay",
    "overfit-dropout",
    "dropout-forms",
    "hyperparameter-search",
    "transfer-learning",
    "ensemble",
    "snapshot-ensemble",
    "batch-size",
    "zigzag",
    "guided-tuning",
];

/// The MNIST lab's experiments: the book's presets, then "your own run".
pub const EXPERIMENTS: [Choice; 14] = [
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
        id: "transfer-learning",
        label: (
            "Transfer learning: digits 0–4 to 5–9",
            "전이 학습: 숫자 0–4에서 5–9로",
        ),
    },
    Choice {
        id: "ensemble",
        label: (
            "An ensemble of independently trained networks",
            "따로 학습한 신경망들의 앙상블",
        ),
    },
    Choice {
        id: "snapshot-ensemble",
        label: (
            "Snapshot ensemble and Polyak averaging",
            "스냅숏 앙상블과 폴리악 평균",
        ),
    },
    Choice {
        id: "batch-size",
        label: (
            "Batch size: 8, 32, 128, 1024",
            "배치 크기: 8, 32, 128, 1024",
        ),
    },
    Choice {
        id: "zigzag",
        label: (
            "The first lab's zig-zag on the network: full batch, η 0.1 and 0.01",
            "신경망 위의 첫 실습 지그재그: 전체 배치, η 0.1과 0.01",
        ),
    },
    Choice {
        id: "guided-tuning",
        label: ("A guided tuning session, step by step", "단계별 튜닝 세션"),
    },
    Choice {
        id: "custom",
        label: ("Your own run…", "나의 실행…"),
    },
];

/// One run of an experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRun {
    /// Its name.
    pub name: String,
    /// Its settings.
    pub config: TrainConfig,
    /// The earlier run whose final network it starts from, if any.
    pub from: Option<usize>,
}

/// An experiment's runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The runs, in order (a run starts from an earlier one only).
    pub runs: Vec<PlannedRun>,
    /// Whether the runs are the members of one ensemble.
    pub ensemble: bool,
}

/// What a plan's runs give beyond themselves, scored beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerivedKind {
    /// The ensemble of all the runs (their probabilities averaged).
    Ensemble,
    /// The moving average of run `i`'s weights (Polyak averaging).
    Ema(usize),
    /// The snapshots of run `i` at its warm restarts, averaged.
    Snapshots(usize),
}

/// A derived score's name and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: DerivedKind,
}

impl Plan {
    /// The ensemble (when the runs are its members), and each run's
    /// averaged weights and snapshots (when it keeps them), in that order.
    pub fn derived(&self) -> Vec<Derived> {
        let mut out = Vec::new();
        if self.ensemble {
            let k = self.runs.len();
            out.push(Derived {
                name: tr(format!("ensemble of {k}"), format!("{k}개의 앙상블")),
                kind: DerivedKind::Ensemble,
            });
        }
        for (i, r) in self.runs.iter().enumerate() {
            let name = &r.name;
            if r.config.ema > 0.0 {
                out.push(Derived {
                    name: tr(
                        format!("{name}: averaged weights"),
                        format!("{name}: 평균 가중치"),
                    ),
                    kind: DerivedKind::Ema(i),
                });
            }
            if let crate::schedule::Schedule::Restarts { cycles: ends, .. } = r.config.schedule {
                out.push(Derived {
                    name: tr(
                        format!("{name}: {ends} snapshots averaged"),
                        format!("{name}: 스냅숏 {ends}개 평균"),
                    ),
                    kind: DerivedKind::Snapshots(i),
                });
            }
        }
        out
    }
}

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
        "transfer-learning" => tr("A network pretrained on digits 0–4 is reused for digits 5–9 with a few labelled examples each, beside the same network from scratch. With a fully connected network on digits the gain is modest: fine-tuning the pretrained network is a little more accurate and has a clearly lower test loss; frozen features alone fall a little behind, do better from early layers than from late ones (which learned the five old classes), and worst on scrambled pixels. Try the four cases of the table.", "숫자 0–4로 사전 학습한 신경망을 클래스마다 레이블 몇 개뿐인 숫자 5–9에 다시 쓰고, 같은 신경망을 처음부터 학습한 것과 나란히 봅니다. 숫자에 완전 연결 신경망을 쓰면 이득은 크지 않습니다. 사전 학습한 신경망을 미세 조정하면 조금 더 정확하고 테스트 손실이 뚜렷이 낮습니다. 고정한 특징만 쓰면 조금 뒤처지는데, 뒤쪽 층(예전 다섯 클래스를 배운 층)보다 앞쪽 층에서 가져올 때 낫고, 픽셀을 섞으면 가장 나쁩니다. 표의 네 경우를 해 보세요."),
        "ensemble" => tr("Networks that differ only in their initialization make different mistakes: averaging their probabilities is about a point more accurate than the members on average, and its test loss is lower than even the best member's.", "초기화만 다른 신경망들은 서로 다른 실수를 합니다. 그 확률을 평균하면 구성원 평균보다 정확도가 1%p쯤 높고, 테스트 손실은 가장 좋은 구성원보다도 낮습니다."),
        "snapshot-ensemble" => tr("One run, two ensembles for free: the networks at the low points of a cosine schedule with warm restarts, averaged (a snapshot ensemble), and a moving average of the weights (Polyak averaging), each beside the network itself.", "한 번의 학습으로 얻는 두 앙상블: 웜 리스타트 코사인 스케줄의 낮은 지점마다의 신경망을 평균한 것(스냅숏 앙상블)과 가중치의 이동 평균(폴리악 평균). 각각 신경망 자체와 나란히 봅니다."),
        "batch-size" => tr("The same network at batch sizes 8, 32, 128 and 1024. At equal epochs (the top four) every run sees the same digits, but batch 8 makes 750 updates and batch 1024 six: small batches learn most per epoch, with the noisiest losses (the light curves). At equal updates (the bottom four) large batches see far more digits, so they reach a higher accuracy with smooth losses, at a much higher cost per update. The table gives each run's time per epoch.", "같은 신경망을 배치 크기 8, 32, 128, 1024로 학습합니다. 같은 에폭(위의 넷)에서는 모두 같은 숫자를 보지만 배치 8은 750번, 배치 1024는 6번 갱신합니다. 작은 배치는 에폭당 가장 많이 배우고 손실이 가장 들쭉날쭉합니다(옅은 곡선). 같은 갱신 횟수(아래 넷)에서는 큰 배치가 훨씬 많은 숫자를 보므로 손실이 매끄럽고 정확도가 더 높지만, 갱신 한 번의 비용이 훨씬 큽니다. 표에 실행마다 에폭당 시간이 있습니다."),
        "zigzag" => tr("The optimizer comparison's network, trained on the whole batch of the landscape's 1,000 digits, every update recorded. At η 0.01 the steps fall short across the sharpest direction (ηλ < 1) and the path slides in; at η 0.1 (ηλ > 1) they overshoot and the sign flips from one update to the next, the first lab's zig-zag, which grows each time the sharpness rises past 2/η, until the network is thrown to a flatter place (the spikes of the light loss curve). When both runs end, draw the landscape across and along the first run's valley.", "옵티마이저 비교의 신경망을 지형도의 숫자 1,000개 전체를 한 배치로 학습하고, 갱신마다 기록합니다. η 0.01에서는 가장 날카로운 방향으로 걸음이 모자라(ηλ < 1) 경로가 미끄러져 들어갑니다. η 0.1에서는(ηλ > 1) 걸음이 넘쳐 갱신마다 부호가 바뀌는 첫 실습의 지그재그가 나타나고, 날카로움이 2/η를 넘을 때마다 지그재그가 커지다가 신경망이 더 평평한 곳으로 튕겨 나갑니다(옅은 손실 곡선의 뾰족한 봉우리). 두 실행이 끝나면 첫 실행의 골짜기를 가로지르고 따라가는 지형도를 그리세요."),
        "guided-tuning" => tr("Seed 000's seven steps with seed 002's sanity checks, one at a time: choose a step, press Start, and the check below says whether it did what it should. Steps 4 and 5 hand their ranges and best values on to the next.", "seed 000의 일곱 단계와 seed 002의 점검을 하나씩: 단계를 고르고 시작을 누르면 아래 확인이 제대로 되었는지 알려 줍니다. 4단계와 5단계는 범위와 가장 좋은 값을 다음 단계에 넘깁니다."),
        "custom" => tr("Change one thing at a time and compare with the book's runs: what does it do to the curves?", "한 번에 하나씩 바꾸고 책의 실행과 비교해 보세요. 곡선이 어떻게 달라지나요?"),
        _ => "",
    }
}

/// The plan of experiment `id` with `choices`.
pub fn plan(id: &str, choices: &Choices) -> Result<Plan> {
    let base = TrainConfig {
        seed: choices.seed,
        ..TrainConfig::default()
    };
    let plain = |runs: Vec<(String, TrainConfig)>| Plan {
        runs: runs
            .into_iter()
            .map(|(name, config)| PlannedRun {
                name,
                config,
                from: None,
            })
            .collect(),
        ensemble: false,
    };
    if let Some(runs) = book::runs(id, &base) {
        return Ok(plain(runs));
    }
    Ok(match id {
        "hyperparameter-search" => plain(search_trials(
            &SearchSpace::default(),
            100,
            false,
            choices.seed,
        )?),
        "transfer-learning" => Plan {
            runs: transfer::plan(choices, &base)?,
            ensemble: false,
        },
        "ensemble" => Plan {
            runs: ensembles::members(choices, &base),
            ensemble: true,
        },
        "snapshot-ensemble" => Plan {
            runs: ensembles::snapshots(&base)?,
            ensemble: false,
        },
        "batch-size" => plain(batches::runs(&base)?),
        "zigzag" => plain(zigzag::runs(&base)?),
        "guided-tuning" => plain(tuning::runs(choices, &base)?),
        other => fail!(
            "Unknown training preset \"{other}\"; choose one of {}.",
            "\"{other}\"은(는) 알 수 없는 학습 프리셋입니다. 다음 중에서 고르세요: {}.",
            IDS.join(", ")
        ),
    })
}

/// The runs of preset `id` with its default choices and seed `seed`, each named.
pub fn runs(id: &str, seed: u64) -> Result<Vec<(String, TrainConfig)>> {
    let choices = Choices {
        seed,
        ..Choices::default()
    };
    Ok(plan(id, &choices)?
        .runs
        .into_iter()
        .map(|r| (r.name, r.config))
        .collect())
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
    use crate::nn::mlp::{Decay, DropoutStyle};
    use crate::nn::Scheme;
    use crate::train::selection::Classes;
    use crate::train::Length;

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
        assert!(
            bn.iter().all(|(_, c)| c.test_at_end),
            "the book scores training digits only"
        );
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

    #[test]
    fn transfer_and_ensemble_plans_follow_their_choices() {
        let c = Choices::parse("per-class=7;task=different;reuse=2;freeze=3;members=4").unwrap();
        assert_eq!(
            (c.per_class, c.task, c.reuse, c.freeze, c.members),
            (7, Task::Different, 2, 3, 4)
        );
        assert!(Choices::parse("per-class=0").is_err());
        let t = plan("transfer-learning", &c).unwrap();
        assert_eq!(
            t.runs.iter().map(|r| r.from).collect::<Vec<_>>(),
            [None, Some(0), None]
        );
        let (pre, reused, scratch) = (&t.runs[0].config, &t.runs[1].config, &t.runs[2].config);
        assert_eq!(pre.selection.classes, Classes::range(0, 4));
        assert_eq!(
            (pre.selection.per_class, pre.selection.permute),
            (None, None)
        );
        for r in [reused, scratch] {
            assert_eq!(r.selection.classes, Classes::range(5, 9));
            assert_eq!(
                (r.selection.per_class, r.selection.permute),
                (Some(7), Some(transfer::PERMUTATION_SEED))
            );
            assert_eq!(r.batch, 35);
        }
        // Freezing more layers than are reused freezes them all: the head alone trains.
        assert_eq!((reused.reuse_layers, reused.freeze_layers), (Some(2), 2));
        assert_eq!((scratch.reuse_layers, scratch.freeze_layers), (None, 0));
        // Fine-tuning takes the lower rate; a head on frozen features the usual one.
        let tuned = plan(
            "transfer-learning",
            &Choices {
                freeze: 1,
                ..c.clone()
            },
        )
        .unwrap();
        assert_eq!(
            tuned.runs[1].config.hyper.get(crate::optim::Param::Lr),
            0.0003
        );
        assert_eq!(reused.hyper.get(crate::optim::Param::Lr), 0.001);
        let e = plan("ensemble", &c).unwrap();
        assert!(e.ensemble && e.runs.len() == 4);
        let seeds: std::collections::BTreeSet<u64> = e.runs.iter().map(|r| r.config.seed).collect();
        assert_eq!(seeds.len(), 4, "each member has its own seed");
        assert!(e.runs.windows(2).all(|w| TrainConfig {
            seed: 0,
            ..w[0].config.clone()
        } == TrainConfig {
            seed: 0,
            ..w[1].config.clone()
        }));
        let s = plan("snapshot-ensemble", &c).unwrap();
        assert!(matches!(
            s.runs[0].config.schedule,
            crate::schedule::Schedule::Restarts { cycles: 5, .. }
        ));
        assert_eq!((s.runs[0].config.ema, s.runs[1].config.ema), (0.0, 0.99));
        for id in IDS {
            for r in plan(id, &c).unwrap().runs {
                r.config.validate().unwrap();
            }
        }
    }
}
