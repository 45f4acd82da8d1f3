//! The session: this device's identity, the event log (in memory and in IndexedDB) and the
//! election state folded from it. Screens read the state and record events through here only.
//!
//! Saving order: IndexedDB commits first, then memory and screen change; an error leaves both
//! untouched. Other tabs of the same browser learn about new events on a BroadcastChannel.

mod role;
pub use role::RoleState;

use crate::platform::prefs;
use crate::platform::store::{EventStore, Head, StoreError};
use huanjie_core::election::exchange;
use huanjie_core::record::bundle::{self, Kind, Refusal};
use huanjie_core::record::events::{Event, EventBody};
use huanjie_core::record::identity::{DeviceKey, DeviceRecord, JoinRequest, Role};
use huanjie_core::record::log::{event_id, Log};
use huanjie_core::record::state::ElectionState;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "huanjie-events";
/// Said on the channel when this phone's data was wiped: every other tab reloads.
const RESET: &str = "reset";
/// Meta key: hashes of every bundle imported here (written with the bundle's events).
const IMPORTED: &str = "imported_bundles";
const OFFICE_REPORTS: &str = "office_reports";
/// Meta key: the newest head each other device signed, with its record (kept to forward chains).
const HEADS: &str = "signed_heads";

type Heads = Vec<(bundle::SignedHead, DeviceRecord)>;
/// Meta key: the office's qualification-review cases (review::ReviewCase), one per community.
const REVIEW_CASES: &str = "review_cases";
pub const APP_BUILD: &str = concat!("huanjie ", env!("CARGO_PKG_VERSION"));

/// What became of one imported file, for the per-file verdict on screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    Imported {
        kind: Kind,
        added: usize,
        sender: DeviceRecord,
    },
    AlreadyImported,
    /// Signed by devices nobody here has accepted yet: held until a person accepts them.
    Quarantined {
        devices: Vec<DeviceRecord>,
    },
    /// A grid worker's request to join (committee devices enrol it), with the grid the person
    /// named and the committee's grid it matches.
    JoinRequest(DeviceRecord, Option<String>, Option<String>),
    /// A person accepted the device of a join request.
    Enrolled(DeviceRecord),
    Refused {
        check: &'static str,
        message: String,
    },
}

struct Inner {
    store: EventStore,
    device: DeviceKey,
    log: RefCell<Log>,
    state: RefCell<ElectionState>,
    imported: RefCell<BTreeSet<String>>,
    heads: RefCell<Heads>,
    channel: Option<BroadcastChannel>,
}

/// Cheap to copy into closures; the data itself lives once, in `Inner`.
#[derive(Clone, Copy)]
pub struct Session {
    inner: StoredValue<Option<Rc<Inner>>, LocalStorage>,
    /// Bumped on every change: screens that read the state re-render.
    pub version: RwSignal<u64>,
    /// Why the session could not start (storage blocked...), shown instead of the screens.
    pub error: RwSignal<Option<String>>,
}

impl Session {
    pub fn new() -> Session {
        Session { inner: StoredValue::new_local(None), version: RwSignal::new(0), error: RwSignal::new(None) }
    }

    /// Open storage, load every saved event and fold the state. Called once at start.
    pub async fn start(self) {
        match Inner::open().await {
            Ok(inner) => {
                let inner = Rc::new(inner);
                listen_to_other_tabs(self, &inner);
                self.inner.set_value(Some(inner));
                self.version.update(|v| *v += 1);
                request_persistent_storage();
            }
            Err(e) => self.error.set(Some(e.message_zh())),
        }
    }

    pub fn ready(&self) -> bool {
        self.version.get() > 0
    }

    /// Read the election state (tracks `version`, so views update on change).
    pub fn with_state<R>(&self, f: impl FnOnce(&ElectionState) -> R) -> Option<R> {
        self.version.track();
        self.inner.with_value(|i| i.as_ref().map(|i| f(&i.state.borrow())))
    }

    pub fn device_code(&self) -> Option<String> {
        self.version.track();
        self.inner.with_value(|i| i.as_ref().map(|i| i.device.code()))
    }

