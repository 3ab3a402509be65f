//! A function of two variables drawn as filled contour bands.
//!
//! The values on a grid are computed once ([`Field::sample`]); each cell is
//! coloured by the band its value falls in, with bands spaced evenly in
//! log(f − min + 1) so that both the floor of a valley and its steep walls show
//! structure. Paths of optimizers are drawn on top by the optimizer lab.

use super::{draw_err, ramp, Style};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The rectangle of the plane that a plot shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Left and right ends of the x axis.
    pub x: (f64, f64),
    /// Bottom and top ends of the y axis.
    pub y: (f64, f64),
}

/// Values of a function sampled at cell centres of a `cols × rows` grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The region sampled.
    pub view: View,
    /// Cells across.
    pub cols: usize,
    /// Cells down.
    pub rows: usize,
    /// Band index (0 = lowest) of each cell, row-major from the bottom.
    pub bands: Vec<u8>,
    /// Smallest and largest finite value sampled.
    pub range: (f64, f64),
}

/// Number of contour bands.
pub const BANDS: usize = 14;

impl Field {
    /// Samples `f` on the grid and quantizes its values into bands.
    pub fn sample(view: View, cols: usize, rows: usize, f: impl Fn(f64, f64) -> f64) -> Self {
        let (dx, dy) = (
            (view.x.1 - view.x.0) / cols as f64,
            (view.y.1 - view.y.0) / rows as f64,
        );
        let mut values = Vec::with_capacity(cols * rows);
        for r in 0..rows {
            for c in 0..cols {
                let x = view.x.0 + (c as f64 + 0.5) * dx;
                let y = view.y.0 + (r as f64 + 0.5) * dy;
                values.push(f(x, y));
            }
        }
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let lo = finite.clone().fold(f64::INFINITY, f64::min);
        let hi = finite.fold(f64::NEG_INFINITY, f64::max);
        let span = ((hi - lo) + 1.0).ln().max(1e-12);
        let bands = values
            .iter()
            .map(|&v| {
                if !v.is_finite() {
                    return (BANDS - 1) as u8;
                }
                let t = (v - lo + 1.0).ln() / span;
                ((t * BANDS as f64) as usize).min(BANDS - 1) as u8
            })
            .collect();
        Self {
            view,
            cols,
            rows,
            bands,
            range: (lo, hi),
        }
    }
}

/// Builds the chart that both the background and the paths are drawn in, so
/// that layers drawn separately line up pixel for pixel.
pub fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    view: View,
    style: &Style,
) -> Result<
    ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
> {
    ChartBuilder::on(area)
        .margin(style.px(10.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(50.0))
        .build_cartesian_2d(view.x.0..view.x.1, view.y.0..view.y.1)
        .map_err(draw_err)
}

/// The colour of each band, lowest first.
pub fn band_colors() -> Vec<RGBColor> {
    (0..BANDS)
        .map(|b| ramp(0.05 + 0.8 * b as f64 / (BANDS - 1) as f64))
        .collect()
}

impl Field {
    /// The value at the lower edge of band `b` (`BANDS` gives the top of the
    /// last band): the inverse of the quantization of [`Field::sample`].
    pub fn band_edge(&self, b: usize) -> f64 {
        let (lo, hi) = self.range;
        let span = ((hi - lo) + 1.0).ln().max(1e-12);
        lo - 1.0 + (b as f64 / BANDS as f64 * span).exp()
    }
}

/// Draws the filled bands and the axes, titled `axes` (x, then y).
pub fn draw_field<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    field: &Field,
    axes: (&str, &str),
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let mut chart = chart(area, field.view, style)?;
    let colors = band_colors();
    if style.raster {
        draw_raster(&chart, field, &colors)?;
    } else {
        draw_cells(&mut chart, field, &colors)?;
    }
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(axes.0)
        .y_desc(axes.1)
        .label_style(("sans-serif", style.font(12.0)))
        .axis_desc_style(("sans-serif", style.font(13.0)))
        .draw()
        .map_err(draw_err)?;
    Ok(())
}

