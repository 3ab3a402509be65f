//! Finite-difference gradient checks of every layer, in f64, through the
//! whole network: affine, each activation, batch norm, dropout, softmax with
//! cross-entropy, and each weight decay, with dense inputs and with inputs
//! mostly zero as digits are (the first layer's sparse products, see
//! `nn::sparse`). Relative error < 1e-4 everywhere.
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
    check_input(activation, batch_norm, dropout, dropout_style, decay, false);
}

/// `blank`: three inputs in four are 0, so that the first layer takes the
/// sparse products.
fn check_input(
    activation: Activation,
    batch_norm: bool,
    dropout: f64,
    dropout_style: DropoutStyle,
    decay: Decay,
    blank: bool,
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
    let x = DMatrix::from_fn(7, 6, |i, j| {
        let v = rng.normal();
        if blank && (i + 2 * j) % 4 != 0 {
            0.0
        } else {
            v
        }
    });
    let mut listing = descent::nn::sparse::SparseInput::default();
    assert_eq!(
        listing.read(&x),
        blank,
        "the inputs take the products meant"
    );
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
fn inputs_mostly_zero_take_the_sparse_products() {
    for act in [Activation::Relu, Activation::Tanh] {
        check_input(act, false, 0.0, DropoutStyle::Book, Decay::NONE, true);
        check_input(act, true, 0.2, DropoutStyle::Inverted, Decay::l2(0.1), true);
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

/// Frozen lower layers (transfer learning): the layers above get exactly
/// the gradients of the whole network (which the checks above verify), the
/// frozen ones none, and an update leaves them as they were.
#[test]
fn frozen_layers_get_no_gradient_and_no_update() {
    use descent::optim::{Hyper, Kind};
    for batch_norm in [false, true] {
        let spec = MlpSpec {
            input: 6,
            hidden: vec![5, 4, 3],
            output: 3,
            activation: Activation::Tanh,
            init: Scheme::Std(0.7),
            batch_norm,
            dropout: 0.0,
            dropout_style: DropoutStyle::Book,
        };
        let mut rng = Rng::seeded(5);
        let mut net = Mlp::<f64>::new(spec, &mut rng).unwrap();
        let x = DMatrix::from_fn(7, 6, |_, _| rng.normal());
        let targets = DMatrix::from_fn(7, 3, |i, j| f64::from(u8::from(i % 3 == j)));
        net.train_batch(&x, &targets, &mut Rng::seeded(1));
        let whole: Vec<DMatrix<f64>> = net.params.iter().map(|p| p.grad.clone()).collect();
        let per_layer = if batch_norm { 4 } else { 2 };
        for frozen in 1..=3 {
            let mut f = net.clone();
            f.frozen = frozen;
            f.params.iter_mut().for_each(|p| p.grad.fill(0.0));
            f.train_batch(&x, &targets, &mut Rng::seeded(1));
            let first = frozen * per_layer;
            for (i, (p, g)) in f.params.iter().zip(&whole).enumerate() {
                if i < first {
                    assert!(
                        p.grad.iter().all(|&v| v == 0.0),
                        "bn={batch_norm} frozen={frozen}: param {i} has a gradient"
                    );
                } else {
                    assert_eq!(&p.grad, g, "bn={batch_norm} frozen={frozen}: param {i}");
                }
            }
            let before: Vec<DMatrix<f64>> = f.params.iter().map(|p| p.value.clone()).collect();
            f.step(Kind::Sgd, &Hyper::book(Kind::Sgd), 0.1);
            for (i, (p, b)) in f.params.iter().zip(&before).enumerate() {
                assert_eq!(
                    i < first,
                    &p.value == b,
                    "bn={batch_norm} frozen={frozen}: param {i}"
                );
            }
        }
    }
}