    /// Record what a person did. Returns only after the event is committed to storage.
    pub async fn record(self, body: EventBody) -> Result<Event, String> {
        let inner = self.inner.with_value(|i| i.clone()).ok_or("数据尚未载入，请稍候再试")?;
        let wall = js_sys::Date::now() as u64;
        let code = inner.device.code();
        // The head comes from storage inside the write transaction, not from memory: another
        // tab of this browser may have appended since we last looked.
        let event = inner
            .store
            .append(&code, |head: Option<Head>| {
                let (seq, prev, seen) = match head {
                    Some(h) => (h.seq + 1, h.id, h.time),
                    None => (1, String::new(), Default::default()),
                };
                let time = inner.log.borrow().clock().observe(seen).tick(wall);
                let id = event_id(&code, seq, time, &prev, &body);
                Event { id, device: code.clone(), seq, time, prev, body }
            })
            .await
            .map_err(|e| e.message_zh())?;
        inner.absorb(vec![event.clone()]);
        announce(&inner, vec![event.id.clone()]);
        self.version.update(|v| *v += 1);
        Ok(event)
    }

    /// Store events that were verified elsewhere (an import) in one transaction, then merge.
    pub async fn store_verified(self, events: Vec<Event>, meta: Vec<(&'static str, String)>) -> Result<usize, String> {
        let inner = self.inner.with_value(|i| i.clone()).ok_or("数据尚未载入，请稍候再试")?;
        let new: Vec<Event> = {
            let log = inner.log.borrow();
            events.into_iter().filter(|e| !log.contains(&e.id)).collect()
        };
        let count = new.len();
        let key = inner.store.put_all(&new, &meta).await.map_err(|e| e.message_zh())?;
        inner.absorb(new);
        announce(&inner, key.into_iter().collect());
        self.version.update(|v| *v += 1);
        Ok(count)
    }

    pub async fn meta(self, key: &str) -> Option<String> {
        let inner = self.inner.with_value(|i| i.clone())?;
        inner.store.meta_get(key).await.ok().flatten()
    }

    /// Check a file completely, then store what it carries in one transaction. Nothing is
    /// stored unless every check passed.
    pub async fn import(self, bytes: Vec<u8>, role: Role) -> ImportOutcome {
        if let Ok(request) = JoinRequest::open(&bytes) {
            let grid = request.grid.as_deref().and_then(|g| self.with_state(|s| exchange::grid_named(s, g)).flatten());
            return ImportOutcome::JoinRequest(request.record, request.grid, grid);
        }
        let Some(inner) = self.inner.with_value(|i| i.clone()) else {
            return ImportOutcome::Refused {
                check: "not_ready", message: "数据尚未载入，请稍候再试".into()
            };
        };
        let me = inner.device.record(role, exchange::role_zh(role));
        let ctx = exchange::trust_context(&inner.state.borrow(), &me, inner.imported.borrow().clone());
        match bundle::verify(&bytes, &ctx) {
            Ok(verified) => {
                let mut imported = inner.imported.borrow().clone();
                imported.insert(verified.hash.clone());
                let received = bundle::heads_with_records(&verified.bundle);
                let heads = bundle::newest_heads(&inner.heads.borrow(), &received);
                let meta = vec![
                    (IMPORTED, serde_json::to_string(&imported).unwrap_or_default()),
                    (HEADS, serde_json::to_string(&heads).unwrap_or_default()),
                ];
                let sender = verified.bundle.sender.clone();
                let kind = verified.bundle.kind;
                match self.store_verified(verified.bundle.events, meta).await {
                    Ok(added) => {
                        *inner.imported.borrow_mut() = imported;
                        inner.keep_heads(heads);
                        ImportOutcome::Imported { kind, added, sender }
                    }
                    Err(message) => ImportOutcome::Refused { check: "storage", message },
                }
            }
            Err(Refusal::AlreadyImported { .. }) => ImportOutcome::AlreadyImported,
            Err(Refusal::Quarantine { unknown }) => ImportOutcome::Quarantined { devices: unknown },
            Err(refusal) => ImportOutcome::Refused { check: refusal.check(), message: refusal.message_zh() },
        }
    }

    /// A person accepted these devices (after comparing the codes): enrol them.
    pub async fn accept_devices(self, devices: Vec<DeviceRecord>) -> Result<(), String> {
        for d in devices {
            self.record(exchange::enroll(&d, None)).await?;
        }
        Ok(())
    }

    /// Sign a bundle of `kind` from this device's records; the text of the file.
    pub fn export(&self, kind: Kind, role: Role) -> Result<(String, String), String> {
        let wall = js_sys::Date::now() as u64;
        self.inner
            .with_value(|i| {
                let i = i.as_ref()?;
                let me = i.device.record(role, exchange::role_zh(role));
                let state = i.state.borrow();
                let community = state.definition.as_ref().map(|d| d.community.clone()).unwrap_or_default();
                Some(
                    match kind {
                        Kind::Archive => exchange::export_archive(
                            &state,
                            &i.log.borrow(),
                            &i.heads.borrow(),
                            &i.device,
                            &me,
                            APP_BUILD,
                            wall,
                        ),
                        _ => exchange::export(kind, &state, &i.log.borrow(), &i.device, &me, APP_BUILD, wall),
                    }
                    .map(|b| {
                        (b.suggested_file_name(&community), String::from_utf8(b.to_json_bytes()).unwrap_or_default())
                    })
                    .map_err(|e| e.message_zh()),
                )
            })
            .unwrap_or_else(|| Err("数据尚未载入，请稍候再试".into()))
    }

    /// This device's join request with the person's name and grid, as a file for the committee.
    pub fn join_request(&self, role: Role, name: &str, grid: &str) -> Option<String> {
        self.inner.with_value(|i| i.as_ref().map(|i| JoinRequest::new(&i.device, role, name, Some(grid)).to_json()))
    }

    /// A person accepted a join request: enrol the device, in its grid when one was matched.
    pub async fn accept_join(self, device: DeviceRecord, grid: Option<String>) -> Result<(), String> {
        self.record(exchange::enroll(&device, grid)).await.map(|_| ())
    }

    /// Load the built-in demo community (幸福里社区): the events its committee and four grid
    /// workers would have made for an election 30 days from today, stored like any verified
    /// import.
    pub async fn load_demo(self) -> Result<usize, String> {
        let day = huanjie_core::demo::election_day_from(crate::platform::today());
        let events = huanjie_core::demo::events_on(huanjie_core::demo::DEFAULT_VOTERS, 1, day);
        // The demo devices' keys are public, so their heads are signed here: the demo's chains
        // can be forwarded (archive) like chains received in files.
        let inner = self.inner.with_value(|i| i.clone()).ok_or("数据尚未载入，请稍候再试")?;
        let heads = bundle::newest_heads(&inner.heads.borrow(), &huanjie_core::demo::signed_heads(&events));
        let added =
            self.store_verified(events, vec![(HEADS, serde_json::to_string(&heads).unwrap_or_default())]).await?;
        inner.keep_heads(heads);
        Ok(added)
    }

    /// Delete everything this phone holds (after the person confirmed, and was offered a
    /// backup); with `forget_device` also its key and settings, so it starts as a new device.
    /// Other open tabs are told to reload, then this one opens the home page on the empty store.
    pub async fn wipe(self, forget_device: bool) -> Result<(), String> {
        let inner = self.inner.with_value(|i| i.clone()).ok_or("数据尚未载入，请稍候再试")?;
        inner.store.clear_all().await.map_err(|e| e.message_zh())?;
        if forget_device {
            prefs::clear_all();
        }
        if let Some(channel) = &inner.channel {
            let _ = channel.post_message(&JsValue::from_str(RESET));
        }
        // Start again from the home page, as a phone that never held this election.
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href("/");
        }
        Ok(())
    }

