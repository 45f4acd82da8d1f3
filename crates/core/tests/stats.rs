//! Office statistics: hand-computed figures, rounding edges, ages, 一肩挑 / 交叉任职, the previous
//! term, the work report paragraph and the CSV tables.

use chrono::NaiveDate;
use huanjie_core::demo::reports::{demo_reports, DEMO_AS_OF};
use huanjie_core::office::report::{aggregate_json, csv_tables, overall_paragraph};
use huanjie_core::office::stats::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const AS_OF: (i32, u32, u32) = (2026, 6, 30);

fn as_of() -> NaiveDate {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

/// A Han, male, non-Party, 高中, new member born on `birth`.
fn m(name: &str, committee: Committee, post: Post, birth: NaiveDate, id: &str) -> ElectedMember {
    ElectedMember {
        name: name.into(),
        committee,
        post,
        sex: Sex::Male,
        birth_date: birth,
        ethnicity: "汉族".into(),
        party_member: false,
        education: Education::SeniorHigh,
        re_elected: false,
        id_hash: id.into(),
    }
}

fn female(mut x: ElectedMember) -> ElectedMember {
    x.sex = Sex::Female;
    x
}

fn report(id: &str, name: &str, street: &str, kind: Committee, stage: Stage) -> CommunityReport {
    CommunityReport {
        community: Community {
            id: id.into(),
            name: name.into(),
            street: street.into(),
            district: "新城区".into(),
            kind,
            electorate: (!kind.is_party()).then_some(ElectorateMode::HouseholdReps),
        },
        reported_on: as_of(),
        stage,
        next_deadline: None,
        registered_voters: 0,
        voted: 0,
        election_committee_head_is_party_leader: None,
        candidates: Candidates::default(),
        elected: vec![],
        previous_term: None,
    }
}

use Committee::{PartyCommittee as P, ResidentsCommittee as R, VillageCommittee as V};

// ---------------------------------------------------------------------------------------------
// Rounding

#[test]
fn percent_rounding_edges() {
    let p = |n, d| Percent::new(n, d).to_string();
    assert_eq!(p(1, 8), "12.5%"); // exact, no rounding
    assert_eq!(p(1, 3), "33.3%");
    assert_eq!(p(2, 3), "66.7%");
    assert_eq!(p(0, 0), "—");
    assert_eq!(p(0, 7), "0.0%");
    assert_eq!(p(7, 7), "100.0%");
    assert_eq!(p(1, 16), "6.3%"); // 6.25: half goes up
    assert_eq!(p(1, 80), "1.3%"); // 1.25
    assert_eq!(p(1, 2000), "0.1%"); // 0.05
    assert_eq!(p(1, 2001), "0.0%"); // just under half
    assert_eq!(p(62, 71), "87.3%"); // seed 001: 87.32%
    assert_eq!(p(u64::MAX, u64::MAX), "100.0%"); // no overflow
    assert_eq!(Percent::new(0, 0).tenths(), None);
    assert_eq!(ROUNDING_NOTE, "百分比保留一位小数，四舍五入");
}

#[test]
fn average_and_change_texts() {
    assert_eq!(Average { sum: 165, count: 4 }.to_string(), "41.3"); // 41.25
    assert_eq!(Average { sum: 123, count: 3 }.to_string(), "41.0");
    assert_eq!(Average::default().to_string(), "—");
    assert_eq!(change_text(190, "个百分点"), "提高19.0个百分点");
    assert_eq!(change_text(-5, "个百分点"), "下降0.5个百分点");
    assert_eq!(change_text(0, "岁"), "持平");
}

#[test]
fn the_office_prints_percentages_as_its_reports_do() {
    let (rounded, cut, two, whole) =
        (Rounding::default(), Rounding::new(1, true), Rounding::new(2, false), Rounding::new(0, false));
    // Seed 003: 217,319 of 247,049 voted, printed 87.9% (truncated); rounded it is 88.0%.
    let turnout = Percent::new(217_319, 247_049);
    assert_eq!(cut.percent(turnout), "87.9%");
    assert_eq!(rounded.percent(turnout), "88.0%");
    // Seed 001: 62 of 71 communities 一肩挑, printed with two decimals.
    assert_eq!(two.percent(Percent::new(62, 71)), "87.32%");
    assert_eq!(whole.percent(Percent::new(62, 71)), "87%");
    assert_eq!(two.percent(Percent::new(1, 16)), "6.25%");
    assert_eq!(Rounding::new(2, true).percent(Percent::new(2, 3)), "66.66%");
    assert_eq!(two.percent(Percent::new(2, 3)), "66.67%");
    assert_eq!(two.percent(Percent::new(0, 0)), "—");
    assert_eq!(Rounding::new(9, false), two); // no report prints more than two decimals
    assert_eq!(rounded.note(), ROUNDING_NOTE);
    assert_eq!(cut.note(), "百分比保留一位小数，尾数舍去");
    assert_eq!(whole.note(), "百分比取整数，四舍五入");
    assert_eq!(whole.change(19, "个百分点"), "提高19个百分点"); // seed 001: 比上届提高了19个百分点
    assert_eq!(two.change(-5, "个百分点"), "下降0.05个百分点");
}

#[test]
fn the_chosen_rounding_reaches_the_paragraph_the_tables_and_the_comparison() {
    let a = aggregate_with(&three_communities(), as_of(), Rounding::new(0, false));
    let paragraph = overall_paragraph(&a);
    assert!(paragraph.ends_with("（百分比取整数，四舍五入。）"), "{paragraph}");
    assert!(!paragraph.contains(".0%"), "{paragraph}");
    let women = a.comparison.rows.iter().find(|r| r.figure == "women").unwrap();
    assert_eq!((women.points, women.text.as_str()), (Some(30), "提高30个百分点"));
    let totals = &csv_tables(&a)[3].1;
    assert!(totals.contains("百分比取整数，四舍五入"), "{totals}");
    assert!(totals.contains("50%"), "{totals}");
}

proptest! {
    /// tenths is the nearest tenth of num/den as a percentage, halves rounded up.
    #[test]
    fn percent_is_nearest_tenth_half_up(num in 0u64..1_000_000, den in 1u64..1_000_000) {
        let t = Percent::new(num, den).tenths().unwrap() as i128;
        let exact_x2 = 2 * 1000 * num as i128; // 2 × num/den in tenths of a percent, × den
        let (den, lo) = (den as i128, (2 * t - 1) * den as i128);
        prop_assert!(lo <= exact_x2 && exact_x2 < (2 * t + 1) * den);
    }
}

// ---------------------------------------------------------------------------------------------
// Ages

#[test]
fn age_counts_the_birthday_itself() {
    assert_eq!(age_on(d(2008, 6, 30), d(2026, 6, 30)), Some(18));
    assert_eq!(age_on(d(2008, 7, 1), d(2026, 6, 30)), Some(17));
    assert_eq!(age_on(d(2026, 6, 30), d(2026, 6, 30)), Some(0));
    assert_eq!(age_on(d(2026, 7, 1), d(2026, 6, 30)), None);
}

#[test]
fn leap_day_birthday_falls_on_28_february_in_common_years() {
    let b = d(2008, 2, 29);
    assert_eq!(age_on(b, d(2026, 2, 27)), Some(17));
    assert_eq!(age_on(b, d(2026, 2, 28)), Some(18));
    assert_eq!(age_on(b, d(2028, 2, 28)), Some(19)); // leap year: the birthday is 29 Feb
    assert_eq!(age_on(b, d(2028, 2, 29)), Some(20));
}

#[test]
fn age_band_boundaries() {
    let members = [
        m("a", R, Post::Member, d(1996, 7, 1), "a"),  // 29, turns 30 tomorrow
        m("b", R, Post::Member, d(1996, 6, 30), "b"), // 30 today
        m("c", R, Post::Member, d(1976, 7, 1), "c"),  // 49
        m("e", R, Post::Member, d(1976, 6, 30), "e"), // 50 today
    ];
    let s = structure(&members, as_of());
    assert_eq!(s.age_29_and_under, Percent::new(1, 4));
    assert_eq!(s.age_30_to_49, Percent::new(2, 4));
    assert_eq!(s.age_50_and_over, Percent::new(1, 4));
    assert_eq!(s.youngest, Some(29));
    assert_eq!(s.average_age, Average { sum: 29 + 30 + 49 + 50, count: 4 });
    assert_eq!(s.average_age.to_string(), "39.5");
}

// ---------------------------------------------------------------------------------------------
// One community's structure

#[test]
fn one_shoulder_and_cross_holding_by_id_hash() {
    let b = d(1980, 1, 1);
    let members = [
        m("王书记", P, Post::Secretary, b, "h1"),
        m("李副书记", P, Post::DeputySecretary, b, "h2"),
        m("赵委员", P, Post::Member, b, "h3"),
        m("王书记", R, Post::Director, b, "h1"),         // 一肩挑
        m("李副书记", R, Post::DeputyDirector, b, "h2"), // cross-holding only
        m("赵委员", R, Post::Member, b, "h9"),           // same name, another person
        female(m("钱委员", R, Post::WomenMember, b, "")),
        m("孙委员", R, Post::Member, b, ""), // unknown hash: a person of its own
    ];
    let s = structure(&members, as_of());
    assert_eq!(s.seats.party_committee, 3);
    assert_eq!(s.seats.residents_committee, 5);
    assert_eq!(s.persons, 6);
    assert_eq!(s.one_shoulder, Percent::new(1, 1));
    assert_eq!(s.cross_holding, Percent::new(2, 6));
    assert_eq!(s.cross_holding.to_string(), "33.3%");
    assert_eq!(s.women, Percent::new(1, 6));
    let p = s.posts;
    assert_eq!((p.secretary, p.deputy_secretary, p.party_committee_member), (1, 1, 1));
    assert_eq!((p.director, p.deputy_director, p.member, p.women_member), (1, 1, 2, 1));
}

#[test]
fn secretary_on_the_residents_committee_but_not_director_is_not_one_shoulder() {
    let b = d(1980, 1, 1);
    let members = [
        m("甲", P, Post::Secretary, b, "x"),
        m("甲", R, Post::DeputyDirector, b, "x"),
        m("乙", R, Post::Director, b, "y"),
    ];
    let s = structure(&members, as_of());
    assert_eq!(s.one_shoulder, Percent::new(0, 1));
    assert_eq!(s.cross_holding, Percent::new(1, 2));
}

#[test]
fn one_committee_alone_cannot_tell_one_shoulder() {
    let s = structure(&[m("乙", V, Post::Director, d(1980, 1, 1), "y")], as_of());
    assert_eq!(s.seats.village_committee, 1);
    assert_eq!(s.one_shoulder.to_string(), "—");
    assert_eq!(s.cross_holding.to_string(), "—");
}

#[test]
fn personal_figures_count_people_once() {
    let mut sec = m("甲", P, Post::Secretary, d(1980, 1, 1), "x");
    sec.party_member = true;
    sec.ethnicity = "回族".into();
    sec.education = Education::JuniorCollege;
    let mut dir = m("甲", R, Post::Director, d(1980, 1, 1), "x");
    dir.re_elected = true; // re-elected to one seat: re-elected
    let mut other = m("乙", R, Post::Member, d(1990, 1, 1), "y");
    other.ethnicity = "".into(); // unknown is not a minority
    other.education = Education::Postgraduate;
    let s = structure(&[sec, dir, other], as_of());
    assert_eq!(s.persons, 2);
    assert_eq!(s.party_members, Percent::new(1, 2));
    assert_eq!(s.minorities, Percent::new(1, 2));
    assert_eq!(s.college, Percent::new(2, 2));
    assert_eq!(s.re_elected, Percent::new(1, 2));
    assert_eq!(s.newly_elected, Percent::new(1, 2));
    assert_eq!(s.average_age, Average { sum: 46 + 36, count: 2 });
}

// ---------------------------------------------------------------------------------------------
// Three communities, by hand

/// 东城街道: 幸福社区 (both committees, elected, 一肩挑) and 和平社区 (residents only, voting).
/// 西湖街道: 光明村社区 (village committee elected, Party committee still nominating).
fn three_communities() -> Vec<CommunityReport> {
    let mut xf_r = report("C1", "幸福社区", "东城街道", R, Stage::Handover);
    xf_r.registered_voters = 1000;
    xf_r.voted = 900;
    xf_r.election_committee_head_is_party_leader = Some(true);
    xf_r.candidates = Candidates { nominated: 8, passed: 7, disqualified_street: 1, disqualified_district: 0 };
    let mut sec = m("王芳", P, Post::Secretary, d(1981, 3, 1), "h1"); // 45
    sec.sex = Sex::Female;
    sec.party_member = true;
    sec.education = Education::Bachelor;
    sec.re_elected = true;
    let mut pm = m("李强", P, Post::Member, d(1998, 1, 1), "h2"); // 28
    pm.party_member = true;
    pm.education = Education::JuniorCollege;
    xf_r.elected = vec![
        ElectedMember { committee: R, post: Post::Director, ..sec.clone() },
        female(m("赵敏", R, Post::WomenMember, d(1970, 6, 30), "h3")), // 56
        m("周涛", R, Post::Member, d(1990, 12, 31), "h4"),             // 35
    ];
    xf_r.previous_term = Some(PreviousTerm {
        persons: 5,
        women: 1,
        party_members: 2,
        minorities: 0,
        college: 1,
        age_29_and_under: 0,
        age_30_to_49: 2,
        age_50_and_over: 3,
        average_age_tenths: Some(512),
        one_shoulder: Some(false),
        cross_holding: Some(0),
    });
    let mut xf_p = report("C1", "幸福社区", "东城街道", P, Stage::Report);
    xf_p.registered_voters = 50;
    xf_p.voted = 48;
    xf_p.candidates = Candidates { nominated: 3, passed: 3, disqualified_street: 0, disqualified_district: 0 };
    xf_p.elected = vec![sec, pm];

    let mut hp = report("C2", "和平社区", "东城街道", R, Stage::Voting);
    hp.registered_voters = 2000;
    hp.voted = 500; // still voting: not in the turnout
    hp.election_committee_head_is_party_leader = Some(false);
    hp.next_deadline = Some(Deadline { date: d(2026, 6, 29), what: "选举日投票".into() });

    let mut gm = report("C3", "光明村社区", "西湖街道", V, Stage::Announcement);
    gm.community.electorate = Some(ElectorateMode::AllVoters);
    gm.registered_voters = 3000;
    gm.voted = 2700;
    gm.election_committee_head_is_party_leader = Some(true);
    gm.candidates = Candidates { nominated: 5, passed: 4, disqualified_street: 0, disqualified_district: 1 };
    let mut gm1 = m("马建国", V, Post::Director, d(1966, 1, 1), "g1"); // 60
    gm1.ethnicity = "回族".into();
    gm1.party_member = true;
    gm1.re_elected = true;
    gm.elected = vec![
        gm1,
        female(m("何丽", V, Post::WomenMember, d(2000, 7, 1), "g2")), // 25
        m("高磊", V, Post::Member, d(1986, 6, 30), "g3"),             // 40
    ];
    let mut gm_p = report("C3", "光明村社区", "西湖街道", P, Stage::Nomination);
    gm_p.next_deadline = Some(Deadline { date: d(2026, 7, 10), what: "候选人提名截止".into() });
    gm_p.candidates.nominated = 4;

    vec![xf_r, xf_p, hp, gm, gm_p]
}

#[test]
fn three_communities_by_hand() {
    let a = aggregate(&three_communities(), as_of());
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    let p = &a.progress;
    assert_eq!(p.communities, 3);
    assert_eq!(p.elected, Percent::new(1, 3)); // 光明村 waits for its Party committee
    assert_eq!(p.village_committee_communities, 1);
    assert_eq!(p.registered_voters, 6000); // residents' / village only
    assert_eq!(p.turnout, Percent::new(3600, 4000)); // 和平 still voting
    assert_eq!(p.turnout.to_string(), "90.0%");
    assert_eq!(p.party_turnout, Percent::new(48, 50));
    assert_eq!(p.election_committee_head_is_party_leader, Percent::new(2, 3));
    assert_eq!(p.election_committee_head_is_party_leader.to_string(), "66.7%");
    assert_eq!(
        p.candidates,
        Candidates { nominated: 20, passed: 14, disqualified_street: 1, disqualified_district: 1 }
    );
    assert_eq!(p.overdue, 1); // 和平: voting deadline was yesterday
    let stages: Vec<(Stage, u32)> =
        p.by_stage.iter().filter(|c| c.communities > 0).map(|c| (c.stage, c.communities)).collect();
    assert_eq!(stages, [(Stage::Nomination, 1), (Stage::Voting, 1), (Stage::Report, 1)]);

    // Six people: 王芳 holds both posts (一肩挑) in 幸福.
    let s = &a.structure;
    assert_eq!(s.persons, 7);
    assert_eq!((s.seats.party_committee, s.seats.residents_committee, s.seats.village_committee), (2, 3, 3));
    // Ages 45, 28, 56, 35 | 60, 25, 40 → 289 / 7 = 41.29
    assert_eq!(s.average_age.to_string(), "41.3");
    assert_eq!(s.youngest, Some(25));
    assert_eq!(s.women, Percent::new(3, 7));
    assert_eq!(s.women.to_string(), "42.9%");
    assert_eq!(s.party_members, Percent::new(3, 7));
    assert_eq!(s.minorities, Percent::new(1, 7));
    assert_eq!(s.minorities.to_string(), "14.3%");
    assert_eq!(s.college, Percent::new(2, 7));
    assert_eq!(s.age_29_and_under, Percent::new(2, 7));
    assert_eq!(s.age_30_to_49, Percent::new(3, 7));
    assert_eq!(s.age_50_and_over, Percent::new(2, 7));
    assert_eq!(s.re_elected, Percent::new(2, 7));
    // Only 幸福 reported both committees.
    assert_eq!(s.one_shoulder, Percent::new(1, 1));
    assert_eq!(s.cross_holding, Percent::new(1, 4));

    // Rows: sorted by street, then name.
    let names: Vec<&str> = a.communities.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["和平社区", "幸福社区", "光明村社区"]);
    let xf = &a.communities[1];
    assert_eq!(xf.stage, Stage::Report);
    assert!(xf.elected);
    assert_eq!(xf.committees.len(), 2);
    assert_eq!(xf.committees[0].committee, R); // the residents' committee first
    assert_eq!(a.communities[0].committees[0].days_left, Some(-1));
    assert_eq!(a.streets.len(), 2);
    assert_eq!(a.streets[0].street, "东城街道");
    assert_eq!(a.streets[0].progress.communities, 2);
    assert_eq!(a.streets[0].structure.persons, 4);
    assert_eq!(a.streets[1].progress.elected, Percent::new(0, 1));
}

