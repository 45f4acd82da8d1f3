//! The fold of events into the election state: anomalies, validation, search, the demo.

use chrono::NaiveDate;
use huanjie_core::base::idnum;
use huanjie_core::demo::{self, DemoEvent};
use huanjie_core::record::events::*;
use huanjie_core::record::state::*;
use std::time::Instant;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A small log built step by step: each `add` returns the event id it got.
#[derive(Default)]
struct Log {
    items: Vec<DemoEvent>,
}

impl Log {
    fn add(&mut self, device: &str, body: EventBody) -> String {
        self.items.push(DemoEvent { device: device.into(), body });
        demo::stamp(&self.items, 0).pop().unwrap().id
    }

    fn state(&self) -> ElectionState {
        ElectionState::fold(&demo::stamp(&self.items, 0))
    }
}

fn definition() -> EventBody {
    EventBody::ElectionDefined(ElectionDefined {
        election_id: "t".into(),
        community: "测试社区".into(),
        street: "测试街道".into(),
        district: "测试区".into(),
        kind: ElectionKind::ResidentsCommittee,
        electorate: ElectorateMode::AllVoters,
        rule_preset: "national-2025-residents".into(),
        posts: vec![PostSeats { post: Post::Director, seats: 1 }, PostSeats { post: Post::Member, seats: 2 }],
        election_day: d(2026, 5, 18),
    })
}

/// A valid ID number for person `k` born in 1980 (`k` < 365).
fn id_for(k: u32) -> String {
    let birth = d(1980, 1, 1) + chrono::Days::new(k as u64);
    idnum::with_check_char(&format!("510104{}001", birth.format("%Y%m%d")))
}

fn reg(voter: &str, name: &str, id_number: &str, phone: &str) -> EventBody {
    let id = idnum::IdNumber::parse_undated(id_number).unwrap();
    EventBody::VoterRegistered(VoterRegistered {
        voter: voter.into(),
        name: name.into(),
        id_number: id_number.into(),
        sex: id.sex(),
        birth: id.birth(),
        phone: phone.into(),
        household: None,
        category: RegistrationCategory::HukouResident,
    })
}

/// A log with the definition and `n` voters v0..v(n-1).
fn with_voters(n: u32) -> Log {
    let mut log = Log::default();
    log.add("c", definition());
    for k in 0..n {
        log.add("c", reg(&format!("v{k}"), &format!("居民{k}"), &id_for(k), "13800000000"));
    }
    log
}

fn nomination(nominee: &str, post: Post, by: NominatedBy) -> Nomination {
    Nomination { nominee: nominee.into(), post, by, nominated_on: d(2026, 4, 1), profile: CandidateProfile::default() }
}

fn joint(range: std::ops::Range<u32>) -> NominatedBy {
    NominatedBy::JointVoters { nominators: range.map(|k| format!("v{k}")).collect() }
}

// ----- Registration anomalies -------------------------------------------------------------------

