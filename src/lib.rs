//! Descent: a live lab for training neural networks, in the browser.
//!
//! The crate is a pure Rust core that builds and tests natively, plus one thin
//! web layer ([`web`], wasm32 only) that the page drives.
//!
//! | module | what it holds |
//! |---|---|
//! | [`optim`] | optimizers (one file each), 2-D surfaces, trajectories, presets |
//! | [`init`] | weight initialization schemes and the activation-histogram experiment |
//! | [`nn`] | network building blocks (activations) |
//! | [`schedule`] | learning-rate schedules |
//! | [`float`] | the float trait the update rules are written in |
//! | [`train`] | the MNIST trainer, its data pipeline and the book's experiments |
//! | [`data`] | digit sets: the bundled 10,000 MNIST digits, IDX files, splits |
//! | [`plot`] | every figure, generic over the plotters backend |
//! | [`rng`] | seeded randomness |
//! | [`json`] | the JSON the command line and the page read |
//! | [`error`] | readable errors |
//! | [`i18n`] | English and Korean |

pub mod data;
pub mod error;
pub mod float;
pub mod i18n;
pub mod init;
pub mod json;
pub mod nn;
pub mod optim;
pub mod plot;
pub mod rng;
pub mod schedule;
pub mod train;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
