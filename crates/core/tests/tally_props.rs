//! The tally's laws as properties, and each threshold edge and preset rule as a case derived
//! from its article (legal-rules.md §7 gives the worked vectors).

use huanjie_core::base::idnum::Sex;
use huanjie_core::law::rules;
use huanjie_core::law::rules::Electorate;
use huanjie_core::law::scenario;
use huanjie_core::law::tally::{tally, Ballot, Overrides, Person, Round, RoundKind, Turnout};
use huanjie_core::record::events::Post;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

// ---------- properties ----------

const POSTS: [(Post, u32); 3] = [(Post::Director, 1), (Post::DeputyDirector, 1), (Post::Member, 3)];

fn people() -> Vec<Person> {
    (0..8)
        .map(|i| Person {
            id: format!("p{i}"),
            name: String::new(),
            sex: if i % 2 == 0 { Sex::Male } else { Sex::Female },
        })
        .collect()
}

fn ballot_strategy() -> impl Strategy<Value = Ballot> {
    (
        proptest::collection::vec(0usize..8, 0..2),
        proptest::collection::vec(0usize..8, 0..2),
        proptest::collection::vec(0usize..8, 0..5),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(d, dd, m, spoilt)| {
            let ids = |v: Vec<usize>| v.into_iter().map(|i| format!("p{i}")).collect::<Vec<_>>();
            let mut marks = BTreeMap::new();
            marks.insert(Post::Director, ids(d));
            marks.insert(Post::DeputyDirector, ids(dd));
            marks.insert(Post::Member, ids(m));
            Ballot { n: 1, marks, spoilt, illegible: vec![] }
        })
}

fn round(preset: &str, ballots: Vec<Ballot>) -> Round<'static> {
    let n = ballots.len() as u64;
    Round {
        preset: rules::preset(preset).unwrap(),
        overrides: Overrides::default(),
        electorate: Electorate::AllVoters,
        kind: RoundKind::First,
        posts: POSTS.to_vec(),
        people: people(),
        candidates: BTreeMap::new(),
        turnout: Turnout { registered: n + 1, voted: n, ballots_issued: n, ballots_returned: n },
        ballots,
        elected_earlier: Vec::new(),
    }
}

fn votes_of(r: &huanjie_core::law::tally::RoundResult, post: Post) -> BTreeMap<String, u64> {
    r.posts.iter().find(|p| p.post == post).map(|p| p.votes.clone()).unwrap_or_default()
}

