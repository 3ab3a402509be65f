//! Descent: a live lab for training neural networks, in the browser.
//!
//! The crate is a pure Rust core that builds and tests natively, plus one thin
//! web layer ([`web`], wasm32 only) that the page drives.
//!
//! | module | what it holds |
//! |---|---|
//! | [`catalogue`] | the typed entry of every setting, and the one grammar of sets of settings |
//! | [`optim`] | optimizers (one file each), their hyperparameters, 2-D surfaces, trajectories, presets |
//! | [`init`] | the activation-histogram experiment, its settings and presets |
//! | [`nn`] | network building blocks: activations, initialization schemes, layers, the MLP |
//! | [`schedule`] | learning-rate schedules and their text form |
//! | [`float`] | the float trait the update rules are written in |
//! | [`train`] | the MNIST trainer, its settings, data pipeline, search and the book's experiments |
//! | [`data`] | digit sets: the bundled 10,000 MNIST digits, IDX files, splits |
//! | [`stats`] | histograms, computed by the domain and drawn by `plot` |
//! | [`plot`] | drawing, generic over the plotters backend; knows no experiment |
//! | [`figures`] | figures assembled from an experiment and the drawing |
//! | [`vocabulary`] | every lab's settings, lists and presets, published to the page |
//! | [`num`] | the one parser of typed numbers, and numbers in sentences |
//! | [`rng`] | seeded randomness |
//! | [`checksum`] | FNV-1a and CRC-32 |
//! | [`json`] | the JSON the command line and the page read |
//! | [`error`] | readable errors |
//! | [`i18n`] | English and Korean |

pub mod catalogue;
pub mod checksum;
pub mod data;
pub mod error;
pub mod figures;
pub mod float;
pub mod i18n;
pub mod init;
pub mod json;
pub mod landscape;
pub mod nn;
pub mod num;
pub mod optim;
pub mod plot;
pub mod rng;
pub mod schedule;
pub mod stats;
pub mod train;
pub mod vocabulary;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Result};
