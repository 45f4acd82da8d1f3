//! One round's events to the engine's decision (election::count), on the test kit's election.

use huanjie_core::demo::testkit::{d, Election};
use huanjie_core::demo::{self};
use huanjie_core::election::count::*;
use huanjie_core::election::progress::{result_report, summary_text};
use huanjie_core::election::rounds::next_round_posts;
use huanjie_core::law::tally::{self, RoundResult};
use huanjie_core::office::stats;
use huanjie_core::record::bundle::{verify_file_report, Kind};
use huanjie_core::record::events::*;
use huanjie_core::record::identity::Role;
use huanjie_core::record::log::Log;
use huanjie_core::record::state::ElectionState;

fn post(r: &RoundResult, p: Post) -> &tally::PostResult {
    r.posts.iter().find(|x| x.post == p).unwrap()
}

#[test]
fn exactly_half_turning_out_is_void_and_one_more_is_valid() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..10);
    let status = turnout_status(&e.state(), "r1").unwrap();
    assert_eq!((status.registered, status.voted, status.needed, status.reached), (20, 10, 11, false));
    assert!(status.rule.contains("超过半数"), "{}", status.rule);
    e.ballots("c", "r1", 10, &[0], &[2, 3]);
    let decision = decide(&e.state(), "r1", Some("c")).unwrap();
    assert!(!decision.result.valid);
    assert_eq!(decision.result.void_reasons, vec![tally::VoidReason::TurnoutTooLow]);

    e.check_in("r1", 10..11);
    e.ballots("c", "r1", 1, &[0], &[2, 3]);
    assert!(turnout_status(&e.state(), "r1").unwrap().reached);
    let r = decide(&e.state(), "r1", Some("c")).unwrap().result;
    assert!(r.valid);
    assert_eq!(post(&r, Post::Director).elected, vec!["v0"]);
}

#[test]
fn spoilt_ballots_count_as_cast_and_exactly_half_the_votes_does_not_win() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    // 12 voted: a winner needs 7. v0 has 6 (exactly half), v1 5, one spoilt.
    e.ballots("c", "r1", 6, &[0], &[2, 3]);
    e.ballots("c", "r1", 5, &[1], &[2, 4]);
    e.spoilt("c", "r1", 1);
    let r = decide(&e.state(), "r1", Some("c")).unwrap().result;
    assert_eq!((r.cast, r.spoilt), (12, 1));
    let director = post(&r, Post::Director);
    assert_eq!(director.threshold, 7);
    assert!(director.elected.is_empty());
    assert_eq!(director.unfilled, 1);
    assert_eq!(post(&r, Post::Member).elected, vec!["v2"]);
}

#[test]
fn an_over_voted_post_is_void_only_for_that_post_and_the_screen_says_why() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 11, &[0], &[2, 3]);
    // Three members on a two-seat post: the member part is void, the director part counts.
    e.ballots("c", "r1", 1, &[0], &[2, 3, 4]);
    let state = e.state();
    let marks = vec![PostMarks {
        post: Post::Member,
        yes: vec!["v2".into(), "v3".into(), "v4".into()],
        no: vec![],
        write_ins: vec![],
    }];
    let notes = ballot_notes(&state, "r1", &marks);
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("委员选了3人，多于应选2名，此职务部分无效"), "{}", notes[0]);
    let r = decide(&state, "r1", Some("c")).unwrap().result;
    assert_eq!(post(&r, Post::Director).votes["v0"], 12);
    assert_eq!(post(&r, Post::Member).votes["v2"], 11);
    assert_eq!(r.spoilt, 0);
}

#[test]
fn write_ins_come_from_the_voter_list_and_candidates_marked_for_must_stand() {
    let mut e = Election::new(20);
    e.open_first();
    let state = e.state();
    let mut b = BallotEntered {
        round: "r1".into(),
        ballot: "x".into(),
        from_box: None,
        marks: vec![PostMarks { post: Post::Member, yes: vec!["v9".into()], no: vec![], write_ins: vec![] }],
        spoilt: false,
        illegible: vec![],
    };
    assert!(check_ballot(&state, &b).unwrap_err().zh.contains("另选他人"));
    b.marks[0].yes.clear();
    b.marks[0].write_ins.push(WriteIn { name: "张三".into(), voter: None });
    assert!(check_ballot(&state, &b).unwrap_err().zh.contains("须从选民名单中选定"));
    b.marks[0].write_ins = vec![WriteIn { name: "选民9".into(), voter: Some("v9".into()) }];
    assert!(check_ballot(&state, &b).is_ok());
    b.marks[0].write_ins.push(WriteIn { name: "选民9".into(), voter: Some("v9".into()) });
    assert!(check_ballot(&state, &b).unwrap_err().zh.contains("选了两次"));
    // A written-in voter's votes are counted for that voter.
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 11, &[0], &[2, 3]);
    b.marks[0].write_ins.pop();
    e.enter("c", b);
    let r = decide(&e.state(), "r1", Some("c")).unwrap().result;
    assert_eq!(post(&r, Post::Member).votes["v9"], 1);
}

