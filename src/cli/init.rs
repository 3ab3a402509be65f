//! `descent activations` and `descent figure init`.

use super::args::Args;
use super::figure::{Figure, Output};
use descent::init::experiment::run;
use descent::init::settings::{Setup, SETTINGS};
use descent::json::Json;
use descent::plot::Style;
use descent::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Reads the lab's settings (`--activation`, `--init`, `--layers`, `--width`,
/// `--samples`, `--bins`, `--seed`, `--bn`, `--view`, `--vs`, `--vsbn`)
/// through its one setter.
pub fn setup(args: &mut Args) -> Result<Setup> {
    let mut s = Setup::default();
    for (key, value) in args.settings(&SETTINGS) {
        s.set(key, &value)?;
    }
    s.config.validate()?;
    Ok(s)
}

/// `descent activations`: each layer's statistics as JSON (with the weight
/// gradients; of the first row).
pub fn activations(args: &mut Args) -> Result<String> {
    let setup = setup(args)?;
    let stats = run(&setup.config, true)?;
    Ok(Json::obj([(
        "layers",
        Json::Arr(stats.iter().map(|s| s.to_json(true)).collect()),
    )])
    .to_string())
}

struct InitFigure(Setup);

impl Figure for InitFigure {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        descent::figures::init::draw(area, &self.0.configs(), self.0.backward, style)
    }
}

/// `descent figure init`: the histograms as an SVG or PNG file.
pub fn figure(args: &mut Args) -> Result<String> {
    let setup = setup(args)?;
    let rows = setup.configs().len() as u32;
    let out = Output::from_args(args, (1500, 400 * rows))?;
    out.write(&InitFigure(setup))
}
