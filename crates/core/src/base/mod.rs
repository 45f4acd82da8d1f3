//! The base layer: imports nothing else from the crate. ID numbers, surname strokes, the clock.
pub mod hlc; // hybrid logical clock
pub mod idnum; // GB 11643 citizen identity numbers
pub mod strokes; // 姓氏笔画: stroke counts (Unihan) and the surname order of lists
pub mod terms; // the shared vocabulary: Post, ElectionKind, ElectorateMode, RoundKind, Sex
pub mod zh; // the one Chinese date format, China's day (UTC+8), the citation suffix
