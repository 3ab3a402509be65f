//! Live training curves in the page. The page streams each run's losses and
//! evaluations in (from its workers); `draw()` redraws both charts.

use super::{canvas, js_error, present};
use crate::plot::curves::{draw_accuracy, draw_loss, draw_schedule, readout, EvalPoint, RunCurve};
use wasm_bindgen::prelude::*;

struct Series {
    label: String,
    losses: Vec<f64>,
    evals: Vec<EvalPoint>,
    best: Option<usize>,
    test_losses: Vec<(f64, f64)>,
}

/// The curves of the runs of one experiment.
#[wasm_bindgen]
pub struct CurvesPanel {
    loss_canvas: String,
    accuracy_canvas: String,
    total: usize,
    runs: Vec<Series>,
    /// Left and right edges of the plots, in canvas pixels, as last drawn.
    edges: Option<(i32, i32)>,
    /// Whether the accuracy axis fits the runs' later accuracies.
    fit: bool,
}

impl CurvesPanel {
    fn curves(&self) -> Vec<RunCurve<'_>> {
        self.runs
            .iter()
            .enumerate()
            .map(|(i, s)| RunCurve {
                label: &s.label,
                index: i,
                losses: &s.losses,
                evals: &s.evals,
                best: s.best,
                test_losses: &s.test_losses,
            })
            .collect()
    }
}