proptest! {
    #[test]
    fn counting_does_not_depend_on_ballot_order(
        ballots in proptest::collection::vec(ballot_strategy(), 1..40),
        seed in any::<u64>(),
        preset in prop::sample::select(vec!["national-2025-residents", "hainan-2025-village", "sichuan-2025-village", "zhejiang-2020-village"]),
    ) {
        let mut shuffled = ballots.clone();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(tally(&round(preset, ballots)), tally(&round(preset, shuffled)));
    }

    #[test]
    fn elected_and_tied_never_exceed_the_seats(
        ballots in proptest::collection::vec(ballot_strategy(), 1..60),
        preset in prop::sample::select(vec!["national-2025-residents", "hainan-2025-village", "sichuan-2025-residents"]),
    ) {
        let r = tally(&round(preset, ballots));
        for p in &r.posts {
            prop_assert!(p.elected.len() as u32 <= p.seats);
            prop_assert_eq!(p.elected.len() as u32 + p.unfilled <= p.seats, true);
            // Tied people only appear when they compete for seats that are left.
            if !p.tie_revote.is_empty() {
                prop_assert!((p.elected.len() + p.tie_revote.len()) as u32 > p.seats - p.unfilled);
            }
            prop_assert!(p.elected.iter().all(|id| !p.tie_revote.contains(id)));
            prop_assert!(p.elected.iter().all(|id| p.votes[id] >= p.threshold));
        }
        // Nobody holds two posts.
        let mut all: Vec<&String> = r.posts.iter().flat_map(|p| &p.elected).collect();
        let before = all.len();
        all.sort(); all.dedup();
        prop_assert_eq!(all.len(), before);
    }

    #[test]
    fn one_person_one_post_across_earlier_rounds_and_tie_revotes(
        ballots in proptest::collection::vec(ballot_strategy(), 1..60),
        earlier in proptest::collection::btree_map(0usize..8, 0usize..3, 0..3),
        preset in prop::sample::select(vec!["national-2025-residents", "hainan-2025-village", "sichuan-2025-village", "hebei-2020-village"]),
    ) {
        let mut round = round(preset, ballots);
        round.elected_earlier =
            earlier.iter().map(|(&person, &post)| (POSTS[post].0, format!("p{person}"))).collect();
        let r = tally(&round);
        let earlier_at = |post: Post, id: &String| round.elected_earlier.iter().any(|(p, e)| *p <= post && e == id);
        let mut tied_higher: Vec<&String> = Vec::new();
        for p in &r.posts {
            // Elected earlier to this post or a higher one: not counted, not elected again.
            prop_assert!(p.votes.keys().all(|id| !earlier_at(p.post, id)));
            // In a higher post's tie re-vote: may keep votes here, never elected here.
            prop_assert!(p.elected.iter().chain(&p.tie_revote).all(|id| !tied_higher.contains(&id)));
            tied_higher.extend(&p.tie_revote);
        }
        // A woman elected earlier satisfies the women's rule: no member seat is held back.
        if r.valid && round.elected_earlier.iter().any(|(_, id)| id[1..].parse::<usize>().unwrap() % 2 == 1) {
            prop_assert!(r.women.satisfied);
            prop_assert!(!r.women.reserved_seat);
            prop_assert_eq!(&r.women.elected_by_rule, &None);
        }
    }

    #[test]
    fn adding_a_ballot_never_lowers_a_count(
        ballots in proptest::collection::vec(ballot_strategy(), 1..40),
        extra in ballot_strategy(),
    ) {
        // Counts are compared on the director post, which no higher post can take people from.
        let before = tally(&round("hainan-2025-village", ballots.clone()));
        let mut more = ballots;
        more.push(extra);
        let after = tally(&round("hainan-2025-village", more));
        for (id, v) in votes_of(&before, Post::Director) {
            prop_assert!(votes_of(&after, Post::Director).get(&id).copied().unwrap_or(0) >= v);
        }
    }
}

// ---------- cases, each from an article ----------

fn run(v: Value) -> Value {
    scenario::run(&v.to_string()).unwrap()
}

/// One post; `counts` gives (person, votes) with every ballot marking one person; blanks fill
/// up to `voted`.
fn one_post(preset: &str, post: &str, seats: u32, voted: u64, counts: &[(&str, &str, u64)], round: &str) -> Value {
    let people: Vec<Value> = counts.iter().map(|(id, sex, _)| json!({"id": id, "name": id, "sex": sex})).collect();
    let mut ballots: Vec<Value> =
        counts.iter().filter(|c| c.2 > 0).map(|(id, _, n)| json!({"n": n, post: [id]})).collect();
    let marked: u64 = counts.iter().map(|c| c.2).sum();
    if voted > marked {
        ballots.push(json!({"n": voted - marked}));
    }
    let turnout = if preset == "party-2020" {
        json!({"expected": voted * 5 / 4 - 1, "present": voted, "ballots_issued": voted, "ballots_returned": voted})
    } else {
        json!({"registered": voted * 2 - 1, "voted": voted, "ballots_issued": voted, "ballots_returned": voted})
    };
    run(json!({"rules": preset, "round": round, "posts": [{"post": post, "seats": seats}], "people": people,
               "turnout": turnout, "ballots": ballots}))
}

#[test]
fn exactly_half_of_the_voters_does_not_elect_and_one_more_does() {
    // 居委会组织法 2025 art 19: 过半数 (民法典 art 1259: 超过 excludes the base).
    let r = one_post("national-2025-residents", "director", 1, 500, &[("a", "M", 250), ("b", "M", 249)], "first");
    assert_eq!(r["posts"]["director"]["threshold"], 251);
    assert_eq!(r["posts"]["director"]["elected"], json!([]));
    assert_eq!(r["posts"]["director"]["unfilled"], 1);
    let r = one_post("national-2025-residents", "director", 1, 500, &[("a", "M", 251), ("b", "M", 249)], "first");
    assert_eq!(r["posts"]["director"]["elected"], json!(["a"]));
}

