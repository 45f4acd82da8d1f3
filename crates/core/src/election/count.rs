//! The count (计票): from one round's events to the engine's decision. Ballots called out one by
//! one (唱票) or totals from a tally sheet become a `tally::Round` with the turnout of that round;
//! totals are checked arithmetically; a second counter's entries are compared with the first;
//! the result says what the next round must elect; signed results become the report the office
//! reads. The engine (`tally`) decides; this module only gathers its input and words the outcome.

use crate::law::refusal::Problem;
use crate::law::rules::{self, Carry, Cite, Electorate, Preset, Share, TurnoutCount};
use crate::law::tally::{self, Ballot, Person, RoundResult, Turnout};
use crate::record::events::*;
use crate::record::state::{ElectionState, Voter};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

fn problem(zh: impl Into<String>, en: impl Into<String>) -> Problem {
    Problem { zh: zh.into(), en: en.into() }
}

fn cited(zh: &str, cite: Cite) -> String {
    crate::base::zh::with_source(zh, cite.source, cite.article)
}

/// The election's rule preset.
pub fn preset_of(state: &ElectionState) -> Result<&'static Preset, Problem> {
    let def = state.definition.as_ref().ok_or_else(|| problem("请先完成选举设置", "No election defined"))?;
    rules::preset(&def.rule_preset)
        .ok_or_else(|| problem(format!("未知的规则：{}", def.rule_preset), "Unknown rule preset"))
}

/// Who votes, in the engine's words (the no-candidates mode is a direct election of all voters).
pub fn electorate(state: &ElectionState) -> Electorate {
    state.definition.as_ref().map_or(Electorate::AllVoters, |d| crate::election::setup::electorate(d.electorate))
}

/// Who votes: voters of age on the election day, or the household or residents' representatives
/// in those modes. The turnout base counts them; the voter cards and the sign-in book list them.
pub fn electorate_members(state: &ElectionState) -> impl Iterator<Item = &Voter> {
    let day = state.election_day();
    let mode = state.definition.as_ref().map(|d| d.electorate);
    state.active_voters().filter(move |v| day.is_none_or(|d| v.eligible_on(d))).filter(move |v| match mode {
        Some(ElectorateMode::HouseholdReps) => v.household_rep,
        Some(ElectorateMode::ResidentReps) => v.resident_rep_of.is_some(),
        _ => true,
    })
}

/// The registered base of the turnout test (登记选民数 / 户代表数 / 居民代表数).
pub fn registered(state: &ElectionState) -> u64 {
    electorate_members(state).count() as u64
}

/// People who took part in a round (参加投票的人数): its own check-ins. A tie re-vote or
/// 另行选举 held the same day as the round it completes keeps that round's sign-in, as the
/// people present are not registered again (四川 村委会选举条例 art 37 当日另行选举 [I]).
pub fn voted(state: &ElectionState, round: &str) -> u64 {
    let own = state.checked_in_count(round) as u64;
    if own > 0 {
        return own;
    }
    let Some(r) = state.rounds.get(round) else { return 0 };
    match r.opened.after.as_ref().and_then(|a| state.rounds.get(a).map(|p| (a, p))) {
        Some((a, p)) if p.opened.held_on == r.opened.held_on && a != round => voted(state, a),
        // Without a sign-in (a meeting's pre-selection), the ballots returned stand for the
        // people who took part.
        _ => r.box_counts.values().map(|b| b.returned as u64).sum(),
    }
}

/// Live turnout of a round against the preset's validity threshold, for the voting screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnoutStatus {
    pub registered: u64,
    pub voted: u64,
    /// The fewest people (or returned ballots, 海南) that make the vote valid.
    pub needed: u64,
    pub reached: bool,
    /// e.g. "投票人数须超过半数（城市居民委员会组织法(2025修订)第十九条第一款）"
    pub rule: String,
}

