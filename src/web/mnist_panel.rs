//! The MNIST lab's panel.

use super::{canvas, js_error, present};
use crate::data::{bundle, Digits, Split};
use crate::json::Json;
use crate::plot::digits::draw_grid;
use wasm_bindgen::prelude::*;

/// The bundled digits: the mean image of each class.
#[wasm_bindgen]
pub struct MnistPanel {
    canvas_id: String,
    digits: Digits,
}

#[wasm_bindgen]
impl MnistPanel {
    /// Parses the digit bundle `bytes` (fetched by the page).
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str, bytes: &[u8]) -> Result<MnistPanel, JsError> {
        Ok(MnistPanel {
            canvas_id: canvas_id.to_string(),
            digits: bundle::parse(bytes).map_err(js_error)?,
        })
    }

    /// A JSON summary: digit count, count per class, split sizes.
    pub fn summary(&self) -> String {
        let split = Split::standard(self.digits.len());
        Json::obj([
            ("digits", self.digits.len().into()),
            (
                "per_class",
                Json::Arr(
                    self.digits
                        .class_counts()
                        .iter()
                        .map(|&c| c.into())
                        .collect(),
                ),
            ),
            ("train", split.train.len().into()),
            ("test", split.test.len().into()),
        ])
        .to_string()
    }

    fn means(&self) -> Vec<(String, Vec<f64>)> {
        let counts = self.digits.class_counts();
        self.digits
            .class_means()
            .into_iter()
            .enumerate()
            .map(|(d, m)| (format!("{d} (n={})", counts[d]), m))
            .collect()
    }

    /// Draws the mean digit of each class.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        draw_grid(&area, &self.means(), self.digits.rows(), 5, &style).map_err(js_error)?;
        present(&area)
    }

    /// The mean digits as an SVG, sized like the canvas.
    pub fn svg(&self) -> Result<String, JsError> {
        let images = self.means();
        canvas::svg_like(&self.canvas_id, 1, |area, style| {
            draw_grid(area, &images, self.digits.rows(), 5, style)
        })
    }
}
