//! Files for static slides: the animated PNG the page builds from its own
//! canvas, frame by frame (the SVG of each plot is made by its panel).

use super::js_error;
use crate::plot::apng::Apng;
use wasm_bindgen::prelude::*;

/// An animated PNG being written by the page.
#[wasm_bindgen]
pub struct ApngEncoder(Option<Apng>);

#[wasm_bindgen]
impl ApngEncoder {
    /// An animation of `frames` frames of `width` × `height` pixels.
    #[wasm_bindgen(constructor)]
    pub fn new(width: u32, height: u32, frames: u32) -> Result<ApngEncoder, JsError> {
        Ok(ApngEncoder(Some(
            Apng::new(width, height, frames).map_err(js_error)?,
        )))
    }

    /// Adds a frame: the canvas's RGBA pixels, shown for `delay_ms`.
    pub fn push(&mut self, rgba: &[u8], delay_ms: u16) -> Result<(), JsError> {
        match &mut self.0 {
            Some(a) => a.push(rgba, delay_ms).map_err(js_error),
            None => Err(JsError::new("The animation is already finished.")),
        }
    }

    /// The file's bytes, once every frame is in.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsError> {
        match self.0.take() {
            Some(a) => a.finish().map_err(js_error),
            None => Err(JsError::new("The animation is already finished.")),
        }
    }
}
