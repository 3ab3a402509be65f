//! Batch size (seed 000's practice; issue: the practice of training): the
//! same network at batch sizes 8, 32, 128 and 1024, compared at equal
//! epochs (the same examples seen: small batches make many more updates)
//! and at equal updates (the same number of steps: large batches see many
//! more examples). The curves show the noise (the light per-update losses),
//! the table the accuracy and the time per epoch.

use super::super::config::{Length, TrainConfig};
use crate::error::Result;
use crate::i18n::tr;
use crate::optim::{Hyper, Kind, Param};

/// The batch sizes compared.
pub const SIZES: [usize; 4] = [8, 32, 128, 1024];
/// Epochs of the equal-epochs runs.
pub const EPOCHS: usize = 3;
/// Updates of the equal-updates runs.
pub const UPDATES: usize = 300;

/// Eight runs: each batch size for [`EPOCHS`] epochs, then for
/// [`UPDATES`] updates; 784-100-100-10, SGD η 0.1, 2,000 digits.
pub fn runs(base: &TrainConfig) -> Result<Vec<(String, TrainConfig)>> {
    let mut hyper = Hyper::book(Kind::Sgd);
    hyper.set(Param::Lr, 0.1)?;
    let common = TrainConfig {
        hidden: vec![100, 100],
        optimizer: Kind::Sgd,
        hyper,
        train_size: Some(2000),
        ..base.clone()
    };
    let digits = 2000;
    let mut out = Vec::new();
    for batch in SIZES {
        let config = TrainConfig {
            batch,
            length: Length::Epochs(EPOCHS),
            ..common.clone()
        };
        let total = config.total_updates(digits);
        out.push((
            tr(
                format!("batch {batch}, {EPOCHS} epochs ({total} updates)"),
                format!("배치 {batch}, {EPOCHS}에폭({total}회 갱신)"),
            ),
            TrainConfig {
                eval_every: (total / 10).max(1),
                ..config
            },
        ));
    }
    for batch in SIZES {
        let epochs = (UPDATES * batch) as f64 / digits as f64;
        out.push((
            tr(
                format!("batch {batch}, {UPDATES} updates ({epochs:.1} epochs)"),
                format!("배치 {batch}, {UPDATES}회 갱신({epochs:.1}에폭)"),
            ),
            TrainConfig {
                batch,
                length: Length::Iterations(UPDATES),
                eval_every: UPDATES / 10,
                ..common.clone()
            },
        ));
    }
    Ok(out)
}