#[test]
fn demo_fold_shows_the_planted_anomalies() {
    let (items, planted) = demo::generate(demo::DEFAULT_VOTERS, 1);
    let s = ElectionState::fold(&demo::stamp(&items, demo::START_MS));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert_eq!(s.voters().len(), demo::DEFAULT_VOTERS + 2);
    assert_eq!(s.grids.len(), 4);
    assert_eq!(s.groups.len(), 12);

    let open: Vec<&Anomaly> = s.open_anomalies().collect();
    assert_eq!(open.len(), 2, "{open:?}");
    let (a, b) = planted.duplicate.clone().unwrap();
    assert_eq!(open[0].kind.code(), "duplicate_registration");
    assert!(
        matches!(&open[0].kind, AnomalyKind::DuplicateRegistration { voters, .. } if *voters == vec![a.clone(), b.clone()])
    );
    let (c, e) = planted.conflicting.clone().unwrap();
    assert!(matches!(&open[1].kind,
        AnomalyKind::ConflictingRegistration { voters, fields, .. } if *voters == vec![c.clone(), e.clone()] && *fields == vec!["phone"]));
    let text = s.describe_anomaly(open[1]);
    assert!(
        text.contains("电话不一致") && text.contains(&demo::grid_device(0)) && text.contains(&demo::grid_device(2)),
        "{text}"
    );
    assert!(s.describe_anomaly(open[0]).contains("信息相同"));

    let underage: Vec<&str> = s.underage_voters().iter().map(|v| v.id.as_str()).collect();
    assert_eq!(underage, planted.underage.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    for id in &planted.exactly_18 {
        assert!(s.voter(id).unwrap().eligible_on(demo::election_day()));
    }

    let by_post = s.candidates_by_post();
    assert_eq!(by_post[&Post::Director].len(), 2);
    assert_eq!(by_post[&Post::DeputyDirector].len(), 2);
    assert_eq!(by_post[&Post::Member].len(), 5);
    let counts = s.review_counts();
    assert_eq!((counts.passed, counts.pending), (3, 6));
    let unsigned = s.candidates.values().filter(|c| !c.has_commitments()).count();
    assert_eq!(unsigned, 1);
}

#[test]
fn demo_nominations_pass_validation_when_made() {
    let events = demo::events(demo::DEFAULT_VOTERS, 1);
    let mut s = ElectionState::default();
    let mut checked = 0;
    for e in &events {
        if let EventBody::Nomination(n) = &e.body {
            assert_eq!(s.check_nomination(n), Ok(()), "{n:?}");
            checked += 1;
        }
        assert!(s.is_in_order(e));
        s.apply(e);
    }
    assert_eq!(checked, 9);
    assert_eq!(s, ElectionState::fold(&events));
}

#[test]
fn keeping_one_duplicate_removes_the_other() {
    let (items, planted) = demo::generate(100, 2);
    let mut log = Log { items };
    let s = log.state();
    let anomaly = s.open_anomalies().next().unwrap().id.clone();
    let (keep, drop) = planted.duplicate.unwrap();
    let number = s.voter(&keep).unwrap().id_number.clone();
    assert_eq!(s.voters_with_id_number(&number).len(), 2);

    log.add(
        "committee",
        EventBody::AnomalyResolved(AnomalyResolved {
            anomaly: anomaly.clone(),
            resolution: Resolution::Keep { record: keep.clone() },
            note: "同一人".into(),
        }),
    );
    let s = log.state();
    assert!(!s.anomaly(&anomaly).unwrap().is_open());
    assert_eq!(s.voter(&drop).unwrap().removed, Some(RemovalReason::Duplicate));
    assert_eq!(s.voters_with_id_number(&number).len(), 1);
    assert_eq!(s.open_anomalies().count(), 1);
    // Registering the same number once more is a new anomaly, not the closed one.
    let p = s.voter(&keep).unwrap().clone();
    log.add("grid-4", reg("again", &p.name, &p.id_number, &p.phone));
    let s = log.state();
    assert_eq!(s.open_anomalies().count(), 2);
}

#[test]
fn one_device_registering_twice_is_a_duplicate_too_and_a_third_record_joins() {
    let mut log = with_voters(0);
    let n = id_for(5);
    log.add("a", reg("x1", "王芳", &n, "13900000001"));
    let second = log.add("a", reg("x2", "王芳", &n, "13900000001"));
    let s = log.state();
    let only: Vec<&Anomaly> = s.open_anomalies().collect();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].kind.code(), "duplicate_registration");
    // The anomaly is named after the event that raised it.
    assert_eq!(only[0].id, second);

    log.add("b", reg("x3", "王方", &n, "13900000001"));
    let s = log.state();
    let only: Vec<&Anomaly> = s.open_anomalies().collect();
    assert_eq!(only.len(), 1);
    assert!(matches!(&only[0].kind,
        AnomalyKind::ConflictingRegistration { voters, fields, .. } if voters.len() == 3 && *fields == vec!["name"]));
}

