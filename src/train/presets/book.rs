//! The book's chapter-6 experiments (Deep Learning from Scratch), with its
//! parameters: optimizers, initializations, batch norm across weight
//! scales, overfitting with weight decay and with dropout.

use super::super::config::{Length, TrainConfig};
use crate::i18n::tr;
use crate::nn::mlp::{Decay, DropoutStyle};
use crate::nn::Scheme;
use crate::optim::{Hyper, Kind};

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

/// The runs of the book's preset `id`, each named, from `base` (which
/// carries the seed); `None` for an id that is not one of the book's.
pub fn runs(id: &str, base: &TrainConfig) -> Option<Vec<(String, TrainConfig)>> {
    let base = base.clone();
    Some(match id {
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
                            // The book's batch_norm_test.py scores only the
                            // 1,000 training digits each epoch (its figure
                            // is training accuracy); the test digits once,
                            // at the end. They were two thirds of each
                            // evaluation (natively 9.4 → 7.5 s on two
                            // threads; in the page 25.9 → 19.5 s).
                            test_at_end: true,
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
        _ => return None,
    })
}
