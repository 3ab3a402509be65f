//! `descent activations` and `descent figure init`.

use super::args::Args;
use super::figure::{Figure, Output};
use descent::init::experiment::{run, Config};
use descent::init::Scheme;
use descent::json::Json;
use descent::nn::Activation;
use descent::plot::Style;
use descent::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

fn whole(args: &mut Args, flag: &str, default: usize) -> Result<usize> {
    match args.take(flag) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| Error::new(format!("--{flag} must be a whole number, got \"{v}\"."))),
    }
}

/// Reads the experiment's flags.
pub fn config(args: &mut Args) -> Result<Config> {
    let d = Config::default();
    let config = Config {
        activation: match args.take("activation") {
            Some(a) => Activation::from_id(&a)?,
            None => d.activation,
        },
        scheme: match args.take("init") {
            Some(s) => Scheme::parse(&s)?,
            None => d.scheme,
        },
        layers: whole(args, "layers", d.layers)?,
        width: whole(args, "width", d.width)?,
        samples: whole(args, "samples", d.samples)?,
        bins: whole(args, "bins", d.bins)?,
        seed: whole(args, "seed", d.seed as usize)? as u64,
        batch_norm: args.flag("bn"),
    };
    config.validate()?;
    Ok(config)
}

/// `descent activations`: each layer's statistics as JSON.
pub fn activations(args: &mut Args) -> Result<String> {
    let config = config(args)?;
    let stats = run(&config, true)?;
    Ok(Json::obj([(
        "layers",
        Json::Arr(stats.iter().map(|s| s.to_json(true)).collect()),
    )])
    .to_string())
}

struct InitFigure(Config);

impl Figure for InitFigure {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        descent::init::figure::draw(area, &[self.0], false, style)
    }
}

/// `descent figure init`: the histograms as an SVG or PNG file.
pub fn figure(args: &mut Args) -> Result<String> {
    let config = config(args)?;
    let out = Output::from_args(args, (1500, 400))?;
    out.write(&InitFigure(config))
}
