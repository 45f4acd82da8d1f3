//! Bundles: the signed JSON files devices exchange through chat apps.
//!
//! One format for every kind. The sender signs a canonical hash of the whole file (every field
//! but `signature`, keys sorted, whitespace-free), so any edit shows. Each device whose events the
//! file carries also has a head signed by that device itself (`heads`): since events are
//! hash-chained, the head signature vouches for its whole chain, so a grid worker's events stay
//! attributable to the grid worker after the committee forwards them to the office.
//!
//! `verify` checks everything before the caller changes anything; the file name is never used
//! (chat apps rename files).

use crate::base::hlc::Hlc;
use crate::record::events::Event;
use crate::record::identity::{self, DeviceKey, DeviceRecord, Role, DOMAIN_BUNDLE, DOMAIN_HEAD};
use crate::record::log::{id_matches, Log};
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

pub const FORMAT: &str = "huanjie-bundle";
/// The newest format this build reads and the one it writes.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Definition, rule preset and roster, from the committee.
    ElectionPackage,
    /// A grid worker's events.
    Field,
    /// Final results and the events behind them.
    Result,
    /// The office's review decisions.
    Review,
    /// Daily progress figures.
    Progress,
    /// Everything, for handover and backup.
    Archive,
    /// The committee asks the office for qualification review (联审): the `review_requested`
    /// event and, as content, the nominees as the office needs to see them (`review.rs`).
    ReviewRequest,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::ElectionPackage,
        Kind::Field,
        Kind::Result,
        Kind::Review,
        Kind::Progress,
        Kind::Archive,
        Kind::ReviewRequest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ElectionPackage => "election_package",
            Kind::Field => "field",
            Kind::Result => "result",
            Kind::Review => "review",
            Kind::Progress => "progress",
            Kind::Archive => "archive",
            Kind::ReviewRequest => "review_request",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::ElectionPackage => "选举数据包",
            Kind::Field => "采集数据",
            Kind::Result => "选举结果",
            Kind::Review => "审查意见",
            Kind::Progress => "进度报告",
            Kind::Archive => "归档数据",
            Kind::ReviewRequest => "资格审查申请",
        }
    }
}

/// Which election a file belongs to: its id and the hash of its definition.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ElectionRef {
    pub id: String,
    pub definition_hash: String,
}

/// A device's statement "my chain ends at event `id`, number `seq`", signed by that device.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SignedHead {
    pub device: String,
    pub seq: u64,
    pub id: String,
    pub signature: String,
}

impl SignedHead {
    pub fn sign(key: &DeviceKey, seq: u64, id: &str) -> SignedHead {
        let device = key.code();
        let signature = key.sign(DOMAIN_HEAD, &head_message(&device, seq, id));
        SignedHead { device, seq, id: id.to_string(), signature }
    }

    fn verify(&self, key: &VerifyingKey) -> bool {
        identity::verify_with(key, DOMAIN_HEAD, &head_message(&self.device, self.seq, &self.id), &self.signature)
            .is_ok()
    }
}

fn head_message(device: &str, seq: u64, id: &str) -> Vec<u8> {
    format!("{device}\n{seq}\n{id}").into_bytes()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always "huanjie-bundle": how a file says what it is, whatever its name.
    pub format: String,
    pub format_version: u64,
    pub kind: Kind,
    pub election: ElectionRef,
    /// Build id of the app that wrote the file (for support; not checked).
    pub app_build: String,
    pub created: Hlc,
    pub sender: DeviceRecord,
    /// Devices this file vouches for: the enrolled devices in an election package, the
    /// authors of forwarded events in a result or archive.
    pub roster: Option<Vec<DeviceRecord>>,
    /// Kind-specific data: the election definition in a package, a result summary, figures.
    pub content: Option<Value>,
    /// One head per device with events in this file, signed by that device.
    pub heads: Vec<SignedHead>,
    /// Sorted by device, then seq.
    pub events: Vec<Event>,
    /// Base64 ed25519 signature by `sender` over `DOMAIN_BUNDLE` + the canonical hash.
    pub signature: String,
}

