//! The web layer: the only code that names wasm-bindgen, web-sys, js-sys or
//! plotters-canvas. Each lab panel is one handle type that JavaScript creates,
//! steps and draws; the page owns the clock and the state table.

mod canvas;
mod curves_panel;
mod export;
mod init_panel;
mod inspector;
mod landscape_draw;
mod landscape_panel;
mod mnist_panel;
mod optimizer_panel;
mod plan;
mod search_panel;
mod search_space;
mod training;
mod weights_panel;

pub use curves_panel::CurvesPanel;
pub use export::ApngEncoder;
pub use init_panel::InitPanel;
pub use inspector::Inspector;
pub use mnist_panel::MnistPanel;
pub use optimizer_panel::OptimizerPanel;
pub use plan::{custom_plan, experiment_plan, tuning_check, EnsemblePanel};
pub use search_panel::SearchPanel;
pub use training::{DigitSet, TrainingRun};
pub use weights_panel::WeightsPanel;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `globalThis.descentPanic(message)`, defined by the page (and by each
    /// training worker) before the module loads: told of an internal error,
    /// it replaces this module by a fresh one and says so.
    #[wasm_bindgen(js_name = descentPanic, catch)]
    fn descent_panic(message: &str) -> Result<(), JsValue>;
}

/// Installs a panic hook that tells the page (a panic in wasm ends the
/// module: the page must replace it rather than silently freeze).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = crate::i18n::tr(
            format!("Descent hit an internal error: {info}"),
            format!("Descent에 내부 오류가 났습니다: {info}"),
        );
        web_sys::console::error_1(&message.clone().into());
        let _ = descent_panic(&message);
    }));
}

/// Panics on purpose (test builds only): the browser test that the page
/// and its workers survive an internal error calls it.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn test_panic(what: &str) {
    panic!("a panic on purpose, for the test of recovery ({what})");
}

/// The version of the engine, shown in the page footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Chooses the language of the engine's sentences: "en" or "ko".
#[wasm_bindgen]
pub fn set_language(lang: &str) {
    crate::i18n::set(crate::i18n::Lang::parse(lang));
}

/// Draws fonts, lines and markers `boost` times larger (presenter mode: 1.6).
#[wasm_bindgen]
pub fn set_display(boost: f64) {
    canvas::set_display_boost(boost);
}

/// Every lab's settings, lists and presets, as one JSON document in
/// language `lang` (see `vocabulary`): the page builds its controls from it.
#[wasm_bindgen]
pub fn vocabulary(lang: &str) -> String {
    crate::i18n::with(crate::i18n::Lang::parse(lang), || {
        crate::vocabulary::json().to_string()
    })
}

/// Checks one setting of a lab's catalogue (`scope`: optim, init, mnist,
/// search, train) without applying it: returns its canonical text, or
/// throws the sentence explaining why it is refused.
#[wasm_bindgen]
pub fn check_setting(scope: &str, key: &str, text: &str) -> Result<String, JsError> {
    let table: Vec<crate::catalogue::Entry> = match scope {
        "optim" => crate::optim::lab::SETTINGS.to_vec(),
        "init" => crate::init::settings::SETTINGS.to_vec(),
        "mnist" => crate::train::presets::SETTINGS.to_vec(),
        "search" => crate::train::search::SETTINGS.to_vec(),
        _ => crate::train::settings::entries(),
    };
    let entry = crate::catalogue::lookup(&table, key, ("setting", "설정")).map_err(js_error)?;
    let value = entry.parse(text).map_err(js_error)?;
    Ok(entry.format(&value))
}

/// Shows what was drawn on `area` (a canvas needs nothing more; an SVG is
/// finished).
pub(crate) fn present<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), JsError> {
    area.present().map_err(|e| JsError::new(&format!("{e:?}")))
}

/// Converts a core error into the JavaScript error thrown at the boundary.
pub(crate) fn js_error(e: crate::Error) -> JsError {
    JsError::new(e.message())
}
