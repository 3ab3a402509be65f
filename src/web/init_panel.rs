//! The initialization lab's handle: validated setters, then `draw()`, which
//! recomputes only what changed.

use super::{canvas, js_error};
use crate::init::experiment::{run, Config, LayerStats};
use crate::init::figure::{draw_rows, panels, title};
use crate::init::Scheme;
use crate::json::Json;
use crate::nn::Activation;
use wasm_bindgen::prelude::*;

/// The initialization lab: one configuration, optionally compared with a
/// second that differs in its initialization and batch norm.
#[wasm_bindgen]
pub struct InitPanel {
    canvas_id: String,
    config: Config,
    compare: Option<(Scheme, bool)>,
    backward: bool,
    stats: Option<Vec<Vec<LayerStats>>>,
}

impl InitPanel {
    fn configs(&self) -> Vec<Config> {
        let mut out = vec![self.config];
        if let Some((scheme, batch_norm)) = self.compare {
            out.push(Config {
                scheme,
                batch_norm,
                ..self.config
            });
        }
        out
    }

    /// Applies `change` to a copy of the configuration and keeps it only if it validates.
    fn update(&mut self, change: impl FnOnce(&mut Config)) -> Result<(), JsError> {
        let mut next = self.config;
        change(&mut next);
        next.validate().map_err(js_error)?;
        self.config = next;
        self.stats = None;
        Ok(())
    }

    /// Each row's title and histogram panels, recomputed where needed.
    #[allow(clippy::type_complexity)]
    fn rows(
        &mut self,
    ) -> Result<Vec<(String, Vec<(String, crate::plot::histogram::Histogram)>)>, JsError> {
        let configs = self.configs();
        let backward = self.backward;
        let all = self.computed()?.clone();
        Ok(configs
            .iter()
            .zip(&all)
            .map(|(c, stats)| (title(c), panels(c, stats, backward)))
            .collect())
    }

    fn computed(&mut self) -> Result<&Vec<Vec<LayerStats>>, JsError> {
        if self.stats.is_none() {
            let mut all = Vec::new();
            for c in self.configs() {
                all.push(run(&c, self.backward).map_err(js_error)?);
            }
            self.stats = Some(all);
        }
        Ok(self.stats.get_or_insert_with(Vec::new))
    }
}

fn whole(name: &str, v: f64) -> Result<usize, JsError> {
    if v.fract() != 0.0 || !(0.0..=1e9).contains(&v) {
        return Err(js_error(crate::error!(
            "The {name} must be a whole number, got {v}.",
            "{name}은(는) 정수여야 하는데 {v}입니다."
        )));
    }
    Ok(v as usize)
}

#[wasm_bindgen]
impl InitPanel {
    /// The book's experiment, drawing into canvas `canvas_id`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas_id: &str) -> InitPanel {
        InitPanel {
            canvas_id: canvas_id.into(),
            config: Config::default(),
            compare: None,
            backward: false,
            stats: None,
        }
    }

    /// Sets the activation: sigmoid, tanh, relu, leaky-relu.
    pub fn set_activation(&mut self, id: &str) -> Result<(), JsError> {
        let a = Activation::from_id(id).map_err(js_error)?;
        self.update(|c| c.activation = a)
    }

    /// Sets the initialization: std:1, std:0.01, std:SIGMA, xavier, he, zeros.
    pub fn set_init(&mut self, text: &str) -> Result<(), JsError> {
        let s = Scheme::parse(text).map_err(js_error)?;
        self.update(|c| c.scheme = s)
    }

    /// Sets the number of layers (1 to 10).
    pub fn set_layers(&mut self, n: f64) -> Result<(), JsError> {
        let n = whole("number of layers", n)?;
        self.update(|c| c.layers = n)
    }

    /// Sets the neurons per layer (10 to 500).
    pub fn set_width(&mut self, n: f64) -> Result<(), JsError> {
        let n = whole("width (neurons per layer)", n)?;
        self.update(|c| c.width = n)
    }

    /// Sets the number of input samples (10 to 5000).
    pub fn set_samples(&mut self, n: f64) -> Result<(), JsError> {
        let n = whole("number of samples", n)?;
        self.update(|c| c.samples = n)
    }

    /// Sets the seed.
    pub fn set_seed(&mut self, seed: u32) {
        self.config.seed = u64::from(seed);
        self.stats = None;
    }

    /// Turns batch norm on or off.
    pub fn set_batch_norm(&mut self, on: bool) {
        self.config.batch_norm = on;
        self.stats = None;
    }

    /// Shows weight gradients (true) or activations (false).
    pub fn set_backward(&mut self, on: bool) {
        if on != self.backward {
            self.backward = on;
            self.stats = None;
        }
    }

    /// Compares with a second row using initialization `text` and batch norm
    /// `batch_norm`; an empty `text` removes the comparison.
    pub fn set_compare(&mut self, text: &str, batch_norm: bool) -> Result<(), JsError> {
        self.compare = if text.trim().is_empty() {
            None
        } else {
            Some((Scheme::parse(text).map_err(js_error)?, batch_norm))
        };
        self.stats = None;
        Ok(())
    }

    /// Per row and layer: `[{title, layers: [{mean, std, pre_std, saturated, dead, identical, grad_std}]}]`.
    pub fn stats(&mut self) -> Result<String, JsError> {
        let configs = self.configs();
        let all = self.computed()?;
        Ok(Json::Arr(
            configs
                .iter()
                .zip(all)
                .map(|(c, rows)| {
                    Json::obj([
                        ("title", Json::Str(title(c))),
                        (
                            "layers",
                            Json::Arr(rows.iter().map(|s| s.to_json(false)).collect()),
                        ),
                    ])
                })
                .collect(),
        )
        .to_string())
    }

    /// Every row's per-layer statistics and histogram counts as CSV.
    pub fn csv(&mut self) -> Result<String, JsError> {
        let configs = self.configs();
        let backward = self.backward;
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

    /// Recomputes what changed and draws the histograms.
    pub fn draw(&mut self) -> Result<(), JsError> {
        let rows = self.rows()?;
        let (area, style) = canvas::open(&self.canvas_id)?;
        draw_rows(&area, &rows, &style).map_err(js_error)?;
        area.present().map_err(|e| JsError::new(&format!("{e:?}")))
    }

    /// The histograms as an SVG, sized like the canvas.
    pub fn svg(&mut self) -> Result<String, JsError> {
        let rows = self.rows()?;
        canvas::svg_like(&self.canvas_id, 1, |area, style| {
            draw_rows(area, &rows, style)
        })
    }
}