#[test]
fn exactly_one_third_elects_in_a_supplementary_round() {
    // 村委会组织法 2018 art 15: 不得少于已投选票总数的三分之一 (inclusive). 501 cast → 167.
    let r = one_post("national-2018-village", "member", 1, 501, &[("a", "M", 167), ("b", "M", 150)], "supplementary");
    assert_eq!(r["posts"]["member"]["threshold"], 167);
    assert_eq!(r["posts"]["member"]["elected"], json!(["a"]));
    // 500 cast: 166 is below a third (3·166 = 498 < 500).
    let r = one_post("national-2018-village", "member", 1, 500, &[("a", "M", 166), ("b", "M", 150)], "supplementary");
    assert_eq!(r["posts"]["member"]["elected"], json!([]));
}

#[test]
fn party_supplementary_rounds_still_need_more_than_half() {
    // legal-rules 4.23: 另行选举 for the Party still needs > ½ of those present.
    let r = one_post("party-2020", "member", 1, 40, &[("a", "M", 20), ("b", "M", 15)], "supplementary");
    assert_eq!(r["posts"]["member"]["threshold"], 21);
    assert_eq!(r["posts"]["member"]["elected"], json!([]));
    assert_eq!(r["women"]["required"], false);
}

#[test]
fn party_quorum_four_fifths_strict_unless_overridden() {
    let base = |present: u64, exact: bool| {
        json!({"rules": "party-2020", "rule_overrides": {"allow_exact_four_fifths": exact},
               "posts": [{"post": "member", "seats": 1}], "people": [{"id": "a", "name": "甲", "sex": "F"}],
               "turnout": {"expected": 50, "present": present, "ballots_issued": present, "ballots_returned": present},
               "ballots": [{"n": present, "member": ["a"]}]})
    };
    assert_eq!(run(base(40, false))["void_reasons"], json!(["quorum_not_met"]));
    assert_eq!(run(base(40, true))["valid"], true);
    assert_eq!(run(base(41, false))["valid"], true);
    assert_eq!(run(base(41, false))["posts"]["member"]["threshold"], 21);
}

#[test]
fn resident_representatives_need_more_than_two_thirds() {
    // 居委会组织法 2025 art 19 ¶1: 超过三分之二的居民代表.
    let v = |voted: u64| {
        json!({"rules": "national-2025-residents", "electorate": "resident_reps",
               "posts": [{"post": "director", "seats": 1}], "people": [{"id": "a", "name": "甲", "sex": "F"}],
               "turnout": {"registered": 30, "voted": voted, "ballots_issued": voted, "ballots_returned": voted},
               "ballots": [{"n": voted, "director": ["a"]}]})
    };
    assert_eq!(run(v(20))["void_reasons"], json!(["turnout_too_low"]));
    assert_eq!(run(v(21))["valid"], true);
    // Village presets set no two-thirds rule: 16 of 30 is more than half.
    let mut village = v(16);
    village["rules"] = "national-2025-village".into();
    assert_eq!(run(village)["valid"], true);
}

#[test]
fn spoilt_ballots_count_in_the_totals_and_give_nobody_a_vote() {
    // 四川 art 32 / 河北 art 28: 废票计入选票总数.
    let r = run(json!({"rules": "national-2025-village", "posts": [{"post": "director", "seats": 1}],
        "people": [{"id": "a", "name": "甲", "sex": "F"}],
        "turnout": {"registered": 100, "voted": 60, "ballots_issued": 60, "ballots_returned": 60},
        "ballots": [{"n": 30, "director": ["a"]}, {"n": 30, "spoilt": true}]}));
    assert_eq!(r["ballots"], json!({"cast": 60, "spoilt": 30}));
    assert_eq!(r["posts"]["director"]["threshold"], 31);
    assert_eq!(r["posts"]["director"]["elected"], json!([]), "30 of 60 is exactly half");
}

fn two_posts(preset: &str, ballots: Value) -> Value {
    run(json!({"rules": preset, "posts": [{"post": "director", "seats": 1}, {"post": "member", "seats": 2}],
        "people": [{"id": "a", "name": "甲", "sex": "F"}, {"id": "b", "name": "乙", "sex": "M"}, {"id": "c", "name": "丙", "sex": "M"}],
        "turnout": {"registered": 19, "voted": 10, "ballots_issued": 10, "ballots_returned": 10}, "ballots": ballots}))
}

