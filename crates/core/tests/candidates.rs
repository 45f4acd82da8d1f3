//! Nomination rules, qualification review between committee and office, 差额, pre-selection and
//! the final list, on the demo community (幸福里社区: director 1 / deputy 1 / members 3 seats;
//! nominees 2 / 2 / 5; the first three passed the street's review).

use chrono::NaiveDate;
use huanjie_core::base::strokes;
use huanjie_core::demo;
use huanjie_core::election::candidates::{self, PRESELECTION_BOX};
use huanjie_core::election::exchange::{enroll, trust_context};
use huanjie_core::election::review::{self, RequestVerdict};
use huanjie_core::record::bundle::{verify, Kind, Refusal};
use huanjie_core::record::events::*;
use huanjie_core::record::identity::Role;
use huanjie_core::record::log::Log;
use huanjie_core::record::state::{CandidateStatus, ElectionState};
use std::collections::BTreeSet;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// The demo as the committee's device holds it; `add` records as the committee.
struct Committee {
    log: Log,
    wall: u64,
}

impl Committee {
    fn new() -> Committee {
        let (log, _) = Log::from_events(&demo::committee_device(), demo::events(demo::DEFAULT_VOTERS, 1));
        Committee { log, wall: demo::START_MS + 10_000_000 }
    }
    fn add(&mut self, body: EventBody) -> Event {
        self.wall += 1000;
        self.log.append_local(body, self.wall)
    }
    fn state(&self) -> ElectionState {
        ElectionState::fold(self.log.in_order())
    }
}

fn nominees(s: &ElectionState) -> Vec<VoterId> {
    s.nominations.iter().map(|n| n.nomination.nominee.clone()).collect()
}

fn decision(nominee: &str, level: ReviewLevel, decision: ReviewDecision, reason: &str) -> ReviewDecided {
    ReviewDecided {
        nominee: nominee.into(),
        department: "区联审小组".into(),
        level,
        decision,
        reason: reason.into(),
        decided_on: d(4, 16),
    }
}

/// Fresh voters (not nominees, not nominators so far) to nominate with.
fn free_voters(s: &ElectionState, n: usize) -> Vec<VoterId> {
    let used: BTreeSet<&VoterId> =
        s.nominations.iter().flat_map(|r| r.nominators().into_iter().chain([&r.nomination.nominee])).collect();
    let day = s.election_day().unwrap();
    s.active_voters().filter(|v| v.eligible_on(day) && !used.contains(&v.id)).take(n).map(|v| v.id.clone()).collect()
}

#[test]
fn self_nomination_only_where_the_preset_allows_it() {
    let c = Committee::new();
    let s = c.state();
    let free = free_voters(&s, 1);
    let n = Nomination {
        nominee: free[0].clone(),
        post: Post::Member,
        by: NominatedBy::SelfNominated,
        nominated_on: d(4, 9),
        profile: CandidateProfile::default(),
    };
    // 居委会组织法 2025 art 18: the Party organisation or ten voters jointly; no 自荐.
    let e = s.check_nomination(&n).unwrap_err();
    assert!(e.zh.contains("不实行自荐"), "{}", e.zh);
    // 河北 art 20 allows self-recommendation.
    let mut def = s.definition.clone().unwrap();
    def.rule_preset = "hebei-2020-village".into();
    let mut c = c;
    c.add(EventBody::ElectionDefined(def));
    assert_eq!(c.state().check_nomination(&n), Ok(()));
}