    /// The office's received community reports (kept as one list; written once per import).
    pub async fn office_reports(self) -> Vec<huanjie_core::office::receive::Received> {
        self.meta(OFFICE_REPORTS).await.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    }

    /// The committee's review request (联审申请) as a file for the office.
    pub fn export_review_request(&self) -> Result<(String, String), String> {
        let wall = js_sys::Date::now() as u64;
        self.inner
            .with_value(|i| {
                let i = i.as_ref()?;
                let me = i.device.record(Role::ElectionCommittee, exchange::role_zh(Role::ElectionCommittee));
                let state = i.state.borrow();
                let community = state.definition.as_ref().map(|d| d.community.clone()).unwrap_or_default();
                Some(
                    huanjie_core::election::review::export_request(
                        &state,
                        &i.log.borrow(),
                        &i.device,
                        &me,
                        APP_BUILD,
                        wall,
                    )
                    .map(|b| {
                        (b.suggested_file_name(&community), String::from_utf8(b.to_json_bytes()).unwrap_or_default())
                    })
                    .map_err(|e| e.message_zh()),
                )
            })
            .unwrap_or_else(|| Err("数据尚未载入，请稍候再试".into()))
    }

    /// The office's review cases (kept as one list; written whole after each change).
    pub async fn review_cases(self) -> Vec<huanjie_core::election::review::ReviewCase> {
        self.meta(REVIEW_CASES).await.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    }

