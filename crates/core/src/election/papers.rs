//! The papers of voting day, decided from the records: the ballot of a round (选票), the voter
//! cards (选民证), the sign-in book (签到簿) with the mobile boxes' lists, and the written proxies'
//! certificates (委托投票证). Who is on each paper, in which order and how many copies are decided
//! here; a screen only lays them out. A paper that would be wrong is refused with the reason.

use crate::base::idnum;
use crate::base::terms::{ElectorateMode, Post, RoundKind};
use crate::base::zh;
use crate::election::count::{electorate_members, preset_of, role_zh, round_zh, turnout_status};
use crate::law::refusal::Problem;
use crate::law::rules::{ExcessLimit, Family, Overvote, Preset};
use crate::record::events::{CommitteePost, NominatedBy, StaffRole, StationDefined};
use crate::record::state::{ElectionState, Voter};
use chrono::NaiveDate;

/// One post's part of a ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotPart {
    pub post: Post,
    pub seats: u32,
    /// Candidates' names in the order the round lists them (the final list's legal order).
    pub candidates: Vec<String>,
    /// 另选他人 lines: one per seat, so a voter can write in as many people as may be elected.
    pub write_in_lines: u32,
}

/// A round's ballot, and how many to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub title: String,
    pub kind: RoundKind,
    pub held_on: NaiveDate,
    pub parts: Vec<BallotPart>,
    /// Party ballots mark 赞成 / 不赞成 / 弃权 per candidate; the others mark those elected.
    pub party: bool,
    /// How to mark, and what voids a part or the whole ballot, as this election's law says.
    pub instructions: Vec<String>,
    /// The electorate on the roll plus the spare the committee asks for.
    pub copies: u64,
}

fn refused(zh: &str, en: &str) -> Problem {
    Problem::new(zh, en)
}

/// The ballot of `round`, with `spare` extra copies (spoilt-and-replaced ballots come from these).
pub fn ballot(state: &ElectionState, round: &str, spare: u64) -> Result<Ballot, Problem> {
    let preset = preset_of(state)?;
    let def = state.definition.as_ref().ok_or_else(|| refused("请先完成选举设置", "No election defined"))?;
    let r = state.rounds.get(round).ok_or_else(|| {
        refused("这一轮投票尚未开启，不能印制选票。请先在“投票”一步开启本轮。", "The round is not open")
    })?;
    let opened = &r.opened;
    if opened.kind == RoundKind::First && state.final_list.is_none() {
        return Err(refused(
            "正式候选人名单尚未公布，不能印制选票：选票上的候选人以公布的名单为准。",
            "The final candidate list is not published",
        ));
    }
    let party = preset.family == Family::Party;
    let parts = opened
        .posts
        .iter()
        .map(|p| BallotPart {
            post: p.post,
            seats: p.seats,
            candidates: p.candidates.iter().map(|c| state.name_of(c)).collect(),
            write_in_lines: p.seats,
        })
        .collect();
    let which = match opened.kind {
        RoundKind::First => String::new(),
        kind => format!("（{}）", round_zh(kind)),
    };
    let title = format!("{}{}换届选举{which}选票", def.community, def.kind.name_zh());
    Ok(Ballot {
        title,
        kind: opened.kind,
        held_on: opened.held_on,
        parts,
        party,
        instructions: instructions(preset, party),
        copies: electorate_members(state).count() as u64 + spare,
    })
}

