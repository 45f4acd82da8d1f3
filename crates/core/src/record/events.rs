//! Events: every change a person makes, as data. `log.rs` keeps them hash-chained per device;
//! `state.rs` folds them into the election state. Corrections and undo are new events.

use crate::base::hlc::Hlc;
pub use crate::base::terms::Sex;
use chrono::NaiveDate;
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

// ---------------------------------------------------------------------------------------------
// Event bodies. Each payload is a small struct so screens can build and show it directly.
// Ids inside payloads (voter, household, round, ...) are chosen by the authoring device; use
// `local_id(device, seq)` so two devices never pick the same one. References to earlier events
// (a correction's base, a resolved anomaly) use the event `id`.
// Nothing in this file decides anything: validation lives in state.rs, rules in rules.rs.
// ---------------------------------------------------------------------------------------------

/// Chosen by the registering device, stable for the voter's whole life in the log.
pub type VoterId = String;
pub type HouseholdId = String;
pub type GridId = String;
pub type GroupId = String;
pub type RoundId = String;
/// A polling station or a mobile ballot box.
pub type BoxId = String;
/// The `id` of an event.
pub type EventId = String;

/// A fresh id for something a device creates: unique because (device, seq) is.
pub fn local_id(device: &str, seq: u64) -> String {
    format!("{device}-{seq}")
}

/// Serialized as `{"kind": "...", "payload": {...}}` inside the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum EventBody {
    /// Free text for the record (notes on the log, not data the fold uses).
    Note {
        text: String,
    },

    // Preparation and set-up (election committee)
    /// The election's definition; a later one replaces it (amendments are new events).
    ElectionDefined(ElectionDefined),
    /// 离任审计 / 民主评议 done; a later one replaces it.
    PreparationRecorded(PreparationRecorded),
    /// 选举委员会 members; a later one replaces the whole list (e.g. after a member withdraws).
    ElectionCommitteeFormed(ElectionCommitteeFormed),
    GridDefined(GridDefined),
    ResidentsGroupDefined(ResidentsGroupDefined),
    DeviceEnrolled(DeviceEnrolled),

    // Registration (grid workers, committee)
    HouseholdRegistered(HouseholdRegistered),
    VoterRegistered(VoterRegistered),
    VoterCorrected(VoterCorrected),
    VoterRemoved(VoterRemoved),
    AnomalyResolved(AnomalyResolved),
    HouseholdRepDesignated(HouseholdRepDesignated),
    ResidentRepDesignated(ResidentRepDesignated),
    VoterListPublished(VoterListPublished),
    ObjectionFiled(ObjectionFiled),
    ObjectionDecided(ObjectionDecided),

    // Nomination and review
    Nomination(Nomination),
    CommitmentsRecorded(CommitmentsRecorded),
    DisqualificationScreened(DisqualificationScreened),
    ReviewRequested(ReviewRequested),
    ReviewDecided(ReviewDecided),
    CandidateWithdrawn(CandidateWithdrawn),
    FinalListPublished(FinalListPublished),
    NoticePublished(NoticePublished),

    // Voting day
    ProxyAssigned(ProxyAssigned),
    StationDefined(StationDefined),
    MobileBoxDefined(MobileBoxDefined),
    StaffAssigned(StaffAssigned),
    RoundOpened(RoundOpened),
    CheckedIn(CheckedIn),

    // Count and result
    BallotEntered(BallotEntered),
    BallotUndone(BallotUndone),
    TotalsEntered(TotalsEntered),
    BoxCounted(BoxCounted),
    BallotsPrinted(BallotsPrinted),
    ResultSigned(ResultSigned),
    ResultCoSigned(ResultCoSigned),

    // Alongside
    ComplaintLogged(ComplaintLogged),
    ComplaintAnswered(ComplaintAnswered),
}