/// What the app fills in to make a bundle; `Bundle::build` adds heads and signs.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: Kind,
    pub election: ElectionRef,
    pub app_build: String,
    pub created: Hlc,
    pub events: Vec<Event>,
    pub content: Option<Value>,
    pub roster: Option<Vec<DeviceRecord>>,
    /// Heads received from other devices, needed to forward their events (see `forwardable`).
    pub forwarded_heads: Vec<SignedHead>,
}

impl Bundle {
    /// Signs a draft as `sender`. Refuses to make a file that `verify` would refuse (a gap in a
    /// chain, a forwarded device without its signed head or record...).
    pub fn build(draft: Draft, key: &DeviceKey, sender: DeviceRecord) -> Result<Bundle, Refusal> {
        if sender.public_key != key.public_key_hex() || sender.code != key.code() {
            return Err(Refusal::BadDeviceRecord { code: sender.code });
        }
        let mut events = draft.events;
        events.sort_by(|a, b| (&a.device, a.seq, &a.id).cmp(&(&b.device, b.seq, &b.id)));
        events.dedup_by(|a, b| a.id == b.id);
        let mut last: BTreeMap<&str, &Event> = BTreeMap::new();
        for event in &events {
            last.insert(&event.device, event);
        }
        let mut heads = Vec::new();
        for (device, event) in last {
            let head = if device == sender.code {
                SignedHead::sign(key, event.seq, &event.id)
            } else {
                let found = draft.forwarded_heads.iter().find(|h| h.device == device && h.id == event.id);
                found.cloned().ok_or(Refusal::BadHead { device: device.to_string(), fault: HeadFault::Missing })?
            };
            heads.push(head);
        }
        let mut bundle = Bundle {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            kind: draft.kind,
            election: draft.election,
            app_build: draft.app_build,
            created: draft.created,
            sender,
            roster: draft.roster,
            content: draft.content,
            heads,
            events,
            signature: String::new(),
        };
        bundle.check_contents()?;
        bundle.seal(key);
        Ok(bundle)
    }

    /// Signs the bundle as it is, without checking it (`build` checks first).
    pub fn seal(&mut self, key: &DeviceKey) {
        self.signature = key.sign(DOMAIN_BUNDLE, self.hash().as_bytes());
    }

    /// Canonical hash of everything but the signature; also the file's identity for
    /// "already imported".
    pub fn hash(&self) -> String {
        let mut value = serde_json::to_value(self).expect("bundles serialize");
        if let Value::Object(map) = &mut value {
            map.remove("signature");
        }
        canonical_hash(&value)
    }