#[test]
fn an_overvoted_part_is_void_alone_or_with_the_whole_ballot_by_preset() {
    let ballots = json!([{"n": 10, "director": ["a"], "member": ["a", "b", "c"]}]);
    // National: only the member part (3 marks for 2 seats) is void.
    let national = two_posts("national-2025-village", ballots.clone());
    assert_eq!(national["posts"]["director"]["elected"], json!(["a"]));
    assert_eq!(national["ballots"]["spoilt"], 0);
    // 四川 art 32: 每项职务所选人数多于应选人数的，选票无效 → the whole ballot.
    let sichuan = two_posts("sichuan-2025-village", ballots.clone());
    assert_eq!(sichuan["ballots"]["spoilt"], 10);
    assert_eq!(sichuan["posts"]["director"]["votes"], json!({}));
    // 河北 art 28 ¶2: 所选人数多于应选人数的，选票无效 → the whole ballot too.
    let hebei = two_posts("hebei-2020-village", ballots);
    assert_eq!(hebei["ballots"]["spoilt"], 10);
    assert_eq!(hebei["posts"]["director"]["votes"], json!({}));
}

#[test]
fn an_illegible_part_voids_only_that_part_even_under_whole_ballot_rules() {
    let r = two_posts(
        "sichuan-2025-village",
        json!([{"n": 10, "director": ["a"], "member": ["b"], "illegible": ["member"]}]),
    );
    assert_eq!(r["ballots"]["spoilt"], 0);
    assert_eq!(r["posts"]["director"]["elected"], json!(["a"]));
    assert_eq!(r["posts"]["member"]["votes"], json!({}));
}

#[test]
fn zhejiang_voids_a_ballot_naming_one_person_for_two_posts() {
    // 浙江 art 27.
    let r = two_posts(
        "zhejiang-2020-village",
        json!([{"n": 6, "director": ["b"], "member": ["b"]}, {"n": 4, "director": ["b"], "member": ["c"]}]),
    );
    assert_eq!(r["ballots"]["spoilt"], 6);
    assert_eq!(r["posts"]["director"]["votes"], json!({"b": 4}));
}

#[test]
fn votes_carry_downward_in_hainan_and_hebei_never_upward() {
    // 海南 art 31 / 河北 art 29: a failed director's votes count on the member post.
    let ballots = json!([{"n": 4, "director": ["b"], "member": ["c"]}, {"n": 2, "member": ["b"]}, {"n": 4, "director": ["c"], "member": ["a"]}]);
    for preset in ["hainan-2025-village", "hebei-2020-village"] {
        let r = two_posts(preset, ballots.clone());
        assert_eq!(r["posts"]["director"]["votes"], json!({"b": 4, "c": 4}), "{preset}: member votes never go up");
        assert_eq!(r["posts"]["member"]["votes"]["b"], 6, "{preset}: 4 carried + 2");
        assert_eq!(r["posts"]["member"]["votes"]["c"], 8, "{preset}: once per ballot");
    }
    // 河北 has no women's seat rule: b (6) and c (8) are both over the threshold of 6.
    assert_eq!(two_posts("hebei-2020-village", ballots.clone())["posts"]["member"]["elected"], json!(["b", "c"]));
    // 海南 art 32 also applies: no woman over the threshold → one member seat is reserved.
    let hainan = two_posts("hainan-2025-village", ballots.clone());
    assert_eq!(hainan["posts"]["member"]["elected"], json!(["c"]));
    assert_eq!(hainan["women"]["reserved_seat"], true);
    let national = two_posts("national-2025-village", ballots);
    assert_eq!(national["posts"]["member"]["votes"]["b"], 2);
}

#[test]
fn a_tie_at_the_last_seat_goes_to_a_revote_and_those_above_are_elected() {
    let r = run(json!({"rules": "national-2025-residents", "posts": [{"post": "member", "seats": 2}],
        "people": [{"id": "a", "name": "甲", "sex": "F"}, {"id": "b", "name": "乙", "sex": "M"}, {"id": "c", "name": "丙", "sex": "M"}],
        "turnout": {"registered": 23, "voted": 12, "ballots_issued": 12, "ballots_returned": 12},
        "ballots": [{"n": 3, "member": ["a", "b"]}, {"n": 3, "member": ["a", "c"]}, {"n": 4, "member": ["b", "c"]}, {"n": 2, "member": ["a"]}]}));
    // a 8, b 7, c 7; threshold 7; two seats: a is elected, b and c tie for the second.
    let m = &r["posts"]["member"];
    assert_eq!(m["elected"], json!(["a"]));
    assert_eq!(m["tie_revote"], json!(["b", "c"]));
    assert_eq!(m["unfilled"], 0);
}

