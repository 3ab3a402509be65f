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
    let plane = plane_of(&runs, &finals, directions, None).unwrap();
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

/// The optimizer lab's zig-zag on the network (preset `zigzag`; reasoning in
/// `landscape::regime`: one SGD step multiplies the distance across a
/// direction of curvature λ by 1 − ηλ, so the sign flips from one update to
/// the next when ηλ > 1 and never when ηλ < 1). Full batch on the
/// landscape's 1,000 digits from one start: at η 0.1 ηλ at the start is
/// above 1 and most updates reverse the path's step across the valley
/// (native: 76 of 99), at η 0.01 ηλ is below 1 and the path slides in
/// (native: 1 of 99, where it turns round once).
#[test]
fn full_batch_at_eta_above_one_over_lambda_zig_zags_across_the_valley_and_below_slides() {
    use descent::landscape::sharpness::{sharpness, Curvature};
    use descent::landscape::study::sharpest_at;
    use descent::train::plans;
    use descent::train::presets::{plan, Choices};
    let digits = digits();
    let plan = plan("zigzag", &Choices::default()).unwrap();
    assert_eq!(plan.runs.len(), 2);
    let finished: Vec<_> = plans::run_recording(&plan, &digits, None, (2, true))
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let runs: Vec<RunPath> = plan
        .runs
        .iter()
        .zip(&finished)
        .map(|(r, f)| RunPath {
            name: r.name.clone(),
            path: f.path.clone(),
        })
        .collect();
    // Every update recorded, from the same start.
    assert_eq!(runs[0].path.len(), 101);
    assert_eq!(runs[0].path[0].1, runs[1].path[0].1);
    let data = Trainer::data_for(&plan.runs[0].config, digits.clone(), None).unwrap();
    let indices: Vec<usize> = data.train.iter().copied().take(1000).collect();
    assert_eq!(indices.len(), 1000, "the landscape's digits are the batch");
    let net = &finished[0].net;
    let mut curvature = Curvature::new(net, &data, &indices);
    let start = sharpness(&mut curvature, &runs[0].path[0].1, (30, 1e-3), 1).unwrap();
    let lr = |k: usize| plan.runs[k].config.hyper.get(descent::optim::Param::Lr);
    assert!(
        lr(0) * start.lambda > 1.0 && lr(1) * start.lambda < 1.0,
        "λ at the start {}",
        start.lambda
    );

    let sharpest = sharpest_at(&runs[0], net, &data, &indices).unwrap();
    let finals = [net, &finished[1].net];
    let plane = plane_of(
        &runs,
        &finals,
        Directions::Sharp { around: 0 },
        Some(&sharpest),
    )
    .unwrap();
    let flips = |run: &RunPath| {
        let a: Vec<f64> = run.path.iter().map(|(_, w)| plane.project(w)[0]).collect();
        let steps: Vec<f64> = a.windows(2).map(|p| p[1] - p[0]).collect();
        steps.windows(2).filter(|s| s[0] * s[1] < 0.0).count()
    };
    let (zig, slide) = (flips(&runs[0]), flips(&runs[1]));
    assert!(
        zig >= 50,
        "η 0.1 reverses its step across the valley at {zig} of 99 updates"
    );
    assert!(slide <= 5, "η 0.01 reverses at {slide} of 99 updates");
}

/// The plane across a valley: its origin is the run's end, its directions
/// are orthonormal, the first the given one, the second in the plane of the
/// first and the run's way, so the start projects to (its part along the
/// first, the rest's length) and lies in the plane; each direction's share
/// of the path's spread is the sum of squares of the centred path along it
/// over the total, computed here directly.
#[test]
fn the_plane_across_a_valley_is_its_direction_and_the_runs_way() {
    use descent::landscape::Plane;
    let v = [0.6f32, 0.8, 0.0, 0.0];
    let path: [&[f32]; 3] = [
        &[3.0, -1.0, 2.0, 0.0],
        &[1.0, 1.0, 1.0, 0.5],
        &[1.0, 1.0, 0.0, 0.0],
    ];
    let plane = Plane::across(&v, &path).unwrap();
    assert_eq!(plane.origin, path[2]);
    assert_eq!(plane.dirs[0], v);
    let d = &plane.dirs[1];
    let dot = |a: &[f32], b: &[f32]| {
        a.iter()
            .zip(b)
            .map(|(x, y)| f64::from(*x) * f64::from(*y))
            .sum::<f64>()
    };
    assert!((dot(d, d) - 1.0).abs() < 1e-6 && dot(d, &v).abs() < 1e-6);
    // start − end = (2, −2, 2, 0): along v 1.2 − 1.6 = −0.4; the rest
    // (2.24, −1.68, 2, 0) has length √(5.0176 + 2.8224 + 4) = √11.84.
    let [a, b] = plane.project(path[0]);
    assert!((a + 0.4).abs() < 1e-6, "{a}");
    assert!(
        (b + 11.84f64.sqrt()).abs() < 1e-5,
        "{b}: the start lies back along the way"
    );
    let back = plane.at(a, b);
    assert!(
        back.iter().zip(path[0]).all(|(x, y)| (x - y).abs() < 1e-5),
        "the start lies in the plane"
    );
    // Spread: mean (5/3, 1/3, 1, 1/6); centred rows and their squares.
    let mean = [5.0 / 3.0, 1.0 / 3.0, 1.0, 1.0 / 6.0];
    let centred: Vec<Vec<f32>> = path
        .iter()
        .map(|p| {
            p.iter()
                .zip(&mean)
                .map(|(x, m)| (f64::from(*x) - m) as f32)
                .collect()
        })
        .collect();
    let total: f64 = centred.iter().map(|c| dot(c, c)).sum();
    let share = |dir: &[f32]| centred.iter().map(|c| dot(c, dir).powi(2)).sum::<f64>() / total;
    let e = plane.explained.unwrap();
    assert!(
        (e[0] - share(&v)).abs() < 1e-6 && (e[1] - share(d)).abs() < 1e-6,
        "{e:?}"
    );
    assert!(e[0] + e[1] <= 1.0 + 1e-9);
    // A run that moved only across its valley spans no plane.
    let only: [&[f32]; 2] = [&[0.0, 0.0, 0.0, 0.0], &[0.6, 0.8, 0.0, 0.0]];
    assert!(Plane::across(&v, &only).is_err());
}
