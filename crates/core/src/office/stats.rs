//! Figures the street and district offices report: progress of every community and the structure
//! of the newly elected committees, per community, per street and in total.
//!
//! Every figure is an exact integer count; a percentage keeps its numerator and denominator and is
//! rounded once, when shown (`Percent`, `ROUNDING_NOTE`). Totals are sums of community figures, so
//! a street row and the district total can never disagree with the rows below them.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;
use std::ops::{Add, AddAssign};

/// How averages are rounded, and percentages unless the office chooses otherwise; printed under
/// every table.
pub const ROUNDING_NOTE: &str = "百分比保留一位小数，四舍五入";

// ---------------------------------------------------------------------------------------------
// Exact figures
// ---------------------------------------------------------------------------------------------

/// num × scale / den, rounded half up or truncated.
fn divide(num: u64, scale: u64, den: u64, truncate: bool) -> u64 {
    let (num, den) = (num as u128 * scale as u128, den as u128);
    (if truncate { num / den } else { (2 * num + den) / (2 * den) }) as u64
}

/// num/den in tenths, rounded half up (averages, and percentages by default).
fn tenths_half_up(num: u64, scale: u64, den: u64) -> u64 {
    divide(num, scale, den, false)
}

/// "12.5" from 125 tenths.
pub fn fmt_tenths(t: u64) -> String {
    Rounding::default().fixed(t)
}

/// How the office prints percentages, chosen once for every table and paragraph: the work
/// reports print whole numbers, one decimal or two (seed 001: 87.32%), some truncating (seed 003
/// prints 217,319 of 247,049 as 87.9%; rounded it is 88.0%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Rounding {
    /// Digits after the point: 0, 1 or 2.
    pub decimals: u8,
    /// Drop the digits beyond instead of rounding half up.
    pub truncate: bool,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding { decimals: 1, truncate: false }
    }
}

impl Rounding {
    /// At most two decimals: no report prints more.
    pub fn new(decimals: u8, truncate: bool) -> Self {
        Rounding { decimals: decimals.min(2), truncate }
    }

    /// "百分比保留两位小数，尾数舍去": the rule, as printed under the figures.
    pub fn note(self) -> String {
        let digits = match self.decimals {
            0 => "取整数",
            1 => "保留一位小数",
            _ => "保留两位小数",
        };
        format!("百分比{digits}，{}", if self.truncate { "尾数舍去" } else { "四舍五入" })
    }

    fn scale(self) -> u64 {
        10u64.pow(self.decimals.min(2) as u32)
    }

    /// A share in units of its last printed digit (87.32% is 8732 with two decimals); `None`
    /// for 0 of 0.
    pub fn units(self, p: Percent) -> Option<u64> {
        (p.den > 0).then(|| divide(p.num, 100 * self.scale(), p.den, self.truncate))
    }

    /// "87.32" from 8732 units with two decimals; "88" from 88 with none.
    pub fn fixed(self, units: u64) -> String {
        let scale = self.scale();
        match self.decimals {
            0 => units.to_string(),
            d => format!("{}.{:0width$}", units / scale, units % scale, width = d as usize),
        }
    }

    /// "87.9%", or "—" for 0 of 0.
    pub fn percent(self, p: Percent) -> String {
        self.units(p).map_or_else(|| "—".to_string(), |u| format!("{}%", self.fixed(u)))
    }

    /// "提高19.0个百分点" / "下降0.5个百分点" / "持平" for a difference in units of the last digit.
    pub fn change(self, diff: i64, unit: &str) -> String {
        let size = self.fixed(diff.unsigned_abs());
        match diff {
            0 => "持平".to_string(),
            d if d > 0 => format!("提高{size}{unit}"),
            _ => format!("下降{size}{unit}"),
        }
    }
}

/// A share as the reports print it: kept exact, shown as "12.5%", or "—" for 0 of 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Percent {
    pub num: u64,
    pub den: u64,
}

