//! A multi-layer perceptron: (affine → [batch norm] → activation → [dropout])
//! per hidden layer, then affine → softmax with cross-entropy.
//!
//! Every parameter carries its gradient and its optimizer state, so one loop
//! updates them all with the optimizer lab's own update rules. Buffers are
//! kept per batch size, so a training step allocates nothing once warm.

use super::buffers::{zeros, Buffers};
pub use super::decay::Decay;
use super::gemm::Scalar;
use super::layers::{affine_backward, affine_forward, softmax_cross_entropy, BatchNormState};
use super::sparse::{input_backward, input_forward, SparseInput};
pub use super::spec::{DropoutStyle, MlpSpec, Mode, Param};
use crate::error::Result;
use crate::nn::Scheme;
use crate::optim::{update, Hyper, Kind};
use crate::rng::Rng;
use nalgebra::DMatrix;

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
    /// The nonzero inputs of the last forward pass, for the products of the
    /// layer that takes the input (see `nn::sparse`).
    input: SparseInput<F>,
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
            input: SparseInput::default(),
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
        Buffers::ensure(&mut self.buffers, &mut self.spare, &self.spec, rows);
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
        if given.is_some() {
            self.input.forget();
        }
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
            let (w, b) = (&self.params[k].value, &self.params[k + 1].value);
            match given.filter(|_| l == 0) {
                Some(a) => lb.a.copy_from(a),
                None if l == 0 => input_forward(&mut self.input, x, w, b, &mut lb.a),
                None => affine_forward(input, w, b, &mut lb.a),
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
        let (w, b) = (&self.params[k].value, &self.params[k + 1].value);
        match given.filter(|_| hidden == 0) {
            Some(a) => buf.logits.copy_from(a),
            None if hidden == 0 => input_forward(&mut self.input, x, w, b, &mut buf.logits),
            None => affine_forward(last_in, w, b, &mut buf.logits),
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
                input_backward(
                    &mut self.input,
                    x,
                    &w[0].value,
                    &buf.d_logits,
                    &mut w[0].grad,
                    &mut rest[0].grad,
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
                input_backward(
                    &mut self.input,
                    x,
                    &w[0].value,
                    &lb.d,
                    &mut w[0].grad,
                    &mut rest[0].grad,
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

    /// Where a batch's nonzero inputs may be listed from its images before
    /// the forward pass that takes it (see `SparseInput::list_images`).
    pub fn input_listing(&mut self) -> &mut SparseInput<F> {
        &mut self.input
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
            input: SparseInput::default(),
        }
    }
}
