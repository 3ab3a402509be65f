//! The optimizer lab's handle: the page sets the configuration through small
//! validated setters, then asks for frames. Trajectories are recomputed on
//! every change (8 runs × 1000 steps take well under a millisecond); the
//! contour background is recomputed only when the surface changes.

use super::{canvas, js_error};
use crate::json::Json;
use crate::optim::figure::{draw_frame, field_of, paths_of};
use crate::optim::lab::{self, Lab};
use crate::optim::presets::{self, Preset};
use crate::optim::surface::Surface;
use crate::optim::trajectory::Trajectory;
use crate::plot::contour::{draw_field, Field};
use crate::plot::paths::{draw_paths, MARKER_SYMBOLS};
use crate::plot::side::{draw_side, SideView};
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
    field: Field,
    trajectories: Vec<Trajectory>,
    side_view: SideView,
    /// The plot rectangle in canvas pixels (left, top, right, bottom), as
    /// last drawn, for turning clicks into points.
    plot_rect: Option<(i32, i32, i32, i32)>,
}

#[wasm_bindgen]
impl OptimizerPanel {
    /// A lab drawing its contour into canvas `background`, its paths into the
    /// transparent canvas `overlay` stacked on it, and its side plot into `side`.
    #[wasm_bindgen(constructor)]
    pub fn new(background: &str, overlay: &str, side: &str) -> OptimizerPanel {
        let lab = Lab::default();
        let field = field_of(&lab.surface, FIELD_COLS);
        let trajectories = lab.run_all();
        OptimizerPanel {
            background: background.into(),
            overlay: overlay.into(),
            side: side.into(),
            lab,
            field,
            trajectories,
            side_view: SideView::Loss,
            plot_rect: None,
        }
    }

    fn recompute(&mut self) {
        self.trajectories = self.lab.run_all();
    }

    /// Loads preset `id` (the whole configuration).
    pub fn apply_preset(&mut self, id: &str) -> Result<(), JsError> {
        let p = Preset::named(id).map_err(js_error)?;
        let surface_changed = p.surface != self.lab.surface;
        self.lab = Lab::from(p);
        if surface_changed {
            self.field = field_of(&self.lab.surface, FIELD_COLS);
        }
        self.recompute();
        Ok(())
    }

    /// Sets the surface: a name (bowl, saddle, two-basins, rosenbrock,
    /// himmelblau) or an expression in x and y.
    pub fn set_surface(&mut self, text: &str) -> Result<(), JsError> {
        let surface = Surface::parse(text).map_err(js_error)?;
        if surface != self.lab.surface {
            self.field = field_of(&surface, FIELD_COLS);
            self.lab.surface = surface;
            self.recompute();
        }
        Ok(())
    }

    /// Sets the runs from their text form (see `optim::lab`).
    pub fn set_runs(&mut self, text: &str) -> Result<(), JsError> {
        self.lab.runs = lab::parse_runs(text).map_err(js_error)?;
        self.recompute();
        Ok(())
    }

    /// Sets the start point.
    pub fn set_start(&mut self, x: f64, y: f64) -> Result<(), JsError> {
        self.lab.set_start(x, y).map_err(js_error)?;
        self.recompute();
        Ok(())
    }

    /// Sets the number of updates.
    pub fn set_steps(&mut self, steps: f64) -> Result<(), JsError> {
        self.lab.set_steps(steps).map_err(js_error)?;
        self.recompute();
        Ok(())
    }

    /// Sets the schedule from its text form (`constant`, `step:30:0.1`, …).
    pub fn set_schedule(&mut self, text: &str) -> Result<(), JsError> {
        self.lab.setting.schedule =
            lab::parse_schedule(text, self.lab.setting.steps).map_err(js_error)?;
        self.recompute();
        Ok(())
    }

    /// Sets the gradient noise and its seed.
    pub fn set_noise(&mut self, sigma: f64, seed: u32) -> Result<(), JsError> {
        self.lab.set_noise(sigma).map_err(js_error)?;
        self.lab.setting.seed = u64::from(seed);
        self.recompute();
        Ok(())
    }

    /// Chooses the side plot: `loss`, `effective-lr` or `schedule`.
    pub fn set_side_view(&mut self, what: &str) -> Result<(), JsError> {
        self.side_view = match what {
            "loss" => SideView::Loss,
            "effective-lr" => SideView::EffectiveLr,
            "schedule" => SideView::Schedule,
            other => {
                return Err(js_error(crate::error!(
                    "Unknown side plot \"{other}\"; choose loss, effective-lr or schedule.",
                    "\"{other}\"은(는) 알 수 없는 보조 그래프입니다. loss, effective-lr, schedule 중에서 고르세요."
                )))
            }
        };
        Ok(())
    }

