//! Between the log and files: what each kind of bundle carries, and whom an import trusts.
//! The app calls these; it never decides itself which events leave the device.

use crate::base::hlc::Hlc;
use crate::record::bundle::{definition_hash, Bundle, Draft, ElectionRef, Kind, Refusal, SignedHead, TrustContext};
use crate::record::events::{DeviceEnrolled, EventBody};
use crate::record::identity::{DeviceKey, DeviceRecord, Role};
use crate::record::log::Log;
use crate::record::state::ElectionState;
use std::collections::BTreeSet;

/// The election this state belongs to, as bundles name it.
pub fn election_ref(state: &ElectionState) -> Option<ElectionRef> {
    let definition = state.definition.as_ref()?;
    let value = serde_json::to_value(definition).ok()?;
    Some(ElectionRef { id: definition.election_id.clone(), definition_hash: definition_hash(&value) })
}

/// Devices a person accepted here (enrolled by the committee, or accepted from quarantine).
pub fn enrolled(state: &ElectionState) -> Vec<DeviceRecord> {
    state
        .devices
        .values()
        .map(|d| DeviceRecord {
            code: d.device.clone(),
            public_key: d.public_key.clone(),
            role: d.role,
            name: d.holder.clone(),
        })
        .collect()
}

/// What an import on this device is checked against.
pub fn trust_context(state: &ElectionState, me: &DeviceRecord, known_bundles: BTreeSet<String>) -> TrustContext {
    let mut devices = enrolled(state);
    if !devices.iter().any(|d| d.code == me.code) {
        devices.push(me.clone());
    }
    TrustContext { election: election_ref(state), enrolled: devices, known_bundles }
}

/// The event that records a person's acceptance of a device (from a join request or from a
/// quarantined file).
pub fn enroll(record: &DeviceRecord, grid: Option<String>) -> EventBody {
    EventBody::DeviceEnrolled(DeviceEnrolled {
        device: record.code.clone(),
        public_key: record.public_key.clone(),
        role: record.role,
        holder: record.name.clone(),
        grid,
    })
}

/// The grid a join request names, as the committee defined it: the same name, or the number
/// alone ("2", "２号", "第2网格"; "第二网格" is not guessed). None when nothing matches: the person assigns it.
pub fn grid_named(state: &ElectionState, said: &str) -> Option<String> {
    // Spaces and full-width digits as people type them (the ID number's cleaning).
    let said = crate::base::idnum::normalise(said);
    if said.is_empty() {
        return None;
    }
    let number = |name: &str| name.chars().filter(char::is_ascii_digit).collect::<String>();
    state
        .grids
        .values()
        .find(|g| crate::base::idnum::normalise(&g.name) == said)
        .or_else(|| {
            let n = number(&said);
            (!n.is_empty() && said.chars().all(|c| c.is_ascii_digit() || "第网格号".contains(c)))
                .then(|| state.grids.values().find(|g| number(&g.name) == n))
                .flatten()
        })
        .map(|g| g.grid.clone())
}

/// Why a bundle cannot be made yet, in words for the app.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    NoElection,
    NothingToSend,
    /// A result file needs at least one signed 计票结果报告单.
    NoResult,
    NotAllowed(Kind, Role),
    Bundle(Refusal),
}

impl ExportError {
    pub fn message_zh(&self) -> String {
        match self {
            ExportError::NoElection => "还没有选举设置：请先导入选委会发来的选举数据包，或由选委会设置选举。".into(),
            ExportError::NothingToSend => "本机还没有可发送的记录。".into(),
            ExportError::NoResult => "还没有签字的计票结果报告单，不能发送选举结果。".into(),
            ExportError::NotAllowed(kind, role) => format!("{}不能导出{}。", role_zh(*role), kind.label_zh()),
            ExportError::Bundle(r) => r.message_zh(),
        }
    }
}

pub fn role_zh(role: Role) -> &'static str {
    match role {
        Role::ElectionCommittee => "选委会",
        Role::GridWorker => "网格员",
        Role::Office => "街道·区换届办",
    }
}

