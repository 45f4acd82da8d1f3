//! The township office: receiving many communities' files, statistics, the work report.
//! Imports `base` and `record`; never `election` or `demo`.
pub mod receive; // receiving many communities' files: keep, replace, refuse, flag
pub mod report; // the work report paragraph and CSV tables
pub mod stats; // structure statistics of the elected, progress figures, aggregation