impl Percent {
    pub fn new(num: u64, den: u64) -> Self {
        Percent { num, den }
    }

    /// Tenths of a percent, rounded half up; `None` when there is nothing to divide by.
    pub fn tenths(self) -> Option<u64> {
        Rounding::default().units(self)
    }
}

/// `a += b` for the figures that add up across communities.
macro_rules! add_assign {
    ($($t:ty),*) => {$(
        impl AddAssign for $t {
            fn add_assign(&mut self, other: $t) {
                *self = *self + other;
            }
        }
    )*};
}
add_assign!(Percent, Average, Candidates, Structure);

/// Shares of the same kind add up by adding both parts (street + street = district).
impl Add for Percent {
    type Output = Percent;
    fn add(self, other: Percent) -> Percent {
        Percent::new(self.num + other.num, self.den + other.den)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Rounding::default().percent(*self))
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr {
            num: u64,
            den: u64,
            text: String,
        }
        Repr { num: self.num, den: self.den, text: self.to_string() }.serialize(s)
    }
}

/// An average shown with one decimal ("41.3"), or "—" when nothing was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Average {
    pub sum: u64,
    pub count: u64,
}

impl Average {
    pub fn tenths(self) -> Option<u64> {
        (self.count > 0).then(|| tenths_half_up(self.sum, 10, self.count))
    }
}

impl Add for Average {
    type Output = Average;
    fn add(self, other: Average) -> Average {
        Average { sum: self.sum + other.sum, count: self.count + other.count }
    }
}

impl fmt::Display for Average {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.tenths() {
            Some(t) => f.write_str(&fmt_tenths(t)),
            None => f.write_str("—"),
        }
    }
}

impl Serialize for Average {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr {
            sum: u64,
            count: u64,
            text: String,
        }
        Repr { sum: self.sum, count: self.count, text: self.to_string() }.serialize(s)
    }
}

/// "提高1.2个百分点" / "下降0.5个百分点" / "持平" for a difference in tenths; `unit` is
/// "个百分点" or "岁".
pub fn change_text(diff_tenths: i64, unit: &str) -> String {
    Rounding::default().change(diff_tenths, unit)
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (names per workflow.md)
// ---------------------------------------------------------------------------------------------

/// Which committee a report covers, and who votes: the event vocabulary, one word per idea.
pub use crate::base::terms::{ElectionKind as Committee, ElectorateMode, Sex};
/// The report a community sends (the input of every figure here), and the workflow stage.
pub use crate::record::community::{
    Candidates, Community, CommunityReport, Deadline, Education, ElectedMember, PreviousTerm, Stage,
};

/// Posts (职务): the event vocabulary. 委员 is `member` on every committee.
pub use crate::base::terms::Post;

/// Whether the post exists on that committee (书记 only on the Party committee, 主任 only off it).
pub fn post_fits(post: Post, committee: Committee) -> bool {
    match post {
        Post::Secretary | Post::DeputySecretary => committee.is_party(),
        Post::Director | Post::DeputyDirector | Post::WomenMember => !committee.is_party(),
        Post::Member => true,
    }
}

/// Han unless stated otherwise; an empty field is unknown, not a minority.
fn is_minority(ethnicity: &str) -> bool {
    let e = ethnicity.trim();
    !(e.is_empty() || e == "汉族" || e == "汉")
}

// ---------------------------------------------------------------------------------------------
// Structure of the elected
// ---------------------------------------------------------------------------------------------

/// Age in full years on `date`, as `idnum::age_on` counts it (the birthday itself counts; a 29 Feb
/// birthday falls on 28 Feb in common years, 民法典 art 202). `None` if born after `date`.
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> Option<u32> {
    (birth <= date).then(|| crate::base::idnum::age_on(birth, date))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Seats {
    pub party_committee: u32,
    pub residents_committee: u32,
    pub village_committee: u32,
}

/// Members elected by post. 委员 of the Party committee and of the residents' / village committee
/// are kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PostCounts {
    pub secretary: u32,
    pub deputy_secretary: u32,
    pub party_committee_member: u32,
    pub director: u32,
    pub deputy_director: u32,
    pub member: u32,
    pub women_member: u32,
}

/// Structure of the elected. Every field adds up across communities (`add`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Structure {
    /// Distinct people: a cross-holder counts once.
    pub persons: u32,
    pub seats: Seats,
    pub posts: PostCounts,
    pub average_age: Average,
    pub youngest: Option<u32>,
    pub women: Percent,
    pub party_members: Percent,
    pub minorities: Percent,
    /// 大专以上
    pub college: Percent,
    pub age_29_and_under: Percent,
    pub age_30_to_49: Percent,
    pub age_50_and_over: Percent,
    pub re_elected: Percent,
    pub newly_elected: Percent,
    /// Communities whose Party secretary is also the residents' / village director, of the
    /// communities that reported both committees.
    pub one_shoulder: Percent,
    /// People on both committees (一肩挑 included), of the people in communities that reported
    /// both committees.
    pub cross_holding: Percent,
}