pub fn turnout_status(state: &ElectionState, round: &str) -> Result<TurnoutStatus, Problem> {
    let preset = preset_of(state)?;
    let registered = registered(state);
    let voted = voted(state, round);
    let (share, cite, what): (Share, Cite, &str) = match preset.quorum {
        Some((share, cite)) => (share, cite, "到会人数"),
        None if preset.turnout_count == TurnoutCount::Returned => {
            (preset.turnout_share(electorate(state)), preset.turnout, "收回选票")
        }
        None => (preset.turnout_share(electorate(state)), preset.turnout, "参加投票的人数"),
    };
    let needed = share.min_count(registered);
    Ok(TurnoutStatus {
        registered,
        voted,
        needed,
        reached: share.passes(voted, registered),
        rule: cited(&format!("{what}须{}", share.zh()), cite),
    })
}

/// Rounds in the order they were held (a first round before what completes it).
pub fn rounds_in_order(state: &ElectionState) -> Vec<&crate::record::state::Round> {
    let mut rounds: Vec<_> = state.rounds.values().collect();
    rounds.sort_by_key(|r| (r.opened.held_on, r.opened.after.is_some(), r.opened.round.len(), r.opened.round.clone()));
    rounds
}

/// The round being voted or counted now: the latest one not signed yet, else the latest.
pub fn current_round(state: &ElectionState) -> Option<RoundId> {
    let rounds = rounds_in_order(state);
    rounds.iter().rev().find(|r| r.result.is_none()).or(rounds.last()).map(|r| r.opened.round.clone())
}

/// "第一轮投票" / "重新投票" / "另行选举" / "预选".
pub fn round_zh(kind: RoundKind) -> &'static str {
    match kind {
        RoundKind::First => "第一轮投票",
        RoundKind::TieRevote => "票数相等重新投票",
        RoundKind::Supplementary => "另行选举",
        RoundKind::Preselection => "预选",
    }
}

// ----- Sheets: whose entries are counted ------------------------------------------------------

/// Whose entries a sheet holds: the ballots one device entered, or the tally-sheet totals.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Device(String),
    Totals,
}

impl Source {
    pub fn zh(&self) -> String {
        match self {
            Source::Device(d) => format!("设备 {d} 逐张录入"),
            Source::Totals => "按候选人合计录入".into(),
        }
    }
}

/// One counter's record of a round, in the engine's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub source: Source,
    /// Ballot by ballot in entry order (`n` = 1), or the totals as groups of ballots.
    pub ballots: Vec<Ballot>,
    /// Ballots counted (收回的选票), spoilt ones included.
    pub returned: u64,
}

/// Every sheet of a round: one per device that entered ballots (two devices = two counters whose
/// tallies are compared, never added), and one for the totals when any were entered.
pub fn sheets(state: &ElectionState, round: &str) -> Result<Vec<Sheet>, Problem> {
    let r = state.rounds.get(round).ok_or_else(|| problem("没有这一轮投票", "Unknown round"))?;
    let mut by_device: BTreeMap<&str, Vec<Ballot>> = BTreeMap::new();
    for b in r.ballots.iter().filter(|b| b.undone.is_none()) {
        by_device.entry(&b.device).or_default().push(ballot_of(&b.ballot));
    }
    let mut out: Vec<Sheet> = by_device
        .into_iter()
        .map(|(device, ballots)| Sheet {
            source: Source::Device(device.to_string()),
            returned: ballots.len() as u64,
            ballots,
        })
        .collect();
    if !r.totals.is_empty() {
        let preset = preset_of(state)?;
        // A pre-selection counts each nominee's votes and nothing else: totals are exact there.
        if r.opened.kind != RoundKind::Preselection && (preset.carry.0 == Carry::Downward || preset.two_posts_void) {
            return Err(problem(
                cited(
                    "本规则须逐张判断选票（高职位得票计入低职位或同一人选两个职务），不能只录合计，请逐张录入",
                    preset.carry.1,
                ),
                "This preset needs ballots one by one",
            ));
        }
        let mut ballots = Vec::new();
        let mut returned = 0;
        for t in r.totals.values() {
            returned += t.ballots as u64;
            if t.spoilt > 0 {
                ballots.push(Ballot { n: t.spoilt as u64, spoilt: true, ..Ballot::default() });
            }
            for p in &t.posts {
                for c in p.votes.iter().filter(|c| c.votes > 0) {
                    let id = totals_person(state, c)?;
                    ballots.push(Ballot { n: c.votes as u64, marks: [(p.post, vec![id])].into(), ..Ballot::default() });
                }
            }
        }
        out.push(Sheet { source: Source::Totals, ballots, returned });
    }
    Ok(out)
}

