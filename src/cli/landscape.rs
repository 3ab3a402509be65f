//! `descent landscape`: an experiment's runs on their own loss, on one plane.

use super::args::{whole, Args};
use super::figure;
use super::train::{load_digits, plan_of};
use descent::figures::landscape::Words;
use descent::json::Json;
use descent::landscape::line::alphas;
use descent::landscape::scorer::PlaneScorer;
use descent::landscape::sharpness::{
    along, report, sharpness, Curvature, ALONG_POINTS, POWER_MOST, POWER_TOLERANCE,
};
use descent::landscape::study::{
    layout, line_scores, plane_of, score_at, sharpest_at, Directions, Landscape, RunPath,
};
use descent::nn::mlp::Mlp;
use descent::plot::Style;
use descent::train::data::Data;
use descent::train::plans::{self, Finished};
use descent::train::Trainer;
use descent::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Arc;
use std::time::Instant;

/// Fills every node of `l`'s grid on `threads` threads, coarse to fine.
fn fill_grid(l: &mut Landscape, net: &Mlp<f32>, data: &Data, indices: &[usize], threads: usize) {
    for level in l.grid.levels() {
        let chunk = level.len().div_ceil(threads.max(1));
        let results: Vec<Vec<((usize, usize), f64)>> = std::thread::scope(|scope| {
            let plane = &l.plane;
            let grid = &l.grid;
            let handles: Vec<_> = level
                .chunks(chunk.max(1))
                .map(|nodes| {
                    scope.spawn(move || {
                        let mut scorer = PlaneScorer::new(net, data, indices, plane);
                        nodes
                            .iter()
                            .map(|&(i, j)| {
                                let (a, b) = grid.coords(i, j);
                                ((i, j), scorer.score((a, b), &plane.at(a, b)).loss)
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let n = l.grid.n;
        for ((i, j), v) in results.into_iter().flatten() {
            l.grid.values[j * n + i] = v;
            l.grid.done[j * n + i] = true;
        }
    }
}

fn scores_json(name: String, scores: &[descent::train::evaluate::Score], alpha: &[f64]) -> Json {
    Json::obj([
        ("name", Json::Str(name)),
        ("alpha", Json::nums(alpha)),
        (
            "loss",
            Json::nums(&scores.iter().map(|s| s.loss).collect::<Vec<_>>()),
        ),
        (
            "accuracy",
            Json::nums(&scores.iter().map(|s| s.accuracy).collect::<Vec<_>>()),
        ),
    ])
}

/// One run's sharpness at its final weights `w` (see `sharpness::report`).
fn sharpness_json(
    name: &str,
    net: &Mlp<f32>,
    data: &Data,
    indices: &[usize],
    w: &[f32],
    config: &descent::train::config::TrainConfig,
) -> Json {
    let mut curvature = Curvature::new(net, data, indices);
    let found = sharpness(&mut curvature, w, (POWER_MOST, POWER_TOLERANCE), 1).map(|s| {
        let a = along(&mut curvature, w, &s, ALONG_POINTS);
        (s, a)
    });
    report(
        name,
        found.as_ref().map(|(s, a)| (s, a)),
        config.optimizer,
        &config.hyper,
    )
}

/// `descent landscape`.
pub fn landscape(args: &mut Args) -> Result<String> {
    let (preset, choices, plan) = plan_of(args)?;
    let n = args
        .take_parsed("grid", whole("grid", 3, 101))?
        .unwrap_or(31);
    let samples = args
        .take_parsed("samples", whole("samples", 10, 60_000))?
        .unwrap_or(1000);
    let around = args
        .take_parsed("around", whole("around", 1, 100))?
        .unwrap_or(1)
        - 1;
    let directions = Directions::parse(
        &args.take("directions").unwrap_or_else(|| "pca".into()),
        around,
        choices.seed,
    )?;
    let json = args.flag("json");
    let sharp = args.flag("sharpness");
    let out = if args.has("out") {
        Some(figure::Output::from_args(args, (1100, 800))?)
    } else {
        None
    };
    let (digits, test) = load_digits(args.take("data"))?;
    let digits = Arc::new(digits);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let clock = Instant::now();
    let finished: Vec<Finished> = plans::run_recording(&plan, &digits, test, (threads, true))
        .into_iter()
        .collect::<Result<_>>()?;
    let trained = clock.elapsed().as_secs_f64();
    let names: Vec<String> = plan.runs.iter().map(|r| r.name.clone()).collect();
    let runs: Vec<RunPath> = names
        .iter()
        .zip(&finished)
        .map(|(name, f)| RunPath {
            name: name.clone(),
            path: f.path.clone(),
        })
        .collect();
    let finals: Vec<&Mlp<f32>> = finished.iter().map(|f| &f.net).collect();
    // The loss is the first run's training digits (every run of an experiment
    // trains on the same), evaluated with the drawn-around network's batch norm.
    let data = Trainer::data_for(&plan.runs[0].config, digits.clone(), test)?;
    let indices: Vec<usize> = data.train.iter().copied().take(samples).collect();
    let center = finals[directions.center(finals.len())?];
    let sharpest = match directions {
        Directions::Sharp { around } => runs
            .get(around)
            .and_then(|r| sharpest_at(r, center, &data, &indices)),
        _ => None,
    };
    let plane = plane_of(&runs, &finals, directions, sharpest.as_deref())?;
    let (grid, paths) = layout(&plane, &runs, n, directions);
    let mut l = Landscape { plane, grid, paths };
    let clock = Instant::now();
    fill_grid(&mut l, center, &data, &indices, threads);
    let gridded = clock.elapsed().as_secs_f64();
    let mut net = center.clone();
    let alpha = alphas(21);
    let mut lines = Vec::new();
    for r in &runs {
        if let (Some((_, start)), Some((_, end))) = (r.path.first(), r.path.last()) {
            let s = line_scores(&net, &data, &indices, (start, end), &alpha);
            lines.push(scores_json(format!("{}: start → end", r.name), &s, &alpha));
        }
    }
    for pair in runs.windows(2) {
        if let (Some((_, a)), Some((_, b))) = (pair[0].path.last(), pair[1].path.last()) {
            let s = line_scores(&net, &data, &indices, (a, b), &alpha);
            lines.push(scores_json(
                format!("{} → {}", pair[0].name, pair[1].name),
                &s,
                &alpha,
            ));
        }
    }
    let clock = Instant::now();
    let sharpness: Vec<Json> = if sharp {
        runs.iter()
            .zip(&finals)
            .zip(&plan.runs)
            .filter_map(|((r, net), run)| {
                let (_, w) = r.path.last()?;
                Some(sharpness_json(
                    &r.name,
                    net,
                    &data,
                    &indices,
                    w,
                    &run.config,
                ))
            })
            .collect()
    } else {
        Vec::new()
    };
    let sharpened = clock.elapsed().as_secs_f64();
    let title = descent::figures::landscape::caption(&l, directions, indices.len());
    let axes = descent::figures::landscape::axes(&l, directions);
    let mut said = Vec::new();
    if let Some(out) = out {
        let words = Words {
            title: &title,
            axes: [&axes[0], &axes[1]],
        };
        said.push(out.write(&LandscapeFigure(&l, &names, &words))?);
    }
    if !json && !said.is_empty() {
        return Ok(said.join("\n"));
    }
    let g = &l.grid;
    let rows: Vec<Json> = (0..g.n)
        .map(|j| Json::nums(&g.values[j * g.n..(j + 1) * g.n]))
        .collect();
    let run_json: Vec<Json> = runs
        .iter()
        .zip(&l.paths)
        .map(|(r, p)| {
            let end = r
                .path
                .last()
                .map(|(_, w)| score_at(&mut net, &data, &indices, w).loss);
            Json::obj([
                ("name", Json::Str(r.name.clone())),
                (
                    "updates",
                    Json::Arr(r.path.iter().map(|(u, _)| Json::from(*u)).collect()),
                ),
                ("path", Json::Arr(p.iter().map(|q| Json::nums(q)).collect())),
                ("final_loss", Json::from(end)),
            ])
        })
        .collect();
    let report = Json::obj([
        ("preset", Json::Str(preset)),
        ("directions", Json::from(directions.id())),
        ("samples", indices.len().into()),
        ("mode", Json::from("eval")),
        (
            "explained",
            l.plane.explained.map_or(Json::Null, |e| Json::nums(&e)),
        ),
        (
            "scale",
            Json::obj([
                ("x", Json::nums(&[g.x.0, g.x.1])),
                ("y", Json::nums(&[g.y.0, g.y.1])),
                ("direction_norms", Json::nums(&l.plane.scales())),
            ]),
        ),
        (
            "grid",
            Json::obj([("n", g.n.into()), ("loss", Json::Arr(rows))]),
        ),
        ("runs", Json::Arr(run_json)),
        ("lines", Json::Arr(lines)),
        (
            "sharpness",
            if sharp {
                Json::Arr(sharpness)
            } else {
                Json::Null
            },
        ),
        (
            "seconds",
            Json::obj([
                ("train", trained.into()),
                ("grid", gridded.into()),
                ("sharpness", sharpened.into()),
            ]),
        ),
    ]);
    said.push(report.to_string());
    Ok(said.join("\n"))
}

struct LandscapeFigure<'a>(&'a Landscape, &'a [String], &'a Words<'a>);

impl figure::Figure for LandscapeFigure<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        descent::figures::landscape::draw_grid(
            area,
            &self.0.grid,
            &self.0.paths,
            self.1,
            self.2,
            style,
        )
    }
}
