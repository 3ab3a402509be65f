//! The optimizer lab's zig-zag on the network itself. The book's SGD on
//! f(x, y) = x²/20 + y² at η 0.95 zig-zags across y because ηλ = 0.95 × 2 =
//! 1.9 lies between 1 and 2 (`landscape::regime`). The book's MNIST
//! comparison (η 0.01, batches of 128) does not: measured at its end the
//! network's sharpest curvature is λ ≈ 60, ηλ ≈ 0.6 < 1, and the steps slide
//! in. The same network trained on the full batch of the landscape's 1,000
//! digits at η 0.1 starts at λ ≈ 12.6 (ηλ ≈ 1.3): its steps overshoot across
//! the sharpest direction and the sign flips from one update to the next
//! (at 76 of its 99 updates, measured across the valley it ends in), and
//! each time the sharpness grows past 2/η the zig-zag grows until the
//! network is thrown to a flatter place, a spike of the loss (Cohen et al.
//! 2021, "Gradient descent on neural networks typically occurs at the edge
//! of stability"). At η 0.01 (ηλ ≈ 0.13) the same start slides in (1
//! reversal in 99). The weights are recorded at every update,
//! so that the landscape, drawn across and along the first run's valley,
//! shows each step.

use super::super::config::{Length, TrainConfig};
use crate::error::Result;
use crate::i18n::tr;
use crate::optim::{Hyper, Kind, Param};

/// The digits trained on: the landscape's own 1,000, all in every batch.
pub const DIGITS: usize = 1000;
/// Updates of each run, every one recorded.
pub const UPDATES: usize = 100;
/// The learning rates: the zig-zag's, then the slide's.
pub const RATES: [f64; 2] = [0.1, 0.01];

/// Two runs of full-batch gradient descent on the optimizer comparison's
/// network (784-100×4-10, ReLU, He) from the same start, η 0.1 and 0.01.
pub fn runs(base: &TrainConfig) -> Result<Vec<(String, TrainConfig)>> {
    RATES
        .iter()
        .map(|&lr| {
            let mut hyper = Hyper::book(Kind::Sgd);
            hyper.set(Param::Lr, lr)?;
            Ok((
                tr(format!("full batch, η {lr}"), format!("전체 배치, η {lr}")),
                TrainConfig {
                    optimizer: Kind::Sgd,
                    hyper,
                    batch: DIGITS,
                    train_size: Some(DIGITS),
                    length: Length::Iterations(UPDATES),
                    eval_every: 1,
                    test_at_end: true,
                    ..base.clone()
                },
            ))
        })
        .collect()
}