/// A voter id, or a written-in name that names exactly one active voter.
fn totals_person(state: &ElectionState, c: &CandidateVotes) -> Result<String, Problem> {
    if state.voter(&c.person).is_some() {
        return Ok(c.person.clone());
    }
    let named: Vec<_> = state.active_voters().filter(|v| v.name == c.person.trim()).collect();
    match named.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(problem(format!("另选他人“{}”不在选民名单中", c.person), "Write-in is not a voter")),
        _ => Err(problem(
            format!("选民名单中有{}人叫“{}”，请按身份证号选定", named.len(), c.person),
            "Ambiguous write-in",
        )),
    }
}

/// Marks for (赞成) and write-ins count alike; marks against give nobody a vote.
fn ballot_of(b: &BallotEntered) -> Ballot {
    let marks = b
        .marks
        .iter()
        .map(|m| (m.post, m.yes.iter().cloned().chain(m.write_ins.iter().map(write_in_id)).collect()))
        .collect();
    Ballot { n: 1, marks, spoilt: b.spoilt, illegible: b.illegible.clone() }
}

/// A write-in is the voter chosen from the list; an unmatched name stands for itself.
fn write_in_id(w: &WriteIn) -> String {
    w.voter.clone().unwrap_or_else(|| format!("名:{}", w.name.trim()))
}

/// The sheet to count on `device`: its own when it entered ballots, else the totals, else the
/// first device's.
pub fn sheet_for<'a>(sheets: &'a [Sheet], device: Option<&str>) -> Option<&'a Sheet> {
    let own = device.and_then(|d| sheets.iter().find(|s| s.source == Source::Device(d.to_string())));
    own.or_else(|| sheets.iter().find(|s| s.source == Source::Totals)).or_else(|| sheets.first())
}

// ----- The decision ---------------------------------------------------------------------------

/// The engine's input for a round as counted on one sheet.
pub fn round_input(state: &ElectionState, round: &str, sheet: &Sheet) -> Result<tally::Round<'static>, Problem> {
    let preset = preset_of(state)?;
    let r = state.rounds.get(round).ok_or_else(|| problem("没有这一轮投票", "Unknown round"))?;
    let kind = match r.opened.kind {
        RoundKind::First => tally::RoundKind::First,
        RoundKind::Supplementary => tally::RoundKind::Supplementary,
        RoundKind::TieRevote => tally::RoundKind::TieRevote,
        RoundKind::Preselection => tally::RoundKind::Preselection,
    };
    let mut posts: Vec<(Post, u32)> = r.opened.posts.iter().map(|p| (p.post, p.seats)).collect();
    posts.sort_by_key(|(post, _)| *post);
    let candidates = r.opened.posts.iter().map(|p| (p.post, p.candidates.clone())).collect();
    let mut ids: BTreeSet<&str> = r.opened.posts.iter().flat_map(|p| p.candidates.iter().map(String::as_str)).collect();
    ids.extend(sheet.ballots.iter().flat_map(|b| b.marks.values().flatten().map(String::as_str)));
    let mut people = Vec::new();
    for id in ids {
        let v = state.voter(id).ok_or_else(|| {
            problem(
                format!("选票上的“{}”不在选民名单中，另选他人须从选民名单中选定", id.trim_start_matches("名:")),
                "A marked person is not a voter",
            )
        })?;
        people.push(Person { id: v.id.clone(), name: v.name.clone(), sex: v.sex });
    }
    // Winners of this election's earlier counted rounds (a director elected in a round of its
    // own first): the engine leaves them out of the same and lower posts, the women's rule sees them.
    let elected_earlier = elected_before(state, round);
    for (_, id) in &elected_earlier {
        if let Some(v) = state.voter(id).filter(|v| !people.iter().any(|p: &Person| p.id == v.id)) {
            people.push(Person { id: v.id.clone(), name: v.name.clone(), sex: v.sex });
        }
    }
    let voted = voted(state, round);
    let issued: u64 =
        if r.box_counts.is_empty() { voted } else { r.box_counts.values().map(|b| b.issued as u64).sum() };
    Ok(tally::Round {
        preset,
        overrides: tally::Overrides::default(),
        electorate: electorate(state),
        kind,
        posts,
        people,
        candidates,
        turnout: Turnout {
            registered: registered(state),
            voted,
            ballots_issued: issued,
            ballots_returned: sheet.returned,
        },
        ballots: sheet.ballots.clone(),
        elected_earlier,
    })
}