/// The 选票说明 printed on the ballot: how to mark, and what this preset voids.
pub fn instructions(preset: &Preset, party: bool) -> Vec<String> {
    let mut lines = if party {
        vec![
            "对候选人表示赞成的，在其姓名下“赞成”栏内划“○”；不赞成的划“×”；弃权的不划任何符号。".to_string(),
            "不赞成某候选人而另选他人的，在“另选人”栏内写上另选人的姓名，并在其下划“○”。".to_string(),
        ]
    } else {
        vec![
            "同意的候选人，在其姓名左边的空格内划“○”；不同意的，不划任何符号。".to_string(),
            "另选他人的，在该职位“另选人”栏内写上其姓名，并在姓名左边的空格内划“○”。".to_string(),
        ]
    };
    let (overvote, cite) = preset.overvote;
    let void = match overvote {
        Overvote::PostPart => "某一职位所选人数多于应选人数的，该职位的选票无效，其他职位仍然有效",
        Overvote::WholeBallot => "任一职位所选人数多于应选人数的，整张选票无效",
    };
    lines.push(zh::with_source(void, cite.source, cite.article));
    if preset.two_posts_void {
        lines.push("同一人在两个以上职位上均被划“○”的，整张选票无效。".into());
    }
    lines.push("请用黑色或蓝色笔填写，字迹清楚，符号准确；无法辨认的部分无效。".into());
    lines
}

/// One line of the roll: a voter card, or a line of the sign-in book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollEntry {
    /// 选民证编号 / 签到序号, counted through the whole roll.
    pub number: usize,
    pub name: String,
    pub masked_id: String,
    pub address: String,
}

/// Voters grouped by grid, in the order a grid worker walks them: household by household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roll {
    pub title: String,
    pub election_day: NaiveDate,
    pub groups: Vec<(String, Vec<RollEntry>)>,
}

/// The roll of who votes, from the published voter list: voter cards and the sign-in book both
/// print it. Voters removed (an upheld objection, a duplicate) or under age on the day are not on
/// it; in the representatives' modes, only the representatives vote.
pub fn roll(state: &ElectionState) -> Result<Roll, Problem> {
    let def = state.definition.as_ref().ok_or_else(|| refused("请先完成选举设置", "No election defined"))?;
    if state.voter_lists.is_empty() {
        return Err(refused(
            "选民名单尚未公布，不能印制选民证和签到簿：只有公布的名单上的选民才能领取。",
            "The voter list is not published",
        ));
    }
    let mut rows: Vec<(String, String, String, &Voter)> = electorate_members(state)
        .map(|v| {
            let household = v.household.as_ref().and_then(|h| state.households.get(h));
            let grid = household
                .and_then(|h| state.grids.get(&h.grid))
                .map_or_else(|| "未分网格".to_string(), |g| g.name.clone());
            let address = household.map(|h| h.address.clone()).unwrap_or_default();
            (grid, address, v.name.clone(), v)
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.1, &a.2, &a.3.id).cmp(&(&b.0, &b.1, &b.2, &b.3.id)));
    let mut groups: Vec<(String, Vec<RollEntry>)> = Vec::new();
    for (number, (grid, address, name, v)) in rows.into_iter().enumerate() {
        let entry = RollEntry { number: number + 1, name, masked_id: v.masked_id(), address };
        match groups.last_mut() {
            Some((g, entries)) if *g == grid => entries.push(entry),
            _ => groups.push((grid, vec![entry])),
        }
    }
    let who = match def.electorate {
        ElectorateMode::HouseholdReps => "户代表",
        ElectorateMode::ResidentReps => "居民代表",
        _ => "选民",
    };
    Ok(Roll {
        title: format!("{}{}换届选举{who}", def.community, def.kind.name_zh()),
        election_day: def.election_day,
        groups,
    })
}

/// A mobile ballot box and the voters it visits, for the box's own sign-in sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxList {
    pub name: String,
    pub voters: Vec<RollEntry>,
}

