//! Events: every change a person makes, as data. `log.rs` keeps them hash-chained per device;
//! `state.rs` folds them into the election state. Corrections and undo are new events.

use crate::hlc::Hlc;
use serde::{Deserialize, Serialize};

/// One entry of a device's append-only log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Content hash (hex sha256) of everything below; the identity used for de-duplication.
    pub id: String,
    /// Device code of the author (see `identity.rs`).
    pub device: String,
    /// 1-based position in the author's chain.
    pub seq: u64,
    pub time: Hlc,
    /// `id` of the author's previous event ("" for seq 1): the hash chain.
    pub prev: String,
    #[serde(flatten)]
    pub body: EventBody,
}

/// Serialized as `{"kind": "...", "payload": {...}}` inside the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum EventBody {
    /// Free-text note: placeholder until the domain events land.
    Note { text: String },
}