    pub async fn save_review_cases(self, cases: &[huanjie_core::election::review::ReviewCase]) -> Result<(), String> {
        let inner = self.inner.with_value(|i| i.clone()).ok_or("数据尚未载入，请稍候再试")?;
        let text = serde_json::to_string(cases).map_err(|e| e.to_string())?;
        inner.store.meta_put(REVIEW_CASES, &text).await.map_err(|e| e.message_zh())
    }

    /// The office's review desk for one election (review::desk_key of this device's key).
    pub fn review_desk(&self, election_id: &str) -> Option<DeviceKey> {
        self.inner.with_value(|i| i.as_ref().map(|i| huanjie_core::election::review::desk_key(&i.device, election_id)))
    }

    pub async fn save_office_reports(self, reports: &[huanjie_core::office::receive::Received]) -> Result<(), String> {
        let inner = self.inner.with_value(|i| i.clone()).ok_or("数据尚未载入，请稍候再试")?;
        let text = serde_json::to_string(reports).map_err(|e| e.to_string())?;
        inner.store.meta_put(OFFICE_REPORTS, &text).await.map_err(|e| e.message_zh())
    }
}

impl Inner {
    async fn open() -> Result<Inner, StoreError> {
        let device = device_key().map_err(StoreError::Failed)?;
        let store = EventStore::open().await?;
        let events = store.load_events().await?;
        // Stored events passed every check before they were written.
        let mut log = Log::new(&device.code());
        log.merge_verified(events);
        let state = ElectionState::fold(log.in_order());
        let imported =
            store.meta_get(IMPORTED).await?.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
        let heads: Heads =
            store.meta_get(HEADS).await?.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
        let channel = BroadcastChannel::new(CHANNEL).ok();
        Ok(Inner {
            store,
            device,
            log: RefCell::new(log),
            state: RefCell::new(state),
            imported: RefCell::new(imported),
            heads: RefCell::new(heads),
            channel,
        })
    }

    /// Heads saved with an import: the one place they are kept (the archive forwards with them).
    fn keep_heads(&self, heads: Heads) {
        *self.heads.borrow_mut() = heads;
    }

    /// Add events to memory and the state. Events later than everything known apply
    /// incrementally; anything else (an import that interleaves) refolds in log order.
    fn absorb(&self, events: Vec<Event>) {
        if events.is_empty() {
            return;
        }
        let mut log = self.log.borrow_mut();
        let report = log.merge_verified(events);
        let mut state = self.state.borrow_mut();
        if report.appended_at_end {
            for e in &report.added {
                state.apply(e);
            }
        } else {
            *state = ElectionState::fold(log.in_order());
        }
    }
}

/// The device key lives in localStorage (small), made from 32 random bytes on first start.
fn device_key() -> Result<DeviceKey, String> {
    if let Some(hex) = prefs::load::<String>("device_seed") {
        if let Some(seed) = decode_seed(&hex) {
            return Ok(DeviceKey::from_seed(seed));
        }
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| format!("无法生成设备密钥：{e}"))?;
    let hex: String = seed.iter().map(|b| format!("{b:02x}")).collect();
    prefs::save("device_seed", &hex)?;
    Ok(DeviceKey::from_seed(seed))
}

fn decode_seed(hex: &str) -> Option<[u8; 32]> {
    let bytes: Vec<u8> =
        (0..hex.len()).step_by(2).filter_map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()).collect();
    bytes.try_into().ok()
}

/// Tell the other tabs which storage records are new.
fn announce(inner: &Inner, keys: Vec<String>) {
    if let Some(channel) = &inner.channel {
        if let Ok(text) = serde_json::to_string(&keys) {
            let _ = channel.post_message(&JsValue::from_str(&text));
        }
    }
}

fn listen_to_other_tabs(session: Session, inner: &Rc<Inner>) {
    let Some(channel) = &inner.channel else { return };
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
        if msg.data().as_string().as_deref() == Some(RESET) {
            return reload();
        }
        let Some(keys) = msg.data().as_string().and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(inner) = session.inner.with_value(|i| i.clone()) else { return };
            if let Ok(events) = inner.store.get_records(&keys).await {
                inner.absorb(events);
                session.version.update(|v| *v += 1);
            }
        });
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the page
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Ask the browser not to evict our data under storage pressure; the answer does not change
/// what we do (backups are offered either way).
fn request_persistent_storage() {
    if let Some(w) = web_sys::window() {
        if let Ok(storage) = js_sys::Reflect::get(&w.navigator(), &"storage".into()) {
            if !storage.is_undefined() {
                let storage: web_sys::StorageManager = storage.unchecked_into();
                let _ = storage.persist();
            }
        }
    }
}