impl Add for Structure {
    type Output = Structure;
    fn add(self, o: Structure) -> Structure {
        let s = (self.seats, o.seats);
        let p = (self.posts, o.posts);
        Structure {
            persons: self.persons + o.persons,
            seats: Seats {
                party_committee: s.0.party_committee + s.1.party_committee,
                residents_committee: s.0.residents_committee + s.1.residents_committee,
                village_committee: s.0.village_committee + s.1.village_committee,
            },
            posts: PostCounts {
                secretary: p.0.secretary + p.1.secretary,
                deputy_secretary: p.0.deputy_secretary + p.1.deputy_secretary,
                party_committee_member: p.0.party_committee_member + p.1.party_committee_member,
                director: p.0.director + p.1.director,
                deputy_director: p.0.deputy_director + p.1.deputy_director,
                member: p.0.member + p.1.member,
                women_member: p.0.women_member + p.1.women_member,
            },
            average_age: self.average_age + o.average_age,
            youngest: match (self.youngest, o.youngest) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            women: self.women + o.women,
            party_members: self.party_members + o.party_members,
            minorities: self.minorities + o.minorities,
            college: self.college + o.college,
            age_29_and_under: self.age_29_and_under + o.age_29_and_under,
            age_30_to_49: self.age_30_to_49 + o.age_30_to_49,
            age_50_and_over: self.age_50_and_over + o.age_50_and_over,
            re_elected: self.re_elected + o.re_elected,
            newly_elected: self.newly_elected + o.newly_elected,
            one_shoulder: self.one_shoulder + o.one_shoulder,
            cross_holding: self.cross_holding + o.cross_holding,
        }
    }
}