/// Who was elected to a post in the signed, valid rounds held before `round` (pre-selections
/// choose candidates, not members, and are left out).
fn elected_before(state: &ElectionState, round: &str) -> Vec<(Post, String)> {
    fn preselection<'a>(state: &'a ElectionState, mut r: &'a crate::record::state::Round) -> bool {
        for _ in 0..=state.rounds.len() {
            match r.opened.after.as_ref().and_then(|a| state.rounds.get(a)) {
                Some(prev) => r = prev,
                None => break,
            }
        }
        r.opened.kind == RoundKind::Preselection
    }
    let order = rounds_in_order(state);
    let Some(at) = order.iter().position(|r| r.opened.round == round) else { return Vec::new() };
    if preselection(state, order[at]) {
        return Vec::new();
    }
    let mut out: Vec<(Post, String)> = Vec::new();
    for r in order[..at].iter().filter(|r| !preselection(state, r)) {
        for e in r.result.iter().filter(|s| s.valid).flat_map(|s| &s.elected) {
            if !out.iter().any(|(_, id)| *id == e.person) {
                out.push((e.post, e.person.clone()));
            }
        }
    }
    out
}

/// A round decided by the engine, with what a person should check before signing.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub source: Source,
    pub turnout: Turnout,
    pub result: RoundResult,
    /// Figures that disagree (box counts against ballots entered...), in words.
    pub warnings: Vec<String>,
}

/// Decide a round on the sheet `device` would count (see `sheet_for`).
pub fn decide(state: &ElectionState, round: &str, device: Option<&str>) -> Result<Decision, Problem> {
    let sheets = sheets(state, round)?;
    let sheet = sheet_for(&sheets, device).ok_or_else(|| problem("这一轮还没有录入选票", "Nothing entered"))?;
    decide_sheet(state, round, sheet)
}

pub fn decide_sheet(state: &ElectionState, round: &str, sheet: &Sheet) -> Result<Decision, Problem> {
    let input = round_input(state, round, sheet)?;
    let result = tally::tally(&input);
    let r = &state.rounds[round];
    let mut warnings = Vec::new();
    if !r.box_counts.is_empty() {
        let returned: u64 = r.box_counts.values().map(|b| b.returned as u64).sum();
        if returned != sheet.returned {
            warnings.push(format!("各票箱收回选票合计{returned}张，计票录入{}张，请核对", sheet.returned));
        }
    }
    if let Some(printed) = r.printed.filter(|&p| input.turnout.ballots_issued > p as u64) {
        warnings.push(format!("发出选票{}张，多于印制的{printed}张，请核对", input.turnout.ballots_issued));
    }
    if sheet.returned > input.turnout.voted {
        warnings.push(format!("录入选票{}张，多于参加投票的{}人", sheet.returned, input.turnout.voted));
    }
    if state.checked_in_count(round) == 0 && input.turnout.voted > 0 {
        warnings.push("本轮与上一轮同日举行，沿用上一轮的签到人数".into());
    }
    Ok(Decision { source: sheet.source.clone(), turnout: input.turnout, result, warnings })
}