#[test]
fn previous_term_comparison_in_percentage_points() {
    let a = aggregate(&three_communities(), as_of());
    let c = &a.comparison;
    // Only 幸福 has a previous record: now 4 people (王芳 once), ages 45, 28, 56, 35.
    assert_eq!(c.communities, 1);
    let row = |f: &str| c.rows.iter().find(|r| r.figure == f).unwrap().clone();
    let women = row("women"); // 2/4 = 50.0% vs 1/5 = 20.0%
    assert_eq!((women.current, women.previous), (Percent::new(2, 4), Percent::new(1, 5)));
    assert_eq!(women.points, Some(300));
    assert_eq!(women.text, "提高30.0个百分点");
    let party = row("party_members"); // 2/4 vs 2/5
    assert_eq!(party.text, "提高10.0个百分点");
    let old = row("age_50_and_over"); // 1/4 = 25.0% vs 3/5 = 60.0%
    assert_eq!(old.text, "下降35.0个百分点");
    let one = row("one_shoulder");
    assert_eq!((one.current, one.previous), (Percent::new(1, 1), Percent::new(0, 1)));
    assert_eq!(one.text, "提高100.0个百分点");
    // 164 / 4 = 41.0 years against 51.2
    assert_eq!(c.average_age_current.to_string(), "41.0");
    assert_eq!(c.average_age_previous_tenths, Some(512));
    assert_eq!(c.average_age_tenths, Some(-102));
    assert_eq!(c.average_age_text, "下降10.2岁");
}

