//! The MNIST lab's picture of its data: the mean image of each class.

use super::training::DigitSet;
use super::{canvas, js_error, present};
use crate::plot::digits::draw_grid;
use wasm_bindgen::prelude::*;

/// The digits in use: the mean image of each class, computed once.
#[wasm_bindgen]
pub struct MnistPanel {
    canvas_id: String,
    side: usize,
    means: Vec<(String, Vec<f64>)>,
}

#[wasm_bindgen]
impl MnistPanel {
    /// The class means of the digits of `set`, drawn into canvas `canvas_id`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str, set: &DigitSet) -> MnistPanel {
        let digits = set.shared();
        let counts = digits.class_counts();
        let means = digits
            .class_means()
            .into_iter()
            .enumerate()
            .map(|(d, m)| (format!("{d} (n={})", counts[d]), m))
            .collect();
        MnistPanel {
            canvas_id: canvas_id.to_string(),
            side: digits.rows(),
            means,
        }
    }

    /// Draws the mean digit of each class.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        draw_grid(&area, &self.means, self.side, 5, &style).map_err(js_error)?;
        present(&area)
    }

    /// The mean digits as an SVG, sized like the canvas.
    pub fn svg(&self) -> Result<String, JsError> {
        canvas::svg_like(&self.canvas_id, 1, |area, style| {
            draw_grid(area, &self.means, self.side, 5, style)
        })
    }
}
