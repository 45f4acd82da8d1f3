//! huanjie-core: everything that decides something about an election.
//!
//! Pure Rust: no browser APIs, so every rule is tested natively and the same code runs
//! in the app (wasm32) and in the `huanjie` command.
//!
//! The layers (imports only point down; `law` and `record` never import each other, nor do
//! `election` and `office`):
//!
//! ```text
//! base ← {law, record} ← {election, office} ← demo ← {bin, app}
//! ```

pub mod base;
pub mod demo;
pub mod election;
pub mod law;
pub mod office;
pub mod record;
