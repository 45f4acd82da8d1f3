//! Qualification review (联审) between the committee and the street / district office.
//!
//! 1. The committee records `review_requested` and sends a `review_request` bundle: that one
//!    event (signed head: one piece of its chain) and, as content, a `ReviewRequest` with the
//!    nominees as the office may see them (name, masked ID number, post, screening) — the office
//!    holds no voter list, and full ID numbers never leave the community.
//! 2. The office keeps each community's request as a `ReviewCase` (one per election; a newer
//!    request from the same committee replaces the list, a request signed by another key is
//!    refused). Its decisions are `review_decided` events of a review desk: a device key derived
//!    from the office's own key and the election id, so each community gets one unbroken chain
//!    of its own decisions and sees nothing of other communities.
//! 3. The office sends a `review` bundle of that chain, signed by the desk key. The committee
//!    imports it like any bundle: the first time, the desk's device code is unknown there and
//!    a person accepts it after comparing codes with the office (quarantine).

use crate::base::hlc::Hlc;
use crate::election::exchange::{election_ref, ExportError};
use crate::law::refusal::Problem;
use crate::record::bundle::{verify_untrusted, Bundle, Draft, ElectionRef, Kind};
use crate::record::events::*;
use crate::record::identity::{DeviceKey, DeviceRecord, Role};
use crate::record::log::{event_id, Log};
use crate::record::state::ElectionState;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A nominee as the office sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewNominee {
    pub voter: VoterId,
    pub name: String,
    pub masked_id: String,
    pub sex: Sex,
    pub post: Post,
    /// 党组织推荐 / 选民联名提名 / 自荐
    pub nominated_by: String,
    pub party_member: bool,
    /// Reasons the committee's own screening found (empty: nothing found).
    #[serde(default)]
    pub screening: Vec<DisqualificationReason>,
}

/// Content of a `review_request` bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRequest {
    pub election_id: String,
    pub community: String,
    pub street: String,
    pub district: String,
    pub requested_on: chrono::NaiveDate,
    pub departments: Vec<String>,
    pub nominees: Vec<ReviewNominee>,
}

pub fn nominated_by_zh(by: &NominatedBy) -> &'static str {
    match by {
        NominatedBy::PartyOrg => "党组织推荐",
        NominatedBy::JointVoters { .. } => "选民联名提名",
        NominatedBy::Voter { .. } => "选民提名",
        NominatedBy::SelfNominated => "本人自荐",
    }
}

pub fn reason_zh(r: &DisqualificationReason) -> String {
    match r {
        DisqualificationReason::ExpelledFromParty => "受到开除党籍处分".into(),
        DisqualificationReason::CriminalPunishment => "受过刑事处罚".into(),
        DisqualificationReason::GangOrEvilForces => "涉黑涉恶".into(),
        DisqualificationReason::ClanForces => "涉及宗族势力".into(),
        DisqualificationReason::IllegalReligion => "参与非法宗教活动".into(),
        DisqualificationReason::Other(t) => t.clone(),
    }
}

/// The review request for the latest `review_requested` this device recorded.
pub fn request_content(state: &ElectionState, requested: &ReviewRequested) -> Option<ReviewRequest> {
    let def = state.definition.as_ref()?;
    let nominees = requested
        .nominees
        .iter()
        .filter_map(|id| {
            let v = state.voter(id)?;
            let c = state.candidates.get(id)?;
            let first = c.nominations.first().map(|&i| &state.nominations[i].nomination.by);
            Some(ReviewNominee {
                voter: id.clone(),
                name: v.name.clone(),
                masked_id: v.masked_id(),
                sex: v.sex,
                post: c.active_posts().next().or_else(|| c.posts.iter().next().copied())?,
                nominated_by: first.map_or("", nominated_by_zh).to_string(),
                party_member: c.profile.party_member,
                screening: c.screening.as_ref().map(|s| s.reasons.clone()).unwrap_or_default(),
            })
        })
        .collect();
    Some(ReviewRequest {
        election_id: def.election_id.clone(),
        community: def.community.clone(),
        street: def.street.clone(),
        district: def.district.clone(),
        requested_on: requested.requested_on,
        departments: requested.departments.clone(),
        nominees,
    })
}

