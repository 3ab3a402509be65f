//! The hyperparameter-search panel: the page applies its settings (trials,
//! layout, space) with `set(key, text)`; the panel plans the trials (random,
//! grid, or both to compare them), collects their results, ranks them,
//! narrows the space, and draws the scatter.

use super::{canvas, js_error, present};
use crate::catalogue::{self, Value};
use crate::i18n::tr;
use crate::json::Json;
use crate::plot::search::{draw_marginals, draw_search, Marginal, Trial};
use crate::train::search::{SearchSpace, BOOK_EPOCHS, SETTINGS};
use wasm_bindgen::prelude::*;

/// One planned trial: its values (one per dimension), whether it sits on a
/// grid, and its validation accuracy once finished.
struct Planned {
    values: Vec<f64>,
    grid: bool,
    accuracy: Option<f64>,
}

/// An axis of the scatter: its title and range.
type OwnedAxis = (String, (f64, f64));

/// A search in progress.
#[wasm_bindgen]
pub struct SearchPanel {
    canvas_id: String,
    space: SearchSpace,
    trials_wanted: usize,
    layout: &'static str,
    epochs: usize,
    trials: Vec<Planned>,
}

impl SearchPanel {
    fn best(&self, k: usize) -> Vec<usize> {
        let mut done: Vec<usize> = (0..self.trials.len())
            .filter(|&i| self.trials[i].accuracy.is_some())
            .collect();
        done.sort_by(|&a, &b| {
            let acc = |i: usize| self.trials[i].accuracy.unwrap_or(0.0);
            acc(b).total_cmp(&acc(a))
        });
        done.truncate(k);
        done
    }

    /// The scatter's points and axes: the first two dimensions, in their
    /// shown units (log10 for a log scale).
    fn scatter(&self) -> (Vec<Trial>, [OwnedAxis; 2]) {
        let dim = |j: usize| self.space.dims.get(j);
        let axis = |j: usize| match dim(j) {
            Some(d) => (d.axis_title(), d.shown_range()),
            None => (String::new(), (-1.0, 1.0)),
        };
        let at = |t: &Planned, j: usize| match (dim(j), t.values.get(j)) {
            (Some(d), Some(&v)) => d.shown(v),
            _ => 0.0,
        };
        let points = self
            .trials
            .iter()
            .map(|t| (at(t, 0), at(t, 1), t.accuracy, t.grid))
            .collect();
        (points, [axis(0), axis(1)])
    }

    /// Bergstra and Bengio's figure: for each dimension, every trial's
    /// validation accuracy against its value, titled with how many
    /// distinct values random and grid trials tried.
    fn marginals(&self) -> Vec<Marginal> {
        self.space
            .dims
            .iter()
            .enumerate()
            .map(|(j, d)| {
                let distinct = |grid: bool| {
                    let mut v: Vec<u64> = self
                        .trials
                        .iter()
                        .filter(|t| t.grid == grid)
                        .filter_map(|t| t.values.get(j).map(|v| v.to_bits()))
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v.len()
                };
                let (r, g) = (distinct(false), distinct(true));
                let label = d.label();
                let title = match (r, g) {
                    (_, 0) => tr(format!("{label}: {r} values"), format!("{label}: 값 {r}개")),
                    (0, _) => tr(
                        format!("{label}: {g} grid values"),
                        format!("{label}: 격자 값 {g}개"),
                    ),
                    _ => tr(
                        format!("{label}: {r} random values, {g} on the grid"),
                        format!("{label}: 무작위 값 {r}개, 격자 값 {g}개"),
                    ),
                };
                Marginal {
                    title,
                    axis: d.axis_title(),
                    range: d.shown_range(),
                    points: self
                        .trials
                        .iter()
                        .filter_map(|t| Some((d.shown(*t.values.get(j)?), t.accuracy, t.grid)))
                        .collect(),
                }
            })
            .collect()
    }

    /// A trial's values as its name: `lr=3.16e-4 l2=1.00e-6`.
    fn named(&self, values: &[f64]) -> String {
        let parts: Vec<String> = self
            .space
            .dims
            .iter()
            .zip(values)
            .map(|(d, v)| format!("{}={}", d.key, d.format(*v)))
            .collect();
        parts.join(" ")
    }

