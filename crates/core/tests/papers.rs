//! The papers of voting day (election::papers): who is on each, in which order, how many.

use huanjie_core::demo::testkit::{d, Election};
use huanjie_core::election::papers;
use huanjie_core::law::rules;
use huanjie_core::record::events::*;

/// Ten voters, the grid named, the voter list published (v9 then removed by an upheld objection).
fn published() -> Election {
    let mut e = Election::new(10);
    e.add(
        "c",
        EventBody::GridDefined(GridDefined {
            grid: "g".into(),
            name: "第一网格".into(),
            worker: "周网格".into(),
            device: None,
        }),
    );
    e.add("c", EventBody::VoterListPublished(VoterListPublished { published_on: d(4, 20), voters: 10 }));
    e.add(
        "c",
        EventBody::VoterRemoved(VoterRemoved {
            voter: "v9".into(),
            reason: RemovalReason::MovedAway,
            note: "申诉成立".into(),
        }),
    );
    e
}

#[test]
fn a_ballot_is_refused_before_its_round_is_open_and_before_the_final_list() {
    let mut e = published();
    let e1 = papers::ballot(&e.state(), "r1", 0).unwrap_err();
    assert!(e1.zh.contains("尚未开启"), "{}", e1.zh);
    e.open_first();
    let e2 = papers::ballot(&e.state(), "r1", 0).unwrap_err();
    assert!(e2.zh.contains("正式候选人名单尚未公布"), "{}", e2.zh);
}

#[test]
fn the_ballot_lists_the_rounds_candidates_in_order_with_a_write_in_line_per_seat() {
    let mut e = published();
    e.add(
        "c",
        EventBody::FinalListPublished(FinalListPublished {
            published_on: d(5, 10),
            posts: vec![
                PostCandidates { post: Post::Director, candidates: vec!["v0".into(), "v1".into()] },
                PostCandidates { post: Post::Member, candidates: vec!["v2".into(), "v3".into(), "v4".into()] },
            ],
        }),
    );
    e.open_first();
    let b = papers::ballot(&e.state(), "r1", 5).unwrap();
    assert_eq!(b.title, "测试社区居委会换届选举选票");
    assert_eq!(b.parts.len(), 2);
    assert_eq!(b.parts[0].post, Post::Director);
    assert_eq!(b.parts[0].candidates, ["选民0", "选民1"]);
    assert_eq!(b.parts[0].write_in_lines, 1);
    assert_eq!(b.parts[1].candidates, ["选民2", "选民3", "选民4"]);
    assert_eq!(b.parts[1].write_in_lines, 2);
    // Nine voters on the roll (v9 removed) and five spare.
    assert_eq!(b.copies, 14);
    assert!(!b.party);
    // The national preset voids the over-voted post's part only, and says where that comes from.
    assert!(b.instructions.iter().any(|l| l.contains("该职位的选票无效")), "{:?}", b.instructions);
}

#[test]
fn ballot_instructions_follow_the_presets_over_vote_rule() {
    let sichuan = rules::preset("sichuan-2025-residents").unwrap();
    let lines = papers::instructions(sichuan, false);
    assert!(lines.iter().any(|l| l.contains("整张选票无效") && l.contains(sichuan.overvote.1.article)));
    let zhejiang = rules::preset("zhejiang-2020-village").unwrap();
    assert!(papers::instructions(zhejiang, false).iter().any(|l| l.contains("两个以上职位")));
    let party = rules::preset("party-2020").unwrap();
    let lines = papers::instructions(party, true);
    assert!(lines[0].contains("赞成") && lines[0].contains("不赞成") && lines[0].contains("弃权"));
}