#[test]
fn the_review_request_goes_to_the_office_and_its_decisions_come_back() {
    let mut c = Committee::new();
    let s = c.state();
    let ids = review::reviewable(&s);
    assert_eq!(ids.len(), 9);
    c.add(EventBody::ReviewRequested(ReviewRequested {
        nominees: ids.clone(),
        requested_on: d(4, 12),
        departments: vec!["组织".into(), "公安".into()],
    }));
    let s = c.state();
    let committee_key = demo::device_key("committee");
    let me = committee_key.record(Role::ElectionCommittee, "选委会");
    let request = review::export_request(&s, &c.log, &committee_key, &me, "t", c.wall).unwrap();
    assert_eq!(request.kind, Kind::ReviewRequest);
    assert_eq!(request.events.len(), 1);
    let content: review::ReviewRequest = serde_json::from_value(request.content.clone().unwrap()).unwrap();
    assert_eq!(content.nominees.len(), 9);
    // Masked: the office never sees a full ID number.
    assert!(content.nominees.iter().all(|n| n.masked_id.contains('*')));
    let bytes = request.to_json_bytes();

    // The office: a new case; the same file again changes nothing.
    let office = demo::device_key("a real office");
    let RequestVerdict::New(mut case) = review::receive_request(&bytes, &[]) else { panic!() };
    assert_eq!(review::receive_request(&bytes, std::slice::from_ref(&case)), RequestVerdict::AlreadyReceived);
    let desk = review::desk_key(&office, &case.election.id);
    assert_ne!(desk.code(), review::desk_key(&office, "another-community").code());
    // A disqualification needs a reason; strangers are refused.
    let e =
        review::decide(&mut case, &desk, decision(&ids[0], ReviewLevel::District, ReviewDecision::Disqualify, " "), 1)
            .unwrap_err();
    assert!(e.zh.contains("理由"));
    assert!(
        review::decide(&mut case, &desk, decision("nobody", ReviewLevel::Street, ReviewDecision::Pass, ""), 1).is_err()
    );
    // The demo's street office passed three already (another device); this office the rest.
    let pending: Vec<&VoterId> =
        ids.iter().filter(|id| s.candidates[*id].status() == CandidateStatus::Nominated).collect();
    assert_eq!(pending.len(), 6);
    for id in &pending {
        review::decide(&mut case, &desk, decision(id, ReviewLevel::Street, ReviewDecision::Pass, ""), demo::START_MS)
            .unwrap();
    }
    let out = pending[5].clone();
    review::decide(
        &mut case,
        &desk,
        decision(&out, ReviewLevel::District, ReviewDecision::Disqualify, "受过刑事处罚"),
        demo::START_MS,
    )
    .unwrap();
    assert_eq!(case.counts(), (5, 0, 1, 3));
    let file = review::export_review(&case, &desk, "城关街道换届办", "t", demo::START_MS).unwrap().to_json_bytes();

    // The committee: the desk is not enrolled → quarantine; accepted after comparing codes.
    let ctx = trust_context(&s, &me, BTreeSet::new());
    let Err(Refusal::Quarantine { unknown }) = verify(&file, &ctx) else { panic!("desk must be quarantined") };
    assert_eq!(unknown[0].code, desk.code());
    c.add(enroll(&unknown[0], None));
    let s = c.state();
    let verified = verify(&file, &trust_context(&s, &me, BTreeSet::new())).unwrap();
    c.log.merge(verified.bundle.events);
    let s = c.state();
    let counts = s.review_counts();
    assert_eq!((counts.passed, counts.disqualified_district, counts.pending), (8, 1, 0));
    assert_eq!(s.candidates[&out].status(), CandidateStatus::DisqualifiedByReview(ReviewLevel::District));

    // A second export after one more decision continues the same chain: the committee adds it.
    review::decide(
        &mut case,
        &desk,
        decision(&ids[0], ReviewLevel::District, ReviewDecision::Pass, ""),
        demo::START_MS,
    )
    .unwrap();
    let again = review::export_review(&case, &desk, "城关街道换届办", "t", demo::START_MS).unwrap();
    let verified = verify(&again.to_json_bytes(), &trust_context(&s, &me, BTreeSet::new())).unwrap();
    let report = c.log.merge(verified.bundle.events);
    assert_eq!(report.added.len(), 1);
    assert!(report.anomalies.is_empty(), "{:?}", report.anomalies);
}

#[test]
fn review_files_come_from_the_office_and_requests_from_the_committee() {
    let c = Committee::new();
    let s = c.state();
    let me = demo::device_key("committee").record(Role::ElectionCommittee, "选委会");
    // A committee-role key sending "review decisions" is refused even once accepted.
    let RequestVerdict::New(mut case) = review::receive_request(&request_bytes(), &[]) else { panic!() };
    let fake = demo::device_key("fake");
    let ids = nominees(&s);
    review::decide(&mut case, &fake, decision(&ids[0], ReviewLevel::Street, ReviewDecision::Pass, ""), 5).unwrap();
    let mut b = review::export_review(&case, &fake, "x", "t", 5).unwrap();
    b.sender.role = Role::ElectionCommittee;
    b.seal(&fake);
    let mut ctx = trust_context(&s, &me, BTreeSet::new());
    ctx.enrolled.push(b.sender.clone());
    assert_eq!(verify(&b.to_json_bytes(), &ctx).unwrap_err().check(), "wrong_sender");
    // The office refuses a file that is not a request.
    let package = demo::sample_bundles(demo::START_MS)[0].1.to_json_bytes();
    assert!(matches!(review::receive_request(&package, &[]), RequestVerdict::Refused { .. }));
}

fn request_bytes() -> Vec<u8> {
    let mut c = Committee::new();
    let ids = review::reviewable(&c.state());
    c.add(EventBody::ReviewRequested(ReviewRequested { nominees: ids, requested_on: d(4, 12), departments: vec![] }));
    let key = demo::device_key("committee");
    let me = key.record(Role::ElectionCommittee, "选委会");
    review::export_request(&c.state(), &c.log, &key, &me, "t", c.wall).unwrap().to_json_bytes()
}

