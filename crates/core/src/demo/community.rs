//! The built-in demo community 幸福里社区, fully deterministic (a small xorshift, no clock).
//!
//! `community(voters, seed)` gives the set-up and registration events as the committee and four
//! grid workers would have made them: 4 grids, 12 residents' groups, households with realistic
//! names, valid ID numbers and phones; a few people under 18 on the election day, a few who turn
//! 18 exactly on it; one person registered twice with the same details and one twice with
//! different phones (two grid workers each: anomalies to resolve); and some nominations.
//! The same generator scales to 50,000 voters for benchmarks.

use super::rng::Rng;
use crate::base::hlc::Hlc;
use crate::base::idnum;
use crate::record::events::*;
use crate::record::identity::DeviceKey;
use crate::record::log::event_id;
use chrono::{Datelike, Days, NaiveDate};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::OnceLock;

pub const COMMUNITY: &str = "幸福里社区";
pub const STREET: &str = "城关街道";
pub const DISTRICT: &str = "示范区";
pub const RULE_PRESET: &str = "national-2025-residents";
/// Size of the demo the app offers.
pub const DEFAULT_VOTERS: usize = 300;
pub const GRIDS: usize = 4;
const GROUPS_PER_GRID: usize = 3;
/// Demos smaller than this get no nominations (a joint nomination needs ten nominators).
const MIN_VOTERS_FOR_NOMINATIONS: usize = 60;

/// The election day of the demo the tests and benches use (`events`): fixed, so their figures
/// never change.
pub fn election_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 18).unwrap()
}

/// Days from trying the demo to its election day: the voter list (20 days before) is still
/// ahead, the nominations already made; a person can go through every step from today.
pub const DAYS_TO_ELECTION: u64 = 30;

/// The election day of the demo a person tries on `today`.
pub fn election_day_from(today: NaiveDate) -> NaiveDate {
    today + Days::new(DAYS_TO_ELECTION)
}

/// When the demo's log starts: 78 days before its election day, at 00:00 UTC (for the fixed
/// day, 2026-03-01: `START_MS`).
pub fn start_ms(day: NaiveDate) -> u64 {
    let start = day - Days::new(78);
    start.and_hms_opt(0, 0, 0).map_or(START_MS, |t| t.and_utc().timestamp_millis() as u64)
}

/// Is this the demo's election (whatever day it was made for)? Settings offer to leave it.
pub fn is_demo(def: &ElectionDefined) -> bool {
    def.election_id.starts_with("demo-xingfuli-") && def.community == COMMUNITY
}

/// The demo's devices have fixed keys, so its files verify like real ones on every machine.
pub fn device_key(name: &str) -> DeviceKey {
    let digest = Sha256::digest(format!("huanjie demo device {name}").as_bytes());
    DeviceKey::from_seed(digest.into())
}

/// Device codes: the committee's, one per grid, then the street office's (computed once; key
/// derivation is not free).
fn codes() -> &'static [String] {
    static CODES: OnceLock<Vec<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        std::iter::once(device_key("committee").code())
            .chain((1..=GRIDS).map(|g| device_key(&format!("grid-{g}")).code()))
            .chain(std::iter::once(device_key("office").code()))
            .collect()
    })
}

/// Device code of the street office (街道换届办) that records review decisions.
pub fn office_device() -> String {
    codes()[GRIDS + 1].clone()
}

/// Device code of the election committee's device.
pub fn committee_device() -> String {
    codes()[0].clone()
}

/// Device code of grid `g` (0-based)'s worker.
pub fn grid_device(g: usize) -> String {
    codes()[g + 1].clone()
}

/// Each demo device's head over `events`, signed with its (public, fixed) demo key, and the
/// devices' records: what a device that loads the demo needs to forward the demo's chains like
/// ones received in files.
pub fn signed_heads(
    events: &[Event],
) -> Vec<(crate::record::bundle::SignedHead, crate::record::identity::DeviceRecord)> {
    use crate::record::identity::Role;
    let devices = std::iter::once(("committee".to_string(), Role::ElectionCommittee, "选委会".to_string()))
        .chain((1..=GRIDS).map(|g| (format!("grid-{g}"), Role::GridWorker, GRID_WORKERS[g - 1].to_string())))
        .chain(std::iter::once(("office".to_string(), Role::Office, "街道换届办".to_string())));
    devices
        .filter_map(|(name, role, holder)| {
            let key = device_key(&name);
            let code = key.code();
            let last = events.iter().filter(|e| e.device == code).max_by_key(|e| e.seq)?;
            Some((crate::record::bundle::SignedHead::sign(&key, last.seq, &last.id), key.record(role, &holder)))
        })
        .collect()
}

