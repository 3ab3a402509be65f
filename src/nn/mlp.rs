//! A multi-layer perceptron: (affine → [batch norm] → activation → [dropout])
//! per hidden layer, then affine → softmax with cross-entropy.
//!
//! Every parameter carries its gradient and its optimizer state, so one loop
//! updates them all with the optimizer lab's own update rules. Buffers are
//! kept per batch size, so a training step allocates nothing once warm.

pub use super::decay::Decay;
pub use super::dropout::DropoutStyle;
use super::gemm::Scalar;
use super::layers::{affine_backward, affine_forward, softmax_cross_entropy, BatchNormState};
use super::Activation;
use crate::error::Result;
use crate::fail;
use crate::nn::Scheme;
use crate::optim::{update, Hyper, Kind, Slot};
use crate::rng::Rng;
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
    fn new(value: DMatrix<F>, decay: bool) -> Self {
        Self {
            grad: DMatrix::from_element(0, 0, F::ZERO),
            slot: Slot::new(0),
            value,
            decay,
        }
    }
}

/// Per-batch-size working memory of one hidden layer.
#[derive(Debug, Clone)]
struct LayerBuf<F: Scalar> {
    a: DMatrix<F>,
    z: DMatrix<F>,
    h: DMatrix<F>,
    out: DMatrix<F>,
    mask: DMatrix<F>,
    d: DMatrix<F>,
}

#[derive(Debug, Clone)]
struct Buffers<F: Scalar> {
    rows: usize,
    layers: Vec<LayerBuf<F>>,
    logits: DMatrix<F>,
    probs: DMatrix<F>,
    d_logits: DMatrix<F>,
}

/// The network.
#[derive(Debug, Clone)]
pub struct Mlp<F: Scalar> {
    /// Its shape.
    pub spec: MlpSpec,
    /// Per hidden layer: W, b, then γ, β with batch norm; last: W, b.
    pub params: Vec<Param<F>>,
    /// Batch-norm running statistics per hidden layer.
    pub bn: Vec<BatchNormState<F>>,
    /// The lowest hidden layers that training leaves as they are (their
    /// weights, biases, γ and β): 0 trains everything; the number of hidden
    /// layers trains the output layer alone.
    pub frozen: usize,
    buffers: Option<Buffers<F>>,
    /// Buffers of other batch sizes used lately (training's and
    /// evaluation's pieces alternate; remaking them each time was 5 % of a
    /// hyperparameter search, zeroing memory), the most recent last.
    spare: Vec<Buffers<F>>,
}

fn zeros<F: Scalar>(r: usize, c: usize) -> DMatrix<F> {
    DMatrix::from_element(r, c, F::ZERO)
}

impl<F: Scalar> Mlp<F> {
    /// A network with weights drawn from `spec.init` and zero biases.
    pub fn new(spec: MlpSpec, rng: &mut Rng) -> Result<Self> {
        let sigma = |fan_in: usize| spec.init.sigma(fan_in);
        let draw = |fan_in: usize, units: usize| {
            let s = sigma(fan_in);
            DMatrix::from_fn(fan_in, units, |_, _| F::of(rng.normal() * s))
        };
        Self::with_weights(spec.clone(), draw)
    }

    /// A network of `spec` whose weights are all zero, to be filled (as
    /// from a model file) without drawing any random number.
    pub fn zeroed(spec: MlpSpec) -> Result<Self> {
        Self::with_weights(spec, zeros)
    }

    /// A network with each weight matrix from `weights(fan_in, units)` and
    /// zero biases (γ = 1, β = 0 with batch norm).
    fn with_weights(
        spec: MlpSpec,
        mut weights: impl FnMut(usize, usize) -> DMatrix<F>,
    ) -> Result<Self> {
        spec.validate()?;
        let mut params = Vec::new();
        let mut bn = Vec::new();
        let mut fan_in = spec.input;
        let mut affine = |params: &mut Vec<Param<F>>, fan_in: usize, units: usize| {
            params.push(Param::new(weights(fan_in, units), true));
            params.push(Param::new(zeros(1, units), false));
        };
        for &units in &spec.hidden {
            affine(&mut params, fan_in, units);
            if spec.batch_norm {
                params.push(Param::new(DMatrix::from_element(1, units, F::ONE), false));
                params.push(Param::new(zeros(1, units), false));
                bn.push(BatchNormState::new(units));
            }
            fan_in = units;
        }
        affine(&mut params, fan_in, spec.output);
        Ok(Self {
            spec,
            params,
            bn,
            frozen: 0,
            buffers: None,
            spare: Vec::new(),
        })
    }