    pub fn to_json_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("bundles serialize")
    }

    /// e.g. "huanjie-field-幸福社区-K7QF-3MXA-20260315-0930.json" (China time). Only for people:
    /// import never looks at the name.
    pub fn suggested_file_name(&self, community: &str) -> String {
        suggested_file_name(self.kind, community, &self.sender.code, self.created.ms)
    }

    /// Ids, chains, heads, device records and the definition hash: everything that needs no
    /// trust context.
    fn check_contents(&self) -> Result<(), Refusal> {
        if self.kind == Kind::ElectionPackage {
            let content = self.content.as_ref().ok_or(Refusal::DefinitionMismatch)?;
            if definition_hash(content) != self.election.definition_hash {
                return Err(Refusal::DefinitionMismatch);
            }
        }
        let keys = self.keys()?;
        let mut chains: BTreeMap<&str, BTreeMap<u64, &Event>> = BTreeMap::new();
        for event in &self.events {
            if !id_matches(event) {
                return Err(Refusal::EventIdMismatch { device: event.device.clone(), seq: event.seq });
            }
            let chain = chains.entry(&event.device).or_default();
            if chain.insert(event.seq, event).is_some() {
                return Err(chain_fault(event, ChainFault::Fork));
            }
        }
        for chain in chains.values() {
            check_chain(chain)?;
        }
        let mut heads: BTreeMap<&str, &SignedHead> = BTreeMap::new();
        for head in &self.heads {
            let device = head.device.clone();
            if heads.insert(&head.device, head).is_some() {
                return Err(Refusal::BadHead { device, fault: HeadFault::Unexpected });
            }
            let Some(chain) = chains.get(head.device.as_str()) else {
                return Err(Refusal::BadHead { device, fault: HeadFault::Unexpected });
            };
            let (&seq, last) = chain.iter().next_back().expect("chains are not empty");
            if head.seq != seq || head.id != last.id {
                return Err(Refusal::BadHead { device, fault: HeadFault::Mismatch });
            }
            let key = keys.get(head.device.as_str()).ok_or(Refusal::MissingDeviceRecord { device: device.clone() })?;
            if !head.verify(key) {
                return Err(Refusal::BadHead { device, fault: HeadFault::BadSignature });
            }
        }
        if let Some(device) = chains.keys().find(|d| !heads.contains_key(*d)) {
            return Err(Refusal::BadHead { device: device.to_string(), fault: HeadFault::Missing });
        }
        Ok(())
    }

    /// Verifying keys of the sender and roster, each checked against its code.
    fn keys(&self) -> Result<BTreeMap<&str, VerifyingKey>, Refusal> {
        let mut keys = BTreeMap::new();
        for record in std::iter::once(&self.sender).chain(self.roster.iter().flatten()) {
            let bad = || Refusal::BadDeviceRecord { code: record.code.clone() };
            let key = record.verifying_key().map_err(|_| bad())?;
            if keys.insert(record.code.as_str(), key).is_some_and(|other| other != key) {
                return Err(bad());
            }
        }
        Ok(keys)
    }

    fn record(&self, code: &str) -> Option<&DeviceRecord> {
        std::iter::once(&self.sender).chain(self.roster.iter().flatten()).find(|r| r.code == code)
    }

    /// Election, key conflicts, roles and who is enrolled.
    fn check_trust(&self, ctx: &TrustContext) -> Result<(), Refusal> {
        if let Some(expected) = &ctx.election {
            if *expected != self.election {
                return Err(Refusal::WrongElection { expected: expected.clone(), found: self.election.clone() });
            }
        }
        let enrolled = |code: &str| ctx.enrolled.iter().find(|r| r.code == code);
        let mut unknown = Vec::new();
        let sender_role = match enrolled(&self.sender.code) {
            Some(known) if known.public_key != self.sender.public_key => {
                return Err(Refusal::KeyConflict { code: known.code.clone() })
            }
            Some(known) => Some(known.role),
            None => {
                unknown.push(self.sender.clone());
                None
            }
        };
        let role = sender_role.unwrap_or(self.sender.role);
        let sender_may_send = match self.kind {
            Kind::ElectionPackage | Kind::ReviewRequest => role == Role::ElectionCommittee,
            // Review decisions (联审) are the office's to make.
            Kind::Review => role == Role::Office,
            _ => true,
        };
        if !sender_may_send {
            return Err(Refusal::WrongSender { kind: self.kind, role });
        }
        // The committee and the office vouch for the devices they list; nobody else does.
        let vouches = matches!(sender_role, Some(Role::ElectionCommittee | Role::Office));
        for head in &self.heads {
            if head.device == self.sender.code {
                continue;
            }
            let record = self.record(&head.device).expect("checked by check_contents");
            match enrolled(&head.device) {
                Some(known) if known.public_key != record.public_key => {
                    return Err(Refusal::KeyConflict { code: known.code.clone() })
                }
                Some(_) => {}
                None if vouches => {}
                None => unknown.push(record.clone()),
            }
        }
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(Refusal::Quarantine { unknown })
        }
    }
}

