//! What a run reports: its evaluations, and why it stopped.

pub use super::evaluate::Score;
use crate::json::Json;

/// Scores on the training and the test examples in one mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// On (up to 2000 of) the training examples.
    pub train: Score,
    /// On the test examples.
    pub test: Score,
}

/// One evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Eval {
    /// Updates made so far.
    pub iter: usize,
    /// Passes over the training set so far (fractional).
    pub epoch: f64,
    /// Mean training loss (with weight decay) since the previous evaluation.
    pub train_loss: f64,
    /// Accuracy on (up to 2000 of) the training examples.
    pub train_acc: f64,
    /// Mean cross-entropy on those training examples, in eval mode and
    /// without weight decay.
    pub train_eval_loss: f64,
    /// Accuracy on the validation examples, if any.
    pub val_acc: Option<f64>,
    /// Mean cross-entropy on the validation examples, if any.
    pub val_loss: Option<f64>,
    /// Accuracy on the test examples.
    pub test_acc: f64,
    /// Mean cross-entropy on the test examples.
    pub test_loss: f64,
    /// Learning rate of the last update.
    pub lr: f64,
    /// ‖ΔW‖/‖W‖ of each weight matrix at the last update (≈ 1e-3 is healthy).
    pub update_ratios: Vec<f64>,
    /// For a network with batch norm or dropout, the same scores in train
    /// mode (batch statistics of training-size batches, dropout on); the
    /// fields above are eval mode's. Every fifth evaluation and the last.
    pub train_mode: Option<Scores>,
    /// With Polyak averaging: the moving average of the weights, on the
    /// test examples (eval mode).
    pub ema: Option<Score>,
    /// With warm restarts: how many snapshots (one per finished cycle) and
    /// their ensemble on the test examples.
    pub snapshots: Option<(usize, Score)>,
}

/// Why a run stopped before its end.
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// It ran to the end.
    Finished,
    /// The loss became NaN or infinite, or grew past 3× the initial loss.
    Diverged(String),
    /// Validation accuracy stopped improving.
    EarlyStopped(String),
}

impl Scores {
    /// `{train_acc, train_loss, test_acc, test_loss}`.
    pub fn json(&self) -> Json {
        Json::obj([
            ("train_acc", self.train.accuracy.into()),
            ("train_loss", self.train.loss.into()),
            ("test_acc", self.test.accuracy.into()),
            ("test_loss", self.test.loss.into()),
        ])
    }
}

impl Eval {
    /// The scores in eval mode.
    pub fn eval_mode(&self) -> Scores {
        Scores {
            train: Score {
                accuracy: self.train_acc,
                loss: self.train_eval_loss,
            },
            test: Score {
                accuracy: self.test_acc,
                loss: self.test_loss,
            },
        }
    }

    /// The evaluation as JSON, absent fields left out: `iter`, `epoch`,
    /// `train_loss` (of the updates), `train_acc`, `train_eval_loss`,
    /// `val_acc` and `val_loss` (with a validation set), `test_acc`,
    /// `test_loss`, `lr`, `update_ratios`, `train_mode` (the scores in
    /// train mode, when computed), `ema` and `snapshots` (`count`,
    /// `test_acc`, `test_loss`), when kept.
    pub fn json(&self) -> Json {
        let mut fields = vec![
            ("iter", self.iter.into()),
            ("epoch", self.epoch.into()),
            ("train_loss", self.train_loss.into()),
            ("train_acc", self.train_acc.into()),
            ("train_eval_loss", self.train_eval_loss.into()),
        ];
        if let (Some(v), Some(l)) = (self.val_acc, self.val_loss) {
            fields.push(("val_acc", v.into()));
            fields.push(("val_loss", l.into()));
        }
        fields.extend([
            ("test_acc", self.test_acc.into()),
            ("test_loss", self.test_loss.into()),
            ("lr", self.lr.into()),
            ("update_ratios", Json::nums(&self.update_ratios)),
        ]);
        if let Some(m) = &self.train_mode {
            fields.push(("train_mode", m.json()));
        }
        if let Some(e) = &self.ema {
            fields.push((
                "ema",
                Json::obj([
                    ("test_acc", e.accuracy.into()),
                    ("test_loss", e.loss.into()),
                ]),
            ));
        }
        if let Some((count, s)) = &self.snapshots {
            fields.push((
                "snapshots",
                Json::obj([
                    ("count", (*count).into()),
                    ("test_acc", s.accuracy.into()),
                    ("test_loss", s.loss.into()),
                ]),
            ));
        }
        Json::obj(fields)
    }
}
