//! The event log on the device, in IndexedDB (localStorage's ~5M characters cannot hold a
//! 50,000-voter community). Every write is one transaction that commits before the caller
//! reports "saved"; one new event costs one transaction, never a rewrite of the log.
//!
//! Object stores (schema version 1):
//! - `events`: JSON arrays of events. A local event is one record keyed by its id; an import is
//!   one record for the whole file (tens of thousands of events in one write, not one each).
//!   Duplicates across records are harmless: the log de-duplicates by event id.
//! - `heads`: this device's chain head per device code, read and written inside the append
//!   transaction so two open tabs can never both take the same sequence number.
//! - `meta`: small JSON values (imported bundle hashes, quarantined bundles, schema version).

use huanjie_core::base::hlc::Hlc;
use huanjie_core::record::events::Event;
use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, Query, TransactionMode, TransactionResult};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

const DB_NAME: &str = "huanjie";
const SCHEMA_VERSION: u32 = 1;
const EVENTS: &str = "events";
const HEADS: &str = "heads";
const META: &str = "meta";

/// The last event of one device's chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    pub seq: u64,
    pub id: String,
    pub time: Hlc,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// IndexedDB is missing or blocked (private mode, disabled storage).
    Unavailable,
    /// The browser's storage quota is used up; the transaction was rolled back.
    Quota,
    /// Anything else, with the browser's words.
    Failed(String),
}

impl StoreError {
    pub fn message_zh(&self) -> String {
        match self {
            StoreError::Unavailable => {
                "浏览器不允许本应用保存数据（可能是无痕模式或禁用了存储），本次操作没有保存。请换用普通模式打开。"
                    .into()
            }
            StoreError::Quota => {
                "手机存储空间已满，本次操作没有保存，已有数据不受影响。请先导出备份，再清理手机空间后重试。".into()
            }
            StoreError::Failed(why) => format!("保存失败，本次操作没有保存：{why}"),
        }
    }

    fn from_js(value: &JsValue) -> StoreError {
        let text = format!("{value:?}");
        if text.contains("QuotaExceeded") {
            StoreError::Quota
        } else {
            StoreError::Failed(text)
        }
    }
}

impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        let text = format!("{e:?}");
        if text.contains("QuotaExceeded") {
            StoreError::Quota
        } else if text.contains("IndexedDbNotFound") || text.contains("IndexedDbOpenFailed") {
            StoreError::Unavailable
        } else {
            StoreError::Failed(e.to_string())
        }
    }
}

pub struct EventStore {
    db: Database,
}

impl EventStore {
    pub async fn open() -> Result<EventStore, StoreError> {
        EventStore::open_named(DB_NAME).await
    }

    /// A store under another database name (benchmarks keep their data apart from the person's).
    pub async fn open_named(name: &str) -> Result<EventStore, StoreError> {
        let factory = Factory::new().map_err(|_| StoreError::Unavailable)?;
        let mut request = factory.open(name, Some(SCHEMA_VERSION)).map_err(|_| StoreError::Unavailable)?;
        request.on_upgrade_needed(|event| {
            // Migrations run in order from the stored version; version 0 means a new device.
            let Ok(db) = event.database() else { return };
            let old = event.old_version().unwrap_or(0);
            if old < 1 {
                for name in [EVENTS, HEADS, META] {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let db = request.await.map_err(StoreError::from)?;
        Ok(EventStore { db })
    }

    /// Every stored event (unordered; the log orders them).
    pub async fn load_events(&self) -> Result<Vec<Event>, StoreError> {
        let tx = self.db.transaction(&[EVENTS], TransactionMode::ReadOnly)?;
        let values = tx.object_store(EVENTS)?.get_all(None, None)?.await?;
        Ok(values.iter().flat_map(parse_record).collect())
    }

    /// The events of these records (another tab announced them).
    pub async fn get_records(&self, keys: &[String]) -> Result<Vec<Event>, StoreError> {
        let tx = self.db.transaction(&[EVENTS], TransactionMode::ReadOnly)?;
        let store = tx.object_store(EVENTS)?;
        let mut out = Vec::new();
        for key in keys {
            if let Some(value) = store.get(Query::Key(JsValue::from_str(key)))?.await? {
                out.extend(parse_record(&value));
            }
        }
        Ok(out)
    }

    /// Append one event to `device`'s chain. `make` receives the stored head (read inside the
    /// same transaction) and returns the new event; it is committed before this returns.
    pub async fn append(&self, device: &str, make: impl FnOnce(Option<Head>) -> Event) -> Result<Event, StoreError> {
        let tx = self.db.transaction(&[EVENTS, HEADS], TransactionMode::ReadWrite)?;
        let heads = tx.object_store(HEADS)?;
        let key = JsValue::from_str(device);
        let head: Option<Head> = heads
            .get(Query::Key(key.clone()))?
            .await?
            .and_then(|v| v.as_string())
            .and_then(|s| serde_json::from_str(&s).ok());
        let event = make(head);
        let text =
            serde_json::to_string(std::slice::from_ref(&event)).map_err(|e| StoreError::Failed(e.to_string()))?;
        let new_head = Head { seq: event.seq, id: event.id.clone(), time: event.time };
        tx.object_store(EVENTS)?.put(&JsValue::from_str(&text), Some(&JsValue::from_str(&event.id)))?.await?;
        heads.put(&JsValue::from_str(&serde_json::to_string(&new_head).unwrap_or_default()), Some(&key))?.await?;
        finish(tx).await?;
        Ok(event)
    }

    /// Store verified imported events (one record) and meta entries in one transaction: all or
    /// nothing. Returns the record's key, if there were events.
    pub async fn put_all(&self, events: &[Event], meta: &[(&str, String)]) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(&[EVENTS, META], TransactionMode::ReadWrite)?;
        // An event id is unique and not yet stored, so the first one names the batch.
        let key = events.first().map(|e| format!("batch:{}", e.id));
        if let Some(key) = &key {
            let text = serde_json::to_string(events).map_err(|e| StoreError::Failed(e.to_string()))?;
            tx.object_store(EVENTS)?.put(&JsValue::from_str(&text), Some(&JsValue::from_str(key)))?;
        }
        let meta_store = tx.object_store(META)?;
        for (key, value) in meta {
            meta_store.put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))?;
        }
        finish(tx).await?;
        Ok(key)
    }

    /// Delete every record of this device (events, heads, meta) in one transaction: leaving the
    /// demo, or wiping the phone. All or nothing, like every write.
    pub async fn clear_all(&self) -> Result<(), StoreError> {
        let tx = self.db.transaction(&[EVENTS, HEADS, META], TransactionMode::ReadWrite)?;
        for name in [EVENTS, HEADS, META] {
            tx.object_store(name)?.clear()?;
        }
        finish(tx).await
    }

    pub async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadOnly)?;
        let value = tx.object_store(META)?.get(Query::Key(JsValue::from_str(key)))?.await?;
        Ok(value.and_then(|v| v.as_string()))
    }

    pub async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.put_all(&[], &[(key, value.to_string())]).await.map(|_| ())
    }
}

/// A record's events. A record that does not parse is skipped, never fatal: the rest of the
/// log still loads (and the fold reports what is missing as a chain gap).
fn parse_record(value: &JsValue) -> Vec<Event> {
    value.as_string().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

/// Wait for the commit; an abort (quota, crash of the write) leaves nothing behind.
async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
    let raw: web_sys::IdbTransaction = tx.into();
    match idb::Transaction::from(raw.clone()).await? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => {
            Err(raw.error().map(|e| StoreError::from_js(&e.into())).unwrap_or(StoreError::Quota))
        }
    }
}