#[test]
fn removed_voters_do_not_clash() {
    let mut log = with_voters(1);
    log.add(
        "c",
        EventBody::VoterRemoved(VoterRemoved {
            voter: "v0".into(),
            reason: RemovalReason::MovedAway,
            note: String::new(),
        }),
    );
    log.add("c", reg("back", "居民0", &id_for(0), "13800000000"));
    let s = log.state();
    assert_eq!(s.open_anomalies().count(), 0);
    assert_eq!(s.active_voters().count(), 1);
}

// ----- Corrections ------------------------------------------------------------------------------

fn correct(voter: &str, based_on: &str, changes: VoterChanges) -> EventBody {
    EventBody::VoterCorrected(VoterCorrected {
        voter: voter.into(),
        based_on: based_on.into(),
        changes,
        reason: String::new(),
    })
}

fn phone(p: &str) -> VoterChanges {
    VoterChanges { phone: Some(p.into()), ..Default::default() }
}

#[test]
fn sequential_corrections_apply_without_anomaly() {
    let mut log = with_voters(1);
    let base = log.state().voter("v0").unwrap().version.clone();
    let c1 = log.add("a", correct("v0", &base, phone("13911111111")));
    log.add("b", correct("v0", &c1, phone("13922222222")));
    let s = log.state();
    assert_eq!(s.open_anomalies().count(), 0);
    assert_eq!(s.voter("v0").unwrap().phone, "13922222222");
    assert_eq!(s.voter("v0").unwrap().corrections().count(), 2);
}

#[test]
fn concurrent_corrections_of_different_fields_merge() {
    let mut log = with_voters(1);
    let base = log.state().voter("v0").unwrap().version.clone();
    log.add("a", correct("v0", &base, phone("13911111111")));
    let name = VoterChanges { name: Some("居民零".into()), ..Default::default() };
    log.add("b", correct("v0", &base, name));
    let s = log.state();
    assert_eq!(s.open_anomalies().count(), 0);
    let v = s.voter("v0").unwrap();
    assert_eq!((v.name.as_str(), v.phone.as_str()), ("居民零", "13911111111"));
}

#[test]
fn concurrent_conflicting_corrections_raise_an_anomaly_a_person_settles() {
    let mut log = with_voters(1);
    let base = log.state().voter("v0").unwrap().version.clone();
    let a = log.add("a", correct("v0", &base, phone("13911111111")));
    let b = log.add("b", correct("v0", &base, phone("13922222222")));
    let s = log.state();
    let anomaly = s.open_anomalies().next().unwrap().clone();
    assert!(matches!(&anomaly.kind,
        AnomalyKind::ConflictingCorrections { voter, corrections, fields } if voter == "v0" && *corrections == vec![a.clone(), b.clone()] && *fields == vec!["phone"]));
    assert!(s.describe_anomaly(&anomaly).contains("电话不一致"));

    // A Keep naming something else is refused (listed as ignored), the anomaly stays open.
    log.add(
        "c",
        EventBody::AnomalyResolved(AnomalyResolved {
            anomaly: anomaly.id.clone(),
            resolution: Resolution::Keep { record: "nonsense".into() },
            note: String::new(),
        }),
    );
    assert_eq!(log.state().ignored.len(), 1);
    let resolved = log.add(
        "c",
        EventBody::AnomalyResolved(AnomalyResolved {
            anomaly: anomaly.id.clone(),
            resolution: Resolution::Keep { record: a.clone() },
            note: "电话打通核实".into(),
        }),
    );
    let s = log.state();
    assert_eq!(s.open_anomalies().count(), 0);
    let v = s.voter("v0").unwrap();
    assert_eq!(v.phone, "13911111111");
    assert_eq!(v.version, resolved);
}

#[test]
fn a_correction_that_makes_two_id_numbers_equal_is_an_anomaly() {
    let mut log = with_voters(2);
    let base = log.state().voter("v1").unwrap().version.clone();
    let changes = VoterChanges { id_number: Some(id_for(0)), ..Default::default() };
    log.add("a", correct("v1", &base, changes));
    let s = log.state();
    let a: Vec<&Anomaly> = s.open_anomalies().collect();
    assert_eq!(a.len(), 1);
    assert!(matches!(&a[0].kind, AnomalyKind::ConflictingRegistration { fields, .. } if *fields == vec!["name"]));
    assert_eq!(s.voter("v1").unwrap().birth, d(1980, 1, 1));
    assert!(s.voters_with_id_number(&id_for(1)).is_empty());
}

