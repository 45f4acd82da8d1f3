//! The checks a screen calls BEFORE appending an event: pure, with a plain Chinese message when the
//! action must not happen. The fold (`record::state`) applies what was recorded and decides nothing;
//! the law's refusals live here.

use crate::base::idnum::{self, IdNumber};
use crate::base::zh;
use crate::election::{count, rounds, setup};
use crate::law::refusal::Problem;
use crate::law::rules::{self, JOINT_NOMINATORS_MIN};
use crate::record::events::*;
use crate::record::state::{ElectionState, Voter};
use chrono::NaiveDate;
use std::collections::BTreeSet;

impl ElectionState {
    // ----- Validation before appending an event -----------------------------------------------

    /// Before `voter_registered`: the ID number is valid (an old 15-digit one is converted), the
    /// person is 18 on the election day, and not registered yet. Returns the number to store.
    pub fn check_registration(&self, id_input: &str, today: NaiveDate) -> Result<IdNumber, Problem> {
        let id =
            IdNumber::parse_or_convert(id_input, today).map_err(|e| Problem::new(e.message_zh(), e.message_en()))?;
        let Some(day) = self.election_day() else {
            return Err(Problem::new(
                "还没有设定选举日，无法核对年龄，请先完成选举设置",
                "The election day is not set yet, so age cannot be checked",
            ));
        };
        if !idnum::eligible_on(id.birth(), day) {
            let turns = idnum::anniversary(id.birth(), idnum::VOTING_AGE);
            return Err(Problem::new(
                format!("到选举日（{}）未满18周岁（{}年满18周岁），不能登记为选民", zh::date(day), zh::date(turns)),
                format!("Not 18 on election day {day} (turns 18 on {turns})"),
            ));
        }
        if let Some(v) = self.voters_with_id_number(id.as_str()).first() {
            return Err(Problem::new(
                format!("该身份证号已登记：{}（{}登记），请勿重复登记", v.name, v.registered_by),
                format!("Already registered: {} (by {})", v.name, v.registered_by),
            ));
        }
        Ok(id)
    }

    /// Registered voters still on the list who are not 18 on the election day: registration
    /// checked the day then in force, so a later day (or an earlier one) can leave minors on the
    /// list. They must be removed before the list is published, and a change of the day is
    /// checked against this too.
    pub fn under_age_on_day(&self) -> Vec<&Voter> {
        self.election_day().map_or_else(Vec::new, |day| self.under_age_on(day))
    }

    /// `under_age_on_day` for a day not (yet) recorded: what moving the election day would do.
    pub fn under_age_on(&self, day: NaiveDate) -> Vec<&Voter> {
        self.active_voters().filter(|v| !v.eligible_on(day)).collect()
    }

    /// The problem a person sees for a minor on the list, with the day the person turns 18.
    pub fn under_age_zh(v: &Voter, day: NaiveDate) -> String {
        format!(
            "{}到选举日（{}）未满18周岁（{}年满18周岁），不能列入选民名单。",
            v.name,
            zh::date(day),
            zh::date(idnum::anniversary(v.birth, idnum::VOTING_AGE))
        )
    }

    /// Everything on the list a person must settle: open anomalies and minors on the list.
    pub fn open_problems(&self) -> usize {
        self.open_anomalies().count() + self.under_age_on_day().len()
    }