    /// A network for a new task from `source` (transfer learning, seed 001):
    /// its first `keep` hidden layers as they are (weights, biases, γ, β and
    /// batch-norm averages), then a new output layer drawn from `head_init`
    /// on top of layer `keep`. `keep` is at least 1 and at most the source's
    /// hidden layers.
    pub fn reuse(source: &Mlp<F>, keep: usize, head_init: Scheme, rng: &mut Rng) -> Result<Self> {
        let keep = keep.clamp(1, source.spec.hidden.len().max(1));
        let spec = MlpSpec {
            hidden: source.spec.hidden[..keep].to_vec(),
            init: head_init,
            ..source.spec.clone()
        };
        let mut net = Self::new(spec, rng)?;
        let end = net.first_param(keep);
        for (mine, theirs) in net.params[..end].iter_mut().zip(&source.params[..end]) {
            mine.value.copy_from(&theirs.value);
        }
        for (mine, theirs) in net.bn.iter_mut().zip(&source.bn) {
            mine.mean.clone_from(&theirs.mean);
            mine.var.clone_from(&theirs.var);
        }
        Ok(net)
    }

    /// Index of hidden layer `l`'s W in `params`.
    fn first_param(&self, l: usize) -> usize {
        l * if self.spec.batch_norm { 4 } else { 2 }
    }

    fn ensure_buffers(&mut self, rows: usize) {
        if self.buffers.as_ref().is_some_and(|b| b.rows == rows) {
            return;
        }
        /// Batch sizes kept besides the current one.
        const KEPT: usize = 3;
        let current = self.buffers.take();
        if let Some(k) = self.spare.iter().position(|b| b.rows == rows) {
            self.buffers = Some(self.spare.remove(k));
            self.spare.extend(current);
            return;
        }
        self.spare.extend(current);
        if self.spare.len() > KEPT {
            self.spare.remove(0);
        }
        let layers = self
            .spec
            .hidden
            .iter()
            .map(|&u| LayerBuf {
                a: zeros(rows, u),
                z: zeros(rows, u),
                h: zeros(rows, u),
                out: zeros(rows, u),
                mask: zeros(rows, u),
                d: zeros(rows, u),
            })
            .collect();
        let o = self.spec.output;
        self.buffers = Some(Buffers {
            rows,
            layers,
            logits: zeros(rows, o),
            probs: zeros(rows, o),
            d_logits: zeros(rows, o),
        });
    }

    /// Runs the network on `x` (one example per row) in `mode`; returns the
    /// logits. Dropout draws its masks from `rng`.
    pub fn forward(&mut self, x: &DMatrix<F>, mode: Mode, rng: &mut Rng) -> &DMatrix<F> {
        self.forward_from(x, None, mode, rng)
    }

    /// [`Mlp::forward`] with the first hidden layer's affine output x·W + b
    /// given (the loss landscape moves W along a plane, where that product
    /// is a sum of three products made once). A network with no hidden
    /// layer takes `first` as its logits.
    pub fn forward_after_first(
        &mut self,
        x: &DMatrix<F>,
        first: &DMatrix<F>,
        mode: Mode,
        rng: &mut Rng,
    ) -> &DMatrix<F> {
        self.forward_from(x, Some(first), mode, rng)
    }

    fn forward_from(
        &mut self,
        x: &DMatrix<F>,
        given: Option<&DMatrix<F>>,
        mode: Mode,
        rng: &mut Rng,
    ) -> &DMatrix<F> {
        self.ensure_buffers(x.nrows());
        let bn_on = self.spec.batch_norm;
        let (act, p, style) = (
            self.spec.activation,
            self.spec.dropout,
            self.spec.dropout_style,
        );
        let train = mode != Mode::Eval;
        let test_scale = F::of(style.test_scale(p));
        let hidden = self.spec.hidden.len();
        let first: Vec<usize> = (0..=hidden).map(|l| self.first_param(l)).collect();
        let Some(buf) = self.buffers.as_mut() else {
            unreachable!("buffers were just made")
        };
        for l in 0..hidden {
            let (done, rest) = buf.layers.split_at_mut(l);
            let lb = &mut rest[0];
            let input = if l == 0 { x } else { &done[l - 1].out };
            let k = first[l];
            match given.filter(|_| l == 0) {
                Some(a) => lb.a.copy_from(a),
                None => affine_forward(
                    input,
                    &self.params[k].value,
                    &self.params[k + 1].value,
                    &mut lb.a,
                ),
            }
            let z = if bn_on {
                let (g, b) = (&self.params[k + 2].value, &self.params[k + 3].value);
                match mode {
                    Mode::Train => self.bn[l].forward_train(&lb.a, g, b, &mut lb.z, true),
                    Mode::Probe => self.bn[l].forward_train(&lb.a, g, b, &mut lb.z, false),
                    Mode::Eval => self.bn[l].forward_eval(&lb.a, g, b, &mut lb.z),
                }
                &lb.z
            } else {
                &lb.a
            };
            act.apply_all(z.as_slice(), lb.h.as_mut_slice());
            if train && p > 0.0 {
                style.mask(&mut lb.mask, p, rng);
                for ((o, &h), &m) in lb
                    .out
                    .as_mut_slice()
                    .iter_mut()
                    .zip(lb.h.as_slice())
                    .zip(lb.mask.as_slice())
                {
                    *o = h * m;
                }
            } else if p > 0.0 && style == DropoutStyle::Book {
                for (o, &h) in lb.out.as_mut_slice().iter_mut().zip(lb.h.as_slice()) {
                    *o = h * test_scale;
                }
            } else {
                lb.out.copy_from(&lb.h);
            }
        }
        let k = first[hidden];
        let last_in = if hidden == 0 {
            x
        } else {
            &buf.layers[hidden - 1].out
        };
        match given.filter(|_| hidden == 0) {
            Some(a) => buf.logits.copy_from(a),
            None => affine_forward(
                last_in,
                &self.params[k].value,
                &self.params[k + 1].value,
                &mut buf.logits,
            ),
        }
        &buf.logits
    }