#[test]
fn voter_cards_and_the_sign_in_book_hold_the_published_roll_without_removed_voters() {
    let e = Election::new(4);
    let refused = papers::roll(&e.state()).unwrap_err();
    assert!(refused.zh.contains("选民名单尚未公布"));

    let roll = papers::roll(&published().state()).unwrap();
    assert_eq!(roll.groups.len(), 1);
    let (grid, entries) = &roll.groups[0];
    assert_eq!(grid, "第一网格");
    assert_eq!(entries.len(), 9);
    assert!(entries.iter().all(|r| r.name != "选民9"), "a removed voter gets no card");
    // Household by household (the address), numbered through the roll, ID numbers masked.
    assert_eq!(entries.iter().map(|r| r.number).collect::<Vec<_>>(), (1..=9).collect::<Vec<_>>());
    let addresses: Vec<&str> = entries.iter().map(|r| r.address.as_str()).collect();
    let mut sorted = addresses.clone();
    sorted.sort();
    assert_eq!(addresses, sorted);
    assert!(entries.iter().all(|r| r.masked_id.contains("********")));
}

#[test]
fn a_voter_under_age_on_the_day_has_no_card() {
    let mut e = published();
    // Born 2010-05-19: 18 only in 2028, a minor on the election day (2026-05-18).
    let id = huanjie_core::base::idnum::with_check_char("51010420100519001");
    let parsed = huanjie_core::base::idnum::IdNumber::parse_undated(&id).unwrap();
    e.add(
        "c",
        EventBody::VoterRegistered(VoterRegistered {
            voter: "young".into(),
            name: "少年".into(),
            id_number: id,
            sex: parsed.sex(),
            birth: parsed.birth(),
            phone: String::new(),
            household: Some("h0".into()),
            category: RegistrationCategory::HukouResident,
        }),
    );
    let roll = papers::roll(&e.state()).unwrap();
    assert!(roll.groups.iter().flat_map(|(_, r)| r).all(|r| r.name != "少年"));
}

#[test]
fn each_written_proxy_gets_a_certificate_stating_the_presets_cap() {
    let mut e = published();
    assert!(papers::proxy_certificates(&e.state()).unwrap_err().zh.contains("还没有登记委托投票"));
    e.add(
        "c",
        EventBody::ProxyAssigned(ProxyAssigned { principal: "v5".into(), proxy: "v6".into(), written_on: d(5, 12) }),
    );
    let (certificates, rule) = papers::proxy_certificates(&e.state()).unwrap();
    assert_eq!(certificates.len(), 1);
    assert_eq!((certificates[0].principal.as_str(), certificates[0].proxy.as_str()), ("选民5", "选民6"));
    assert!(certificates[0].principal_id.contains("********"));
    let preset = rules::preset("national-2025-residents").unwrap();
    assert!(rule.contains(preset.proxy.cite.article), "{rule}");
    if let Some(cap) = preset.proxy.cap {
        assert!(rule.contains(&format!("不得超过{cap}人")), "{rule}");
    }
}

#[test]
fn each_mobile_box_lists_the_voters_it_visits() {
    let mut e = published();
    e.add(
        "c",
        EventBody::MobileBoxDefined(MobileBoxDefined {
            mobile_box: "m1".into(),
            name: "流动票箱一".into(),
            voters: vec!["v7".into(), "v3".into()],
        }),
    );
    let lists = papers::mobile_box_lists(&e.state());
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].name, "流动票箱一");
    assert_eq!(lists[0].voters.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["选民7", "选民3"]);
}

#[test]
fn nomination_forms_are_filled_from_the_record_with_ten_lines_for_a_joint_nomination() {
    let mut e = published();
    let nominators: Vec<VoterId> = (0..10).map(|k| format!("v{k}")).collect();
    let forms = papers::nomination_forms(&e.state()).unwrap();
    assert_eq!(forms.len(), 5);
    assert_eq!(forms[0].by, "社区党组织推荐");
    assert_eq!(forms[0].signature_lines, 0);
    // Ten voters jointly: ten names, ten lines to sign.
    e.add(
        "c",
        EventBody::Nomination(Nomination {
            nominee: "v8".into(),
            post: Post::Member,
            by: NominatedBy::JointVoters { nominators: nominators.clone() },
            nominated_on: d(4, 9),
            profile: CandidateProfile::default(),
        }),
    );
    let forms = papers::nomination_forms(&e.state()).unwrap();
    let joint = forms.iter().find(|f| f.nominee == "选民8").unwrap();
    assert!(joint.title.ends_with("联名推荐表"));
    assert_eq!(joint.nominators.len(), 10);
    assert_eq!(joint.signature_lines, 10);
    assert!(joint.masked_id.contains("********"));
}

