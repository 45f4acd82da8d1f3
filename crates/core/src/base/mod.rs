//! The base layer: imports nothing else from the crate. ID numbers, surname strokes, the clock.
pub mod hlc; // hybrid logical clock
pub mod idnum; // GB 11643 citizen identity numbers
pub mod strokes; // 姓氏笔画: stroke counts (Unihan) and the surname order of lists