/// Hash of the result the signers saw (the FORMAT.md JSON, as `huanjie tally` prints it).
pub fn result_hash(result: &RoundResult) -> String {
    let text = serde_json::to_string(&crate::law::scenario::to_json(result)).expect("results serialize");
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The 计票结果报告单 as the signers sign it.
pub fn signed_result(round: &str, decision: &Decision, signers: Vec<Signer>, signed_on: NaiveDate) -> ResultSigned {
    let elected = decision
        .result
        .posts
        .iter()
        .flat_map(|p| {
            p.elected.iter().map(move |id| Elected {
                post: p.post,
                person: id.clone(),
                votes: p.votes.get(id).copied().unwrap_or(0) as u32,
            })
        })
        .collect();
    ResultSigned {
        round: round.to_string(),
        signed_on,
        valid: decision.result.valid,
        elected,
        signers,
        result_hash: result_hash(&decision.result),
    }
}

/// The roles that sign the 计票结果报告单 (workflow.md stage 10): the chief scrutineer, the
/// counters and the host.
pub const SIGNING_ROLES: [StaffRole; 3] = [StaffRole::ChiefScrutineer, StaffRole::Counter, StaffRole::Host];

pub fn role_zh(role: StaffRole) -> &'static str {
    match role {
        StaffRole::ChiefScrutineer => "总监票人",
        StaffRole::Scrutineer => "监票人",
        StaffRole::Counter => "计票人",
        StaffRole::Caller => "唱票人",
        StaffRole::Writer => "代写人",
        StaffRole::StationStaff => "投票站工作人员",
        StaffRole::Host => "主持人",
    }
}

/// Every signing role has at least one named signer.
pub fn check_signers(signers: &[Signer]) -> Result<(), Problem> {
    for role in SIGNING_ROLES {
        if !signers.iter().any(|s| s.role == role && !s.name.trim().is_empty()) {
            return Err(problem(format!("报告单须由{}签名，请填写姓名", role_zh(role)), format!("{role:?} must sign")));
        }
    }
    Ok(())
}

// ----- Co-signatures on the signers' own devices ---------------------------------------------

/// Before `result_co_signed` on `device`: the round is signed on another device, this device
/// counts the same records to the result with the same hash (the signing device's sheet, as it
/// chose it), and `signer` is one of the report's signers. Returns the co-signature to record.
pub fn check_co_sign(
    state: &ElectionState,
    round: &str,
    device: &str,
    signer: &Signer,
) -> Result<ResultCoSigned, Problem> {
    let r = state
        .rounds
        .get(round)
        .ok_or_else(|| problem("本机没有这一轮投票的记录，请先导入选举委员会的采集数据", "Unknown round"))?;
    let (Some(signed), Some(by)) = (&r.result, &r.signed_by) else {
        return Err(problem("这一轮的计票结果报告单还没有签字", "Round not signed"));
    };
    if by == device {
        return Err(problem(
            "报告单是在本机签字的，请在签名人自己的手机上签名",
            "This device recorded the signed result",
        ));
    }
    if !signed.signers.iter().any(|s| s.role == signer.role && s.name == signer.name.trim()) {
        return Err(problem(
            format!("{}“{}”不在报告单的签名人中", role_zh(signer.role), signer.name.trim()),
            "Not a signer of the report",
        ));
    }
    if co_signed(state, round)
        .iter()
        .any(|(s, d)| s.role == signer.role && s.name == signer.name.trim() && d.as_deref() == Some(device))
    {
        return Err(problem(
            format!("{}“{}”已经在本机签过名", role_zh(signer.role), signer.name.trim()),
            "Already co-signed here",
        ));
    }
    let mine = decide(state, round, Some(by))
        .map_err(|p| problem(format!("本机算不出这一轮的结果，不能签名：{}", p.zh), p.en))?;
    if result_hash(&mine.result) != signed.result_hash {
        return Err(problem(
            "本机计算的结果与报告单上的结果不一致，请不要签名，先导入选举委员会最新的采集数据再核对",
            "The result on this device differs from the signed one",
        ));
    }
    Ok(ResultCoSigned {
        round: round.to_string(),
        result_hash: signed.result_hash.clone(),
        role: signer.role,
        name: signer.name.trim().to_string(),
    })
}

