//! The built-in demo community, demo reports and bench data: deterministic, above every other layer.
pub mod benchdata; // deterministic synthetic data for the native and browser benchmarks
mod community; // 幸福里社区: the committee's and grid workers' events, sample files
pub mod reports; // demo reports of many communities for the office
mod rng; // the one random generator of the demo data
pub mod testkit; // one small election built event by event, for every test

pub use community::*;
