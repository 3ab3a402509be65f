//! `descent trajectory` and `descent figure optimizers`.

use super::args::Args;
use super::figure;
use descent::json::Json;
use descent::optim::lab::{self, Lab};
use descent::optim::presets::Preset;
use descent::optim::surface::Surface;
use descent::optim::trajectory::{run, RunSpec};
use descent::optim::{Hyper, Kind};
use descent::plot::Style;
use descent::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

fn number(text: &str, flag: &str) -> Result<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| Error::new(format!("--{flag} must be a number, got \"{text}\".")))
}

/// Reads --surface, --start, --steps, --schedule, --noise and --seed into `lab`.
fn read_setting(args: &mut Args, lab: &mut Lab) -> Result<()> {
    if let Some(s) = args.take("surface") {
        lab.surface = Surface::parse(&s)?;
    }
    if let Some(s) = args.take("start") {
        let [x, y] = lab::parse_start(&s)?;
        lab.set_start(x, y)?;
    }
    if let Some(s) = args.take("steps") {
        lab.set_steps(number(&s, "steps")?)?;
    }
    if let Some(s) = args.take("schedule") {
        lab.setting.schedule = lab::parse_schedule(&s, lab.setting.steps)?;
    }
    if let Some(s) = args.take("noise") {
        lab.set_noise(number(&s, "noise")?)?;
    }
    if let Some(s) = args.take("seed") {
        lab.setting.seed = s.trim().parse().map_err(|_| {
            Error::new(format!(
                "--seed must be a whole number from 0, got \"{s}\"."
            ))
        })?;
    }
    Ok(())
}

/// `descent trajectory`: one optimizer's path as JSON.
pub fn trajectory(args: &mut Args) -> Result<String> {
    let kind = Kind::from_id(&args.take("optimizer").unwrap_or_else(|| "sgd".into()))?;
    let mut hyper = Hyper::book(kind);
    for (flag, name) in [
        ("lr", "lr"),
        ("momentum", "alpha"),
        ("alpha", "alpha"),
        ("beta1", "beta1"),
        ("beta2", "beta2"),
        ("rho", "rho"),
        ("eps", "eps"),
        ("damping", "damping"),
    ] {
        if let Some(v) = args.take(flag) {
            hyper.set(name, number(&v, flag)?)?;
        }
    }
    if args.flag("no-bias-correction") {
        hyper.bias_correction = false;
    }
    let mut lab = Lab {
        surface: Surface::Bowl,
        runs: vec![],
        ..Lab::default()
    };
    lab.setting.steps = 30;
    read_setting(args, &mut lab)?;
    let spec = RunSpec {
        kind,
        hyper,
        visible: true,
    };
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

/// `descent figure optimizers`: the lab's view as an SVG or PNG file.
pub fn figure(args: &mut Args) -> Result<String> {
    let preset = args.take("preset").unwrap_or_else(|| "book".into());
    let mut lab = Lab::from(Preset::named(&preset)?);
    if let Some(text) = args.take("runs") {
        lab.runs = lab::parse_runs(&text)?;
    }
    read_setting(args, &mut lab)?;
    if args.flag("animate") {
        let whole = |flag: &'static str, lo: u64, hi: u64| {
            move |v: &str| {
                v.trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| (lo..=hi).contains(n))
                    .ok_or_else(|| {
                        Error::new(format!(
                            "--{flag} must be a whole number from {lo} to {hi}, got \"{v}\"."
                        ))
                    })
            }
        };
        let frames = args
            .take_parsed("frames", whole("frames", 2, 1000))?
            .unwrap_or(120) as usize;
        let delay = args
            .take_parsed("delay", whole("delay", 10, 5000))?
            .unwrap_or(80) as u16;
        let out = figure::Output::from_args(args, (900, 680))?;
        return out.write_animation(&lab, frames, delay);
    }
    let out = figure::Output::from_args(args, (1200, 900))?;
    out.write(&OptimizerFigure(lab))
}

struct OptimizerFigure(Lab);

impl figure::Figure for OptimizerFigure {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        descent::optim::figure::draw(area, &self.0, style)
    }
}
