//! `descent search`: a hyperparameter search over any space of the search's
//! dimensions, each trial the book's (500 digits, 20 % for validation),
//! one JSON line per trial, then the ranking and the assistant's remark.

use super::args::Args;
use super::train::load_digits;
use descent::json::Json;
use descent::num::whole;
use descent::train::plans;
use descent::train::presets::{Plan, PlannedRun};
use descent::train::search::SearchSpace;
use descent::train::Length;
use descent::Result;
use std::sync::Arc;

/// `descent search`.
pub fn search(args: &mut Args) -> Result<String> {
    let space = match args.take("space") {
        Some(text) => SearchSpace::parse(&text)?,
        None => SearchSpace::default(),
    };
    let trials = match args.take("trials") {
        Some(t) => whole(&t, "number of trials")?.clamp(1, 10_000) as usize,
        None => 100,
    };
    let epochs = match args.take("epochs") {
        Some(t) => Some(whole(&t, "number of epochs")?.clamp(1, 10_000) as usize),
        None => None,
    };
    let seed = match args.take("seed") {
        Some(t) => whole(&t, "seed")?.max(0) as u64,
        None => 1,
    };
    let grid = args.flag("grid");
    let (digits, test) = load_digits(args.take("data"))?;
    let points = space.points(trials, grid, seed);
    let runs = points
        .iter()
        .enumerate()
        .map(|(i, values)| {
            let mut config = space.trial(values, seed.wrapping_add(i as u64))?;
            if let Some(e) = epochs {
                config.length = Length::Epochs(e);
            }
            Ok(PlannedRun {
                name: format!("trial {}", i + 1),
                config,
                from: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let plan = Plan {
        runs,
        ensemble: false,
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let finished = plans::run(&plan, &Arc::new(digits), test, threads);
    let values_json = |values: &[f64]| {
        Json::Obj(
            space
                .dims
                .iter()
                .zip(values)
                .map(|(d, v)| (d.key.to_string(), Json::Num(*v)))
                .collect(),
        )
    };
    let mut lines = Vec::new();
    let mut scored: Vec<(usize, f64)> = Vec::new();
    for (i, (values, f)) in points.iter().zip(&finished).enumerate() {
        let mut fields = vec![
            ("trial", Json::from(i + 1)),
            ("values", values_json(values)),
        ];
        match f.as_ref().map(|f| f.evals.last()) {
            Ok(Some(e)) => {
                let val = e.val_acc.unwrap_or(f64::NAN);
                fields.push(("val_acc", Json::from(e.val_acc)));
                fields.push(("train_acc", e.train_acc.into()));
                fields.push(("test_acc", e.test_acc.into()));
                if val.is_finite() {
                    scored.push((i, val));
                }
            }
            // A run that diverged stops before its evaluation (said below).
            Ok(None) => {}
            Err(e) => fields.push(("error", Json::Str(e.message().into()))),
        }
        if let Ok(Some(descent::train::Stop::Diverged(why))) = f.as_ref().map(|f| &f.stopped) {
            fields.push(("diverged", Json::Str(why.clone())));
        }
        lines.push(Json::obj(fields).to_string());
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let ranking = scored
        .iter()
        .take(10)
        .map(|&(i, val)| {
            Json::obj([
                ("trial", Json::from(i + 1)),
                ("val_acc", val.into()),
                ("values", values_json(&points[i])),
            ])
        })
        .collect();
    lines.push(
        Json::obj([
            ("space", Json::Str(space.text())),
            ("ranking", Json::Arr(ranking)),
        ])
        .to_string(),
    );
    if let Some(remark) = scored
        .first()
        .and_then(|&(i, _)| space.edge_remark(&points[i]))
    {
        lines
            .push(Json::obj([("remark", Json::Str(remark)), ("level", "warn".into())]).to_string());
    }
    // The space around the best five, for the fine stage.
    let best: Vec<Vec<f64>> = scored
        .iter()
        .take(5)
        .map(|&(i, _)| points[i].clone())
        .collect();
    if !best.is_empty() {
        let narrowed = space.around(&best);
        lines.push(Json::obj([("narrowed", Json::Str(narrowed.text()))]).to_string());
    }
    Ok(lines.join("\n"))
}