/// A device's events in a file must be one unbroken piece of its chain.
fn check_chain(chain: &BTreeMap<u64, &Event>) -> Result<(), Refusal> {
    let mut before: Option<&Event> = None;
    for (&seq, &event) in chain {
        let fault = match before {
            _ if seq == 0 => Some(ChainFault::BadSeq),
            _ if seq == 1 && !event.prev.is_empty() => Some(ChainFault::PrevMismatch),
            None if seq > 1 && event.prev.is_empty() => Some(ChainFault::PrevMismatch),
            None => None, // an incremental file may start after events sent earlier
            Some(b) if b.seq + 1 != seq => Some(ChainFault::Gap),
            Some(b) if b.id != event.prev => Some(ChainFault::PrevMismatch),
            Some(b) if b.time >= event.time => Some(ChainFault::TimeBackwards),
            Some(_) => None,
        };
        if let Some(fault) = fault {
            return Err(chain_fault(event, fault));
        }
        before = Some(event);
    }
    Ok(())
}

fn chain_fault(event: &Event, fault: ChainFault) -> Refusal {
    Refusal::BrokenChain { device: event.device.clone(), seq: event.seq, fault }
}

/// The heads a verified bundle carries, each with its device's record (sender or roster).
pub fn heads_with_records(bundle: &Bundle) -> Vec<(SignedHead, DeviceRecord)> {
    bundle.heads.iter().filter_map(|h| bundle.record(&h.device).map(|r| (h.clone(), r.clone()))).collect()
}

/// Heads kept across imports: per device the one furthest along.
pub fn newest_heads(
    kept: &[(SignedHead, DeviceRecord)],
    new: &[(SignedHead, DeviceRecord)],
) -> Vec<(SignedHead, DeviceRecord)> {
    let mut by_device: BTreeMap<&str, &(SignedHead, DeviceRecord)> = BTreeMap::new();
    for pair in kept.iter().chain(new) {
        if by_device.get(pair.0.device.as_str()).is_none_or(|(h, _)| h.seq < pair.0.seq) {
            by_device.insert(&pair.0.device, pair);
        }
    }
    by_device.into_values().cloned().collect()
}

/// The kept heads an archive can forward from `log`: per other device the head furthest along whose
/// event is held here (a head for events not stored can't be sent), with its device's record.
/// The signed heads themselves are kept in one place, beside the log (the app's session); the log
/// holds events only.
pub fn forwardable_heads<'a>(
    log: &Log,
    heads: &'a [(SignedHead, DeviceRecord)],
) -> Vec<&'a (SignedHead, DeviceRecord)> {
    let mut by_device: BTreeMap<&str, &'a (SignedHead, DeviceRecord)> = BTreeMap::new();
    for pair in heads {
        let (head, record) = pair;
        let held = log.get(&head.id).is_some_and(|e| e.device == head.device && e.seq == head.seq);
        let further = by_device.get(head.device.as_str()).is_none_or(|(h, _)| h.seq < head.seq);
        if held && further && head.device != log.device() && record.code == head.device {
            by_device.insert(&head.device, pair);
        }
    }
    by_device.into_values().collect()
}

/// The events to put in a bundle to forward a device's chain up to a head it signed.
pub fn forwardable(log: &Log, head: &SignedHead) -> Vec<Event> {
    log.chain_ending_at(&head.id).into_iter().cloned().collect()
}

/// Hash of an election definition (canonical JSON), as carried in `ElectionRef`.
pub fn definition_hash(definition: &Value) -> String {
    canonical_hash(definition)
}

/// sha256 of the canonical JSON form: object keys sorted, no whitespace. Independent of how the
/// file was formatted and of serde_json's map ordering feature.
pub fn canonical_hash(value: &Value) -> String {
    let mut hasher = HashWriter(Sha256::new());
    write_canonical(value, &mut hasher).expect("hashing does not fail");
    identity::to_hex(&hasher.0.finalize())
}

struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn write_canonical(value: &Value, out: &mut impl std::io::Write) -> serde_json::Result<()> {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.write_all(b"{").map_err(serde_json::Error::io)?;
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.write_all(b",").map_err(serde_json::Error::io)?;
                }
                serde_json::to_writer(&mut *out, key)?;
                out.write_all(b":").map_err(serde_json::Error::io)?;
                write_canonical(item, out)?;
            }
            out.write_all(b"}").map_err(serde_json::Error::io)
        }
        Value::Array(items) => {
            out.write_all(b"[").map_err(serde_json::Error::io)?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",").map_err(serde_json::Error::io)?;
                }
                write_canonical(item, out)?;
            }
            out.write_all(b"]").map_err(serde_json::Error::io)
        }
        scalar => serde_json::to_writer(out, scalar),
    }
}

/// "huanjie-<kind>-<community>-<device>-<yyyymmdd-hhmm>.json", characters that file systems or
/// chat apps dislike replaced by "_".
pub fn suggested_file_name(kind: Kind, community: &str, device: &str, created_ms: u64) -> String {
    let china = chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset");
    let date = chrono::DateTime::from_timestamp_millis(created_ms as i64)
        .map(|t| t.with_timezone(&china).format("%Y%m%d-%H%M").to_string())
        .unwrap_or_default();
    let community: String = community.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let kind = kind.as_str().replace('_', "-");
    format!("huanjie-{kind}-{community}-{device}-{date}.json")
}

/// What the receiving device already trusts and knows.
#[derive(Debug, Clone, Default)]
pub struct TrustContext {
    /// The election this device works on; None before it has joined one (or on an office
    /// device that receives files from many elections).
    pub election: Option<ElectionRef>,
    /// Devices a person accepted here (for a grid worker: the committee, then the roster).
    pub enrolled: Vec<DeviceRecord>,
    /// `Verified::hash` of every file imported before.
    pub known_bundles: BTreeSet<String>,
}

/// A bundle that passed every check: merge `bundle.events` into the log, remember `hash`.
#[derive(Debug, Clone)]
pub struct Verified {
    pub bundle: Bundle,
    pub hash: String,
}

