//! From nominees to the final candidate list (正式候选人): the 差额 margin per post, the
//! pre-selection vote (预选) when there are more nominees than the margin allows, the list in
//! surname stroke order and its legal date.

use crate::base::strokes;
use crate::law::refusal::Problem;
use crate::law::rules::{self, Breach, Preset};
use crate::law::tally::RoundResult;
use crate::record::events::*;
use crate::record::state::{CandidateStatus, ElectionState};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The box id under which a pre-selection meeting's ballots issued / returned are recorded.
pub const PRESELECTION_BOX: &str = "preselection";

/// One post's standing nominees against its 差额 rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Slate {
    pub post: Post,
    pub seats: u32,
    /// Standing nominees (not withdrawn or disqualified), in nomination order.
    pub nominees: Vec<VoterId>,
    /// The fewest and (where fixed) most candidates the preset allows.
    pub min: u32,
    pub max: Option<u32>,
    /// Too few nominees: the breach, with its article.
    pub too_few: Option<Breach>,
}

impl Slate {
    /// More nominees than the margin allows: a pre-selection vote picks `max` of them.
    pub fn needs_preselection(&self) -> bool {
        self.max.is_some_and(|m| self.nominees.len() as u32 > m)
    }
}

/// The definition and its preset (count::preset_of refuses when either is missing).
fn preset_of(state: &ElectionState) -> Result<(&ElectionDefined, &'static Preset), Problem> {
    let preset = crate::election::count::preset_of(state)?;
    Ok((state.definition.as_ref().expect("count::preset_of checked the definition"), preset))
}

fn problem(zh: impl Into<String>, en: impl Into<String>) -> Problem {
    Problem { zh: zh.into(), en: en.into() }
}

/// Each post of the election with its standing nominees and the margin check (rules::check_margin).
pub fn slates(state: &ElectionState) -> Vec<Slate> {
    let Ok((def, preset)) = preset_of(state) else { return vec![] };
    let by_post = state.candidates_by_post();
    def.posts
        .iter()
        .map(|ps| {
            let nominees = by_post.get(&ps.post).cloned().unwrap_or_default();
            let (min, max) = preset.margin(ps.post).range(ps.seats);
            let n = nominees.len() as u32;
            let too_few = rules::check_margin(preset, ps.post, ps.seats, n).err().filter(|_| n < min);
            Slate { post: ps.post, seats: ps.seats, nominees, min, max, too_few }
        })
        .collect()
}

/// The round to open for pre-selection: every post whose nominees exceed the margin, each
/// electing as many formal candidates as the margin's maximum. None when no post needs it.
pub fn preselection_round(state: &ElectionState, round: RoundId, held_on: NaiveDate) -> Option<RoundOpened> {
    let posts: Vec<RoundPost> = slates(state)
        .into_iter()
        .filter(|s| s.needs_preselection())
        .map(|s| RoundPost { post: s.post, seats: s.max.unwrap_or(s.seats), candidates: s.nominees })
        .collect();
    (!posts.is_empty()).then_some(RoundOpened { round, kind: RoundKind::Preselection, held_on, posts, after: None })
}

/// The open pre-selection round, if any (the latest opened).
pub fn current_preselection(state: &ElectionState) -> Option<&crate::record::state::Round> {
    state.rounds.values().filter(|r| r.opened.kind == RoundKind::Preselection).max_by_key(|r| r.opened.held_on)
}

/// Count a pre-selection round with the tally engine, as any round is counted (count.rs): the
/// meeting's sheet gives per-nominee totals and the ballots issued / returned at
/// PRESELECTION_BOX, which stand for the people present. None until the totals are in.
pub fn tally_preselection(state: &ElectionState, round: &crate::record::state::Round) -> Option<RoundResult> {
    round.totals.get(&None)?;
    crate::election::count::decide(state, &round.opened.round, None).ok().map(|d| d.result)
}

