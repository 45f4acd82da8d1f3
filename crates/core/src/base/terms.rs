//! The shared vocabulary: the words every layer uses, each with its Chinese label beside it.
//! Nothing here decides anything; `law` and `record` both speak these words.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElectionKind {
    /// 居委会
    ResidentsCommittee,
    /// 村委会 (also 村改居 communities not yet reformed)
    VillageCommittee,
    /// 社区党组织 (党支部 / 党总支 / 党委)
    PartyCommittee,
}

/// Who votes (居委会组织法 2025 art 14; 2018 art 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElectorateMode {
    /// 直选: every registered voter
    AllVoters,
    /// 户代表: one representative per household
    HouseholdReps,
    /// 居民代表
    ResidentReps,
    /// 无候选人 / 自荐直选: voters write any eligible name
    NoCandidates,
}

impl ElectionKind {
    pub fn name_zh(self) -> &'static str {
        match self {
            ElectionKind::ResidentsCommittee => "居委会",
            ElectionKind::VillageCommittee => "村委会",
            ElectionKind::PartyCommittee => "党组织",
        }
    }

    pub fn is_party(self) -> bool {
        self == ElectionKind::PartyCommittee
    }
}

impl ElectorateMode {
    pub const ALL: [ElectorateMode; 4] = [
        ElectorateMode::AllVoters,
        ElectorateMode::HouseholdReps,
        ElectorateMode::ResidentReps,
        ElectorateMode::NoCandidates,
    ];

    pub fn name_zh(self) -> &'static str {
        match self {
            ElectorateMode::AllVoters => "直选",
            ElectorateMode::HouseholdReps => "户代表选举",
            ElectorateMode::ResidentReps => "居民代表选举",
            ElectorateMode::NoCandidates => "无候选人选举",
        }
    }
}

/// Posts on a ballot; resolved in this order (FORMAT.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Post {
    /// 主任
    Director,
    /// 副主任
    DeputyDirector,
    /// 委员 (also Party committee members)
    Member,
    /// 妇女委员 (a separate post in Zhejiang)
    WomenMember,
    /// 书记 (Party committee, elected by the new committee)
    Secretary,
    /// 副书记
    DeputySecretary,
}

impl Post {
    pub const ALL: [Post; 6] =
        [Post::Director, Post::DeputyDirector, Post::Member, Post::WomenMember, Post::Secretary, Post::DeputySecretary];

    /// The name used in files and scenarios (`deputy_director`...).
    pub fn code(self) -> &'static str {
        match self {
            Post::Director => "director",
            Post::DeputyDirector => "deputy_director",
            Post::Member => "member",
            Post::WomenMember => "women_member",
            Post::Secretary => "secretary",
            Post::DeputySecretary => "deputy_secretary",
        }
    }

    pub fn from_code(code: &str) -> Option<Post> {
        Post::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Post::Director => "主任",
            Post::DeputyDirector => "副主任",
            Post::Member => "委员",
            Post::WomenMember => "妇女委员",
            Post::Secretary => "书记",
            Post::DeputySecretary => "副书记",
        }
    }
}

/// Which round of a chain (the engine and the event log use the same word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    First,
    /// 另行选举
    Supplementary,
    /// A re-vote among people tied at the cut-off: plurality among them, same threshold.
    TieRevote,
    /// 预选
    Preselection,
}

/// Sex as written in an ID number and in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn zh(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
}