#[test]
fn comparison_uses_the_printed_percentages() {
    // 1/3 = 33.3% against 1/6 = 16.7%: the report must read 16.6, not the exact 16.67 → 16.7.
    let b = d(1980, 1, 1);
    let mut r = report("C1", "甲社区", "东城街道", R, Stage::Handover);
    r.elected = vec![
        female(m("a", R, Post::Director, b, "a")),
        m("b", R, Post::Member, b, "b"),
        m("c", R, Post::Member, b, "c"),
    ];
    r.previous_term = Some(PreviousTerm { persons: 6, women: 1, ..Default::default() });
    let a = aggregate(&[r], as_of());
    let women = a.comparison.rows.iter().find(|r| r.figure == "women").unwrap();
    assert_eq!(women.points, Some(333 - 167));
    assert_eq!(women.text, "提高16.6个百分点");
    // Unknown figures are not compared.
    let one = a.comparison.rows.iter().find(|r| r.figure == "one_shoulder").unwrap();
    assert_eq!(one.points, None);
    assert_eq!(a.comparison.average_age_tenths, None);
}

#[test]
fn a_newer_report_replaces_an_older_one() {
    let mut old = report("C1", "幸福社区", "东城街道", R, Stage::Voting);
    old.reported_on = d(2026, 6, 1);
    old.registered_voters = 900;
    let mut new = report("C1", "幸福社区", "东城街道", R, Stage::Handover);
    new.registered_voters = 1000;
    for reports in [vec![old.clone(), new.clone()], vec![new.clone(), old.clone()]] {
        let a = aggregate(&reports, as_of());
        assert_eq!(a.progress.communities, 1);
        assert_eq!(a.progress.registered_voters, 1000);
        assert_eq!(a.warnings, ["幸福社区（居委会）收到多份报告，采用2026-06-30的一份"]);
    }
    // The same file twice is not worth a warning.
    let a = aggregate(&[new.clone(), new.clone()], as_of());
    assert!(a.warnings.is_empty());
    // The same day: the later file wins (a corrected resend).
    let mut fixed = new.clone();
    fixed.registered_voters = 1001;
    let a = aggregate(&[new, fixed], as_of());
    assert_eq!(a.progress.registered_voters, 1001);
}

