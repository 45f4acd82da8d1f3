//! The tally: one round of ballots in, what the law decides out. Validity of the election,
//! validity of each ballot, the count (with downward carrying where the preset says),
//! thresholds in exact integers, ties at the cut-off, the women's seat, and the seats left for
//! a supplementary round. The same code serves the app and `huanjie tally`.

pub use crate::base::terms::RoundKind;
use crate::base::terms::{Post, Sex};
use crate::law::rules::{
    Carry, Electorate, ExcessLimit, Overvote, Preset, Share, SupplementaryWin, TurnoutCount, WomenRule,
};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Party quorum: exactly four fifths counts as present (legal-rules 4.17).
    pub allow_exact_four_fifths: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub sex: Sex,
}

/// Turnout figures. For Party presets `registered` is 应到会 and `voted` is 实到会.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Turnout {
    pub registered: u64,
    pub voted: u64,
    pub ballots_issued: u64,
    pub ballots_returned: u64,
}

/// `n` identical ballots. A post absent from `marks` is a blank for that post.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ballot {
    pub n: u64,
    pub marks: BTreeMap<Post, Vec<String>>,
    /// Void as a whole (废票).
    pub spoilt: bool,
    /// Posts whose part cannot be read: only that part is void.
    pub illegible: Vec<Post>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Round<'a> {
    pub preset: &'a Preset,
    pub overrides: Overrides,
    pub electorate: Electorate,
    pub kind: RoundKind,
    /// In ballot order, with the seats to fill in this round.
    pub posts: Vec<(Post, u32)>,
    pub people: Vec<Person>,
    pub candidates: BTreeMap<Post, Vec<String>>,
    pub turnout: Turnout,
    pub ballots: Vec<Ballot>,
    /// People already elected to posts of this election in earlier rounds (separate rounds per
    /// post: 四川 村 art 29 / 居 art 27, 海南 art 26). Left out of this round's counts for the
    /// same and lower posts; the women's rule sees them.
    pub elected_earlier: Vec<(Post, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoidReason {
    TurnoutTooLow,
    QuorumNotMet,
    ExcessBallots,
}

impl VoidReason {
    pub fn zh(self) -> &'static str {
        match self {
            VoidReason::TurnoutTooLow => "参加投票的人数未超过法定比例，选举无效",
            VoidReason::QuorumNotMet => "到会人数未超过应到会人数的五分之四，选举无效",
            VoidReason::ExcessBallots => "收回的选票多于规定数，选举无效",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostResult {
    pub post: Post,
    pub seats: u32,
    pub threshold: u64,
    /// People with at least one vote, excluding those elected to a higher post.
    pub votes: BTreeMap<String, u64>,
    pub elected: Vec<String>,
    pub tie_revote: Vec<String>,
    pub unfilled: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Women {
    pub required: bool,
    pub satisfied: bool,
    pub elected_by_rule: Option<String>,
    pub reserved_seat: bool,
}

/// What the next round must elect for one post (另行选举).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplement {
    pub post: Post,
    pub seats: u32,
    /// Non-elected people of that post by votes, as many as seats plus the preset's margin.
    pub candidates: Vec<String>,
    /// The seat reserved for a woman (rule A): candidates are women only.
    pub women_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundResult {
    pub valid: bool,
    pub void_reasons: Vec<VoidReason>,
    pub cast: u64,
    pub spoilt: u64,
    pub posts: Vec<PostResult>,
    pub women: Women,
    pub supplementary: Vec<Supplement>,
    /// Why, in words with the rule's article, for the screen.
    pub reasons: Vec<String>,
}

/// Decide the round.
pub fn tally(round: &Round) -> RoundResult {
    let preset = round.preset;
    let t = round.turnout;
    let mut reasons = Vec::new();
    let mut void_reasons = Vec::new();

    // Is the election valid at all?
    match preset.quorum {
        Some((share, cite)) => {
            let share = if round.overrides.allow_exact_four_fifths { Share::AT_LEAST_FOUR_FIFTHS } else { share };
            if !share.passes(t.voted, t.registered) {
                void_reasons.push(VoidReason::QuorumNotMet);
            }
            reasons.push(format!(
                "到会 {}/{} 人，须{}（{}{}）",
                t.voted,
                t.registered,
                share.zh(),
                cite.source,
                cite.article
            ));
        }
        None => {
            let share = preset.turnout_share(round.electorate);
            let counted = match preset.turnout_count {
                TurnoutCount::Voted => t.voted,
                TurnoutCount::Returned => t.ballots_returned,
            };
            if !share.passes(counted, t.registered) {
                void_reasons.push(VoidReason::TurnoutTooLow);
            }
            reasons.push(format!(
                "投票 {}/{}，须{}（{}{}）",
                counted,
                t.registered,
                share.zh(),
                preset.turnout.source,
                preset.turnout.article
            ));
        }
    }
    let limit = match preset.excess.0 {
        ExcessLimit::Voted => t.voted,
        ExcessLimit::Issued => t.ballots_issued,
    };
    if t.ballots_returned > limit {
        void_reasons.push(VoidReason::ExcessBallots);
        reasons.push(format!(
            "收回选票 {} 多于 {}（{}{}）",
            t.ballots_returned, limit, preset.excess.1.source, preset.excess.1.article
        ));
    }

    let counted = count(round);
    let women_required = preset.women_required();
    if !void_reasons.is_empty() {
        return RoundResult {
            valid: false,
            void_reasons,
            cast: t.ballots_returned,
            spoilt: counted.spoilt,
            posts: Vec::new(),
            women: Women { required: women_required, ..Women::default() },
            supplementary: Vec::new(),
            reasons,
        };
    }

    let threshold = threshold(round);
    let sex_of = |id: &str| round.people.iter().find(|p| p.id == id).map(|p| p.sex);
    let mut elected_higher: Vec<String> = Vec::new();
    let mut posts = Vec::new();
    let mut women = Women { required: women_required, ..Women::default() };
    let mut supplementary = Vec::new();
    let seat_women_first = preset.women.0 == WomenRule::SeatFirst && round.kind == RoundKind::First;
    let woman_earlier = round.elected_earlier.iter().any(|(_, id)| sex_of(id) == Some(Sex::Female));
    // People in a higher post's tie re-vote: one person, one post, the re-vote decides the higher post first.
    let mut tied_higher: Vec<String> = Vec::new();

    for (index, &(post, seats)) in round.posts.iter().enumerate() {
        let earlier = |id: &String| round.elected_earlier.iter().any(|(p, e)| *p <= post && e == id);
        let votes: BTreeMap<String, u64> = counted.votes[index]
            .iter()
            .filter(|(id, &v)| v > 0 && !elected_higher.contains(id) && !earlier(id))
            .map(|(id, &v)| (id.clone(), v))
            .collect();
        let mut over: Vec<(&String, u64)> =
            votes.iter().filter(|(_, &v)| v >= threshold).map(|(id, &v)| (id, v)).collect();
        over.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        // Their votes show, but they are passed over when this post's seats are filled.
        let passed: Vec<&str> = over
            .iter()
            .filter(|(id, _)| tied_higher.contains(id))
            .map(|(id, _)| round.people.iter().find(|p| p.id == **id).map_or(id.as_str(), |p| p.name.as_str()))
            .collect();
        if !passed.is_empty() {
            reasons.push(format!(
                "{}须就较高职务重新投票，不同时当选{}（一人一职，先定较高职务）",
                passed.join("、"),
                post.zh()
            ));
            over.retain(|(id, _)| !tied_higher.contains(id));
        }

        // 妇女委员 (浙江 art 21) is a seat for a woman: men's votes there are counted, not seated.
        if post == Post::WomenMember {
            over.retain(|(id, _)| sex_of(id) == Some(Sex::Female));
        }
        // Rule A first (the women's seat), then the remaining seats by votes.
        let mut elected = Vec::new();
        let mut tie = Vec::new();
        let mut awaiting = 0;
        let mut open = seats;
        let mut reserved = false;
        let rule_a = seat_women_first
            && post == Post::Member
            && seats > 0
            && !woman_earlier
            && !elected_higher.iter().any(|id| sex_of(id) == Some(Sex::Female));
        if rule_a {
            let cite = preset.women.1;
            let best = over.iter().filter(|(id, _)| sex_of(id) == Some(Sex::Female)).map(|&(_, v)| v).max();
            let first: Vec<String> = match best {
                Some(top) => over
                    .iter()
                    .filter(|(id, v)| *v == top && sex_of(id) == Some(Sex::Female))
                    .map(|(id, _)| (*id).clone())
                    .collect(),
                None => Vec::new(),
            };
            let plain = fill(&over, seats);
            if let [only] = first.as_slice() {
                // The top woman is seated first, the other seats by votes.
                women.elected_by_rule = Some(only.clone());
                elected.push(only.clone());
                over.retain(|(id, _)| *id != only);
                open -= 1;
                reasons.push(format!(
                    "主任、副主任中没有妇女，委员中得票最多且过半数的妇女首先当选（{}{}）",
                    cite.source, cite.article
                ));
            } else if !first.is_empty() && !first.iter().all(|w| plain.0.contains(w)) {
                // Women tied for the women's seat, and votes alone would not seat them all: they vote again for it.
                over.retain(|(id, _)| !first.contains(id));
                tie.extend(first);
                awaiting += 1;
                open -= 1;
                reasons.push(format!(
                    "得票最多且过半数的妇女票数相等，就妇女名额重新投票（{}{}）",
                    cite.source, cite.article
                ));
            } else if first.is_empty() {
                reserved = true;
                women.reserved_seat = true;
                open -= 1;
                reasons.push(format!(
                    "委员中没有妇女获得过半数选票，保留一个委员名额另行选举妇女成员（{}{}）",
                    cite.source, cite.article
                ));
            }
            // Otherwise the tied top women are all elected by their votes: nothing to decide.
        }
        let (by_order, tied) = fill(&over, open);
        if !tied.is_empty() {
            awaiting += open - by_order.len() as u32;
        }
        elected.extend(by_order);
        tie.extend(tied);
        let unfilled = seats - elected.len() as u32 - awaiting;
        elected.sort();
        tie.sort();

        if unfilled > 0 {
            let margin = preset.margin(post).range(unfilled).0 as usize;
            let women_seat = u32::from(reserved);
            let mut pool: Vec<(&String, &u64)> = votes
                .iter()
                .filter(|(id, _)| !elected.contains(id) && !tie.contains(id) && !tied_higher.contains(id))
                .collect();
            pool.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            if unfilled > women_seat {
                let seats = unfilled - women_seat;
                let take = preset.margin(post).range(seats).0 as usize;
                supplementary.push(Supplement {
                    post,
                    seats,
                    candidates: pool.iter().take(take).map(|(id, _)| (*id).clone()).collect(),
                    women_only: false,
                });
            }
            if reserved {
                supplementary.push(Supplement {
                    post,
                    seats: 1,
                    candidates: pool
                        .iter()
                        .filter(|(id, _)| sex_of(id) == Some(Sex::Female))
                        .take(margin.max(2))
                        .map(|(id, _)| (*id).clone())
                        .collect(),
                    women_only: true,
                });
            }
        }
        elected_higher.extend(elected.iter().cloned());
        tied_higher.extend(tie.iter().cloned());
        posts.push(PostResult { post, seats, threshold, votes, elected, tie_revote: tie, unfilled });
    }
    women.satisfied = woman_earlier || elected_higher.iter().any(|id| sex_of(id) == Some(Sex::Female));
    if women_required && !women.satisfied {
        reasons.push(format!("当选人中没有妇女成员（{}{}）", preset.women.1.source, preset.women.1.article));
    }
    RoundResult {
        valid: true,
        void_reasons,
        cast: t.ballots_returned,
        spoilt: counted.spoilt,
        posts,
        women,
        supplementary,
        reasons,
    }
}

/// The fewest votes that can elect in this round.
pub fn threshold(round: &Round) -> u64 {
    let preset = round.preset;
    let first = preset.winning.0.min_count(round.turnout.voted);
    match round.kind {
        RoundKind::First => first,
        RoundKind::Supplementary => match preset.supplementary.0 {
            SupplementaryWin::OneThirdOfCast => Share::AT_LEAST_ONE_THIRD.min_count(round.turnout.ballots_returned),
            SupplementaryWin::AsFirstRound => first,
        },
        // Among the tied the most votes win (legal-rules 4.22, 5.11): plurality.
        RoundKind::TieRevote => 1,
        // 预选 ranks nominees by votes; the Party's formal candidates need more than half (4.24).
        RoundKind::Preselection if preset.family == crate::law::rules::Family::Party => first,
        RoundKind::Preselection => 1,
    }
}

/// Highest first: everyone over the threshold fits → all elected; otherwise those strictly
/// above the cut-off are elected and everyone tied at it goes to a re-vote.
fn fill(over: &[(&String, u64)], seats: u32) -> (Vec<String>, Vec<String>) {
    let seats = seats as usize;
    if over.len() <= seats {
        return (over.iter().map(|(id, _)| (*id).clone()).collect(), Vec::new());
    }
    if seats == 0 {
        return (Vec::new(), Vec::new());
    }
    let cut = over[seats - 1].1;
    if over[seats].1 < cut {
        return (over[..seats].iter().map(|(id, _)| (*id).clone()).collect(), Vec::new());
    }
    let above = over.iter().filter(|(_, v)| *v > cut).map(|(id, _)| (*id).clone()).collect();
    let tied = over.iter().filter(|(_, v)| *v == cut).map(|(id, _)| (*id).clone()).collect();
    (above, tied)
}

struct Counted {
    spoilt: u64,
    /// Per post (round order): person → votes.
    votes: Vec<BTreeMap<String, u64>>,
}

/// Count every ballot: whole-ballot voids, void parts, then marks (carried downward where the
/// preset says, each ballot at most once per person and post).
fn count(round: &Round) -> Counted {
    let preset = round.preset;
    let index: std::collections::HashMap<&str, usize> =
        round.people.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let posts = round.posts.len();
    let mut tallies = vec![vec![0u64; round.people.len()]; posts];
    let mut spoilt = 0;
    let mut seen = vec![usize::MAX; round.people.len()];
    // Per post: the marks of the current ballot's valid part (buffers reused across ballots).
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); posts];
    let mut valid = vec![false; posts];
    let mut all = Vec::new();
    let mut stamp = 0usize;

    for ballot in &round.ballots {
        if ballot.spoilt {
            spoilt += ballot.n;
            continue;
        }
        let mut whole_void = false;
        for (p, &(post, seats)) in round.posts.iter().enumerate() {
            valid[p] = false;
            if ballot.illegible.contains(&post) {
                continue;
            }
            let Some(marks) = ballot.marks.get(&post) else { continue };
            let ids = &mut parts[p];
            ids.clear();
            ids.extend(marks.iter().filter_map(|m| index.get(m.as_str()).copied()));
            ids.sort_unstable();
            ids.dedup();
            if ids.len() > seats as usize {
                whole_void |= preset.overvote.0 == Overvote::WholeBallot;
                continue;
            }
            valid[p] = true;
        }
        if !whole_void && preset.two_posts_void {
            all.clear();
            all.extend((0..posts).filter(|&p| valid[p]).flat_map(|p| parts[p].iter().copied()));
            let before = all.len();
            all.sort_unstable();
            all.dedup();
            whole_void = all.len() != before;
        }
        if whole_void {
            spoilt += ballot.n;
            continue;
        }
        for p in 0..posts {
            match preset.carry.0 {
                Carry::None if valid[p] => {
                    for &person in &parts[p] {
                        tallies[p][person] += ballot.n;
                    }
                }
                Carry::None => {}
                Carry::Downward => {
                    stamp += 1;
                    for q in (0..=p).filter(|&q| valid[q]) {
                        for &person in &parts[q] {
                            if seen[person] != stamp {
                                seen[person] = stamp;
                                tallies[p][person] += ballot.n;
                            }
                        }
                    }
                }
            }
        }
    }
    let votes = tallies
        .into_iter()
        .map(|row| {
            row.into_iter().enumerate().filter(|(_, v)| *v > 0).map(|(i, v)| (round.people[i].id.clone(), v)).collect()
        })
        .collect();
    Counted { spoilt, votes }
}

/// A synthetic round for benchmarks (the same in the native bench and in the browser):
/// `ballots` distinct ballots on 1 director, 2 deputies and 6 members (9 seats), deterministic.
pub fn bench_round(preset: &Preset, ballots: usize) -> Round<'_> {
    let posts = vec![(Post::Director, 1), (Post::DeputyDirector, 2), (Post::Member, 6)];
    let people: Vec<Person> = (0..30)
        .map(|i| Person {
            id: format!("p{i}"),
            name: format!("候选人{i}"),
            sex: if i % 3 == 0 { Sex::Female } else { Sex::Male },
        })
        .collect();
    let ranges = [(Post::Director, 0..3), (Post::DeputyDirector, 3..8), (Post::Member, 8..30)];
    let candidates = ranges.iter().map(|(post, r)| (*post, r.clone().map(|i| format!("p{i}")).collect())).collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let ballots: Vec<Ballot> = (0..ballots)
        .map(|_| {
            let mut marks = BTreeMap::new();
            for (post, range) in &ranges {
                let seats = posts.iter().find(|(p, _)| p == post).map(|(_, s)| *s).unwrap_or(1) as u64;
                let len = range.end - range.start;
                // Most voters mark the first `seats` candidates (so some win), the rest pick at random.
                let mut picks = Vec::new();
                for k in 0..seats as usize {
                    if next() % 10 < 8 {
                        let pick = if next() % 10 < 7 { k } else { (next() % len as u64) as usize };
                        picks.push(format!("p{}", range.start + pick));
                    }
                }
                marks.insert(*post, picks);
            }
            Ballot { n: 1, marks, spoilt: next() % 100 == 0, illegible: Vec::new() }
        })
        .collect();
    let n = ballots.len() as u64;
    Round {
        preset,
        overrides: Overrides::default(),
        electorate: Electorate::AllVoters,
        kind: RoundKind::First,
        posts,
        people,
        candidates,
        turnout: Turnout { registered: n + n / 3, voted: n, ballots_issued: n, ballots_returned: n },
        ballots,
        elected_earlier: Vec::new(),
    }
}