fn women_case(preset: &str, w_votes: u64) -> Value {
    run(json!({"rules": preset,
        "posts": [{"post": "director", "seats": 1}, {"post": "member", "seats": 3}],
        "people": [{"id": "d", "name": "主任", "sex": "M"}, {"id": "m1", "name": "一", "sex": "M"}, {"id": "m2", "name": "二", "sex": "M"},
                   {"id": "m3", "name": "三", "sex": "M"}, {"id": "m4", "name": "四", "sex": "M"}, {"id": "w", "name": "女", "sex": "F"}],
        "turnout": {"registered": 999, "voted": 500, "ballots_issued": 500, "ballots_returned": 500},
        "ballots": [{"n": w_votes, "director": ["d"], "member": ["m1", "m2", "w"]},
                    {"n": 500 - w_votes, "director": ["d"], "member": ["m1", "m2", "m3"]}]}))
}

#[test]
fn sichuan_seats_the_woman_over_the_threshold_first() {
    // legal-rules §7: W has 260 of 500 and ranks below three men → W first, then the top two.
    let r = women_case("sichuan-2025-village", 260);
    assert_eq!(r["women"]["elected_by_rule"], "w");
    assert_eq!(r["posts"]["member"]["elected"], json!(["m1", "m2", "w"]));
    assert_eq!(r["women"]["satisfied"], true);
}

#[test]
fn sichuan_reserves_a_seat_when_no_woman_is_over_the_threshold() {
    // The woman has 240 of 500 (below 251); three men are over the threshold.
    let r = women_case("hainan-2025-village", 240);
    assert_eq!(r["women"]["reserved_seat"], true);
    assert_eq!(r["women"]["elected_by_rule"], Value::Null);
    assert_eq!(r["posts"]["member"]["elected"], json!(["m1", "m2"]));
    assert_eq!(r["posts"]["member"]["unfilled"], 1);
    // National rules only warn: the three men with most votes win.
    let n = women_case("national-2025-village", 240);
    assert_eq!(n["posts"]["member"]["elected"], json!(["m1", "m2", "m3"]));
    assert_eq!(n["women"]["satisfied"], false);
    assert_eq!(n["women"]["required"], true);
}

#[test]
fn zhejiang_elects_the_women_member_on_its_own_post() {
    let r = run(json!({"rules": "zhejiang-2020-village",
        "posts": [{"post": "member", "seats": 1}, {"post": "women_member", "seats": 1}],
        "people": [{"id": "m", "name": "男", "sex": "M"}, {"id": "w", "name": "女", "sex": "F"}],
        "turnout": {"registered": 19, "voted": 10, "ballots_issued": 10, "ballots_returned": 10},
        "ballots": [{"n": 10, "member": ["m"], "women_member": ["w"]}]}));
    assert_eq!(r["posts"]["women_member"]["elected"], json!(["w"]));
    assert_eq!(r["women"]["satisfied"], true);
}

#[test]
fn excess_ballots_compare_with_voters_or_with_ballots_issued_by_preset() {
    let v = |preset: &str| {
        run(
            json!({"rules": preset, "posts": [{"post": "director", "seats": 1}], "people": [{"id": "a", "name": "甲", "sex": "F"}],
            "turnout": {"registered": 100, "voted": 60, "ballots_issued": 62, "ballots_returned": 61},
            "ballots": [{"n": 61, "director": ["a"]}]}),
        )
    };
    // 61 returned: more than the 60 who voted (national), not more than the 62 issued (四川).
    assert_eq!(v("national-2025-village")["void_reasons"], json!(["excess_ballots"]));
    assert_eq!(v("sichuan-2025-village")["valid"], true);
}

#[test]
fn hainan_counts_returned_ballots_for_turnout() {
    // 海南 art 29: returned > ½ of voters; issued 510, returned 501 of 1000 → valid.
    let r = run(
        json!({"rules": "hainan-2025-village", "posts": [{"post": "director", "seats": 1}], "people": [{"id": "a", "name": "甲", "sex": "F"}],
        "turnout": {"registered": 1000, "voted": 500, "ballots_issued": 510, "ballots_returned": 501},
        "ballots": [{"n": 501, "director": ["a"]}]}),
    );
    assert_eq!(r["valid"], true);
}

