//! The book's chapter-6 experiments (Deep Learning from Scratch), with its
//! parameters, as named sets of runs.

use super::config::{Length, TrainConfig};
use crate::error::Result;
use crate::fail;
use crate::i18n::tr;
use crate::init::Scheme;
use crate::nn::mlp::Decay;
use crate::optim::{Hyper, Kind};
use crate::rng::Rng;

/// Every preset's id.
pub const IDS: [&str; 6] = [
    "optimizer-compare",
    "init-compare",
    "batch-norm",
    "overfit-weight-decay",
    "overfit-dropout",
    "hyperparameter-search",
];

/// One sentence per preset: what to look for.
pub fn sentence(id: &str) -> &'static str {
    match id {
        "optimizer-compare" => tr("SGD's loss falls slowest; Momentum, AdaGrad and Adam learn faster on the same network.", "SGD의 손실이 가장 느리게 줄고, 같은 신경망에서 모멘텀, AdaGrad, Adam은 더 빨리 학습합니다."),
        "init-compare" => tr("With std 0.01 the network does not learn at all; He learns fastest with ReLU, Xavier a little slower.", "표준편차 0.01이면 신경망이 전혀 학습하지 못합니다. ReLU에서는 He가 가장 빠르고 Xavier는 조금 느립니다."),
        "batch-norm" => tr("Across 16 weight scales, the network with batch norm learns at scales where the plain one is stuck.", "16가지 가중치 크기에서, 배치 정규화를 쓴 신경망은 그냥 신경망이 멈춰 있는 크기에서도 학습합니다."),
        "overfit-weight-decay" => tr("On 300 digits the plain network reaches 100 % training accuracy while test accuracy lags far behind; weight decay narrows the gap.", "숫자 300개로 학습하면 그냥 신경망은 훈련 정확도 100 %에 이르지만 테스트 정확도는 한참 뒤처집니다. 가중치 감소가 그 차이를 줄입니다."),
        "overfit-dropout" => tr("Dropout also narrows the gap between training and test accuracy, at the price of slower training.", "드롭아웃도 훈련 정확도와 테스트 정확도의 차이를 줄이지만, 그 대가로 학습이 느려집니다."),
        "hyperparameter-search" => tr("Random search in log space: the good learning rates form a band; look at the top trials and narrow the ranges.", "로그 스케일에서의 무작위 탐색: 좋은 학습률은 띠 모양으로 모입니다. 상위 시도를 보고 범위를 좁히세요."),
        _ => "",
    }
}

fn sgd(lr: f64) -> (Kind, Hyper) {
    let mut h = Hyper::book(Kind::Sgd);
    h.lr = lr;
    (Kind::Sgd, h)
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
            let (optimizer, hyper) = sgd(0.01);
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
            let (optimizer, hyper) = sgd(0.01);
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
                            decay: if lambda > 0.0 {
                                Decay::L2(lambda)
                            } else {
                                Decay::None
                            },
                            eval_every: 0,
                            ..base.clone()
                        },
                    )
                })
                .collect()
        }
        "overfit-dropout" => {
            let (optimizer, hyper) = sgd(0.01);
            [0.0, 0.2]
                .into_iter()
                .map(|ratio| {
                    (
                        format!("dropout {ratio}"),
                        TrainConfig {
                            hidden: vec![100; 6],
                            dropout: ratio,
                            optimizer,
                            hyper,
                            batch: 100,
                            length: Length::Epochs(301),
                            train_size: Some(300),
                            eval_every: 0,
                            ..base.clone()
                        },
                    )
                })
                .collect()
        }
        "hyperparameter-search" => search_trials(100, (-6.0, -2.0), (-8.0, -4.0), seed),
        other => fail!(
            "Unknown training preset \"{other}\"; choose one of {}.",
            "\"{other}\"은(는) 알 수 없는 학습 프리셋입니다. 다음 중에서 고르세요: {}.",
            IDS.join(", ")
        ),
    })
}

/// A search's ranges, as powers of ten: learning rate and weight decay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchSpace {
    /// log10 of the smallest and largest learning rate.
    pub lr: (f64, f64),
    /// log10 of the smallest and largest weight decay.
    pub decay: (f64, f64),
}

impl Default for SearchSpace {
    /// The book's ranges: lr 10⁻⁶…10⁻², weight decay 10⁻⁸…10⁻⁴.
    fn default() -> Self {
        Self {
            lr: (-6.0, -2.0),
            decay: (-8.0, -4.0),
        }
    }
}

impl SearchSpace {
    /// Checks the ranges.
    pub fn validate(&self) -> Result<()> {
        for (name, (lo, hi), (min, max)) in [
            ("learning rate", self.lr, (-8.0, 1.0)),
            ("weight decay", self.decay, (-10.0, 0.0)),
        ] {
            if !(lo.is_finite() && hi.is_finite() && lo <= hi && lo >= min && hi <= max) {
                fail!("The {name} range must go up, within 10^{min} to 10^{max}; got 10^{lo} to 10^{hi}.","{name} 범위는 10^{min}~10^{max} 안에서 커지는 방향이어야 하는데 10^{lo}~10^{hi}입니다.",);
            }
        }
        Ok(())
    }

