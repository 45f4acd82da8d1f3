//! The election state: a deterministic fold of events.
//!
//! `ElectionState::fold` takes events already in the log's order (time, device, seq; the caller
//! sorts); `apply` adds one more event in O(1)-ish, so the app never refolds for a local change.
//! An event that sorts before the last applied one (an imported file with older events) needs a
//! refold: `is_in_order` tells.
//!
//! Conflicts the fold cannot settle become `Anomaly`s a person resolves with an
//! `anomaly_resolved` event; nothing is overwritten or dropped silently. Events the fold cannot
//! use at all (a correction of an unknown voter…) are listed in `ignored`.
//!
//! The `check_*` functions are what a screen calls BEFORE appending an event: pure, with a plain
//! Chinese message when the action must not happen.

use crate::base::hlc::Hlc;
use crate::base::idnum::{self, IdNumber};
use crate::record::events::*;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

// ----- What the state holds ---------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct Voter {
    pub id: VoterId,
    pub name: String,
    pub id_number: String,
    pub sex: Sex,
    pub birth: NaiveDate,
    pub phone: String,
    pub household: Option<HouseholdId>,
    pub category: RegistrationCategory,
    /// Device that registered the voter, and the registering event.
    pub registered_by: String,
    pub registered_event: EventId,
    /// The last event that set this voter's details (the base for the next correction).
    pub version: EventId,
    pub removed: Option<RemovalReason>,
    pub household_rep: bool,
    pub resident_rep_of: Option<GroupId>,
    /// Detail versions in applied order: (event id, the changes; None for the registration).
    history: Vec<(EventId, Option<VoterChanges>)>,
}

impl Voter {
    pub fn is_active(&self) -> bool {
        self.removed.is_none()
    }

    /// 18 full years on the election day.
    pub fn eligible_on(&self, election_day: NaiveDate) -> bool {
        idnum::eligible_on(self.birth, election_day)
    }

    /// ID number for public notices.
    pub fn masked_id(&self) -> String {
        mask(&self.id_number)
    }

    /// Correction event ids applied to this voter, oldest first.
    pub fn corrections(&self) -> impl Iterator<Item = &EventId> {
        self.history.iter().skip(1).map(|(id, _)| id)
    }

    fn apply_changes(&mut self, c: &VoterChanges) {
        if let Some(v) = &c.name {
            self.name = v.clone();
        }
        if let Some(v) = &c.id_number {
            self.id_number = idnum::normalise(v);
            if let Ok(id) = IdNumber::parse_undated(&self.id_number) {
                self.sex = id.sex();
                self.birth = id.birth();
            }
        }
        if let Some(v) = &c.phone {
            self.phone = v.clone();
        }
        if let Some(v) = &c.household {
            self.household = Some(v.clone());
        }
        if let Some(v) = &c.category {
            self.category = v.clone();
        }
    }

    fn haystack(&self) -> String {
        format!("{}\u{1}{}\u{1}{}", self.name, self.id_number, self.phone).to_lowercase()
    }
}

