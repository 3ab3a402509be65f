//! The optimizer lab's handle. The page's state table holds the settings;
//! the page applies each changed one with `set(key, text)` (checked by the
//! engine, which answers with the canonical text) and asks for a frame with
//! `draw(frame)`, which answers with the readouts. Trajectories are
//! recomputed lazily after a change (8 runs × 1000 steps take well under a
//! millisecond); the contour background only when the surface changes.

use super::{canvas, js_error, present};
use crate::figures::optimizers::{
    anatomy_of, draw_frame, draw_lab_axes, field_of, marks_3d, mesh_of, paths_of, Look,
};
use crate::json::Json;
use crate::optim::lab::{self, Lab};
use crate::optim::quadratic::Quadratic;
use crate::optim::trajectory::Trajectory;
use crate::plot::anatomy::draw_anatomy;
use crate::plot::contour::{draw_field, Field};
use crate::plot::paths::{draw_paths, MARKER_SYMBOLS};
use crate::plot::side::draw_side;
use crate::plot::surface3d::{draw_surface3d, Mesh};
use wasm_bindgen::prelude::*;

/// Cells of the contour grid across; rows follow the view's aspect.
const FIELD_COLS: usize = 200;

/// The optimizer lab.
#[wasm_bindgen]
pub struct OptimizerPanel {
    background: String,
    overlay: String,
    side: String,
    lab: Lab,
    /// The contour's samples, made when first needed after a surface change
    /// (a link sets the surface before anything is drawn).
    field: Option<Field>,
    /// The 3-D mesh, made when first drawn after a surface change.
    mesh: Option<Mesh>,
    trajectories: Vec<Trajectory>,
    stale: bool,
    look: Look,
    /// The plot rectangle in canvas pixels (left, top, right, bottom), as
    /// last drawn, for turning clicks into points.
    plot_rect: Option<(i32, i32, i32, i32)>,
}

impl OptimizerPanel {
    fn field(&mut self) -> &Field {
        let surface = &self.lab.surface;
        self.field
            .get_or_insert_with(|| field_of(surface, FIELD_COLS))
    }

    fn trajectories(&mut self) -> &[Trajectory] {
        if self.stale {
            self.trajectories = self.lab.run_all();
            self.stale = false;
        }
        &self.trajectories
    }

    fn readouts(&self, frame: usize) -> Json {
        Json::Arr(
            self.lab
                .runs
                .iter()
                .zip(&self.trajectories)
                .enumerate()
                .map(|(i, (spec, t))| {
                    let k = frame.min(t.points.len() - 1);
                    let p = t.points[k];
                    Json::obj([
                        ("kind", Json::Str(spec.kind.id().into())),
                        ("label", Json::Str(spec.kind.label().into())),
                        ("symbol", Json::Str(MARKER_SYMBOLS[i % 8].into())),
                        ("visible", Json::Bool(spec.visible)),
                        ("step", k.into()),
                        ("x", p[0].into()),
                        ("y", p[1].into()),
                        ("f", t.values[k].into()),
                        (
                            "lr",
                            Json::from(k.checked_sub(1).and_then(|j| t.lrs.get(j).copied())),
                        ),
                        (
                            "diverged_at",
                            Json::from(t.diverged_at.filter(|&d| d <= frame + 1)),
                        ),
                    ])
                })
                .collect(),
        )
    }
}

#[wasm_bindgen]
impl OptimizerPanel {
    /// A lab drawing its contour into canvas `background`, its paths into the
    /// transparent canvas `overlay` stacked on it, and its side plot into `side`.
    #[wasm_bindgen(constructor)]
    pub fn new(background: &str, overlay: &str, side: &str) -> OptimizerPanel {
        let lab = Lab::default();
        OptimizerPanel {
            background: background.into(),
            overlay: overlay.into(),
            side: side.into(),
            lab,
            field: None,
            mesh: None,
            trajectories: Vec::new(),
            stale: true,
            look: Look::default(),
            plot_rect: None,
        }
    }

    /// Sets one setting of the lab (see `optim::lab::SETTINGS`) from its
    /// text; returns its canonical text, or throws the sentence that
    /// explains why it was refused (the lab is then unchanged).
    pub fn set(&mut self, key: &str, text: &str) -> Result<String, JsError> {
        let before = self.lab.surface.clone();
        let canonical = self.lab.set(key, text).map_err(js_error)?;
        if lab::VIEW_ONLY.contains(&key) {
            self.look.apply(key, &canonical);
            return Ok(canonical);
        }
        if self.lab.surface != before {
            self.field = None;
            self.mesh = None;
        }
        self.stale = true;
        Ok(canonical)
    }

    /// The quadratic model at the start point, as JSON `{rows: [[what,
    /// value]], quadratic, optimal: {sgd: {lr}, momentum: {lr, momentum}} |
    /// null}` (the optimum when both eigenvalues are positive, for the
    /// snap-to-optimal buttons).
    pub fn quadratic(&self) -> String {
        let q = Quadratic::of(&self.lab.surface, self.lab.setting.start);
        let optimal = q.optimal().map_or(Json::Null, |o| {
            Json::obj([
                ("sgd", Json::obj([("lr", Json::Num(o.gd_lr))])),
                (
                    "momentum",
                    Json::obj([
                        ("lr", Json::Num(o.momentum_lr)),
                        ("momentum", Json::Num(o.momentum)),
                    ]),
                ),
            ])
        });
        Json::obj([
            (
                "rows",
                Json::Arr(
                    q.rows()
                        .into_iter()
                        .map(|(what, value)| Json::Arr(vec![what.into(), value.into()]))
                        .collect(),
                ),
            ),
            ("quadratic", Json::Bool(q.exact)),
            ("optimal", optimal),
        ])
        .to_string()
    }

