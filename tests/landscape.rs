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