    /// The (lr, decay) pairs of `n` trials: random in log space, or on a grid
    /// of ⌈√n⌉ × ⌈√n⌉ points (the first `n` of them).
    pub fn points(&self, n: usize, grid: bool, seed: u64) -> Vec<(f64, f64)> {
        let at = |(lo, hi): (f64, f64), t: f64| 10f64.powf(lo + (hi - lo) * t);
        if grid {
            let k = (n as f64).sqrt().ceil().max(1.0) as usize;
            let t = |i: usize| {
                if k == 1 {
                    0.5
                } else {
                    i as f64 / (k - 1) as f64
                }
            };
            (0..k * k)
                .take(n)
                .map(|i| (at(self.lr, t(i % k)), at(self.decay, t(i / k))))
                .collect()
        } else {
            let mut rng = Rng::seeded(seed ^ 0x5eed);
            (0..n)
                .map(|_| (at(self.lr, rng.uniform()), at(self.decay, rng.uniform())))
                .collect()
        }
    }

    /// The smallest space holding `points` (coarse → fine: narrow to the best).
    pub fn around(points: &[(f64, f64)]) -> Self {
        let span = |f: &dyn Fn(&(f64, f64)) -> f64| {
            points
                .iter()
                .map(|p| f(p).log10())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(v), b.max(v))
                })
        };
        let pad = |(lo, hi): (f64, f64)| {
            if hi - lo < 0.2 {
                (lo - 0.1, hi + 0.1)
            } else {
                (lo, hi)
            }
        };
        Self {
            lr: pad(span(&|p| p.0)),
            decay: pad(span(&|p| p.1)),
        }
    }
}

/// Random search in log space: `n` trials with the learning rate
/// 10^U(lr range) and the weight decay 10^U(decay range), each trained as the
/// book's search does (500 digits, 20 % validation, 784-100×6-10, SGD, batch
/// 100, 50 epochs).
pub fn search_trials(
    n: usize,
    lr: (f64, f64),
    decay: (f64, f64),
    seed: u64,
) -> Vec<(String, TrainConfig)> {
    search(SearchSpace { lr, decay }, n, false, seed)
}

/// The trials of a search over `space`: `n` of them, random or on a grid.
pub fn search(space: SearchSpace, n: usize, grid: bool, seed: u64) -> Vec<(String, TrainConfig)> {
    space
        .points(n, grid, seed)
        .into_iter()
        .enumerate()
        .map(|(i, (lr_v, wd))| {
            (
                format!("trial {} lr={lr_v:.2e} wd={wd:.2e}", i + 1),
                trial(lr_v, wd, seed.wrapping_add(i as u64)),
            )
        })
        .collect()
}

/// One trial of the book's search: 500 digits, 20 % validation,
/// 784-100×6-10, SGD with learning rate `lr`, L2 weight decay `decay`,
/// batch 100, 50 epochs.
pub fn trial(lr: f64, decay: f64, seed: u64) -> TrainConfig {
    let (optimizer, hyper) = sgd(lr);
    TrainConfig {
        hidden: vec![100; 6],
        optimizer,
        hyper,
        batch: 100,
        length: Length::Epochs(50),
        train_size: Some(500),
        validation: 0.2,
        decay: Decay::L2(decay),
        eval_every: 0,
        seed,
        ..TrainConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_spaces() {
        let s = SearchSpace::default();
        let grid = s.points(9, true, 1);
        assert_eq!(grid.len(), 9);
        // A 3×3 grid tries only 3 distinct learning rates; 9 random trials try 9.
        let distinct = |p: &[(f64, f64)]| {
            let mut v: Vec<u64> = p.iter().map(|x| x.0.to_bits()).collect();
            v.sort_unstable();
            v.dedup();
            v.len()
        };
        assert_eq!(distinct(&grid), 3);
        assert_eq!(distinct(&s.points(9, false, 1)), 9);
        assert!((grid[0].0 - 1e-6).abs() < 1e-18 && (grid[8].0 - 1e-2).abs() < 1e-14);
        let narrow = SearchSpace::around(&[(1e-3, 1e-6), (1e-2, 1e-5)]);
        assert!((narrow.lr.0 + 3.0).abs() < 1e-12 && (narrow.lr.1 + 2.0).abs() < 1e-12);
        assert!(SearchSpace {
            lr: (-2.0, -6.0),
            decay: (-8.0, -4.0)
        }
        .validate()
        .is_err());
    }

    #[test]
    fn presets_have_the_books_numbers() {
        let r = runs("optimizer-compare", 1).unwrap();
        assert_eq!(
            r.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            ["SGD", "Momentum", "AdaGrad", "Adam"]
        );
        assert_eq!(r[3].1.hyper.lr, 0.001);
        assert_eq!(r[0].1.length, Length::Iterations(2000));
        let bn = runs("batch-norm", 1).unwrap();
        assert_eq!(bn.len(), 32);
        assert_eq!(bn[0].1.init, Scheme::Std(1.0));
        assert!(matches!(bn[30].1.init, Scheme::Std(w) if (w - 1e-4).abs() < 1e-12));
        let s = runs("hyperparameter-search", 1).unwrap();
        assert_eq!(s.len(), 100);
        for (_, c) in &s {
            assert!((1e-6..=1e-2).contains(&c.hyper.lr));
            assert!(matches!(c.decay, Decay::L2(w) if (1e-8..=1e-4).contains(&w)));
            c.validate().unwrap();
        }
        assert!(runs("nope", 1).is_err());
    }
}