/// Each signer of a signed round with the device that co-signed that very result, if any. A
/// co-signature of another hash, or recorded on the signing device, never counts.
pub fn co_signed(state: &ElectionState, round: &str) -> Vec<(Signer, Option<String>)> {
    let Some(r) = state.rounds.get(round) else { return Vec::new() };
    let Some(signed) = &r.result else { return Vec::new() };
    signed
        .signers
        .iter()
        .map(|s| {
            let device = r
                .co_signatures
                .iter()
                .find(|(d, c)| {
                    Some(d) != r.signed_by.as_ref()
                        && c.result_hash == signed.result_hash
                        && c.role == s.role
                        && c.name == s.name
                })
                .map(|(d, _)| d.clone());
            (s.clone(), device)
        })
        .collect()
}

// ----- Entry checks ---------------------------------------------------------------------------

/// Before `ballot_entered`: the round is open and not signed, posts are the round's, marks for
/// are its candidates (anyone else is a write-in chosen from the voter list). Over-votes are
/// entered as they are: the engine decides what they void (`ballot_notes` says it on screen).
pub fn check_ballot(state: &ElectionState, b: &BallotEntered) -> Result<(), Problem> {
    let r = state.rounds.get(&b.round).ok_or_else(|| problem("这一轮投票还没有开始", "Unknown round"))?;
    if r.result.is_some() {
        return Err(problem("这一轮的结果已经签字，不能再录入选票", "Round already signed"));
    }
    if r.ballots.iter().any(|x| x.ballot.ballot == b.ballot) {
        return Err(problem("这张选票已经录入", "Ballot id already used"));
    }
    for m in &b.marks {
        let Some(post) = r.opened.posts.iter().find(|p| p.post == m.post) else {
            return Err(problem(format!("这一轮不选{}", m.post.zh()), "Post not in this round"));
        };
        for id in &m.yes {
            if !post.candidates.contains(id) {
                return Err(problem(
                    format!("{}不是{}候选人，请用“另选他人”", state.name_of(id), m.post.zh()),
                    "Not a candidate",
                ));
            }
        }
        for w in &m.write_ins {
            match w.voter.as_deref().and_then(|v| state.voter(v)) {
                Some(v) if v.is_active() => {}
                _ => return Err(problem(format!("另选他人“{}”须从选民名单中选定", w.name), "Write-in not a voter")),
            }
        }
        let all: Vec<String> = m.yes.iter().cloned().chain(m.write_ins.iter().map(write_in_id)).collect();
        if all.iter().collect::<BTreeSet<_>>().len() != all.len() {
            return Err(problem(format!("{}中同一人选了两次", m.post.zh()), "Same person twice"));
        }
    }
    Ok(())
}

