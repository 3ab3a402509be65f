//! Looking inside a trained network in the page: its scores in eval and
//! train mode, confusion matrix, the most confident mistakes, batch norm's
//! running averages beside a batch's statistics, first-layer weights, and
//! predictions for a drawing.

use super::training::DigitSet;
use super::{canvas, js_error, present};
use crate::json::Json;
use crate::plot::digits::draw_grid;
use crate::plot::inspect::{draw_confusion, draw_norm_statistics, draw_probabilities, NormView};
use crate::train::evaluate::Pass;
use crate::train::inspect::{Inspection, NormStatistics};
use wasm_bindgen::prelude::*;

/// A trained network and what it does on the test digits.
#[wasm_bindgen]
pub struct Inspector {
    inspection: Inspection,
    last: Vec<f64>,
    norm: Option<NormStatistics>,
}

#[wasm_bindgen]
impl Inspector {
    /// Loads a model file (as saved by a run), checked, to be scored on the
    /// test digits of `set` with `score(n)`.
    #[wasm_bindgen(constructor)]
    pub fn new(model: &[u8], set: &DigitSet) -> Result<Inspector, JsError> {
        Ok(Inspector {
            inspection: Inspection::new(model, set.shared(), set.test()).map_err(js_error)?,
            last: vec![0.1; 10],
            norm: None,
        })
    }

    /// Scores up to `n` more test digits (the page calls it in slices, so
    /// that a large network never holds the page up); returns whether every
    /// test digit is scored.
    pub fn score(&mut self, n: usize) -> bool {
        self.inspection.score(n)
    }

    /// Share of the test digits scored so far.
    pub fn progress(&self) -> f64 {
        self.inspection.progress()
    }

    /// Eval-mode test accuracy (of the digits scored so far).
    pub fn accuracy(&self) -> f64 {
        self.inspection.accuracy()
    }

    /// The passes scored, as JSON `[{id, label, accuracy, loss}]`: `eval`;
    /// with batch norm or dropout `train` (batches of 100); with batch norm
    /// `train-1` (batches of 1, where batch statistics fail).
    pub fn passes(&self) -> String {
        Json::Arr(
            self.inspection
                .tallies
                .iter()
                .map(|t| {
                    let id = match t.pass {
                        Pass::Eval => "eval",
                        Pass::Train { batch: 1 } => "train-1",
                        Pass::Train { .. } => "train",
                    };
                    Json::obj([
                        ("id", Json::Str(id.into())),
                        ("label", Json::Str(self.inspection.describe(t.pass))),
                        ("accuracy", t.accuracy().into()),
                        ("loss", t.loss().into()),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// Shows pass number `i` of `passes()` in the confusion matrix and the
    /// mistakes; returns whether there is one.
    pub fn show_pass(&mut self, i: usize) -> bool {
        self.inspection.show(i)
    }

    /// Units of hidden layer `layer` (0 when there is no such layer).
    pub fn norm_units(&self, layer: usize) -> usize {
        self.inspection
            .net
            .spec
            .hidden
            .get(layer)
            .copied()
            .unwrap_or(0)
    }

    /// How many hidden layers have batch norm (0 without).
    pub fn norm_layers(&self) -> usize {
        self.inspection.net.bn.len()
    }

    /// Looks at hidden layer `layer`'s batch norm (from 0): JSON `{layer,
    /// batch, mean_gap, var_gap, units: [[running mean, batch mean, running
    /// var, batch var]…] (the first 5)}`, or `null` without one; kept for
    /// `draw("norm")`.
    pub fn norm_statistics(&mut self, layer: usize) -> String {
        self.norm = self.inspection.norm_statistics(layer);
        match &self.norm {
            None => "null".into(),
            Some(n) => {
                let (mean_gap, var_gap) = n.gaps();
                let units = (0..n.running_mean.len().min(5))
                    .map(|u| {
                        Json::nums(&[
                            n.running_mean[u],
                            n.batch_mean[u],
                            n.running_var[u],
                            n.batch_var[u],
                        ])
                    })
                    .collect();
                Json::obj([
                    ("layer", n.layer.into()),
                    ("batch", n.batch.into()),
                    ("mean_gap", mean_gap.into()),
                    ("var_gap", var_gap.into()),
                    ("units", Json::Arr(units)),
                ])
                .to_string()
            }
        }
    }

    /// The model and its input scaling as a file.
    pub fn model(&self) -> Vec<u8> {
        self.inspection.model()
    }

    /// Draws plot `what` ("confusion", "mistakes", "weights" or
    /// "probabilities") on any backend.
    fn paint<DB: plotters::prelude::DrawingBackend>(
        &self,
        what: &str,
        area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
        style: &crate::plot::Style,
    ) -> crate::Result<()> {
        let i = &self.inspection;
        match what {
            "confusion" => {
                let shown = i.shown().pass;
                let mode = match shown {
                    Pass::Eval => String::new(),
                    Pass::Train { batch } => crate::i18n::tr(
                        format!("train mode, batches of {batch}"),
                        format!("학습 모드, 배치 {batch}개"),
                    ),
                };
                draw_confusion(area, &i.shown().matrix, &mode, style)
            }
            "norm" => match &self.norm {
                Some(n) => draw_norm_statistics(
                    area,
                    &NormView {
                        layer: n.layer,
                        batch: n.batch,
                        mean: (&n.running_mean, &n.batch_mean),
                        var: (&n.running_var, &n.batch_var),
                    },
                    style,
                ),
                None => Ok(()),
            },
            "mistakes" => draw_grid(area, &i.mistake_images(12), i.side(), 12, style),
            "weights" => draw_grid(area, &i.weight_images(16), i.side(), 8, style),
            "probabilities" => draw_probabilities(area, &self.last, style),
            other => Err(crate::error!(
                "There is no plot \"{other}\" of a network.",
                "신경망에는 \"{other}\" 그래프가 없습니다."
            )),
        }
    }

    /// Draws plot `what` ("confusion" and "mistakes" (12) of the pass shown,
    /// "norm" (the layer last asked for), "weights" (16 units) or
    /// "probabilities") on canvas `canvas_id`.
    pub fn draw(&self, what: &str, canvas_id: &str) -> Result<(), JsError> {
        let (area, style) = canvas::open(canvas_id)?;
        self.paint(what, &area, &style).map_err(js_error)?;
        present(&area)
    }

    /// Plot `what` as an SVG, sized like canvas `canvas_id`.
    pub fn svg(&self, what: &str, canvas_id: &str) -> Result<String, JsError> {
        canvas::svg_like(canvas_id, 1, |area, style| self.paint(what, area, style))
    }

    /// The confusion matrix as CSV: one row per true digit, one column per prediction.
    pub fn confusion_csv(&self) -> String {
        let mut out = String::from("true/predicted,0,1,2,3,4,5,6,7,8,9\n");
        for (digit, row) in self.inspection.shown().matrix.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
            out.push_str(&format!("{digit},{}\n", cells.join(",")));
        }
        out
    }

    /// Predicts the digit drawn as `ink` (w × h, values in [0, 1]); returns the
    /// probabilities as JSON and keeps them for `draw_probabilities`.
    pub fn predict(&mut self, ink: &[f32], w: usize, h: usize) -> String {
        self.last = self.inspection.predict(ink, w, h);
        Json::nums(&self.last).to_string()
    }
}
