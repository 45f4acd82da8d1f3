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
use crate::base::idnum::{self};
use crate::record::events::*;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod entries;
mod fold;
mod search;

pub use entries::*;
use search::SearchIndex;

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
}

/// The serialized name of a post (`Resolution::Keep` names the post to keep by it).
pub fn post_code(p: Post) -> &'static str {
    p.code()
}
