//! The loss landscape on real digits: the grid's origin is the loss of the
//! weights there, computed directly; each run's projection is the nearest
//! point of the plane; and recording the weights does not change a run.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::data::bundle;
use descent::landscape::scorer::PlaneScorer;
use descent::landscape::study::{layout, plane_of, score_at, Directions, Landscape, RunPath};
use descent::landscape::{flatten, set_flat};
use descent::optim::{Hyper, Kind};
use descent::train::config::{Length, TrainConfig};
use descent::train::evaluate::{self, Pass};
use descent::train::Trainer;
use std::sync::Arc;

fn digits() -> Arc<descent::data::Digits> {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.bin"))
        .expect("www/data/digits.bin exists (scripts/setup.sh makes it)");
    Arc::new(bundle::parse(&bytes).unwrap())
}

fn config(kind: Kind) -> TrainConfig {
    TrainConfig {
        hidden: vec![30, 30],
        optimizer: kind,
        hyper: Hyper::book(kind),
        train_size: Some(600),
        length: Length::Iterations(60),
        eval_every: 10,
        batch_norm: true,
        ..TrainConfig::default()
    }
}

fn trained(
    kind: Kind,
    digits: &Arc<descent::data::Digits>,
    record: bool,
) -> (Trainer, Vec<(usize, Vec<f32>)>) {
    let mut t = Trainer::on(config(kind), digits.clone(), None).unwrap();
    if record {
        t.record_path();
    }
    while t.stopped().is_none() {
        t.step(100);
    }
    let path = t.take_path();
    (t, path)
}

