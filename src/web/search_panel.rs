//! The hyperparameter-search panel: plans the trials, collects their
//! results, ranks them, narrows the ranges, and draws the scatter.

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

    /// Plans `n` trials over the ranges, random or on a grid; returns them as
    /// JSON `[{lr, decay}]`.
    pub fn plan(&mut self, n: usize, grid: bool, seed: u32) -> Result<String, JsError> {
        if !(1..=400).contains(&n) {
            return Err(JsError::new(&format!(
                "The number of trials must be from 1 to 400, got {n}."
            )));
        }
        self.trials = self
            .space
            .points(n, grid, u64::from(seed))
            .into_iter()
            .map(|(l, d)| (l, d, None))
            .collect();
        Ok(Json::Arr(
            self.trials
                .iter()
                .map(|t| Json::obj([("lr", t.0.into()), ("decay", t.1.into())]))
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

    /// The `k` best finished trials, best first, as JSON `[{index, lr, decay, accuracy}]`.
    pub fn ranking(&self, k: usize) -> String {
        Json::Arr(
            self.best(k)
                .into_iter()
                .map(|i| {
                    let (l, d, a) = self.trials[i];
                    Json::obj([
                        ("index", i.into()),
                        ("lr", l.into()),
                        ("decay", d.into()),
                        ("accuracy", Json::from(a)),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// The log10 ranges around the `k` best trials, as JSON `{lr: [lo, hi], decay: [lo, hi]}`.
    pub fn narrowed(&self, k: usize) -> Result<String, JsError> {
        let best: Vec<(f64, f64)> = self
            .best(k)
            .into_iter()
            .map(|i| (self.trials[i].0, self.trials[i].1))
            .collect();
        if best.is_empty() {
            return Err(JsError::new(
                "No trial has finished yet; wait for some results before narrowing.",
            ));
        }
        let s = SearchSpace::around(&best);
        Ok(Json::obj([
            ("lr", Json::nums(&[s.lr.0, s.lr.1])),
            ("decay", Json::nums(&[s.decay.0, s.decay.1])),
        ])
        .to_string())
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
