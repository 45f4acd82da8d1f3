//! Rounds: the first round's ballot, the round that completes one (a tie re-vote or 另行选举), and
//! the day by which it must be held. Every screen that opens a round asks here.

use crate::election::count::preset_of;
use crate::law::rules::Preset;
use crate::law::tally::RoundResult;
use crate::record::events::{RoundKind, RoundOpened, RoundPost};
use crate::record::state::{ElectionState, Round};
use chrono::NaiveDate;

/// The first round's ballot: posts and seats from the definition; candidates from the published
/// final list, else the nominees still standing. Held on the election day; `round` is left empty
/// for the caller's new id. None before the election is defined.
pub fn first_round(state: &ElectionState) -> Option<RoundOpened> {
    let def = state.definition.as_ref()?;
    let standing = state.candidates_by_post();
    let posts = def
        .posts
        .iter()
        .map(|p| {
            let candidates = match &state.final_list {
                Some(l) => l.posts.iter().find(|x| x.post == p.post).map(|x| x.candidates.clone()).unwrap_or_default(),
                None => standing.get(&p.post).cloned().unwrap_or_default(),
            };
            RoundPost { post: p.post, seats: p.seats, candidates }
        })
        .collect();
    Some(RoundOpened { round: String::new(), kind: RoundKind::First, held_on: def.election_day, posts, after: None })
}

/// The round that completes a signed one, as the results screen offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct NextRound {
    pub kind: RoundKind,
    pub posts: Vec<RoundPost>,
    /// The last day it may be held (None without a known preset).
    pub deadline: Option<NaiveDate>,
    /// One 委员 seat is re-elected for a woman.
    pub women_only: bool,
}

/// What completes `round` given its `result`: the tied re-vote first, else the 另行选举; None when
/// the result is void or nothing is left to elect. The deadline runs from the first round of the
/// chain (`first_round_day`), the day `check_round_opening` holds it to.
pub fn next_round(state: &ElectionState, round: &RoundOpened, result: &RoundResult) -> Option<NextRound> {
    let (kind, posts) = match next_round_posts(result, RoundKind::TieRevote) {
        tie if !tie.is_empty() => (RoundKind::TieRevote, tie),
        _ => (RoundKind::Supplementary, next_round_posts(result, RoundKind::Supplementary)),
    };
    if posts.is_empty() || !result.valid {
        return None;
    }
    // Counted from the first round of the chain, as `check_round_opening` counts it.
    let first = state.rounds.get(&round.round).map_or(round.held_on, |r| first_round_day(state, r));
    let deadline = preset_of(state).ok().map(|p| next_round_deadline(p, first));
    Some(NextRound { kind, posts, deadline, women_only: result.supplementary.iter().any(|s| s.women_only) })
}

/// The posts of the round that completes `result`: the tied re-vote (same seats, the tied people)
/// or the 另行选举 (seats left, candidates as the engine chose them).
pub fn next_round_posts(result: &RoundResult, kind: RoundKind) -> Vec<RoundPost> {
    match kind {
        RoundKind::TieRevote => result
            .posts
            .iter()
            .filter(|p| !p.tie_revote.is_empty())
            .map(|p| RoundPost {
                post: p.post,
                seats: p.seats - p.elected.len() as u32 - p.unfilled,
                candidates: p.tie_revote.clone(),
            })
            .collect(),
        RoundKind::Supplementary => {
            let mut out: Vec<RoundPost> = Vec::new();
            for s in &result.supplementary {
                match out.iter_mut().find(|p| p.post == s.post) {
                    Some(p) => {
                        p.seats += s.seats;
                        p.candidates.extend(
                            s.candidates.iter().filter(|c| !p.candidates.contains(c)).cloned().collect::<Vec<_>>(),
                        );
                    }
                    None => out.push(RoundPost { post: s.post, seats: s.seats, candidates: s.candidates.clone() }),
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The last day a round completing one held on `first` may be held (另行选举 deadline).
pub fn next_round_deadline(preset: &Preset, first: NaiveDate) -> NaiveDate {
    first + chrono::Days::new(preset.supplementary_days as u64)
}

/// The day of the first round a chain of follow-up rounds started from.
pub fn first_round_day<'a>(state: &'a ElectionState, mut r: &'a Round) -> NaiveDate {
    let mut hops = 0;
    while let Some(prev) = r.opened.after.as_ref().and_then(|a| state.rounds.get(a)) {
        r = prev;
        hops += 1;
        if hops > state.rounds.len() {
            break;
        }
    }
    r.opened.held_on
}