/// One event body and the device that authors it.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoEvent {
    pub device: String,
    pub body: EventBody,
}

/// What the generator planted, for tests and the tour.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Planted {
    /// Voter ids of people under 18 on the election day.
    pub underage: Vec<VoterId>,
    /// Voter ids of people who turn 18 exactly on the election day.
    pub exactly_18: Vec<VoterId>,
    /// (first registration, second registration) with identical details.
    pub duplicate: Option<(VoterId, VoterId)>,
    /// (first registration, second registration) differing in the phone.
    pub conflicting: Option<(VoterId, VoterId)>,
    pub nominees: Vec<VoterId>,
}

/// The demo's events in log order: `voters` distinct people, plus the two repeated registrations.
pub fn community(voters: usize, seed: u64) -> Vec<DemoEvent> {
    generate(voters, seed).0
}

/// `community` and what it planted.
pub fn generate(voters: usize, seed: u64) -> (Vec<DemoEvent>, Planted) {
    generate_on(voters, seed, election_day())
}

/// `generate` for an election on `day`: every date of the demo (preparation, committee,
/// nominations, who is under 18) is reckoned from it.
pub fn generate_on(voters: usize, seed: u64, day: NaiveDate) -> (Vec<DemoEvent>, Planted) {
    let mut g = Gen::new(seed, day);
    g.setup();
    g.people(voters);
    g.repeat_registrations();
    if voters >= MIN_VOTERS_FOR_NOMINATIONS {
        g.nominations();
    }
    (g.out, g.planted)
}

/// Give demo bodies the envelope of log events: seq per device, time one millisecond apart in
/// list order (so list order is log order), and content-hash ids chained per device exactly as
/// log.rs makes them, so demo events verify and merge like real ones.
pub fn stamp(items: &[DemoEvent], start_ms: u64) -> Vec<Event> {
    let mut seqs: std::collections::HashMap<&str, (u64, String)> = Default::default();
    items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            let (seq, prev) = seqs.entry(&it.device).or_insert((0, String::new()));
            *seq += 1;
            let time = Hlc { ms: start_ms + k as u64, n: 0 };
            let id = event_id(&it.device, *seq, time, prev, &it.body);
            Event {
                id: id.clone(),
                device: it.device.clone(),
                seq: *seq,
                time,
                prev: std::mem::replace(prev, id),
                body: it.body.clone(),
            }
        })
        .collect()
}

/// 2026-03-01 00:00 UTC, when the demo's log starts.
pub const START_MS: u64 = 1_772_323_200_000;

/// `stamp(&community(voters, seed), START_MS)`.
pub fn events(voters: usize, seed: u64) -> Vec<Event> {
    stamp(&community(voters, seed), START_MS)
}

/// The demo's events for an election on `day` (the app's demo: `election_day_from(today)`).
pub fn events_on(voters: usize, seed: u64, day: NaiveDate) -> Vec<Event> {
    stamp(&generate_on(voters, seed, day).0, start_ms(day))
}

// ----- Names and places -------------------------------------------------------------------------

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆",
    "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
    "段", "雷", "侯", "龙",
];
const MALE_CHARS: &[&str] = &[
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "斌",
    "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "成", "建", "国", "志", "文", "海", "东", "庆", "峰",
    "亮", "德",
];
const FEMALE_CHARS: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "燕", "玲", "桂", "英", "红", "梅", "琳", "婷", "雪", "慧",
    "佳", "倩", "颖", "萍", "兰", "月", "洁", "晶", "丹", "莉", "琴",
];
/// Real county-level codes (GB/T 2260): the community's own district first.
const LOCAL_CODES: &[&str] = &["510104", "510104", "510104", "510105", "510106", "510107", "510108"];
const OTHER_CODES: &[&str] = &[
    "510112", "510114", "510302", "510504", "511102", "500103", "420106", "610113", "110105", "440106", "320106",
    "330106", "430104", "520102", "530102",
];
const PHONE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159", "177",
    "180", "181", "186", "187", "189", "199",
];
const GRID_WORKERS: [&str; GRIDS] = ["李晓红", "王建华", "张丽", "陈志强"];
const GROUP_NAMES: [&str; 3] = ["第一居民小组", "第二居民小组", "第三居民小组"];