// ----- Validation -------------------------------------------------------------------------------

#[test]
fn registration_checks() {
    let log = with_voters(1);
    let s = log.state();
    let today = d(2026, 3, 1);
    let e = s.check_registration("340524198001010013", today).unwrap_err();
    assert!(e.zh.contains("校验位不对"), "{}", e.zh);
    let e = s.check_registration(&id_for(0), today).unwrap_err();
    assert!(e.zh.contains("已登记：居民0"), "{}", e.zh);
    let young = idnum::with_check_char("51010420080519002");
    let e = s.check_registration(&young, today).unwrap_err();
    assert!(e.zh.contains("未满18周岁") && e.zh.contains("2026年5月19日"), "{}", e.zh);
    let just = idnum::with_check_char("51010420080518002");
    assert!(s.check_registration(&just, today).is_ok());
    // An old 15-digit number is converted.
    assert_eq!(s.check_registration("340524800101001", today).unwrap().as_str(), "34052419800101001X");
    let e = ElectionState::default().check_registration(&just, today).unwrap_err();
    assert!(e.zh.contains("选举日"));
}

#[test]
fn nomination_checks() {
    let mut log = with_voters(30);
    let s = log.state();
    let ok = nomination("v0", Post::Member, joint(1..11));
    assert_eq!(s.check_nomination(&ok), Ok(()));
    let e = s.check_nomination(&nomination("v0", Post::Member, joint(1..10))).unwrap_err();
    assert!(e.zh.contains("至少需要10名") && e.zh.contains("只有9名"), "{}", e.zh);
    // Repeating a nominator does not make ten.
    let mut repeated = vec!["v1".to_string(); 2];
    repeated.extend((2..10).map(|k| format!("v{k}")));
    let by = NominatedBy::JointVoters { nominators: repeated };
    assert!(s.check_nomination(&nomination("v0", Post::Member, by)).is_err());
    let mut stranger: Vec<String> = (1..11).map(|k| format!("v{k}")).collect();
    stranger[0] = "nobody".into();
    let by = NominatedBy::JointVoters { nominators: stranger };
    assert!(s.check_nomination(&nomination("v0", Post::Member, by)).unwrap_err().zh.contains("不是登记选民"));
    let e = s.check_nomination(&nomination("nobody", Post::Member, NominatedBy::PartyOrg)).unwrap_err();
    assert!(e.zh.contains("不在选民名单"));
    let e = s.check_nomination(&nomination("v0", Post::WomenMember, NominatedBy::PartyOrg)).unwrap_err();
    assert!(e.zh.contains("没有设妇女委员"));

    log.add("c", EventBody::Nomination(ok));
    log.add("c", EventBody::Nomination(nomination("v20", Post::Member, joint(1..11))));
    let s = log.state();
    // One post per person.
    let e = s.check_nomination(&nomination("v0", Post::Director, NominatedBy::PartyOrg)).unwrap_err();
    assert!(e.zh.contains("一人只能被提名一个职务"), "{}", e.zh);
    // Nominated again for the same post by others is fine.
    assert_eq!(s.check_nomination(&nomination("v0", Post::Member, NominatedBy::PartyOrg)), Ok(()));
    // v1..v10 already nominated two people for the two member seats.
    let e = s.check_nomination(&nomination("v21", Post::Member, joint(1..11))).unwrap_err();
    assert!(e.zh.contains("不能超过应选名额2名"), "{}", e.zh);
    assert_eq!(s.check_nomination(&nomination("v21", Post::Director, joint(1..11))), Ok(()));

    // Applied anyway (another device did not check): the fold surfaces it.
    log.add("d", EventBody::Nomination(nomination("v0", Post::Director, NominatedBy::PartyOrg)));
    let s = log.state();
    let a = s.open_anomalies().next().unwrap();
    assert!(
        matches!(&a.kind, AnomalyKind::NominatedForTwoPosts { posts, .. } if *posts == vec![Post::Director, Post::Member])
    );
    let id = a.id.clone();
    log.add(
        "c",
        EventBody::AnomalyResolved(AnomalyResolved {
            anomaly: id,
            resolution: Resolution::Keep { record: post_code(Post::Member).into() },
            note: "本人书面选定委员".into(),
        }),
    );
    let s = log.state();
    assert_eq!(s.candidates["v0"].active_posts().collect::<Vec<_>>(), vec![Post::Member]);
    assert_eq!(s.candidates_by_post()[&Post::Member], vec!["v0".to_string(), "v20".to_string()]);
}