#[test]
fn implausible_figures_are_flagged_but_counted() {
    let mut r = report("C1", "幸福社区", "东城街道", R, Stage::Handover);
    r.registered_voters = 10;
    r.voted = 11;
    r.elected = vec![m("甲", R, Post::Secretary, d(1980, 1, 1), "a"), m("乙", R, Post::Member, d(2010, 1, 1), "b")];
    let a = aggregate(&[r], as_of());
    assert_eq!(
        a.warnings,
        [
            "幸福社区（居委会）参加投票11人多于登记10人",
            "幸福社区（居委会）甲的职务“书记”不属于居委会",
            "幸福社区（居委会）乙的出生日期2010-01-01有误",
        ]
    );
    assert_eq!(a.structure.persons, 2);
}

#[test]
fn nothing_received_shows_dashes_not_nan() {
    let a = aggregate(&[], as_of());
    let text = overall_paragraph(&a);
    assert!(text.contains("全区0个社区中已完成换届选举0个，占—。"), "{text}");
    assert!(text.contains("目前尚无社区产生新一届“两委”成员。"), "{text}");
    assert!(!text.contains("NaN"));
    for (_, csv) in csv_tables(&a) {
        assert!(!csv.contains("NaN"));
    }
}

// ---------------------------------------------------------------------------------------------
// Work report paragraph

