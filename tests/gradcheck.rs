//! Finite-difference gradient checks of every layer, in f64, through the
//! whole network: affine, each activation, batch norm, dropout, softmax with
//! cross-entropy, and each weight decay. Relative error < 1e-4 everywhere.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::nn::mlp::{Decay, DropoutStyle, Mlp, MlpSpec};
use descent::nn::Activation;
use descent::nn::Scheme;
use descent::rng::Rng;
use nalgebra::DMatrix;

fn check(activation: Activation, batch_norm: bool, dropout: f64, decay: Decay) {
    check_style(activation, batch_norm, dropout, DropoutStyle::Book, decay);
}

fn check_style(
    activation: Activation,
    batch_norm: bool,
    dropout: f64,
    dropout_style: DropoutStyle,
    decay: Decay,
) {
    let spec = MlpSpec {
        input: 6,
        hidden: vec![5, 4],
        output: 3,
        activation,
        init: Scheme::Std(0.7),
        batch_norm,
        dropout,
        dropout_style,
    };
    let mut rng = Rng::seeded(11);
    let mut net = Mlp::<f64>::new(spec, &mut rng).unwrap();
    // Perturb biases, γ and β away from 0 and 1 so their gradients are generic.
    for p in &mut net.params {
        if !p.decay {
            p.value.iter_mut().for_each(|v| *v += 0.3 * rng.normal());
        }
    }
    let x = DMatrix::from_fn(7, 6, |_, _| rng.normal());
    // Soft targets (as mixup makes) exercise the general cross-entropy.
    let targets = DMatrix::from_fn(7, 3, |i, j| {
        [[0.7, 0.3, 0.0], [0.0, 0.0, 1.0], [0.2, 0.2, 0.6]][i % 3][j]
    });
    const MASK_SEED: u64 = 99;

    let loss = |net: &mut Mlp<f64>| -> f64 {
        let data = net.train_batch(&x, &targets, &mut Rng::seeded(MASK_SEED));
        data + decay.penalty(&net.params)
    };
    loss(&mut net);
    decay.apply(&mut net.params);
    let analytic: Vec<DMatrix<f64>> = net.params.iter().map(|p| p.grad.clone()).collect();

    let h = 1e-6;
    for (pi, grad) in analytic.iter().enumerate() {
        for idx in 0..grad.len() {
            let original = net.params[pi].value[idx];
            net.params[pi].value[idx] = original + h;
            let plus = loss(&mut net);
            net.params[pi].value[idx] = original - h;
            let minus = loss(&mut net);
            net.params[pi].value[idx] = original;
            let numeric = (plus - minus) / (2.0 * h);
            let exact = grad[idx];
            // Relative error, with a floor for gradients that are 0 in exact arithmetic
            // (a bias right before batch norm), where both sides are rounding noise.
            let err = (numeric - exact).abs() / numeric.abs().max(exact.abs()).max(1e-5);
            assert!(
                err < 1e-4,
                "{activation:?} bn={batch_norm} dropout={dropout} {dropout_style:?} {decay:?}: param {pi}[{idx}] numeric {numeric} vs analytic {exact}"
            );
        }
    }
}

#[test]
fn affine_and_each_activation() {
    for act in Activation::ALL {
        check(act, false, 0.0, Decay::NONE);
    }
}

#[test]
fn batch_norm() {
    for act in [Activation::Relu, Activation::Tanh, Activation::Sigmoid] {
        check(act, true, 0.0, Decay::NONE);
    }
}

#[test]
fn dropout_in_both_forms() {
    // The book's (no scaling while training) and the inverted (× 1/(1 − p)).
    for style in [DropoutStyle::Book, DropoutStyle::Inverted] {
        check_style(Activation::Relu, false, 0.3, style, Decay::NONE);
        check_style(Activation::Tanh, true, 0.5, style, Decay::NONE);
    }
}

#[test]
fn weight_decay() {
    check(Activation::Tanh, false, 0.0, Decay::l2(0.1));
    check(Activation::Sigmoid, false, 0.0, Decay { l1: 0.05, l2: 0.0 });
    check(Activation::Tanh, true, 0.0, Decay { l1: 0.05, l2: 0.05 });
}
