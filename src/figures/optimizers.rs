//! The optimizer lab as one figure: contour and paths above, the loss below.
//! Assembled here from the domain (`optim`) and the drawing (`plot`).
//! The command line writes it as SVG or PNG; the page draws the same parts on
//! its canvases.

use crate::error::Result;
use crate::optim::lab::Lab;
use crate::optim::quadratic::Quadratic;
use crate::optim::surface::Surface;
use crate::optim::trajectory::Trajectory;
use crate::plot::contour::{draw_field, Field, View};
use crate::plot::paths::{draw_paths, Path};
use crate::plot::quadratic::draw_axes;
use crate::plot::side::{draw_side, SideView};
use crate::plot::{draw_err, Style};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Cells of the contour grid across, for figures.
pub const FIGURE_COLS: usize = 240;

/// How the lab is drawn: its side plot, and whether the Hessian's
/// eigenvectors are drawn on the contour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// The plot under the contour.
    pub side: SideView,
    /// The Hessian's axes (at the start point's quadratic model).
    pub axes: bool,
}

impl Look {
    /// Takes a [`crate::optim::lab::VIEW_ONLY`] setting's canonical text
    /// (as the lab's setter returns it); other keys change nothing.
    pub fn apply(&mut self, key: &str, canonical: &str) {
        match key {
            "side" => self.side = SideView::from_id(canonical).unwrap_or(SideView::Loss),
            "axes" => self.axes = canonical == "1",
            _ => {}
        }
    }
}

impl Default for Look {
    fn default() -> Self {
        Look {
            side: SideView::Loss,
            axes: false,
        }
    }
}

/// Draws the Hessian's eigenvectors of `lab`'s surface (its quadratic model
/// at the start point) over the contour of `view`.
pub fn draw_lab_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lab: &Lab,
    view: View,
    style: &Style,
) -> Result<()> {
    let q = Quadratic::of(&lab.surface, lab.setting.start);
    draw_axes(area, view, &q, style)
}

/// Samples `surface` over its view for a contour `cols` cells across.
pub fn field_of(surface: &Surface, cols: usize) -> Field {
    let r = surface.region();
    let view = View { x: r.x, y: r.y };
    let aspect = (view.y.1 - view.y.0) / (view.x.1 - view.x.0);
    let rows = ((cols as f64 * aspect).round() as usize).clamp(20, 2 * cols);
    Field::sample(view, cols, rows, |x, y| surface.value(x, y))
}

/// The visible runs as paths to draw.
pub fn paths_of<'a>(lab: &Lab, trajectories: &'a [Trajectory]) -> Vec<Path<'a>> {
    lab.runs
        .iter()
        .zip(trajectories)
        .enumerate()
        .filter(|(_, (spec, _))| spec.visible)
        .map(|(i, (spec, t))| Path {
            label: spec.label(),
            index: i,
            points: &t.points,
            values: &t.values,
            lrs: &t.lrs,
            effective: &t.effective,
            diverged_at: t.diverged_at,
        })
        .collect()
}

/// Draws the whole figure for `lab` onto `area`, drawn as `look` says.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lab: &Lab,
    look: Look,
    style: &Style,
) -> Result<()> {
    let trajectories = lab.run_all();
    let field = field_of(&lab.surface, FIGURE_COLS);
    draw_frame(
        area,
        lab,
        &field,
        &trajectories,
        (lab.setting.steps, look),
        style,
    )
}

/// Draws the figure as it is after `frame` updates: the formula, the contour
/// with the paths so far (and the Hessian's axes if `look` says so), and
/// the side plot below.
pub fn draw_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lab: &Lab,
    field: &Field,
    trajectories: &[Trajectory],
    (frame, look): (usize, Look),
    style: &Style,
) -> Result<()> {
    area.fill(&WHITE).map_err(draw_err)?;
    let paths = paths_of(lab, trajectories);
    let (_, h) = area.dim_in_pixel();
    let title_h = style.px(28.0);
    let (title, rest) = area.split_vertically(title_h);
    title
        .draw_text(
            &lab.surface.formula(),
            &("sans-serif", style.font(18.0)).into_text_style(&title),
            (style.px(12.0) as i32, style.px(6.0) as i32),
        )
        .map_err(draw_err)?;
    let (top, bottom) = rest.split_vertically((h.saturating_sub(title_h)) * 2 / 3);
    draw_field(&top, field, style)?;
    if look.axes {
        draw_lab_axes(&top, lab, field.view, style)?;
    }
    draw_paths(&top, field.view, &paths, &lab.surface.marks(), frame, style)?;
    draw_side(
        &bottom,
        &paths,
        lab.setting.steps,
        frame,
        look.side,
        Some(field.range),
        style,
    )?;
    Ok(())
}

/// The frames of an animation of `steps` updates with at most `max` frames:
/// every step when they fit, else evenly spaced ones; always 0 and `steps`.
pub fn animation_frames(steps: usize, max: usize) -> Vec<usize> {
    let max = max.max(2);
    if steps < max {
        return (0..=steps).collect();
    }
    let mut frames: Vec<usize> = (0..max)
        .map(|i| ((i as f64) * steps as f64 / (max - 1) as f64).round() as usize)
        .collect();
    frames.dedup();
    frames
}

#[cfg(test)]
mod tests {
    use super::animation_frames;

    #[test]
    fn animation_frames_keep_every_step_or_space_them_evenly() {
        assert_eq!(animation_frames(29, 120), (0..=29).collect::<Vec<_>>());
        assert_eq!(animation_frames(3, 2), vec![0, 3]);
        let f = animation_frames(1000, 120);
        assert_eq!(f.len(), 120);
        assert_eq!((f[0], f[119]), (0, 1000));
        assert!(f.windows(2).all(|w| w[1] > w[0]));
        // 1000 / 119 ≈ 8.4 steps apart: frame 1 is step round(8.40) = 8.
        assert_eq!(f[1], 8);
    }
}
