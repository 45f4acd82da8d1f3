//! 公示 deadlines and the eight publications (election::notices), on the demo community.

use chrono::NaiveDate;
use huanjie_core::demo;
use huanjie_core::election::notices::*;
use huanjie_core::law::calendar::{self, Step};
use huanjie_core::law::rules::{self};
use huanjie_core::record::events::NoticeKind;
use huanjie_core::record::events::{
    AnomalyResolved, ElectionDefined, Event, EventBody, NoticePublished, ObjectionDecided, ObjectionFiled,
    RemovalReason, Resolution, VoterListPublished, VoterRemoved,
};
use huanjie_core::record::state::ElectionState;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

struct Demo {
    state: ElectionState,
    template: Event,
}

impl Demo {
    fn new() -> Demo {
        let events = demo::events(120, 5);
        Demo { state: ElectionState::fold(&events), template: events.last().unwrap().clone() }
    }

    fn apply(&mut self, body: EventBody) {
        let mut e = self.template.clone();
        e.seq += 1;
        e.time.ms += 1;
        e.id = format!("{}-{}", e.device, e.seq);
        e.body = body;
        self.state.apply(&e);
        self.template = e;
    }

    fn resolve_anomalies(&mut self) {
        let open: Vec<(String, String)> =
            self.state.open_anomalies().map(|a| (a.id.clone(), self.state.describe_anomaly(a))).collect();
        for (id, _) in open {
            self.apply(EventBody::AnomalyResolved(AnomalyResolved {
                anomaly: id,
                resolution: Resolution::Explained,
                note: "核实".into(),
            }));
        }
    }

    /// Take the people under 18 on the election day off the list, as the committee does.
    fn remove_minors(&mut self) {
        let minors: Vec<String> = self.state.under_age_on_day().iter().map(|v| v.id.clone()).collect();
        for voter in minors {
            self.apply(EventBody::VoterRemoved(VoterRemoved {
                voter,
                reason: RemovalReason::NotEligible,
                note: "到选举日未满18周岁".into(),
            }));
        }
    }
}

#[test]
fn the_list_is_published_twenty_days_before_at_the_latest() {
    let mut d = Demo::new();
    // Election day 2026-05-18: the 28th of April is exactly 20 days before.
    let refused = check_voter_list_publication(&d.state, date(4, 28)).unwrap_err();
    assert!(refused.zh.contains("重复登记未处理"), "{}", refused.zh);
    d.resolve_anomalies();
    d.remove_minors();
    assert_eq!(check_voter_list_publication(&d.state, date(4, 28)), Ok(()));
    let late = check_voter_list_publication(&d.state, date(4, 29)).unwrap_err();
    assert!(late.zh.contains("应在2026年4月28日前公布"), "{}", late.zh);
    assert!(late.cite.article.contains("第十七条"), "{:?}", late.cite);
}

#[test]
fn objections_are_received_for_five_days_and_decided_within_three() {
    let mut d = Demo::new();
    assert!(check_objection(&d.state, date(4, 20)).unwrap_err().zh.contains("尚未公布"));
    d.apply(EventBody::VoterListPublished(VoterListPublished { published_on: date(4, 20), voters: 100 }));
    assert_eq!(check_objection(&d.state, date(4, 20)), Ok(()));
    assert_eq!(check_objection(&d.state, date(4, 25)), Ok(()), "the fifth day is in time");
    let late = check_objection(&d.state, date(4, 26)).unwrap_err();
    assert!(late.zh.contains("4月25日止") && late.zh.contains("信访台账"), "{}", late.zh);

    d.apply(EventBody::ObjectionFiled(ObjectionFiled {
        objection: "o1".into(),
        filed_on: date(4, 22),
        filed_by: "王某".into(),
        about: None,
        text: "漏登".into(),
    }));
    let o = d.state.objections["o1"].clone();
    assert_eq!(
        objection_status(&d.state, &o, date(4, 25)),
        Some(ObjectionStatus::Open { decide_by: date(4, 25), overdue: false })
    );
    assert_eq!(
        objection_status(&d.state, &o, date(4, 26)),
        Some(ObjectionStatus::Open { decide_by: date(4, 25), overdue: true })
    );
    d.apply(EventBody::ObjectionDecided(ObjectionDecided {
        objection: "o1".into(),
        decided_on: date(4, 26),
        upheld: true,
        answer: "补登".into(),
    }));
    let o = d.state.objections["o1"].clone();
    let status = objection_status(&d.state, &o, date(4, 27)).unwrap();
    assert_eq!(status, ObjectionStatus::Decided { on: date(4, 26), late: true, upheld: true });
    assert!(status.zh().contains("超过三日期限"));
}

