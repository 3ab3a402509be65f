//! Looking inside a trained network in the page: confusion matrix, the most
//! confident mistakes, first-layer weights, and predictions for a drawing.

use super::training::DigitSet;
use super::{canvas, js_error, present};
use crate::data::drawing::to_mnist;
use crate::json::Json;
use crate::nn::mlp::Mlp;
use crate::nn::model_io;
use crate::plot::digits::draw_grid;
use crate::plot::inspect::{draw_confusion, draw_probabilities};
use crate::train::data::{Data, Scaling};
use crate::train::inspect::{confusion, probabilities, Mistake};
use wasm_bindgen::prelude::*;

/// A trained network and what it does on the test digits.
#[wasm_bindgen]
pub struct Inspector {
    net: Mlp<f32>,
    data: Data,
    matrix: [[usize; 10]; 10],
    mistakes: Vec<Mistake>,
    last: Vec<f64>,
}

#[wasm_bindgen]
impl Inspector {
    /// Loads a model file (as saved by a run) and scores it on the test digits of `set`.
    #[wasm_bindgen(constructor)]
    pub fn new(model: &[u8], set: &DigitSet) -> Result<Inspector, JsError> {
        let mut net = model_io::load::<f32>(model).map_err(js_error)?;
        let data =
            Data::new(set.shared(), set.test(), None, 0.0, Scaling::Unit).map_err(js_error)?;
        if net.spec.input != data.features() {
            return Err(js_error(crate::error!(
                "This model takes {} inputs, but the digits have {} pixels.",
                "이 모델의 입력은 {}개인데 숫자 이미지의 픽셀은 {}개입니다.",
                net.spec.input,
                data.features()
            )));
        }
        let test = data.test.clone();
        let (matrix, mistakes) = confusion(&mut net, &data, &test);
        Ok(Inspector {
            net,
            data,
            matrix,
            mistakes,
            last: vec![0.1; 10],
        })
    }

    /// Test accuracy.
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..10).map(|i| self.matrix[i][i]).sum();
        let all: usize = self.matrix.iter().flatten().sum();
        right as f64 / all.max(1) as f64
    }

    /// The model as a file.
    pub fn model(&self) -> Vec<u8> {
        model_io::save(&self.net)
    }

    /// The `count` most confident mistakes as titled images.
    fn mistake_images(&self, count: usize) -> Vec<(String, Vec<f64>)> {
        self.mistakes
            .iter()
            .take(count)
            .map(|m| {
                let img = self
                    .data
                    .digits
                    .image(m.index)
                    .iter()
                    .map(|&p| f64::from(p) / 255.0)
                    .collect();
                (format!("{}→{}", m.label, m.predicted), img)
            })
            .collect()
    }

    /// The first layer's weights of `count` units as images, each scaled to [0, 1].
    fn weight_images(&self, count: usize) -> Vec<(String, Vec<f64>)> {
        let w = &self.net.params[0].value;
        (0..count.min(w.ncols()))
            .map(|u| {
                let col: Vec<f64> = w.column(u).iter().map(|&v| f64::from(v)).collect();
                let (lo, hi) = col
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                        (a.min(v), b.max(v))
                    });
                let span = (hi - lo).max(1e-12);
                (
                    crate::i18n::tr(format!("unit {}", u + 1), format!("뉴런 {}", u + 1)),
                    col.iter().map(|v| (v - lo) / span).collect(),
                )
            })
            .collect()
    }

    /// Draws plot `what` ("confusion", "mistakes", "weights" or
    /// "probabilities") on any backend.
    fn paint<DB: plotters::prelude::DrawingBackend>(
        &self,
        what: &str,
        area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
        style: &crate::plot::Style,
    ) -> crate::Result<()> {
        match what {
            "confusion" => draw_confusion(area, &self.matrix, style),
            "mistakes" => draw_grid(area, &self.mistake_images(12), 28, 12, style),
            "weights" => draw_grid(area, &self.weight_images(16), 28, 8, style),
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
        for (digit, row) in self.matrix.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
            out.push_str(&format!("{digit},{}\n", cells.join(",")));
        }
        out
    }

    /// Predicts the digit drawn as `ink` (w × h, values in [0, 1]); returns the
    /// probabilities as JSON and keeps them for `draw_probabilities`.
    pub fn predict(&mut self, ink: &[f32], w: usize, h: usize) -> String {
        let pixels = to_mnist(ink, w, h);
        self.last = probabilities(&mut self.net, &pixels);
        Json::nums(&self.last).to_string()
    }
}