    /// After a forward pass: hidden layer `l`'s affine output, before batch
    /// norm (one example per row).
    pub fn pre_norm(&self, l: usize) -> Option<&DMatrix<F>> {
        self.buffers.as_ref()?.layers.get(l).map(|b| &b.a)
    }

    /// One training pass on a batch: forward (training mode), the mean
    /// cross-entropy against `targets` (one distribution per row), and every
    /// parameter's gradient. Returns the data loss (without weight decay).
    pub fn train_batch(&mut self, x: &DMatrix<F>, targets: &DMatrix<F>, rng: &mut Rng) -> f64 {
        for p in &mut self.params {
            if p.grad.shape() != p.value.shape() {
                let (r, c) = p.value.shape();
                p.grad = zeros(r, c);
            }
        }
        self.forward(x, Mode::Train, rng);
        let hidden = self.spec.hidden.len();
        let frozen = self.frozen.min(hidden);
        let first: Vec<usize> = (0..=hidden).map(|l| self.first_param(l)).collect();
        let (act, bn_on, drop) = (
            self.spec.activation,
            self.spec.batch_norm,
            self.spec.dropout > 0.0,
        );
        let Some(buf) = self.buffers.as_mut() else {
            unreachable!("forward made the buffers")
        };
        let loss = softmax_cross_entropy(&buf.logits, targets, &mut buf.probs, &mut buf.d_logits);

        // Output layer.
        let k = first[hidden];
        {
            let (w, rest) = self.params[k..].split_at_mut(1);
            if hidden == 0 {
                affine_backward(
                    x,
                    &w[0].value,
                    &buf.d_logits,
                    &mut w[0].grad,
                    &mut rest[0].grad,
                    None,
                );
            } else {
                // Below a frozen layer no gradient is needed.
                let prev = &mut buf.layers[hidden - 1];
                affine_backward(
                    &prev.out,
                    &w[0].value,
                    &buf.d_logits,
                    &mut w[0].grad,
                    &mut rest[0].grad,
                    (frozen < hidden).then_some(&mut prev.d),
                );
            }
        }
        for l in (frozen..hidden).rev() {
            let (before, rest) = buf.layers.split_at_mut(l);
            let lb = &mut rest[0];
            if drop {
                for (d, &m) in lb.d.as_mut_slice().iter_mut().zip(lb.mask.as_slice()) {
                    *d *= m;
                }
            }
            let z = if bn_on { &lb.z } else { &lb.a };
            act.scale_by_derivative(z.as_slice(), lb.h.as_slice(), lb.d.as_mut_slice());
            let k = first[l];
            if bn_on {
                let (head, tail) = self.params[k + 2..].split_at_mut(1);
                self.bn[l].backward(
                    &mut lb.d,
                    &head[0].value,
                    &mut head[0].grad,
                    &mut tail[0].grad,
                );
            }
            let (w, rest) = self.params[k..].split_at_mut(1);
            if l == 0 {
                affine_backward(
                    x,
                    &w[0].value,
                    &lb.d,
                    &mut w[0].grad,
                    &mut rest[0].grad,
                    None,
                );
            } else {
                let prev = &mut before[l - 1];
                affine_backward(
                    &prev.out,
                    &w[0].value,
                    &lb.d,
                    &mut w[0].grad,
                    &mut rest[0].grad,
                    (l > frozen).then_some(&mut prev.d),
                );
            }
        }
        loss
    }

    /// Softmax probabilities of the last forward pass.
    pub fn probabilities(&self) -> Option<&DMatrix<F>> {
        self.buffers.as_ref().map(|b| &b.probs)
    }

    /// Updates every parameter that is not frozen with optimizer `kind`, rate `lr`.
    pub fn step(&mut self, kind: Kind, hyper: &Hyper, lr: f64) {
        let first_trained = self.first_param(self.frozen.min(self.spec.hidden.len()));
        for p in &mut self.params[first_trained..] {
            update(
                kind,
                hyper,
                &mut p.slot,
                p.value.as_mut_slice(),
                p.grad.as_slice(),
                lr,
            );
        }
    }

    /// Drops the working buffers (for a compact snapshot).
    pub fn without_buffers(&self) -> Self {
        Self {
            spec: self.spec.clone(),
            params: self.params.clone(),
            bn: self.bn.clone(),
            frozen: self.frozen,
            buffers: None,
            spare: Vec::new(),
        }
    }
}