/// Why a file was not imported. `Quarantine` is the one that is not final: keep the file and
/// verify it again once a person has accepted the devices.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    Empty,
    /// The JSON ends early: a chat app cut the file.
    Truncated,
    NotJson,
    /// JSON, but not a Huanjie bundle (`found` = its `format`, e.g. a join request).
    NotABundle {
        found: Option<String>,
    },
    NewerFormat {
        found: u64,
    },
    /// A bundle whose fields do not have the expected shape (or event kinds this build does not know).
    Malformed {
        detail: String,
    },
    Unsigned,
    /// The signature does not match the content: edited after it was signed.
    BadSignature,
    /// A device record whose code does not belong to its key.
    BadDeviceRecord {
        code: String,
    },
    /// An election package whose definition does not match the hash it claims.
    DefinitionMismatch,
    EventIdMismatch {
        device: String,
        seq: u64,
    },
    BrokenChain {
        device: String,
        seq: u64,
        fault: ChainFault,
    },
    BadHead {
        device: String,
        fault: HeadFault,
    },
    /// Events by a device the file carries no record (public key) for.
    MissingDeviceRecord {
        device: String,
    },
    WrongElection {
        expected: ElectionRef,
        found: ElectionRef,
    },
    /// A kind this sender's role may not send (an election package not from the committee).
    WrongSender {
        kind: Kind,
        role: Role,
    },
    /// A device code enrolled here with another key: someone is impersonating it.
    KeyConflict {
        code: String,
    },
    AlreadyImported {
        hash: String,
    },
    /// Intact, but from devices not enrolled here: keep until a person accepts them.
    Quarantine {
        unknown: Vec<DeviceRecord>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainFault {
    /// Numbers missing in the middle.
    Gap,
    /// Two events with one number.
    Fork,
    /// `prev` is not the event before.
    PrevMismatch,
    /// Time does not increase along the chain.
    TimeBackwards,
    /// seq 0.
    BadSeq,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadFault {
    Missing,
    /// A head for a device without events here, or twice.
    Unexpected,
    /// The head is not the device's last event in the file.
    Mismatch,
    BadSignature,
}

impl Refusal {
    /// Stable name of the check that failed (for logs and tests).
    pub fn check(&self) -> &'static str {
        match self {
            Refusal::Empty => "empty",
            Refusal::Truncated => "truncated",
            Refusal::NotJson => "not_json",
            Refusal::NotABundle { .. } => "not_a_bundle",
            Refusal::NewerFormat { .. } => "newer_format",
            Refusal::Malformed { .. } => "malformed",
            Refusal::Unsigned => "unsigned",
            Refusal::BadSignature => "signature",
            Refusal::BadDeviceRecord { .. } => "device_record",
            Refusal::DefinitionMismatch => "definition_hash",
            Refusal::EventIdMismatch { .. } => "event_id",
            Refusal::BrokenChain { .. } => "chain",
            Refusal::BadHead { .. } => "head",
            Refusal::MissingDeviceRecord { .. } => "missing_device_record",
            Refusal::WrongElection { .. } => "wrong_election",
            Refusal::WrongSender { .. } => "wrong_sender",
            Refusal::KeyConflict { .. } => "key_conflict",
            Refusal::AlreadyImported { .. } => "already_imported",
            Refusal::Quarantine { .. } => "quarantine",
        }
    }

    pub fn is_quarantine(&self) -> bool {
        matches!(self, Refusal::Quarantine { .. })
    }

    pub fn message_zh(&self) -> String {
        const RESEND: &str = "请让对方重新导出并发送";
        match self {
            Refusal::Empty => format!("文件是空的。{RESEND}"),
            Refusal::Truncated => "文件不完整：可能在转发时被截断，请让对方重新发送".into(),
            Refusal::NotJson => "这不是换届助手的数据文件（无法读取内容）".into(),
            Refusal::NotABundle { found: Some(f) } if f == identity::JoinRequest::FORMAT => {
                "这是设备登记申请，请在“设备登记”中打开".into()
            }
            Refusal::NotABundle { .. } => "这不是换届助手的数据包".into(),
            Refusal::NewerFormat { found } => {
                format!("此文件由更新版本的换届助手生成（格式版本 {found}），请先更新本应用")
            }
            Refusal::Malformed { .. } => {
                format!("数据包内容格式不正确，可能来自不同版本的应用。{RESEND}")
            }
            Refusal::Unsigned => format!("数据包没有签名，无法确认来源。{RESEND}"),
            Refusal::BadSignature => format!("签名校验失败：文件在签名后被修改过。{RESEND}"),
            Refusal::BadDeviceRecord { code } => {
                format!("设备 {code} 的身份信息与其密钥不符，文件不可信")
            }
            Refusal::DefinitionMismatch => "选举数据包中的选举设置与其校验值不符，文件不可信".into(),
            Refusal::EventIdMismatch { device, seq } => {
                format!("设备 {device} 的第 {seq} 条记录被修改过（校验值不符）。{RESEND}")
            }
            Refusal::BrokenChain { device, seq, fault } => {
                let what = match fault {
                    ChainFault::Gap => "中间缺少记录",
                    ChainFault::Fork => "同一编号有两条不同记录",
                    ChainFault::PrevMismatch => "与前一条记录衔接不上",
                    ChainFault::TimeBackwards => "时间顺序错乱",
                    ChainFault::BadSeq => "编号无效",
                };
                format!("设备 {device} 的记录链在第 {seq} 条处{what}。{RESEND}")
            }
            Refusal::BadHead { device, fault } => {
                let what = match fault {
                    HeadFault::Missing => "缺少该设备的签名",
                    HeadFault::Unexpected => "有多余的签名",
                    HeadFault::Mismatch => "签名与记录不对应",
                    HeadFault::BadSignature => "签名校验失败",
                };
                format!("设备 {device} 的记录{what}，无法确认来源。{RESEND}")
            }
            Refusal::MissingDeviceRecord { device } => {
                format!("文件包含设备 {device} 的记录，但缺少该设备的身份信息。{RESEND}")
            }
            Refusal::WrongElection { expected, found } => {
                format!("此文件属于另一场选举（{}），与本机当前选举（{}）不符，未导入", found.id, expected.id)
            }
            Refusal::WrongSender { kind, .. } => {
                let from = if *kind == Kind::Review { "街道或区换届办" } else { "选举委员会" };
                format!("“{}”只能由{from}的设备发出，此文件不可信", kind.label_zh())
            }
            Refusal::KeyConflict { code } => {
                format!("设备编号 {code} 与本机登记的同编号设备密钥不同，可能是冒充，未导入")
            }
            Refusal::AlreadyImported { .. } => "此文件已经导入过，无需重复导入，数据没有变化".into(),
            Refusal::Quarantine { unknown } => {
                let names: Vec<String> = unknown.iter().map(|r| format!("{}（{}）", r.code, r.name)).collect();
                format!(
                    "文件来自尚未登记的设备：{}。请核对设备编号后决定是否接受；接受前数据暂存，不会合并",
                    names.join("、")
                )
            }
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            Refusal::Empty => "empty file".into(),
            Refusal::Truncated => "truncated: the file ends early (cut while forwarding?); ask for it again".into(),
            Refusal::NotJson => "not JSON: not a Huanjie file".into(),
            Refusal::NotABundle { found: Some(f) } => {
                format!("not a Huanjie bundle (format \"{f}\")")
            }
            Refusal::NotABundle { found: None } => "not a Huanjie bundle (no \"format\" field)".into(),
            Refusal::NewerFormat { found } => {
                format!("format version {found} is newer than this build supports ({FORMAT_VERSION}); update the app")
            }
            Refusal::Malformed { detail } => format!("malformed bundle: {detail}"),
            Refusal::Unsigned => "unsigned: the bundle has no signature".into(),
            Refusal::BadSignature => "signature invalid: the file was edited after it was signed".into(),
            Refusal::BadDeviceRecord { code } => {
                format!("device record {code}: code does not match its key")
            }
            Refusal::DefinitionMismatch => "election definition does not match its definition_hash".into(),
            Refusal::EventIdMismatch { device, seq } => {
                format!("event {device}#{seq}: id does not match its content (edited)")
            }
            Refusal::BrokenChain { device, seq, fault } => {
                format!("broken chain of {device} at seq {seq}: {fault:?}")
            }
            Refusal::BadHead { device, fault } => format!("signed head of {device}: {fault:?}"),
            Refusal::MissingDeviceRecord { device } => {
                format!("events by {device} but no device record (public key) for it")
            }
            Refusal::WrongElection { expected, found } => format!(
                "wrong election: file is for {} ({}), this device works on {} ({})",
                found.id, found.definition_hash, expected.id, expected.definition_hash
            ),
            Refusal::WrongSender { kind, role } => {
                format!("a {} bundle may not come from a {role:?} device", kind.as_str())
            }
            Refusal::KeyConflict { code } => {
                format!("device {code} is enrolled here with another key")
            }
            Refusal::AlreadyImported { hash } => format!("already imported (bundle {hash})"),
            Refusal::Quarantine { unknown } => {
                let codes: Vec<&str> = unknown.iter().map(|r| r.code.as_str()).collect();
                format!("quarantined: devices not enrolled here: {}", codes.join(", "))
            }
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_en())
    }
}

/// Checks a received file completely; the caller changes nothing unless this returns Ok.
pub fn verify(bytes: &[u8], ctx: &TrustContext) -> Result<Verified, Refusal> {
    let verified = open(bytes)?;
    // Same signed hash = same content that passed every check before: stop early.
    if ctx.known_bundles.contains(&verified.hash) {
        return Err(Refusal::AlreadyImported { hash: verified.hash });
    }
    verified.bundle.check_contents()?;
    verified.bundle.check_trust(ctx)?;
    Ok(verified)
}

/// Everything that can be checked without knowing whom to trust: the envelope, the sender's
/// signature, event ids, chains and heads (what `huanjie verify` and `huanjie aggregate` check).
pub fn verify_untrusted(bytes: &[u8]) -> Result<Verified, Refusal> {
    let verified = open(bytes)?;
    verified.bundle.check_contents()?;
    Ok(verified)
}

/// Parses the envelope and checks the sender's signature, before reading anything else.
fn open(bytes: &[u8]) -> Result<Verified, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes); // BOM added by some editors
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::Empty);
    }
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() || cut_inside_a_character(bytes) {
            Refusal::Truncated
        } else {
            Refusal::NotJson
        }
    })?;
    let Value::Object(map) = &mut value else {
        return Err(Refusal::NotABundle { found: None });
    };
    match map.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        found => return Err(Refusal::NotABundle { found: found.map(str::to_string) }),
    }
    match map.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > FORMAT_VERSION => return Err(Refusal::NewerFormat { found: v }),
        Some(v) if v >= 1 => {}
        _ => return Err(Refusal::Malformed { detail: "format_version".into() }),
    }
    let signature = match map.remove("signature") {
        Some(Value::String(s)) if !s.is_empty() => s,
        None | Some(Value::Null) | Some(Value::String(_)) => return Err(Refusal::Unsigned),
        Some(_) => return Err(Refusal::Malformed { detail: "signature".into() }),
    };
    let sender: DeviceRecord = field(map, "sender")?;
    sender.verifying_key().map_err(|_| Refusal::BadDeviceRecord { code: sender.code.clone() })?;
    let hash = canonical_hash(&value);
    sender.verify(DOMAIN_BUNDLE, hash.as_bytes(), &signature).map_err(|_| Refusal::BadSignature)?;
    if let Value::Object(map) = &mut value {
        map.insert("signature".into(), Value::String(signature));
    }
    let bundle: Bundle = serde_json::from_value(value).map_err(|e| Refusal::Malformed { detail: e.to_string() })?;
    Ok(Verified { bundle, hash })
}