#[test]
fn paragraph_carries_the_figures() {
    let a = aggregate(&three_communities(), as_of());
    let text = overall_paragraph(&a);
    for part in [
        "截至2026年6月30日，全区3个社区（含村改居社区1个）中已完成换届选举1个，占33.3%。",
        "尚未完成的社区中，处于提名阶段1个、投票阶段1个。",
        "有1个社区存在超过期限尚未完成的事项。",
        "全区3个社区有2个由社区书记或副书记兼任选委会主任，比例为66.7%。",
        "居（村）委会选举采用直选的1个、户代表选举的2个。",
        "选民登记总数为6000人，已投票的社区登记4000人、参加投票3600人，参选率为90.0%，党员参选率为96.0%。",
        "共提名候选人20人，经联合资格审查通过14人，街道取消资格1人，区级取消资格1人。",
        "共选出新一届社区“两委”成员7人（交叉任职的计为一人），其中党组织成员2名、居委会成员3名、村委会成员3名。",
        "党组织书记1名、副书记0名、委员1名，居（村）委会主任2名、副主任0名、委员4名（含妇女委员2名）",
        "平均年龄41.3岁，年龄最小的25岁；29岁及以下2人、30至49岁3人、50岁及以上2人，分别占28.6%、42.9%、28.6%；",
        "女性3人，占42.9%；中共党员3人，占42.9%；少数民族1人，占14.3%；大专以上学历2人，占28.6%；连选连任2人，占28.6%，新当选5人，占71.4%。",
        "同时完成“两委”换届的1个社区中，有1个实现书记、主任“一肩挑”，占100.0%；“两委”交叉任职1人（含“一肩挑”1人），占这些社区“两委”成员的25.0%。",
        "与上届相比（按有上届数据的1个社区比较）：平均年龄41.0岁，比上届51.2岁下降10.2岁；女性比例50.0%，比上届20.0%提高30.0个百分点；",
        "（百分比保留一位小数，四舍五入。）",
    ] {
        assert!(text.contains(part), "missing {part}\nin {text}");
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A strict RFC 4180 reader for the tests.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix('\u{feff}').expect("BOM first");
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut chars = body.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF line ends");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => {
                assert!(c != '"' && c != '\n', "bare quote or LF");
                field.push(c);
            }
        }
    }
    assert!(row.is_empty() && field.is_empty(), "file ends with CRLF");
    rows
}

