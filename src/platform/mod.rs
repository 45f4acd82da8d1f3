//! Browser glue: storage, files, sharing. Everything here only stores and moves data; the
//! decisions are made in huanjie-core.
pub mod files;
pub mod prefs;
pub mod store;
