//! A lawful definition and the preparation gates (election::setup).

use chrono::NaiveDate;
use huanjie_core::demo;
use huanjie_core::election::setup::*;
use huanjie_core::law::rules::Family;
use huanjie_core::record::events::{ElectionDefined, ElectionKind, ElectorateMode, Post, RegistrationCategory};
use huanjie_core::record::events::{
    Event, EventBody, PostSeats, PreparationRecorded, RoundKind, RoundOpened, RoundPost,
};
use huanjie_core::record::state::ElectionState;

fn definition(preset: &str, posts: &[(Post, u32)]) -> ElectionDefined {
    ElectionDefined {
        election_id: "e1".into(),
        community: "幸福里社区".into(),
        street: "东城街道".into(),
        district: "城关区".into(),
        kind: ElectionKind::ResidentsCommittee,
        electorate: ElectorateMode::AllVoters,
        rule_preset: preset.into(),
        posts: posts.iter().map(|&(post, seats)| PostSeats { post, seats }).collect(),
        election_day: NaiveDate::from_ymd_opt(2026, 5, 18).unwrap(),
    }
}

#[test]
fn a_lawful_residents_committee_passes() {
    let d = definition("national-2025-residents", &[(Post::Director, 1), (Post::DeputyDirector, 1), (Post::Member, 3)]);
    assert_eq!(check_definition(&d), vec![]);
}

#[test]
fn committee_size_is_checked_at_both_ends() {
    // 5 to 9 members (居委会组织法 2025 art 8): exactly 5 and 9 pass, 4 and 10 fail.
    for (members, ok) in [(2, false), (3, true), (7, true), (8, false)] {
        let d = definition(
            "national-2025-residents",
            &[(Post::Director, 1), (Post::DeputyDirector, 1), (Post::Member, members)],
        );
        let found = check_definition(&d);
        assert_eq!(found.is_empty(), ok, "{members} members: {found:?}");
        if !ok {
            assert!(found[0].zh.contains("5至9人"), "{}", found[0].zh);
        }
    }
}

#[test]
fn wrong_family_mode_and_posts_are_all_reported() {
    let mut d = definition("national-2025-village", &[(Post::Director, 2), (Post::Member, 3), (Post::WomenMember, 1)]);
    d.electorate = ElectorateMode::ResidentReps;
    let zh: Vec<String> = check_definition(&d).into_iter().map(|b| b.zh).collect();
    assert!(zh.iter().any(|z| z.contains("不适用于居委会选举")), "{zh:?}");
    assert!(zh.iter().any(|z| z.contains("不能采用居民代表选举")), "{zh:?}");
    assert!(zh.iter().any(|z| z.contains("主任只设1名")), "{zh:?}");
    assert!(zh.iter().any(|z| z.contains("没有妇女委员职务")), "{zh:?}");
}

#[test]
fn zhejiang_needs_its_women_member_post() {
    let mut d = definition("zhejiang-2020-village", &[(Post::Director, 1), (Post::Member, 2)]);
    d.kind = ElectionKind::VillageCommittee;
    assert!(check_definition(&d).iter().any(|b| b.zh.contains("妇女委员")));
    d.posts.push(PostSeats { post: Post::WomenMember, seats: 1 });
    assert_eq!(check_definition(&d), vec![]);
}

#[test]
fn categories_follow_the_law_of_the_election() {
    let residents = registration_categories(Family::Residents);
    assert!(residents.contains(&RegistrationCategory::CommunityWorker6m));
    assert!(!residents.contains(&RegistrationCategory::VillageResident1y));
    let village = registration_categories(Family::Village);
    assert!(village.contains(&RegistrationCategory::VillageResident1y));
    assert!(!village.contains(&RegistrationCategory::ResidentNoHukou));
}