impl EventBody {
    /// The `kind` string as serialized (for lists and filters).
    pub fn kind(&self) -> &'static str {
        use EventBody::*;
        match self {
            Note { .. } => "note",
            ElectionDefined(_) => "election_defined",
            PreparationRecorded(_) => "preparation_recorded",
            ElectionCommitteeFormed(_) => "election_committee_formed",
            GridDefined(_) => "grid_defined",
            ResidentsGroupDefined(_) => "residents_group_defined",
            DeviceEnrolled(_) => "device_enrolled",
            HouseholdRegistered(_) => "household_registered",
            VoterRegistered(_) => "voter_registered",
            VoterCorrected(_) => "voter_corrected",
            VoterRemoved(_) => "voter_removed",
            AnomalyResolved(_) => "anomaly_resolved",
            HouseholdRepDesignated(_) => "household_rep_designated",
            ResidentRepDesignated(_) => "resident_rep_designated",
            VoterListPublished(_) => "voter_list_published",
            ObjectionFiled(_) => "objection_filed",
            ObjectionDecided(_) => "objection_decided",
            Nomination(_) => "nomination",
            CommitmentsRecorded(_) => "commitments_recorded",
            DisqualificationScreened(_) => "disqualification_screened",
            ReviewRequested(_) => "review_requested",
            ReviewDecided(_) => "review_decided",
            CandidateWithdrawn(_) => "candidate_withdrawn",
            FinalListPublished(_) => "final_list_published",
            NoticePublished(_) => "notice_published",
            ProxyAssigned(_) => "proxy_assigned",
            StationDefined(_) => "station_defined",
            MobileBoxDefined(_) => "mobile_box_defined",
            StaffAssigned(_) => "staff_assigned",
            RoundOpened(_) => "round_opened",
            CheckedIn(_) => "checked_in",
            BallotEntered(_) => "ballot_entered",
            BallotUndone(_) => "ballot_undone",
            TotalsEntered(_) => "totals_entered",
            BoxCounted(_) => "box_counted",
            BallotsPrinted(_) => "ballots_printed",
            ResultSigned(_) => "result_signed",
            ResultCoSigned(_) => "result_co_signed",
            ComplaintLogged(_) => "complaint_logged",
            ComplaintAnswered(_) => "complaint_answered",
        }
    }
}

// ----- Election definition and preparation ------------------------------------------------

