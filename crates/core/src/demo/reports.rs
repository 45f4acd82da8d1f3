//! Demo reports for the office: `n` communities' result and progress reports, deterministic per
//! seed (the one demo `Rng`), for the office screen, the CLI and the benchmarks.

use super::rng::Rng;
use crate::base::terms::{ElectionKind as Committee, ElectorateMode, Post, Sex};
use crate::record::community::*;
use chrono::NaiveDate;

/// The day the demo reports are of (the 2026 renewal).
pub const DEMO_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 30) {
    Some(d) => d,
    None => panic!("valid date"),
};

const DEMO_DISTRICT: &str = "新城区";
const DEMO_STREETS: [&str; 8] =
    ["东城街道", "西湖街道", "解放路街道", "新华街道", "和平街道", "建设路街道", "南关街道", "北苑街道"];
const DEMO_PREFIXES: [&str; 40] = [
    "幸福", "和平", "朝阳", "光明", "翠苑", "锦绣", "阳光", "长青", "东风", "友谊", "团结", "胜利", "建华", "新兴",
    "文化", "春晖", "康乐", "福寿", "金桥", "银河", "枫林", "桂花", "梧桐", "丽景", "紫荆", "青年", "育才", "红星",
    "曙光", "永安", "安居", "兴隆", "华苑", "明珠", "滨河", "望湖", "清泉", "秀水", "龙山", "凤鸣",
];
const DEMO_SUFFIXES: [&str; 25] = [
    "", "里", "园", "苑", "路", "坊", "街", "湾", "花园", "新村", "家园", "东", "西", "南", "北", "一", "二", "三",
    "中", "上", "下", "前", "后", "桥", "门",
];
const DEMO_SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋",
];
const DEMO_GIVEN: [&str; 32] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "志强", "海燕", "建国", "晓东", "丹",
];
const DEMO_MINORITIES: [&str; 5] = ["回族", "满族", "蒙古族", "壮族", "朝鲜族"];

/// What the community has to do next at a stage (demo deadlines).
fn demo_next_step(stage: Stage) -> &'static str {
    match stage {
        Stage::Preparation => "离任审计结果公布",
        Stage::ElectionCommittee => "选举委员会推选",
        Stage::Registration => "选民名单公布",
        Stage::Nomination => "候选人提名截止",
        Stage::Review => "联审结果反馈",
        Stage::Notice => "正式候选人名单公布",
        Stage::Preselection => "预选",
        Stage::Voting => "选举日投票",
        Stage::Count => "计票结果报告单签字",
        Stage::Announcement => "选举结果报街道",
        Stage::Report => "选举结果备案",
        Stage::Handover => "工作交接（选举后10日内）",
    }
}

fn demo_person(rng: &mut Rng, committee: Committee, post: Post) -> ElectedMember {
    let given = rng.pick(&DEMO_GIVEN).to_string();
    let given = if given.chars().count() == 1 && rng.chance(60) {
        format!("{}{given}", rng.pick(&DEMO_GIVEN).chars().next().expect("non-empty"))
    } else {
        given
    };
    let birth = NaiveDate::from_ymd_opt(rng.range(1964, 2001) as i32, rng.range(1, 12), rng.range(1, 28))
        .expect("day ≤ 28 always exists");
    let sex = if post == Post::WomenMember || rng.chance(45) { Sex::Female } else { Sex::Male };
    let education = match rng.range(1, 100) {
        1..=8 => Education::JuniorHighOrBelow,
        9..=30 => Education::SeniorHigh,
        31..=65 => Education::JuniorCollege,
        66..=96 => Education::Bachelor,
        _ => Education::Postgraduate,
    };
    ElectedMember {
        name: format!("{}{given}", rng.pick(&DEMO_SURNAMES)),
        committee,
        post,
        sex,
        birth_date: birth,
        ethnicity: if rng.chance(4) { rng.pick(&DEMO_MINORITIES) } else { "汉族" }.to_string(),
        party_member: committee.is_party() || rng.chance(55),
        education,
        re_elected: rng.chance(55),
        id_hash: format!("{:016x}", rng.next()),
    }
}

/// Elected members of both committees of one community, with 一肩挑 and a few cross-holders.
fn demo_elected(rng: &mut Rng, kind: Committee) -> Vec<ElectedMember> {
    let party = Committee::PartyCommittee;
    let mut out = vec![demo_person(rng, party, Post::Secretary)];
    if rng.chance(80) {
        out.push(demo_person(rng, party, Post::DeputySecretary));
    }
    while out.len() < rng.range(5, 7) as usize {
        out.push(demo_person(rng, party, Post::Member));
    }
    let party_seats = out.len();

    let (lo, hi) = if kind == Committee::VillageCommittee { (3, 7) } else { (5, 9) };
    let seats = rng.range(lo, hi) as usize;
    let mut posts = vec![Post::Director, Post::WomenMember];
    posts.extend((0..rng.range(1, 2)).map(|_| Post::DeputyDirector));
    posts.resize(seats.max(posts.len()), Post::Member);
    // The director is the secretary (一肩挑) in most communities; a few more hold both.
    let one_shoulder = rng.chance(85);
    let cross = rng.range(0, 2) as usize;
    let mut reused = 0;
    for post in posts {
        let from_party = match post {
            Post::Director if one_shoulder => Some(0),
            Post::DeputyDirector | Post::Member if reused < cross && reused + 1 < party_seats => {
                reused += 1;
                Some(reused)
            }
            _ => None,
        };
        let member = match from_party {
            Some(j) => ElectedMember { committee: kind, post, ..out[j].clone() },
            None => demo_person(rng, kind, post),
        };
        out.push(member);
    }
    out
}

