//! What a statute decides, with its article. Imports only `base`.
pub mod calendar; // 行事历: legal deadlines computed from the election day
pub mod refusal; // the one refusal a screen shows (Problem), and a Breach written with its article
pub mod rules; // rule presets as data, with the articles they cite
pub mod scenario; // the conformance scenario format (FORMAT.md) <-> tally
pub mod tally; // one round in, the law's decision out