#[test]
fn undone_ballots_are_not_counted() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 12, &[0], &[2, 3]);
    let last = match &e.items.last().unwrap().body {
        EventBody::BallotEntered(b) => b.ballot.clone(),
        _ => unreachable!(),
    };
    e.add("c", EventBody::BallotUndone(BallotUndone { round: "r1".into(), ballot: last, reason: "撤销上一张".into() }));
    let decision = decide(&e.state(), "r1", Some("c")).unwrap();
    assert_eq!(decision.result.cast, 11);
}

#[test]
fn a_tie_at_the_cut_off_goes_to_a_same_day_re_vote_that_keeps_the_sign_in() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..14);
    // 14 voted, 8 elect. Members: v2 12; v3 and v4 8 each, both over it, for the last seat.
    e.ballots("c", "r1", 6, &[0], &[2, 3]);
    e.ballots("c", "r1", 6, &[0], &[2, 4]);
    e.ballots("c", "r1", 2, &[0], &[3, 4]);
    let decision = e.sign("r1");
    let members = post(&decision.result, Post::Member);
    assert_eq!(
        (members.elected.clone(), members.tie_revote.clone()),
        (vec!["v2".to_string()], vec!["v3".to_string(), "v4".to_string()])
    );

    let plan = next_round_posts(&decision.result, RoundKind::TieRevote);
    assert_eq!(plan, vec![RoundPost { post: Post::Member, seats: 1, candidates: vec!["v3".into(), "v4".into()] }]);
    e.open("r2", RoundKind::TieRevote, Some("r1"), plan, d(5, 18));
    assert_eq!(voted(&e.state(), "r2"), 14);
    e.ballots("c", "r2", 8, &[], &[4]);
    e.ballots("c", "r2", 6, &[], &[3]);
    let revote = e.sign("r2");
    assert!(revote.warnings.iter().any(|w| w.contains("沿用上一轮")));
    assert_eq!(post(&revote.result, Post::Member).elected, vec!["v4"]);

    let state = e.state();
    let all: Vec<String> = elected(&state).into_iter().map(|(_, x)| x.person).collect();
    assert_eq!(all, ["v0", "v2", "v4"]);
}

#[test]
fn seats_left_open_plan_a_supplementary_round_within_the_presets_days() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 7, &[0], &[2]);
    e.ballots("c", "r1", 5, &[1], &[3]);
    let decision = e.sign("r1");
    let plan = next_round_posts(&decision.result, RoundKind::Supplementary);
    assert_eq!(plan.len(), 1);
    assert_eq!((plan[0].post, plan[0].seats), (Post::Member, 1));
    assert_eq!(plan[0].candidates[0], "v3");
    // national 2025: within 30 days of the first round.
    let late = RoundOpened {
        round: "r2".into(),
        kind: RoundKind::Supplementary,
        held_on: d(6, 18),
        posts: plan.clone(),
        after: Some("r1".into()),
    };
    assert!(e.state().check_round_opening(&late).unwrap_err().zh.contains("2026年6月17日之前"));
    let orphan = RoundOpened { after: None, held_on: d(5, 20), ..late.clone() };
    assert!(e.state().check_round_opening(&orphan).is_err());
    e.open("r2", RoundKind::Supplementary, Some("r1"), plan, d(5, 20));
    // Another day: the supplementary round has its own sign-in; a third of the ballots cast wins.
    assert_eq!(voted(&e.state(), "r2"), 0);
    e.check_in("r2", 0..12);
    e.ballots("c", "r2", 4, &[], &[3]);
    e.ballots("c", "r2", 3, &[], &[]);
    e.spoilt("c", "r2", 5);
    let r = decide(&e.state(), "r2", Some("c")).unwrap().result;
    // 12 ballots cast: a third is 4 (inclusive).
    assert_eq!(post(&r, Post::Member).threshold, 4);
    assert_eq!(post(&r, Post::Member).elected, vec!["v3"]);
}

