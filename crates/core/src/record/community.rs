//! What a community reports to the office: the workflow stage it is at and the `CommunityReport`
//! carried as the content of a progress or result file. Data only: `election` writes these,
//! `office` reads them, and neither needs the other.

use crate::base::terms::{ElectionKind as Committee, ElectorateMode, Post, Sex};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Add;

/// The twelve workflow stages (workflow.md), in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Preparation = 1,
    ElectionCommittee,
    Registration,
    Nomination,
    Review,
    Notice,
    Preselection,
    Voting,
    Count,
    Announcement,
    Report,
    Handover,
}

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::Preparation,
        Stage::ElectionCommittee,
        Stage::Registration,
        Stage::Nomination,
        Stage::Review,
        Stage::Notice,
        Stage::Preselection,
        Stage::Voting,
        Stage::Count,
        Stage::Announcement,
        Stage::Report,
        Stage::Handover,
    ];

    /// 1–12.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Stage::Preparation => "准备",
            Stage::ElectionCommittee => "推选选举委员会",
            Stage::Registration => "选民登记",
            Stage::Nomination => "提名",
            Stage::Review => "资格审查",
            Stage::Notice => "公示",
            Stage::Preselection => "预选",
            Stage::Voting => "投票",
            Stage::Count => "计票",
            Stage::Announcement => "公布结果",
            Stage::Report => "报批备案",
            Stage::Handover => "交接归档",
        }
    }

    /// The result is known once it is being announced: the election counts as done (已完成换届选举).
    pub fn is_elected(self) -> bool {
        self >= Stage::Announcement
    }

    /// Votes are cast and counted, so `voted` is a final figure for the turnout.
    pub fn has_voted(self) -> bool {
        self >= Stage::Count
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// 初中及以下
    JuniorHighOrBelow,
    /// 高中/中专
    SeniorHigh,
    /// 大专
    JuniorCollege,
    /// 本科
    Bachelor,
    /// 研究生
    Postgraduate,
}

impl Education {
    /// 大专以上 (the reports' education figure) includes 大专 itself.
    pub fn is_college(self) -> bool {
        self >= Education::JuniorCollege
    }
}

// ---------------------------------------------------------------------------------------------
// Input: what a result or progress bundle carries as its content
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Community {
    pub id: String,
    pub name: String,
    pub street: String,
    pub district: String,
    /// The committee this report is about. A community reports each committee it elects; reports
    /// with the same `id` are combined (一肩挑 and 交叉任职 need both committees).
    pub kind: Committee,
    /// Residents' / village committee only.
    #[serde(default)]
    pub electorate: Option<ElectorateMode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub date: NaiveDate,
    /// What must be done by then, e.g. "选民名单公布".
    pub what: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Candidates {
    pub nominated: u32,
    /// Passed the joint qualification review (联审).
    pub passed: u32,
    pub disqualified_street: u32,
    pub disqualified_district: u32,
}

impl Add for Candidates {
    type Output = Candidates;
    fn add(self, o: Candidates) -> Candidates {
        Candidates {
            nominated: self.nominated + o.nominated,
            passed: self.passed + o.passed,
            disqualified_street: self.disqualified_street + o.disqualified_street,
            disqualified_district: self.disqualified_district + o.disqualified_district,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectedMember {
    pub name: String,
    pub committee: Committee,
    pub post: Post,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    /// "汉族", "回族", …
    pub ethnicity: String,
    pub party_member: bool,
    pub education: Education,
    pub re_elected: bool,
    /// Hash of the ID number: finds one person on both committees without carrying the number.
    /// Empty = unknown (the seat is then counted as its own person).
    pub id_hash: String,
}

/// The previous term's 两委 as a whole, persons counted once (from the community's records).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PreviousTerm {
    pub persons: u32,
    pub women: u32,
    pub party_members: u32,
    pub minorities: u32,
    pub college: u32,
    pub age_29_and_under: u32,
    pub age_30_to_49: u32,
    pub age_50_and_over: u32,
    /// Average age in tenths of a year (452 = 45.2), where known.
    pub average_age_tenths: Option<u32>,
    pub one_shoulder: Option<bool>,
    pub cross_holding: Option<u32>,
}

/// One community's report about one committee: the `content` of a result or progress bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityReport {
    pub community: Community,
    /// The day the figures are of; the newest report of a committee replaces older ones.
    pub reported_on: NaiveDate,
    pub stage: Stage,
    #[serde(default)]
    pub next_deadline: Option<Deadline>,
    #[serde(default)]
    pub registered_voters: u32,
    #[serde(default)]
    pub voted: u32,
    /// The 选委会主任 is the community Party organisation's 书记 or 副书记 (the reports' "由社区书记或副书记兼任");
    /// files written before this field was widened name it `..._is_party_secretary`.
    #[serde(default, alias = "election_committee_head_is_party_secretary")]
    pub election_committee_head_is_party_leader: Option<bool>,
    #[serde(default)]
    pub candidates: Candidates,
    #[serde(default)]
    pub elected: Vec<ElectedMember>,
    #[serde(default)]
    pub previous_term: Option<PreviousTerm>,
}