    /// Before `nomination`: the post is in the election, the nominee and every nominator are
    /// registered, one post per person, a joint nomination has at least ten distinct voters, and
    /// no voter nominates more people for a post than its seats.
    pub fn check_nomination(&self, n: &Nomination) -> Result<(), Problem> {
        let Some(def) = &self.definition else {
            return Err(Problem::new("请先完成选举设置", "Set up the election first"));
        };
        let Some(seats) = def.posts.iter().find(|p| p.post == n.post).map(|p| p.seats) else {
            return Err(Problem::new(
                format!("本次选举没有设{}职务", n.post.zh()),
                format!("This election has no {:?} post", n.post),
            ));
        };
        if n.by == NominatedBy::SelfNominated {
            let preset = rules::preset(&def.rule_preset);
            if !preset.is_some_and(|p| p.self_nomination) {
                let name = preset.map_or(def.rule_preset.as_str(), |p| p.name);
                return Err(Problem::new(
                    format!("本次选举适用的规则（{name}）不实行自荐，请由党组织或十名以上选民联名提名"),
                    "Self-nomination is not allowed by this election's rule preset",
                ));
            }
        }
        let nominee = self.active_registered(&n.nominee, "被提名人")?;
        if !nominee.eligible_on(def.election_day) {
            return Err(Problem::new(
                format!("{}到选举日未满18周岁，不能被提名", nominee.name),
                "The nominee is not 18 on election day",
            ));
        }
        if let Some(c) = self.candidates.get(&n.nominee) {
            if let Some(other) = c.active_posts().find(|p| *p != n.post) {
                return Err(Problem::new(
                    format!("{}已被提名为{}候选人，一人只能被提名一个职务", nominee.name, other.zh()),
                    format!("Already nominated for {other:?}: one post per person"),
                ));
            }
        }
        let nominators: Vec<&VoterId> = match &n.by {
            NominatedBy::PartyOrg | NominatedBy::SelfNominated => vec![],
            NominatedBy::Voter { nominator } => {
                self.active_registered(nominator, "提名人")?;
                vec![nominator]
            }
            NominatedBy::JointVoters { nominators } => {
                let distinct: BTreeSet<&VoterId> = nominators.iter().collect();
                let unknown: Vec<&str> = distinct
                    .iter()
                    .filter(|id| self.voter(id).is_none_or(|v| !v.is_active()))
                    .map(|id| id.as_str())
                    .collect();
                if !unknown.is_empty() {
                    return Err(Problem::new(
                        format!("联名提名人中有{}人不是登记选民", unknown.len()),
                        format!("{} joint nominators are not registered voters", unknown.len()),
                    ));
                }
                if distinct.len() < JOINT_NOMINATORS_MIN {
                    return Err(Problem::new(
                        format!("联名提名至少需要{}名登记选民，现在只有{}名", JOINT_NOMINATORS_MIN, distinct.len()),
                        format!(
                            "A joint nomination needs at least {JOINT_NOMINATORS_MIN} voters, not {}",
                            distinct.len()
                        ),
                    ));
                }
                distinct.into_iter().collect()
            }
        };
        for id in nominators {
            let already: BTreeSet<&VoterId> = self
                .nominations
                .iter()
                .filter(|r| r.nomination.post == n.post && r.nomination.nominee != n.nominee)
                .filter(|r| r.nominators().contains(&id))
                .map(|r| &r.nomination.nominee)
                .collect();
            if already.len() as u32 >= seats {
                let name = self.voter(id).map_or(id.as_str(), |v| v.name.as_str());
                return Err(Problem::new(
                    format!("{}已提名{}人为{}，每人提名不能超过应选名额{}名", name, already.len(), n.post.zh(), seats),
                    format!("{name} already nominated {} for a post with {seats} seats", already.len()),
                ));
            }
        }
        Ok(())
    }