/// Nominees the committee may send for review: standing (not withdrawn), screening recorded.
pub fn reviewable(state: &ElectionState) -> Vec<VoterId> {
    state
        .candidates
        .values()
        .filter(|c| c.status() != crate::record::state::CandidateStatus::Withdrawn)
        .filter(|c| c.screening.as_ref().is_some_and(|s| s.reasons.is_empty()))
        .map(|c| c.voter.clone())
        .collect()
}

/// The committee's review-request bundle: its latest `review_requested` event, with the content.
pub fn export_request(
    state: &ElectionState,
    log: &Log,
    key: &DeviceKey,
    me: &DeviceRecord,
    app_build: &str,
    wall_ms: u64,
) -> Result<Bundle, ExportError> {
    let election = election_ref(state).ok_or(ExportError::NoElection)?;
    if me.role != Role::ElectionCommittee {
        return Err(ExportError::NotAllowed(Kind::ReviewRequest, me.role));
    }
    let event = log
        .chain_from(&me.code, 1)
        .into_iter()
        .rev()
        .find(|e| matches!(e.body, EventBody::ReviewRequested(_)))
        .cloned()
        .ok_or(ExportError::NothingToSend)?;
    let EventBody::ReviewRequested(requested) = &event.body else { unreachable!() };
    let content = request_content(state, requested).ok_or(ExportError::NoElection)?;
    let draft = Draft {
        kind: Kind::ReviewRequest,
        election,
        app_build: app_build.to_string(),
        created: log.clock().tick(wall_ms).max(Hlc { ms: wall_ms, n: 0 }),
        events: vec![event],
        content: Some(serde_json::to_value(&content).expect("requests serialize")),
        roster: None,
        forwarded_heads: Vec::new(),
    };
    Bundle::build(draft, key, me.clone()).map_err(ExportError::Bundle)
}

// ----- The office -------------------------------------------------------------------------------

/// One community's review at the office: its latest request and the desk's decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewCase {
    /// Hash of the latest request file (the same file twice is recognised by it).
    pub request_hash: String,
    pub sender: DeviceRecord,
    pub election: ElectionRef,
    pub request: ReviewRequest,
    /// When the committee made the request file: decisions are stamped after it, so they fold
    /// after the nominations on the committee's device whatever the office's clock says.
    #[serde(default)]
    pub requested_at: Hlc,
    /// The review desk's chain of `review_decided` events, oldest first.
    #[serde(default)]
    pub decisions: Vec<Event>,
}

impl ReviewCase {
    pub fn decided(&self) -> impl Iterator<Item = &ReviewDecided> {
        self.decisions.iter().filter_map(|e| match &e.body {
            EventBody::ReviewDecided(d) => Some(d),
            _ => None,
        })
    }

    /// Where a nominee stands at the office: the first disqualification (with its level), else
    /// passed once any department passed them, else None (pending). Same rule as the committee's
    /// `Candidate::status`.
    pub fn outcome(&self, voter: &str) -> Option<(ReviewDecision, ReviewLevel)> {
        let mine: Vec<&ReviewDecided> = self.decided().filter(|d| d.nominee == voter).collect();
        mine.iter().find(|d| d.decision == ReviewDecision::Disqualify).or(mine.first()).map(|d| (d.decision, d.level))
    }