/// Structure of one community's elected members (both committees together). Personal figures
/// count people, not seats: seats with the same `id_hash` are one person, whose details are taken
/// from the first seat; re-elected if re-elected to any seat. Ages are on `as_of`.
pub fn structure(members: &[ElectedMember], as_of: NaiveDate) -> Structure {
    struct Person<'a> {
        first: &'a ElectedMember,
        party: bool,
        /// On the residents' or village committee.
        autonomous: bool,
        secretary: bool,
        director: bool,
        re_elected: bool,
    }
    let mut people: Vec<Person> = Vec::with_capacity(members.len());
    let mut by_hash: HashMap<&str, usize> = HashMap::with_capacity(members.len());
    let mut st = Structure::default();

    for m in members {
        let party = m.committee.is_party();
        match m.committee {
            Committee::PartyCommittee => st.seats.party_committee += 1,
            Committee::ResidentsCommittee => st.seats.residents_committee += 1,
            Committee::VillageCommittee => st.seats.village_committee += 1,
        }
        let posts = &mut st.posts;
        *match (m.post, party) {
            (Post::Secretary, _) => &mut posts.secretary,
            (Post::DeputySecretary, _) => &mut posts.deputy_secretary,
            (Post::Member, true) => &mut posts.party_committee_member,
            (Post::Director, _) => &mut posts.director,
            (Post::DeputyDirector, _) => &mut posts.deputy_director,
            (Post::Member, false) => &mut posts.member,
            (Post::WomenMember, _) => &mut posts.women_member,
        } += 1;

        // An empty hash is never inserted, so it never matches: each such seat is its own person.
        let i = match by_hash.get(m.id_hash.as_str()) {
            Some(&i) => i,
            None => {
                if !m.id_hash.is_empty() {
                    by_hash.insert(&m.id_hash, people.len());
                }
                people.push(Person {
                    first: m,
                    party: false,
                    autonomous: false,
                    secretary: false,
                    director: false,
                    re_elected: false,
                });
                people.len() - 1
            }
        };
        let p = &mut people[i];
        p.party |= party;
        p.autonomous |= !party;
        p.secretary |= party && m.post == Post::Secretary;
        p.director |= !party && m.post == Post::Director;
        p.re_elected |= m.re_elected;
    }

    let n = people.len() as u64;
    let count = |f: &dyn Fn(&Person) -> bool| people.iter().filter(|p| f(p)).count() as u64;
    st.persons = n as u32;
    st.women = Percent::new(count(&|p| p.first.sex == Sex::Female), n);
    st.party_members = Percent::new(count(&|p| p.first.party_member), n);
    st.minorities = Percent::new(count(&|p| is_minority(&p.first.ethnicity)), n);
    st.college = Percent::new(count(&|p| p.first.education.is_college()), n);
    st.re_elected = Percent::new(count(&|p| p.re_elected), n);
    st.newly_elected = Percent::new(count(&|p| !p.re_elected), n);

    let ages: Vec<u32> = people.iter().filter_map(|p| age_on(p.first.birth_date, as_of)).collect();
    let aged = ages.len() as u64;
    let band = |lo: u32, hi: u32| ages.iter().filter(|&&a| (lo..=hi).contains(&a)).count() as u64;
    st.average_age = Average { sum: ages.iter().map(|&a| a as u64).sum(), count: aged };
    st.youngest = ages.iter().copied().min();
    st.age_29_and_under = Percent::new(band(0, 29), aged);
    st.age_30_to_49 = Percent::new(band(30, 49), aged);
    st.age_50_and_over = Percent::new(band(50, u32::MAX), aged);

    // 一肩挑 and 交叉任职 are only knowable where both committees were reported.
    let both = st.seats.party_committee > 0 && st.seats.residents_committee + st.seats.village_committee > 0;
    if both {
        st.one_shoulder = Percent::new(people.iter().any(|p| p.secretary && p.director) as u64, 1);
        st.cross_holding = Percent::new(count(&|p| p.party && p.autonomous), n);
    }
    st
}

// ---------------------------------------------------------------------------------------------
// Aggregation
// ---------------------------------------------------------------------------------------------

/// One report of one community, as a row of the progress table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitteeRow {
    pub committee: Committee,
    pub committee_name: &'static str,
    pub stage: Stage,
    pub stage_number: u8,
    pub stage_name: &'static str,
    pub reported_on: NaiveDate,
    pub next_deadline: Option<Deadline>,
    /// Days from `as_of` to the deadline; negative when overdue.
    pub days_left: Option<i64>,
    pub registered_voters: u32,
    pub voted: u32,
    pub turnout: Percent,
    pub election_committee_head_is_party_leader: Option<bool>,
    pub candidates: Candidates,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityRow {
    pub id: String,
    pub name: String,
    pub street: String,
    pub district: String,
    pub electorate: Option<ElectorateMode>,
    /// Least advanced stage of its committees: where the community stands.
    pub stage: Stage,
    pub elected: bool,
    pub committees: Vec<CommitteeRow>,
    /// Summed into street and total rows; in JSON the committee rows carry the same figures.
    #[serde(skip)]
    pub progress: Progress,
    pub structure: Structure,
    pub previous_term: Option<PreviousTerm>,
}

