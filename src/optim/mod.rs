//! Optimizers: the update rules of the lecture, each in its own file.
//!
//! Every first-order rule updates a slice of parameters from a slice of
//! gradients of the same length, in any [`Float`]: the optimizer lab moves a
//! point (two parameters, `f64`) and the network updates its weight matrices
//! (`f32`) through exactly this code. The defaults, and the placement of ε,
//! are the book's (*Deep Learning from Scratch*, `common/optimizer.py`).
//! Newton's method needs the Hessian too and lives in [`newton`]; BFGS and
//! L-BFGS need values of f for their line search ([`quasi`]).

mod adadelta;
mod adagrad;
mod adam;
pub mod anatomy;
pub mod bfgs;
pub mod dual;
mod kind;
pub mod lbfgs;
pub mod memory;
mod momentum;
mod nesterov;
pub mod newton;
pub mod param;
pub mod quadratic;
pub mod quasi;
mod rmsprop;
mod sgd;
pub mod surface;
pub mod trajectory;

pub mod expr;
pub mod lab;
pub mod presets;
pub mod runs;

pub use kind::Kind;
pub use param::{Hyper, Param};

use crate::float::Float;

/// The state an optimizer keeps for one parameter slice: up to two buffers
/// the length of the slice (velocity, squared-gradient averages, …) and the
/// number of updates made. Everything starts at zero, as in the book.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot<F> {
    /// First buffer (velocity v, AdaGrad's h, Adam's m, AdaDelta's E[g²]).
    pub a: Vec<F>,
    /// Second buffer (Adam's v, AdaDelta's E[Δw²]).
    pub b: Vec<F>,
    /// Updates made so far.
    pub t: u64,
}

impl<F: Float> Slot<F> {
    /// Zeroed state for `len` parameters.
    pub fn new(len: usize) -> Self {
        Self {
            a: vec![F::ZERO; len],
            b: vec![F::ZERO; len],
            t: 0,
        }
    }
}

/// Applies one update of optimizer `kind` with hyperparameters `h`, using the
/// learning rate `lr` (the base rate, or the schedule's rate for this step).
///
/// # Panics
/// If the slices differ in length (a programming error, not a user's).
pub fn update<F: Float>(
    kind: Kind,
    h: &Hyper,
    slot: &mut Slot<F>,
    params: &mut [F],
    grads: &[F],
    lr: f64,
) {
    assert_eq!(
        params.len(),
        grads.len(),
        "parameters and gradients differ in length"
    );
    if slot.a.len() != params.len() {
        *slot = Slot::new(params.len());
    }
    slot.t += 1;
    let lr = F::of(lr);
    match kind {
        Kind::Sgd => sgd::update(params, grads, lr),
        Kind::Momentum => momentum::update(h, slot, params, grads, lr),
        Kind::Nesterov => nesterov::update(h, slot, params, grads, lr),
        Kind::AdaGrad => adagrad::update(h, slot, params, grads, lr),
        Kind::RmsProp => rmsprop::update(h, slot, params, grads, lr),
        Kind::Adam => adam::update(h, slot, params, grads, lr),
        Kind::AdaDelta => adadelta::update(h, slot, params, grads, lr),
        // Without a Hessian or values of f, the second-order rules fall back
        // to a gradient step; the 2-D lab runs them in `trajectory` instead
        // and the trainer refuses them.
        Kind::Newton | Kind::Bfgs | Kind::Lbfgs => sgd::update(params, grads, lr),
    }
}
