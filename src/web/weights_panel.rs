//! A network's weights while it trains, drawn from what its training worker
//! sends (`TrainingRun::weights`): one histogram per weight matrix with the
//! share near zero, so that L1's sparsity and L2's shrinkage can be seen.

use super::{canvas, js_error, present};
use crate::figures;
use crate::json::Json;
use crate::train::weights::{from_numbers, WeightLayer, NEAR_ZERO};
use wasm_bindgen::prelude::*;

/// The weights last received.
#[wasm_bindgen]
pub struct WeightsPanel {
    canvas_id: String,
    layers: Vec<WeightLayer>,
}

#[wasm_bindgen]
impl WeightsPanel {
    /// A panel drawing into canvas `canvas_id`, empty until `set`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str) -> WeightsPanel {
        WeightsPanel {
            canvas_id: canvas_id.into(),
            layers: Vec::new(),
        }
    }

    /// Takes the numbers a training worker sent; returns whether they could
    /// be read (otherwise the panel keeps what it had).
    pub fn set(&mut self, numbers: &[f64]) -> bool {
        match from_numbers(numbers) {
            Some(layers) => {
                self.layers = layers;
                true
            }
            None => false,
        }
    }

    /// Forgets the weights (a new run).
    pub fn clear(&mut self) {
        self.layers.clear();
    }

    /// Each weight matrix in numbers, as JSON `[{layer, count, rms,
    /// near_zero}]` (near zero: |w| below `near_zero_below`), for the table
    /// beside the plot.
    pub fn rows(&self) -> String {
        Json::obj([
            ("near_zero_below", NEAR_ZERO.into()),
            (
                "layers",
                Json::Arr(
                    self.layers
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            Json::obj([
                                ("layer", Json::Str(format!("W{}", i + 1))),
                                ("count", l.count.into()),
                                ("rms", l.rms.into()),
                                ("near_zero", l.near_zero.into()),
                            ])
                        })
                        .collect(),
                ),
            ),
        ])
        .to_string()
    }

    /// Draws the histograms.
    pub fn draw(&self) -> Result<(), JsError> {
        let (area, style) = canvas::open(&self.canvas_id)?;
        figures::weights::draw(&area, &self.layers, &style).map_err(js_error)?;
        present(&area)
    }

    /// The histograms as an SVG, sized like the canvas.
    pub fn svg(&self) -> Result<String, JsError> {
        canvas::svg_like(&self.canvas_id, 1, |area, style| {
            figures::weights::draw(area, &self.layers, style)
        })
    }
}