#[test]
fn review_and_withdrawal_statuses() {
    let mut log = with_voters(3);
    for k in 0..3 {
        log.add("c", EventBody::Nomination(nomination(&format!("v{k}"), Post::Member, NominatedBy::PartyOrg)));
    }
    let decide = |v: &str, level, decision| {
        EventBody::ReviewDecided(ReviewDecided {
            nominee: v.into(),
            department: "公安".into(),
            level,
            decision,
            reason: String::new(),
            decided_on: d(2026, 4, 10),
        })
    };
    log.add("o", decide("v0", ReviewLevel::Street, ReviewDecision::Pass));
    log.add("o", decide("v1", ReviewLevel::Street, ReviewDecision::Pass));
    log.add("o", decide("v1", ReviewLevel::District, ReviewDecision::Disqualify));
    log.add(
        "c",
        EventBody::CandidateWithdrawn(CandidateWithdrawn {
            nominee: "v2".into(),
            post: Post::Member,
            withdrawn_on: d(2026, 4, 11),
            reason: "个人原因".into(),
        }),
    );
    log.add(
        "c",
        EventBody::ElectionCommitteeFormed(ElectionCommitteeFormed {
            formed_on: d(2026, 3, 20),
            chosen_by: "居民会议".into(),
            members: vec![CommitteeMember {
                name: "居民0".into(),
                post: CommitteePost::Chair,
                voter: Some("v0".into()),
            }],
            chair_party_role: ChairPartyRole::Neither,
        }),
    );
    let s = log.state();
    assert_eq!(s.committee_members_nominated().len(), 1);
    assert_eq!(s.candidates["v0"].status(), CandidateStatus::Passed);
    assert_eq!(s.candidates["v1"].status(), CandidateStatus::DisqualifiedByReview(ReviewLevel::District));
    assert_eq!(s.candidates["v2"].status(), CandidateStatus::Withdrawn);
    let n = s.review_counts();
    assert_eq!((n.passed, n.disqualified_district, n.withdrawn), (1, 1, 1));
    assert_eq!(s.candidates_by_post()[&Post::Member], vec!["v0".to_string()]);
}

// ----- Voting day -------------------------------------------------------------------------------

fn round() -> EventBody {
    EventBody::RoundOpened(RoundOpened {
        round: "r1".into(),
        kind: RoundKind::First,
        held_on: d(2026, 5, 18),
        posts: vec![RoundPost { post: Post::Member, seats: 2, candidates: vec!["v0".into()] }],
        after: None,
    })
}

fn check_in(voter: &str, at: &str, proxy: Option<&str>) -> EventBody {
    EventBody::CheckedIn(CheckedIn {
        round: "r1".into(),
        voter: voter.into(),
        at: at.into(),
        proxy: proxy.map(Into::into),
    })
}