/// The demo with every nominee passed (street) and signed.
fn reviewed() -> Committee {
    let mut c = Committee::new();
    let s = c.state();
    for id in nominees(&s) {
        c.add(EventBody::CommitmentsRecorded(CommitmentsRecorded {
            nominee: id.clone(),
            signed_on: d(4, 10),
            commitments: vec![Commitment::Candidacy, Commitment::Performance, Commitment::Resignation],
        }));
        c.add(EventBody::ReviewDecided(decision(&id, ReviewLevel::Street, ReviewDecision::Pass, "")));
    }
    c
}

#[test]
fn margins_per_post_follow_the_preset() {
    let mut c = reviewed();
    let s = c.state();
    let slates = candidates::slates(&s);
    assert_eq!(
        slates.iter().map(|s| (s.post, s.nominees.len(), s.min, s.max)).collect::<Vec<_>>(),
        [(Post::Director, 2, 2, Some(2)), (Post::DeputyDirector, 2, 2, Some(2)), (Post::Member, 5, 4, Some(6)),]
    );
    assert!(slates.iter().all(|s| s.too_few.is_none() && !s.needs_preselection()));
    // A director nominee disqualified by the district: one left for one seat is 等额, refused.
    let director = s.candidates_by_post()[&Post::Director][0].clone();
    c.add(EventBody::ReviewDecided(decision(&director, ReviewLevel::District, ReviewDecision::Disqualify, "涉黑涉恶")));
    let s = c.state();
    let slate = &candidates::slates(&s)[0];
    let breach = slate.too_few.as_ref().unwrap();
    assert!(breach.zh.contains("至少2名") && breach.zh.contains("现有1名"), "{}", breach.zh);
    assert!(candidates::final_list(&s, d(5, 10)).unwrap_err().zh.contains("至少2名"));
}

#[test]
fn the_final_list_is_in_surname_stroke_order_and_on_time() {
    let c = reviewed();
    let s = c.state();
    let list = candidates::final_list(&s, d(5, 13)).unwrap();
    assert_eq!(list.posts.iter().map(|p| p.candidates.len()).collect::<Vec<_>>(), [2, 2, 5]);
    for p in &list.posts {
        let names: Vec<&str> = p.candidates.iter().map(|id| s.voter(id).unwrap().name.as_str()).collect();
        assert!(names.windows(2).all(|w| strokes::compare(w[0], w[1]).is_le()), "{names:?}");
    }
    // 选举日五日前: 5-18 → on or before 5-13; the 14th is too late.
    let e = candidates::final_list(&s, d(5, 14)).unwrap_err();
    assert!(e.zh.contains("2026年5月13日前公布"), "{}", e.zh);
}

#[test]
fn the_final_list_waits_for_review_and_commitments() {
    let c = Committee::new();
    let s = c.state();
    // Six of nine are still pending review in the demo.
    assert!(candidates::final_list(&s, d(5, 1)).unwrap_err().zh.contains("还没有通过资格审查"));
    let mut c = Committee::new();
    for id in nominees(&c.state()) {
        c.add(EventBody::ReviewDecided(decision(&id, ReviewLevel::Street, ReviewDecision::Pass, "")));
    }
    // The ninth nominee has not signed the three commitments.
    assert!(candidates::final_list(&c.state(), d(5, 1)).unwrap_err().zh.contains("三项承诺"));
}

/// Two more member nominees (7 > 6): pre-selection needed.
fn crowded() -> Committee {
    let mut c = reviewed();
    for _ in 0..2 {
        let s = c.state();
        let free = free_voters(&s, 11);
        let n = Nomination {
            nominee: free[0].clone(),
            post: Post::Member,
            by: NominatedBy::JointVoters { nominators: free[1..].to_vec() },
            nominated_on: d(4, 9),
            profile: CandidateProfile::default(),
        };
        assert_eq!(s.check_nomination(&n), Ok(()));
        c.add(EventBody::Nomination(n));
        c.add(EventBody::CommitmentsRecorded(CommitmentsRecorded {
            nominee: free[0].clone(),
            signed_on: d(4, 10),
            commitments: vec![Commitment::Candidacy, Commitment::Performance, Commitment::Resignation],
        }));
        c.add(EventBody::ReviewDecided(decision(&free[0], ReviewLevel::Street, ReviewDecision::Pass, "")));
    }
    c
}