#[wasm_bindgen]
impl CurvesPanel {
    /// Curves drawn into the canvases `loss_canvas` and `accuracy_canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(loss_canvas: &str, accuracy_canvas: &str) -> CurvesPanel {
        CurvesPanel {
            loss_canvas: loss_canvas.into(),
            accuracy_canvas: accuracy_canvas.into(),
            total: 1,
            runs: Vec::new(),
            edges: None,
            fit: false,
        }
    }

    /// Fits the accuracy axis to the runs' later accuracies (for
    /// experiments whose runs differ by a point or two), or shows 0 to 1.
    pub fn set_fit(&mut self, fit: bool) {
        self.fit = fit;
    }

    /// Starts over with runs named by the lines of `labels`, over `total` updates.
    pub fn reset(&mut self, labels: &str, total: usize) {
        self.total = total.max(1);
        self.runs = labels
            .lines()
            .map(|l| Series {
                label: l.to_string(),
                losses: Vec::new(),
                evals: Vec::new(),
                best: None,
                test_losses: Vec::new(),
            })
            .collect();
    }

    /// Forgets the curves of run `run` (it starts again).
    pub fn clear_run(&mut self, run: usize) {
        if let Some(s) = self.runs.get_mut(run) {
            s.losses.clear();
            s.evals.clear();
            s.best = None;
            s.test_losses.clear();
        }
    }

    /// Sets the number of updates the x axes span.
    pub fn set_total(&mut self, total: usize) {
        self.total = total.max(1);
    }

    /// Appends losses of run `run`.
    pub fn push_losses(&mut self, run: usize, losses: &[f64]) {
        if let Some(s) = self.runs.get_mut(run) {
            s.losses.extend_from_slice(losses);
        }
    }

    /// Appends an evaluation of run `run`; `val` is NaN when there is no validation set.
    pub fn push_eval(&mut self, run: usize, iter: f64, train: f64, val: f64, test: f64) {
        if let Some(s) = self.runs.get_mut(run) {
            let val = val.is_finite().then_some(val);
            if let Some(v) = val {
                let best = s.best.and_then(|b| s.evals.get(b)).and_then(|e| e.2);
                if best.is_none_or(|b| v > b) {
                    s.best = Some(s.evals.len());
                }
            }
            s.evals.push((iter, train, val, test));
        }
    }

    /// Appends run `run`'s test loss at update `iter`, drawn as dots on the
    /// loss chart (for the experiments that compare test losses).
    pub fn push_test_loss(&mut self, run: usize, iter: f64, loss: f64) {
        if let Some(s) = self.runs.get_mut(run) {
            s.test_losses.push((iter, loss));
        }
    }

    /// Draws both charts.
    pub fn draw(&mut self) -> Result<(), JsError> {
        self.draw_loss_chart()?;
        self.draw_accuracy_chart()
    }

    /// Draws the loss chart alone (a redraw in parts draws the two charts
    /// in frames of their own).
    pub fn draw_loss_chart(&mut self) -> Result<(), JsError> {
        let curves = self.curves();
        let (loss, style) = canvas::open(&self.loss_canvas)?;
        let edges = draw_loss(&loss, &curves, self.total, &style).map_err(js_error)?;
        present(&loss)?;
        self.edges = Some(edges);
        Ok(())
    }

    /// Draws the accuracy chart alone.
    pub fn draw_accuracy_chart(&self) -> Result<(), JsError> {
        let curves = self.curves();
        let (acc, style) = canvas::open(&self.accuracy_canvas)?;
        draw_accuracy(&acc, &curves, self.total, self.fit, &style).map_err(js_error)?;
        present(&acc)
    }

    /// Loss above, accuracy below, as one SVG sized like the two canvases.
    pub fn svg(&self) -> Result<String, JsError> {
        let curves = self.curves();
        canvas::svg_like(&self.loss_canvas, 2, |area, style| {
            let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 / 2);
            draw_loss(&top, &curves, self.total, style)?;
            draw_accuracy(&bottom, &curves, self.total, self.fit, style)?;
            Ok(())
        })
    }

    /// The runs' values under canvas pixel column `px` (backing-store
    /// pixels), one line per run, or "" outside the plots.
    pub fn readout_at(&self, px: f64) -> String {
        let Some((left, right)) = self.edges else {
            return String::new();
        };
        if px < f64::from(left) || px > f64::from(right) || right <= left {
            return String::new();
        }
        let update = (px - f64::from(left)) / f64::from(right - left) * self.total as f64;
        let curves = self.curves();
        let mut lines = vec![format!(
            "{} {}:",
            crate::i18n::tr("Update", "갱신"),
            update.round()
        )];
        lines.extend(readout(&curves, update));
        lines.join("\n")
    }

    /// The learning rate of each update over the run that `settings`
    /// describe (`key=value;…`, as a custom run takes them), for
    /// `train_digits` training examples: (points, total updates).
    fn schedule_points(
        settings: &str,
        train_digits: usize,
    ) -> crate::Result<(Vec<(f64, f64)>, usize)> {
        let mut config = crate::train::TrainConfig::default();
        config.apply(settings)?;
        let total = config.total_updates(train_digits);
        let schedule = config.schedule_over(train_digits);
        let every = total.div_ceil(400).max(1);
        let points = (0..total)
            .step_by(every)
            .chain(std::iter::once(total - 1))
            .map(|t| {
                (
                    t as f64 + 1.0,
                    schedule.lr_at(config.hyper.get(crate::optim::Param::Lr), t),
                )
            })
            .collect();
        Ok((points, total))
    }

    /// Draws the learning rate over the run that `settings` describe on
    /// canvas `canvas_id`.
    pub fn draw_schedule(
        canvas_id: &str,
        settings: &str,
        train_digits: usize,
    ) -> Result<(), JsError> {
        let (points, total) = Self::schedule_points(settings, train_digits).map_err(js_error)?;
        let (area, style) = canvas::open(canvas_id)?;
        draw_schedule(&area, &points, total, &style).map_err(js_error)?;
        present(&area)
    }

    /// The same schedule as an SVG, sized like canvas `canvas_id`.
    pub fn svg_schedule(
        canvas_id: &str,
        settings: &str,
        train_digits: usize,
    ) -> Result<String, JsError> {
        let (points, total) = Self::schedule_points(settings, train_digits).map_err(js_error)?;
        canvas::svg_like(canvas_id, 1, |area, style| {
            draw_schedule(area, &points, total, style)
        })
    }

    /// Every run's losses and evaluations as CSV.
    pub fn csv(&self) -> String {
        let mut out = String::from("run,kind,update,loss,train_acc,val_acc,test_acc\n");
        for s in &self.runs {
            for (i, l) in s.losses.iter().enumerate() {
                out.push_str(&format!("\"{}\",loss,{},{l},,,\n", s.label, i + 1));
            }
            for e in &s.evals {
                out.push_str(&format!(
                    "\"{}\",eval,{},,{},{},{}\n",
                    s.label,
                    e.0,
                    if e.1.is_finite() {
                        e.1.to_string()
                    } else {
                        String::new()
                    },
                    e.2.map_or(String::new(), |v| v.to_string()),
                    e.3
                ));
            }
            for (update, l) in &s.test_losses {
                out.push_str(&format!("\"{}\",test_loss,{update},{l},,,\n", s.label));
            }
        }
        out
    }
}
