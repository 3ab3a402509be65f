//! Parts, scaling, filling and listing of batches, on small made-up digits.

use super::*;

fn digits() -> Arc<Digits> {
    let n = 100;
    let labels = (0..n).map(|i| (i % 10) as u8).collect();
    let pixels = (0..n * 784).map(|i| (i % 251) as u8).collect();
    Arc::new(Digits::new(28, 28, labels, pixels).unwrap())
}

#[test]
fn parts_and_sizes() {
    let d = Data::new(digits(), None, Some(50), 0.2, Scaling::Unit).unwrap();
    assert_eq!(
        (d.train.len(), d.validation.len(), d.test.len()),
        (40, 10, 20)
    );
    assert!(Data::new(digits(), None, Some(500), 0.2, Scaling::Unit)
        .unwrap_err()
        .message()
        .contains("from 1 to 80 (the digits loaded have 80 for training), got 500"));
    assert!(Data::new(digits(), None, None, 1.0, Scaling::Unit).is_err());
    // A share that rounds to every digit still leaves one to train on.
    assert_eq!(sizes(10, None, 0.99).unwrap(), (1, 9));
}

#[test]
fn fill_scales_and_labels() {
    let d = Data::new(digits(), None, None, 0.0, Scaling::Unit).unwrap();
    let (mut x, mut t) = (DMatrix::<f32>::zeros(2, 784), DMatrix::<f32>::zeros(2, 10));
    d.fill(
        &[3, 7],
        &mut x,
        &mut t,
        Augment::default(),
        &mut Rng::seeded(1),
        &mut Vec::new(),
    );
    assert_eq!(x[(0, 5)], f32::from(d.digits.image(3)[5]) / 255.0);
    assert_eq!(x[(1, 783)], f32::from(d.digits.image(7)[783]) / 255.0);
    assert_eq!(t[(0, 3)], 1.0);
    assert_eq!(t.sum(), 2.0);
}

/// Digits as they are take the lookup: a batch of 37 (a part group at
/// the end) holds, for each scaling the same at every pixel, exactly
/// what scaling each image's pixels one by one gives.
#[test]
fn looked_up_inputs_are_the_scaled_pixels() {
    for scaling in [Scaling::Raw, Scaling::Unit, Scaling::Standard] {
        let d = Data::new(digits(), None, None, 0.0, scaling).unwrap();
        assert!(d.scaler.table().is_some());
        let indices: Vec<usize> = (0..37).map(|i| (i * 11) % 100).collect();
        let mut x = DMatrix::<f32>::from_element(37, 784, f32::NAN);
        let mut t = DMatrix::<f32>::zeros(37, 10);
        let none = Augment::default();
        d.fill(
            &indices,
            &mut x,
            &mut t,
            none,
            &mut Rng::seeded(1),
            &mut Vec::new(),
        );
        for (r, &i) in indices.iter().enumerate() {
            let mut want: Vec<f32> = d.digits.image(i).iter().map(|&p| f32::from(p)).collect();
            d.scaler.scale_all(&mut want);
            let got: Vec<f32> = x.row(r).iter().copied().collect();
            assert_eq!(got, want, "{scaling:?}, example {r}");
            assert_eq!(t[(r, usize::from(d.digits.label(i)))], 1.0);
        }
    }
    let feature = Data::new(digits(), None, None, 0.0, Scaling::Feature).unwrap();
    assert!(feature.scaler.table().is_none(), "per pixel: no table");
}

/// Writing examples in groups changes nothing: a batch of 37 (two whole
/// groups and a part), shifted, rotated, scrambled and standardized per
/// pixel, equals the same examples written one at a time with the same
/// random numbers, and each input is the scaled pixel its order names.
#[test]
fn a_batch_is_its_examples_one_by_one() {
    let mut d = Data::new(digits(), None, None, 0.0, Scaling::Feature).unwrap();
    d.permutation = Some(crate::train::selection::Permutation::seeded(9, 784));
    let augment = Augment {
        shift: true,
        rotate: true,
        ..Augment::default()
    };
    let indices: Vec<usize> = (0..37).map(|i| (i * 7) % 100).collect();
    let (mut x, mut t) = (
        DMatrix::<f32>::zeros(37, 784),
        DMatrix::<f32>::zeros(37, 10),
    );
    let mut rng = Rng::seeded(5);
    d.fill(&indices, &mut x, &mut t, augment, &mut rng, &mut Vec::new());
    let mut rng = Rng::seeded(5);
    for (r, &i) in indices.iter().enumerate() {
        let (mut x1, mut t1) = (DMatrix::<f32>::zeros(1, 784), DMatrix::<f32>::zeros(1, 10));
        d.fill(&[i], &mut x1, &mut t1, augment, &mut rng, &mut Vec::new());
        assert_eq!(x.row(r), x1.row(0), "example {r}");
        assert_eq!(t.row(r), t1.row(0), "label {r}");
    }
    let plain = Augment::default();
    d.fill(&indices, &mut x, &mut t, plain, &mut rng, &mut Vec::new());
    let order = &d.permutation.as_ref().unwrap().order;
    for (r, &i) in indices.iter().enumerate() {
        for j in [0, 5, 400, 783] {
            let p = f32::from(d.digits.image(i)[usize::from(order[j])]);
            assert_eq!(x[(r, j)], d.scaler.scale(p, j), "example {r}, input {j}");
        }
    }
    assert!(x.iter().any(|&v| v != x[(0, 0)]));
}

