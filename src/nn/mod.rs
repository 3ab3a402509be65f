//! Neural-network building blocks shared by the labs.

pub mod activation;

pub use activation::Activation;
