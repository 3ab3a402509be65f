//! What a run reports: its evaluations, and why it stopped.

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
