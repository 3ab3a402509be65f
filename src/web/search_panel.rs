//! The hyperparameter-search panel: plans the trials (random, grid, or both
//! to compare them), collects their results, ranks them, narrows the ranges,
//! and draws the scatter.

use super::{canvas, js_error};
use crate::json::Json;
use crate::plot::search::{draw_search, Trial};
use crate::train::presets::SearchSpace;
use wasm_bindgen::prelude::*;

/// A search in progress.
#[wasm_bindgen]
pub struct SearchPanel {
    canvas_id: String,
    space: SearchSpace,
    trials: Vec<Trial>,
}

#[wasm_bindgen]
impl SearchPanel {
    /// A panel drawing into canvas `canvas_id`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str) -> SearchPanel {
        SearchPanel {
            canvas_id: canvas_id.into(),
            space: SearchSpace::default(),
            trials: Vec::new(),
        }
    }

    /// Sets the log10 ranges of the learning rate and the weight decay.
    pub fn set_space(
        &mut self,
        lr_lo: f64,
        lr_hi: f64,
        decay_lo: f64,
        decay_hi: f64,
    ) -> Result<(), JsError> {
        let space = SearchSpace {
            lr: (lr_lo, lr_hi),
            decay: (decay_lo, decay_hi),
        };
        space.validate().map_err(js_error)?;
        self.space = space;
        Ok(())
    }

    /// Plans `n` trials over the ranges: `layout` is `random`, `grid`, or
    /// `both` (half of each, to compare them); returns them as JSON
    /// `[{lr, decay, grid}]`.
    pub fn plan(&mut self, n: usize, layout: &str, seed: u32) -> Result<String, JsError> {
        if !(1..=400).contains(&n) {
            return Err(js_error(crate::error!(
                "The number of trials must be from 1 to 400, got {n}.",
                "시도 횟수는 1~400이어야 하는데 {n}입니다."
            )));
        }
        let seed = u64::from(seed);
        let tagged = |points: Vec<(f64, f64)>, grid: bool| {
            points.into_iter().map(move |(l, d)| (l, d, None, grid))
        };
        self.trials = match layout {
            "random" => tagged(self.space.points(n, false, seed), false).collect(),
            "grid" => tagged(self.space.points(n, true, seed), true).collect(),
            "both" => {
                let half = n.div_ceil(2);
                tagged(self.space.points(half, false, seed), false)
                    .chain(tagged(self.space.points(half, true, seed), true))
                    .collect()
            }
            other => {
                return Err(js_error(crate::error!(
                    "Unknown layout \"{other}\"; choose random, grid or both.",
                    "\"{other}\"은(는) 알 수 없는 배치입니다. random, grid, both 중에서 고르세요."
                )))
            }
        };
        Ok(Json::Arr(
            self.trials
                .iter()
                .map(|t| {
                    Json::obj([
                        ("lr", t.0.into()),
                        ("decay", t.1.into()),
                        ("grid", Json::Bool(t.3)),
                    ])
                })
                .collect(),
        )
        .to_string())
    }

    /// Records trial `i`'s validation accuracy.
    pub fn set_result(&mut self, i: usize, accuracy: f64) {
        if let Some(t) = self.trials.get_mut(i) {
            t.2 = accuracy.is_finite().then_some(accuracy);
        }
    }

    fn best(&self, k: usize) -> Vec<usize> {
        let mut done: Vec<usize> = (0..self.trials.len())
            .filter(|&i| self.trials[i].2.is_some())
            .collect();
        done.sort_by(|&a, &b| {
            self.trials[b]
                .2
                .unwrap_or(0.0)
                .total_cmp(&self.trials[a].2.unwrap_or(0.0))
        });
        done.truncate(k);
        done
    }

    /// The `k` best finished trials, best first, as JSON
    /// `[{index, lr, decay, accuracy, layout}]`.
    pub fn ranking(&self, k: usize) -> String {
        Json::Arr(
            self.best(k)
                .into_iter()
                .map(|i| {
                    let (l, d, a, grid) = self.trials[i];
                    Json::obj([
                        ("index", i.into()),
                        ("lr", l.into()),
                        ("decay", d.into()),
                        ("accuracy", Json::from(a)),
                        (
                            "layout",
                            Json::Str(if grid { "grid" } else { "random" }.into()),
                        ),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// Grid against random, when both ran: each one's best validation
    /// accuracy and how many distinct learning rates it tried; "" otherwise.
    pub fn comparison(&self) -> String {
        let part = |grid: bool| {
            let mine: Vec<&Trial> = self.trials.iter().filter(|t| t.3 == grid).collect();
            let best = mine.iter().filter_map(|t| t.2).fold(f64::NAN, f64::max);
            let mut lrs: Vec<u64> = mine.iter().map(|t| t.0.to_bits()).collect();
            lrs.sort_unstable();
            lrs.dedup();
            (mine.len(), best, lrs.len())
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

    /// The log10 ranges around the `k` best trials, as JSON `{lr: [lo, hi], decay: [lo, hi]}`.
    pub fn narrowed(&self, k: usize) -> Result<String, JsError> {
        let best: Vec<(f64, f64)> = self
            .best(k)
            .into_iter()
            .map(|i| (self.trials[i].0, self.trials[i].1))
            .collect();
        if best.is_empty() {
            return Err(js_error(crate::error!(
                "No trial has finished yet; wait for some results before narrowing.",
                "아직 끝난 시도가 없습니다. 범위를 좁히기 전에 결과를 기다리세요."
            )));
        }
        let s = SearchSpace::around(&best);
        Ok(Json::obj([
            ("lr", Json::nums(&[s.lr.0, s.lr.1])),
            ("decay", Json::nums(&[s.decay.0, s.decay.1])),
        ])
        .to_string())
    }

    /// Every trial as CSV: learning rate, weight decay, layout, validation
    /// accuracy (empty until it finishes).
    pub fn csv(&self) -> String {
        let mut out = String::from("learning_rate,weight_decay,layout,validation_accuracy\n");
        for t in &self.trials {
            let acc = t.2.map_or_else(String::new, |a| a.to_string());
            let layout = if t.3 { "grid" } else { "random" };
            out.push_str(&format!("{},{},{layout},{acc}\n", t.0, t.1));
        }
        out
    }

    /// The scatter as an SVG, sized like the canvas.
    pub fn svg(&self) -> Result<String, JsError> {
        let best = self.best(5);
        canvas::svg_like(&self.canvas_id, 1, |area, style| {
            draw_search(
                area,
                &self.trials,
                self.space.lr,
                self.space.decay,
                &best,
                style,
            )
        })
    }

    /// Draws the scatter, ringing the 5 best.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        draw_search(
            &area,
            &self.trials,
            self.space.lr,
            self.space.decay,
            &self.best(5),
            &style,
        )
        .map_err(js_error)?;
        area.present().map_err(|e| JsError::new(&format!("{e:?}")))
    }
}
