//! The MNIST lab's pictures of its data: the mean image of each class, and
//! a strip of training digits as the chosen augmentation changes them.

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
    digits: std::sync::Arc<crate::data::Digits>,
    test: Option<usize>,
    strip: Vec<crate::train::augment::Picture>,
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
            test: set.test(),
            digits,
            strip: Vec::new(),
        }
    }

    /// Makes the strip of `count` training digits (from the `start`-th) as
    /// the augmentation of the training settings `settings` changes them,
    /// seeded by `seed`: the originals, then the augmented ones. Returns
    /// whether any augmentation is on. Settings that cannot be read are left
    /// out (the controls of the run explain them).
    pub fn augment_strip(
        &mut self,
        settings: &str,
        start: usize,
        count: usize,
        seed: u32,
    ) -> Result<bool, JsError> {
        // The settings that can be read are used; what is wrong with the
        // rest is said beside the controls, not here.
        let mut config = crate::train::TrainConfig::default();
        let _refused = config.apply_each(settings);
        // The first training digits, shown in pixels (the strip does not
        // depend on the training-set size or the input scaling).
        let data = crate::train::data::Data::new(
            self.digits.clone(),
            self.test,
            None,
            0.0,
            crate::train::data::Scaling::Unit,
        )
        .map_err(js_error)?;
        self.strip = crate::train::augment::strip(
            &data,
            config.augment,
            start,
            count.min(16),
            u64::from(seed),
        );
        Ok(config.augment.any())
    }

    /// Draws the strip last made, `per_row` digits a row, into `canvas_id`.
    pub fn draw_strip(&self, canvas_id: &str, per_row: usize) -> Result<(), JsError> {
        let (area, style) = canvas::open(canvas_id)?;
        draw_grid(&area, &self.strip, self.side, per_row.max(1), &style).map_err(js_error)?;
        present(&area)
    }

    /// The strip as an SVG, sized like canvas `canvas_id`.
    pub fn strip_svg(&self, canvas_id: &str, per_row: usize) -> Result<String, JsError> {
        canvas::svg_like(canvas_id, 1, |area, style| {
            draw_grid(area, &self.strip, self.side, per_row.max(1), style)
        })
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
