//! The page's view of a search space: the dimensions it can add, and one
//! row of range boxes per dimension, in the units of its scale.

use super::js_error;
use super::search_panel::SearchPanel;
use crate::json::Json;
use crate::train::search::{SearchSpace, DIMENSIONS};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl SearchPanel {
    /// The dimensions a search can vary, for the page's "add a dimension"
    /// list: JSON `[{key, label, range}]`, `range` the default range's text.
    pub fn dimensions() -> String {
        Json::Arr(
            DIMENSIONS
                .iter()
                .map(|d| {
                    let one = SearchSpace {
                        dims: vec![d.clone()],
                    }
                    .text();
                    let range = one.split_once('=').map_or("", |(_, r)| r).to_string();
                    Json::obj([
                        ("key", Json::Str(d.key.into())),
                        ("label", Json::Str(d.label())),
                        ("range", Json::Str(range)),
                    ])
                })
                .collect(),
        )
        .to_string()
    }

    /// The rows of the page's range boxes for `space` (its text form):
    /// JSON `[{key, label, axis, scale, lo, hi, list}]`, `lo` and `hi` in
    /// the axis's units (log10 of the written ends on a log or 1 − 10^r
    /// scale), `list` the values of a list ("" otherwise); throws the
    /// sentence explaining a refused space.
    pub fn rows(space: &str) -> Result<String, JsError> {
        let space = SearchSpace::parse(space).map_err(js_error)?;
        let text = space.text();
        let written = crate::catalogue::grammar::items(&text).map_err(js_error)?;
        Ok(Json::Arr(
            space
                .dims
                .iter()
                .zip(written)
                .map(|(d, item)| {
                    let (lo, hi) = d.shown_range();
                    let list = item.value.strip_prefix("list:").unwrap_or("");
                    Json::obj([
                        ("key", Json::Str(d.key.into())),
                        ("label", Json::Str(d.label())),
                        ("axis", Json::Str(d.axis_title())),
                        ("scale", Json::Str(d.scale_id().into())),
                        ("lo", Json::from(lo)),
                        ("hi", Json::from(hi)),
                        ("list", Json::Str(list.into())),
                    ])
                })
                .collect(),
        )
        .to_string())
    }
}
