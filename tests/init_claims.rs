//! The lecture's claims about initialization (section B of LECTURE-MAP.md),
//! held over several seeds of the book's experiment: 5 layers × 100 neurons,
//! 1000 N(0, 1) samples, 30 bins.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::init::experiment::{run, Config, LayerStats};
use descent::nn::Activation;
use descent::nn::Scheme;

const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];

fn stats(activation: Activation, scheme: Scheme, batch_norm: bool, seed: u64) -> Vec<LayerStats> {
    let c = Config {
        activation,
        scheme,
        batch_norm,
        seed,
        ..Config::default()
    };
    run(&c, true).unwrap()
}

/// Share of the activations in the outermost bins of the book's 30-bin
/// histogram over [0, 1], i.e. below 1/30 or above 29/30.
fn in_end_bins(s: &LayerStats) -> f64 {
    let c = &s.histogram.counts;
    (c[0] + c[c.len() - 1]) as f64 / c.iter().sum::<usize>() as f64
}

#[test]
fn sigmoid_with_std_1_piles_up_at_0_and_1() {
    // Pre-activations have std ≈ 10 in layer 1 and ≈ 6 later, so
    // P(σ(a) < 1/30 or > 29/30) = P(|a| > 3.37) ≈ 0.6 and more.
    for seed in SEEDS {
        for (l, s) in stats(Activation::Sigmoid, Scheme::Std(1.0), false, seed)
            .iter()
            .enumerate()
        {
            assert!(
                in_end_bins(s) > 0.5,
                "seed {seed} layer {}: {}",
                l + 1,
                in_end_bins(s)
            );
            assert!(
                s.saturated > 0.4,
                "seed {seed} layer {}: {}",
                l + 1,
                s.saturated
            );
        }
    }
}

#[test]
fn sigmoid_with_std_0_01_collapses_near_one_half() {
    for seed in SEEDS {
        let s = stats(Activation::Sigmoid, Scheme::Std(0.01), false, seed);
        let last = s.last().unwrap();
        assert!(
            (last.mean - 0.5).abs() < 0.01,
            "seed {seed}: mean {}",
            last.mean
        );
        assert!(last.std < 0.02, "seed {seed}: std {}", last.std);
        // And the gradient vanishes on its way down: layer 1's is far smaller.
        assert!(s[0].grad_std.unwrap() < 1e-3 * s[4].grad_std.unwrap());
    }
}

#[test]
fn xavier_keeps_sigmoid_activations_spread() {
    for seed in SEEDS {
        for s in stats(Activation::Sigmoid, Scheme::Xavier, false, seed) {
            assert!(s.std > 0.08, "seed {seed}: std {}", s.std);
            assert!(s.saturated < 0.01);
        }
    }
}

#[test]
fn relu_needs_he() {
    for seed in SEEDS {
        let ratio = |scheme| {
            let s = stats(Activation::Relu, scheme, false, seed);
            s[4].std / s[0].std
        };
        let (he, xavier, small) = (
            ratio(Scheme::He),
            ratio(Scheme::Xavier),
            ratio(Scheme::Std(0.01)),
        );
        // He: each layer keeps the variance (×2/n·n/2); Xavier halves it per
        // layer (std × 0.71, so ≈ 0.25 after four more layers); 0.01 kills it.
        assert!(he > 0.6 && he < 1.5, "seed {seed}: He ratio {he}");
        assert!(xavier < 0.4, "seed {seed}: Xavier ratio {xavier}");
        assert!(small < 0.01, "seed {seed}: std 0.01 ratio {small}");
    }
}

#[test]
fn batch_norm_restores_unit_scale() {
    for seed in SEEDS {
        for scheme in [Scheme::Std(1.0), Scheme::Std(0.01)] {
            for s in stats(Activation::Sigmoid, scheme, true, seed) {
                // 1 up to the ε of batch norm (1e-5) against tiny variances under std 0.01.
                assert!((s.pre_std - 1.0).abs() < 0.02, "seed {seed}: {}", s.pre_std);
                assert!(s.saturated < 0.01);
            }
        }
    }
}

#[test]
fn zero_init_leaves_every_neuron_identical() {
    for act in Activation::ALL {
        for s in stats(act, Scheme::Zeros, false, 1) {
            assert!(s.identical, "{act:?}");
        }
    }
    assert!(stats(Activation::Sigmoid, Scheme::Xavier, false, 1)
        .iter()
        .all(|s| !s.identical));
}