#[test]
fn the_scaling_is_fitted_to_the_training_digits_only() {
    let d = Data::new(digits(), None, Some(50), 0.2, Scaling::Feature).unwrap();
    assert_eq!(d.scaler, Scaler::fit(Scaling::Feature, &d.digits, &d.train));
    let with_others = [d.train.clone(), d.validation.clone(), d.test.clone()].concat();
    assert_ne!(
        d.scaler,
        Scaler::fit(Scaling::Feature, &d.digits, &with_others)
    );
}

/// A network fed a listed batch (digits as they are, x/255 or raw: blank
/// stays 0) computes what it computes from the batch written out, and a
/// batch that cannot be listed (standardized, mixed up) is written out.
#[test]
fn listed_batches_give_the_network_what_written_ones_do() {
    use crate::nn::mlp::{Mlp, MlpSpec, Mode};
    use crate::nn::sparse::SparseInput;
    // Digits about one pixel in six lit, as real ones.
    let n = 60;
    let labels = (0..n).map(|i| (i % 10) as u8).collect();
    let pixels = (0..n * 784)
        .map(|i| {
            if (i * 7919) % 6 == 0 {
                (i % 255) as u8 + 1
            } else {
                0
            }
        })
        .collect();
    let sparse_digits = Arc::new(Digits::new(28, 28, labels, pixels).unwrap());
    let spec = MlpSpec {
        input: 784,
        hidden: vec![20],
        output: 10,
        activation: crate::nn::Activation::Relu,
        init: crate::nn::Scheme::He,
        batch_norm: false,
        dropout: 0.0,
        dropout_style: crate::nn::mlp::DropoutStyle::Book,
    };
    let indices: Vec<usize> = (0..25).map(|i| (i * 7) % n).collect();
    let mixup = Augment {
        mixup: true,
        ..Augment::default()
    };
    for (scaling, augment, listed) in [
        (Scaling::Unit, Augment::default(), true),
        (Scaling::Raw, Augment::default(), true),
        (Scaling::Standard, Augment::default(), false),
        (Scaling::Unit, mixup, false),
    ] {
        let d = Data::new(sparse_digits.clone(), None, None, 0.0, scaling).unwrap();
        let mut net = Mlp::<f32>::new(spec.clone(), &mut Rng::seeded(2)).unwrap();
        let blank = || {
            (
                DMatrix::<f32>::zeros(25, 784),
                DMatrix::<f32>::zeros(25, 10),
            )
        };
        let (mut x, mut t) = blank();
        d.fill(
            &indices,
            &mut x,
            &mut t,
            augment,
            &mut Rng::seeded(3),
            &mut Vec::new(),
        );
        let want = net.forward(&x, Mode::Eval, &mut Rng::seeded(4)).clone();

        let (mut x2, mut t2) = blank();
        let mut listing = SparseInput::default();
        let r = &mut Rng::seeded(3);
        d.fill_listed(
            &indices,
            &mut x2,
            &mut t2,
            augment,
            r,
            &mut Vec::new(),
            &mut listing,
        );
        assert_eq!(t2, t, "{scaling:?}: labels");
        assert_eq!(x2 == x, !listed, "{scaling:?}: written out unless listed");
        assert_eq!(listing.take_given(25, 784) && listing.is_sparse(), listed);
        if listed {
            let r = &mut Rng::seeded(3);
            d.fill_listed(
                &indices,
                &mut x2,
                &mut t2,
                augment,
                r,
                &mut Vec::new(),
                net.input_listing(),
            );
        }
        let got = net.forward(&x2, Mode::Eval, &mut Rng::seeded(4));
        let diff = (got - &want).abs().max();
        assert!(diff < 1e-4, "{scaling:?}: logits differ by {diff}");
    }
}