#[test]
fn hainan_posts_the_mobile_box_voters_three_days_before() {
    let hainan = rules::preset("hainan-2025-village").unwrap();
    let national = rules::preset("national-2025-village").unwrap();
    let day = date(5, 18);
    assert_eq!(check_notice_date(hainan, day, &NoticeKind::MobileBoxUsers, date(5, 15)), Ok(()));
    let late = check_notice_date(hainan, day, &NoticeKind::MobileBoxUsers, date(5, 16)).unwrap_err();
    assert!(late.zh.contains("使用流动票箱投票的选民名单应在2026年5月15日前公布"), "{}", late.zh);
    // The national law sets no days for this list.
    assert_eq!(check_notice_date(national, day, &NoticeKind::MobileBoxUsers, date(5, 17)), Ok(()));
    assert!(calendar::deadlines(hainan, day)
        .iter()
        .any(|d| d.step == Step::MobileBoxUsersPublished && d.by == date(5, 15)));
}

#[test]
fn the_eight_publications_take_their_dates_from_the_records() {
    let mut d = Demo::new();
    let before = eight_publications(&d.state);
    assert_eq!(before.len(), 8);
    assert!(before.iter().all(|p| p.published_on.is_none()));
    d.apply(EventBody::VoterListPublished(VoterListPublished { published_on: date(4, 20), voters: 100 }));
    d.apply(EventBody::NoticePublished(NoticePublished {
        notice: NoticeKind::VotingArrangements,
        published_on: date(5, 14),
        title: "选举公告".into(),
        place: "公示栏".into(),
    }));
    let after = eight_publications(&d.state);
    let voter_list = after.iter().find(|p| p.notice == NoticeKind::VoterList).unwrap();
    assert_eq!(
        (voter_list.published_on, voter_list.due, voter_list.late()),
        (Some(date(4, 20)), Some(date(4, 28)), false)
    );
    let voting = after.iter().find(|p| p.notice == NoticeKind::VotingArrangements).unwrap();
    // Five days before the 18th is the 13th: published on the 14th is late.
    assert_eq!((voting.due, voting.late()), (Some(date(5, 13)), true));
}

#[test]
fn minors_on_the_list_are_named_and_refuse_its_publication() {
    let (_, planted) = demo::generate(120, 5);
    let mut d = Demo::new();
    d.resolve_anomalies();
    // Registered while the day was another, or by a grid worker's phone with an old package:
    // the demo's planted minors are on the list.
    let minors: Vec<&str> = d.state.under_age_on_day().iter().map(|v| v.id.as_str()).collect();
    assert_eq!(minors, planted.underage.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!minors.is_empty());
    let refused = check_voter_list_publication(&d.state, date(4, 28)).unwrap_err();
    let first = d.state.voter(&planted.underage[0]).unwrap().name.clone();
    assert!(
        refused.zh.starts_with(&format!("名单上有{}人到选举日（2026年5月18日）未满18周岁：", minors.len())),
        "{}",
        refused.zh
    );
    assert!(refused.zh.contains(&first), "{}", refused.zh);
    assert_eq!(refused.cite.article, "年满十八周岁的居民享有选举权和被选举权");
    assert_eq!(d.state.open_problems(), minors.len());
    d.remove_minors();
    assert_eq!(d.state.open_problems(), 0);
    assert_eq!(check_voter_list_publication(&d.state, date(4, 28)), Ok(()));
}

#[test]
fn moving_the_election_day_earlier_puts_those_who_turn_18_on_the_old_day_off_the_list() {
    let (_, planted) = demo::generate(120, 5);
    let mut d = Demo::new();
    d.resolve_anomalies();
    d.remove_minors();
    assert!(!planted.exactly_18.is_empty());
    let mut def: ElectionDefined = d.state.definition.clone().unwrap();
    def.election_day = date(5, 17);
    // What the setup screen warns of before the change is saved…
    let would: Vec<&str> = d.state.under_age_on(date(5, 17)).iter().map(|v| v.id.as_str()).collect();
    assert_eq!(would, planted.exactly_18.iter().map(String::as_str).collect::<Vec<_>>());
    // …and what publication refuses after it.
    d.apply(EventBody::ElectionDefined(def));
    let refused = check_voter_list_publication(&d.state, date(4, 27)).unwrap_err();
    let name = &d.state.voter(&planted.exactly_18[0]).unwrap().name;
    assert!(refused.zh.contains("到选举日（2026年5月17日）未满18周岁"), "{}", refused.zh);
    assert!(refused.zh.contains(name.as_str()), "{}", refused.zh);
    let v = d.state.voter(&planted.exactly_18[0]).unwrap();
    assert!(ElectionState::under_age_zh(v, date(5, 17)).ends_with("年满18周岁），不能列入选民名单。"));
}