#[test]
fn no_audit_no_election() {
    let day = demo::election_day();
    let events = demo::events(80, 3);
    let state = ElectionState::fold(&events);
    assert_eq!(check_gates(&state), Ok(()));
    // The same election without the audit: refused, citing the requirement.
    let without: Vec<Event> =
        events.iter().filter(|e| !matches!(e.body, EventBody::PreparationRecorded(_))).cloned().collect();
    let mut state = ElectionState::fold(&without);
    let refused = check_gates(&state).unwrap_err();
    assert!(refused.zh.contains("审计"), "{}", refused.zh);
    assert_eq!(refused.cite, AUDIT_RULE);
    // Nobody votes before the audit either.
    let round = RoundOpened {
        round: "r1".into(),
        kind: RoundKind::First,
        held_on: day,
        posts: vec![RoundPost { post: Post::Member, seats: 1, candidates: vec![] }],
        after: None,
    };
    assert!(state.check_round_opening(&round).unwrap_err().zh.contains("审计"));
    let mut e = events[0].clone();
    e.body = EventBody::PreparationRecorded(PreparationRecorded {
        audit_published: Some(day - chrono::Days::new(60)),
        democratic_review: None,
        plan_adopted: None,
        note: String::new(),
    });
    state.apply(&e);
    assert_eq!(check_gates(&state), Ok(()));
    assert_eq!(gates(&state).iter().filter(|g| g.done_on.is_none()).count(), 2);
}

#[test]
fn a_new_definition_starts_from_the_national_preset_and_a_five_member_committee() {
    let id = |k| default_preset(k).map(|p| p.id);
    assert_eq!(id(ElectionKind::ResidentsCommittee), Some("national-2025-residents"));
    for kind in [ElectionKind::ResidentsCommittee, ElectionKind::VillageCommittee, ElectionKind::PartyCommittee] {
        let preset = default_preset(kind).expect("every kind has a preset");
        assert_eq!(Some(preset.id), presets_for(kind).next().map(|p| p.id), "the first of its family");
    }
    let seats: Vec<u32> = [Post::Director, Post::DeputyDirector, Post::Member, Post::WomenMember]
        .into_iter()
        .map(default_seats)
        .collect();
    assert_eq!(seats, [1, 1, 3, 0]);
    let preset = default_preset(ElectionKind::ResidentsCommittee).unwrap();
    assert!(huanjie_core::law::rules::check_committee_size(preset, seats.iter().sum()).is_ok());
}

#[test]
fn choosing_a_past_or_too_near_day_or_one_that_leaves_minors_on_the_list_is_warned_of() {
    let (events, planted) = demo::generate(120, 5);
    let state = ElectionState::fold(&demo::stamp(&events, demo::START_MS));
    let preset = huanjie_core::law::rules::preset("national-2025-residents").unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    let today = d(4, 20);
    // Far enough and no minor newly under age (the planted ones are under age on any day soon).
    let far = day_warnings(&state, preset, d(6, 30), today);
    assert_eq!(far.len(), 1, "{far:?}");
    assert!(far[0].starts_with(&format!("已登记的选民中有{}人到2026年6月30日未满18周岁", planted.underage.len())));
    // The voter list is due 20 days before: a day 19 days away is too near (居委会组织法 art 17).
    let near = day_warnings(&state, preset, d(5, 9), today);
    assert!(near[0].starts_with("选举日2026年5月9日太近：公布选民名单应在2026年4月19日前完成"), "{near:?}");
    assert!(near[0].contains("第十七条"), "{near:?}");
    // Exactly 20 days away is still in time.
    assert!(day_warnings(&state, preset, d(5, 10), today).iter().all(|w| !w.contains("太近")));
    let past = day_warnings(&state, preset, d(4, 19), today);
    assert_eq!(past[0], "选举日2026年4月19日已经过去，请核对");
    // One day earlier than the demo's day: those who turn 18 on the 18th are under age.
    let earlier = day_warnings(&state, preset, d(5, 17), d(4, 1));
    let n = planted.underage.len() + planted.exactly_18.len();
    assert!(earlier[0].starts_with(&format!("已登记的选民中有{n}人到2026年5月17日未满18周岁")), "{earlier:?}");
}
