//! Looking inside a trained network in the page: confusion matrix, the most
//! confident mistakes, first-layer weights, and predictions for a drawing.

use super::training::DigitSet;
use super::{canvas, js_error, present};
use crate::json::Json;
use crate::nn::model_io;
use crate::plot::digits::draw_grid;
use crate::plot::inspect::{draw_confusion, draw_probabilities};
use crate::train::inspect::Inspection;
use wasm_bindgen::prelude::*;

/// A trained network and what it does on the test digits.
#[wasm_bindgen]
pub struct Inspector {
    inspection: Inspection,
    last: Vec<f64>,
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

    /// Test accuracy (of the digits scored so far).
    pub fn accuracy(&self) -> f64 {
        self.inspection.accuracy()
    }

    /// The model as a file.
    pub fn model(&self) -> Vec<u8> {
        model_io::save(&self.inspection.net)
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
            "confusion" => draw_confusion(area, &i.matrix, style),
            "mistakes" => draw_grid(area, &i.mistake_images(12), i.side(), 12, style),
            "weights" => draw_grid(area, &i.weight_images(16), i.side(), 8, style),
            "probabilities" => draw_probabilities(area, &self.last, style),
            other => Err(crate::error!(
                "There is no plot \"{other}\" of a network.",
                "신경망에는 \"{other}\" 그래프가 없습니다."
            )),
        }
    }

    /// Draws plot `what` ("confusion", "mistakes" (12), "weights" (16 units)
    /// or "probabilities") on canvas `canvas_id`.
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
        for (digit, row) in self.inspection.matrix.iter().enumerate() {
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
