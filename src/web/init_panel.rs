//! The initialization lab's panel.

use super::{canvas, js_error};
use crate::plot::histogram::{draw_panels, Histogram};
use crate::rng::Rng;
use wasm_bindgen::prelude::*;

/// Histograms of sigmoid activations of N(0, 1) inputs.
#[wasm_bindgen]
pub struct InitPanel {
    canvas_id: String,
    panels: Vec<(String, Histogram)>,
}

#[wasm_bindgen]
impl InitPanel {
    /// A panel drawing into the canvas with id `canvas_id`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str, seed: u64) -> InitPanel {
        let mut rng = Rng::seeded(seed);
        let values: Vec<f64> = (0..1000)
            .map(|_| 1.0 / (1.0 + (-rng.normal()).exp()))
            .collect();
        InitPanel {
            canvas_id: canvas_id.to_string(),
            panels: vec![("sigmoid(z)".into(), Histogram::of(values, 0.0, 1.0, 30))],
        }
    }

    /// Draws the panel.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        draw_panels(&area, &self.panels, &style).map_err(js_error)?;
        area.present().map_err(|e| JsError::new(&format!("{e:?}")))
    }
}