impl CommunityRow {
    /// The community's next deadline as the progress table shows it: the earliest of its
    /// committees' deadlines, with the days left until it on the figures' date (negative: overdue).
    pub fn next_deadline(&self) -> Option<(&Deadline, Option<i64>)> {
        self.committees
            .iter()
            .filter_map(|k| k.next_deadline.as_ref().map(|d| (d, k.days_left)))
            .min_by_key(|(d, _)| d.date)
    }

    /// That deadline has passed: the row the progress table marks.
    pub fn is_overdue(&self) -> bool {
        self.next_deadline().and_then(|(_, left)| left).is_some_and(|l| l < 0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StageCount {
    pub stage: Stage,
    pub stage_number: u8,
    pub stage_name: &'static str,
    pub communities: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ElectorateCount {
    pub electorate: ElectorateMode,
    pub name: &'static str,
    pub communities: u32,
}

/// Progress figures of a set of communities (one community, a street, the total); they add up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub communities: u32,
    /// Communities whose every reported committee is elected, of all communities.
    pub elected: Percent,
    /// 村改居 communities electing a village committee.
    pub village_committee_communities: u32,
    /// Communities by their least advanced stage (all twelve stages listed).
    pub by_stage: Vec<StageCount>,
    pub by_electorate: Vec<ElectorateCount>,
    /// Residents' / village committee voters registered (residents' representatives where
    /// that mode is used), in every community that reported them.
    pub registered_voters: u64,
    /// Voted of registered, over committees that have voted (stage 计票 or later).
    pub turnout: Percent,
    /// The same for Party committee elections (党员参选率).
    pub party_turnout: Percent,
    /// Election committees headed by the Party secretary, of those reported.
    pub election_committee_head_is_party_leader: Percent,
    pub candidates: Candidates,
    /// Communities with a deadline before `as_of` still open.
    pub overdue: u32,
}

impl Progress {
    fn empty() -> Progress {
        Progress {
            communities: 0,
            elected: Percent::default(),
            village_committee_communities: 0,
            by_stage: Stage::ALL
                .iter()
                .map(|&stage| StageCount {
                    stage,
                    stage_number: stage.number(),
                    stage_name: stage.name_zh(),
                    communities: 0,
                })
                .collect(),
            by_electorate: ElectorateMode::ALL
                .iter()
                .map(|&electorate| ElectorateCount { electorate, name: electorate.name_zh(), communities: 0 })
                .collect(),
            registered_voters: 0,
            turnout: Percent::default(),
            party_turnout: Percent::default(),
            election_committee_head_is_party_leader: Percent::default(),
            candidates: Candidates::default(),
            overdue: 0,
        }
    }

    fn add_to(&self, into: &mut Progress) {
        into.communities += self.communities;
        into.elected += self.elected;
        into.village_committee_communities += self.village_committee_communities;
        for (a, b) in into.by_stage.iter_mut().zip(&self.by_stage) {
            a.communities += b.communities;
        }
        for (a, b) in into.by_electorate.iter_mut().zip(&self.by_electorate) {
            a.communities += b.communities;
        }
        into.registered_voters += self.registered_voters;
        into.turnout += self.turnout;
        into.party_turnout += self.party_turnout;
        into.election_committee_head_is_party_leader += self.election_committee_head_is_party_leader;
        into.candidates += self.candidates;
        into.overdue += self.overdue;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreetRow {
    pub street: String,
    pub district: String,
    pub progress: Progress,
    pub structure: Structure,
}

/// One figure compared with the previous term, over the communities where both are known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    pub figure: &'static str,
    pub label: &'static str,
    pub current: Percent,
    pub previous: Percent,
    /// Difference of the two printed percentages, in units of their last printed digit (tenths
    /// of a point by default), so the printed figures add up; `None` when either side is unknown.
    pub points: Option<i64>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Communities with both a previous-term record and newly elected members.
    pub communities: u32,
    pub average_age_current: Average,
    /// Persons-weighted from the communities' previous averages, in tenths of a year.
    pub average_age_previous_tenths: Option<u64>,
    /// Difference of the two printed averages, in tenths of a year.
    pub average_age_tenths: Option<i64>,
    pub average_age_text: String,
    pub rows: Vec<ComparisonRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    pub as_of: NaiveDate,
    /// How the percentages are printed, and the rule in words.
    pub rounding: Rounding,
    pub rounding_note: String,
    /// Districts present, sorted.
    pub districts: Vec<String>,
    pub progress: Progress,
    pub structure: Structure,
    pub comparison: Comparison,
    pub streets: Vec<StreetRow>,
    pub communities: Vec<CommunityRow>,
    /// Plain Chinese notes about reports that were replaced or look wrong.
    pub warnings: Vec<String>,
}

/// Everything the office sees, from the reports received. Reports of the same community and
/// committee replace each other (newest `reported_on`, then most advanced stage, then the later in
/// `reports`); reports of the same community are combined into one row.
pub fn aggregate(reports: &[CommunityReport], as_of: NaiveDate) -> Aggregate {
    aggregate_with(reports, as_of, Rounding::default())
}

/// `aggregate`, with the percentages printed by the office's own rounding rule.
pub fn aggregate_with(reports: &[CommunityReport], as_of: NaiveDate, rounding: Rounding) -> Aggregate {
    let mut warnings = Vec::new();

    // Newest report per (community, committee).
    let mut latest: HashMap<(&str, Committee), usize> = HashMap::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let key = (r.community.id.as_str(), r.community.kind);
        if let Some(&j) = latest.get(&key) {
            let old = &reports[j];
            let newer = (r.reported_on, r.stage) >= (old.reported_on, old.stage);
            let kept = if newer { r } else { old };
            // The same file twice (a chat app re-sending it) is no news.
            if r != old {
                warnings.push(format!(
                    "{}（{}）收到多份报告，采用{}的一份",
                    r.community.name,
                    r.community.kind.name_zh(),
                    kept.reported_on
                ));
            }
            if !newer {
                continue;
            }
        }
        latest.insert(key, i);
    }
    let mut kept: Vec<usize> = latest.into_values().collect();
    kept.sort_unstable();

    // Group by community, first appearance first (sorted below).
    let mut groups: Vec<Vec<&CommunityReport>> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for i in kept {
        let r = &reports[i];
        let g = *group_of.entry(r.community.id.as_str()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(r);
    }

    let mut communities: Vec<CommunityRow> = groups.iter().map(|g| community_row(g, as_of, &mut warnings)).collect();
    communities.sort_by(|a, b| (&a.district, &a.street, &a.name, &a.id).cmp(&(&b.district, &b.street, &b.name, &b.id)));

    let mut progress = Progress::empty();
    let mut total = Structure::default();
    let mut streets: Vec<StreetRow> = Vec::new();
    for c in &communities {
        c.progress.add_to(&mut progress);
        total += c.structure;
        if streets.last().is_none_or(|s| (&s.district, &s.street) != (&c.district, &c.street)) {
            streets.push(StreetRow {
                street: c.street.clone(),
                district: c.district.clone(),
                progress: Progress::empty(),
                structure: Structure::default(),
            });
        }
        let s = streets.last_mut().expect("pushed above");
        c.progress.add_to(&mut s.progress);
        s.structure += c.structure;
    }

    let mut districts: Vec<String> = communities.iter().map(|c| c.district.clone()).collect();
    districts.sort();
    districts.dedup();

    Aggregate {
        as_of,
        rounding,
        rounding_note: rounding.note(),
        districts,
        progress,
        structure: total,
        comparison: compare(&communities, rounding),
        streets,
        communities,
        warnings,
    }
}

fn community_row(reports: &[&CommunityReport], as_of: NaiveDate, warnings: &mut Vec<String>) -> CommunityRow {
    // Residents' / village committee first: it names the community and its electorate mode.
    let mut reports = reports.to_vec();
    reports.sort_by_key(|r| r.community.kind);
    let head = &reports[0].community;
    let mut p = Progress::empty();
    p.communities = 1;

    let mut members = Vec::new();
    let mut committees = Vec::with_capacity(reports.len());
    for r in &reports {
        let c = &r.community;
        if (&c.name, &c.street, &c.district) != (&head.name, &head.street, &head.district) {
            warnings.push(format!(
                "社区编号{}的两份报告名称或街道不一致（{}/{}与{}/{}），按{}统计",
                head.id, head.street, head.name, c.street, c.name, head.name
            ));
        }
        check_report(r, as_of, warnings);
        members.extend(r.elected.iter().cloned());

        let voted = if r.stage.has_voted() {
            Percent::new(r.voted as u64, r.registered_voters as u64)
        } else {
            Percent::default()
        };
        if c.kind.is_party() {
            p.party_turnout += voted;
        } else {
            p.registered_voters += r.registered_voters as u64;
            p.turnout += voted;
        }
        if let Some(yes) = r.election_committee_head_is_party_leader {
            p.election_committee_head_is_party_leader += Percent::new(yes as u64, 1);
        }
        p.candidates += r.candidates;
        let days_left = r.next_deadline.as_ref().map(|d| (d.date - as_of).num_days());
        committees.push(CommitteeRow {
            committee: c.kind,
            committee_name: c.kind.name_zh(),
            stage: r.stage,
            stage_number: r.stage.number(),
            stage_name: r.stage.name_zh(),
            reported_on: r.reported_on,
            next_deadline: r.next_deadline.clone(),
            days_left,
            registered_voters: r.registered_voters,
            voted: r.voted,
            turnout: Percent::new(r.voted as u64, r.registered_voters as u64),
            election_committee_head_is_party_leader: r.election_committee_head_is_party_leader,
            candidates: r.candidates,
        });
    }

    let stage = reports.iter().map(|r| r.stage).min().expect("a group has a report");
    let elected = stage.is_elected();
    p.elected = Percent::new(elected as u64, 1);
    p.by_stage[stage.number() as usize - 1].communities = 1;
    let electorate = reports.iter().find_map(|r| r.community.electorate);
    if let Some(e) = electorate {
        let i = ElectorateMode::ALL.iter().position(|&x| x == e).expect("listed");
        p.by_electorate[i].communities = 1;
    }
    p.village_committee_communities = reports.iter().any(|r| r.community.kind == Committee::VillageCommittee) as u32;
    p.overdue =
        reports.iter().any(|r| !r.stage.is_elected() && r.next_deadline.as_ref().is_some_and(|d| d.date < as_of))
            as u32;

    CommunityRow {
        id: head.id.clone(),
        name: head.name.clone(),
        street: head.street.clone(),
        district: head.district.clone(),
        electorate,
        stage,
        elected,
        committees,
        progress: p,
        structure: structure(&members, as_of),
        previous_term: reports.iter().find_map(|r| r.previous_term.clone()),
    }
}

/// Figures that cannot be right; they are still counted as sent.
fn check_report(r: &CommunityReport, as_of: NaiveDate, warnings: &mut Vec<String>) {
    let who = format!("{}（{}）", r.community.name, r.community.kind.name_zh());
    if r.voted > r.registered_voters {
        warnings.push(format!("{who}参加投票{}人多于登记{}人", r.voted, r.registered_voters));
    }
    for m in &r.elected {
        if !post_fits(m.post, m.committee) {
            warnings.push(format!("{who}{}的职务“{}”不属于{}", m.name, m.post.zh(), m.committee.name_zh()));
        }
        if age_on(m.birth_date, as_of).is_none_or(|a| a < 18) {
            warnings.push(format!("{who}{}的出生日期{}有误", m.name, m.birth_date));
        }
    }
}

/// The current term against the previous one, over the communities where both are known.
fn compare(communities: &[CommunityRow], rounding: Rounding) -> Comparison {
    let mut n = 0;
    let mut cur = Structure::default();
    let mut prev = PreviousTerm::default();
    let mut prev_age = Average::default();
    let mut prev_one_shoulder = Percent::default();
    let mut cur_one_shoulder = Percent::default();
    let mut prev_cross = Percent::default();
    let mut cur_cross = Percent::default();
    for c in communities {
        let Some(p) = c.previous_term.as_ref().filter(|_| c.structure.persons > 0) else {
            continue;
        };
        let s = &c.structure;
        n += 1;
        cur += *s;
        prev.persons += p.persons;
        prev.women += p.women;
        prev.party_members += p.party_members;
        prev.minorities += p.minorities;
        prev.college += p.college;
        prev.age_29_and_under += p.age_29_and_under;
        prev.age_30_to_49 += p.age_30_to_49;
        prev.age_50_and_over += p.age_50_and_over;
        if let Some(t) = p.average_age_tenths {
            // Persons-weighted, in tenths of a year: the sum is in tenths, shown ÷10 below.
            prev_age += Average { sum: t as u64 * p.persons as u64, count: p.persons as u64 };
        }
        // Only where the current figure is knowable too (both committees reported).
        if let (Some(yes), true) = (p.one_shoulder, s.one_shoulder.den > 0) {
            prev_one_shoulder += Percent::new(yes as u64, 1);
            cur_one_shoulder += s.one_shoulder;
        }
        if let (Some(k), true) = (p.cross_holding, s.cross_holding.den > 0) {
            prev_cross += Percent::new(k as u64, p.persons as u64);
            cur_cross += s.cross_holding;
        }
    }

    let of = |k: u32| Percent::new(k as u64, prev.persons as u64);
    let row = |figure, label, current: Percent, previous: Percent| {
        let points = rounding.units(current).zip(rounding.units(previous)).map(|(c, p)| c as i64 - p as i64);
        let text = points.map_or_else(String::new, |d| rounding.change(d, "个百分点"));
        ComparisonRow { figure, label, current, previous, points, text }
    };
    let rows = vec![
        row("women", "女性", cur.women, of(prev.women)),
        row("party_members", "党员", cur.party_members, of(prev.party_members)),
        row("minorities", "少数民族", cur.minorities, of(prev.minorities)),
        row("college", "大专以上学历", cur.college, of(prev.college)),
        row("age_29_and_under", "29岁及以下", cur.age_29_and_under, of(prev.age_29_and_under)),
        row("age_30_to_49", "30至49岁", cur.age_30_to_49, of(prev.age_30_to_49)),
        row("age_50_and_over", "50岁及以上", cur.age_50_and_over, of(prev.age_50_and_over)),
        row("one_shoulder", "书记主任一肩挑", cur_one_shoulder, prev_one_shoulder),
        row("cross_holding", "两委交叉任职", cur_cross, prev_cross),
    ];
    // The previous sum is already in tenths: no further scaling.
    let prev_avg = (prev_age.count > 0).then(|| tenths_half_up(prev_age.sum, 1, prev_age.count));
    let age_diff = cur.average_age.tenths().zip(prev_avg).map(|(c, p)| c as i64 - p as i64);
    Comparison {
        communities: n,
        average_age_current: cur.average_age,
        average_age_previous_tenths: prev_avg,
        average_age_tenths: age_diff,
        average_age_text: age_diff.map_or_else(String::new, |d| change_text(d, "岁")),
        rows,
    }
}
