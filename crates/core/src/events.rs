//! Event bodies: every change a person makes, as data. The log (`log.rs`) stores them
//! hash-chained per device; the fold (`state.rs`) turns them into the election state.
//! Serialized as `{"kind": "...", "payload": {...}}`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum EventBody {
    /// Free-text note: placeholder until the domain events land.
    Note { text: String },
}