/// Build and sign a bundle of `kind` from this device's log.
/// - field bundle (grid worker): this device's whole chain; importing it twice changes nothing.
/// - election package (committee): the committee's chain (definition, grids, enrolments) with
///   the definition as content and the enrolled devices as roster.
/// - result (committee): this device's chain, with the result report (`progress::result_report`:
///   the members elected in signed rounds and the turnout) as content, for `office::receive`.
/// - archive (committee): this device's chain and every other chain held here up to the head its
///   device signed (forwarded under their own signatures), the roster of enrolled devices, and
///   the result report (when there is one) as content.
///
/// An archive built here carries this device's chain only; `export_archive` forwards the others.
pub fn export(
    kind: Kind,
    state: &ElectionState,
    log: &Log,
    key: &DeviceKey,
    me: &DeviceRecord,
    app_build: &str,
    wall_ms: u64,
) -> Result<Bundle, ExportError> {
    build(kind, state, log, &[], key, me, app_build, wall_ms)
}

/// The archive with every chain held here up to the head its device signed (`heads`: the signed
/// heads kept with imports; `bundle::forwardable_heads` picks the ones the log can forward).
pub fn export_archive(
    state: &ElectionState,
    log: &Log,
    heads: &[(SignedHead, DeviceRecord)],
    key: &DeviceKey,
    me: &DeviceRecord,
    app_build: &str,
    wall_ms: u64,
) -> Result<Bundle, ExportError> {
    build(Kind::Archive, state, log, heads, key, me, app_build, wall_ms)
}

#[allow(clippy::too_many_arguments)] // private: the two public doors above each take seven
fn build(
    kind: Kind,
    state: &ElectionState,
    log: &Log,
    heads: &[(SignedHead, DeviceRecord)],
    key: &DeviceKey,
    me: &DeviceRecord,
    app_build: &str,
    wall_ms: u64,
) -> Result<Bundle, ExportError> {
    let election = election_ref(state).ok_or(ExportError::NoElection)?;
    let allowed = match kind {
        Kind::Field => me.role == Role::GridWorker || me.role == Role::ElectionCommittee,
        Kind::ElectionPackage | Kind::Result | Kind::Archive => me.role == Role::ElectionCommittee,
        _ => false,
    };
    if !allowed {
        return Err(ExportError::NotAllowed(kind, me.role));
    }
    let mut events: Vec<_> = log.chain_from(&me.code, 1).into_iter().cloned().collect();
    if events.is_empty() {
        return Err(ExportError::NothingToSend);
    }
    let mut forwarded_heads = Vec::new();
    let mut forwarded_records = Vec::new();
    if kind == Kind::Archive {
        for (head, record) in crate::record::bundle::forwardable_heads(log, heads) {
            events.extend(crate::record::bundle::forwardable(log, head));
            forwarded_heads.push(head.clone());
            forwarded_records.push(record.clone());
        }
    }
    let (content, roster) = match kind {
        Kind::ElectionPackage => {
            let definition = serde_json::to_value(state.definition.as_ref().ok_or(ExportError::NoElection)?)
                .map_err(|_| ExportError::NoElection)?;
            let mut roster = enrolled(state);
            if !roster.iter().any(|d| d.code == me.code) {
                roster.push(me.clone());
            }
            (Some(definition), Some(roster))
        }
        Kind::Result => {
            let report = crate::election::progress::result_report(state, crate::base::zh::china_day(wall_ms as i64))
                .ok_or(ExportError::NoElection)?;
            if report.elected.is_empty() {
                return Err(ExportError::NoResult);
            }
            (Some(serde_json::to_value(report).expect("reports serialize")), None)
        }
        Kind::Archive => {
            let report = crate::election::progress::result_report(state, crate::base::zh::china_day(wall_ms as i64))
                .ok_or(ExportError::NoElection)?;
            let mut roster = enrolled(state);
            for record in forwarded_records.into_iter().chain([me.clone()]) {
                if !roster.iter().any(|d| d.code == record.code) {
                    roster.push(record);
                }
            }
            (Some(serde_json::json!({ "report": report })), Some(roster))
        }
        _ => (None, None),
    };
    let draft = Draft {
        kind,
        election,
        app_build: app_build.to_string(),
        created: log.clock().tick(wall_ms).max(Hlc { ms: wall_ms, n: 0 }),
        events,
        content,
        roster,
        forwarded_heads,
    };
    Bundle::build(draft, key, me.clone()).map_err(ExportError::Bundle)
}
