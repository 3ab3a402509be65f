//! Drawing, generic over the plotters backend.
//!
//! Every figure of Descent is a function of a `DrawingArea<DB, Shift>` for any
//! backend `DB`: the page passes a canvas backend, native tests and the command
//! line pass an SVG backend and read the text. No web types appear here.

pub mod anatomy;
pub mod apng;
pub mod contour;
pub mod curves;
pub mod digits;
pub mod histogram;
pub mod inspect;
pub mod measured;
pub mod paths;
pub mod quadratic;
pub mod search;
pub mod side;
pub mod surface3d;

use crate::error::Error;
use plotters::style::RGBColor;

/// Sizes that scale with the device pixel ratio (and presenter mode), and
/// what the surface is good at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Multiplier for fonts, line widths and margins: the device pixel ratio
    /// on the page, 1 in SVG figures.
    pub scale: f64,
    /// The surface is pixels that take a whole image at once (a canvas):
    /// filled fields are drawn as one image rather than as many shapes.
    pub raster: bool,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            scale: 1.0,
            raster: false,
        }
    }
}

impl Style {
    /// A size of `px` CSS pixels in backend pixels.
    pub fn px(&self, px: f64) -> u32 {
        (px * self.scale).round().max(1.0) as u32
    }

    /// A font size of `px` CSS pixels.
    pub fn font(&self, px: f64) -> f64 {
        px * self.scale
    }
}

/// The Okabe–Ito palette: eight colours that stay distinct for the common
/// forms of colour blindness (Okabe & Ito, 2008). Black is kept last.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(160, 140, 0),   // dark yellow
    RGBColor(0, 0, 0),       // black
];

/// A chart on plain f64 axes.
pub type Chart<'a, DB> = plotters::prelude::ChartContext<
    'a,
    DB,
    plotters::prelude::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// An axis of a [`line_chart`]: its range, its title and how many ticks it has.
pub struct Axis<'a> {
    /// From, to.
    pub range: std::ops::Range<f64>,
    /// The title.
    pub title: &'a str,
    /// Ticks.
    pub ticks: usize,
}

/// The chart most plots share: a caption of `caption_px`, titled axes with
/// short tick labels ([`format_tick`]) and a light grid, on a white area.
pub fn line_chart<'a, DB: plotters::prelude::DrawingBackend>(
    area: &'a plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    (caption, caption_px): (&str, f64),
    x: Axis<'_>,
    y: Axis<'_>,
    style: &Style,
) -> crate::Result<Chart<'a, DB>> {
    use plotters::prelude::*;
    area.fill(&WHITE).map_err(draw_err)?;
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", style.font(caption_px)))
        .margin(style.px(8.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(48.0))
        .build_cartesian_2d(x.range, y.range)
        .map_err(draw_err)?;
    chart
        .configure_mesh()
        .x_desc(x.title)
        .y_desc(y.title)
        .x_labels(x.ticks)
        .y_labels(y.ticks)
        .x_label_formatter(&|v| format_tick(*v))
        .y_label_formatter(&|v| format_tick(*v))
        .label_style(("sans-serif", style.font(11.0)))
        .axis_desc_style(("sans-serif", style.font(12.0)))
        .light_line_style(RGBColor(240, 240, 240))
        .draw()
        .map_err(draw_err)?;
    Ok(chart)
}

/// Converts any plotters error into the core's error type.
pub(crate) fn draw_err<E: std::fmt::Debug>(e: E) -> Error {
    crate::error!(
        "Drawing the plot failed: {e:?}",
        "그래프를 그리지 못했습니다: {e:?}"
    )
}

/// A colour from a light-to-dark sequential ramp, `t` in [0, 1]
/// (approximates the perceptually uniform "viridis" map, reversed so that
/// low values are light).
pub fn ramp(t: f64) -> RGBColor {
    const STOPS: [(f64, f64, f64); 5] = [
        (253.0, 231.0, 37.0),
        (94.0, 201.0, 98.0),
        (33.0, 145.0, 140.0),
        (59.0, 82.0, 139.0),
        (68.0, 1.0, 84.0),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let pos = t * (STOPS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(STOPS.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |x: f64, y: f64| (x + (y - x) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A short label for a tick value.
pub fn format_tick(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if !(1e-3..1e4).contains(&a) {
        format!("{v:.0e}")
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .into()
    } else {
        format!("{v:.4}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .into()
    }
}

/// An RGB image drawn at the top left of an area.
pub(crate) struct Raster<'a> {
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// Three bytes per pixel, row by row from the top.
    pub rgb: &'a [u8],
}

impl<'a> plotters::element::PointCollection<'a, (i32, i32)> for &'a Raster<'a> {
    type Point = (i32, i32);
    type IntoIter = std::iter::Once<(i32, i32)>;
    fn point_iter(self) -> std::iter::Once<(i32, i32)> {
        std::iter::once((0, 0))
    }
}

impl<DB: plotters::prelude::DrawingBackend> plotters::element::Drawable<DB> for Raster<'_> {
    fn draw<I: Iterator<Item = plotters_backend::BackendCoord>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> std::result::Result<(), plotters_backend::DrawingErrorKind<DB::ErrorType>> {
        match pos.next() {
            Some(at) => backend.blit_bitmap(at, self.size, self.rgb),
            None => Ok(()),
        }
    }
}