fn mask(id_number: &str) -> String {
    match IdNumber::parse_undated(id_number) {
        Ok(id) => id.masked(),
        Err(_) => "******************".into(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Household {
    pub id: HouseholdId,
    pub grid: GridId,
    pub group: Option<GroupId>,
    pub address: String,
    pub registered_by: String,
    /// Voters whose household this is (removed voters included).
    pub members: Vec<VoterId>,
    /// 户代表
    pub rep: Option<VoterId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NominationRecord {
    pub event: EventId,
    pub device: String,
    pub nomination: Nomination,
}

impl NominationRecord {
    /// The voters who nominated (empty for the Party organisation and self-nomination).
    pub fn nominators(&self) -> Vec<&VoterId> {
        match &self.nomination.by {
            NominatedBy::JointVoters { nominators } => nominators.iter().collect(),
            NominatedBy::Voter { nominator } => vec![nominator],
            NominatedBy::PartyOrg | NominatedBy::SelfNominated => vec![],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateStatus {
    /// Waiting for screening or review.
    Nominated,
    /// Every review decision so far is a pass.
    Passed,
    /// The committee's own screening found a disqualification.
    DisqualifiedByScreening,
    /// A review department disqualified (the first such decision's level).
    DisqualifiedByReview(ReviewLevel),
    /// Withdrawn from every post nominated for.
    Withdrawn,
}

impl CandidateStatus {
    /// The label every list of nominees shows.
    pub fn zh(self) -> &'static str {
        match self {
            CandidateStatus::Nominated => "待审查",
            CandidateStatus::Passed => "审查通过",
            CandidateStatus::DisqualifiedByScreening => "选委会审查不符合条件",
            CandidateStatus::DisqualifiedByReview(ReviewLevel::Street) => "街道审查取消资格",
            CandidateStatus::DisqualifiedByReview(ReviewLevel::District) => "区级审查取消资格",
            CandidateStatus::Withdrawn => "已退出",
        }
    }
}

/// A nominee: one person, the posts nominated for, and what happened since.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub voter: VoterId,
    /// Posts nominated for (more than one is an anomaly: one post per person).
    pub posts: BTreeSet<Post>,
    pub withdrawn: BTreeSet<Post>,
    /// Indexes into `ElectionState::nominations`.
    pub nominations: Vec<usize>,
    pub profile: CandidateProfile,
    pub commitments: Option<CommitmentsRecorded>,
    pub screening: Option<DisqualificationScreened>,
    pub reviews: Vec<ReviewDecided>,
}

impl Candidate {
    pub fn status(&self) -> CandidateStatus {
        if !self.posts.is_empty() && self.posts.iter().all(|p| self.withdrawn.contains(p)) {
            return CandidateStatus::Withdrawn;
        }
        if self.screening.as_ref().is_some_and(|s| !s.reasons.is_empty()) {
            return CandidateStatus::DisqualifiedByScreening;
        }
        if let Some(r) = self.reviews.iter().find(|r| r.decision == ReviewDecision::Disqualify) {
            return CandidateStatus::DisqualifiedByReview(r.level);
        }
        if self.reviews.is_empty() {
            CandidateStatus::Nominated
        } else {
            CandidateStatus::Passed
        }
    }

    /// Posts still contested (nominated, not withdrawn).
    pub fn active_posts(&self) -> impl Iterator<Item = Post> + '_ {
        self.posts.iter().copied().filter(|p| !self.withdrawn.contains(p))
    }

    /// Signed all three commitments (三项承诺).
    pub fn has_commitments(&self) -> bool {
        self.commitments.as_ref().is_some_and(|c| {
            [Commitment::Candidacy, Commitment::Performance, Commitment::Resignation]
                .iter()
                .all(|x| c.commitments.contains(x))
        })
    }
}

/// Counts the reports print (passed / disqualified by the street / by the district).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewCounts {
    pub pending: usize,
    pub passed: usize,
    pub disqualified_screening: usize,
    pub disqualified_street: usize,
    pub disqualified_district: usize,
    pub withdrawn: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Objection {
    pub filed: ObjectionFiled,
    pub decision: Option<ObjectionDecided>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Complaint {
    pub logged: ComplaintLogged,
    pub answer: Option<ComplaintAnswered>,
}

/// Where a case of the complaints ledger (信访台账) stands: 件件有回音.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintStatus {
    Open { days_left: i64 },
    Overdue { days_over: i64 },
    Answered,
    AnsweredLate,
}

impl ComplaintStatus {
    pub fn zh(self) -> String {
        match self {
            ComplaintStatus::Open { days_left: 0 } => "今天到期".into(),
            ComplaintStatus::Open { days_left } => format!("办理中，还剩{days_left}天"),
            ComplaintStatus::Overdue { days_over } => format!("已超期{days_over}天"),
            ComplaintStatus::Answered => "已答复".into(),
            ComplaintStatus::AnsweredLate => "已答复（超期）".into(),
        }
    }
}

impl Complaint {
    pub fn status(&self, today: NaiveDate) -> ComplaintStatus {
        let due = self.logged.due_on;
        match &self.answer {
            Some(a) if a.answered_on > due => ComplaintStatus::AnsweredLate,
            Some(_) => ComplaintStatus::Answered,
            None if today > due => ComplaintStatus::Overdue { days_over: (today - due).num_days() },
            None => ComplaintStatus::Open { days_left: (due - today).num_days() },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckInRecord {
    pub event: EventId,
    pub device: String,
    pub at: BoxId,
    pub proxy: Option<VoterId>,
    /// Set aside by an anomaly resolution (recorded in error).
    pub set_aside: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BallotRecord {
    pub event: EventId,
    pub device: String,
    pub ballot: BallotEntered,
    /// Reason given when the entry was undone.
    pub undone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub opened: RoundOpened,
    pub ballots: Vec<BallotRecord>,
    ballot_index: HashMap<String, usize>,
    /// Latest totals per box (None = the whole round).
    pub totals: BTreeMap<Option<BoxId>, TotalsEntered>,
    pub box_counts: BTreeMap<BoxId, BoxCounted>,
    pub result: Option<ResultSigned>,
    /// Device that recorded `result` (its sheet is the one signed).
    pub signed_by: Option<String>,
    /// Signers' own devices signing again, in log order: (device, co-signature). Any hash is
    /// kept; only one matching `result` counts (`count::co_signed`).
    pub co_signatures: Vec<(String, ResultCoSigned)>,
}

impl Round {
    /// Ballots entered and not undone, in entry order.
    pub fn live_ballots(&self) -> impl Iterator<Item = &BallotEntered> {
        self.ballots.iter().filter(|b| b.undone.is_none()).map(|b| &b.ballot)
    }
}

// ----- Anomalies --------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub enum AnomalyKind {
    /// One ID number registered more than once with identical details: pick one record.
    DuplicateRegistration { id_number: String, voters: Vec<VoterId> },
    /// One ID number registered more than once with different details (`fields` differ).
    ConflictingRegistration { id_number: String, voters: Vec<VoterId>, fields: Vec<&'static str> },
    /// Corrections of one voter made without seeing each other, setting `fields` differently.
    ConflictingCorrections { voter: VoterId, corrections: Vec<EventId>, fields: Vec<&'static str> },
    /// A voter checked in more than once in a round (check-in event ids).
    DoubleCheckIn { round: RoundId, voter: VoterId, check_ins: Vec<EventId> },
    /// A person nominated for more than one post (one post per person).
    NominatedForTwoPosts { voter: VoterId, posts: Vec<Post> },
}

impl AnomalyKind {
    /// Stable name for filters and reports.
    pub fn code(&self) -> &'static str {
        match self {
            AnomalyKind::DuplicateRegistration { .. } => "duplicate_registration",
            AnomalyKind::ConflictingRegistration { .. } => "conflicting_registration",
            AnomalyKind::ConflictingCorrections { .. } => "conflicting_corrections",
            AnomalyKind::DoubleCheckIn { .. } => "double_check_in",
            AnomalyKind::NominatedForTwoPosts { .. } => "nominated_for_two_posts",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnomalyResolution {
    pub event: EventId,
    pub resolution: Resolution,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Anomaly {
    /// The id of the event that raised it (stable on every device: the fold is deterministic).
    pub id: String,
    pub kind: AnomalyKind,
    pub resolved: Option<AnomalyResolution>,
}

impl Anomaly {
    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }
}

fn field_zh(f: &str) -> &'static str {
    match f {
        "name" => "姓名",
        "id_number" => "身份证号",
        "phone" => "电话",
        "household" => "住户",
        "category" => "登记类别",
        _ => "其他",
    }
}

/// An event the fold could not use, and why (for a diagnostics screen).
#[derive(Debug, Clone, PartialEq)]
pub struct Ignored {
    pub event: EventId,
    pub kind: &'static str,
    pub why: String,
}

// ----- Search -----------------------------------------------------------------------------------

/// Substring search over voters: one lowercase text with a segment per voter, scanned with
/// `str::find`. A voter whose details change gets a new segment; the old one is blanked with
/// NUL bytes (never in a query), so updates stay O(1) and nothing is rebuilt.
#[derive(Debug, Clone, Default, PartialEq)]
struct SearchIndex {
    text: String,
    /// Segment start offsets (ascending) and the voter index each belongs to.
    starts: Vec<usize>,
    owners: Vec<usize>,
    /// Current segment of each voter.
    current: Vec<usize>,
}

impl SearchIndex {
    fn set(&mut self, voter: usize, hay: &str) {
        if let Some(&seg) = self.current.get(voter) {
            let (a, b) = (self.starts[seg], self.segment_end(seg));
            self.text.replace_range(a..b, &"\0".repeat(b - a));
        }
        let seg = self.starts.len();
        self.starts.push(self.text.len());
        self.owners.push(voter);
        let clean: String = hay.chars().filter(|c| *c != '\n' && *c != '\0').collect();
        self.text.push_str(&clean);
        self.text.push('\n');
        if voter == self.current.len() {
            self.current.push(seg);
        } else {
            self.current[voter] = seg;
        }
    }

    /// End of a segment's text (before its newline).
    fn segment_end(&self, seg: usize) -> usize {
        self.starts.get(seg + 1).map_or(self.text.len(), |&s| s) - 1
    }

    fn find(&self, query: &str, limit: usize) -> Vec<usize> {
        let q: String = query.to_lowercase().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
        let mut out = Vec::new();
        if q.is_empty() {
            return out;
        }
        let mut pos = 0;
        while out.len() < limit {
            let Some(off) = self.text[pos..].find(&q) else {
                break;
            };
            let seg = self.starts.partition_point(|&s| s <= pos + off) - 1;
            out.push(self.owners[seg]);
            pos = self.segment_end(seg) + 1;
        }
        out
    }
}

// ----- The state --------------------------------------------------------------------------------

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ElectionState {
    pub definition: Option<ElectionDefined>,
    pub preparation: Option<PreparationRecorded>,
    pub committee: Option<ElectionCommitteeFormed>,
    pub grids: BTreeMap<GridId, GridDefined>,
    pub groups: BTreeMap<GroupId, ResidentsGroupDefined>,
    pub devices: BTreeMap<String, DeviceEnrolled>,
    pub households: HashMap<HouseholdId, Household>,
    voters: Vec<Voter>,
    voter_index: HashMap<VoterId, usize>,
    /// Normalised ID number → active voters holding it.
    by_id_number: HashMap<String, Vec<usize>>,
    search: SearchIndex,
    pub voter_lists: Vec<VoterListPublished>,
    pub objections: BTreeMap<String, Objection>,
    pub nominations: Vec<NominationRecord>,
    pub candidates: BTreeMap<VoterId, Candidate>,
    pub review_requests: Vec<ReviewRequested>,
    pub final_list: Option<FinalListPublished>,
    pub notices: Vec<NoticePublished>,
    /// Principal → proxy assignment (the latest one).
    pub proxies: BTreeMap<VoterId, ProxyAssigned>,
    pub stations: BTreeMap<BoxId, StationDefined>,
    pub mobile_boxes: BTreeMap<BoxId, MobileBoxDefined>,
    pub staff: Vec<StaffAssigned>,
    pub rounds: BTreeMap<RoundId, Round>,
    /// Round → voter → check-ins.
    pub check_ins: HashMap<RoundId, HashMap<VoterId, Vec<CheckInRecord>>>,
    pub complaints: BTreeMap<String, Complaint>,
    pub notes: Vec<String>,
    anomalies: Vec<Anomaly>,
    anomaly_index: HashMap<String, usize>,
    /// Open anomaly per subject (ID number, voter, round+voter) so repeats join it.
    open_by_subject: HashMap<String, usize>,
    pub ignored: Vec<Ignored>,
    /// Log position of the last applied event.
    last: Option<(Hlc, String, u64)>,
    pub events_applied: usize,
}

impl ElectionState {
    /// The state after `events`, which must be in log order (time, device, seq).
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> ElectionState {
        let mut s = ElectionState::default();
        for e in events {
            s.apply(e);
        }
        s
    }

    /// Whether `e` sorts after everything applied so far (else refold to place it correctly).
    pub fn is_in_order(&self, e: &Event) -> bool {
        self.last.as_ref().is_none_or(|(t, d, s)| (e.time, e.device.as_str(), e.seq) > (*t, d.as_str(), *s))
    }

    pub fn election_day(&self) -> Option<NaiveDate> {
        self.definition.as_ref().map(|d| d.election_day)
    }

    // --- voters ---

    /// All voters ever registered, removed ones included, in registration order.
    pub fn voters(&self) -> &[Voter] {
        &self.voters
    }

    pub fn active_voters(&self) -> impl Iterator<Item = &Voter> {
        self.voters.iter().filter(|v| v.is_active())
    }

    pub fn voter(&self, id: &str) -> Option<&Voter> {
        self.voter_index.get(id).map(|&i| &self.voters[i])
    }

    /// Active voters holding this ID number (more than one only while an anomaly is open).
    /// A voter's name for screens and notices; the id itself when nobody has it (an unmatched
    /// write-in).
    pub fn name_of(&self, id: &str) -> String {
        self.voter(id).map_or(id.to_string(), |v| v.name.clone())
    }

    pub fn voters_with_id_number(&self, id_number: &str) -> Vec<&Voter> {
        let key = idnum::normalise(id_number);
        self.by_id_number.get(&key).map(|v| v.iter().map(|&i| &self.voters[i]).collect()).unwrap_or_default()
    }

    /// Active voters not 18 on the election day (should be removed before the list is published).
    pub fn underage_voters(&self) -> Vec<&Voter> {
        let Some(day) = self.election_day() else {
            return vec![];
        };
        self.active_voters().filter(|v| !v.eligible_on(day)).collect()
    }

    /// Grid of a voter, through the household.
    pub fn grid_of(&self, voter: &Voter) -> Option<&GridId> {
        voter.household.as_ref().and_then(|h| self.households.get(h)).map(|h| &h.grid)
    }

    /// Voters whose name, ID number or phone contains `query` (case-insensitive), at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Voter> {
        self.search.find(query, limit).into_iter().map(|i| &self.voters[i]).collect()
    }

    // --- candidates ---

    /// Candidates still standing for each post (not withdrawn, not disqualified), in nomination order.
    pub fn candidates_by_post(&self) -> BTreeMap<Post, Vec<VoterId>> {
        let mut out: BTreeMap<Post, Vec<(usize, VoterId)>> = BTreeMap::new();
        for c in self.candidates.values() {
            if matches!(c.status(), CandidateStatus::Nominated | CandidateStatus::Passed) {
                for p in c.active_posts() {
                    let first = c.nominations.first().copied().unwrap_or(0);
                    out.entry(p).or_default().push((first, c.voter.clone()));
                }
            }
        }
        out.into_iter()
            .map(|(p, mut v)| {
                v.sort();
                (p, v.into_iter().map(|(_, id)| id).collect())
            })
            .collect()
    }

    pub fn review_counts(&self) -> ReviewCounts {
        let mut n = ReviewCounts::default();
        for c in self.candidates.values() {
            match c.status() {
                CandidateStatus::Nominated => n.pending += 1,
                CandidateStatus::Passed => n.passed += 1,
                CandidateStatus::DisqualifiedByScreening => n.disqualified_screening += 1,
                CandidateStatus::DisqualifiedByReview(ReviewLevel::Street) => n.disqualified_street += 1,
                CandidateStatus::DisqualifiedByReview(ReviewLevel::District) => n.disqualified_district += 1,
                CandidateStatus::Withdrawn => n.withdrawn += 1,
            }
        }
        n
    }

    /// Election committee members who are nominated: they must withdraw from the committee
    /// (居民委员会组织法 2025 art 15; near relatives cannot be seen here and need a person's check).
    pub fn committee_members_nominated(&self) -> Vec<&CommitteeMember> {
        let Some(c) = &self.committee else {
            return vec![];
        };
        c.members
            .iter()
            .filter(|m| {
                m.voter
                    .as_ref()
                    .and_then(|v| self.candidates.get(v))
                    .is_some_and(|c| c.status() != CandidateStatus::Withdrawn)
            })
            .collect()
    }

    /// How many principals a voter holds proxies for.
    pub fn proxies_held(&self, proxy: &str) -> usize {
        self.proxies.values().filter(|p| p.proxy == proxy).count()
    }

    /// Check-ins of a voter in a round that stand (not set aside).
    pub fn check_ins_of(&self, round: &str, voter: &str) -> Vec<&CheckInRecord> {
        self.check_ins
            .get(round)
            .and_then(|m| m.get(voter))
            .map(|v| v.iter().filter(|c| !c.set_aside).collect())
            .unwrap_or_default()
    }

    /// Voters checked in for a round (turnout: 参加投票的人数).
    pub fn checked_in_count(&self, round: &str) -> usize {
        self.check_ins.get(round).map_or(0, |m| m.values().filter(|v| v.iter().any(|c| !c.set_aside)).count())
    }

    // --- anomalies ---

    pub fn anomalies(&self) -> &[Anomaly] {
        &self.anomalies
    }

    pub fn open_anomalies(&self) -> impl Iterator<Item = &Anomaly> {
        self.anomalies.iter().filter(|a| a.is_open())
    }

    pub fn anomaly(&self, id: &str) -> Option<&Anomaly> {
        self.anomaly_index.get(id).map(|&i| &self.anomalies[i])
    }

    /// One plain Chinese sentence describing an anomaly, for the list a person works through.
    pub fn describe_anomaly(&self, a: &Anomaly) -> String {
        let who = |id: &VoterId| -> String {
            match self.voter(id) {
                Some(v) => {
                    let grid = self
                        .grid_of(v)
                        .and_then(|g| self.grids.get(g))
                        .map_or(String::new(), |g| format!("，{}", g.name));
                    format!("{}（{}登记{}）", v.name, v.registered_by, grid)
                }
                None => id.clone(),
            }
        };
        let list = |ids: &[VoterId]| ids.iter().map(who).collect::<Vec<_>>().join("、");
        let fields = |f: &[&str]| f.iter().map(|f| field_zh(f)).collect::<Vec<_>>().join("、");
        match &a.kind {
            AnomalyKind::DuplicateRegistration { id_number, voters } => format!(
                "身份证号{}重复登记了{}次，信息相同：{}。请保留其中一条。",
                mask(id_number),
                voters.len(),
                list(voters)
            ),
            AnomalyKind::ConflictingRegistration { id_number, voters, fields: f } => format!(
                "身份证号{}登记了{}次，{}不一致：{}。请核实后保留正确的一条。",
                mask(id_number),
                voters.len(),
                fields(f),
                list(voters)
            ),
            AnomalyKind::ConflictingCorrections { voter, corrections, fields: f } => format!(
                "{}的信息被{}次更正且互不知情，{}不一致。请选定正确的更正。",
                who(voter),
                corrections.len(),
                fields(f)
            ),
            AnomalyKind::DoubleCheckIn { voter, check_ins, .. } => {
                format!("{}领票登记了{}次，请核实是否多发了选票。", who(voter), check_ins.len())
            }
            AnomalyKind::NominatedForTwoPosts { voter, posts } => format!(
                "{}被提名为{}，一人只能被提名一个职务，请本人书面选定一个。",
                who(voter),
                posts.iter().map(|p| p.zh()).collect::<Vec<_>>().join("和")
            ),
        }
    }

    // ----- Queries the checks share ----------------------------------------------------------

    /// Everyone standing: the published final list (else the nominees still standing) and every
    /// round's candidates.
    pub fn standing_candidates(&self) -> BTreeSet<VoterId> {
        let mut out: BTreeSet<VoterId> = match &self.final_list {
            Some(l) => l.posts.iter().flat_map(|p| p.candidates.iter().cloned()).collect(),
            None => self.candidates_by_post().into_values().flatten().collect(),
        };
        out.extend(self.rounds.values().flat_map(|r| r.opened.posts.iter().flat_map(|p| p.candidates.iter().cloned())));
        out
    }

    // ----- The fold -----------------------------------------------------------------------------

    /// Apply one event (after everything applied so far in log order).
    pub fn apply(&mut self, e: &Event) {
        self.last = Some((e.time, e.device.clone(), e.seq));
        self.events_applied += 1;
        match &e.body {
            EventBody::Note { text } => self.notes.push(text.clone()),
            EventBody::ElectionDefined(p) => self.definition = Some(p.clone()),
            EventBody::PreparationRecorded(p) => self.preparation = Some(p.clone()),
            EventBody::ElectionCommitteeFormed(p) => self.committee = Some(p.clone()),
            EventBody::GridDefined(p) => {
                self.grids.insert(p.grid.clone(), p.clone());
            }
            EventBody::ResidentsGroupDefined(p) => {
                self.groups.insert(p.group.clone(), p.clone());
            }
            EventBody::DeviceEnrolled(p) => {
                self.devices.insert(p.device.clone(), p.clone());
            }
            EventBody::HouseholdRegistered(p) => self.household_registered(e, p),
            EventBody::VoterRegistered(p) => self.voter_registered(e, p),
            EventBody::VoterCorrected(p) => self.voter_corrected(e, p),
            EventBody::VoterRemoved(p) => match self.voter_index.get(&p.voter).copied() {
                Some(i) => self.remove_voter(i, p.reason.clone()),
                None => self.ignore(e, "unknown voter"),
            },
            EventBody::AnomalyResolved(p) => self.anomaly_resolved(e, p),
            EventBody::HouseholdRepDesignated(p) => self.household_rep(e, p),
            EventBody::ResidentRepDesignated(p) => match self.voter_index.get(&p.voter) {
                Some(&i) => self.voters[i].resident_rep_of = Some(p.group.clone()),
                None => self.ignore(e, "unknown voter"),
            },
            EventBody::VoterListPublished(p) => self.voter_lists.push(p.clone()),
            EventBody::ObjectionFiled(p) => {
                self.objections.insert(p.objection.clone(), Objection { filed: p.clone(), decision: None });
            }
            EventBody::ObjectionDecided(p) => match self.objections.get_mut(&p.objection) {
                Some(o) => o.decision = Some(p.clone()),
                None => self.ignore(e, "unknown objection"),
            },
            EventBody::Nomination(p) => self.nominated(e, p),
            EventBody::CommitmentsRecorded(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => c.commitments = Some(p.clone()),
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::DisqualificationScreened(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => c.screening = Some(p.clone()),
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::ReviewRequested(p) => self.review_requests.push(p.clone()),
            EventBody::ReviewDecided(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => c.reviews.push(p.clone()),
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::CandidateWithdrawn(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => {
                    c.withdrawn.insert(p.post);
                }
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::FinalListPublished(p) => self.final_list = Some(p.clone()),
            EventBody::NoticePublished(p) => self.notices.push(p.clone()),
            EventBody::ProxyAssigned(p) => {
                self.proxies.insert(p.principal.clone(), p.clone());
            }
            EventBody::StationDefined(p) => {
                self.stations.insert(p.station.clone(), p.clone());
            }
            EventBody::MobileBoxDefined(p) => {
                self.mobile_boxes.insert(p.mobile_box.clone(), p.clone());
            }
            EventBody::StaffAssigned(p) => self.staff.push(p.clone()),
            EventBody::RoundOpened(p) => match self.rounds.get_mut(&p.round) {
                // Re-opening with the same id amends the posts; ballots stay.
                Some(r) => r.opened = p.clone(),
                None => {
                    self.rounds.insert(
                        p.round.clone(),
                        Round {
                            opened: p.clone(),
                            ballots: vec![],
                            ballot_index: HashMap::new(),
                            totals: BTreeMap::new(),
                            box_counts: BTreeMap::new(),
                            result: None,
                            signed_by: None,
                            co_signatures: Vec::new(),
                        },
                    );
                }
            },
            EventBody::CheckedIn(p) => self.checked_in(e, p),
            EventBody::BallotEntered(p) => match self.rounds.get_mut(&p.round) {
                Some(r) if !r.ballot_index.contains_key(&p.ballot) => {
                    r.ballot_index.insert(p.ballot.clone(), r.ballots.len());
                    r.ballots.push(BallotRecord {
                        event: e.id.clone(),
                        device: e.device.clone(),
                        ballot: p.clone(),
                        undone: None,
                    });
                }
                Some(_) => self.ignore(e, "ballot id already entered"),
                None => self.ignore(e, "unknown round"),
            },
            EventBody::BallotUndone(p) => {
                let r = self.rounds.get_mut(&p.round);
                match r.and_then(|r| r.ballot_index.get(&p.ballot).map(|&i| &mut r.ballots[i])) {
                    Some(b) => b.undone = Some(p.reason.clone()),
                    None => self.ignore(e, "unknown ballot"),
                }
            }
            EventBody::TotalsEntered(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => {
                    r.totals.insert(p.from_box.clone(), p.clone());
                }
                None => self.ignore(e, "unknown round"),
            },
            EventBody::BoxCounted(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => {
                    r.box_counts.insert(p.at.clone(), p.clone());
                }
                None => self.ignore(e, "unknown round"),
            },
            EventBody::ResultSigned(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => {
                    r.result = Some(p.clone());
                    r.signed_by = Some(e.device.clone());
                }
                None => self.ignore(e, "unknown round"),
            },
            EventBody::ResultCoSigned(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => r.co_signatures.push((e.device.clone(), p.clone())),
                None => self.ignore(e, "unknown round"),
            },
            EventBody::ComplaintLogged(p) => {
                self.complaints.insert(p.complaint.clone(), Complaint { logged: p.clone(), answer: None });
            }
            EventBody::ComplaintAnswered(p) => match self.complaints.get_mut(&p.complaint) {
                Some(c) => c.answer = Some(p.clone()),
                None => self.ignore(e, "unknown complaint"),
            },
        }
    }

    fn ignore(&mut self, e: &Event, why: &str) {
        self.ignored.push(Ignored { event: e.id.clone(), kind: e.body.kind(), why: why.into() });
    }

    fn household_registered(&mut self, e: &Event, p: &HouseholdRegistered) {
        if self.households.contains_key(&p.household) {
            return self.ignore(e, "household id already used");
        }
        self.households.insert(
            p.household.clone(),
            Household {
                id: p.household.clone(),
                grid: p.grid.clone(),
                group: p.group.clone(),
                address: p.address.clone(),
                registered_by: e.device.clone(),
                members: vec![],
                rep: None,
            },
        );
    }

    fn household_rep(&mut self, e: &Event, p: &HouseholdRepDesignated) {
        let (Some(&i), Some(h)) = (self.voter_index.get(&p.voter), self.households.get_mut(&p.household)) else {
            return self.ignore(e, "unknown voter or household");
        };
        if let Some(old) = h.rep.replace(p.voter.clone()) {
            if let Some(&j) = self.voter_index.get(&old) {
                self.voters[j].household_rep = false;
            }
        }
        self.voters[i].household_rep = true;
    }

    fn voter_registered(&mut self, e: &Event, p: &VoterRegistered) {
        if self.voter_index.contains_key(&p.voter) {
            return self.ignore(e, "voter id already used");
        }
        let i = self.voters.len();
        self.voters.push(Voter {
            id: p.voter.clone(),
            name: p.name.clone(),
            id_number: idnum::normalise(&p.id_number),
            sex: p.sex,
            birth: p.birth,
            phone: p.phone.clone(),
            household: p.household.clone(),
            category: p.category.clone(),
            registered_by: e.device.clone(),
            registered_event: e.id.clone(),
            version: e.id.clone(),
            removed: None,
            household_rep: false,
            resident_rep_of: None,
            history: vec![(e.id.clone(), None)],
        });
        self.voter_index.insert(p.voter.clone(), i);
        if let Some(h) = p.household.as_ref().and_then(|h| self.households.get_mut(h)) {
            h.members.push(p.voter.clone());
        }
        let hay = self.voters[i].haystack();
        self.search.set(i, &hay);
        self.link_id_number(i, &e.id);
    }

    /// Index voter `i` under its ID number; a second active holder raises (or joins) an anomaly.
    fn link_id_number(&mut self, i: usize, raised_by: &str) {
        let key = self.voters[i].id_number.clone();
        let holders = self.by_id_number.entry(key.clone()).or_default();
        holders.push(i);
        if holders.len() < 2 {
            return;
        }
        let holders = holders.clone();
        let ids: Vec<VoterId> = holders.iter().map(|&j| self.voters[j].id.clone()).collect();
        let fields = self.differing_fields(&holders);
        let kind = if fields.is_empty() {
            AnomalyKind::DuplicateRegistration { id_number: key.clone(), voters: ids }
        } else {
            AnomalyKind::ConflictingRegistration { id_number: key.clone(), voters: ids, fields }
        };
        self.raise(format!("id:{key}"), raised_by, kind);
    }

    /// Detail fields that differ among these voters (households compared by address,
    /// since each grid worker registers the household under an id of their own).
    fn differing_fields(&self, idx: &[usize]) -> Vec<&'static str> {
        let first = &self.voters[idx[0]];
        let addr =
            |v: &Voter| v.household.as_ref().and_then(|h| self.households.get(h)).map(|h| h.address.trim().to_string());
        let mut out = vec![];
        let rest = || idx[1..].iter().map(|&j| &self.voters[j]);
        if rest().any(|v| v.name.trim() != first.name.trim()) {
            out.push("name");
        }
        if rest().any(|v| v.phone.trim() != first.phone.trim()) {
            out.push("phone");
        }
        if rest().any(|v| addr(v) != addr(first)) {
            out.push("household");
        }
        if rest().any(|v| v.category != first.category) {
            out.push("category");
        }
        out
    }

    /// Open a new anomaly for `subject`, or update the open one (a third record joins it).
    fn raise(&mut self, subject: String, raised_by: &str, kind: AnomalyKind) {
        match self.open_by_subject.get(&subject) {
            Some(&a) => self.anomalies[a].kind = kind,
            None => {
                let a = self.anomalies.len();
                self.anomalies.push(Anomaly { id: raised_by.to_string(), kind, resolved: None });
                self.anomaly_index.insert(raised_by.to_string(), a);
                self.open_by_subject.insert(subject, a);
            }
        }
    }

    fn remove_voter(&mut self, i: usize, reason: RemovalReason) {
        if self.voters[i].removed.is_some() {
            return;
        }
        self.voters[i].removed = Some(reason);
        self.unlink_id_number(i);
    }

    fn unlink_id_number(&mut self, i: usize) {
        let key = self.voters[i].id_number.clone();
        if let Some(h) = self.by_id_number.get_mut(&key) {
            h.retain(|&j| j != i);
            if h.is_empty() {
                self.by_id_number.remove(&key);
            }
        }
    }

    fn voter_corrected(&mut self, e: &Event, p: &VoterCorrected) {
        let Some(&i) = self.voter_index.get(&p.voter) else {
            return self.ignore(e, "unknown voter");
        };
        // Corrections applied after the author's base were not seen by the author.
        let v = &self.voters[i];
        let base = v.history.iter().position(|(id, _)| *id == p.based_on).unwrap_or(0);
        let mut concurrent = vec![];
        let mut fields = BTreeSet::new();
        for (id, c) in &v.history[base + 1..] {
            if let Some(c) = c {
                let f = conflicting_fields(c, &p.changes);
                if !f.is_empty() {
                    concurrent.push(id.clone());
                    fields.extend(f);
                }
            }
        }
        let id_changes = p.changes.id_number.as_ref().map(|n| idnum::normalise(n));
        let id_changes = id_changes.filter(|n| *n != v.id_number);
        if id_changes.is_some() && v.is_active() {
            self.unlink_id_number(i);
        }
        let old_household = self.voters[i].household.clone();
        {
            let v = &mut self.voters[i];
            v.apply_changes(&p.changes);
            v.history.push((e.id.clone(), Some(p.changes.clone())));
            v.version = e.id.clone();
        }
        self.moved_household(i, old_household);
        let hay = self.voters[i].haystack();
        self.search.set(i, &hay);
        if id_changes.is_some() && self.voters[i].is_active() {
            self.link_id_number(i, &e.id);
        }
        if !concurrent.is_empty() {
            concurrent.push(e.id.clone());
            let subject = format!("corr:{}", p.voter);
            let kind = match self.open_by_subject.get(&subject).map(|&a| &self.anomalies[a].kind) {
                Some(AnomalyKind::ConflictingCorrections { corrections, fields: f, .. }) => {
                    let mut all = corrections.clone();
                    all.extend(concurrent.into_iter().filter(|c| !corrections.contains(c)));
                    fields.extend(f.iter().copied());
                    AnomalyKind::ConflictingCorrections {
                        voter: p.voter.clone(),
                        corrections: all,
                        fields: fields.into_iter().collect(),
                    }
                }
                _ => AnomalyKind::ConflictingCorrections {
                    voter: p.voter.clone(),
                    corrections: concurrent,
                    fields: fields.into_iter().collect(),
                },
            };
            self.raise(subject, &e.id, kind);
        }
    }

    fn moved_household(&mut self, i: usize, old: Option<HouseholdId>) {
        let new = self.voters[i].household.clone();
        if new == old {
            return;
        }
        let id = self.voters[i].id.clone();
        if let Some(h) = old.and_then(|h| self.households.get_mut(&h)) {
            h.members.retain(|m| *m != id);
        }
        if let Some(h) = new.and_then(|h| self.households.get_mut(&h)) {
            h.members.push(id);
        }
    }

    fn nominated(&mut self, e: &Event, p: &Nomination) {
        if !self.voter_index.contains_key(&p.nominee) {
            return self.ignore(e, "nominee is not a registered voter");
        }
        let n = self.nominations.len();
        self.nominations.push(NominationRecord {
            event: e.id.clone(),
            device: e.device.clone(),
            nomination: p.clone(),
        });
        let c = self.candidates.entry(p.nominee.clone()).or_insert_with(|| Candidate {
            voter: p.nominee.clone(),
            posts: BTreeSet::new(),
            withdrawn: BTreeSet::new(),
            nominations: vec![],
            profile: p.profile.clone(),
            commitments: None,
            screening: None,
            reviews: vec![],
        });
        c.nominations.push(n);
        c.posts.insert(p.post);
        c.withdrawn.remove(&p.post);
        c.profile = p.profile.clone();
        let posts: Vec<Post> = c.active_posts().collect();
        if posts.len() > 1 {
            let subject = format!("posts:{}", p.nominee);
            self.raise(subject, &e.id, AnomalyKind::NominatedForTwoPosts { voter: p.nominee.clone(), posts });
        }
    }

    fn checked_in(&mut self, e: &Event, p: &CheckedIn) {
        if !self.voter_index.contains_key(&p.voter) {
            return self.ignore(e, "unknown voter");
        }
        let list = self.check_ins.entry(p.round.clone()).or_default().entry(p.voter.clone()).or_default();
        list.push(CheckInRecord {
            event: e.id.clone(),
            device: e.device.clone(),
            at: p.at.clone(),
            proxy: p.proxy.clone(),
            set_aside: false,
        });
        let standing: Vec<EventId> = list.iter().filter(|c| !c.set_aside).map(|c| c.event.clone()).collect();
        if standing.len() > 1 {
            let kind =
                AnomalyKind::DoubleCheckIn { round: p.round.clone(), voter: p.voter.clone(), check_ins: standing };
            self.raise(format!("checkin:{}:{}", p.round, p.voter), &e.id, kind);
        }
    }

    fn anomaly_resolved(&mut self, e: &Event, p: &AnomalyResolved) {
        let Some(&a) = self.anomaly_index.get(&p.anomaly) else {
            return self.ignore(e, "unknown anomaly");
        };
        if self.anomalies[a].resolved.is_some() {
            return self.ignore(e, "anomaly already resolved");
        }
        if let Resolution::Keep { record } = &p.resolution {
            if let Err(why) = self.keep(a, record, &e.id) {
                return self.ignore(e, why);
            }
        }
        self.anomalies[a].resolved =
            Some(AnomalyResolution { event: e.id.clone(), resolution: p.resolution.clone(), note: p.note.clone() });
        self.open_by_subject.retain(|_, &mut x| x != a);
    }

    /// Carry out "keep this record" for anomaly `a`.
    fn keep(&mut self, a: usize, record: &str, by: &str) -> Result<(), &'static str> {
        match self.anomalies[a].kind.clone() {
            AnomalyKind::DuplicateRegistration { voters, .. } | AnomalyKind::ConflictingRegistration { voters, .. } => {
                if !voters.iter().any(|v| v == record) {
                    return Err("kept record is not one of the anomaly's voters");
                }
                for v in voters.iter().filter(|v| *v != record) {
                    if let Some(&i) = self.voter_index.get(v) {
                        self.remove_voter(i, RemovalReason::Duplicate);
                    }
                }
            }
            AnomalyKind::ConflictingCorrections { voter, corrections, .. } => {
                if !corrections.iter().any(|c| c == record) {
                    return Err("kept record is not one of the corrections");
                }
                let i = self.voter_index[&voter];
                let changes = self.voters[i]
                    .history
                    .iter()
                    .find(|(id, _)| id == record)
                    .and_then(|(_, c)| c.clone())
                    .unwrap_or_default();
                let old_id = self.voters[i].id_number.clone();
                let old_household = self.voters[i].household.clone();
                if self.voters[i].is_active() {
                    self.unlink_id_number(i);
                }
                let v = &mut self.voters[i];
                v.apply_changes(&changes);
                v.history.push((by.to_string(), Some(changes)));
                v.version = by.to_string();
                self.moved_household(i, old_household);
                let hay = self.voters[i].haystack();
                self.search.set(i, &hay);
                if self.voters[i].is_active() {
                    // Re-link; a new clash with another record is a new anomaly.
                    let same = self.voters[i].id_number == old_id;
                    let key = self.voters[i].id_number.clone();
                    if same {
                        self.by_id_number.entry(key).or_default().push(i);
                    } else {
                        self.link_id_number(i, by);
                    }
                }
            }
            AnomalyKind::DoubleCheckIn { round, voter, check_ins } => {
                if !check_ins.iter().any(|c| c == record) {
                    return Err("kept record is not one of the check-ins");
                }
                if let Some(list) = self.check_ins.get_mut(&round).and_then(|m| m.get_mut(&voter)) {
                    for c in list.iter_mut().filter(|c| c.event != record) {
                        c.set_aside = true;
                    }
                }
            }
            AnomalyKind::NominatedForTwoPosts { voter, posts } => {
                let Some(keep) = posts.iter().find(|p| post_code(**p) == record) else {
                    return Err("kept record is not one of the posts");
                };
                let keep = *keep;
                if let Some(c) = self.candidates.get_mut(&voter) {
                    for p in posts.iter().filter(|p| **p != keep) {
                        c.withdrawn.insert(*p);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The serialized name of a post (`Resolution::Keep` names the post to keep by it).
pub fn post_code(p: Post) -> &'static str {
    p.code()
}

/// Fields both corrections set, to different values.
fn conflicting_fields(a: &VoterChanges, b: &VoterChanges) -> Vec<&'static str> {
    fn differs<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
        matches!((x, y), (Some(x), Some(y)) if x != y)
    }
    let mut out = vec![];
    if differs(&a.name, &b.name) {
        out.push("name");
    }
    let norm = |c: &VoterChanges| c.id_number.as_deref().map(idnum::normalise);
    if differs(&norm(a), &norm(b)) {
        out.push("id_number");
    }
    if differs(&a.phone, &b.phone) {
        out.push("phone");
    }
    if differs(&a.household, &b.household) {
        out.push("household");
    }
    if differs(&a.category, &b.category) {
        out.push("category");
    }
    out
}