fn totals(
    round: &str,
    ballots: u32,
    spoilt: u32,
    director: &[(u32, u32)],
    members: &[(u32, u32)],
    blanks: (u32, u32),
) -> TotalsEntered {
    let votes = |xs: &[(u32, u32)]| {
        xs.iter().map(|&(k, v)| CandidateVotes { person: format!("v{k}"), write_in: false, votes: v }).collect()
    };
    TotalsEntered {
        round: round.into(),
        from_box: None,
        ballots,
        spoilt,
        posts: vec![
            PostTotals { post: Post::Director, votes: votes(director), invalid_parts: 0, blanks: blanks.0 },
            PostTotals { post: Post::Member, votes: votes(members), invalid_parts: 0, blanks: blanks.1 },
        ],
    }
}

#[test]
fn totals_must_add_up_and_decide_like_the_same_ballots_entered_one_by_one() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 7, &[0], &[2, 3]);
    e.ballots("c", "r1", 4, &[1], &[2]);
    e.spoilt("c", "r1", 1);
    let state = e.state();
    // 11 valid ballots: director 11 places = 7 + 4; members 22 places = 11 + 7 + 4 blanks.
    let bad = totals("r1", 12, 1, &[(0, 7), (1, 4)], &[(2, 11), (3, 7)], (0, 3));
    let err = check_totals(&state, &bad).unwrap_err().zh;
    assert!(err.contains("委员合计不符") && err.contains("= 22"), "{err}");
    assert!(check_totals(&state, &totals("r1", 12, 13, &[], &[], (0, 0))).unwrap_err().zh.contains("废票"));
    assert!(check_totals(&state, &totals("r1", 12, 1, &[(0, 12)], &[(2, 11), (3, 7)], (0, 4)))
        .unwrap_err()
        .zh
        .contains("多于"));
    let good = totals("r1", 12, 1, &[(0, 7), (1, 4)], &[(2, 11), (3, 7)], (0, 4));
    check_totals(&state, &good).unwrap();
    e.add("k", EventBody::TotalsEntered(good));
    let state = e.state();
    let sheets = sheets(&state, "r1").unwrap();
    assert_eq!(sheets.len(), 2);
    let by_ballot = decide_sheet(&state, "r1", &sheets[0]).unwrap().result;
    let by_totals = decide_sheet(&state, "r1", &sheets[1]).unwrap().result;
    assert_eq!(by_ballot, by_totals);
    assert!(compare(&state, "r1", &sheets[0], &sheets[1]).unwrap().agrees());
}

#[test]
fn a_second_counters_tally_is_compared_not_added() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 6, &[0], &[2, 3]);
    e.ballots("c", "r1", 6, &[1], &[2, 4]);
    e.ballots("k", "r1", 6, &[0], &[2, 3]);
    e.ballots("k", "r1", 1, &[1], &[2, 3]); // ballot 7 heard differently
    e.ballots("k", "r1", 5, &[1], &[2, 4]);
    let state = e.state();
    // Each device counts its own sheet: twelve ballots, not twenty-four.
    assert_eq!(decide(&state, "r1", Some("c")).unwrap().result.cast, 12);
    assert_eq!(decide(&state, "r1", Some("k")).unwrap().source, Source::Device("k".into()));
    let sheets = sheets(&state, "r1").unwrap();
    let cmp = compare(&state, "r1", &sheets[0], &sheets[1]).unwrap();
    assert!(!cmp.agrees());
    assert_eq!(cmp.ballots, vec![7]);
    assert_eq!(
        cmp.votes,
        vec![
            VoteDifference { post: Post::Member, person: "v3".into(), first: 6, second: 7 },
            VoteDifference { post: Post::Member, person: "v4".into(), first: 6, second: 5 },
        ]
    );
}

#[test]
fn signing_needs_every_signing_role() {
    let signers = vec![Signer { role: StaffRole::ChiefScrutineer, name: "甲".into(), device: None }];
    assert!(check_signers(&signers).unwrap_err().zh.contains("计票人"));
}

