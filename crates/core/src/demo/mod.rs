//! The built-in demo community, demo reports and bench data: deterministic, above every other layer.
pub mod benchdata; // deterministic synthetic data for the native and browser benchmarks
mod community;
pub use community::*;