// ----- The generator ----------------------------------------------------------------------------

#[derive(Clone)]
struct Person {
    voter: VoterId,
    device: String,
    reg: VoterRegistered,
    address: String,
}

struct Gen {
    rng: Rng,
    /// The election day; every other date is reckoned from it.
    day: NaiveDate,
    out: Vec<DemoEvent>,
    planted: Planted,
    seqs: std::collections::HashMap<String, u64>,
    used_ids: HashSet<String>,
    people: Vec<Person>,
    households_per_grid: [usize; GRIDS],
}

impl Gen {
    fn new(seed: u64, day: NaiveDate) -> Gen {
        Gen {
            rng: Rng::new(seed),
            day,
            out: vec![],
            planted: Planted::default(),
            seqs: Default::default(),
            used_ids: HashSet::new(),
            people: vec![],
            households_per_grid: [0; GRIDS],
        }
    }

    /// Append an event; returns the id `stamp` will give it (so payloads can use it).
    fn push(&mut self, device: &str, body: EventBody) -> String {
        let seq = self.seqs.entry(device.to_string()).or_insert(0);
        *seq += 1;
        let id = local_id(device, *seq);
        self.out.push(DemoEvent { device: device.to_string(), body });
        id
    }

    /// The id the next event of `device` will get.
    fn next_id(&self, device: &str) -> String {
        local_id(device, self.seqs.get(device).copied().unwrap_or(0) + 1)
    }

    fn setup(&mut self) {
        let day = self.day;
        let c = &committee_device();
        self.push(
            c,
            EventBody::ElectionDefined(ElectionDefined {
                election_id: format!("demo-xingfuli-{}", day.year()),
                community: COMMUNITY.into(),
                street: STREET.into(),
                district: DISTRICT.into(),
                kind: ElectionKind::ResidentsCommittee,
                electorate: ElectorateMode::AllVoters,
                rule_preset: RULE_PRESET.into(),
                posts: vec![
                    PostSeats { post: Post::Director, seats: 1 },
                    PostSeats { post: Post::DeputyDirector, seats: 1 },
                    PostSeats { post: Post::Member, seats: 3 },
                ],
                election_day: day,
            }),
        );
        // As the demo of 18 May 2026 had them: audit 10 March, committee formed 20 March.
        let date = |days_before: u64| day - Days::new(days_before);
        self.push(
            c,
            EventBody::PreparationRecorded(PreparationRecorded {
                audit_published: Some(date(69)),
                democratic_review: Some(date(67)),
                plan_adopted: Some(date(63)),
                note: "离任审计结果已在公示栏公开".into(),
            }),
        );
        let member = |name: &str, post| CommitteeMember { name: name.into(), post, voter: None };
        self.push(
            c,
            EventBody::ElectionCommitteeFormed(ElectionCommitteeFormed {
                formed_on: date(59),
                chosen_by: "居民代表会议".into(),
                members: vec![
                    member("刘国庆", CommitteePost::Chair),
                    member("赵雪梅", CommitteePost::ViceChair),
                    member("孙志刚", CommitteePost::Member),
                    member("周桂英", CommitteePost::Member),
                    member("吴海东", CommitteePost::Member),
                ],
                chair_party_role: ChairPartyRole::Secretary,
            }),
        );
        for (g, worker) in GRID_WORKERS.iter().enumerate() {
            self.push(
                c,
                EventBody::GridDefined(GridDefined {
                    grid: grid_id(g),
                    name: format!("第{}网格", g + 1),
                    worker: worker.to_string(),
                    device: Some(grid_device(g)),
                }),
            );
            // The committee enrolled this grid worker's phone from its join request.
            self.push(
                c,
                EventBody::DeviceEnrolled(DeviceEnrolled {
                    device: grid_device(g),
                    public_key: device_key(&format!("grid-{}", g + 1)).public_key_hex(),
                    role: DeviceRole::GridWorker,
                    holder: worker.to_string(),
                    grid: Some(grid_id(g)),
                }),
            );
            for (k, name) in GROUP_NAMES.iter().enumerate() {
                self.push(
                    c,
                    EventBody::ResidentsGroupDefined(ResidentsGroupDefined {
                        group: group_id(g, k),
                        name: format!("第{}网格{}", g + 1, name),
                        grid: grid_id(g),
                    }),
                );
            }
        }
        // The street office's device, accepted so its review decisions import here.
        let office = device_key("office");
        self.push(
            c,
            EventBody::DeviceEnrolled(DeviceEnrolled {
                device: office.code(),
                public_key: office.public_key_hex(),
                role: DeviceRole::Office,
                holder: "城关街道换届办".into(),
                grid: None,
            }),
        );
        self.push(
            c,
            EventBody::StationDefined(StationDefined {
                station: "central".into(),
                name: "中心会场".into(),
                place: "幸福里社区党群服务中心".into(),
                central: true,
            }),
        );
    }

