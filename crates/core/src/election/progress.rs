//! Where an election stands and what it reports: the workflow stage, the committee's daily
//! progress report (进度每日一报) and its result report, as the content of the files for the office.

use crate::election::count::{elected, registered, voted};
use crate::law::{calendar, rules};
use crate::record::community::{
    Candidates, Community, CommunityReport, Deadline, Education as Bracket, ElectedMember, Stage,
};
use crate::record::events::{ChairPartyRole, Education, Elected, RoundKind};
use crate::record::state::ElectionState;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// Where the election stands: the furthest stage the records show (workflow.md stages 1-10;
/// report and handover are recorded by the office and the archive).
pub fn stage(state: &ElectionState) -> Stage {
    let rounds = || state.rounds.values();
    if rounds().any(|r| r.result.is_some()) {
        Stage::Announcement
    } else if rounds().any(|r| r.live_ballots().next().is_some() || !r.totals.is_empty()) {
        Stage::Count
    } else if !state.rounds.is_empty() || !state.check_ins.is_empty() {
        Stage::Voting
    } else if state.final_list.is_some() {
        Stage::Notice
    } else if !state.review_requests.is_empty() {
        Stage::Review
    } else if !state.nominations.is_empty() {
        Stage::Nomination
    } else if state.active_voters().next().is_some() {
        Stage::Registration
    } else if state.committee.is_some() {
        Stage::ElectionCommittee
    } else {
        Stage::Preparation
    }
}

/// The committee's daily progress report (进度每日一报) for the office, from its records.
pub fn progress_report(state: &ElectionState, today: NaiveDate) -> Option<CommunityReport> {
    let d = state.definition.as_ref()?;
    let next_deadline = rules::preset(&d.rule_preset).and_then(|preset| {
        calendar::deadlines(preset, d.election_day)
            .into_iter()
            .find(|x| x.by >= today)
            .map(|x| Deadline { date: x.by, what: x.step.zh().to_string() })
    });
    let review = state.review_counts();
    Some(CommunityReport {
        community: Community {
            id: d.election_id.clone(),
            name: d.community.clone(),
            street: d.street.clone(),
            district: d.district.clone(),
            kind: d.kind,
            electorate: (!d.kind.is_party()).then_some(d.electorate),
        },
        reported_on: today,
        stage: stage(state),
        next_deadline,
        // The turnout base: voters of age on the day, or the representatives in those modes.
        registered_voters: registered(state) as u32,
        voted: 0,
        election_committee_head_is_party_leader: state
            .committee
            .as_ref()
            .map(|c| matches!(c.chair_party_role, ChairPartyRole::Secretary | ChairPartyRole::DeputySecretary)),
        candidates: Candidates {
            nominated: state.candidates.len() as u32,
            passed: review.passed as u32,
            disqualified_street: review.disqualified_street as u32,
            disqualified_district: review.disqualified_district as u32,
        },
        elected: Vec::new(),
        previous_term: None,
    })
}

/// One elected person as the office's statistics read them.
pub fn elected_member(state: &ElectionState, e: &Elected) -> Option<ElectedMember> {
    let def = state.definition.as_ref()?;
    let v = state.voter(&e.person)?;
    let profile = state.candidates.get(&e.person).map(|c| c.profile.clone()).unwrap_or_default();
    Some(ElectedMember {
        name: v.name.clone(),
        committee: def.kind,
        post: e.post,
        sex: v.sex,
        birth_date: v.birth,
        ethnicity: profile.ethnicity,
        party_member: profile.party_member,
        // Unknown (a write-in winner) counts as below 大专: the college share is never overstated.
        education: match profile.education {
            Some(Education::Postgraduate) => Bracket::Postgraduate,
            Some(Education::Bachelor) => Bracket::Bachelor,
            Some(Education::College) => Bracket::JuniorCollege,
            Some(Education::SeniorHigh) => Bracket::SeniorHigh,
            _ => Bracket::JuniorHighOrBelow,
        },
        re_elected: profile.incumbent,
        id_hash: Sha256::digest(v.id_number.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect(),
    })
}

/// The committee's result report (the `content` of a result bundle): the progress report with the
/// members elected in signed rounds and the first round's turnout.
pub fn result_report(state: &ElectionState, today: NaiveDate) -> Option<CommunityReport> {
    let mut report = progress_report(state, today)?;
    report.elected = elected(state).iter().filter_map(|(_, e)| elected_member(state, e)).collect();
    report.voted = state
        .rounds
        .values()
        .filter(|r| r.opened.kind == RoundKind::First && r.result.as_ref().is_some_and(|s| s.valid))
        .map(|r| voted(state, &r.opened.round) as u32)
        .max()
        .unwrap_or(0);
    report.next_deadline = handover_due(state).map(|date| Deadline { date, what: "工作移交".into() });
    Some(report)
}

/// Hand-over within ten days of the result (居民委员会组织法 2025 art 25; legal-rules 2.18).
pub const HANDOVER_DAYS: u64 = 10;

pub fn handover_due(state: &ElectionState) -> Option<NaiveDate> {
    let last =
        state.rounds.values().filter_map(|r| r.result.as_ref().filter(|s| s.valid)).map(|s| s.signed_on).max()?;
    Some(last + chrono::Days::new(HANDOVER_DAYS))
}

/// A short text of the result for a QR code the office scans to check the file it received.
pub fn summary_text(report: &CommunityReport) -> String {
    let mut lines = vec![
        format!("换届结果 {} {}", report.community.name, report.community.kind.name_zh()),
        format!("选举 {}", report.community.id),
        format!("登记{} 投票{}", report.registered_voters, report.voted),
    ];
    lines.extend(report.elected.iter().map(|m| format!("{} {}", m.post.zh(), m.name)));
    lines.join("\n")
}
