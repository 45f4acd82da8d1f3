//! What the state holds: voters, households, nominees, rounds, complaints, anomalies.

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
    pub(super) history: Vec<(EventId, Option<VoterChanges>)>,
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

    pub(super) fn apply_changes(&mut self, c: &VoterChanges) {
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

    pub(super) fn haystack(&self) -> String {
        format!("{}\u{1}{}\u{1}{}", self.name, self.id_number, self.phone).to_lowercase()
    }
}

pub(super) fn mask(id_number: &str) -> String {
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
    pub(super) ballot_index: HashMap<String, usize>,
    /// Latest totals per box (None = the whole round).
    pub totals: BTreeMap<Option<BoxId>, TotalsEntered>,
    pub box_counts: BTreeMap<BoxId, BoxCounted>,
    /// Ballots printed for this round, as last recorded (选票印制数).
    pub printed: Option<u32>,
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

pub(super) fn field_zh(f: &str) -> &'static str {
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