#[test]
fn the_result_report_carries_the_signed_members_and_the_office_accepts_the_file() {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 8, &[1], &[2, 3]);
    e.ballots("c", "r1", 4, &[0], &[2, 4]);
    e.sign("r1");
    let state = e.state();
    let report = result_report(&state, d(5, 19)).unwrap();
    assert_eq!(report.voted, 12);
    assert_eq!(report.registered_voters, 20);
    assert_eq!(report.stage, stats::Stage::Announcement);
    let names: Vec<&str> = report.elected.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["选民1", "选民2", "选民3"]);
    assert_eq!(report.elected[0].sex, stats::Sex::Female);
    assert_eq!(report.next_deadline.as_ref().unwrap().date, d(5, 28));
    let structure = stats::structure(&report.elected, d(5, 18));
    assert_eq!(structure.persons, 3);
    assert_eq!(structure.party_members.num, 1);
    assert!(summary_text(&report).contains("主任 选民1"));

    // The result file: signed by the committee device, received by the office as it is.
    let key = demo::device_key("count-test");
    let me = key.record(Role::ElectionCommittee, "选委会");
    let mut log = Log::new(&me.code);
    for item in &e.items {
        log.append_local(item.body.clone(), demo::START_MS);
    }
    let state = ElectionState::fold(log.in_order());
    let wall = 1_779_148_800_000; // 2026-05-19 (China)
    let bundle = huanjie_core::election::exchange::export(Kind::Result, &state, &log, &key, &me, "t", wall).unwrap();
    assert!(verify_file_report(&bundle.to_json_bytes()).is_ok());
    match huanjie_core::office::receive::receive(&bundle.to_json_bytes(), &[]) {
        huanjie_core::office::receive::Verdict::Accepted { received, .. } => {
            assert_eq!(received.report.elected.len(), 3)
        }
        other => panic!("{other:?}"),
    }
    let archive = huanjie_core::election::exchange::export(Kind::Archive, &state, &log, &key, &me, "t", wall).unwrap();
    assert!(verify_file_report(&archive.to_json_bytes()).is_ok());
    assert_eq!(archive.events.len(), log.len());
}

#[test]
fn a_representatives_election_reports_the_representatives_as_its_base_and_all_of_them_voting_is_100_percent() {
    let mut e = Election::new(20);
    if let EventBody::ElectionDefined(def) = &mut e.items[0].body {
        def.electorate = ElectorateMode::ResidentReps;
    }
    if let EventBody::ElectionCommitteeFormed(c) = &mut e.items[2].body {
        c.chair_party_role = ChairPartyRole::DeputySecretary;
    }
    e.add(
        "c",
        EventBody::ResidentsGroupDefined(ResidentsGroupDefined {
            group: "g1".into(),
            grid: "g".into(),
            name: "第1组".into(),
        }),
    );
    for k in 0..6 {
        e.add(
            "c",
            EventBody::ResidentRepDesignated(ResidentRepDesignated {
                group: "g1".into(),
                voter: format!("v{k}"),
                chosen_on: None,
            }),
        );
    }
    e.open_first();
    e.check_in("r1", 0..6);
    e.ballots("c", "r1", 6, &[0], &[2, 3]);
    e.sign("r1");
    let report = result_report(&e.state(), d(5, 19)).unwrap();
    // The base is the six representatives, not the twenty voters (seed 001: 居民代表参选率达100%).
    assert_eq!((report.registered_voters, report.voted), (6, 6));
    // A 副书记 chairing the election committee counts ("由社区书记或副书记兼任").
    assert_eq!(report.election_committee_head_is_party_leader, Some(true));
    let p = stats::aggregate(std::slice::from_ref(&report), d(5, 19)).progress;
    assert_eq!(p.turnout.to_string(), "100.0%");
    assert_eq!(p.registered_voters, 6);
}

#[test]
fn no_result_file_before_a_signed_result() {
    let mut e = Election::new(20);
    e.open_first();
    let key = demo::device_key("count-test-2");
    let me = key.record(Role::ElectionCommittee, "选委会");
    let mut log = Log::new(&me.code);
    for item in &e.items {
        log.append_local(item.body.clone(), demo::START_MS);
    }
    let state = ElectionState::fold(log.in_order());
    let err = huanjie_core::election::exchange::export(Kind::Result, &state, &log, &key, &me, "t", demo::START_MS)
        .unwrap_err();
    assert_eq!(err, huanjie_core::election::exchange::ExportError::NoResult);
}