#[test]
fn csv_quotes_commas_and_quotes_and_guards_formulas() {
    let mut reports = three_communities();
    reports[0].community.name = "幸福,\"一\"社区".into();
    reports[1].community.name = "幸福,\"一\"社区".into();
    reports[2].community.name = "=HYPERLINK(\"x\")".into();
    let a = aggregate(&reports, as_of());
    let tables = csv_tables(&a);
    let names: Vec<&str> = tables.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["progress.csv", "structure.csv", "streets.csv", "totals.csv"]);
    let structure = &tables[1].1;
    assert!(structure.starts_with("\u{feff}区,街道,社区编号,社区,两委成员(人)"));
    assert!(structure.contains(",\"幸福,\"\"一\"\"社区\","));
    for (name, text) in &tables {
        let rows = parse_csv(text);
        let width = rows[0].len();
        assert!(rows.iter().all(|r| r.len() == width), "{name}: ragged rows");
    }
    let rows = parse_csv(structure);
    let names: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(names, ["社区", "'=HYPERLINK(\"x\")", "幸福,\"一\"社区", "光明村社区", ""]);
    assert_eq!(rows[4][0], "合计");
    assert_eq!(rows[4][4], "7");
}

#[test]
fn csv_tables_hold_the_same_figures() {
    let a = aggregate(&three_communities(), as_of());
    let tables = csv_tables(&a);
    let progress = parse_csv(&tables[0].1);
    assert_eq!(progress.len(), 1 + 5); // one row per committee report
    let hp = progress.iter().find(|r| r[3] == "和平社区").unwrap();
    assert_eq!(&hp[6..12], ["8", "投票", "2026-06-30", "2026-06-29", "选举日投票", "-1"]);
    let totals = parse_csv(&tables[3].1);
    let get = |k: &str| totals.iter().find(|r| r[0] == k).unwrap().clone();
    assert_eq!(get("参加投票（参选率）")[1..3], ["3600", "90.0%"]);
    assert_eq!(get("女性")[1..], ["3", "42.9%", "50.0%", "20.0%", "提高30.0个百分点"]);
    assert_eq!(get("平均年龄(岁)")[1..], ["41.3", "", "41.0", "51.2", "下降10.2岁"]);
    assert_eq!(get("说明")[1], ROUNDING_NOTE);
    let streets = parse_csv(&tables[2].1);
    assert_eq!(streets.last().unwrap()[..5], ["合计", "", "3", "1", "33.3%"]);
}

