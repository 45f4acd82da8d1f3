//! Rounds (election::rounds): the first round's ballot, and the round that completes one with the
//! day it must be held by. The screens show these; the core's `check_round_opening` must agree.

use huanjie_core::demo::testkit::{d, Election};
use huanjie_core::election::rounds::{first_round, next_round, next_round_posts};
use huanjie_core::record::events::*;

#[test]
fn the_first_round_ballot_takes_the_standing_nominees_before_the_final_list() {
    let e = Election::new(20);
    let state = e.state();
    let opened = first_round(&state).expect("a defined election");
    assert_eq!(opened.kind, RoundKind::First);
    assert_eq!(opened.held_on, d(5, 18), "on the election day");
    assert_eq!(opened.after, None);
    let seats: Vec<(Post, u32, usize)> = opened.posts.iter().map(|p| (p.post, p.seats, p.candidates.len())).collect();
    assert_eq!(seats, [(Post::Director, 1, 2), (Post::Member, 2, 3)]);
    assert_eq!(opened.posts[0].candidates, ["v0", "v1"]);
    let mut with_list = Election::new(20);
    with_list.add(
        "c",
        EventBody::FinalListPublished(FinalListPublished {
            published_on: d(5, 10),
            posts: vec![
                PostCandidates { post: Post::Director, candidates: vec!["v1".into(), "v0".into()] },
                PostCandidates { post: Post::Member, candidates: vec!["v4".into(), "v3".into(), "v2".into()] },
            ],
        }),
    );
    let listed = first_round(&with_list.state()).unwrap();
    assert_eq!(listed.posts[0].candidates, ["v1", "v0"], "the published list's order");
    assert_eq!(listed.posts[1].candidates, ["v4", "v3", "v2"]);
}

#[test]
fn a_tie_is_re_voted_before_seats_go_to_another_election() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..14);
    e.ballots("c", "r1", 6, &[0], &[2, 3]);
    e.ballots("c", "r1", 6, &[0], &[2, 4]);
    e.ballots("c", "r1", 2, &[0], &[3, 4]);
    let decision = e.sign("r1");
    let state = e.state();
    let next = next_round(&state, &state.rounds["r1"].opened, &decision.result).expect("a tie to re-vote");
    assert_eq!(next.kind, RoundKind::TieRevote);
    assert_eq!(next.posts, next_round_posts(&decision.result, RoundKind::TieRevote));
    assert_eq!(next.deadline, Some(d(6, 17)), "national 2025: within 30 days of the first round");
}

/// The results screen once counted the deadline from the round just signed, the core from the
/// first round of the chain: after a 另行选举 held on 6 June the screen said 6 July while the core
/// refused anything after 17 June.
#[test]
fn the_deadline_the_results_screen_shows_is_the_one_the_core_accepts() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 7, &[0], &[2]);
    e.ballots("c", "r1", 5, &[1], &[3]);
    let first = e.sign("r1");
    let state = e.state();
    let plan = next_round(&state, &state.rounds["r1"].opened, &first.result).expect("a seat left open");
    assert_eq!((plan.kind, plan.deadline), (RoundKind::Supplementary, Some(d(6, 17))));
    // The 另行选举 on 6 June elects nobody (a third of the ballots cast is needed).
    e.open("r2", RoundKind::Supplementary, Some("r1"), plan.posts, d(6, 6));
    e.check_in("r2", 0..12);
    e.ballots("c", "r2", 2, &[], &[3]);
    e.spoilt("c", "r2", 10);
    let second = e.sign("r2");
    let state = e.state();
    let again = next_round(&state, &state.rounds["r2"].opened, &second.result).expect("the seat is still open");
    assert_eq!(again.kind, RoundKind::Supplementary);
    assert_eq!(again.deadline, Some(d(6, 17)), "counted from the first round of the chain, not from 6 June");
    let on_the_day = RoundOpened {
        round: "r3".into(),
        kind: again.kind,
        held_on: again.deadline.unwrap(),
        posts: again.posts,
        after: Some("r2".into()),
    };
    assert_eq!(state.check_round_opening(&on_the_day), Ok(()), "the day shown is accepted");
    let day_after = RoundOpened { held_on: d(6, 18), ..on_the_day };
    assert!(state.check_round_opening(&day_after).is_err());
}