/// The mobile boxes' lists (流动票箱投票选民名单), in the order each box was approved.
pub fn mobile_box_lists(state: &ElectionState) -> Vec<BoxList> {
    state
        .mobile_boxes
        .values()
        .map(|b| BoxList {
            name: b.name.clone(),
            voters: b
                .voters
                .iter()
                .filter_map(|id| state.voter(id))
                .enumerate()
                .map(|(i, v)| RollEntry {
                    number: i + 1,
                    name: v.name.clone(),
                    masked_id: v.masked_id(),
                    address: v
                        .household
                        .as_ref()
                        .and_then(|h| state.households.get(h))
                        .map(|h| h.address.clone())
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

/// A written proxy's certificate (委托投票证).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyCertificate {
    pub number: usize,
    pub principal: String,
    pub principal_id: String,
    pub proxy: String,
    pub proxy_id: String,
    pub written_on: NaiveDate,
}

/// Every recorded written proxy's certificate, and the preset's rule printed on each.
pub fn proxy_certificates(state: &ElectionState) -> Result<(Vec<ProxyCertificate>, String), Problem> {
    let preset = preset_of(state)?;
    if state.proxies.is_empty() {
        return Err(refused("还没有登记委托投票（在“投票”一步登记）。", "No written proxies recorded"));
    }
    let masked = |id: &str| state.voter(id).map(Voter::masked_id).unwrap_or_default();
    let certificates = state
        .proxies
        .values()
        .enumerate()
        .map(|(i, p)| ProxyCertificate {
            number: i + 1,
            principal: state.name_of(&p.principal),
            principal_id: masked(&p.principal),
            proxy: state.name_of(&p.proxy),
            proxy_id: masked(&p.proxy),
            written_on: p.written_on,
        })
        .collect();
    let rule = preset.proxy;
    let cap = match rule.cap {
        Some(n) => format!("每一选民接受委托投票不得超过{n}人，受托人按委托人的意愿投票，不得另行委托他人"),
        None => "受托人按委托人的意愿投票，不得另行委托他人".to_string(),
    };
    Ok((certificates, zh::with_source(&cap, rule.cite.source, rule.cite.article)))
}

/// One nomination's 候选人推荐表 (or 联名推荐表), filled from the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NominationForm {
    pub title: String,
    pub nominee: String,
    pub sex: &'static str,
    pub age: u32,
    pub masked_id: String,
    pub post: Post,
    pub by: &'static str,
    pub nominated_on: NaiveDate,
    /// The nominators' names, each with a line to sign.
    pub nominators: Vec<String>,
    /// Lines to sign: at least ten on a joint form (the law's ten voters), else none.
    pub signature_lines: usize,
}

/// Joint nominations need ten or more voters' signatures.
const JOINT_SIGNATURES: usize = 10;

/// Every standing nomination's form, in the order they were recorded.
pub fn nomination_forms(state: &ElectionState) -> Result<Vec<NominationForm>, Problem> {
    let def = state.definition.as_ref().ok_or_else(|| refused("请先完成选举设置", "No election defined"))?;
    if state.nominations.is_empty() {
        return Err(refused("还没有提名记录（在“提名”一步登记）。", "No nominations recorded"));
    }
    Ok(state
        .nominations
        .iter()
        .filter(|n| {
            state.candidates.get(&n.nomination.nominee).is_none_or(|c| !c.withdrawn.contains(&n.nomination.post))
        })
        .filter_map(|n| {
            let v = state.voter(&n.nomination.nominee)?;
            let joint = matches!(n.nomination.by, NominatedBy::JointVoters { .. });
            let nominators: Vec<String> = n.nominators().iter().map(|id| state.name_of(id)).collect();
            Some(NominationForm {
                title: format!(
                    "{}{}成员候选人{}",
                    def.community,
                    def.kind.name_zh(),
                    if joint { "联名推荐表" } else { "推荐表" }
                ),
                nominee: v.name.clone(),
                sex: v.sex.zh(),
                age: idnum::age_on(v.birth, def.election_day),
                masked_id: v.masked_id(),
                post: n.nomination.post,
                by: nominated_by_zh(&n.nomination.by),
                nominated_on: n.nomination.nominated_on,
                signature_lines: if joint { nominators.len().max(JOINT_SIGNATURES) } else { 0 },
                nominators,
            })
        })
        .collect())
}

fn nominated_by_zh(by: &NominatedBy) -> &'static str {
    match by {
        NominatedBy::PartyOrg => "社区党组织推荐",
        NominatedBy::JointVoters { .. } => "选民联名推荐",
        NominatedBy::Voter { .. } => "选民直接提名",
        NominatedBy::SelfNominated => "本人自荐",
    }
}

/// A nominee's 三项承诺书 (参选承诺、履职承诺、辞职承诺), with the day it was signed if recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentLetter {
    pub nominee: String,
    pub posts: Vec<Post>,
    pub signed_on: Option<NaiveDate>,
    pub items: Vec<String>,
}

/// The three commitments as the letter words them: what the nominee signs.
pub const COMMITMENTS: [&str; 3] = [
    "参选承诺：遵守法律法规和选举纪律，不拉票贿选，不搞宗族派性，不干扰破坏选举。",
    "履职承诺：当选后依法履行职责，公道正派，廉洁自律，接受组织和群众监督。",
    "辞职承诺：违反上述承诺或出现不能正常履职的情形，自愿辞去所任职务。",
];

/// One letter per standing nominee, in the order of the voter list.
pub fn commitment_letters(state: &ElectionState) -> Vec<CommitmentLetter> {
    state
        .candidates
        .values()
        .filter(|c| c.posts.iter().any(|p| !c.withdrawn.contains(p)))
        .map(|c| CommitmentLetter {
            nominee: state.name_of(&c.voter),
            posts: c.posts.iter().filter(|p| !c.withdrawn.contains(p)).copied().collect(),
            signed_on: c.commitments.as_ref().map(|x| x.signed_on),
            items: COMMITMENTS.iter().map(|s| s.to_string()).collect(),
        })
        .collect()
}

/// The 主持词 of the voting meeting for `round`: each part's heading and what the host says, from
/// the records (who chairs, the numbers, the staff) and the preset (validity, marking, counting,
/// winning), each rule with its article.
pub fn meeting_script(state: &ElectionState, round: &str) -> Result<Vec<(String, Vec<String>)>, Problem> {
    let preset = preset_of(state)?;
    let def = state.definition.as_ref().ok_or_else(|| refused("请先完成选举设置", "No election defined"))?;
    let r = state.rounds.get(round).ok_or_else(|| {
        refused("这一轮投票尚未开启，不能生成主持词。请先在“投票”一步开启本轮。", "The round is not open")
    })?;
    let party = preset.family == Family::Party;
    let meeting = match preset.family {
        Family::Party => "党员大会",
        Family::Village => "村民选举大会",
        Family::Residents => "居民选举大会",
    };
    let who = format!("{}{}", def.community, def.kind.name_zh());
    let host = state
        .staff
        .iter()
        .find(|s| s.role == StaffRole::Host)
        .map(|s| s.name.clone())
        .or_else(|| {
            state
                .committee
                .as_ref()
                .and_then(|c| c.members.iter().find(|m| m.post == CommitteePost::Chair).map(|m| m.name.clone()))
        })
        .unwrap_or_else(|| "选举委员会主任".into());
    let turnout = turnout_status(state, round)?;
    let people = if party { "应到会党员" } else { "登记选民" };
    let mut parts = vec![
        (
            "一、宣布开会".to_string(),
            vec![format!(
                "{who}换届选举{meeting}现在开始，由{host}主持。本次{}定于{}举行。",
                round_zh(r.opened.kind),
                zh::date(r.opened.held_on)
            )],
        ),
        (
            "二、报告人数".to_string(),
            vec![
                format!("本次选举{people}{}人，现已签到（领票）{}人。", turnout.registered, turnout.voted),
                format!(
                    "依照规定，{}，即至少{}人，选举方为有效。{}",
                    turnout.rule,
                    turnout.needed,
                    if turnout.reached { "现已达到，选举有效。" } else { "现在尚未达到。" }
                ),
            ],
        ),
    ];
    let mut staff: Vec<String> = Vec::new();
    for role in
        [StaffRole::ChiefScrutineer, StaffRole::Scrutineer, StaffRole::Counter, StaffRole::Caller, StaffRole::Writer]
    {
        let names: Vec<&str> = state.staff.iter().filter(|s| s.role == role).map(|s| s.name.as_str()).collect();
        if !names.is_empty() {
            staff.push(format!("{}：{}", role_zh(role), names.join("、")));
        }
    }
    staff.push("以上人员名单，请大家举手表决。（同意的请举手……）通过。候选人及其近亲属不担任上述工作。".into());
    parts.push(("三、通过选举工作人员名单".to_string(), staff));
    parts.push(("四、宣读选票说明".to_string(), instructions(preset, party)));
    let (excess, excess_cite) = preset.excess;
    let base = match excess {
        ExcessLimit::Voted => "投票人数",
        ExcessLimit::Issued => "发出选票数",
    };
    let (winning, winning_cite) = preset.winning;
    parts.push((
        "五、检查票箱、投票、计票".to_string(),
        vec![
            "请监票人当众检查票箱。现在发放选票，请按选票说明填写，写好后投入票箱。".into(),
            zh::with_source(
                &format!("投票结束后当众开箱清点：收回选票多于{base}的，选举无效；等于或少于的，选举有效"),
                excess_cite.source,
                excess_cite.article,
            ),
            "计票时监票人、计票人、唱票人当场公开唱票、计票，计票结果当场公布。".into(),
        ],
    ));
    parts.push((
        "六、宣布选举结果".to_string(),
        vec![
            zh::with_source(
                &format!("候选人获得参加投票的{}{}的选票，始得当选", if party { "党员" } else { "选民" }, winning.zh()),
                winning_cite.source,
                winning_cite.article,
            ),
            "现在宣布选举结果……当选名单当场公布，并报街道备案。".into(),
        ],
    ));
    Ok(parts)
}

/// 致选民的一封信: the day, the places, what to bring, how to vote by proxy, where to object, from
/// the election's own records.
pub fn letter_to_voters(state: &ElectionState) -> Result<Vec<String>, Problem> {
    let preset = preset_of(state)?;
    let def = state.definition.as_ref().ok_or_else(|| refused("请先完成选举设置", "No election defined"))?;
    let who = format!("{}{}", def.community, def.kind.name_zh());
    let mut lines = vec![
        "亲爱的选民朋友：".to_string(),
        format!(
            "{who}换届选举定于{}举行。选举是法律赋予每一位选民的民主权利，请您珍惜手中的选票，选出自己满意的当家人。",
            zh::date(def.election_day)
        ),
    ];
    let places: Vec<String> = state.stations.values().map(notice_place).collect();
    lines.push(if places.is_empty() {
        "投票地点另行公告。".into()
    } else {
        format!("投票地点：{}。", places.join("；"))
    });
    if let Some(list) = state.voter_lists.last() {
        lines.push(format!(
            "选民名单已于{}公布。对名单有不同意见的，可在公布之日起五日内向选举委员会提出申诉。",
            zh::date(list.published_on)
        ));
    }
    lines.push("投票当天请携带本人身份证件，到投票站签到领取选票。".into());
    if !state.mobile_boxes.is_empty() {
        lines.push("因年老、病残等原因不能到投票站的选民，可申请使用流动票箱上门投票。".into());
    }
    let rule = preset.proxy;
    lines.push(match rule.cap {
        Some(0) => zh::with_source("本次选举不实行委托投票，请您亲自参加投票", rule.cite.source, rule.cite.article),
        Some(n) => zh::with_source(
            &format!("投票当天因故不能参加投票的，可书面委托本社区其他选民代为投票，每一选民接受委托投票不得超过{n}人"),
            rule.cite.source,
            rule.cite.article,
        ),
        None => zh::with_source(
            "投票当天因故不能参加投票的，可书面委托本社区其他选民代为投票",
            rule.cite.source,
            rule.cite.article,
        ),
    });
    lines.push("对选举有意见或发现违法违纪行为的，请向选举委员会或街道反映。".into());
    lines.push(format!("{}选举委员会", def.community));
    Ok(lines)
}

/// A station as notices name it: "名称（地点）", and "中心会场" once.
fn notice_place(st: &StationDefined) -> String {
    let central = st.central && !st.name.contains("中心会场");
    format!("{}（{}）{}", st.name, st.place, if central { "，中心会场" } else { "" })
}
