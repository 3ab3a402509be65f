//! Descent: a live lab for training neural networks, in the browser.
//!
//! The crate is a pure Rust core that builds and tests natively, plus one thin
//! web layer ([`web`], wasm32 only) that the page drives.
//!
//! | module | what it holds |
//! |---|---|
//! | [`data`] | digit sets: the bundled 10,000 MNIST digits, IDX files, splits |
//! | [`plot`] | every figure, generic over the plotters backend |
//! | [`rng`] | seeded randomness |
//! | [`json`] | the JSON the command line and the page read |
//! | [`error`] | readable errors |

pub mod data;
pub mod error;
pub mod json;
pub mod plot;
pub mod rng;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
