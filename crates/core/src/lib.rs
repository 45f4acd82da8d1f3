//! huanjie-core: everything that decides something about an election.
//!
//! Pure Rust: no browser APIs, so every rule is tested natively and the same code runs
//! in the app (wasm32) and in the `huanjie` command.

// Law and tally
pub mod calendar; // 行事历: legal deadlines computed from the election day
pub mod count; // one round's events to the engine's decision, totals checks, two counters, the result report
pub mod notices;
pub mod rules; // rule presets as data, with the articles they cite
pub mod scenario; // the conformance scenario format (FORMAT.md) <-> tally
pub mod setup; // a lawful definition and the preparation gates (no audit, no election)
pub mod tally; // one round in, the law's decision out // 公示: the voter list's 20 days, objections, the 八个公开

// People and registration
pub mod demo;
pub mod events; // what a person can do, as event bodies
pub mod idnum; // GB 11643 citizen identity numbers
pub mod state; // the deterministic fold of events into the election state // the built-in demo community (deterministic)

// Candidates
pub mod candidates; // 差额, pre-selection, the final list and its date
pub mod review;
pub mod strokes; // 姓氏笔画: stroke counts (Unihan) and the surname order of lists // 联审: the request to the office, the office's review desk, the review file

// Data exchange and trust
pub mod bundle; // signed JSON files between devices
pub mod exchange;
pub mod hlc; // hybrid logical clock
pub mod identity; // device keys and short device codes
pub mod log; // append-only, hash-chained event log per device // what each bundle carries, and whom an import trusts

// Offices
pub mod office;
pub mod report; // the work report paragraph and CSV tables
pub mod stats; // structure statistics of the elected, progress figures, aggregation // receiving many communities' files: keep, replace, refuse, flag

// Measuring
pub mod benchdata; // deterministic synthetic data for the native and browser benchmarks
