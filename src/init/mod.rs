//! Weight initialization: the book's experiment that shows what each scheme
//! ([`crate::nn::Scheme`]) does to each layer's activations and gradients,
//! the lab's settings and its presets.

pub mod experiment;
pub mod presets;
mod propagate;
pub mod settings;
pub mod transfer;
