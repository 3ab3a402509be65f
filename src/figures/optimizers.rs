//! The optimizer lab as one figure: contour and paths above, the loss below.
//! Assembled here from the domain (`optim`) and the drawing (`plot`).
//! The command line writes it as SVG or PNG; the page draws the same parts on
//! its canvases.

use crate::error::Result;
use crate::optim::anatomy::{take_apart, Anatomy};
use crate::optim::lab::Lab;
use crate::optim::quadratic::Quadratic;
use crate::optim::surface::Surface;
use crate::optim::trajectory::Trajectory;
use crate::plot::anatomy::draw_anatomy;
use crate::plot::contour::{draw_field, Field, View};
use crate::plot::paths::{draw_paths, Path};
use crate::plot::quadratic::draw_axes;
use crate::plot::side::{draw_side, SideView};
use crate::plot::surface3d::{draw_surface3d, Mesh, Turn, MESH};
use crate::plot::{draw_err, Style};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Cells of the contour grid across, for figures.
pub const FIGURE_COLS: usize = 240;

/// How the lab is drawn: its side plot, whether the Hessian's eigenvectors
/// are drawn on the contour, which run's current update is taken apart, and
/// whether the surface is a contour or a turned 3-D mesh.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// The plot under the contour.
    pub side: SideView,
    /// The Hessian's axes (at the start point's quadratic model).
    pub axes: bool,
    /// The run (from 0) whose update at the frame is taken apart.
    pub apart: Option<usize>,
    /// The surface as a 3-D mesh, turned so, instead of the contour.
    pub three_d: Option<Turn>,
    /// The turn of the 3-D view, kept while the contour is shown.
    pub turn: Turn,
}

impl Look {
    /// Takes a [`crate::optim::lab::VIEW_ONLY`] setting's canonical text
    /// (as the lab's setter returns it); other keys change nothing.
    pub fn apply(&mut self, key: &str, canonical: &str) {
        match key {
            "side" => self.side = SideView::from_id(canonical).unwrap_or(SideView::Loss),
            "axes" => self.axes = canonical == "1",
            "apart" => {
                self.apart = canonical
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1));
            }
            "plot" => self.three_d = (canonical == "3d").then_some(self.turn),
            "yaw" | "pitch" => {
                let degrees = canonical.parse::<f64>().unwrap_or(30.0);
                if key == "yaw" {
                    self.turn.yaw = degrees;
                } else {
                    self.turn.pitch = degrees;
                }
                self.three_d = self.three_d.map(|_| self.turn);
            }
            _ => {}
        }
    }
}

impl Default for Look {
    fn default() -> Self {
        Look {
            side: SideView::Loss,
            axes: false,
            apart: None,
            three_d: None,
            turn: Turn {
                yaw: 30.0,
                pitch: 30.0,
            },
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

/// The update that led to point `frame` (the first at frame 0; the last
/// one made when the run stopped earlier) of the run `look` takes apart.
pub fn anatomy_of(
    lab: &Lab,
    trajectories: &[Trajectory],
    look: Look,
    frame: usize,
) -> Option<Anatomy> {
    let i = look.apart?;
    let (spec, t) = (lab.runs.get(i)?, trajectories.get(i)?);
    let update = frame.max(1).min(t.points.len().saturating_sub(1));
    take_apart(&lab.surface, spec, &lab.setting, update)
}

/// Samples `surface` over its view for a contour `cols` cells across.
pub fn field_of(surface: &Surface, cols: usize) -> Field {
    let r = surface.region();
    let view = View { x: r.x, y: r.y };
    let aspect = (view.y.1 - view.y.0) / (view.x.1 - view.x.0);
    let rows = ((cols as f64 * aspect).round() as usize).clamp(20, 2 * cols);
    Field::sample(view, cols, rows, |x, y| surface.value(x, y))
}

/// Samples `surface` over its view for the 3-D mesh.
pub fn mesh_of(surface: &Surface) -> Mesh {
    let r = surface.region();
    Mesh::sample(View { x: r.x, y: r.y }, MESH, |x, y| surface.value(x, y))
}

/// The marked points (minima) with f there, for the 3-D view.
pub fn marks_3d(surface: &Surface) -> Vec<([f64; 2], f64)> {
    surface
        .marks()
        .into_iter()
        .map(|m| (m, surface.value(m[0], m[1])))
        .collect()
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

/// Draws the figure for `lab` after `frame` updates onto `area`, drawn as
/// `look` says.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lab: &Lab,
    (frame, look): (usize, Look),
    style: &Style,
) -> Result<()> {
    let trajectories = lab.run_all();
    let field = field_of(&lab.surface, FIGURE_COLS);
    draw_frame(area, lab, &field, &trajectories, (frame, look), style)
}

/// Draws the figure as it is after `frame` updates: the formula, the contour
/// with the paths so far (and the Hessian's axes and the update taken apart
/// if `look` says so) or the 3-D mesh with the paths, and the side plot below.
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
    if let Some(turn) = look.three_d {
        let mesh = mesh_of(&lab.surface);
        draw_surface3d(
            &top,
            &mesh,
            &paths,
            &marks_3d(&lab.surface),
            (frame, turn),
            style,
        )?;
    } else {
        draw_contour_layers(
            &top,
            lab,
            field,
            (trajectories, &paths),
            (frame, look),
            style,
        )?;
    }
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

/// The contour, the Hessian's axes if asked, the paths and the update taken apart.
fn draw_contour_layers<DB: DrawingBackend>(
    top: &DrawingArea<DB, Shift>,
    lab: &Lab,
    field: &Field,
    (trajectories, paths): (&[Trajectory], &[Path<'_>]),
    (frame, look): (usize, Look),
    style: &Style,
) -> Result<()> {
    draw_field(top, field, ("x", "y"), style)?;
    if look.axes {
        draw_lab_axes(top, lab, field.view, style)?;
    }
    draw_paths(top, field.view, paths, &lab.surface.marks(), frame, style)?;
    if let Some(a) = anatomy_of(lab, trajectories, look, frame) {
        draw_anatomy(top, field.view, &a, style)?;
    }
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
