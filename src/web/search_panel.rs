//! The hyperparameter-search panel: the page applies its settings (trials,
//! layout, space) with `set(key, text)`; the panel plans the trials (random,
//! grid, or both to compare them), collects their results, ranks them,
//! narrows the space, and draws the scatter.

use super::{canvas, js_error, present};
use crate::catalogue::{self, Scale, Value};
use crate::json::Json;
use crate::plot::search::{draw_search, Trial};
use crate::train::search::{SearchSpace, SETTINGS};
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

    /// The scatter's points and axes: each dimension in log10 for a log scale.
    fn scatter(&self) -> (Vec<Trial>, [OwnedAxis; 2]) {
        let axis = |j: usize| -> (String, (f64, f64), bool) {
            match self.space.dims.get(j) {
                Some(d) => {
                    let label = crate::train::settings::entries()
                        .into_iter()
                        .find(|e| e.key == d.key)
                        .map_or(d.key, |e| e.label());
                    let log = d.scale != Scale::Linear;
                    let (lo, hi) = d.range;
                    if log {
                        (format!("log10 {label}"), (lo.log10(), hi.log10()), true)
                    } else {
                        (label.to_string(), (lo, hi), false)
                    }
                }
                None => (String::new(), (-1.0, 1.0), false),
            }
        };
        let (x, y) = (axis(0), axis(1));
        let at = |v: Option<&f64>, log: bool| match v {
            Some(&v) if log => v.log10(),
            Some(&v) => v,
            None => 0.0,
        };
        let points = self
            .trials
            .iter()
            .map(|t| {
                (
                    at(t.values.first(), x.2),
                    at(t.values.get(1), y.2),
                    t.accuracy,
                    t.grid,
                )
            })
            .collect();
        (points, [(x.0, x.1), (y.0, y.1)])
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
            (_, v) => self.space = SearchSpace::parse(v.text()).map_err(js_error)?,
        }
        Ok(match entry.key {
            "trials" => self.trials_wanted.to_string(),
            "layout" => self.layout.to_string(),
            _ => self.space.text(),
        })
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
                    Json::obj([
                        ("index", i.into()),
                        ("values", Json::nums(&t.values)),
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
        crate::i18n::tr(
            format!("Random: best {rb} from {rn} distinct learning rates. Grid: best {gb} from {gn} distinct learning rates."),
            format!("무작위: 서로 다른 학습률 {rn}개에서 최고 {rb}. 격자: 서로 다른 학습률 {gn}개에서 최고 {gb}."),
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

    /// Draws the scatter, ringing the 5 best.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        self.paint(&area, &style).map_err(js_error)?;
        present(&area)
    }
}
