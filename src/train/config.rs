//! Everything a training run needs, checked with sentences a student can read.

use super::data::{Augment, Scaling};
use super::selection::Selection;
use crate::error::Result;
use crate::fail;
use crate::nn::mlp::{Decay, DropoutStyle, MlpSpec};
use crate::nn::{Activation, Scheme};
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
    /// The book's dropout or the inverted one.
    pub dropout_style: DropoutStyle,
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
    /// Polyak averaging: the decay of the weights' exponential moving
    /// average, evaluated beside the weights themselves (0 = off).
    pub ema: f64,
    /// Which digits: classes, labelled examples per class, scrambled pixels.
    pub selection: Selection,
    /// Starting from a trained network: how many of its hidden layers to
    /// keep (a new output layer goes on top; `None` keeps them all).
    pub reuse_layers: Option<usize>,
    /// Starting from a trained network: how many of the lowest kept layers
    /// stay as they are.
    pub freeze_layers: usize,
    /// Score the test digits only at the last evaluation (a search's
    /// trials: they are ranked on validation accuracy, and the book's search
    /// never looks at the test digits, which would otherwise be most of a
    /// trial's work: 2,000 digits an epoch against 400 trained on).
    pub test_at_end: bool,
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
            dropout_style: DropoutStyle::Book,
            optimizer: Kind::Sgd,
            hyper: Hyper::book(Kind::Sgd),
            schedule: Schedule::Constant,
            batch: 128,
            length: Length::Iterations(2000),
            decay: Decay::NONE,
            scaling: Scaling::Unit,
            augment: Augment::default(),
            train_size: None,
            validation: 0.0,
            eval_every: 100,
            patience: None,
            ema: 0.0,
            selection: Selection::default(),
            reuse_layers: None,
            freeze_layers: 0,
            test_at_end: false,
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
            dropout_style: self.dropout_style,
        }
    }

    /// The run's schedule on `train_digits` training digits: over its
    /// updates in all, its epochs counted in updates.
    pub fn schedule_over(&self, train_digits: usize) -> crate::schedule::Schedule {
        let batch = self.batch.min(train_digits).max(1);
        self.schedule
            .with_total(self.total_updates(train_digits))
            .with_epoch(train_digits.div_ceil(batch).max(1))
    }

    /// The number of updates in all, for `train_digits` training examples
    /// (a run in epochs makes ⌈train_digits / batch⌉ updates per epoch).
    pub fn total_updates(&self, train_digits: usize) -> usize {
        let batch = self.batch.min(train_digits).max(1);
        match self.length {
            Length::Iterations(n) => n,
            Length::Epochs(e) => e * train_digits.div_ceil(batch).max(1),
        }
    }

    /// Checks what can only be checked against the digits: that a run on
    /// `train_digits` training digits has the training and validation digits
    /// it asks for.
    pub fn check_data(&self, train_digits: usize) -> Result<()> {
        super::data::sizes(train_digits, self.train_size, self.validation).map(|_| ())
    }

    /// Checks the run: every setting against its catalogue entry (the one
    /// place ranges are kept), the network's shape, and what settings mean
    /// together.
    pub fn validate(&self) -> Result<()> {
        for e in super::settings::entries() {
            let text = self.get(e.key);
            if !text.is_empty() {
                e.parse(&text)?;
            }
        }
        self.spec(784).validate()?;
        if self.optimizer == Kind::Newton {
            fail!("Newton's method needs the Hessian, which a network of this size cannot afford; choose another optimizer for training.","뉴턴법에는 헤세 행렬이 필요한데, 이 크기의 신경망에서는 감당할 수 없습니다. 학습에는 다른 옵티마이저를 고르세요.",);
        }
        if self.optimizer.second_order() {
            fail!("{} searches along a line with values of the loss on every training digit (a full batch), which mini-batch training does not compute; it runs in the optimizer lab, so choose another optimizer for training.","{}은(는) 모든 학습 숫자에 대한 손실 값(전체 배치)으로 직선 탐색을 하는데, 미니배치 학습은 그 값을 계산하지 않습니다. 옵티마이저 실험실에서 실행되니, 학습에는 다른 옵티마이저를 고르세요.", self.optimizer.label());
        }
        if self.patience.is_some() && self.validation == 0.0 {
            fail!("Early stopping watches the validation accuracy: set a validation share above 0 (never stop on the test set).","조기 종료는 검증 정확도를 지켜봅니다. 검증 비율을 0보다 크게 하세요(테스트 세트로 멈추면 안 됩니다).",);
        }
        self.schedule.validate()
    }
}
