//! What happened, signed and chained. Imports only `base`; the fold decides nothing.
pub mod bundle; // signed JSON files between devices, and the signed heads they carry
pub mod community; // the workflow Stage and the community report carried in progress/result files
pub mod events; // what a person can do, as event bodies
pub mod identity; // device keys and short device codes
pub mod log; // append-only, hash-chained event log per device
pub mod state; // the deterministic fold of events into the election state
