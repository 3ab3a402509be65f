//! The optimizer lab's panel.

use super::{canvas, js_error};
use crate::plot::contour::{draw_field, Field, View};
use wasm_bindgen::prelude::*;

/// The book's bowl f(x, y) = x²/20 + y² as contour bands.
#[wasm_bindgen]
pub struct OptimizerPanel {
    canvas_id: String,
    field: Field,
}

#[wasm_bindgen]
impl OptimizerPanel {
    /// A panel drawing into the canvas with id `canvas_id`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str) -> OptimizerPanel {
        let view = View {
            x: (-10.0, 10.0),
            y: (-5.0, 5.0),
        };
        OptimizerPanel {
            canvas_id: canvas_id.to_string(),
            field: Field::sample(view, 160, 80, |x, y| x * x / 20.0 + y * y),
        }
    }

    /// Draws the panel.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        draw_field(&area, &self.field, &style).map_err(js_error)?;
        area.present().map_err(|e| JsError::new(&format!("{e:?}")))
    }
}