    /// Before `checked_in`: the round is open, the voter is registered, of age and may vote in
    /// this electorate mode, the proxy (if any) is the assigned one, and no earlier check-in.
    pub fn check_check_in(&self, round: &str, voter: &str, proxy: Option<&str>) -> Result<(), Problem> {
        if !self.rounds.contains_key(round) {
            return Err(Problem::new("这一轮投票还没有开始", "This round has not been opened"));
        }
        let v = self.active_registered(voter, "该选民")?;
        if let Some(day) = self.election_day() {
            if !v.eligible_on(day) {
                return Err(Problem::new(format!("{}到选举日未满18周岁，不能领票", v.name), "Not 18 on election day"));
            }
        }
        match self.definition.as_ref().map(|d| d.electorate) {
            Some(ElectorateMode::HouseholdReps) if !v.household_rep => {
                return Err(Problem::new(
                    format!("{}不是户代表，本次按户代表投票", v.name),
                    "Not a household representative",
                ))
            }
            Some(ElectorateMode::ResidentReps) if v.resident_rep_of.is_none() => {
                return Err(Problem::new(
                    format!("{}不是居民代表，本次由居民代表投票", v.name),
                    "Not a residents' representative",
                ))
            }
            _ => {}
        }
        if let Some(p) = proxy {
            if self.proxies.get(voter).is_none_or(|a| a.proxy != p) {
                return Err(Problem::new(
                    format!("没有登记{}委托此人代为投票", v.name),
                    "No written proxy from this voter to this person",
                ));
            }
        }
        if let Some(c) = self.check_ins_of(round, voter).first() {
            return Err(Problem::new(
                format!("{}已在{}领过选票，不能重复领票", v.name, self.place_name(&c.at)),
                format!("Already checked in at {}", c.at),
            ));
        }
        Ok(())
    }

    /// The candidate that `voter` lives with (a near relative as far as the records show).
    fn candidate_in_household(&self, voter: &Voter) -> Option<&Voter> {
        let h = voter.household.as_ref().and_then(|h| self.households.get(h))?;
        let standing = self.standing_candidates();
        h.members.iter().filter(|m| **m != voter.id && standing.contains(*m)).find_map(|m| self.voter(m))
    }

    /// Before `proxy_assigned`: both are registered, the proxy is not a candidate, the preset
    /// allows proxies in this mode, and the proxy holds no more than the cap (rules::check_proxy).
    pub fn check_proxy(&self, principal: &str, proxy: &str) -> Result<(), Problem> {
        let p = self.active_registered(principal, "委托人")?;
        let q = self.active_registered(proxy, "受托人")?;
        if p.id == q.id {
            return Err(Problem::new("委托人和受托人不能是同一人", "Principal and proxy are the same person"));
        }
        let def =
            self.definition.as_ref().ok_or_else(|| Problem::new("请先完成选举设置", "Set up the election first"))?;
        let preset = rules::preset(&def.rule_preset).ok_or_else(|| Problem::new("未知的规则", "Unknown preset"))?;
        let electorate = count::electorate(self);
        // A renewed entrustment of the same principal replaces the old one, so it is not counted.
        let held = self.proxies.values().filter(|a| a.proxy == proxy && a.principal != principal).count() as u32;
        rules::check_proxy(preset, electorate, self.standing_candidates().contains(proxy), held)
            .map_err(|b| Problem::new(format!("{}：{}", q.name, b.message()), "Proxy refused by the preset"))?;
        if self.proxies.values().any(|a| a.principal == proxy) {
            return Err(Problem::new(
                format!("{}本人已委托他人投票，不能再接受委托", q.name),
                "The proxy has entrusted someone else",
            ));
        }
        Ok(())
    }

    /// Before `staff_assigned`: a name; candidates and those living with a candidate (near
    /// relatives as far as the records show) may not serve (legal-rules 5.6; Party 4.15).
    pub fn check_staff(&self, s: &StaffAssigned) -> Result<(), Problem> {
        if s.name.trim().is_empty() {
            return Err(Problem::new("请填写工作人员姓名", "Name missing"));
        }
        let standing = self.standing_candidates();
        let voter = match &s.voter {
            Some(id) => Some(self.active_registered(id, "该工作人员")?),
            None => None,
        };
        let is_candidate = voter.is_some_and(|v| standing.contains(&v.id))
            || (voter.is_none() && standing.iter().filter_map(|c| self.voter(c)).any(|c| c.name == s.name.trim()));
        if is_candidate {
            return Err(Problem::new(
                format!("{}是候选人，不能担任选举工作人员", s.name.trim()),
                "Candidates may not serve",
            ));
        }
        if let Some(c) = voter.and_then(|v| self.candidate_in_household(v)) {
            return Err(Problem::new(
                format!("{}与候选人{}同户，可能是近亲属，不能担任选举工作人员", s.name.trim(), c.name),
                "Lives with a candidate",
            ));
        }
        Ok(())
    }