/// What the preset makes of a ballot's marks, for the screen while it is entered (over-votes).
pub fn ballot_notes(state: &ElectionState, round: &str, marks: &[PostMarks]) -> Vec<String> {
    let (Ok(preset), Some(r)) = (preset_of(state), state.rounds.get(round)) else { return Vec::new() };
    let mut notes = Vec::new();
    for m in marks {
        let seats = r.opened.posts.iter().find(|p| p.post == m.post).map_or(0, |p| p.seats) as usize;
        let n = m.yes.len() + m.write_ins.len();
        if n > seats {
            let what = match preset.overvote.0 {
                rules::Overvote::PostPart => "此职务部分无效",
                rules::Overvote::WholeBallot => "整张选票无效",
            };
            notes.push(cited(&format!("{}选了{n}人，多于应选{seats}名，{what}", m.post.zh()), preset.overvote.1));
        }
    }
    if preset.two_posts_void {
        let mut seen = BTreeSet::new();
        if marks
            .iter()
            .flat_map(|m| m.yes.iter().cloned().chain(m.write_ins.iter().map(write_in_id)))
            .any(|id| !seen.insert(id))
        {
            notes.push(cited("同一人被选为两个职务，整张选票无效", preset.carry.1));
        }
    }
    notes
}

/// Before `totals_entered`: each post adds up — every valid ballot has one place per seat, each
/// a vote or a blank, and a void part voids all its places: (ballots − spoilt − void parts) ×
/// seats = votes + blanks; nobody has more votes than valid parts.
pub fn check_totals(state: &ElectionState, t: &TotalsEntered) -> Result<(), Problem> {
    let r = state.rounds.get(&t.round).ok_or_else(|| problem("这一轮投票还没有开始", "Unknown round"))?;
    if r.result.is_some() {
        return Err(problem("这一轮的结果已经签字，不能再录入", "Round already signed"));
    }
    if t.spoilt > t.ballots {
        return Err(problem(format!("废票{}张多于收回选票{}张", t.spoilt, t.ballots), "More spoilt than ballots"));
    }
    let valid = t.ballots - t.spoilt;
    for post in &r.opened.posts {
        let Some(p) = t.posts.iter().find(|p| p.post == post.post) else {
            return Err(problem(format!("请填写{}的票数", post.post.zh()), "Post missing"));
        };
        if p.invalid_parts > valid {
            return Err(problem(
                format!("{}无效部分{}张多于有效选票{valid}张", post.post.zh(), p.invalid_parts),
                "Too many void parts",
            ));
        }
        let parts = (valid - p.invalid_parts) as u64;
        if let Some(c) = p.votes.iter().find(|c| c.votes as u64 > parts) {
            return Err(problem(
                format!("{}得票{}多于{}有效部分{parts}张", state.name_of(&c.person), c.votes, post.post.zh()),
                "More votes than valid parts",
            ));
        }
        let votes: u64 = p.votes.iter().map(|c| c.votes as u64).sum();
        let places = parts * post.seats as u64;
        if votes + p.blanks as u64 != places {
            return Err(problem(
                format!(
                    "{}合计不符：（收回{} − 废票{} − 无效部分{}）× 应选{} = {places}，而得票{votes} + 弃权{} = {}",
                    post.post.zh(),
                    t.ballots,
                    t.spoilt,
                    p.invalid_parts,
                    post.seats,
                    p.blanks,
                    votes + p.blanks as u64
                ),
                "Totals do not add up",
            ));
        }
    }
    for p in &t.posts {
        for c in &p.votes {
            if !c.write_in && !r.opened.posts.iter().any(|x| x.post == p.post && x.candidates.contains(&c.person)) {
                return Err(problem(
                    format!("{}不是{}候选人", state.name_of(&c.person), p.post.zh()),
                    "Not a candidate",
                ));
            }
            if c.write_in {
                totals_person(state, c)?;
            }
        }
    }
    Ok(())
}

// ----- Two counters ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteDifference {
    pub post: Post,
    pub person: String,
    pub first: u64,
    pub second: u64,
}

/// Where two sheets of the same round disagree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub returned: (u64, u64),
    pub spoilt: (u64, u64),
    pub votes: Vec<VoteDifference>,
    /// 1-based numbers of ballots entered differently (both sheets ballot by ballot).
    pub ballots: Vec<usize>,
}