#[test]
fn proxies_and_staff_are_checked_before_they_are_recorded() {
    let mut e = Election::new(20);
    let state = e.state();
    // Candidates may not hold proxies (居委会组织法 2025 art 19 ¶4).
    assert!(state.check_proxy("v9", "v0").unwrap_err().zh.contains("候选人不得接受委托"));
    assert!(state.check_proxy("v9", "v9").is_err());
    for k in 10..13 {
        state.check_proxy(&format!("v{k}"), "v8").unwrap();
        e.add(
            "c",
            EventBody::ProxyAssigned(ProxyAssigned {
                principal: format!("v{k}"),
                proxy: "v8".into(),
                written_on: d(5, 10),
            }),
        );
    }
    let state = e.state();
    let err = state.check_proxy("v13", "v8").unwrap_err().zh;
    assert!(err.contains("不得超过3人") && err.contains("第十九条第四款"), "{err}");
    // Renewing one of the three is not a fourth.
    assert!(state.check_proxy("v10", "v8").is_ok());

    let staff = |name: &str, voter: Option<&str>| StaffAssigned {
        name: name.into(),
        voter: voter.map(Into::into),
        role: StaffRole::Counter,
        at: None,
    };
    assert!(state.check_staff(&staff("选民2", Some("v2"))).unwrap_err().zh.contains("是候选人"));
    assert!(state.check_staff(&staff("选民2", None)).unwrap_err().zh.contains("是候选人"));
    // v5 lives with v4, a candidate.
    assert!(state.check_staff(&staff("选民5", Some("v5"))).unwrap_err().zh.contains("同户"));
    assert!(state.check_staff(&staff("选民7", Some("v7"))).is_ok());
    assert!(state.check_staff(&staff(" ", None)).is_err());
}

fn signer(role: StaffRole, name: &str) -> Signer {
    Signer { role, name: name.into(), device: None }
}

/// A signed round of twelve ballots entered on the committee's device "c".
fn signed_round() -> Election {
    let mut e = Election::new(20);
    e.open_first();
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 7, &[0], &[2, 3]);
    e.ballots("c", "r1", 5, &[1], &[2, 4]);
    e.sign("r1");
    e
}

#[test]
fn a_signer_co_signs_on_their_own_device_when_it_counts_the_same_result() {
    let mut e = signed_round();
    let state = e.state();
    assert_eq!(state.rounds["r1"].signed_by.as_deref(), Some("c"));
    assert!(co_signed(&state, "r1").iter().all(|(_, d)| d.is_none()));
    // The counter's phone "w" holds the committee's records (a field bundle) and counts them.
    let co = check_co_sign(&state, "r1", "w", &signer(StaffRole::Counter, "乙")).unwrap();
    assert_eq!(co.result_hash, state.rounds["r1"].result.as_ref().unwrap().result_hash);
    e.add("w", EventBody::ResultCoSigned(co));
    let state = e.state();
    let shown: Vec<_> = co_signed(&state, "r1").into_iter().map(|(s, d)| (s.name, d)).collect();
    assert_eq!(shown, vec![("甲".into(), None), ("乙".into(), Some("w".into())), ("丙".into(), None)]);
    // Once is enough; the signing device itself is not the signer's own.
    assert!(check_co_sign(&state, "r1", "w", &signer(StaffRole::Counter, "乙"))
        .unwrap_err()
        .zh
        .contains("已经在本机签过名"));
    assert!(check_co_sign(&state, "r1", "c", &signer(StaffRole::Host, "丙")).unwrap_err().zh.contains("本机签字"));
    // The event reads back as written.
    let json = serde_json::to_value(EventBody::ResultCoSigned(ResultCoSigned {
        round: "r1".into(),
        result_hash: "ab".into(),
        role: StaffRole::Host,
        name: "丙".into(),
    }))
    .unwrap();
    assert_eq!(json["kind"], "result_co_signed");
    assert_eq!(json["payload"]["role"], "host");
}

#[test]
fn a_co_signature_of_another_result_is_refused_and_never_counts() {
    let mut e = signed_round();
    // A co-signature recorded for a different result (say, from an older copy of the records).
    e.add(
        "w",
        EventBody::ResultCoSigned(ResultCoSigned {
            round: "r1".into(),
            result_hash: "0".repeat(64),
            role: StaffRole::Counter,
            name: "乙".into(),
        }),
    );
    // Another phone holds a different count of the same round: one more ballot on its sheet.
    let state = e.state();
    assert!(co_signed(&state, "r1").iter().all(|(_, d)| d.is_none()));
    let mut other = e.state();
    let r = other.rounds.get_mut("r1").unwrap();
    let mut extra = r.ballots[0].clone();
    extra.ballot.ballot = "c-extra".into();
    r.ballots.push(extra);
    let refused = check_co_sign(&other, "r1", "w", &signer(StaffRole::Counter, "乙")).unwrap_err();
    assert!(refused.zh.contains("结果与报告单上的结果不一致"), "{}", refused.zh);
}