    /// (passed, disqualified by the street, disqualified by the district, pending).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut n = (0, 0, 0, 0);
        for nominee in &self.request.nominees {
            match self.outcome(&nominee.voter) {
                Some((ReviewDecision::Pass, _)) => n.0 += 1,
                Some((ReviewDecision::Disqualify, ReviewLevel::Street)) => n.1 += 1,
                Some((ReviewDecision::Disqualify, ReviewLevel::District)) => n.2 += 1,
                None => n.3 += 1,
            }
        }
        n
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RequestVerdict {
    /// A new community's request.
    New(ReviewCase),
    /// A newer request of a community already here: the nominee list is replaced, decisions kept.
    Updated(ReviewCase),
    AlreadyReceived,
    Refused {
        zh: String,
    },
}

/// Check a review-request file against the cases the office holds.
pub fn receive_request(bytes: &[u8], cases: &[ReviewCase]) -> RequestVerdict {
    let verified = match verify_untrusted(bytes) {
        Ok(v) => v,
        Err(r) => return RequestVerdict::Refused { zh: format!("已拒绝：{}", r.message_zh()) },
    };
    if cases.iter().any(|c| c.request_hash == verified.hash) {
        return RequestVerdict::AlreadyReceived;
    }
    let bundle = verified.bundle;
    if bundle.kind != Kind::ReviewRequest {
        return RequestVerdict::Refused {
            zh: format!("已拒绝：这是{}，不是资格审查申请。", bundle.kind.label_zh())
        };
    }
    if bundle.sender.role != Role::ElectionCommittee {
        return RequestVerdict::Refused {
            zh: "已拒绝：资格审查申请只能由选举委员会发出。".into()
        };
    }
    let Some(request) = bundle.content.and_then(|c| serde_json::from_value::<ReviewRequest>(c).ok()) else {
        return RequestVerdict::Refused {
            zh: "已拒绝：申请中的候选人名单无法读取，请让社区重新导出。".into()
        };
    };
    if request.election_id != bundle.election.id {
        return RequestVerdict::Refused { zh: "已拒绝：申请内容与所属选举不符。".into() };
    }
    let case = |decisions| ReviewCase {
        request_hash: verified.hash.clone(),
        sender: bundle.sender.clone(),
        election: bundle.election.clone(),
        request: request.clone(),
        requested_at: bundle.created,
        decisions,
    };
    match cases.iter().find(|c| c.election.id == bundle.election.id) {
        None => RequestVerdict::New(case(Vec::new())),
        Some(old) if old.sender.public_key != bundle.sender.public_key => RequestVerdict::Refused {
            zh: format!(
                "未接收：{}的申请由设备 {} 签名，与此前的设备 {} 不同。请与社区核实。",
                request.community, bundle.sender.code, old.sender.code
            ),
        },
        Some(old) if old.request.requested_on > request.requested_on => {
            RequestVerdict::Refused { zh: format!("未接收：已有{}更新的审查申请。", request.community) }
        }
        Some(old) => RequestVerdict::Updated(case(old.decisions.clone())),
    }
}

/// The office's review desk for one election: a key derived from the office device's seed,
/// so each community gets a chain of its own (see the module comment).
pub fn desk_key(office: &DeviceKey, election_id: &str) -> DeviceKey {
    let mut h = Sha256::new();
    h.update(b"huanjie-review-desk\n");
    h.update(office.seed());
    h.update(election_id.as_bytes());
    DeviceKey::from_seed(h.finalize().into())
}

/// Record one department's decision in the case; returns the new event. A disqualification
/// needs a reason; the nominee must be on the request.
pub fn decide(
    case: &mut ReviewCase,
    desk: &DeviceKey,
    decision: ReviewDecided,
    wall_ms: u64,
) -> Result<Event, Problem> {
    let p = |zh: &str, en: &str| Problem { zh: zh.into(), en: en.into() };
    if !case.request.nominees.iter().any(|n| n.voter == decision.nominee) {
        return Err(p("此人不在审查申请的名单中", "Not on the request"));
    }
    if decision.department.trim().is_empty() {
        return Err(p("请填写审查部门", "Department missing"));
    }
    if decision.decision == ReviewDecision::Disqualify && decision.reason.trim().is_empty() {
        return Err(p("取消资格必须写明理由", "A disqualification needs a reason"));
    }
    let device = desk.code();
    let body = EventBody::ReviewDecided(decision);
    let last = case.decisions.last();
    let (seq, prev) = last.map_or((1, String::new()), |e| (e.seq + 1, e.id.clone()));
    let seen = last.map_or(Hlc::default(), |e| e.time).observe(case.requested_at);
    let time = seen.tick(wall_ms);
    let id = event_id(&device, seq, time, &prev, &body);
    let event = Event { id, device, seq, time, prev, body };
    case.decisions.push(event.clone());
    Ok(event)
}

/// The review bundle for the committee: the desk's whole chain, signed by the desk.
pub fn export_review(
    case: &ReviewCase,
    desk: &DeviceKey,
    office_name: &str,
    app_build: &str,
    wall_ms: u64,
) -> Result<Bundle, ExportError> {
    if case.decisions.is_empty() {
        return Err(ExportError::NothingToSend);
    }
    let me = desk.record(Role::Office, office_name);
    let last = case.decisions.iter().map(|e| e.time).max().unwrap_or_default();
    let draft = Draft {
        kind: Kind::Review,
        election: case.election.clone(),
        app_build: app_build.to_string(),
        created: last.max(Hlc { ms: wall_ms, n: 0 }),
        events: case.decisions.clone(),
        content: None,
        roster: None,
        forwarded_heads: Vec::new(),
    };
    Bundle::build(draft, desk, me).map_err(ExportError::Bundle)
}
