//! Training a network on digits: configuration, data preparation, the
//! stepwise trainer, the book's experiments as presets, and model files.

pub mod augment;
pub mod averages;
pub mod config;
pub mod data;
pub mod diagnostics;
pub mod ensemble;
pub mod entries;
pub mod evaluate;
pub mod inspect;
pub mod metrics;
pub mod plans;
pub mod presets;
pub mod search;
pub mod selection;
pub mod settings;
pub mod trainer;
pub mod weights;

pub use config::{Length, TrainConfig};
pub use trainer::{Eval, Stop, Trainer};