pub use crate::base::terms::{ElectionKind, ElectorateMode, Post};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PostSeats {
    pub post: Post,
    pub seats: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElectionDefined {
    /// Stable id carried by every bundle of this election (chosen by the committee's device).
    pub election_id: String,
    /// e.g. 幸福里社区
    pub community: String,
    /// 街道 (or 乡镇)
    pub street: String,
    /// 区 (or 县)
    pub district: String,
    pub kind: ElectionKind,
    pub electorate: ElectorateMode,
    /// Rule preset id (FORMAT.md), e.g. `national-2025-residents`.
    pub rule_preset: String,
    /// In ballot order.
    pub posts: Vec<PostSeats>,
    pub election_day: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparationRecorded {
    /// 任期和离任经济责任审计 published (no audit, no election).
    pub audit_published: Option<NaiveDate>,
    /// 民主评议 held.
    pub democratic_review: Option<NaiveDate>,
    /// 实施方案 adopted.
    pub plan_adopted: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitteePost {
    /// 主任
    Chair,
    /// 副主任
    ViceChair,
    /// 委员
    Member,
}

impl CommitteePost {
    pub fn zh(self) -> &'static str {
        match self {
            CommitteePost::Chair => "主任",
            CommitteePost::ViceChair => "副主任",
            CommitteePost::Member => "委员",
        }
    }
}

/// Which Party post the committee's chair holds (reports count chairs who are the secretary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChairPartyRole {
    Secretary,
    DeputySecretary,
    Neither,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitteeMember {
    pub name: String,
    pub post: CommitteePost,
    /// When the member is a registered voter (needed to spot a member who is nominated).
    pub voter: Option<VoterId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElectionCommitteeFormed {
    pub formed_on: NaiveDate,
    /// 居民会议 / 居民代表会议 / 居民小组会议 …, as the committee was chosen.
    pub chosen_by: String,
    pub members: Vec<CommitteeMember>,
    pub chair_party_role: ChairPartyRole,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridDefined {
    pub grid: GridId,
    pub name: String,
    /// The grid worker (网格员) responsible.
    pub worker: String,
    /// Device code of the grid worker's phone, when enrolled.
    pub device: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResidentsGroupDefined {
    pub group: GroupId,
    pub name: String,
    pub grid: GridId,
}

/// One vocabulary for what a device does, shared with the trust checks of bundles.
pub use crate::record::identity::Role as DeviceRole;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceEnrolled {
    /// Short device code (identity.rs).
    pub device: String,
    /// ed25519 public key, hex (as in identity::DeviceRecord).
    pub public_key: String,
    pub role: DeviceRole,
    /// Who holds the device.
    pub holder: String,
    pub grid: Option<GridId>,
}

// ----- Registration ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdRegistered {
    pub household: HouseholdId,
    pub grid: GridId,
    pub group: Option<GroupId>,
    pub address: String,
}

/// Registration category (居委会组织法 2025 art 16; 村委会组织法 2018 art 13 / 2025 art 16).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationCategory {
    /// 户籍在本社区（本村）并居住
    HukouResident,
    /// 户籍在本社区但不在本社区居住，本人表示参加选举
    HukouNotResident,
    /// 不在本社区落户但常住（居委会）
    ResidentNoHukou,
    /// 户籍不在本社区、在本社区工作满6个月以上的社区工作者（居委会 2025）
    CommunityWorker6m,
    /// 户籍不在本村、居住（或从事村务工作）一年以上，经村民会议同意（村委会）
    VillageResident1y,
    /// Anything a provincial rule adds, described in words.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoterRegistered {
    pub voter: VoterId,
    pub name: String,
    /// Normalised 18-character number (idnum::IdNumber::as_str).
    pub id_number: String,
    /// From the ID number, stored for readers that do not parse it.
    pub sex: Sex,
    pub birth: NaiveDate,
    #[serde(default)]
    pub phone: String,
    pub household: Option<HouseholdId>,
    pub category: RegistrationCategory,
}

/// Fields a correction changes (absent = unchanged). Sex and birth follow a new ID number.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct VoterChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<HouseholdId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<RegistrationCategory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoterCorrected {
    pub voter: VoterId,
    /// Id of the latest event that set this voter's details as the author saw it (registration,
    /// correction, or the resolution of a correction conflict: `state::Voter::version`). Two
    /// corrections on the same base were made without seeing each other.
    pub based_on: EventId,
    pub changes: VoterChanges,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    Died,
    MovedAway,
    /// Registered twice; the other record is kept.
    Duplicate,
    /// Not 18 on election day, deprived of political rights, …
    NotEligible,
    /// Chose to vote where the hukou is (a person votes in one place only).
    RegisteredElsewhere,
    /// Decision on an objection.
    ObjectionUpheld,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoterRemoved {
    pub voter: VoterId,
    pub reason: RemovalReason,
    #[serde(default)]
    pub note: String,
}

/// How a person settled an anomaly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Resolution {
    /// Keep one record: for a duplicate registration the voter id to keep (the others are
    /// removed as duplicates); for conflicting corrections the correction event id whose values win.
    Keep { record: String },
    /// Looked into; nothing to change (e.g. a double check-in where only one ballot was issued).
    Explained,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnomalyResolved {
    /// `Anomaly::id` from state.rs (the id of the event that raised it).
    pub anomaly: String,
    pub resolution: Resolution,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdRepDesignated {
    pub household: HouseholdId,
    pub voter: VoterId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResidentRepDesignated {
    pub group: GroupId,
    pub voter: VoterId,
    /// Date of the group meeting that chose the representative.
    pub chosen_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoterListPublished {
    pub published_on: NaiveDate,
    /// Voters on the published list (checked against the 20-day rule by calendar.rs).
    pub voters: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionFiled {
    pub objection: String,
    pub filed_on: NaiveDate,
    /// Who objects (name as given).
    pub filed_by: String,
    /// The voter the objection is about, if any (wrongly listed / left out / details).
    pub about: Option<VoterId>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectionDecided {
    pub objection: String,
    pub decided_on: NaiveDate,
    pub upheld: bool,
    pub answer: String,
}

// ----- Nomination and review ----------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum NominatedBy {
    /// 社区（村）党组织推荐
    PartyOrg,
    /// ≥10 voters jointly (联名提名); their voter ids.
    JointVoters { nominators: Vec<VoterId> },
    /// One registered voter (村委会 2018 直接提名).
    Voter { nominator: VoterId },
    /// 自荐 (where the mode allows it).
    SelfNominated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    Primary,
    JuniorHigh,
    /// 高中 / 中专
    SeniorHigh,
    /// 大专
    College,
    /// 本科
    Bachelor,
    /// 研究生
    Postgraduate,
}

/// Facts the office's structure statistics need about a candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CandidateProfile {
    pub party_member: bool,
    /// 民族, e.g. 汉族
    #[serde(default)]
    pub ethnicity: String,
    pub education: Option<Education>,
    /// Member of the outgoing committee (连任 vs 新任).
    pub incumbent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nomination {
    pub nominee: VoterId,
    pub post: Post,
    pub by: NominatedBy,
    pub nominated_on: NaiveDate,
    #[serde(default)]
    pub profile: CandidateProfile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    /// 参选（竞职）承诺
    Candidacy,
    /// 履职承诺
    Performance,
    /// 辞职承诺
    Resignation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitmentsRecorded {
    pub nominee: VoterId,
    pub signed_on: NaiveDate,
    pub commitments: Vec<Commitment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisqualificationReason {
    ExpelledFromParty,
    CriminalPunishment,
    GangOrEvilForces,
    ClanForces,
    IllegalReligion,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisqualificationScreened {
    pub nominee: VoterId,
    pub screened_on: NaiveDate,
    /// Empty: nothing found.
    pub reasons: Vec<DisqualificationReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewLevel {
    Street,
    District,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRequested {
    pub nominees: Vec<VoterId>,
    pub requested_on: NaiveDate,
    /// Departments asked (组织、纪检、政法、公安、信访 …).
    pub departments: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    Pass,
    Disqualify,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewDecided {
    pub nominee: VoterId,
    pub department: String,
    pub level: ReviewLevel,
    pub decision: ReviewDecision,
    #[serde(default)]
    pub reason: String,
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateWithdrawn {
    pub nominee: VoterId,
    pub post: Post,
    pub withdrawn_on: NaiveDate,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostCandidates {
    pub post: Post,
    /// In published order (by stroke count of the surname).
    pub candidates: Vec<VoterId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalListPublished {
    pub published_on: NaiveDate,
    pub posts: Vec<PostCandidates>,
}

/// The public notices (八个公开 and the others a stage produces).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    ElectionCommittee,
    ElectionPlan,
    VoterList,
    Nominees,
    ReviewResults,
    FinalCandidates,
    /// 选举日期
    ElectionDate,
    /// 选举时间、地点、方式
    VotingArrangements,
    Proxies,
    MobileBoxUsers,
    /// 选举工作人员
    Staff,
    Result,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticePublished {
    pub notice: NoticeKind,
    pub published_on: NaiveDate,
    #[serde(default)]
    pub title: String,
    /// Where it was posted (公示栏, 微信群 …).
    #[serde(default)]
    pub place: String,
}

// ----- Voting day -----------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProxyAssigned {
    /// The voter who is away (委托人).
    pub principal: VoterId,
    /// The voter who votes for them (受托人).
    pub proxy: VoterId,
    pub written_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationDefined {
    pub station: BoxId,
    pub name: String,
    pub place: String,
    /// The central meeting place (中心会场) rather than a sub-station.
    pub central: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MobileBoxDefined {
    pub mobile_box: BoxId,
    pub name: String,
    /// Voters approved to vote at home by this box.
    pub voters: Vec<VoterId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// 总监票人
    ChiefScrutineer,
    /// 监票人
    Scrutineer,
    /// 计票人
    Counter,
    /// 唱票人
    Caller,
    /// 代写人
    Writer,
    /// 发票人 / 验证人 and other station staff
    StationStaff,
    /// 主持人
    Host,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffAssigned {
    pub name: String,
    pub voter: Option<VoterId>,
    pub role: StaffRole,
    /// Station or mobile box; none for the central count.
    pub at: Option<BoxId>,
}

pub use crate::base::terms::RoundKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundPost {
    pub post: Post,
    pub seats: u32,
    /// In ballot order; empty in the no-candidates mode.
    pub candidates: Vec<VoterId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundOpened {
    pub round: RoundId,
    pub kind: RoundKind,
    pub held_on: NaiveDate,
    pub posts: Vec<RoundPost>,
    /// The round whose result this one completes (a tie re-vote or 另行选举); none for the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<RoundId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedIn {
    pub round: RoundId,
    pub voter: VoterId,
    /// Station or mobile box where the ballot was issued.
    pub at: BoxId,
    /// Set when a proxy holder collects the principal's ballot.
    pub proxy: Option<VoterId>,
}

/// A name written in (另选他人); `voter` when matched to a registered voter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WriteIn {
    pub name: String,
    pub voter: Option<VoterId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostMarks {
    pub post: Post,
    /// Marked for (赞成).
    #[serde(default)]
    pub yes: Vec<VoterId>,
    /// Marked against (不赞成; Party ballots).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no: Vec<VoterId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub write_ins: Vec<WriteIn>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BallotEntered {
    pub round: RoundId,
    /// Unique within the round (use `local_id`).
    pub ballot: String,
    /// The box the ballot came from, when counted per box.
    pub from_box: Option<BoxId>,
    /// One entry per post marked; a post missing is blank.
    pub marks: Vec<PostMarks>,
    /// Void as a whole (废票).
    #[serde(default)]
    pub spoilt: bool,
    /// Posts whose part is illegible (only that part is void).
    #[serde(default)]
    pub illegible: Vec<Post>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BallotUndone {
    pub round: RoundId,
    pub ballot: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateVotes {
    /// A voter id, or a written-in name when `write_in` is true.
    pub person: String,
    #[serde(default)]
    pub write_in: bool,
    pub votes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostTotals {
    pub post: Post,
    pub votes: Vec<CandidateVotes>,
    /// Ballot parts of this post that were void (over-voted or illegible).
    #[serde(default)]
    pub invalid_parts: u32,
    /// Unused places on valid parts (弃权): with the votes they fill every seat of every part.
    #[serde(default)]
    pub blanks: u32,
}

/// Per-candidate totals typed from the tally sheet, instead of ballots one by one. A later
/// entry for the same round and box replaces the earlier one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotalsEntered {
    pub round: RoundId,
    pub from_box: Option<BoxId>,
    /// Ballots counted from this box, spoilt ones included.
    #[serde(default)]
    pub ballots: u32,
    pub spoilt: u32,
    pub posts: Vec<PostTotals>,
}

/// Ballots issued and returned at one station or box (选票发出 / 收回).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxCounted {
    pub round: RoundId,
    pub at: BoxId,
    pub issued: u32,
    pub returned: u32,
}

/// Ballots printed for a round (选票印制数): the roll plus the spare. A reprint records the new
/// total; the count checks that no more ballots were issued than printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BallotsPrinted {
    pub round: RoundId,
    pub copies: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    pub role: StaffRole,
    pub name: String,
    /// Device that co-signed, when the signer used their own.
    pub device: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Elected {
    pub post: Post,
    /// Voter id (or a written-in name that was not matched).
    pub person: String,
    pub votes: u32,
}

/// The 计票结果报告单 as signed on the spot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultSigned {
    pub round: RoundId,
    pub signed_on: NaiveDate,
    pub valid: bool,
    pub elected: Vec<Elected>,
    pub signers: Vec<Signer>,
    /// Hex sha256 of the tally result JSON the signers saw.
    pub result_hash: String,
}

/// One signer of a 计票结果报告单 signing again on their own device, after that device counted
/// the round's records itself and reached the result with the same hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultCoSigned {
    pub round: RoundId,
    /// The `result_hash` of the result this device computed (and the signer saw on it).
    pub result_hash: String,
    pub role: StaffRole,
    pub name: String,
}

// ----- Complaints -----------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintLogged {
    pub complaint: String,
    pub received_on: NaiveDate,
    pub from: String,
    /// 来信 / 来访 / 电话 / 网上 …
    #[serde(default)]
    pub channel: String,
    pub summary: String,
    /// Date an answer is owed by.
    pub due_on: NaiveDate,
    /// Who handles it (承办人).
    #[serde(default)]
    pub handler: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintAnswered {
    pub complaint: String,
    pub answered_on: NaiveDate,
    pub answer: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_serialize_with_kind_and_payload() {
        let body = EventBody::VoterRemoved(VoterRemoved {
            voter: "d1-5".into(),
            reason: RemovalReason::MovedAway,
            note: String::new(),
        });
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["kind"], "voter_removed");
        assert_eq!(json["payload"]["reason"], "moved_away");
        assert_eq!(body.kind(), "voter_removed");
        let back: EventBody = serde_json::from_value(json).unwrap();
        assert_eq!(back, body);

        let note = serde_json::to_value(EventBody::Note { text: "hi".into() }).unwrap();
        assert_eq!(note, serde_json::json!({"kind": "note", "payload": {"text": "hi"}}));
    }

    #[test]
    fn nested_enums_are_readable() {
        let body = EventBody::Nomination(Nomination {
            nominee: "v1".into(),
            post: Post::DeputyDirector,
            by: NominatedBy::JointVoters { nominators: vec!["v2".into()] },
            nominated_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            profile: CandidateProfile::default(),
        });
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["payload"]["post"], "deputy_director");
        assert_eq!(json["payload"]["by"]["by"], "joint_voters");
        assert_eq!(json["payload"]["nominated_on"], "2026-04-01");
        let r = serde_json::to_value(Resolution::Keep { record: "v1".into() }).unwrap();
        assert_eq!(r, serde_json::json!({"decision": "keep", "record": "v1"}));
        let c = serde_json::to_value(RegistrationCategory::Other("x".into())).unwrap();
        assert_eq!(c, serde_json::json!({"other": "x"}));
    }
}
