//! What a network is: its shape and kind ([`MlpSpec`]), how a forward pass
//! treats batch norm and dropout ([`Mode`]), and a learnable tensor with its
//! gradient and optimizer state ([`Param`]).

pub use super::dropout::DropoutStyle;
use super::gemm::Scalar;
use super::Activation;
use crate::error::Result;
use crate::fail;
use crate::nn::Scheme;
use crate::optim::Slot;
use nalgebra::DMatrix;

/// The shape and kind of a network.
#[derive(Debug, Clone, PartialEq)]
pub struct MlpSpec {
    /// Inputs per example (784 for MNIST).
    pub input: usize,
    /// Units of each hidden layer.
    pub hidden: Vec<usize>,
    /// Classes (10).
    pub output: usize,
    /// Hidden nonlinearity.
    pub activation: Activation,
    /// Weight initialization (σ from each layer's fan-in).
    pub init: Scheme,
    /// Batch norm after each hidden affine layer.
    pub batch_norm: bool,
    /// Dropout ratio after each hidden activation (0 = off).
    pub dropout: f64,
    /// Which form of dropout (see `nn::dropout`).
    pub dropout_style: DropoutStyle,
}

/// How a forward pass treats batch norm and dropout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Training: batch norm normalizes with the batch's own statistics and
    /// updates its running averages; dropout drops units at random.
    Train,
    /// Train mode, looked at: batch statistics and random dropout as in
    /// training, but the running averages are left as they are.
    Probe,
    /// Evaluation: batch norm uses its running averages; dropout drops
    /// nothing (and the book's form scales by 1 − p).
    Eval,
}

impl MlpSpec {
    /// Checks the sizes and ratios.
    pub fn validate(&self) -> Result<()> {
        if self.hidden.is_empty() || self.hidden.len() > 10 {
            fail!(
                "The network needs 1 to 10 hidden layers, got {}.",
                "신경망의 은닉층은 1~10개여야 하는데 {}개입니다.",
                self.hidden.len()
            );
        }
        if let Some(&w) = self.hidden.iter().find(|&&w| !(1..=1000).contains(&w)) {
            fail!(
                "Each hidden layer needs 1 to 1000 units, got {w}.",
                "은닉층마다 뉴런이 1~1000개여야 하는데 {w}개입니다.",
            );
        }
        if !(0.0..0.95).contains(&self.dropout) {
            fail!(
                "The dropout ratio must be at least 0 and below 0.95, got {}.",
                "드롭아웃 비율은 0 이상 0.95 미만이어야 하는데 {}입니다.",
                crate::num::num(self.dropout)
            );
        }
        self.init.validate()
    }
}

/// A learnable tensor with its gradient and optimizer state.
#[derive(Debug, Clone, PartialEq)]
pub struct Param<F: Scalar> {
    /// The values.
    pub value: DMatrix<F>,
    /// dL/dvalue from the last backward pass.
    pub grad: DMatrix<F>,
    /// Weight decay applies (weights yes; biases, γ and β no).
    pub decay: bool,
    /// The optimizer's state for this tensor.
    pub slot: Slot<F>,
}

impl<F: Scalar> Param<F> {
    /// A tensor; its gradient and optimizer state are made at the first
    /// training step (a network that is only inspected never needs them).
    pub(super) fn new(value: DMatrix<F>, decay: bool) -> Self {
        Self {
            grad: DMatrix::from_element(0, 0, F::ZERO),
            slot: Slot::new(0),
            value,
            decay,
        }
    }
}
