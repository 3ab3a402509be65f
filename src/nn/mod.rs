//! The neural network of the MNIST lab: layers on preallocated buffers,
//! matrix products through `matrixmultiply`, and an MLP that composes them.

pub mod activation;
mod buffers;
pub mod decay;
pub mod dropout;
pub mod gemm;
pub mod kernel;
pub mod layers;
pub mod mlp;
pub mod model_io;

pub mod scheme;
pub mod sparse;
pub mod spec;

pub use activation::Activation;
pub use scheme::Scheme;