/// The bands as one image of the plot's pixels, each the colour of its cell.
fn draw_raster<DB: DrawingBackend>(
    chart: &ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    field: &Field,
    colors: &[RGBColor],
) -> Result<()> {
    let area = chart.plotting_area();
    let (xr, yr) = area.get_pixel_range();
    let (w, h) = (
        (xr.end - xr.start).max(1) as usize,
        (yr.end - yr.start).max(1) as usize,
    );
    let mut rgb = vec![0u8; w * h * 3];
    for py in 0..h {
        // Rows of the field count from the bottom; pixels from the top.
        let r = ((h - 1 - py) * field.rows / h).min(field.rows - 1);
        for px in 0..w {
            let c = (px * field.cols / w).min(field.cols - 1);
            let color = colors[usize::from(field.bands[r * field.cols + c])];
            let at = (py * w + px) * 3;
            rgb[at..at + 3].copy_from_slice(&[color.0, color.1, color.2]);
        }
    }
    area.strip_coord_spec()
        .draw(&super::Raster {
            size: (w as u32, h as u32),
            rgb: &rgb,
        })
        .map_err(draw_err)
}

/// The bands as one filled rectangle per cell (for vector figures).
fn draw_cells<DB: DrawingBackend>(
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    field: &Field,
    colors: &[RGBColor],
) -> Result<()> {
    let v = field.view;
    let (dx, dy) = (
        (v.x.1 - v.x.0) / field.cols as f64,
        (v.y.1 - v.y.0) / field.rows as f64,
    );
    chart
        .draw_series(field.bands.iter().enumerate().map(|(i, &band)| {
            let (r, c) = (i / field.cols, i % field.cols);
            let x0 = v.x.0 + c as f64 * dx;
            let y0 = v.y.0 + r as f64 * dy;
            Rectangle::new(
                [(x0, y0), (x0 + dx, y0 + dy)],
                colors[band as usize].filled(),
            )
        }))
        .map_err(draw_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_rise_away_from_the_minimum() {
        let view = View {
            x: (-10.0, 10.0),
            y: (-5.0, 5.0),
        };
        let f = Field::sample(view, 20, 10, |x, y| x * x / 20.0 + y * y);
        // Cell centres nearest the origin are in band 0; corners in the top band.
        let at = |r: usize, c: usize| f.bands[r * 20 + c];
        assert_eq!(at(5, 10), 0);
        assert_eq!(at(0, 0) as usize, BANDS - 1);
        assert!(at(5, 15) > at(5, 11));
    }

    #[test]
    fn band_edges_invert_the_quantization() {
        let view = View {
            x: (0.0, 50.0),
            y: (0.0, 1.0),
        };
        let f = Field::sample(view, 200, 1, |x, _| x * x);
        assert!((f.band_edge(0) - f.range.0).abs() < 1e-9);
        assert!((f.band_edge(BANDS) - f.range.1).abs() < 1e-6 * f.range.1);
        for c in 0..200 {
            let x = (c as f64 + 0.5) * 0.25;
            let b = usize::from(f.bands[c]);
            assert!(f.band_edge(b) <= x * x + 1e-9, "cell {c} below its band");
            assert!(x * x < f.band_edge(b + 1) + 1e-9, "cell {c} above its band");
        }
    }

    #[test]
    fn draws_to_svg() {
        let view = View {
            x: (-1.0, 1.0),
            y: (-1.0, 1.0),
        };
        let field = Field::sample(view, 4, 4, |x, y| x * x + y * y);
        let mut svg = String::new();
        {
            let area = crate::plot::measured::svg(&mut svg, (200, 150));
            draw_field(&area, &field, ("x", "y"), &Style::default()).unwrap();
            area.present().unwrap();
        }
        assert_eq!(
            svg.matches("<rect").count(),
            1 + 16,
            "background plus 16 cells"
        );
        assert!(svg.contains(">\nx\n</text>"));
    }
}