// ---------------------------------------------------------------------------------------------
// JSON and demo data

#[test]
fn report_json_uses_stable_field_names() {
    let json = r#"{
        "community": {"id": "C9", "name": "翠苑社区", "street": "北苑街道", "district": "新城区",
                      "kind": "residents_committee", "electorate": "resident_reps"},
        "reported_on": "2026-06-28",
        "stage": "announcement",
        "next_deadline": {"date": "2026-07-05", "what": "选举结果报街道"},
        "registered_voters": 80, "voted": 76,
        "election_committee_head_is_party_leader": true,
        "candidates": {"nominated": 9, "passed": 9, "disqualified_street": 0, "disqualified_district": 0},
        "elected": [{"name": "林静", "committee": "residents_committee", "post": "women_member",
                     "sex": "female", "birth_date": "1990-02-28", "ethnicity": "汉族",
                     "party_member": true, "education": "bachelor", "re_elected": false,
                     "id_hash": "9f2c"}],
        "previous_term": {"persons": 7, "women": 3, "party_members": 4, "minorities": 0, "college": 2,
                          "age_29_and_under": 1, "age_30_to_49": 4, "age_50_and_over": 2,
                          "average_age_tenths": 447, "one_shoulder": true, "cross_holding": 2}
    }"#;
    let r: CommunityReport = serde_json::from_str(json).unwrap();
    assert_eq!(r.elected[0].education, Education::Bachelor);
    let back: CommunityReport = serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
    assert_eq!(back, r);
    // A progress report needs little more than who and where it stands.
    let minimal: CommunityReport = serde_json::from_str(
        r#"{"community": {"id": "C1", "name": "甲", "street": "乙", "district": "丙",
            "kind": "party_committee"}, "reported_on": "2026-06-01", "stage": "preparation"}"#,
    )
    .unwrap();
    assert!(minimal.elected.is_empty() && minimal.previous_term.is_none());

    let v = aggregate_json(&[r], as_of(), Default::default());
    assert_eq!(v["progress"]["turnout"]["text"], "95.0%");
    assert_eq!(v["structure"]["women"], serde_json::json!({"num": 1, "den": 1, "text": "100.0%"}));
    assert_eq!(v["communities"][0]["committees"][0]["stage_name"], "公布结果");
    assert_eq!(v["rounding_note"], ROUNDING_NOTE);
    assert!(v["overall_paragraph"].as_str().unwrap().starts_with("截至2026年6月30日"));
}