    /// Why Newton cannot scale: per parameter count, what the gradient,
    /// Newton's Hessian, BFGS and L-BFGS (m = 10) keep, as JSON rows of
    /// text `[[what, n, gradient, newton, bfgs, lbfgs]]`; the third row is
    /// the MNIST lab's network.
    pub fn memory_table() -> String {
        Json::Arr(
            crate::optim::memory::table(10)
                .into_iter()
                .map(|row| Json::Arr(row.into_iter().map(Json::from).collect()))
                .collect(),
        )
        .to_string()
    }

    /// The formula of the surface, for the page's title line.
    pub fn formula(&self) -> String {
        self.lab.surface.formula()
    }

    /// Every point of every run as CSV.
    pub fn csv(&mut self) -> String {
        self.trajectories();
        lab::to_csv(&self.lab, &self.trajectories)
    }

    /// Draws the contour background (after a surface change or a resize).
    pub fn draw_background(&mut self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.background)?;
        let field = self.field();
        draw_field(&area, field, ("x", "y"), &style).map_err(js_error)?;
        let chart = crate::plot::contour::chart(&area, field.view, &style).map_err(js_error)?;
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        self.plot_rect = Some((xr.start, yr.start, xr.end, yr.end));
        present(&area)
    }

    /// Draws the paths and the side plot as they are after `frame` updates;
    /// returns each run's state there, as JSON
    /// `[{kind, label, symbol, visible, step, x, y, f, lr, diverged_at}]`.
    pub fn draw(&mut self, frame: usize) -> Result<String, JsError> {
        self.trajectories();
        let (view, range) = {
            let field = self.field();
            (field.view, field.range)
        };
        canvas::clear(&self.overlay);
        let (area, style) = canvas::open(&self.overlay)?;
        let paths = paths_of(&self.lab, &self.trajectories);
        if let Some(turn) = self.look.three_d {
            // Opaque, over the contour.
            area.fill(&plotters::style::WHITE)
                .map_err(|e| js_error(crate::plot::draw_err(e)))?;
            let surface = &self.lab.surface;
            let mesh = self.mesh.get_or_insert_with(|| mesh_of(surface));
            draw_surface3d(
                &area,
                mesh,
                &paths,
                &marks_3d(surface),
                (frame, turn),
                &style,
            )
            .map_err(js_error)?;
        } else {
            // Under the paths, as in the figure.
            if self.look.axes {
                draw_lab_axes(&area, &self.lab, view, &style).map_err(js_error)?;
            }
            draw_paths(
                &area,
                view,
                &paths,
                &self.lab.surface.marks(),
                frame,
                &style,
            )
            .map_err(js_error)?;
            if let Some(a) = anatomy_of(&self.lab, &self.trajectories, self.look, frame) {
                draw_anatomy(&area, view, &a, &style).map_err(js_error)?;
            }
        }
        present(&area)?;
        let (side, style) = canvas::open(&self.side)?;
        draw_side(
            &side,
            &paths,
            self.lab.setting.steps,
            frame,
            self.look.side,
            Some(range),
            &style,
        )
        .map_err(js_error)?;
        present(&side)?;
        Ok(self.readouts(frame).to_string())
    }

    /// The update drawn taken apart after `frame` updates, as JSON `{update,
    /// label, rows: [[what, value]]}`, or `null` when no optimizer is taken
    /// apart (or it has no update to show).
    pub fn anatomy(&mut self, frame: usize) -> String {
        self.trajectories();
        let Some(a) = anatomy_of(&self.lab, &self.trajectories, self.look, frame) else {
            return "null".into();
        };
        let label = self
            .look
            .apart
            .and_then(|i| self.lab.runs.get(i))
            .map(|r| r.label())
            .unwrap_or_default();
        Json::obj([
            ("update", a.update.into()),
            ("label", Json::Str(label)),
            (
                "rows",
                Json::Arr(
                    a.rows
                        .into_iter()
                        .map(|(what, value)| Json::Arr(vec![what.into(), value.into()]))
                        .collect(),
                ),
            ),
        ])
        .to_string()
    }

    /// The frames of an animation with at most `max` frames (as the command
    /// line's `--animate` takes them).
    pub fn animation_frames(&self, max: usize) -> Vec<u32> {
        crate::figures::optimizers::animation_frames(self.lab.setting.steps, max)
            .into_iter()
            .map(|f| f as u32)
            .collect()
    }

    /// The lab after `frame` updates as one SVG figure: formula, contour
    /// with paths, and the chosen side plot, sized like the contour canvas.
    pub fn svg(&mut self, frame: usize) -> Result<String, JsError> {
        self.trajectories();
        let field = self.field().clone();
        canvas::svg_like(&self.background, 2, |area, style| {
            draw_frame(
                area,
                &self.lab,
                &field,
                &self.trajectories,
                (frame, self.look),
                style,
            )
        })
    }

    /// The surface point under canvas pixel (`px`, `py`) (backing-store
    /// pixels), or `undefined` outside the plot (and in the 3-D view).
    pub fn point_at(&self, px: f64, py: f64) -> Option<Vec<f64>> {
        if self.look.three_d.is_some() {
            return None;
        }
        let (l, t, r, b) = self.plot_rect?;
        let (l, t, r, b) = (f64::from(l), f64::from(t), f64::from(r), f64::from(b));
        if px < l || px > r || py < t || py > b || r <= l || b <= t {
            return None;
        }
        let v = self.field.as_ref()?.view;
        let x = v.x.0 + (px - l) / (r - l) * (v.x.1 - v.x.0);
        let y = v.y.1 - (py - t) / (b - t) * (v.y.1 - v.y.0);
        Some(vec![x, y])
    }
}