    fn paint<DB: plotters::prelude::DrawingBackend>(
        &self,
        area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
        style: &crate::plot::Style,
    ) -> crate::Result<()> {
        let (points, [x, y]) = self.scatter();
        draw_search(
            area,
            &points,
            (&x.0, x.1),
            (&y.0, y.1),
            &self.best(5),
            style,
        )
    }
}

#[wasm_bindgen]
impl SearchPanel {
    /// A panel drawing into canvas `canvas_id`, with the book's search.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str) -> SearchPanel {
        SearchPanel {
            canvas_id: canvas_id.into(),
            space: SearchSpace::default(),
            trials_wanted: 100,
            layout: "random",
            epochs: BOOK_EPOCHS,
            trials: Vec::new(),
        }
    }

    /// Sets `trials`, `layout` or `space` (see `train::search::SETTINGS`)
    /// from its text; returns its canonical text, or throws the sentence
    /// explaining why it was refused.
    pub fn set(&mut self, key: &str, text: &str) -> Result<String, JsError> {
        let entry =
            catalogue::lookup(&SETTINGS, key, ("search setting", "탐색 설정")).map_err(js_error)?;
        match (entry.key, entry.parse(text).map_err(js_error)?) {
            ("trials", v) => self.trials_wanted = v.count().unwrap_or(1),
            ("layout", Value::Choice(id)) => self.layout = id,
            ("trial-epochs", v) => self.epochs = v.count().unwrap_or(BOOK_EPOCHS),
            (_, v) => self.space = SearchSpace::parse(v.text()).map_err(js_error)?,
        }
        Ok(match entry.key {
            "trials" => self.trials_wanted.to_string(),
            "layout" => self.layout.to_string(),
            "trial-epochs" => self.epochs.to_string(),
            _ => self.space.text(),
        })
    }

    /// The epochs each trial trains.
    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// The space of the older link keys `lr=-6,-2&wd=-8,-4` (log10 ends),
    /// in its text form.
    pub fn space_from_exponents(lr: &str, decay: &str) -> Result<String, JsError> {
        SearchSpace::from_exponents(lr, decay)
            .map(|s| s.text())
            .map_err(js_error)
    }

    /// Plans the trials, seeded: JSON `[{values, grid}]` (with `both`, half
    /// are random and half on a grid, to compare them).
    pub fn plan(&mut self, seed: u32) -> String {
        let (n, seed) = (self.trials_wanted, u64::from(seed));
        let tagged = |grid: bool, n: usize| {
            self.space
                .points(n, grid, seed)
                .into_iter()
                .map(move |values| Planned {
                    values,
                    grid,
                    accuracy: None,
                })
        };
        self.trials = match self.layout {
            "grid" => tagged(true, n).collect(),
            "both" => tagged(false, n.div_ceil(2))
                .chain(tagged(true, n.div_ceil(2)))
                .collect(),
            _ => tagged(false, n).collect(),
        };
        Json::Arr(
            self.trials
                .iter()
                .map(|t| {
                    Json::obj([
                        ("values", Json::nums(&t.values)),
                        ("grid", Json::Bool(t.grid)),
                        ("name", Json::Str(self.named(&t.values))),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// Records trial `i`'s validation accuracy.
    pub fn set_result(&mut self, i: usize, accuracy: f64) {
        if let Some(t) = self.trials.get_mut(i) {
            t.accuracy = accuracy.is_finite().then_some(accuracy);
        }
    }

    /// The `k` best finished trials, best first, as JSON
    /// `[{index, values, accuracy, layout}]`.
    pub fn ranking(&self, k: usize) -> String {
        Json::Arr(
            self.best(k)
                .into_iter()
                .map(|i| {
                    let t = &self.trials[i];
                    let texts = self.space.dims.iter().zip(&t.values);
                    Json::obj([
                        ("index", i.into()),
                        ("values", Json::nums(&t.values)),
                        (
                            "texts",
                            Json::Arr(texts.map(|(d, v)| Json::Str(d.format(*v))).collect()),
                        ),
                        ("accuracy", Json::from(t.accuracy)),
                        (
                            "layout",
                            Json::Str(if t.grid { "grid" } else { "random" }.into()),
                        ),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// Grid against random, when both ran: each one's best validation
    /// accuracy and how many distinct values of the first dimension it
    /// tried; "" otherwise.
    pub fn comparison(&self) -> String {
        let part = |grid: bool| {
            let mine: Vec<&Planned> = self.trials.iter().filter(|t| t.grid == grid).collect();
            let best = mine
                .iter()
                .filter_map(|t| t.accuracy)
                .fold(f64::NAN, f64::max);
            let mut firsts: Vec<u64> = mine
                .iter()
                .filter_map(|t| t.values.first().map(|v| v.to_bits()))
                .collect();
            firsts.sort_unstable();
            firsts.dedup();
            (mine.len(), best, firsts.len())
        };
        let (g, r) = (part(true), part(false));
        if g.0 == 0 || r.0 == 0 {
            return String::new();
        }
        let pct = |v: f64| {
            if v.is_finite() {
                format!("{:.1}%", 100.0 * v)
            } else {
                "—".into()
            }
        };
        let (rb, rn, gb, gn) = (pct(r.1), r.2, pct(g.1), g.2);
        let first = self
            .space
            .dims
            .first()
            .map(|d| d.label())
            .unwrap_or_default();
        tr(
            format!("Random: best {rb} from {rn} distinct values of {first}. Grid: best {gb} from {gn} distinct values of {first}."),
            format!("무작위: 서로 다른 {first} 값 {rn}개에서 최고 {rb}. 격자: 서로 다른 {first} 값 {gn}개에서 최고 {gb}."),
        )
    }

    /// The assistant's remark when the best finished trial lies at the
    /// edge of a range ("widen the range"); `undefined` otherwise.
    pub fn edge_remark(&self) -> Option<String> {
        let best = *self.best(1).first()?;
        self.space.edge_remark(&self.trials[best].values)
    }

    /// The space around the `k` best trials (coarse to fine), in its text
    /// form, to be set as the search's space.
    pub fn narrowed(&self, k: usize) -> Result<String, JsError> {
        let best: Vec<Vec<f64>> = self
            .best(k)
            .into_iter()
            .map(|i| self.trials[i].values.clone())
            .collect();
        if best.is_empty() {
            return Err(js_error(crate::error!(
                "No trial has finished yet; wait for some results before narrowing.",
                "아직 끝난 시도가 없습니다. 범위를 좁히기 전에 결과를 기다리세요."
            )));
        }
        Ok(self.space.around(&best).text())
    }

    /// Every trial as CSV: its values, layout and validation accuracy
    /// (empty until it finishes).
    pub fn csv(&self) -> String {
        let keys: Vec<&str> = self.space.dims.iter().map(|d| d.key).collect();
        let mut out = format!("{},layout,validation_accuracy\n", keys.join(","));
        for t in &self.trials {
            let values: Vec<String> = t.values.iter().map(ToString::to_string).collect();
            let acc = t.accuracy.map_or_else(String::new, |a| a.to_string());
            let layout = if t.grid { "grid" } else { "random" };
            out.push_str(&format!("{},{layout},{acc}\n", values.join(",")));
        }
        out
    }

    /// The scatter as an SVG, sized like the canvas.
    pub fn svg(&self) -> Result<String, JsError> {
        canvas::svg_like(&self.canvas_id, 1, |area, style| self.paint(area, style))
    }

    /// Draws the marginals (one panel per dimension) into canvas `canvas_id`.
    pub fn draw_marginals(&self, canvas_id: &str) -> Result<(), JsError> {
        let (area, style) = canvas::open(canvas_id)?;
        draw_marginals(&area, &self.marginals(), &style).map_err(js_error)?;
        present(&area)
    }

    /// The marginals as an SVG, sized like canvas `canvas_id`.
    pub fn marginals_svg(&self, canvas_id: &str) -> Result<String, JsError> {
        let panels = self.marginals();
        canvas::svg_like(canvas_id, 1, |area, style| {
            draw_marginals(area, &panels, style)
        })
    }

    /// Draws the scatter, ringing the 5 best.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        self.paint(&area, &style).map_err(js_error)?;
        present(&area)
    }
}