#[test]
fn every_standing_nominee_has_a_three_commitments_letter() {
    let e = published();
    let letters = papers::commitment_letters(&e.state());
    assert_eq!(letters.len(), 5);
    assert!(letters.iter().all(|l| l.items.len() == 3 && l.signed_on.is_none()));
    assert!(letters[0].items[2].starts_with("辞职承诺"));
}

#[test]
fn the_meeting_script_states_the_numbers_the_staff_and_the_validity_rule_with_its_article() {
    let mut e = published();
    assert!(papers::meeting_script(&e.state(), "r1").unwrap_err().zh.contains("尚未开启"));
    e.open_first();
    e.check_in("r1", 0..5);
    e.add(
        "c",
        EventBody::StaffAssigned(StaffAssigned {
            name: "钱监票".into(),
            voter: None,
            role: StaffRole::Scrutineer,
            at: None,
        }),
    );
    let script = papers::meeting_script(&e.state(), "r1").unwrap();
    let text: String = script.iter().flat_map(|(h, lines)| std::iter::once(h.clone()).chain(lines.clone())).collect();
    let preset = rules::preset("national-2025-residents").unwrap();
    // Nine on the roll, five signed in: more than half is five, reached.
    assert!(text.contains("登记选民9人，现已签到（领票）5人"), "{text}");
    assert!(text.contains("即至少5人") && text.contains("现已达到"), "{text}");
    assert!(text.contains(preset.turnout.article), "{text}");
    assert!(text.contains("监票人：钱监票"), "{text}");
    assert!(text.contains("举手表决"));
    assert!(text.contains(preset.winning.1.article));
}

#[test]
fn the_letter_to_voters_gives_the_day_the_places_and_the_proxy_rule_with_its_article() {
    let mut e = published();
    e.add(
        "c",
        EventBody::StationDefined(StationDefined {
            station: "s1".into(),
            name: "中心会场".into(),
            place: "社区广场".into(),
            central: true,
        }),
    );
    let letter = papers::letter_to_voters(&e.state()).unwrap().join("\n");
    assert!(letter.contains("2026年5月18日"), "{letter}");
    assert!(letter.contains("中心会场（社区广场）。"), "a central station named so is said once: {letter}");
    assert!(letter.contains("2026年4月20日公布"));
    let preset = rules::preset("national-2025-residents").unwrap();
    assert!(letter.contains(preset.proxy.cite.article), "{letter}");
}

#[test]
fn ballots_printed_are_recorded_and_the_count_warns_when_more_were_issued() {
    let mut e = published();
    e.open_first();
    e.check_in("r1", 0..6);
    e.ballots("c", "r1", 6, &[0], &[2, 3]);
    let decide = |e: &Election| huanjie_core::election::count::decide(&e.state(), "r1", Some("c")).unwrap();
    // Nothing recorded: nothing to compare with.
    assert!(decide(&e).warnings.iter().all(|w| !w.contains("印制")));
    e.add("c", EventBody::BallotsPrinted(BallotsPrinted { round: "r1".into(), copies: 5 }));
    assert_eq!(e.state().rounds["r1"].printed, Some(5));
    let warnings = decide(&e).warnings;
    assert!(warnings.iter().any(|w| w == "发出选票6张，多于印制的5张，请核对"), "{warnings:?}");
    // A reprint records the new total: six printed, six issued, nothing to say.
    e.add("c", EventBody::BallotsPrinted(BallotsPrinted { round: "r1".into(), copies: 6 }));
    assert!(decide(&e).warnings.iter().all(|w| !w.contains("印制")));
}