fn field<T: serde::de::DeserializeOwned>(map: &Map<String, Value>, name: &str) -> Result<T, Refusal> {
    let value = map.get(name).cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| Refusal::Malformed { detail: format!("{name}: {e}") })
}

/// A cut in the middle of a multi-byte (Chinese) character makes serde_json report invalid
/// UTF-8 instead of end-of-file; drop the partial character and look again.
fn cut_inside_a_character(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Err(e) if e.error_len().is_none() => {
            serde_json::from_slice::<Value>(&bytes[..e.valid_up_to()]).is_err_and(|e| e.is_eof())
        }
        _ => false,
    }
}

/// The `huanjie verify FILE` report: every check that needs no trust context. Ok = a summary to
/// print (exit 0); Err = the reason (exit non-zero).
pub fn verify_file_report(bytes: &[u8]) -> Result<String, String> {
    let Verified { bundle, hash } = open(bytes).map_err(|r| r.message_en())?;
    bundle.check_contents().map_err(|r| r.message_en())?;
    let mut lines = vec![
        format!("valid Huanjie bundle (format version {})", bundle.format_version),
        format!("kind: {} ({})", bundle.kind.as_str(), bundle.kind.label_zh()),
        format!("election: {} (definition {})", bundle.election.id, bundle.election.definition_hash),
        format!("sender: {} {} ({:?}), signature valid", bundle.sender.code, bundle.sender.name, bundle.sender.role),
        format!("created: {} ms (hlc n={}), app build {}", bundle.created.ms, bundle.created.n, bundle.app_build),
        format!("events: {}", bundle.events.len()),
    ];
    for head in &bundle.heads {
        let first = bundle.events.iter().find(|e| e.device == head.device).map_or(0, |e| e.seq);
        lines.push(format!("  {}: seq {}..={} (head signed by the device)", head.device, first, head.seq));
    }
    if let Some(roster) = &bundle.roster {
        lines.push(format!("roster: {} devices", roster.len()));
    }
    lines.push(format!("content: {}", if bundle.content.is_some() { "yes" } else { "none" }));
    lines.push(format!("bundle hash: {hash}"));
    lines.push("not checked here: whether the devices are enrolled and the election is the right one".into());
    Ok(lines.join("\n"))
}