#[test]
fn unfilled_seats_get_a_supplementary_plan_with_the_margin() {
    // Members +1..3 (河北 art 17); 河北 has no women's seat rule to reserve a seat here.
    let preset = rules::preset("hebei-2020-village").unwrap();
    let round = Round {
        preset,
        overrides: Overrides::default(),
        electorate: Electorate::AllVoters,
        kind: RoundKind::First,
        posts: vec![(Post::Member, 2)],
        people: people(),
        candidates: BTreeMap::new(),
        turnout: Turnout { registered: 19, voted: 10, ballots_issued: 10, ballots_returned: 10 },
        ballots: vec![Ballot {
            n: 10,
            marks: [(Post::Member, vec!["p1".to_string(), "p0".to_string()])].into(),
            ..Ballot::default()
        }],
        elected_earlier: Vec::new(),
    };
    let r = tally(&round);
    assert_eq!(r.posts[0].elected, vec!["p0", "p1"]);
    let low = Round {
        ballots: vec![
            Ballot { n: 5, marks: [(Post::Member, vec!["p1".into(), "p2".into()])].into(), ..Ballot::default() },
            Ballot { n: 3, marks: [(Post::Member, vec!["p3".into()])].into(), ..Ballot::default() },
            Ballot { n: 2, marks: [(Post::Member, vec!["p4".into()])].into(), ..Ballot::default() },
        ],
        ..round
    };
    let r = tally(&low);
    assert_eq!(r.posts[0].unfilled, 2);
    // Not all first-round people: the non-elected with most votes, seats + 1 (河北 art 31).
    let plan: Vec<_> = r.supplementary.iter().filter(|s| !s.women_only).collect();
    assert_eq!(plan[0].seats, 2);
    assert_eq!(plan[0].candidates, vec!["p1", "p2", "p3"]);
}

#[test]
fn a_tie_revote_is_won_by_the_most_votes() {
    // Only the tied stand; most votes win (legal-rules 4.22 / 5.11), no majority needed.
    let r = run(
        json!({"rules": "national-2025-residents", "round": "tie_revote", "posts": [{"post": "member", "seats": 1}],
        "people": [{"id": "b", "name": "乙", "sex": "M"}, {"id": "c", "name": "丙", "sex": "M"}],
        "turnout": {"registered": 23, "voted": 12, "ballots_issued": 12, "ballots_returned": 12},
        "ballots": [{"n": 5, "member": ["b"]}, {"n": 4, "member": ["c"]}, {"n": 3}]}),
    );
    assert_eq!(r["posts"]["member"]["elected"], json!(["b"]));
    assert_eq!(r["posts"]["member"]["threshold"], 1);
}

/// `women_case` with people elected in an earlier round (separate rounds per post).
fn women_case_after(preset: &str, w_votes: u64, earlier: Value) -> Value {
    let mut v: Value = serde_json::from_str(&women_case_json(preset, w_votes).to_string()).unwrap();
    v["people"].as_array_mut().unwrap().push(json!({"id": "dw", "name": "女主任", "sex": "F"}));
    v["elected_earlier"] = earlier;
    run(v)
}

fn women_case_json(preset: &str, w_votes: u64) -> Value {
    json!({"rules": preset,
        "posts": [{"post": "member", "seats": 3}],
        "people": [{"id": "m1", "name": "一", "sex": "M"}, {"id": "m2", "name": "二", "sex": "M"},
                   {"id": "m3", "name": "三", "sex": "M"}, {"id": "w", "name": "女", "sex": "F"}],
        "turnout": {"registered": 999, "voted": 500, "ballots_issued": 500, "ballots_returned": 500},
        "ballots": [{"n": w_votes, "member": ["m1", "m2", "w"]}, {"n": 500 - w_votes, "member": ["m1", "m2", "m3"]}]})
}