fn enter_totals(c: &mut Committee, round: &RoundOpened, votes: &[u32], returned: u32) {
    let post = &round.posts[0];
    c.add(EventBody::TotalsEntered(TotalsEntered {
        round: round.round.clone(),
        from_box: None,
        ballots: returned,
        spoilt: 2,
        posts: vec![PostTotals {
            post: post.post,
            votes: post
                .candidates
                .iter()
                .zip(votes)
                .map(|(id, &v)| CandidateVotes { person: id.clone(), write_in: false, votes: v })
                .collect(),
            invalid_parts: 0,
            blanks: 0,
        }],
    }));
    c.add(EventBody::BoxCounted(BoxCounted {
        round: round.round.clone(),
        at: PRESELECTION_BOX.into(),
        issued: returned,
        returned,
    }));
}

#[test]
fn more_nominees_than_the_margin_go_to_a_preselection_counted_by_the_engine() {
    let mut c = crowded();
    let s = c.state();
    let member = candidates::slates(&s).into_iter().find(|s| s.post == Post::Member).unwrap();
    assert!(member.needs_preselection());
    assert!(candidates::final_list(&s, d(5, 10)).unwrap_err().zh.contains("须先组织预选"));
    let round = candidates::preselection_round(&s, "pre-1".into(), d(4, 25)).unwrap();
    assert_eq!(round.posts.len(), 1);
    assert_eq!((round.posts[0].post, round.posts[0].seats, round.posts[0].candidates.len()), (Post::Member, 6, 7));
    c.add(EventBody::RoundOpened(round.clone()));
    // A tie at the cut-off (6th and 7th with 90 each) needs a re-vote among them.
    enter_totals(&mut c, &round, &[200, 180, 170, 160, 150, 90, 90], 250);
    let e = candidates::final_list(&c.state(), d(5, 10)).unwrap_err();
    assert!(e.zh.contains("票数相等"), "{}", e.zh);
    // The corrected sheet (a later entry replaces the earlier one): the lowest is left out.
    enter_totals(&mut c, &round, &[200, 180, 170, 160, 150, 91, 90], 250);
    let s = c.state();
    let list = candidates::final_list(&s, d(5, 10)).unwrap();
    let members = &list.posts.iter().find(|p| p.post == Post::Member).unwrap().candidates;
    assert_eq!(members.len(), 6);
    assert!(!members.contains(&round.posts[0].candidates[6]));
}

#[test]
fn a_preselection_without_enough_turnout_is_void() {
    let mut c = crowded();
    let round = candidates::preselection_round(&c.state(), "pre-1".into(), d(4, 25)).unwrap();
    c.add(EventBody::RoundOpened(round.clone()));
    // 300 demo voters: 150 returned is not more than half.
    let registered = huanjie_core::election::count::registered(&c.state());
    enter_totals(&mut c, &round, &[100, 90, 80, 70, 60, 50, 40], (registered / 2) as u32);
    let e = candidates::final_list(&c.state(), d(5, 10)).unwrap_err();
    assert!(e.zh.contains("预选无效"), "{}", e.zh);
}

#[test]
fn notice_dates_follow_the_preset() {
    use huanjie_core::law::rules::preset;
    let sc = preset("sichuan-2025-residents").unwrap();
    // 四川 SCR art 21: nominees 15 days before → 5-3 for 5-18.
    assert!(huanjie_core::election::notices::check_notice_date(sc, d(5, 18), &NoticeKind::Nominees, d(5, 3)).is_ok());
    assert!(huanjie_core::election::notices::check_notice_date(sc, d(5, 18), &NoticeKind::Nominees, d(5, 4)).is_err());
    // The national law sets no nominee-list date.
    let nat = preset("national-2025-residents").unwrap();
    assert!(huanjie_core::election::notices::check_notice_date(nat, d(5, 18), &NoticeKind::Nominees, d(5, 17)).is_ok());
    assert!(huanjie_core::election::notices::check_notice_date(nat, d(5, 18), &NoticeKind::FinalCandidates, d(5, 13))
        .is_ok());
    assert!(huanjie_core::election::notices::check_notice_date(nat, d(5, 18), &NoticeKind::FinalCandidates, d(5, 14))
        .is_err());
}

#[test]
fn every_candidate_status_has_the_label_the_lists_show() {
    let labels: Vec<&str> = [
        CandidateStatus::Nominated,
        CandidateStatus::Passed,
        CandidateStatus::DisqualifiedByScreening,
        CandidateStatus::DisqualifiedByReview(ReviewLevel::Street),
        CandidateStatus::DisqualifiedByReview(ReviewLevel::District),
        CandidateStatus::Withdrawn,
    ]
    .into_iter()
    .map(CandidateStatus::zh)
    .collect();
    assert_eq!(
        labels,
        ["待审查", "审查通过", "选委会审查不符合条件", "街道审查取消资格", "区级审查取消资格", "已退出"]
    );
}
