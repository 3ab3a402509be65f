//! `descent trajectory` and `descent figure optimizers`.

use super::args::{whole, Args};
use super::figure;
use descent::figures::optimizers::Look;
use descent::json::Json;
use descent::optim::lab::{Lab, SETTINGS};
use descent::optim::presets::Preset;
use descent::optim::quadratic::Quadratic;
use descent::optim::runs::run_of;
use descent::optim::surface::Surface;
use descent::optim::trajectory::run;
use descent::optim::{Kind, Param};
use descent::plot::Style;
use descent::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Reads the optimizer lab's settings other than `except` into `lab`
/// (`--surface`, `--start`, `--steps`, `--schedule`, `--noise`, `--seed`,
/// and for figures `--runs`, `--side` and `--axes`), through the lab's one
/// setter; returns how the figure is to be drawn.
fn read_setting(args: &mut Args, lab: &mut Lab, except: &[&str]) -> Result<Look> {
    let table: Vec<_> = SETTINGS
        .iter()
        .filter(|e| !except.contains(&e.key))
        .copied()
        .collect();
    let mut look = Look::default();
    for (key, value) in args.settings(&table) {
        let canonical = lab.set(key, &value)?;
        look.apply(key, &canonical);
    }
    Ok(look)
}

/// `descent trajectory`: one optimizer's path as JSON.
pub fn trajectory(args: &mut Args) -> Result<String> {
    let kind = Kind::from_id(&args.take("optimizer").unwrap_or_else(|| "sgd".into()))?;
    let mut pairs = args.settings(&Param::entries());
    if args.flag("no-bias-correction") {
        pairs.push(("bias-correction", "0".into()));
    }
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let spec = run_of(kind, &pairs)?;
    let mut lab = Lab {
        surface: Surface::Bowl,
        runs: vec![],
        ..Lab::default()
    };
    lab.setting.steps = 30;
    read_setting(args, &mut lab, &["runs", "side", "axes"])?;
    let t = run(&lab.surface, &spec, &lab.setting);
    Ok(Json::obj([
        (
            "points",
            Json::Arr(t.points.iter().map(|p| Json::nums(p)).collect()),
        ),
        ("diverged_at", Json::from(t.diverged_at)),
    ])
    .to_string())
}

/// `descent quadratic`: the surface's Hessian at the start point, its
/// eigenvalues and eigenvectors, and the step sizes they imply, as JSON.
pub fn quadratic(args: &mut Args) -> Result<String> {
    let mut lab = Lab {
        surface: Surface::Bowl,
        runs: vec![],
        ..Lab::default()
    };
    read_setting(
        args,
        &mut lab,
        &["runs", "side", "axes", "steps", "schedule", "noise", "seed"],
    )?;
    let model = Quadratic::of(&lab.surface, lab.setting.start).to_json();
    let mut fields = vec![("surface".to_string(), Json::from(lab.surface.id()))];
    if let Json::Obj(rest) = model {
        fields.extend(rest);
    }
    Ok(Json::Obj(fields).to_string())
}

/// `descent figure optimizers`: the lab's view as an SVG or PNG file.
pub fn figure(args: &mut Args) -> Result<String> {
    let preset = args.take("preset").unwrap_or_else(|| "book".into());
    let mut lab = Lab::from(Preset::named(&preset)?);
    let look = read_setting(args, &mut lab, &[])?;
    if args.flag("animate") {
        let frames = args
            .take_parsed("frames", whole("frames", 2, 1000))?
            .unwrap_or(120);
        let delay = args
            .take_parsed("delay", whole("delay", 10, 5000))?
            .unwrap_or(80) as u16;
        let out = figure::Output::from_args(args, (900, 680))?;
        return out.write_animation(&lab, frames, delay);
    }
    let steps = lab.setting.steps;
    let frame = args
        .take_parsed("frame", whole("frame", 0, steps))?
        .unwrap_or(steps);
    let out = figure::Output::from_args(args, (1200, 900))?;
    out.write(&OptimizerFigure(lab, look, frame))
}

struct OptimizerFigure(Lab, Look, usize);

impl figure::Figure for OptimizerFigure {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        descent::figures::optimizers::draw(area, &self.0, (self.2, self.1), style)
    }
}