#[test]
fn a_woman_elected_director_in_an_earlier_round_satisfies_the_womens_rule() {
    // 海南 art 26 (separate rounds per post) with art 32: the director, a woman, was elected
    // first; in the members' round no seat is reserved although no woman is over the threshold.
    let r = women_case_after("hainan-2025-village", 240, json!([{"post": "director", "id": "dw"}]));
    assert_eq!(r["women"]["reserved_seat"], false);
    assert_eq!(r["women"]["satisfied"], true);
    assert_eq!(r["posts"]["member"]["elected"], json!(["m1", "m2", "m3"]));
    assert_eq!(r["posts"]["member"]["unfilled"], 0);
    // Nor is the woman over the threshold seated by the rule: she wins on her votes (260 > 240).
    let r = women_case_after("sichuan-2025-village", 260, json!([{"post": "director", "id": "dw"}]));
    assert_eq!(r["women"]["elected_by_rule"], Value::Null);
    assert_eq!(r["posts"]["member"]["elected"], json!(["m1", "m2", "w"]));
    // A man elected earlier changes nothing: the seat is reserved, and it counts in unfilled.
    let r = women_case_after("hainan-2025-village", 240, json!([{"post": "director", "id": "m3"}]));
    assert_eq!(r["women"]["reserved_seat"], true);
    assert_eq!(r["posts"]["member"]["elected"], json!(["m1", "m2"]));
    assert_eq!(r["posts"]["member"]["unfilled"], 1);
    // National rules only warn, but women.satisfied sees the woman elected earlier.
    let r = women_case_after("national-2025-village", 240, json!([{"post": "director", "id": "dw"}]));
    assert_eq!(r["women"]["satisfied"], true);
}

#[test]
fn people_elected_earlier_are_left_out_of_the_same_and_lower_posts_only() {
    // m3 elected director earlier; written in on the member post, not counted there.
    let mut v = women_case_json("national-2025-village", 240);
    v["elected_earlier"] = json!([{"post": "director", "id": "m3"}]);
    let r = run(v.clone());
    assert_eq!(r["posts"]["member"]["votes"], json!({"m1": 500, "m2": 500, "w": 240}));
    assert_eq!(r["posts"]["member"]["elected"], json!(["m1", "m2"]));
    assert_eq!(r["posts"]["member"]["unfilled"], 1);
    // Elected member earlier and standing for director now (members first, 河北 art 23): counted.
    v["posts"] = json!([{"post": "director", "seats": 1}]);
    v["elected_earlier"] = json!([{"post": "member", "id": "m3"}]);
    v["ballots"] = json!([{"n": 300, "director": ["m3"]}, {"n": 200, "director": ["m1"]}]);
    assert_eq!(run(v)["posts"]["director"]["elected"], json!(["m3"]));
    // Each id must be in people.
    let mut bad = women_case_json("national-2025-village", 240);
    bad["elected_earlier"] = json!([{"post": "director", "id": "nobody"}]);
    assert!(scenario::run(&bad.to_string()).unwrap_err().contains("not in people"));
}

#[test]
fn a_person_tied_for_a_higher_post_is_passed_over_on_a_lower_one() {
    // Three tied for two deputy seats; c is also top of the member post with 10 of 12.
    let r = run(json!({"rules": "national-2025-residents",
        "posts": [{"post": "deputy_director", "seats": 2}, {"post": "member", "seats": 1}],
        "people": [{"id": "a", "name": "甲", "sex": "F"}, {"id": "b", "name": "乙", "sex": "M"},
                   {"id": "c", "name": "丙", "sex": "M"}, {"id": "d", "name": "丁", "sex": "M"}],
        "turnout": {"registered": 23, "voted": 12, "ballots_issued": 12, "ballots_returned": 12},
        "ballots": [{"n": 4, "deputy_director": ["a", "b"], "member": ["c"]},
                    {"n": 4, "deputy_director": ["b", "c"], "member": ["c"]},
                    {"n": 2, "deputy_director": ["a", "c"], "member": ["c"]},
                    {"n": 2, "deputy_director": ["a", "c"], "member": ["d"]}]}));
    assert_eq!(r["posts"]["deputy_director"]["tie_revote"], json!(["a", "b", "c"]));
    let m = &r["posts"]["member"];
    assert_eq!(m["votes"], json!({"c": 10, "d": 2}), "c's votes still show");
    assert_eq!(m["elected"], json!([]));
    assert_eq!(m["tie_revote"], json!([]));
    assert_eq!(m["unfilled"], 1);
}