#[test]
fn the_plane_holds_the_runs_and_its_origin_is_the_loss_there() {
    let digits = digits();
    let (sgd, sgd_path) = trained(Kind::Sgd, &digits, true);
    let (adam, adam_path) = trained(Kind::Adam, &digits, true);
    // The start and every tenth update of 60.
    assert_eq!(
        sgd_path.iter().map(|(u, _)| *u).collect::<Vec<_>>(),
        vec![0, 10, 20, 30, 40, 50, 60]
    );
    assert_eq!(sgd_path[0].1, adam_path[0].1, "one seed, one start");
    assert_eq!(sgd_path.last().unwrap().1, flatten(sgd.net()));
    // Recording changes nothing of the run.
    let (plain, _) = trained(Kind::Sgd, &digits, false);
    assert_eq!(flatten(plain.net()), flatten(sgd.net()));

    let runs = vec![
        RunPath {
            name: "SGD".into(),
            path: sgd_path,
        },
        RunPath {
            name: "Adam".into(),
            path: adam_path,
        },
    ];
    let finals = [sgd.net(), adam.net()];
    let directions = Directions::Pca;
    let plane = plane_of(&runs, &finals, directions).unwrap();
    let (grid, paths) = layout(&plane, &runs, 5, directions);
    let mut l = Landscape { plane, grid, paths };
    let data = Trainer::data_for(&config(Kind::Sgd), digits.clone(), None).unwrap();
    let indices: Vec<usize> = data.train.iter().copied().take(200).collect();
    let mut net = adam.net().clone();
    let plane = l.plane.clone();
    for level in l.grid.levels() {
        l.grid.fill(&plane, &level, |w| {
            score_at(&mut net, &data, &indices, w).loss
        });
    }
    // The centre node is the plane's origin, the mean of the recorded weights:
    // its value is that network's loss, computed directly.
    let mut direct = adam.net().clone();
    set_flat(&mut direct, &l.plane.origin);
    let loss = evaluate::score(&mut direct, &data, &indices, Pass::Eval, 0).loss;
    let centre = l.grid.values[2 * 5 + 2];
    assert!((centre - loss).abs() < 1e-9, "{centre} vs {loss}");
    // Each run's final point: the plane's point at its coordinates is the
    // nearest one (the rest is orthogonal to both directions), and every
    // path lies inside the grid.
    for (r, p) in runs.iter().zip(&l.paths) {
        let w = &r.path.last().unwrap().1;
        let [a, b] = *p.last().unwrap();
        let q = l.plane.at(a, b);
        for d in &l.plane.dirs {
            let along: f64 = d
                .iter()
                .zip(w.iter().zip(&q))
                .map(|(d, (x, y))| f64::from(*d) * f64::from(x - y))
                .sum();
            assert!(along.abs() < 1e-3, "{}: {along}", r.name);
        }
        assert!(p
            .iter()
            .all(|c| c[0].abs() <= l.grid.x.1 && c[1].abs() <= l.grid.y.1));
    }
    // Two runs that part ways span a plane that holds most of their variance.
    let e = l.plane.explained.unwrap();
    assert!(e[0] + e[1] > 0.6 && e[0] >= e[1], "{e:?}");
    // The fast scorer (three first-layer products made once) gives the
    // direct loss at any point, with batch norm and without.
    let mut fast = PlaneScorer::new(adam.net(), &data, &indices, &l.plane);
    for (a, b) in [
        (0.0, 0.0),
        (l.grid.x.1, l.grid.y.0),
        (-0.3 * l.grid.x.1, 0.7 * l.grid.y.1),
    ] {
        let w = l.plane.at(a, b);
        let (quick, slow) = (
            fast.score((a, b), &w),
            score_at(&mut net, &data, &indices, &w),
        );
        assert!(
            (quick.loss - slow.loss).abs() < 1e-4 * slow.loss.max(1.0),
            "{quick:?} vs {slow:?}"
        );
        assert!(
            (quick.accuracy - slow.accuracy).abs() <= 1.0 / 200.0,
            "{quick:?} vs {slow:?}"
        );
    }
    let mut plain_cfg = config(Kind::Sgd);
    plain_cfg.batch_norm = false;
    let plain_net = Trainer::on(plain_cfg, digits.clone(), None)
        .unwrap()
        .net()
        .clone();
    let random = descent::landscape::Plane::random(&plain_net, 3);
    let mut fast = PlaneScorer::new(&plain_net, &data, &indices, &random);
    let mut direct = plain_net.clone();
    for (a, b) in [(0.0, 0.0), (0.8, -0.5)] {
        let w = random.at(a, b);
        let (quick, slow) = (
            fast.score((a, b), &w),
            score_at(&mut direct, &data, &indices, &w),
        );
        assert!(
            (quick.loss - slow.loss).abs() < 1e-4 * slow.loss.max(1.0),
            "{quick:?} vs {slow:?}"
        );
    }
    // A line's ends are its two networks.
    let (from, to) = (&runs[0].path[0].1, &runs[1].path.last().unwrap().1);
    let along = descent::landscape::study::line_scores(
        adam.net(),
        &data,
        &indices,
        (from, to),
        &[0.0, 1.0],
    );
    for (s, w) in along.iter().zip([from, to]) {
        let direct = score_at(&mut net, &data, &indices, w);
        assert!(
            (s.loss - direct.loss).abs() < 1e-4 * direct.loss.max(1.0),
            "{s:?} vs {direct:?}"
        );
    }
    // The trained ends are lower than the start, on the grid's own loss.
    let start = score_at(&mut net, &data, &indices, &runs[0].path[0].1).loss;
    let end = score_at(&mut net, &data, &indices, &runs[1].path.last().unwrap().1).loss;
    assert!(end < start, "{end} vs {start}");
}

