//! Structure-aware property tests of the files a user can give the page: a
//! panic is a bug. Model files with valid checksums and random headers,
//! shapes and values, and sets of four IDX files with random dimensions and
//! counts (gzipped or not), each go through load → inspect → predict →
//! train one step. The only allowed outcomes are success or an error
//! sentence a student can read.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::checksum::fnv1a_words;
use descent::data::scaler::Scaler;
use descent::data::{idx, Digits};
use descent::nn::model_io::{self, INPUTS, OUTPUTS};
use descent::optim::{Hyper, Kind};
use descent::rng::Rng;
use descent::train::inspect::Inspection;
use descent::train::{Length, TrainConfig, Trainer};
use descent::Error;
use nalgebra::DMatrix;
use std::sync::Arc;

/// An error is a sentence: no Rust debug text, no empty message.
fn readable(e: &Error) {
    let m = e.message();
    assert!(!m.is_empty());
    for debug in [
        "Some(",
        "None",
        "Err(",
        "Ok(",
        "panicked",
        "HasMoreOutput",
        "Failed",
        "{:?}",
    ] {
        assert!(!m.contains(debug), "not a sentence: {m}");
    }
    assert!(
        m.ends_with('.') || m.ends_with(')') || m.ends_with('?'),
        "a sentence ends: {m}"
    );
}

fn digits(n: usize, seed: u64) -> Digits {
    let mut rng = Rng::seeded(seed);
    let labels = (0..n).map(|_| rng.below(10) as u8).collect();
    let pixels = (0..n * INPUTS).map(|_| rng.below(256) as u8).collect();
    Digits::new(28, 28, labels, pixels).unwrap()
}

/// A weight: ordinary, or (in a hostile file) sometimes what such a file holds.
fn value(rng: &mut Rng, hostile: bool) -> f32 {
    if !hostile {
        return (rng.normal() * 0.3) as f32;
    }
    match rng.below(4000) {
        0 => f32::NAN,
        1 => f32::INFINITY,
        2 => -f32::INFINITY,
        3 => f32::MAX,
        4 => -1.0,
        _ => (rng.normal() * 0.3) as f32,
    }
}

