//! Everything a training run needs, checked with sentences a student can read.

use super::data::{Augment, Scaling};
use crate::error::Result;
use crate::fail;
use crate::init::Scheme;
use crate::nn::mlp::{Decay, MlpSpec};
use crate::nn::Activation;
use crate::optim::{Hyper, Kind};
use crate::schedule::Schedule;

/// How long to train.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// A number of mini-batch updates.
    Iterations(usize),
    /// A number of passes over the training set.
    Epochs(usize),
}

/// A training run.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Units of each hidden layer.
    pub hidden: Vec<usize>,
    /// Hidden nonlinearity.
    pub activation: Activation,
    /// Weight initialization.
    pub init: Scheme,
    /// Batch norm after each hidden affine layer.
    pub batch_norm: bool,
    /// Dropout ratio (0 = off).
    pub dropout: f64,
    /// Optimizer.
    pub optimizer: Kind,
    /// Its hyperparameters (learning rate included).
    pub hyper: Hyper,
    /// Learning-rate schedule over the whole run.
    pub schedule: Schedule,
    /// Examples per mini-batch.
    pub batch: usize,
    /// How long.
    pub length: Length,
    /// Weight decay.
    pub decay: Decay,
    /// Input scaling.
    pub scaling: Scaling,
    /// Training-time augmentation.
    pub augment: Augment,
    /// Train on the first N training digits only.
    pub train_size: Option<usize>,
    /// Share of the training digits held out for validation.
    pub validation: f64,
    /// Evaluate every this many iterations (0 = once per epoch).
    pub eval_every: usize,
    /// Stop when validation accuracy has not improved for this many evaluations.
    pub patience: Option<usize>,
    /// Seed of initialization, shuffling, dropout and augmentation.
    pub seed: u64,
}

impl Default for TrainConfig {
    /// The book's optimizer comparison with SGD: 784-100×4-10, ReLU, He,
    /// batch 128, 2000 iterations, η 0.01, inputs in [0, 1].
    fn default() -> Self {
        Self {
            hidden: vec![100; 4],
            activation: Activation::Relu,
            init: Scheme::He,
            batch_norm: false,
            dropout: 0.0,
            optimizer: Kind::Sgd,
            hyper: Hyper::book(Kind::Sgd),
            schedule: Schedule::Constant,
            batch: 128,
            length: Length::Iterations(2000),
            decay: Decay::None,
            scaling: Scaling::Unit,
            augment: Augment::default(),
            train_size: None,
            validation: 0.0,
            eval_every: 100,
            patience: None,
            seed: 1,
        }
    }
}

impl TrainConfig {
    /// The network's shape for `input` features and 10 classes.
    pub fn spec(&self, input: usize) -> MlpSpec {
        MlpSpec {
            input,
            hidden: self.hidden.clone(),
            output: 10,
            activation: self.activation,
            init: self.init,
            batch_norm: self.batch_norm,
            dropout: self.dropout,
        }
    }

    /// Checks everything that `MlpSpec`, `Hyper` and the data do not.
    pub fn validate(&self) -> Result<()> {
        self.spec(784).validate()?;
        if self.optimizer == Kind::Newton {
            fail!("Newton's method needs the Hessian, which a network of this size cannot afford; choose another optimizer for training.");
        }
        if !(1..=4096).contains(&self.batch) {
            fail!("The batch size must be from 1 to 4096, got {}.", self.batch);
        }
        match self.length {
            Length::Iterations(n) if !(1..=1_000_000).contains(&n) => {
                fail!("The number of iterations must be from 1 to 1000000, got {n}.")
            }
            Length::Epochs(n) if !(1..=10_000).contains(&n) => {
                fail!("The number of epochs must be from 1 to 10000, got {n}.")
            }
            _ => {}
        }
        if !(0.0..0.9).contains(&self.validation) {
            fail!(
                "The validation share must be at least 0 and below 0.9, got {}.",
                self.validation
            );
        }
        self.schedule.validate()
    }
}