    /// The whole configuration as JSON, in the text forms the setters take:
    /// `{surface, formula, start: [x, y], steps, schedule, noise, seed, runs}`.
    pub fn config(&self) -> String {
        let s = &self.lab.setting;
        Json::obj([
            ("surface", Json::Str(self.lab.surface.id().into())),
            ("formula", Json::Str(self.lab.surface.formula())),
            ("start", Json::nums(&s.start)),
            ("steps", s.steps.into()),
            ("schedule", Json::Str(lab::format_schedule(&s.schedule))),
            ("noise", s.noise.into()),
            ("seed", Json::Num(s.seed as f64)),
            ("runs", Json::Str(lab::format_runs(&self.lab.runs))),
            (
                "run_list",
                Json::Arr(
                    self.lab
                        .runs
                        .iter()
                        .map(|r| {
                            let h = r.hyper;
                            Json::obj([
                                ("kind", Json::Str(r.kind.id().into())),
                                ("visible", Json::Bool(r.visible)),
                                ("lr", h.lr.into()),
                                ("alpha", h.alpha.into()),
                                ("rho", h.rho.into()),
                                ("beta1", h.beta1.into()),
                                ("beta2", h.beta2.into()),
                                ("eps", h.eps.into()),
                                ("damping", h.damping.into()),
                                ("bias_correction", Json::Bool(h.bias_correction)),
                            ])
                        })
                        .collect(),
                ),
            ),
        ])
        .to_string()
    }

    /// The presets as JSON: `[{id, title, sentence}]`.
    pub fn presets() -> String {
        Json::Arr(
            presets::IDS
                .iter()
                .filter_map(|id| Preset::named(id).ok())
                .map(|p| {
                    Json::obj([
                        ("id", Json::Str(p.id.into())),
                        ("title", Json::Str(p.title.into())),
                        ("sentence", Json::Str(p.sentence.into())),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// The id of the preset whose configuration is the current one, or "".
    pub fn matching_preset(&self) -> String {
        presets::IDS
            .iter()
            .find(|id| Preset::named(id).is_ok_and(|p| Lab::from(p) == self.lab))
            .map_or_else(String::new, |id| (*id).to_string())
    }

    /// Number of updates in each run (the last frame).
    pub fn steps(&self) -> usize {
        self.lab.setting.steps
    }

    /// The state of each run after `frame` updates, as JSON:
    /// `[{kind, label, symbol, visible, step, x, y, f, lr, diverged_at}]`.
    pub fn readouts(&self, frame: usize) -> String {
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
        .to_string()
    }

    /// Every point of every run as CSV.
    pub fn csv(&self) -> String {
        lab::to_csv(&self.lab, &self.trajectories)
    }

    /// Draws the contour background (after a surface change or a resize).
    pub fn draw_background(&mut self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.background)?;
        draw_field(&area, &self.field, &style).map_err(js_error)?;
        let chart =
            crate::plot::contour::chart(&area, self.field.view, &style).map_err(js_error)?;
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        self.plot_rect = Some((xr.start, yr.start, xr.end, yr.end));
        area.present().map_err(|e| JsError::new(&format!("{e:?}")))
    }

    /// Draws the paths and the side plot as they are after `frame` updates.
    pub fn draw(&self, frame: usize) -> Result<(), JsError> {
        canvas::clear(&self.overlay);
        let (area, style) = canvas::open(&self.overlay)?;
        let paths = paths_of(&self.lab, &self.trajectories);
        draw_paths(
            &area,
            self.field.view,
            &paths,
            &self.lab.surface.marks(),
            frame,
            &style,
        )
        .map_err(js_error)?;
        area.present()
            .map_err(|e| JsError::new(&format!("{e:?}")))?;
        let (side, style) = canvas::open(&self.side)?;
        draw_side(
            &side,
            &paths,
            self.lab.setting.steps,
            frame,
            self.side_view,
            Some(self.field.range),
            &style,
        )
        .map_err(js_error)?;
        side.present().map_err(|e| JsError::new(&format!("{e:?}")))
    }

    /// The frames of an animation with at most `max` frames (as the command
    /// line's `--animate` takes them).
    pub fn animation_frames(&self, max: usize) -> Vec<u32> {
        crate::optim::figure::animation_frames(self.lab.setting.steps, max)
            .into_iter()
            .map(|f| f as u32)
            .collect()
    }

    /// The lab after `frame` updates as one SVG figure: formula, contour
    /// with paths, and the chosen side plot, sized like the contour canvas.
    pub fn svg(&self, frame: usize) -> Result<String, JsError> {
        canvas::svg_like(&self.background, 2, |area, style| {
            draw_frame(
                area,
                &self.lab,
                &self.field,
                &self.trajectories,
                (frame, self.side_view),
                style,
            )
        })
    }

    /// The surface point under canvas pixel (`px`, `py`) (backing-store
    /// pixels), or `undefined` outside the plot.
    pub fn point_at(&self, px: f64, py: f64) -> Option<Vec<f64>> {
        let (l, t, r, b) = self.plot_rect?;
        let (l, t, r, b) = (f64::from(l), f64::from(t), f64::from(r), f64::from(b));
        if px < l || px > r || py < t || py > b || r <= l || b <= t {
            return None;
        }
        let v = self.field.view;
        let x = v.x.0 + (px - l) / (r - l) * (v.x.1 - v.x.0);
        let y = v.y.1 - (py - t) / (b - t) * (v.y.1 - v.y.0);
        Some(vec![x, y])
    }
}