    /// Households of 1-4 voters, grid by grid in turn, until `n` people are registered.
    fn people(&mut self, n: usize) {
        let mut h = 0usize;
        while self.people.len() < n {
            let g = h % GRIDS;
            h += 1;
            let size = match self.rng.below(100) {
                0..=14 => 1,
                15..=54 => 2,
                55..=84 => 3,
                _ => 4,
            }
            .min(n - self.people.len());
            self.household(g, size);
        }
    }

    fn household(&mut self, g: usize, size: usize) {
        let device = grid_device(g);
        let j = self.households_per_grid[g];
        self.households_per_grid[g] += 1;
        let address = address(g, j);
        let household = self.push(
            &device,
            EventBody::HouseholdRegistered(HouseholdRegistered {
                household: self.next_id(&device),
                grid: grid_id(g),
                group: Some(group_id(g, j % GROUPS_PER_GRID)),
                address: address.clone(),
            }),
        );
        let surname = *self.rng.pick(SURNAMES);
        let local = self.rng.chance(80);
        let head_age = 25 + self.rng.below(64) as i64;
        let head_male = self.rng.chance(55);
        for m in 0..size {
            // Head, spouse (other sex, similar age), then grown children or parents.
            let (male, age, own_surname) = match m {
                0 => (head_male, head_age, true),
                1 => (!head_male, (head_age + self.rng.below(9) as i64 - 4).max(20), false),
                _ if head_age >= 45 => (self.rng.chance(50), head_age - 22 - self.rng.below(8) as i64, true),
                _ => (self.rng.chance(50), head_age + 24 + self.rng.below(8) as i64, true),
            };
            let k = self.people.len();
            let birth = self.birth_date(k, age);
            let surname = if own_surname { surname } else { *self.rng.pick(SURNAMES) };
            self.person(&device, &household, &address, surname, male, birth, local);
        }
    }