#[test]
fn check_in_twice_is_refused_and_surfaced() {
    let mut log = with_voters(3);
    assert!(log.state().check_check_in("r1", "v1", None).unwrap_err().zh.contains("还没有开始"));
    log.add("c", round());
    assert_eq!(log.state().check_check_in("r1", "v1", None), Ok(()));
    let first = log.add("s1", check_in("v1", "central", None));
    let s = log.state();
    assert!(s.check_check_in("r1", "v1", None).unwrap_err().zh.contains("不能重复领票"));
    assert!(s.check_check_in("r1", "nobody", None).is_err());
    assert!(s.check_check_in("r1", "v2", Some("v0")).unwrap_err().zh.contains("委托"));
    assert_eq!(s.checked_in_count("r1"), 1);

    // Two stations that did not see each other.
    let second = log.add("s2", check_in("v1", "box-1", None));
    let s = log.state();
    let a = s.open_anomalies().next().unwrap().clone();
    assert!(
        matches!(&a.kind, AnomalyKind::DoubleCheckIn { check_ins, .. } if *check_ins == vec![first.clone(), second.clone()])
    );
    assert_eq!(s.checked_in_count("r1"), 1);
    log.add(
        "c",
        EventBody::AnomalyResolved(AnomalyResolved {
            anomaly: a.id,
            resolution: Resolution::Keep { record: first },
            note: "流动票箱误登记，未发票".into(),
        }),
    );
    let s = log.state();
    assert_eq!(s.check_ins_of("r1", "v1").len(), 1);
    assert_eq!(s.open_anomalies().count(), 0);
}

#[test]
fn proxy_check_in_and_electorate_modes() {
    let mut log = with_voters(3);
    log.add("c", round());
    log.add(
        "c",
        EventBody::ProxyAssigned(ProxyAssigned {
            principal: "v2".into(),
            proxy: "v0".into(),
            written_on: d(2026, 5, 10),
        }),
    );
    let s = log.state();
    assert_eq!(s.check_check_in("r1", "v2", Some("v0")), Ok(()));
    assert_eq!(s.proxies_held("v0"), 1);

    if let EventBody::ElectionDefined(mut def) = definition() {
        def.electorate = ElectorateMode::HouseholdReps;
        log.add("c", EventBody::ElectionDefined(def));
    }
    log.add(
        "c",
        EventBody::HouseholdRegistered(HouseholdRegistered {
            household: "h1".into(),
            grid: "g1".into(),
            group: None,
            address: "1栋".into(),
        }),
    );
    log.add(
        "c",
        EventBody::HouseholdRepDesignated(HouseholdRepDesignated { household: "h1".into(), voter: "v1".into() }),
    );
    let s = log.state();
    assert!(s.check_check_in("r1", "v0", None).unwrap_err().zh.contains("不是户代表"));
    assert_eq!(s.check_check_in("r1", "v1", None), Ok(()));
}

#[test]
fn ballots_undo_and_unknown_references() {
    let mut log = with_voters(2);
    log.add("c", round());
    let ballot = |id: &str| {
        EventBody::BallotEntered(BallotEntered {
            round: "r1".into(),
            ballot: id.into(),
            from_box: None,
            marks: vec![PostMarks { post: Post::Member, yes: vec!["v0".into()], no: vec![], write_ins: vec![] }],
            spoilt: false,
            illegible: vec![],
        })
    };
    log.add("t", ballot("b1"));
    log.add("t", ballot("b2"));
    log.add("t", ballot("b2"));
    log.add(
        "t",
        EventBody::BallotUndone(BallotUndone { round: "r1".into(), ballot: "b1".into(), reason: "录错".into() }),
    );
    log.add(
        "t",
        EventBody::BallotUndone(BallotUndone { round: "r9".into(), ballot: "b1".into(), reason: String::new() }),
    );
    log.add("t", correct("ghost", "x", phone("1")));
    let s = log.state();
    assert_eq!(s.rounds["r1"].live_ballots().count(), 1);
    let why: Vec<&str> = s.ignored.iter().map(|i| i.why.as_str()).collect();
    assert_eq!(why, vec!["ballot id already entered", "unknown ballot", "unknown voter"]);
}

#[test]
fn is_in_order_detects_older_events() {
    let events = demo::events(20, 1);
    let s = ElectionState::fold(&events[..10]);
    assert!(s.is_in_order(&events[10]));
    assert!(!s.is_in_order(&events[3]));
}