/// The formal candidates per post: the pre-selection's winners where a post needed one,
/// otherwise its standing nominees who passed review and signed the three commitments.
pub fn formal_candidates(state: &ElectionState) -> Result<BTreeMap<Post, Vec<VoterId>>, Problem> {
    let name = |id: &str| state.name_of(id);
    let pre = current_preselection(state);
    let pre_result = pre.and_then(|r| tally_preselection(state, r));
    let mut out = BTreeMap::new();
    for slate in slates(state) {
        if let Some(b) = &slate.too_few {
            return Err(problem(b.message(), "Too few candidates"));
        }
        for id in &slate.nominees {
            let c = &state.candidates[id];
            if c.status() != CandidateStatus::Passed {
                return Err(problem(format!("{}还没有通过资格审查", name(id)), "Not yet passed review"));
            }
            if !c.has_commitments() {
                return Err(problem(format!("{}还没有签订三项承诺", name(id)), "Commitments not signed"));
            }
        }
        let list = if slate.needs_preselection() {
            let in_round = pre.is_some_and(|r| r.opened.posts.iter().any(|p| p.post == slate.post));
            let result = pre_result.as_ref().filter(|_| in_round).ok_or_else(|| {
                problem(
                    format!(
                        "{}提名人数{}人超过差额上限{}人，须先组织预选并录入结果",
                        slate.post.zh(),
                        slate.nominees.len(),
                        slate.max.unwrap_or(0)
                    ),
                    "Pre-selection needed",
                )
            })?;
            if !result.valid {
                return Err(problem(
                    format!("预选无效：{}", result.void_reasons.iter().map(|r| r.zh()).collect::<Vec<_>>().join("；")),
                    "Pre-selection void",
                ));
            }
            let pr = result.posts.iter().find(|p| p.post == slate.post).expect("post in round");
            if !pr.tie_revote.is_empty() {
                let names: Vec<String> = pr.tie_revote.iter().map(|id| name(id)).collect();
                return Err(problem(
                    format!("{}预选中{}票数相等，须就他们重新投票", slate.post.zh(), names.join("、")),
                    "Tie in pre-selection",
                ));
            }
            pr.elected.clone()
        } else {
            slate.nominees.clone()
        };
        out.insert(slate.post, list);
    }
    Ok(out)
}

/// The final list as published: the formal candidates of each post (in the election's post
/// order) sorted by surname strokes, on a date the law allows.
pub fn final_list(state: &ElectionState, published_on: NaiveDate) -> Result<FinalListPublished, Problem> {
    let (def, preset) = preset_of(state)?;
    if let Err(b) = crate::election::notices::check_notice_date(
        preset,
        def.election_day,
        &NoticeKind::FinalCandidates,
        published_on,
    ) {
        return Err(problem(b.message(), "Too late for the final list"));
    }
    let formal = formal_candidates(state)?;
    let name = |id: &VoterId| state.name_of(id);
    let posts = def
        .posts
        .iter()
        .map(|ps| {
            let mut candidates = formal.get(&ps.post).cloned().unwrap_or_default();
            candidates.sort_by(|a, b| strokes::compare(&name(a), &name(b)));
            PostCandidates { post: ps.post, candidates }
        })
        .collect();
    Ok(FinalListPublished { published_on, posts })
}

/// Nominees in surname stroke order with their post, for the nominee notice (提名候选人名单).
pub fn nominee_notice(state: &ElectionState) -> Vec<(Post, Vec<VoterId>)> {
    let Some(def) = &state.definition else { return vec![] };
    let by_post = state.candidates_by_post();
    let name = |id: &VoterId| state.name_of(id);
    def.posts
        .iter()
        .map(|ps| {
            let mut list = by_post.get(&ps.post).cloned().unwrap_or_default();
            list.sort_by(|a, b| strokes::compare(&name(a), &name(b)));
            (ps.post, list)
        })
        .collect()
}