    /// A birth date `age` years before the election; every 97th person is under 18, another
    /// turns 18 exactly on the election day, another was born on 29 February 2008.
    fn birth_date(&mut self, k: usize, age: i64) -> NaiveDate {
        let day = self.day;
        match k % 97 {
            13 => idnum::anniversary(day, -18) + Days::new(1 + self.rng.below(600)),
            29 => idnum::anniversary(day, -18),
            41 => NaiveDate::from_ymd_opt(2008, 2, 29).unwrap(),
            _ => {
                let year = day.year() - age.clamp(19, 95) as i32;
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap() + Days::new(self.rng.below(365))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn person(
        &mut self,
        device: &str,
        household: &str,
        address: &str,
        surname: &str,
        male: bool,
        birth: NaiveDate,
        local: bool,
    ) {
        let chars = if male { MALE_CHARS } else { FEMALE_CHARS };
        let mut name = format!("{surname}{}", *self.rng.pick(chars));
        if self.rng.chance(70) {
            let more = *self.rng.pick(chars);
            name.push_str(more);
        }
        let code = if local { *self.rng.pick(LOCAL_CODES) } else { *self.rng.pick(OTHER_CODES) };
        let id_number = loop {
            // Sequence code: its last digit's parity is the sex.
            let seq = self.rng.below(500) * 2 + u64::from(male);
            let body = format!("{code}{}{seq:03}", birth.format("%Y%m%d"));
            let id = idnum::with_check_char(&body);
            if self.used_ids.insert(id.clone()) {
                break id;
            }
        };
        let age = idnum::age_on(birth, self.day);
        let phone = if age > 75 && self.rng.chance(50) {
            String::new()
        } else {
            format!("{}{:08}", *self.rng.pick(PHONE_PREFIXES), self.rng.below(100_000_000))
        };
        let category = match (local, self.rng.below(100)) {
            (true, 0..=89) => RegistrationCategory::HukouResident,
            (true, _) => RegistrationCategory::HukouNotResident,
            (false, 0..=94) => RegistrationCategory::ResidentNoHukou,
            (false, _) => RegistrationCategory::CommunityWorker6m,
        };
        let voter = self.next_id(device);
        let reg = VoterRegistered {
            voter: voter.clone(),
            name,
            id_number,
            sex: if male { Sex::Male } else { Sex::Female },
            birth,
            phone,
            household: Some(household.to_string()),
            category,
        };
        if !idnum::eligible_on(birth, self.day) {
            self.planted.underage.push(voter.clone());
        } else if birth == idnum::anniversary(self.day, -18) {
            self.planted.exactly_18.push(voter.clone());
        }
        self.push(device, EventBody::VoterRegistered(reg.clone()));
        self.people.push(Person { voter, device: device.to_string(), reg, address: address.to_string() });
    }

    /// Two people of grid 1 registered again by other grid workers (they live on a boundary):
    /// one with the same details, one with another phone number.
    fn repeat_registrations(&mut self) {
        let firsts: Vec<Person> = self
            .people
            .iter()
            .filter(|p| p.device == grid_device(0) && idnum::eligible_on(p.reg.birth, self.day))
            .filter(|p| !p.reg.phone.is_empty())
            .take(2)
            .cloned()
            .collect();
        for (k, p) in firsts.iter().enumerate() {
            let g = 1 + k;
            let device = grid_device(g);
            let household = self.push(
                &device,
                EventBody::HouseholdRegistered(HouseholdRegistered {
                    household: self.next_id(&device),
                    grid: grid_id(g),
                    group: Some(group_id(g, 0)),
                    address: p.address.clone(),
                }),
            );
            let mut reg = p.reg.clone();
            reg.voter = self.next_id(&device);
            reg.household = Some(household);
            if k == 1 {
                // Another phone number: the details differ.
                let last = reg.phone.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
                reg.phone.push(char::from_digit((last + 1) % 10, 10).unwrap());
            }
            let pair = (p.voter.clone(), reg.voter.clone());
            self.push(&device, EventBody::VoterRegistered(reg));
            if k == 0 {
                self.planted.duplicate = Some(pair);
            } else {
                self.planted.conflicting = Some(pair);
            }
        }
    }

    /// 主任 2, 副主任 2, 委员 5 nominees (差额), from the Party organisation and two joint
    /// nominations of ten voters each; commitments, screening and a few street reviews.
    fn nominations(&mut self) {
        let day = self.day;
        let on = day - Days::new(40);
        let skip: HashSet<&str> = [&self.planted.duplicate, &self.planted.conflicting]
            .into_iter()
            .flatten()
            .map(|(a, _)| a.as_str())
            .collect();
        let adults: Vec<Person> = self
            .people
            .iter()
            .filter(|p| !skip.contains(p.voter.as_str()))
            .filter(|p| (28..=60).contains(&idnum::age_on(p.reg.birth, day)))
            .cloned()
            .collect();
        // Alternate men and women so the list has women on it.
        let (men, women): (Vec<&Person>, Vec<&Person>) = adults.iter().partition(|p| p.reg.sex == Sex::Male);
        let mut picks: Vec<&Person> = vec![];
        for k in 0..9 {
            let from = if k % 2 == 0 { &men } else { &women };
            if let Some(p) = from.get(k / 2 * 7) {
                picks.push(p);
            }
        }
        if picks.len() < 9 {
            return;
        }
        let posts = [
            Post::Director,
            Post::Director,
            Post::DeputyDirector,
            Post::DeputyDirector,
            Post::Member,
            Post::Member,
            Post::Member,
            Post::Member,
            Post::Member,
        ];
        let nominees: HashSet<&str> = picks.iter().map(|p| p.voter.as_str()).collect();
        let mut pool = self
            .people
            .iter()
            .filter(|p| idnum::eligible_on(p.reg.birth, day) && !nominees.contains(p.voter.as_str()))
            .filter(|p| !skip.contains(p.voter.as_str()))
            .map(|p| p.voter.clone());
        let mut bodies = vec![];
        for (k, (p, post)) in picks.iter().zip(posts).enumerate() {
            let (device, by) = if k >= 7 {
                // Joint nomination forms collected by the first grid worker.
                let nominators: Vec<VoterId> = pool.by_ref().take(10).collect();
                (grid_device(0), NominatedBy::JointVoters { nominators })
            } else {
                (committee_device(), NominatedBy::PartyOrg)
            };
            let profile = CandidateProfile {
                party_member: k < 6,
                ethnicity: if k == 5 { "彝族".into() } else { "汉族".into() },
                education: Some(match k % 3 {
                    0 => Education::Bachelor,
                    1 => Education::College,
                    _ => Education::SeniorHigh,
                }),
                incumbent: k < 3,
            };
            bodies.push((
                device,
                EventBody::Nomination(Nomination { nominee: p.voter.clone(), post, by, nominated_on: on, profile }),
            ));
        }
        for (device, body) in bodies {
            self.push(&device, body);
        }
        let ids: Vec<VoterId> = picks.iter().map(|p| p.voter.clone()).collect();
        for (k, id) in ids.iter().enumerate() {
            // The last nominee has not signed yet: something for the checklist to show.
            if k + 1 < ids.len() {
                self.push(
                    &committee_device(),
                    EventBody::CommitmentsRecorded(CommitmentsRecorded {
                        nominee: id.clone(),
                        signed_on: on + Days::new(1),
                        commitments: vec![Commitment::Candidacy, Commitment::Performance, Commitment::Resignation],
                    }),
                );
            }
            self.push(
                &committee_device(),
                EventBody::DisqualificationScreened(DisqualificationScreened {
                    nominee: id.clone(),
                    screened_on: on + Days::new(2),
                    reasons: vec![],
                }),
            );
        }
        self.push(
            &committee_device(),
            EventBody::ReviewRequested(ReviewRequested {
                nominees: ids.clone(),
                requested_on: on + Days::new(3),
                departments: vec!["组织".into(), "纪检".into(), "政法".into(), "公安".into()],
            }),
        );
        for id in ids.iter().take(3) {
            self.push(
                &office_device(),
                EventBody::ReviewDecided(ReviewDecided {
                    nominee: id.clone(),
                    department: "街道联审小组".into(),
                    level: ReviewLevel::Street,
                    decision: ReviewDecision::Pass,
                    reason: String::new(),
                    decided_on: on + Days::new(6),
                }),
            );
        }
        self.planted.nominees = ids;
    }
}

fn grid_id(g: usize) -> GridId {
    format!("g{}", g + 1)
}

fn group_id(g: usize, k: usize) -> GroupId {
    format!("g{}-{}", g + 1, k + 1)
}

/// A unique flat address for household `j` of grid `g`: buildings interleave by grid.
fn address(g: usize, j: usize) -> String {
    let building = 4 * (j / 120) + g + 1;
    let rem = j % 120;
    let unit = rem / 40 + 1;
    let floor = rem % 40 / 4 + 1;
    let room = rem % 4 + 1;
    format!("幸福里{building}栋{unit}单元{floor}0{room}号")
}

/// Sample files of the demo community, one of each kind the demo can make, as the devices
/// concerned would sign them (for `huanjie demo --out DIR`, the e2e tests and the benches).
/// The field bundle carries one household and two voters that the built-in demo lacks, so
/// importing it into the app's demo adds real records.
pub fn sample_bundles(wall_ms: u64) -> Vec<(String, crate::record::bundle::Bundle)> {
    sample_bundles_on(election_day(), wall_ms)
}

/// `sample_bundles` of the demo of an election on `day` (the one the app makes on the day
/// `day` is reckoned from, so its files import into the app's demo).
pub fn sample_bundles_on(day: NaiveDate, wall_ms: u64) -> Vec<(String, crate::record::bundle::Bundle)> {
    use crate::election::exchange;
    use crate::record::bundle::{Bundle, Draft, Kind, SignedHead};
    use crate::record::identity::Role;
    use crate::record::log::Log;
    use crate::record::state::ElectionState;

    let events = events_on(DEFAULT_VOTERS, 1, day);
    let state = ElectionState::fold(&events);
    let committee_key = device_key("committee");
    let committee = committee_key.record(Role::ElectionCommittee, "幸福里社区选委会");
    let grid_key = device_key("grid-1");
    let grid = grid_key.record(Role::GridWorker, GRID_WORKERS[0]);
    let app = concat!("huanjie ", env!("CARGO_PKG_VERSION"));
    let mut out = Vec::new();

    let log = Log::from_events(&committee.code, events.clone()).0;
    let package = exchange::export(Kind::ElectionPackage, &state, &log, &committee_key, &committee, app, wall_ms)
        .expect("the demo committee can export its package");
    out.push(("election-package.json".to_string(), package));

    let mut grid_log = Log::from_events(&grid.code, events.clone()).0;
    let household = local_id(&grid.code, 10_001);
    grid_log.append_local(
        EventBody::HouseholdRegistered(HouseholdRegistered {
            household: household.clone(),
            grid: grid_id(0),
            group: Some(group_id(0, 0)),
            address: "幸福里小区9栋1单元101室".into(),
        }),
        wall_ms,
    );
    for (k, (name, body17)) in
        [("钱文华", "51010419820315001"), ("钱晓燕", "51010419850721002")].into_iter().enumerate()
    {
        let id = idnum::IdNumber::parse_undated(&idnum::with_check_char(body17)).expect("valid demo number");
        grid_log.append_local(
            EventBody::VoterRegistered(VoterRegistered {
                voter: local_id(&grid.code, 10_002 + k as u64),
                name: name.into(),
                id_number: id.as_str().to_string(),
                sex: id.sex(),
                birth: id.birth(),
                phone: format!("1390000100{k}"),
                household: Some(household.clone()),
                category: RegistrationCategory::HukouResident,
            }),
            wall_ms + 1 + k as u64,
        );
    }
    let grid_state = ElectionState::fold(grid_log.in_order());
    let field = exchange::export(Kind::Field, &grid_state, &grid_log, &grid_key, &grid, app, wall_ms + 10)
        .expect("an enrolled grid worker can export");
    out.push(("field-grid-1.json".to_string(), field));

    // The street office's review decisions (联审), as its own signed file.
    let office_key = device_key("office");
    let office = office_key.record(Role::Office, "城关街道换届办");
    let review = Bundle::build(
        Draft {
            kind: Kind::Review,
            election: exchange::election_ref(&state).expect("the demo has an election"),
            app_build: app.to_string(),
            created: log.clock().tick(wall_ms + 15),
            events: log.chain_from(&office.code, 1).into_iter().cloned().collect(),
            content: None,
            roster: None,
            forwarded_heads: Vec::new(),
        },
        &office_key,
        office,
    )
    .expect("the demo office's chain is complete");
    out.push(("review.json".to_string(), review));

    // The committee's progress report for the office.
    let today = day - chrono::Days::new(25);
    let progress = Bundle::build(
        Draft {
            kind: Kind::Progress,
            election: exchange::election_ref(&state).expect("the demo has an election"),
            app_build: app.to_string(),
            created: log.clock().tick(wall_ms + 16),
            events: Vec::new(),
            content: Some(
                serde_json::to_value(crate::election::progress::progress_report(&state, today))
                    .expect("reports serialize"),
            ),
            roster: None,
            forwarded_heads: Vec::new(),
        },
        &committee_key,
        committee.clone(),
    )
    .expect("a progress report is complete");
    out.push(("progress.json".to_string(), progress));

    // The archive forwards every device's chain with that device's own signed head.
    let others: Vec<_> = (1..=GRIDS).map(|g| format!("grid-{g}")).chain(["office".to_string()]).collect();
    let heads = others
        .iter()
        .filter_map(|name| {
            let key = device_key(name);
            let head = log.head(&key.code())?;
            Some(SignedHead::sign(&key, head.seq, &head.id))
        })
        .collect();
    let mut roster = exchange::enrolled(&state);
    roster.push(committee.clone());
    if !roster.iter().any(|d| d.code == office_device()) {
        roster.push(device_key("office").record(Role::Office, "城关街道换届办"));
    }
    let archive = Bundle::build(
        Draft {
            kind: Kind::Archive,
            election: exchange::election_ref(&state).expect("the demo has an election"),
            app_build: app.to_string(),
            created: log.clock().tick(wall_ms + 20),
            events: log.in_order().cloned().collect(),
            content: None,
            roster: Some(roster),
            forwarded_heads: heads,
        },
        &committee_key,
        committee,
    )
    .expect("the demo archive is complete");
    out.push(("archive.json".to_string(), archive));
    out
}

/// Result bundles of `n` communities (the office's demo): each community's committee device signs
/// its reports (`reports::demo_reports`: one per committee, usually two) as a bundle's `content`.
pub fn result_bundles(n: usize, wall_ms: u64) -> Vec<(String, crate::record::bundle::Bundle)> {
    use crate::record::bundle::{definition_hash, Bundle, Draft, ElectionRef, Kind};
    use crate::record::identity::Role;
    super::reports::demo_reports(n, 7)
        .into_iter()
        .enumerate()
        .map(|(i, report)| {
            let key = device_key(&format!("community-{}", report.community.id));
            let record = key.record(Role::ElectionCommittee, &format!("{}选委会", report.community.name));
            let community = serde_json::to_value(&report.community).expect("reports serialize");
            let draft = Draft {
                kind: Kind::Result,
                election: ElectionRef { id: report.community.id.clone(), definition_hash: definition_hash(&community) },
                app_build: concat!("huanjie ", env!("CARGO_PKG_VERSION")).to_string(),
                created: Hlc { ms: wall_ms + i as u64, n: 0 },
                events: Vec::new(),
                content: Some(serde_json::to_value(&report).expect("reports serialize")),
                roster: None,
                forwarded_heads: Vec::new(),
            };
            let bundle = Bundle::build(draft, &key, record).expect("a report bundle is complete");
            (format!("result-{:02}-{}.json", i + 1, report.community.id), bundle)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::idnum::IdNumber;

    fn registrations(items: &[DemoEvent]) -> Vec<&VoterRegistered> {
        items
            .iter()
            .filter_map(|e| match &e.body {
                EventBody::VoterRegistered(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn same_seed_same_demo_and_another_seed_another() {
        assert_eq!(community(120, 7), community(120, 7));
        assert_ne!(community(120, 7), community(120, 8));
    }

    #[test]
    fn sizes_and_every_id_number_validates() {
        for n in [0, 1, 5, DEFAULT_VOTERS, 2_000] {
            let (items, planted) = generate(n, 1);
            let regs = registrations(&items);
            let repeats = usize::from(planted.duplicate.is_some()) + usize::from(planted.conflicting.is_some());
            assert_eq!(regs.len(), n + repeats, "n = {n}");
            if n >= 20 {
                assert_eq!(repeats, 2);
            }
            for r in regs {
                let id = IdNumber::parse(&r.id_number, election_day()).unwrap();
                assert_eq!((id.birth(), id.sex()), (r.birth, r.sex), "{}", r.id_number);
            }
        }
    }

    #[test]
    fn ages_are_mixed_with_edge_cases() {
        let (_, planted) = generate(DEFAULT_VOTERS, 1);
        assert!((2..=5).contains(&planted.underage.len()), "{:?}", planted.underage);
        assert!((2..=5).contains(&planted.exactly_18.len()));
        assert_eq!(planted.nominees.len(), 9);
    }

    #[test]
    fn addresses_are_unique_per_grid() {
        let mut seen = HashSet::new();
        for g in 0..GRIDS {
            for j in 0..6_000 {
                assert!(seen.insert(address(g, j)));
            }
        }
    }

    #[test]
    fn stamped_events_chain_per_device_in_time_order() {
        let events = events(50, 3);
        assert!(events.windows(2).all(|w| w[0].time < w[1].time));
        let first_grid = events.iter().find(|e| e.device == grid_device(0)).unwrap();
        assert_eq!((first_grid.seq, first_grid.prev.as_str()), (1, ""));
        let second = events.iter().filter(|e| e.device == grid_device(0)).nth(1).unwrap();
        assert_eq!(second.prev, first_grid.id);
    }

    #[test]
    fn demo_events_are_real_log_events() {
        let (log, report) = crate::record::log::Log::from_events("X", events(120, 5));
        assert!(report.anomalies.is_empty(), "{:?}", report.anomalies);
        assert_eq!(log.len(), events(120, 5).len());
        assert!(log.in_order().all(crate::record::log::id_matches));
    }

    #[test]
    fn sample_bundles_verify_and_the_field_bundle_adds_records() {
        use crate::record::bundle::{verify, verify_file_report};
        use crate::record::identity::Role;
        let state = crate::record::state::ElectionState::fold(&events(DEFAULT_VOTERS, 1));
        let me = device_key("committee").record(Role::ElectionCommittee, "选委会");
        let bundles = sample_bundles(START_MS + 86_400_000);
        let kinds: Vec<&str> = bundles.iter().map(|(_, b)| b.kind.as_str()).collect();
        assert_eq!(kinds, ["election_package", "field", "review", "progress", "archive"]);
        for (name, bundle) in bundles {
            let bytes = bundle.to_json_bytes();
            assert!(verify_file_report(&bytes).is_ok(), "{name}");
            let ctx = crate::election::exchange::trust_context(&state, &me, Default::default());
            assert!(verify(&bytes, &ctx).is_ok(), "{name}: {:?}", verify(&bytes, &ctx).err());
        }
        let (_, field) = &sample_bundles(START_MS + 86_400_000)[1];
        let (mut log, _) = crate::record::log::Log::from_events("X", events(DEFAULT_VOTERS, 1));
        assert_eq!(log.merge(field.events.clone()).added.len(), 3);
    }
}