/// The sharpness by the Lanczos iteration. With tanh (a smooth loss) it is
/// the curvature a second difference of the loss itself (forward passes
/// only, no gradient) measures along the direction found. With ReLU, the
/// products are of the smooth piece the weights lie on: the direction is an
/// eigenvector of them. No random direction curves more, and the products
/// are of a symmetric matrix.
#[test]
fn the_sharpest_direction_is_the_curvature_the_loss_itself_shows() {
    use descent::landscape::sharpness::{along, sharpness, Curvature};
    use descent::nn::activation::Activation;
    let digits = digits();
    for activation in [Activation::Tanh, Activation::Relu] {
        let mut cfg = config(Kind::Sgd);
        cfg.batch_norm = false;
        cfg.activation = activation;
        let mut t = Trainer::on(cfg.clone(), digits.clone(), None).unwrap();
        while t.stopped().is_none() {
            t.step(100);
        }
        let net = t.net().clone();
        let data = Trainer::data_for(&cfg, digits.clone(), None).unwrap();
        let indices: Vec<usize> = data.train.iter().copied().take(200).collect();
        let w = flatten(&net);
        let mut curvature = Curvature::new(&net, &data, &indices);
        let s = sharpness(&mut curvature, &w, (60, 1e-6), 1).unwrap();
        let what = format!(
            "{activation:?}: λ {} (smallest {}), {} products, residual {}",
            s.lambda, s.lambda_min, s.iterations, s.residual
        );
        assert!(s.lambda > 0.0 && s.residual < 0.01, "{what}");
        let dot = |a: &[f32], b: &[f32]| -> f64 {
            a.iter()
                .zip(b)
                .map(|(x, y)| f64::from(*x) * f64::from(*y))
                .sum()
        };
        assert!((dot(&s.direction, &s.direction) - 1.0).abs() < 1e-4);
        // vᵀHv by a product of its own is λ.
        let hv = curvature.hvp(&w, &s.direction);
        assert!(
            (dot(&s.direction, &hv) - s.lambda).abs() < 1e-3 * s.lambda,
            "{what}"
        );
        if activation == Activation::Tanh {
            // (L(w + hv) − 2L(w) + L(w − hv)) / h², by the evaluation's forward pass.
            let mut probe = net.clone();
            let mut loss_at = |t: f64| {
                let p: Vec<f32> = w
                    .iter()
                    .zip(&s.direction)
                    .map(|(a, d)| a + (t as f32) * d)
                    .collect();
                score_at(&mut probe, &data, &indices, &p).loss
            };
            let h = 0.2 / s.lambda.sqrt();
            let second = (loss_at(h) - 2.0 * loss_at(0.0) + loss_at(-h)) / (h * h);
            assert!(
                (second - s.lambda).abs() < 0.05 * s.lambda,
                "{what}; second difference {second}"
            );
        }
        // Random unit directions curve less; uᵀ(Hv) = vᵀ(Hu).
        let mut rng = descent::rng::Rng::seeded(9);
        let mut unit_random = || {
            let v: Vec<f32> = (0..w.len()).map(|_| rng.normal() as f32).collect();
            let n = v.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
            v.iter()
                .map(|x| (f64::from(*x) / n) as f32)
                .collect::<Vec<f32>>()
        };
        let (u, v) = (unit_random(), unit_random());
        let (hu, hv) = (curvature.hvp(&w, &u), curvature.hvp(&w, &v));
        assert!(dot(&u, &hu) < s.lambda && dot(&v, &hv) < s.lambda, "{what}");
        let (uhv, vhu) = (dot(&u, &hv), dot(&v, &hu));
        assert!(
            (uhv - vhu).abs() < 1e-3 * dot(&u, &hu).abs().max(dot(&v, &hv).abs()),
            "{what}: {uhv} vs {vhu}"
        );
        // Along the direction the quadratic model meets the loss at its centre
        // and rises by 2 at t = ±2/√λ.
        let a = along(&mut curvature, &w, &s, 11);
        assert_eq!(a.t.len(), 11);
        assert!((a.loss[5] - a.quadratic[5]).abs() < 1e-9);
        let rise = (a.quadratic[0] + a.quadratic[10]) / 2.0 - a.quadratic[5];
        assert!((rise - 2.0).abs() < 1e-9, "{rise}");
    }
}