impl Comparison {
    pub fn agrees(&self) -> bool {
        self.returned.0 == self.returned.1
            && self.spoilt.0 == self.spoilt.1
            && self.votes.is_empty()
            && self.ballots.is_empty()
    }
}

/// Marks per person and post as entered so far (the running count on the 唱票 screen; the engine
/// decides what counts).
pub fn marks_per_person(sheet: &Sheet) -> BTreeMap<(Post, String), u64> {
    let mut m = BTreeMap::new();
    for ballot in sheet.ballots.iter().filter(|x| !x.spoilt) {
        for (post, ids) in &ballot.marks {
            for id in ids {
                *m.entry((*post, id.clone())).or_insert(0) += ballot.n;
            }
        }
    }
    m
}

/// Compare two counters' sheets: per-candidate votes as the engine counts them, and ballot by
/// ballot when both entered ballots one by one.
pub fn compare(state: &ElectionState, round: &str, first: &Sheet, second: &Sheet) -> Result<Comparison, Problem> {
    let a = decide_sheet(state, round, first)?.result;
    let b = decide_sheet(state, round, second)?.result;
    let mut votes = Vec::new();
    // Counted votes when the round is valid on both; raw marks otherwise (a void round counts none).
    let (ta, tb) = if a.valid && b.valid {
        let counted = |r: &RoundResult| -> BTreeMap<(Post, String), u64> {
            r.posts.iter().flat_map(|p| p.votes.iter().map(move |(id, v)| ((p.post, id.clone()), *v))).collect()
        };
        (counted(&a), counted(&b))
    } else {
        (marks_per_person(first), marks_per_person(second))
    };
    let keys: BTreeSet<&(Post, String)> = ta.keys().chain(tb.keys()).collect();
    for key in keys {
        let (x, y) = (ta.get(key).copied().unwrap_or(0), tb.get(key).copied().unwrap_or(0));
        if x != y {
            votes.push(VoteDifference { post: key.0, person: key.1.clone(), first: x, second: y });
        }
    }
    let mut ballots = Vec::new();
    if let (Source::Device(_), Source::Device(_)) = (&first.source, &second.source) {
        let n = first.ballots.len().max(second.ballots.len());
        for i in 0..n {
            if first.ballots.get(i).map(normalised) != second.ballots.get(i).map(normalised) {
                ballots.push(i + 1);
            }
        }
    }
    Ok(Comparison { returned: (first.returned, second.returned), spoilt: (a.spoilt, b.spoilt), votes, ballots })
}

/// A ballot as two counters compare it: spoilt, the marks per post (sorted), the illegible posts.
type Normalised = (bool, Vec<(Post, Vec<String>)>, Vec<Post>);

fn normalised(b: &Ballot) -> Normalised {
    let marks = b
        .marks
        .iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(p, ids)| {
            let mut ids = ids.clone();
            ids.sort();
            (*p, ids)
        })
        .collect();
    (b.spoilt, marks, b.illegible.clone())
}

// ----- Results for the office -----------------------------------------------------------------

/// Everyone elected in signed, valid rounds, in round order then post order.
pub fn elected(state: &ElectionState) -> Vec<(RoundId, Elected)> {
    let mut rounds: Vec<_> =
        state.rounds.values().filter_map(|r| r.result.as_ref().filter(|s| s.valid).map(|s| (r, s))).collect();
    rounds.sort_by_key(|(r, s)| {
        (r.opened.held_on, s.signed_on, r.opened.kind != RoundKind::First, r.opened.round.clone())
    });
    let mut out: Vec<(RoundId, Elected)> = Vec::new();
    for (r, s) in rounds {
        for e in &s.elected {
            if !out.iter().any(|(_, x)| x.person == e.person) {
                out.push((r.opened.round.clone(), e.clone()));
            }
        }
    }
    out.sort_by_key(|(_, e)| e.post);
    out
}
