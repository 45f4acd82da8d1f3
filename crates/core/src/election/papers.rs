//! The papers of voting day, decided from the records: the ballot of a round (选票), the voter
//! cards (选民证), the sign-in book (签到簿) with the mobile boxes' lists, and the written proxies'
//! certificates (委托投票证). Who is on each paper, in which order and how many copies are decided
//! here; a screen only lays them out. A paper that would be wrong is refused with the reason.

use crate::base::terms::{ElectorateMode, Post, RoundKind};
use crate::base::zh;
use crate::election::count::{electorate_members, preset_of, round_zh};
use crate::law::refusal::Problem;
use crate::law::rules::{Family, Overvote, Preset};
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
            "同意的候选人，在其姓名上方的空格内划“○”；不同意的，不划任何符号。".to_string(),
            "另选他人的，在该职位“另选人”栏内写上其姓名，并在姓名上方的空格内划“○”。".to_string(),
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