#[test]
fn stages_are_numbered_and_named() {
    assert_eq!(Stage::ALL.len(), 12);
    for (i, s) in Stage::ALL.iter().enumerate() {
        assert_eq!(s.number() as usize, i + 1);
    }
    assert_eq!(Stage::Registration.name_zh(), "选民登记");
    assert!(!Stage::Count.is_elected() && Stage::Announcement.is_elected());
}

#[test]
fn demo_reports_are_deterministic_and_plausible() {
    let a = demo_reports(1000, 42);
    assert!(a == demo_reports(1000, 42)); // not assert_eq: no 2 MB diff on failure
    assert!(a != demo_reports(1000, 43));
    let agg = aggregate(&a, DEMO_AS_OF);
    assert!(agg.warnings.is_empty(), "{:?}", &agg.warnings[..3.min(agg.warnings.len())]);
    assert_eq!(agg.progress.communities, 1000);
    let mut names: Vec<&str> = agg.communities.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 1000);
    let s = &agg.structure;
    assert!(s.persons > 5000);
    assert!(s.one_shoulder.num > 0 && s.cross_holding.num > s.one_shoulder.num);
    assert!(agg.comparison.communities > 0);
    assert!(agg.progress.elected.num > 500 && agg.progress.elected.num < 1000);
}

#[test]
fn streets_and_communities_add_up_to_the_total() {
    let agg = aggregate(&demo_reports(300, 5), DEMO_AS_OF);
    let streets = agg.streets.iter().fold(Structure::default(), |t, s| t + s.structure);
    let communities = agg.communities.iter().fold(Structure::default(), |t, c| t + c.structure);
    assert_eq!(streets, agg.structure);
    assert_eq!(communities, agg.structure);
    let n: u32 = agg.streets.iter().map(|s| s.progress.communities).sum();
    assert_eq!(n, 300);
}

#[test]
fn the_progress_table_shows_each_communitys_earliest_deadline_and_marks_it_overdue_once_passed() {
    let mut reports = three_communities();
    // 光明村: the residents' committee has a later deadline than its Party committee's nomination.
    reports[3].next_deadline = Some(Deadline { date: d(2026, 7, 20), what: "工作移交".into() });
    let a = aggregate(&reports, as_of());
    let row = |name: &str| a.communities.iter().find(|c| c.name == name).unwrap();
    let (deadline, left) = row("和平社区").next_deadline().unwrap();
    assert_eq!((deadline.date, deadline.what.as_str(), left), (d(2026, 6, 29), "选举日投票", Some(-1)));
    assert!(row("和平社区").is_overdue(), "the voting deadline was yesterday");
    let (deadline, left) = row("光明村社区").next_deadline().unwrap();
    assert_eq!((deadline.date, left), (d(2026, 7, 10), Some(10)), "the earliest of both committees");
    assert!(!row("光明村社区").is_overdue());
    assert_eq!(row("幸福社区").next_deadline(), None);
    assert!(!row("幸福社区").is_overdue());
}