#[test]
fn only_the_reports_signers_co_sign_and_only_a_signed_round() {
    let e = signed_round();
    let state = e.state();
    assert!(check_co_sign(&state, "r1", "w", &signer(StaffRole::Counter, "丁"))
        .unwrap_err()
        .zh
        .contains("不在报告单的签名人中"));
    assert!(
        check_co_sign(&state, "r1", "w", &signer(StaffRole::Host, "乙")).is_err(),
        "the name signed in another role"
    );
    assert!(check_co_sign(&state, "r9", "w", &signer(StaffRole::Counter, "乙")).is_err());
    let mut unsigned = Election::new(20);
    unsigned.open_first();
    unsigned.check_in("r1", 0..12);
    unsigned.ballots("c", "r1", 12, &[0], &[2, 3]);
    let refused = check_co_sign(&unsigned.state(), "r1", "w", &signer(StaffRole::Counter, "乙")).unwrap_err();
    assert!(refused.zh.contains("还没有签字"));
    assert!(co_signed(&unsigned.state(), "r1").is_empty());
}

#[test]
fn a_director_elected_in_a_round_of_its_own_is_left_out_of_the_members_round_and_seen_by_the_womens_rule() {
    // 四川 居委会选举条例 art 27: posts may be voted in separate rounds; art 32: the women's rule.
    let mut e = Election::new(20);
    if let EventBody::ElectionDefined(def) = &mut e.items[0].body {
        def.rule_preset = "sichuan-2025-residents".into();
    }
    let director = vec![RoundPost { post: Post::Director, seats: 1, candidates: vec!["v0".into(), "v1".into()] }];
    e.open("r1", RoundKind::First, None, director, d(5, 18));
    e.check_in("r1", 0..12);
    e.ballots("c", "r1", 8, &[1], &[]);
    e.ballots("c", "r1", 4, &[0], &[]);
    assert_eq!(post(&e.sign("r1").result, Post::Director).elected, vec!["v1"]);

    let members =
        vec![RoundPost { post: Post::Member, seats: 2, candidates: vec!["v2".into(), "v3".into(), "v4".into()] }];
    e.open("r2", RoundKind::First, None, members, d(5, 18));
    e.check_in("r2", 0..12);
    e.ballots("c", "r2", 8, &[], &[2, 4]);
    e.ballots("c", "r2", 3, &[], &[2, 3]);
    // The director, a woman, written in for member as well.
    e.enter(
        "c",
        BallotEntered {
            round: "r2".into(),
            ballot: "c-w".into(),
            from_box: None,
            marks: vec![PostMarks {
                post: Post::Member,
                yes: vec!["v4".into()],
                no: vec![],
                write_ins: vec![WriteIn { name: "选民1".into(), voter: Some("v1".into()) }],
            }],
            spoilt: false,
            illegible: vec![],
        },
    );
    let state = e.state();
    let sheet = &sheets(&state, "r2").unwrap()[0];
    assert_eq!(round_input(&state, "r2", sheet).unwrap().elected_earlier, vec![(Post::Director, "v1".to_string())]);
    assert!(round_input(&state, "r1", &sheets(&state, "r1").unwrap()[0]).unwrap().elected_earlier.is_empty());

    let r = decide(&state, "r2", Some("c")).unwrap().result;
    let m = post(&r, Post::Member);
    assert_eq!(m.votes.get("v1"), None, "elected director earlier: not counted for member");
    // v3, the only woman standing, has 3 of 12: without the director a member seat would be
    // reserved for a woman; the woman director satisfies the rule.
    assert!(!r.women.reserved_seat);
    assert!(r.women.satisfied);
    assert_eq!(m.elected, vec!["v2", "v4"]);
    assert_eq!(m.unfilled, 0);
    // The earlier round counts as it was signed: its hash still holds.
    let signed = state.rounds["r1"].result.as_ref().unwrap();
    assert_eq!(result_hash(&decide(&state, "r1", Some("c")).unwrap().result), signed.result_hash);
}