/// `n` communities of a demo district, both committees each, at various stages (about three in
/// four elected). Deterministic for a seed; names and streets are realistic but invented.
pub fn demo_reports(n: usize, seed: u64) -> Vec<CommunityReport> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(2 * n);
    for i in 0..n {
        let village = rng.chance(12);
        let kind = if village { Committee::VillageCommittee } else { Committee::ResidentsCommittee };
        let mut name = format!(
            "{}{}{}社区",
            DEMO_PREFIXES[i % DEMO_PREFIXES.len()],
            DEMO_SUFFIXES[i / DEMO_PREFIXES.len() % DEMO_SUFFIXES.len()],
            if village { "村" } else { "" }
        );
        let cycle = DEMO_PREFIXES.len() * DEMO_SUFFIXES.len();
        if i >= cycle {
            name = format!("{name}{}", i / cycle + 1);
        }
        let street = rng.pick(&DEMO_STREETS).to_string();
        let electorate = match rng.range(1, 100) {
            1..=10 => ElectorateMode::AllVoters,
            11..=42 => ElectorateMode::HouseholdReps,
            43..=97 => ElectorateMode::ResidentReps,
            _ => ElectorateMode::NoCandidates,
        };
        let stage = if rng.chance(75) {
            *rng.pick(&[Stage::Announcement, Stage::Report, Stage::Handover])
        } else {
            *rng.pick(&Stage::ALL[..9])
        };
        // The Party organisation usually elects first.
        let party_stage = Stage::ALL[rng.range(stage.number() as u32, 12) as usize - 1];
        let elected =
            if stage.is_elected() && party_stage.is_elected() { demo_elected(&mut rng, kind) } else { Vec::new() };
        let (party_elected, other_elected): (Vec<_>, Vec<_>) =
            elected.into_iter().partition(|m| m.committee.is_party());

        let previous_term = rng.chance(80).then(|| {
            let persons = rng.range(8, 14);
            let bands = [rng.range(0, 2), rng.range(3, persons / 2 + 2)];
            PreviousTerm {
                persons,
                women: rng.range(persons / 4, persons / 2),
                party_members: rng.range(persons / 2, persons),
                minorities: rng.range(0, 1),
                college: rng.range(persons / 4, persons * 3 / 4),
                age_29_and_under: bands[0],
                age_30_to_49: bands[1],
                age_50_and_over: persons - bands[0] - bands[1],
                average_age_tenths: Some(rng.range(420, 490)),
                one_shoulder: Some(rng.chance(60)),
                cross_holding: Some(rng.range(1, 4)),
            }
        });

        for (committee, stage, members) in
            [(kind, stage, other_elected), (Committee::PartyCommittee, party_stage, party_elected)]
        {
            let party = committee.is_party();
            let registered = match (party, electorate) {
                (true, _) => rng.range(40, 400),
                (false, ElectorateMode::ResidentReps) => rng.range(30, 120),
                (false, ElectorateMode::HouseholdReps) => rng.range(800, 3000),
                (false, _) => rng.range(2000, 9000),
            };
            let voted = if stage.has_voted() { registered * rng.range(85, 99) / 100 } else { 0 };
            let seats = if party { 6 } else { 7 };
            let nominated = if stage >= Stage::Nomination { seats + rng.range(1, 4) } else { 0 };
            let (street_out, district_out) = if stage > Stage::Review {
                (rng.range(0, 1).min(nominated), rng.range(0, 1) * rng.range(0, 1))
            } else {
                (0, 0)
            };
            let next_deadline = (stage != Stage::Handover).then(|| Deadline {
                date: DEMO_AS_OF + chrono::Days::new(rng.range(0, 20) as u64)
                    - chrono::Days::new(rng.range(0, 3) as u64),
                what: demo_next_step(stage).to_string(),
            });
            out.push(CommunityReport {
                community: Community {
                    id: format!("C{:04}", i + 1),
                    name: name.clone(),
                    street: street.clone(),
                    district: DEMO_DISTRICT.to_string(),
                    kind: committee,
                    electorate: (!party).then_some(electorate),
                },
                reported_on: DEMO_AS_OF - chrono::Days::new(rng.range(0, 2) as u64),
                stage,
                next_deadline,
                registered_voters: registered,
                voted,
                election_committee_head_is_party_leader: (!party && stage > Stage::Preparation).then(|| rng.chance(85)),
                candidates: Candidates {
                    nominated,
                    passed: nominated.saturating_sub(street_out + district_out),
                    disqualified_street: street_out,
                    disqualified_district: district_out,
                },
                elected: members,
                previous_term: if party { None } else { previous_term.clone() },
            });
        }
    }
    out
}
