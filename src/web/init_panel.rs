//! The initialization lab's handle: the page applies each changed setting
//! with `set(key, text)` (checked by the engine), then `draw()` recomputes
//! only what changed and answers with the numbers of every layer.

use super::{canvas, js_error, present};
use crate::figures::init::{draw_rows, panels, title};
use crate::init::experiment::{run, LayerStats};
use crate::init::settings::Setup;
use crate::json::Json;
use crate::stats::Histogram;
use wasm_bindgen::prelude::*;

/// Each row's title and its histogram panels.
type Rows = Vec<(String, Vec<(String, Histogram)>)>;

/// The initialization lab.
#[wasm_bindgen]
pub struct InitPanel {
    canvas_id: String,
    setup: Setup,
    stats: Option<Vec<Vec<LayerStats>>>,
}

impl InitPanel {
    fn computed(&mut self) -> Result<&[Vec<LayerStats>], JsError> {
        if self.stats.is_none() {
            let mut all = Vec::new();
            for c in self.setup.configs() {
                all.push(run(&c, self.setup.backward).map_err(js_error)?);
            }
            self.stats = Some(all);
        }
        Ok(self.stats.as_deref().unwrap_or_default())
    }

    fn rows(&mut self) -> Result<Rows, JsError> {
        let configs = self.setup.configs();
        let backward = self.setup.backward;
        let all = self.computed()?;
        Ok(configs
            .iter()
            .zip(all)
            .map(|(c, stats)| (title(c), panels(c, stats, backward)))
            .collect())
    }
}

#[wasm_bindgen]
impl InitPanel {
    /// The book's experiment, drawing into canvas `canvas_id`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str) -> InitPanel {
        InitPanel {
            canvas_id: canvas_id.into(),
            setup: Setup::default(),
            stats: None,
        }
    }

    /// Sets one setting (see `init::settings::SETTINGS`) from its text;
    /// returns its canonical text, or throws the sentence explaining why it
    /// was refused (the lab is then unchanged).
    pub fn set(&mut self, key: &str, text: &str) -> Result<String, JsError> {
        let before = self.setup;
        let canonical = self.setup.set(key, text).map_err(js_error)?;
        if self.setup != before {
            self.stats = None;
        }
        Ok(canonical)
    }

    /// Multiply-adds of one recomputation (layers × samples × width², per
    /// pass and row), for the page to decide where to compute.
    pub fn work(&self) -> f64 {
        self.setup.work()
    }

    /// Whether the current settings' histograms are computed.
    pub fn ready(&self) -> bool {
        self.stats.is_some()
    }

    /// Computes the current settings' histograms (in a worker, for large
    /// configurations) and returns them as bytes for `receive`.
    pub fn compute(&mut self) -> Result<Vec<u8>, JsError> {
        Ok(crate::init::transfer::encode(self.computed()?))
    }

    /// Takes the histograms computed elsewhere (by `compute` with the same
    /// settings).
    pub fn receive(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        let rows = crate::init::transfer::decode(bytes).map_err(js_error)?;
        if rows.len() != self.setup.configs().len() {
            return Err(js_error(crate::error!(
                "The computed histograms are for other settings.",
                "계산한 히스토그램은 다른 설정의 것입니다."
            )));
        }
        self.stats = Some(rows);
        Ok(())
    }

    /// Recomputes what changed and draws the histograms; returns each row's
    /// numbers as JSON `[{title, layers: [{mean, std, pre_std, saturated,
    /// dead, identical, grad_std}]}]`.
    pub fn draw(&mut self) -> Result<String, JsError> {
        let rows = self.rows()?;
        let (area, style) = canvas::open(&self.canvas_id)?;
        draw_rows(&area, &rows, &style).map_err(js_error)?;
        present(&area)?;
        let configs = self.setup.configs();
        let all = self.computed()?;
        Ok(Json::Arr(
            configs
                .iter()
                .zip(all)
                .map(|(c, layers)| {
                    Json::obj([
                        ("title", Json::Str(title(c))),
                        (
                            "layers",
                            Json::Arr(layers.iter().map(|s| s.to_json(false)).collect()),
                        ),
                    ])
                })
                .collect(),
        )
        .to_string())
    }

    /// Every row's per-layer statistics and histogram counts as CSV.
    pub fn csv(&mut self) -> Result<String, JsError> {
        let configs = self.setup.configs();
        let backward = self.setup.backward;
        let all = self.computed()?;
        let mut out =
            String::from("row,config,layer,mean,std,saturated,dead,grad_std,bin_lo,bin_hi,count\n");
        for (r, (c, rows)) in configs.iter().zip(all).enumerate() {
            for (l, s) in rows.iter().enumerate() {
                let h = if backward {
                    s.grad_histogram.as_ref().unwrap_or(&s.histogram)
                } else {
                    &s.histogram
                };
                let w = h.bin_width();
                for (b, count) in h.counts.iter().enumerate() {
                    out.push_str(&format!(
                        "{},\"{}\",{},{},{},{},{},{},{},{},{}\n",
                        r + 1,
                        title(c),
                        l + 1,
                        s.mean,
                        s.std,
                        s.saturated,
                        s.dead,
                        s.grad_std.map_or(String::new(), |g| g.to_string()),
                        h.lo + b as f64 * w,
                        h.lo + (b + 1) as f64 * w,
                        count
                    ));
                }
            }
        }
        Ok(out)
    }

    /// The histograms as an SVG, sized like the canvas.
    pub fn svg(&mut self) -> Result<String, JsError> {
        let rows = self.rows()?;
        canvas::svg_like(&self.canvas_id, 1, |area, style| {
            draw_rows(area, &rows, style)
        })
    }
}