#[test]
fn demo_events_survive_json() {
    let events = demo::events(demo::DEFAULT_VOTERS, 1);
    let json = serde_json::to_string(&events).unwrap();
    let back: Vec<Event> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, events);
}

// ----- Search -----------------------------------------------------------------------------------

#[test]
fn search_by_name_id_digits_and_phone() {
    let mut log = with_voters(3);
    log.add("c", reg("w", "欧阳娜娜", "11010519491231002X", "13612345678"));
    let s = log.state();
    let ids = |q: &str| s.search(q, 10).iter().map(|v| v.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids("欧阳"), vec!["w"]);
    assert_eq!(ids("002x"), vec!["w"]);
    assert_eq!(ids(" 1949 1231 "), vec!["w"]);
    assert_eq!(ids("12345678"), vec!["w"]);
    assert_eq!(ids("居民").len(), 3);
    assert_eq!(s.search("居民", 2).len(), 2);
    assert!(ids("").is_empty());
    // One voter matching in several fields is listed once.
    assert_eq!(ids("1").iter().filter(|i| *i == "w").count(), 1);

    let base = s.voter("w").unwrap().version.clone();
    log.add("c", correct("w", &base, VoterChanges { name: Some("欧阳丽".into()), ..Default::default() }));
    let s = log.state();
    assert!(s.search("娜娜", 10).is_empty());
    assert_eq!(s.search("欧阳丽", 10).len(), 1);
}

// Speed is measured by `make bench` (search_50k_ms); this test pins what search finds at 50k and
// prints its times for a person reading the output, never failing on a busy machine.
#[test]
fn search_finds_voters_among_50k_by_name_and_id_number() {
    let events = demo::events(50_000, 42);
    let t = Instant::now();
    let s = ElectionState::fold(&events);
    let fold = t.elapsed();
    assert_eq!(s.voters().len(), 50_002);

    let v = &s.voters()[31_337];
    let queries =
        [v.name.clone(), v.id_number[6..14].to_string(), v.id_number[10..].to_string(), "王".into(), "zzz".into()];
    let t = Instant::now();
    let mut hits = 0;
    let rounds = 20;
    for _ in 0..rounds {
        for q in &queries {
            hits += s.search(q, 50).len();
        }
    }
    let per_query = t.elapsed() / (rounds * queries.len() as u32);
    // The worst case: a query that matches nothing scans everything.
    let t = Instant::now();
    assert!(s.search("zzz", 50).is_empty());
    let miss = t.elapsed();
    println!(
        "50k voters: fold {fold:?} ({} events); search {per_query:?} per query on average, full miss {miss:?}",
        events.len()
    );
    assert!(hits > 0);
    assert!(s.search(&v.id_number, 5).iter().any(|x| x.id == v.id));
}

#[test]
fn a_complaint_is_open_then_overdue_until_answered() {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    let mut c = Complaint {
        logged: ComplaintLogged {
            complaint: "c1".into(),
            received_on: d(4, 1),
            from: "张某".into(),
            channel: "来访".into(),
            summary: "选民名单漏登".into(),
            due_on: d(4, 16),
            handler: "李晓红".into(),
        },
        answer: None,
    };
    assert_eq!(c.status(d(4, 10)), ComplaintStatus::Open { days_left: 6 });
    assert_eq!(c.status(d(4, 16)).zh(), "今天到期");
    assert_eq!(c.status(d(4, 18)), ComplaintStatus::Overdue { days_over: 2 });
    c.answer = Some(ComplaintAnswered { complaint: "c1".into(), answered_on: d(4, 15), answer: "已补登".into() });
    assert_eq!(c.status(d(4, 18)), ComplaintStatus::Answered);
    c.answer = Some(ComplaintAnswered { complaint: "c1".into(), answered_on: d(4, 20), answer: "已补登".into() });
    assert_eq!(c.status(d(4, 20)), ComplaintStatus::AnsweredLate);
}
