//! Everything a training run needs, checked with sentences a student can read.

use super::data::{Augment, Scaling};
use crate::error::Result;
use crate::fail;
use crate::init::Scheme;
use crate::nn::mlp::{Decay, MlpSpec};
use crate::nn::Activation;
use crate::optim::lab::parse_schedule;
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
            fail!("Newton's method needs the Hessian, which a network of this size cannot afford; choose another optimizer for training.","뉴턴법에는 헤세 행렬이 필요한데, 이 크기의 신경망에서는 감당할 수 없습니다. 학습에는 다른 옵티마이저를 고르세요.",);
        }
        if !(1..=4096).contains(&self.batch) {
            fail!(
                "The batch size must be from 1 to 4096, got {}.",
                "배치 크기는 1~4096이어야 하는데 {}입니다.",
                self.batch
            );
        }
        match self.length {
            Length::Iterations(n) if !(1..=1_000_000).contains(&n) => {
                fail!(
                    "The number of iterations must be from 1 to 1000000, got {n}.",
                    "반복 횟수는 1~1000000이어야 하는데 {n}입니다.",
                )
            }
            Length::Epochs(n) if !(1..=10_000).contains(&n) => {
                fail!(
                    "The number of epochs must be from 1 to 10000, got {n}.",
                    "에폭 수는 1~10000이어야 하는데 {n}입니다.",
                )
            }
            _ => {}
        }
        if !(0.0..0.9).contains(&self.validation) {
            fail!(
                "The validation share must be at least 0 and below 0.9, got {}.",
                "검증 비율은 0 이상 0.9 미만이어야 하는데 {}입니다.",
                self.validation
            );
        }
        if self.patience.is_some() && self.validation == 0.0 {
            fail!("Early stopping watches the validation accuracy: set a validation share above 0 (never stop on the test set).","조기 종료는 검증 정확도를 지켜봅니다. 검증 비율을 0보다 크게 하세요(테스트 세트로 멈추면 안 됩니다).",);
        }
        self.schedule.validate()
    }
}

/// The settings [`TrainConfig::set`] understands, in the order a page lists them.
pub const KEYS: [&str; 25] = [
    "hidden",
    "activation",
    "init",
    "bn",
    "dropout",
    "optimizer",
    "lr",
    "momentum",
    "beta1",
    "beta2",
    "rho",
    "schedule",
    "batch",
    "iterations",
    "epochs",
    "decay",
    "weight-decay",
    "scaling",
    "augment",
    "train-size",
    "validation",
    "eval-every",
    "patience",
    "seed",
    "bias-correction",
];

fn number(key: &str, v: &str) -> Result<f64> {
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| {
            crate::error!(
                "The {key} must be a number, got \"{v}\".",
                "{key}은(는) 숫자여야 하는데 \"{v}\"입니다."
            )
        })
}

fn whole(key: &str, v: &str) -> Result<usize> {
    v.trim().parse().map_err(|_| {
        crate::error!(
            "The {key} must be a whole number, got \"{v}\".",
            "{key}은(는) 정수여야 하는데 \"{v}\"입니다."
        )
    })
}