/// A model file with a valid checksum: mostly the right layout for its
/// header, with some fields and sizes chosen at random.
fn model_file(rng: &mut Rng) -> Vec<u8> {
    let mut out = b"DSCM".to_vec();
    let pick = |rng: &mut Rng, usual: u32, odd: &[u32]| {
        if rng.uniform() < 0.93 {
            usual
        } else {
            odd[rng.below(odd.len())]
        }
    };
    let version = pick(rng, 3, &[0, 1, 2, 4, u32::MAX]);
    let input = pick(rng, INPUTS as u32, &[0, 1, 64, 785, 100_000, u32::MAX]);
    let output = pick(rng, OUTPUTS as u32, &[0, 1, 2, 11, 1000]);
    let usual = 1 + rng.below(3) as u32;
    let layers = pick(rng, usual, &[0, 11, 1000, u32::MAX]);
    let widths: Vec<u32> = (0..layers.min(12))
        .map(|_| {
            let usual = 1 + rng.below(12) as u32;
            pick(rng, usual, &[0, 1001, u32::MAX])
        })
        .collect();
    for v in [version, input, output, layers].iter().chain(&widths) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let usual = rng.below(4) as u32;
    let activation = pick(rng, usual, &[4, 255]) as u8;
    let usual = rng.below(2) as u32;
    let bn = pick(rng, usual, &[2, 255]) as u8;
    out.extend_from_slice(&[activation, bn]);
    // Version 3's dropout form and input scaling.
    let usual = rng.below(4) as u32;
    let scaling = pick(rng, usual, &[4, 255]) as u8;
    if version >= 3 {
        let usual = rng.below(2) as u32;
        let style = pick(rng, usual, &[2, 255]) as u8;
        out.extend_from_slice(&[style, scaling]);
    }
    let dropout = match rng.below(30) {
        0 => f64::NAN,
        1 => 0.99,
        2 => -0.5,
        _ => 0.0,
    };
    out.extend_from_slice(&dropout.to_le_bytes());
    // The parameters the header's network has, sometimes misshapen.
    let hostile = rng.below(8) == 0;
    let mut fan_in = input as usize;
    let mut shapes = Vec::new();
    for &w in &widths {
        let w = w as usize;
        shapes.push((fan_in, w));
        shapes.push((1, w));
        if bn == 1 {
            shapes.push((1, w));
            shapes.push((1, w));
        }
        fan_in = w;
    }
    shapes.push((fan_in, output as usize));
    shapes.push((1, output as usize));
    for (r, c) in shapes {
        let (r, c) = if rng.uniform() < 0.005 {
            (c, r)
        } else {
            (r, c)
        };
        out.extend_from_slice(&(r as u32).to_le_bytes());
        out.extend_from_slice(&(c as u32).to_le_bytes());
        let n = r.saturating_mul(c);
        if n > 200_000 {
            break; // a header that claims a huge network: its weights are missing
        }
        for _ in 0..n {
            out.extend_from_slice(&value(rng, hostile).to_le_bytes());
        }
    }
    if bn == 1 {
        for &w in &widths {
            for _ in 0..2 * w.min(10_000) {
                out.extend_from_slice(&value(rng, hostile).to_le_bytes());
            }
        }
    }
    if version >= 3 {
        // The scaling's statistics: none, a mean and std, or two per pixel;
        // sometimes a standard deviation of 0 or a value that is not finite.
        let stats = match scaling {
            2 => 2,
            3 => 2 * input.min(2000) as usize,
            _ => 0,
        };
        for k in 0..stats {
            let v = if k % 2 == 1 && !hostile {
                0.5 + rng.uniform() as f32
            } else {
                value(rng, hostile)
            };
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    match rng.below(20) {
        0 => out.truncate(rng.below(out.len() + 1)),
        1 => out.extend_from_slice(&[0; 7]),
        _ => {}
    }
    let sum = fnv1a_words(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

#[test]
fn ten_thousand_model_files_load_or_explain() {
    let set = Arc::new(digits(30, 1));
    let mut rng = Rng::seeded(20261202);
    let (mut loaded, mut refused) = (0, 0);
    for _ in 0..10_000 {
        let file = model_file(&mut rng);
        match Inspection::new(&file, set.clone(), Some(10)) {
            Ok(mut inspection) => {
                loaded += 1;
                while !inspection.score(7) {}
                for tally in &inspection.tallies {
                    let total: usize = tally.matrix.iter().flatten().sum();
                    assert_eq!(total, 10, "every test digit is scored once in each pass");
                }
                let ink: Vec<f32> = (0..64).map(|_| rng.uniform() as f32).collect();
                let p = inspection.predict(&ink, 8, 8);
                assert_eq!(p.len(), 10);
                // One training step from the loaded weights.
                let net = &mut inspection.net;
                let x = DMatrix::from_fn(4, INPUTS, |_, _| rng.uniform() as f32);
                let t = DMatrix::from_fn(4, 10, |i, j| f32::from(u8::from(i % 10 == j)));
                net.train_batch(&x, &t, &mut rng);
                net.step(Kind::Sgd, &Hyper::book(Kind::Sgd), 0.01);
                // Saved again, it loads again, or (weights pushed past f32 by
                // the step) is explained.
                let finite = net
                    .params
                    .iter()
                    .all(|p| p.value.iter().all(|v| v.is_finite()));
                match model_io::load::<f32>(&model_io::save(net, &Scaler::Unit, None)) {
                    Ok(_) => assert!(finite),
                    Err(e) => {
                        assert!(!finite);
                        readable(&e);
                    }
                }
            }
            Err(e) => {
                refused += 1;
                readable(&e);
            }
        }
    }
    assert!(
        loaded > 1000 && refused > 1000,
        "loaded {loaded}, refused {refused}"
    );
}

/// An IDX file of `count` images of `rows × cols`, or labels, sometimes
/// misdeclared, sometimes gzipped.
fn idx_pair(rng: &mut Rng, count: usize, rows: usize, cols: usize) -> (Vec<u8>, Vec<u8>) {
    let labels: Vec<u8> = (0..count)
        .map(|_| {
            if rng.below(50) == 0 {
                10 + rng.below(200) as u8
            } else {
                rng.below(10) as u8
            }
        })
        .collect();
    let mut images = vec![0, 0, 8, 3];
    let declared = if rng.below(30) == 0 { count + 1 } else { count };
    for d in [declared, rows, cols] {
        images.extend_from_slice(&(d as u32).to_be_bytes());
    }
    images.extend((0..count * rows * cols).map(|_| rng.below(256) as u8));
    let mut label_file = vec![0, 0, 8, 1];
    label_file.extend_from_slice(&(count as u32).to_be_bytes());
    label_file.extend_from_slice(&labels);
    for file in [&mut images, &mut label_file] {
        match rng.below(25) {
            0 => file.truncate(rng.below(file.len() + 1)),
            1 => file[rng.below(4)] = rng.below(256) as u8,
            2 => *file = gzip(file),
            3 => {
                let mut g = gzip(file);
                let n = g.len();
                g.truncate(rng.below(n));
                *file = g;
            }
            _ => {}
        }
    }
    (images, label_file)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(bytes, 1));
    out.extend_from_slice(&descent::checksum::crc32(bytes).to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

#[test]
fn ten_thousand_idx_sets_load_or_explain() {
    let mut rng = Rng::seeded(20261203);
    let config = TrainConfig {
        hidden: vec![6],
        batch: 4,
        length: Length::Iterations(1),
        eval_every: 1000,
        ..TrainConfig::default()
    };
    let (mut trained, mut refused) = (0, 0);
    for _ in 0..10_000 {
        let side = |rng: &mut Rng| {
            if rng.uniform() < 0.8 {
                28
            } else {
                rng.below(40)
            }
        };
        let (r, c) = (side(&mut rng), side(&mut rng));
        let (n_train, n_test) = (rng.below(24), rng.below(8));
        let (train_i, train_l) = idx_pair(&mut rng, n_train, r, c);
        let (test_i, test_l) = idx_pair(&mut rng, n_test, r, c);
        match idx::parse_mnist(&train_i, &train_l, &test_i, &test_l) {
            Ok((digits, test)) => {
                let digits = Arc::new(digits);
                match Trainer::on(config.clone(), digits.clone(), Some(test)) {
                    Ok(mut t) => {
                        t.step(1);
                        let model = t.model();
                        let mut inspection = Inspection::new(&model, digits, Some(test)).unwrap();
                        while !inspection.score(5) {}
                        assert_eq!(inspection.predict(&[1.0; 16], 4, 4).len(), 10);
                        trained += 1;
                    }
                    Err(e) => {
                        refused += 1;
                        readable(&e);
                    }
                }
            }
            Err(e) => {
                refused += 1;
                readable(&e);
            }
        }
    }
    assert!(
        trained > 1000 && refused > 1000,
        "trained {trained}, refused {refused}"
    );
}