    /// Before `mobile_box_defined`: a name and at least one registered voter on its list.
    pub fn check_mobile_box(&self, b: &MobileBoxDefined) -> Result<(), Problem> {
        if b.name.trim().is_empty() {
            return Err(Problem::new("请填写流动票箱名称", "Name missing"));
        }
        if b.voters.is_empty() {
            return Err(Problem::new("请选定使用流动票箱的选民", "No voters"));
        }
        for v in &b.voters {
            self.active_registered(v, "流动票箱名单中的选民")?;
        }
        Ok(())
    }

    /// Before `round_opened`: posts of the election with seats and registered candidates; a tie
    /// re-vote or 另行选举 follows a signed round and is held within the preset's days after
    /// the first round.
    pub fn check_round_opening(&self, r: &RoundOpened) -> Result<(), Problem> {
        // No audit, no election: nobody votes before the preparation gates are passed.
        if let Err(b) = setup::check_gates(self) {
            return Err(Problem::new(b.message(), "Preparation gates not passed"));
        }
        let def =
            self.definition.as_ref().ok_or_else(|| Problem::new("请先完成选举设置", "Set up the election first"))?;
        let preset = rules::preset(&def.rule_preset).ok_or_else(|| Problem::new("未知的规则", "Unknown preset"))?;
        if r.posts.is_empty() {
            return Err(Problem::new("这一轮没有要选的职务", "No posts"));
        }
        for p in &r.posts {
            if p.seats == 0 {
                return Err(Problem::new(format!("{}没有应选名额", p.post.zh()), "No seats"));
            }
            if def.electorate != ElectorateMode::NoCandidates && p.candidates.is_empty() {
                return Err(Problem::new(format!("{}还没有候选人", p.post.zh()), "No candidates"));
            }
            for c in &p.candidates {
                self.active_registered(c, "候选人")?;
            }
        }
        match (&r.after, r.kind) {
            (None, RoundKind::First | RoundKind::Preselection) => Ok(()),
            (None, _) => Err(Problem::new(
                "重新投票和另行选举须接在已签字的一轮之后",
                "A follow-up round needs the round it completes",
            )),
            (Some(a), _) => {
                let Some(prev) = self.rounds.get(a).filter(|p| p.result.is_some()) else {
                    return Err(Problem::new("上一轮的结果还没有签字", "The previous round is not signed"));
                };
                let last = rounds::next_round_deadline(preset, rounds::first_round_day(self, prev));
                if r.held_on > last {
                    return Err(Problem::new(
                        zh::with_source(
                            &format!("应在{}之前举行", zh::date(last)),
                            preset.supplementary.1.source,
                            preset.supplementary.1.article,
                        ),
                        "Past the preset's deadline",
                    ));
                }
                if r.held_on < prev.opened.held_on {
                    return Err(Problem::new("不能早于上一轮投票", "Before the previous round"));
                }
                Ok(())
            }
        }
    }

    fn place_name<'a>(&'a self, at: &'a str) -> &'a str {
        self.stations
            .get(at)
            .map(|s| s.name.as_str())
            .or_else(|| self.mobile_boxes.get(at).map(|b| b.name.as_str()))
            .unwrap_or(at)
    }

    fn active_registered(&self, id: &str, role: &str) -> Result<&Voter, Problem> {
        match self.voter(id) {
            None => Err(Problem::new(format!("{role}不在选民名单中"), "Not a registered voter")),
            Some(v) if !v.is_active() => {
                Err(Problem::new(format!("{role}{}已从选民名单中移除", v.name), "Removed from the voter list"))
            }
            Some(v) => Ok(v),
        }
    }
}