impl TrainConfig {
    /// Sets one setting from text, as the command line's flags, the page's
    /// controls and links spell it (`lr` = `0.01`, `hidden` = `100,100`,
    /// `augment` = `shift,cutout`, `decay` = `l2`, …). The run is checked as a
    /// whole by [`TrainConfig::validate`].
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        let v = value.trim();
        match key {
            "hidden" => {
                self.hidden = v
                    .split(',')
                    .map(|w| whole("width of a hidden layer", w))
                    .collect::<Result<_>>()?;
            }
            "activation" => self.activation = Activation::from_id(v)?,
            "init" => self.init = Scheme::parse(v)?,
            "bn" => self.batch_norm = matches!(v, "1" | "true" | "on" | ""),
            "dropout" => self.dropout = number("dropout ratio", v)?,
            "optimizer" => {
                let kind = Kind::from_id(v)?;
                // A new optimizer starts from the book's defaults; set lr after it.
                self.optimizer = kind;
                self.hyper = Hyper::book(kind);
            }
            "lr" => self.hyper.set("lr", number("learning rate", v)?)?,
            "momentum" => self.hyper.set("alpha", number("momentum", v)?)?,
            "beta1" | "beta2" | "rho" => self.hyper.set(key, number(key, v)?)?,
            "bias-correction" => self.hyper.bias_correction = !matches!(v, "0" | "false" | "off"),
            "schedule" => self.schedule = parse_schedule(v, 1)?,
            "batch" => self.batch = whole("batch size", v)?,
            "iterations" => self.length = Length::Iterations(whole("number of iterations", v)?),
            "epochs" => self.length = Length::Epochs(whole("number of epochs", v)?),
            "decay" => {
                let (l1, l2) = self.decay.coefficients();
                self.decay = Decay::named(v, l1.max(l2))?;
            }
            "weight-decay" => {
                let kind = match self.decay {
                    Decay::L1(_) => "l1",
                    Decay::ElasticNet(_) => "elastic",
                    _ => "l2",
                };
                self.decay = Decay::named(kind, number("weight decay λ", v)?)?;
            }
            "scaling" => self.scaling = Scaling::named(v)?,
            "augment" => {
                let mut a = Augment::default();
                for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    match part {
                        "shift" => a.shift = true,
                        "rotate" => a.rotate = true,
                        "cutout" => a.cutout = true,
                        "mixup" => a.mixup = true,
                        other => fail!("Unknown augmentation \"{other}\"; choose among shift, rotate, cutout and mixup.","\"{other}\"은(는) 알 수 없는 데이터 증강입니다. shift, rotate, cutout, mixup 중에서 고르세요.",),
                    }
                }
                self.augment = a;
            }
            "train-size" => {
                self.train_size = if v == "all" {
                    None
                } else {
                    Some(whole("training set size", v)?)
                }
            }
            "validation" => self.validation = number("validation share", v)?,
            "eval-every" => self.eval_every = whole("evaluation interval", v)?,
            "patience" => {
                self.patience = if v == "off" || v == "0" {
                    None
                } else {
                    Some(whole("patience", v)?)
                }
            }
            "seed" => {
                self.seed = v.parse().map_err(|_| {
                    crate::error!(
                        "The seed must be a whole number from 0, got \"{v}\".",
                        "시드는 0 이상의 정수여야 하는데 \"{v}\"입니다."
                    )
                })?
            }
            other => fail!(
                "Unknown training setting \"{other}\"; the settings are {}.",
                "\"{other}\"은(는) 알 수 없는 학습 설정입니다. 설정 이름은 {}입니다.",
                KEYS.join(", ")
            ),
        }
        Ok(())
    }

    /// Applies `key=value` pairs separated by `;` (the form a link or a
    /// worker message carries), then checks the whole run.
    pub fn apply(&mut self, text: &str) -> Result<()> {
        for pair in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            self.set(k.trim(), v)?;
        }
        self.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_from_text() {
        let mut c = TrainConfig::default();
        c.apply("hidden=50,50;activation=tanh;init=xavier;bn=1;dropout=0.3;optimizer=adam;lr=0.002;batch=64;epochs=3;decay=l1;weight-decay=0.01;augment=shift,mixup;train-size=1000;validation=0.2;seed=7")
            .unwrap();
        assert_eq!(c.hidden, vec![50, 50]);
        assert_eq!(c.optimizer, Kind::Adam);
        assert_eq!(c.hyper.lr, 0.002);
        assert_eq!(c.length, Length::Epochs(3));
        assert_eq!(c.decay, Decay::L1(0.01));
        assert!(c.augment.shift && c.augment.mixup && !c.augment.cutout);
        assert_eq!((c.train_size, c.validation, c.seed), (Some(1000), 0.2, 7));
        assert!(c.batch_norm);
    }

    #[test]
    fn each_problem_is_a_sentence() {
        let msg = |t: &str| TrainConfig::default().apply(t).unwrap_err().to_string();
        assert_eq!(msg("lr=-1"), "The learning rate must be positive, got -1.");
        assert_eq!(
            msg("lr=fast"),
            "The learning rate must be a number, got \"fast\"."
        );
        assert_eq!(
            msg("batch=0"),
            "The batch size must be from 1 to 4096, got 0."
        );
        assert!(msg("hidden=100,x").contains("width of a hidden layer"));
        assert!(msg("optimizer=newton").contains("Hessian"));
        assert!(msg("augment=flip").contains("Unknown augmentation \"flip\""));
        assert!(msg("speed=3").starts_with("Unknown training setting \"speed\""));
        assert!(msg("dropout=0.99").contains("dropout ratio"));
        assert!(msg("patience=5").starts_with("Early stopping watches the validation accuracy"));
    }
}
