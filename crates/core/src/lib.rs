//! huanjie-core: everything that decides something about an election.
//!
//! Pure Rust: no browser APIs, so every rule is tested natively and the same code runs
//! in the app (wasm32) and in the `huanjie` command.
//!
//! # The layers
//!
//! Imports only point down. `law` and `record` never import each other, nor do `election` and
//! `office`; the fold (`record::state`) decides nothing.
//!
//! ```text
//! base ← {law, record} ← {election, office} ← demo ← {bin, app}
//! ```
//!
//! - [`base`]: ID numbers, surname strokes, the clock, the shared vocabulary (`terms`: Post,
//!   ElectionKind, ElectorateMode, RoundKind, Sex) and the one home for Chinese dates and
//!   citations (`zh`).
//! - [`law`]: what a statute decides, with its article: rule presets, the legal calendar, the
//!   tally, the conformance scenario format, and the one refusal a screen shows (`refusal`).
//! - [`record`]: what happened, signed and chained: events, device identity, the log, bundles
//!   (and the signed heads they carry), the fold into `ElectionState`, and the community report
//!   (`community`: the workflow `Stage` and what progress and result files carry).
//! - [`election`]: the committee's work: setup, the checks before an event is recorded, rounds,
//!   counting, candidates, notices, review, the progress and result reports, exchange and trust.
//! - [`office`]: the township office: receiving many communities' files, statistics, the report.
//! - [`demo`]: the demo community, demo reports, bench data, the one demo random generator and
//!   the test kit (`demo::testkit`) that builds elections for tests.
//!
//! The few types screens use every day are re-exported here.

pub mod base;
pub mod demo;
pub mod election;
pub mod law;
pub mod office;
pub mod record;

pub use base::terms::{ElectionKind, ElectorateMode, Post, RoundKind, Sex};
pub use law::refusal::Problem;
pub use law::rules::{Breach, Cite, Preset};
pub use record::bundle::{Bundle, Kind};
pub use record::community::{CommunityReport, Stage};
pub use record::events::{Event, EventBody};
pub use record::identity::{DeviceKey, DeviceRecord, Role};
pub use record::log::Log;
pub use record::state::ElectionState;
