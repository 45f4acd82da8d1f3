//! Rule presets: what each law or provincial rule decides, as data, each rule with the article
//! it comes from (the app shows the citation wherever the rule decides something).
//!
//! Numbers are from ../shared/domain/legal-rules.md; where that file marks an interpretation
//! [I], the preset follows it and the citation says so.

use crate::base::terms::Post;
use std::sync::LazyLock;

/// At least ten voters for a joint nomination (居民委员会组织法 2025 art 18:
/// "十名以上选民联合提名"; also 四川 居委会选举条例 2025 art 19).
pub const JOINT_NOMINATORS_MIN: usize = 10;

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cite {
    pub source: &'static str,
    pub article: &'static str,
}

const fn cite(source: &'static str, article: &'static str) -> Cite {
    Cite { source, article }
}

/// A share of a base, tested with integers only: `x` passes when `den·x > num·n` (strict,
/// 超过/过半数) or `den·x ≥ num·n` (inclusive, 以上/不少于).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub num: u64,
    pub den: u64,
    pub strict: bool,
}

impl Share {
    pub const MORE_THAN_HALF: Share = Share { num: 1, den: 2, strict: true };
    pub const MORE_THAN_TWO_THIRDS: Share = Share { num: 2, den: 3, strict: true };
    pub const MORE_THAN_FOUR_FIFTHS: Share = Share { num: 4, den: 5, strict: true };
    pub const AT_LEAST_FOUR_FIFTHS: Share = Share { num: 4, den: 5, strict: false };
    pub const AT_LEAST_ONE_THIRD: Share = Share { num: 1, den: 3, strict: false };

    pub fn passes(self, x: u64, n: u64) -> bool {
        let (lhs, rhs) = (self.den as u128 * x as u128, self.num as u128 * n as u128);
        if self.strict {
            lhs > rhs
        } else {
            lhs >= rhs
        }
    }

    /// The fewest `x` that passes for base `n`.
    pub fn min_count(self, n: u64) -> u64 {
        let floor = (self.num as u128 * n as u128 / self.den as u128) as u64;
        if self.strict {
            floor + 1
        } else if (floor as u128) * (self.den as u128) == self.num as u128 * n as u128 {
            floor
        } else {
            floor + 1
        }
    }

    pub fn zh(self) -> String {
        let part = match (self.num, self.den) {
            (1, 2) => "半数".to_string(),
            (1, 3) => "三分之一".to_string(),
            (2, 3) => "三分之二".to_string(),
            (4, 5) => "五分之四".to_string(),
            (n, d) => format!("{d}分之{n}"),
        };
        if self.strict {
            format!("超过{part}")
        } else {
            format!("不少于{part}")
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// 居民委员会
    Residents,
    /// 村民委员会 (and 村改居 communities that still elect like villages)
    Village,
    /// The community Party organisation (members' meeting)
    Party,
}

/// Who votes (FORMAT.md `electorate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Electorate {
    AllVoters,
    HouseholdReps,
    ResidentReps,
}

/// What the turnout test counts against the registered number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnoutCount {
    /// People who took part in voting (in person, by proxy, by mobile box).
    Voted,
    /// Ballots returned (海南 art 29).
    Returned,
}

/// An election is void when more ballots come back than this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExcessLimit {
    Voted,
    Issued,
}

/// What an over-voted post part (more marks than seats) voids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overvote {
    PostPart,
    WholeBallot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    None,
    /// Votes for a higher post count on the lower posts too, never upward (海南 art 31, 河北 art 29).
    Downward,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WomenRule {
    /// No requirement (Party).
    None,
    /// A woman member is required; the tally only warns.
    Warning,
    /// Rule A (四川 art 34/32, 海南 art 32): the top woman over the threshold is seated first;
    /// none over it → one member seat is reserved for a separate election of a woman.
    SeatFirst,
    /// A separate 妇女委员 post on the ballot (浙江 art 21).
    SeparatePost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplementaryWin {
    /// Plurality, with at least one third of the ballots cast in that round.
    OneThirdOfCast,
    /// More than half, as in the first round (Party).
    AsFirstRound,
}

/// How many candidates a post needs (差额).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Margin {
    /// seats + min ..= seats + max
    Plus { min: u32, max: u32 },
    /// More candidates than seats, no number fixed.
    MoreThan,
    /// At least seats + ceil(percent% of seats) (Party: 20%).
    Percent(u32),
}

impl Margin {
    /// The fewest and (where fixed) most candidates for `seats`.
    pub fn range(self, seats: u32) -> (u32, Option<u32>) {
        match self {
            Margin::Plus { min, max } => (seats + min, Some(seats + max)),
            Margin::MoreThan => (seats + 1, None),
            Margin::Percent(p) => (seats + (seats * p).div_ceil(100), None),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyScope {
    NearRelatives,
    AnyVoter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyRule {
    /// Principals one proxy may accept; `Some(0)` = no proxy voting; `None` = no cap stated.
    pub cap: Option<u32>,
    pub scope: ProxyScope,
    pub candidates_may_hold: bool,
    /// 居民代表 elections: representatives vote in person.
    pub allowed_in_resident_reps: bool,
    pub cite: Cite,
}

/// Notice periods, in days before the election day (on or before `day − N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notices {
    pub voter_list: u32,
    pub objection_window: u32,
    pub objection_decision: u32,
    pub nominee_list: Option<u32>,
    pub final_list: u32,
    pub voting_notice: Option<u32>,
    /// The list of voters who vote by mobile ballot box, where a province sets its days (海南: 3).
    pub mobile_box_users: Option<u32>,
    pub cite: Cite,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub basis: &'static str,
    pub family: Family,
    pub turnout_count: TurnoutCount,
    pub turnout: Cite,
    /// Party: members present over those expected.
    pub quorum: Option<(Share, Cite)>,
    pub excess: (ExcessLimit, Cite),
    pub winning: (Share, Cite),
    pub overvote: (Overvote, Cite),
    /// 浙江 art 27: one person marked for two posts voids the ballot.
    pub two_posts_void: bool,
    pub carry: (Carry, Cite),
    pub women: (WomenRule, Cite),
    pub supplementary: (SupplementaryWin, Cite),
    /// Days within which the supplementary round must be held.
    pub supplementary_days: u32,
    /// After the supplementary round, seats may stay vacant when at least this many were elected.
    pub vacancy_tolerance: u32,
    pub committee_size: (u32, u32, Cite),
    pub margin_director: Margin,
    pub margin_deputy: Margin,
    pub margin_member: Margin,
    pub margin_cite: Cite,
    pub proxy: ProxyRule,
    pub notices: Notices,
    pub electorates: &'static [Electorate],
    pub self_nomination: bool,
}

impl Preset {
    /// The share of the registered base that makes the vote valid, for an electorate. Only the
    /// residents' committee laws set two thirds for residents' representatives (居委会组织法
    /// 2025 art 19 ¶1, 四川 SCR art 30); village presets count more than half in every mode.
    pub fn turnout_share(&self, electorate: Electorate) -> Share {
        match (self.family, electorate) {
            (Family::Residents, Electorate::ResidentReps) => Share::MORE_THAN_TWO_THIRDS,
            _ => Share::MORE_THAN_HALF,
        }
    }

    pub fn margin(&self, post: Post) -> Margin {
        match post {
            Post::Director => self.margin_director,
            Post::DeputyDirector => self.margin_deputy,
            _ => self.margin_member,
        }
    }

    /// Whether `post` may appear on this preset's ballots.
    pub fn has_post(&self, post: Post) -> bool {
        match post {
            Post::Director | Post::DeputyDirector | Post::Member => true,
            Post::WomenMember => self.women.0 == WomenRule::SeparatePost,
            Post::Secretary | Post::DeputySecretary => false,
        }
    }

    pub fn women_required(&self) -> bool {
        self.women.0 != WomenRule::None
    }
}

const RES2025: &str = "城市居民委员会组织法(2025修订)";
const VIL2025: &str = "村民委员会组织法(2025修正)";
const VIL2018: &str = "村民委员会组织法(2018修正)";
const SCR: &str = "四川省城市居民委员会选举条例(2025)";
const SCV: &str = "四川省村民委员会选举条例(2025修订)";
const HI: &str = "海南省村民委员会选举办法(2025)";
const HEB: &str = "河北省村民委员会选举办法(2020)";
const ZJ: &str = "浙江省村民委员会选举办法(2020)";
const PARTY: &str = "中国共产党基层组织选举工作条例(2020)";

const ALL_MODES: &[Electorate] = &[Electorate::AllVoters, Electorate::HouseholdReps, Electorate::ResidentReps];
const VILLAGE_MODES: &[Electorate] = &[Electorate::AllVoters];

fn national_2025_residents() -> Preset {
    Preset {
        id: "national-2025-residents",
        name: "居委会 · 全国 2025",
        basis: RES2025,
        family: Family::Residents,
        turnout_count: TurnoutCount::Voted,
        turnout: cite(RES2025, "第十九条第一款"),
        quorum: None,
        excess: (ExcessLimit::Voted, cite("全国人大和地方各级人大选举法", "第四十四条 [I] 收回选票多于投票人数无效")),
        winning: (Share::MORE_THAN_HALF, cite(RES2025, "第十九条第二款")),
        overvote: (Overvote::PostPart, cite("全国人大和地方各级人大选举法", "第四十四条第二款；按职务分别判断 [I]")),
        two_posts_void: false,
        carry: (Carry::None, cite(RES2025, "未规定累计计票")),
        women: (WomenRule::Warning, cite(RES2025, "第八条 应当有妇女成员")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(RES2025, "第十九条第二款 另行选举")),
        supplementary_days: 30,
        vacancy_tolerance: 5,
        committee_size: (5, 9, cite(RES2025, "第八条 五至九人")),
        margin_director: Margin::Plus { min: 1, max: 1 },
        margin_deputy: Margin::Plus { min: 1, max: 1 },
        margin_member: Margin::Plus { min: 1, max: 3 },
        margin_cite: cite(RES2025, "第十八条 候选人应当多于应选名额；差额数按省级规定 [I]"),
        proxy: ProxyRule {
            cap: Some(3),
            scope: ProxyScope::AnyVoter,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(RES2025, "第十九条第四款"),
        },
        notices: Notices {
            voter_list: 20,
            objection_window: 5,
            objection_decision: 3,
            nominee_list: None,
            final_list: 5,
            voting_notice: Some(5),
            mobile_box_users: None,
            cite: cite(RES2025, "第十七条；候选人名单选举日五日前 [I]"),
        },
        electorates: ALL_MODES,
        self_nomination: false,
    }
}

fn national_2025_village() -> Preset {
    Preset {
        id: "national-2025-village",
        name: "村委会 · 全国 2025",
        basis: VIL2025,
        family: Family::Village,
        turnout: cite(VIL2025, "第十八条第二款"),
        winning: (Share::MORE_THAN_HALF, cite(VIL2025, "第十八条第二款")),
        women: (WomenRule::Warning, cite(VIL2025, "第八条 应当有妇女成员")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(VIL2025, "第十八条第二款 另行选举")),
        vacancy_tolerance: 3,
        committee_size: (3, 7, cite(VIL2025, "第八条 三至七人")),
        margin_cite: cite(VIL2025, "第十八条第一款 候选人应当多于应选名额"),
        proxy: ProxyRule {
            cap: Some(3),
            scope: ProxyScope::AnyVoter,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(VIL2025, "第十八条第四款"),
        },
        notices: Notices { cite: cite(VIL2025, "第十七条"), ..national_2025_residents().notices },
        electorates: VILLAGE_MODES,
        ..national_2025_residents()
    }
}

fn national_2018_village() -> Preset {
    Preset {
        id: "national-2018-village",
        name: "村委会 · 全国 2018",
        basis: VIL2018,
        turnout: cite(VIL2018, "第十五条第二款"),
        winning: (Share::MORE_THAN_HALF, cite(VIL2018, "第十五条第二款")),
        women: (WomenRule::Warning, cite(VIL2018, "第六条 应当有妇女成员")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(VIL2018, "第十五条第二款 另行选举")),
        committee_size: (3, 7, cite(VIL2018, "第六条 三至七人")),
        margin_cite: cite(VIL2018, "第十五条第一款 候选人的名额应当多于应选名额"),
        proxy: ProxyRule {
            cap: None,
            scope: ProxyScope::NearRelatives,
            candidates_may_hold: true,
            allowed_in_resident_reps: false,
            cite: cite(VIL2018, "第十五条第四款 委托本村有选举权的近亲属"),
        },
        notices: Notices { cite: cite(VIL2018, "第十四条"), ..national_2025_residents().notices },
        self_nomination: false,
        ..national_2025_village()
    }
}

fn sichuan_2025_residents() -> Preset {
    Preset {
        id: "sichuan-2025-residents",
        name: "居委会 · 四川 2025",
        basis: SCR,
        turnout: cite(SCR, "第三十条"),
        excess: (ExcessLimit::Issued, cite(SCR, "第三十条 收回选票多于发出选票无效")),
        winning: (Share::MORE_THAN_HALF, cite(SCR, "第三十一条")),
        overvote: (Overvote::WholeBallot, cite(SCR, "第三十条 每项职务所选人数多于应选人数的，选票无效 [I]")),
        women: (WomenRule::SeatFirst, cite(SCR, "第三十二条 妇女成员")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(SCR, "第三十五条 另行选举")),
        supplementary_days: 10,
        vacancy_tolerance: 5,
        committee_size: (5, 9, cite(SCR, "第四条")),
        margin_cite: cite(SCR, "第二十条 主任、副主任多一人，委员多一至三人"),
        proxy: ProxyRule {
            cap: Some(3),
            scope: ProxyScope::AnyVoter,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(SCR, "第二十八条"),
        },
        notices: Notices {
            voter_list: 20,
            objection_window: 5,
            objection_decision: 3,
            nominee_list: Some(15),
            final_list: 5,
            voting_notice: Some(5),
            mobile_box_users: None,
            cite: cite(SCR, "第十七条、第二十一条、第二十二条、第二十五条"),
        },
        ..national_2025_residents()
    }
}

fn sichuan_2025_village() -> Preset {
    Preset {
        id: "sichuan-2025-village",
        name: "村委会 · 四川 2025",
        basis: SCV,
        family: Family::Village,
        turnout: cite(SCV, "第三十二条"),
        excess: (ExcessLimit::Issued, cite(SCV, "第三十二条 收回选票多于发出选票无效")),
        winning: (Share::MORE_THAN_HALF, cite(SCV, "第三十三条")),
        overvote: (Overvote::WholeBallot, cite(SCV, "第三十二条 每项职务所选人数多于应选人数的，选票无效 [I]")),
        women: (WomenRule::SeatFirst, cite(SCV, "第三十四条 妇女成员")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(SCV, "第三十七条 另行选举")),
        vacancy_tolerance: 3,
        committee_size: (3, 7, cite(SCV, "第四条")),
        margin_cite: cite(SCV, "第二十二条 主任、副主任多一人，委员多一至三人"),
        proxy: ProxyRule {
            cap: Some(3),
            scope: ProxyScope::AnyVoter,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(SCV, "第三十条"),
        },
        notices: Notices {
            cite: cite(SCV, "第十九条、第二十三条、第二十四条、第二十七条"),
            ..sichuan_2025_residents().notices
        },
        electorates: VILLAGE_MODES,
        ..sichuan_2025_residents()
    }
}

fn hainan_2025_village() -> Preset {
    Preset {
        id: "hainan-2025-village",
        name: "村委会 · 海南 2025",
        basis: HI,
        turnout_count: TurnoutCount::Returned,
        turnout: cite(HI, "第二十九条 收回的选票超过本村选民的半数"),
        excess: (ExcessLimit::Issued, cite(HI, "第二十九条 收回的选票不多于发出的选票")),
        winning: (Share::MORE_THAN_HALF, cite(HI, "第三十二条")),
        overvote: (Overvote::PostPart, cite(HI, "第三十条 所选职位的人数多于应选人数的无效")),
        carry: (Carry::Downward, cite(HI, "第三十一条 高职位得票可计入低职位，低职位不得计入高职位")),
        women: (WomenRule::SeatFirst, cite(HI, "第三十二条第三款 妇女成员")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(HI, "第三十四条 另行选举")),
        supplementary_days: 15,
        margin_cite: cite(HI, "第二十条 主任、副主任多一人，委员多一至三人，应有妇女候选人"),
        proxy: ProxyRule {
            cap: Some(3),
            scope: ProxyScope::AnyVoter,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(HI, "第二十七条"),
        },
        notices: Notices {
            cite: cite(HI, "第十七条、第二十二条；流动票箱投票人名单选举日三日前公布"),
            voting_notice: None,
            mobile_box_users: Some(3),
            ..national_2025_village().notices
        },
        ..national_2025_village()
    }
}

fn hebei_2020_village() -> Preset {
    Preset {
        id: "hebei-2020-village",
        name: "村委会 · 河北 2020",
        basis: HEB,
        turnout: cite(HEB, "第二十八条"),
        excess: (ExcessLimit::Voted, cite(HEB, "第二十八条 收回选票多于投票人数无效")),
        winning: (Share::MORE_THAN_HALF, cite(HEB, "第三十条")),
        overvote: (Overvote::WholeBallot, cite(HEB, "第二十八条 所选人数多于应选人数的，选票无效")),
        carry: (Carry::Downward, cite(HEB, "第二十九条 高职位得票计入低职位")),
        women: (WomenRule::Warning, cite(VIL2018, "第六条 应当有妇女成员")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(HEB, "第三十一条 另行选举")),
        supplementary_days: 10,
        margin_cite: cite(HEB, "第十七条 主任、副主任多一人，委员多一至三人"),
        proxy: ProxyRule {
            cap: Some(2),
            scope: ProxyScope::NearRelatives,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(HEB, "第二十六条 不得接受超过两个人的委托"),
        },
        notices: Notices {
            cite: cite(HEB, "第十三条、第二十一条"),
            voting_notice: None,
            ..national_2018_village().notices
        },
        self_nomination: true,
        ..national_2018_village()
    }
}

fn zhejiang_2020_village() -> Preset {
    Preset {
        id: "zhejiang-2020-village",
        name: "村委会 · 浙江 2020",
        basis: ZJ,
        turnout: cite(ZJ, "第二十七条"),
        excess: (ExcessLimit::Voted, cite(ZJ, "第二十七条 收回选票多于投票人数无效")),
        winning: (Share::MORE_THAN_HALF, cite(ZJ, "第二十八条")),
        overvote: (Overvote::WholeBallot, cite(ZJ, "第二十七条 所选人数多于应选人数的选票无效")),
        two_posts_void: true,
        carry: (Carry::None, cite(ZJ, "同一人被选为两个以上职务的选票无效")),
        women: (WomenRule::SeparatePost, cite(ZJ, "第二十一条 单列妇女委员职位")),
        supplementary: (SupplementaryWin::OneThirdOfCast, cite(ZJ, "第二十九条 另行选举")),
        supplementary_days: 30,
        margin_director: Margin::MoreThan,
        margin_deputy: Margin::MoreThan,
        margin_member: Margin::MoreThan,
        margin_cite: cite(ZJ, "第十六条至第十八条 候选人多于应选人数"),
        proxy: ProxyRule {
            cap: Some(3),
            scope: ProxyScope::NearRelatives,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(ZJ, "第二十五条"),
        },
        notices: Notices {
            cite: cite(ZJ, "第十四条、第十八条、第二十二条"),
            voting_notice: Some(5),
            ..national_2018_village().notices
        },
        self_nomination: true,
        ..national_2018_village()
    }
}

fn party_2020() -> Preset {
    Preset {
        id: "party-2020",
        name: "党组织 · 2020",
        basis: PARTY,
        family: Family::Party,
        turnout_count: TurnoutCount::Voted,
        turnout: cite(PARTY, "到会人数 [U]"),
        quorum: Some((Share::MORE_THAN_FOUR_FIFTHS, cite(PARTY, "有选举权的到会人数超过应到会人数的五分之四 [I]"))),
        excess: (ExcessLimit::Issued, cite(PARTY, "收回的选票多于发出的选票，选举无效 (1990 第十九条)")),
        winning: (Share::MORE_THAN_HALF, cite(PARTY, "赞成票超过实到会有选举权人数的一半 (1990 第二十二条)")),
        overvote: (Overvote::PostPart, cite(PARTY, "多于规定应选人数的为无效票 (1990 第二十条)")),
        two_posts_void: false,
        carry: (Carry::None, cite(PARTY, "未规定累计计票")),
        women: (WomenRule::None, cite(PARTY, "无妇女名额规定")),
        supplementary: (SupplementaryWin::AsFirstRound, cite(PARTY, "另行选举仍须超过实到会人数的一半")),
        supplementary_days: 30,
        vacancy_tolerance: 3,
        committee_size: (3, 7, cite("中国共产党支部工作条例(试行)", "第六章 支部委员会由3至5人组成，一般不超过7人")),
        margin_director: Margin::Percent(20),
        margin_deputy: Margin::Percent(20),
        margin_member: Margin::Percent(20),
        margin_cite: cite(PARTY, "第十三条 委员候选人的差额不少于应选人数的20%"),
        proxy: ProxyRule {
            cap: Some(0),
            scope: ProxyScope::AnyVoter,
            candidates_may_hold: false,
            allowed_in_resident_reps: false,
            cite: cite(PARTY, "第二十四条 不能委托他人代为投票"),
        },
        notices: Notices {
            voter_list: 0,
            objection_window: 0,
            objection_decision: 0,
            nominee_list: None,
            final_list: 0,
            voting_notice: None,
            mobile_box_users: None,
            cite: cite(PARTY, "党员大会召开前报上级党组织批准"),
        },
        electorates: &[],
        self_nomination: false,
    }
}

static PRESETS: LazyLock<Vec<Preset>> = LazyLock::new(|| {
    vec![
        national_2025_residents(),
        national_2025_village(),
        national_2018_village(),
        sichuan_2025_residents(),
        sichuan_2025_village(),
        hainan_2025_village(),
        hebei_2020_village(),
        zhejiang_2020_village(),
        party_2020(),
    ]
});

pub fn all() -> &'static [Preset] {
    &PRESETS
}

pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// A rule a proposed action would break, with the article, in Chinese for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub zh: String,
    pub cite: Cite,
}

impl Breach {
    fn new(zh: String, cite: Cite) -> Breach {
        Breach { zh, cite }
    }
}

/// 差额: is `candidates` a lawful number of candidates for `seats` seats of `post`?
pub fn check_margin(preset: &Preset, post: Post, seats: u32, candidates: u32) -> Result<(), Breach> {
    let (min, max) = preset.margin(post).range(seats);
    if candidates < min {
        return Err(Breach::new(
            format!("{}应选{seats}名，候选人至少{min}名，现有{candidates}名", post.zh()),
            preset.margin_cite,
        ));
    }
    if let Some(max) = max.filter(|&m| candidates > m) {
        return Err(Breach::new(
            format!("{}应选{seats}名，候选人最多{max}名，现有{candidates}名", post.zh()),
            preset.margin_cite,
        ));
    }
    Ok(())
}

/// Committee size (职数): the total of all posts' seats.
pub fn check_committee_size(preset: &Preset, total: u32) -> Result<(), Breach> {
    let (min, max, cite) = preset.committee_size;
    if total < min || total > max {
        return Err(Breach::new(format!("委员会成员应为{min}至{max}人，现设{total}人"), cite));
    }
    Ok(())
}

/// May `holder` accept one more written proxy?
pub fn check_proxy(
    preset: &Preset,
    electorate: Electorate,
    holder_is_candidate: bool,
    already_held: u32,
) -> Result<(), Breach> {
    let rule = preset.proxy;
    if rule.cap == Some(0) {
        return Err(Breach::new("本选举不实行委托投票".into(), rule.cite));
    }
    if electorate == Electorate::ResidentReps && !rule.allowed_in_resident_reps {
        return Err(Breach::new("居民代表选举不实行委托投票，居民代表应当亲自投票".into(), rule.cite));
    }
    if holder_is_candidate && !rule.candidates_may_hold {
        return Err(Breach::new("候选人不得接受委托投票".into(), rule.cite));
    }
    if let Some(cap) = rule.cap.filter(|&cap| already_held >= cap) {
        return Err(Breach::new(format!("每人接受委托不得超过{cap}人，此人已接受{already_held}人的委托"), rule.cite));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_exact_at_their_edges() {
        // 过半数 is strict: exactly half fails (民法典 art 1259 "超过" excludes the base).
        assert!(!Share::MORE_THAN_HALF.passes(500, 1000));
        assert!(Share::MORE_THAN_HALF.passes(501, 1000));
        assert!(Share::MORE_THAN_HALF.passes(501, 1001));
        assert_eq!(Share::MORE_THAN_HALF.min_count(500), 251);
        assert_eq!(Share::MORE_THAN_HALF.min_count(501), 251);
        // 不少于三分之一 is inclusive.
        assert!(Share::AT_LEAST_ONE_THIRD.passes(167, 501));
        assert!(!Share::AT_LEAST_ONE_THIRD.passes(166, 500));
        assert_eq!(Share::AT_LEAST_ONE_THIRD.min_count(501), 167);
        assert_eq!(Share::AT_LEAST_ONE_THIRD.min_count(500), 167);
        // 居民代表: 20 of 30 is not more than two thirds, 21 is.
        assert!(!Share::MORE_THAN_TWO_THIRDS.passes(20, 30));
        assert!(Share::MORE_THAN_TWO_THIRDS.passes(21, 30));
        // Party quorum 4/5: 40 of 50 fails strictly, passes inclusively.
        assert!(!Share::MORE_THAN_FOUR_FIFTHS.passes(40, 50));
        assert!(Share::AT_LEAST_FOUR_FIFTHS.passes(40, 50));
        assert!(Share::MORE_THAN_FOUR_FIFTHS.passes(41, 50));
    }

    #[test]
    fn there_are_nine_presets_each_found_by_id() {
        assert_eq!(all().len(), 9);
        for p in all() {
            assert_eq!(preset(p.id), Some(p));
        }
        assert!(preset("no-such").is_none());
    }

    #[test]
    fn party_margin_is_twenty_percent_rounded_up() {
        // 条例 art 13 [I] legal-rules 4.6: 3→4, 5→6, 7→9, 9→11.
        let m = preset("party-2020").unwrap().margin(Post::Member);
        assert_eq!([3, 5, 7, 9].map(|s| m.range(s).0), [4, 6, 9, 11]);
    }

    #[test]
    fn provinces_differ_where_their_articles_do() {
        let p = |id| preset(id).unwrap();
        // 河北 art 26: no more than two principals per proxy.
        assert_eq!(p("hebei-2020-village").proxy.cap, Some(2));
        // 2018 village law art 15: near relatives, no cap stated.
        assert_eq!(p("national-2018-village").proxy.cap, None);
        assert_eq!(p("party-2020").proxy.cap, Some(0));
        // 海南 art 29 counts returned ballots; 四川 compares with ballots issued.
        assert_eq!(p("hainan-2025-village").turnout_count, TurnoutCount::Returned);
        assert_eq!(p("sichuan-2025-village").excess.0, ExcessLimit::Issued);
        // 浙江 art 21: only Zhejiang has the separate 妇女委员 post.
        assert!(p("zhejiang-2020-village").has_post(Post::WomenMember));
        assert!(!p("national-2025-residents").has_post(Post::WomenMember));
        // Committee sizes: 居 5-9, 村 3-7.
        assert_eq!(p("national-2025-residents").committee_size.0, 5);
        assert_eq!(p("national-2025-village").committee_size.1, 7);
        // 差额: members +1..3 in Sichuan.
        assert_eq!(p("sichuan-2025-village").margin(Post::Member).range(3), (4, Some(6)));
        // Sichuan publishes nominees 15 days before.
        assert_eq!(p("sichuan-2025-residents").notices.nominee_list, Some(15));
    }

    #[test]
    fn workflow_checks_follow_the_preset() {
        let sc = preset("sichuan-2025-village").unwrap();
        // 四川 art 22: director +1; members +1..3.
        assert!(check_margin(sc, Post::Director, 1, 2).is_ok());
        assert!(check_margin(sc, Post::Director, 1, 1).is_err());
        assert!(check_margin(sc, Post::Director, 1, 3).is_err());
        assert!(check_margin(sc, Post::Member, 3, 6).is_ok());
        assert!(check_margin(sc, Post::Member, 3, 7).unwrap_err().zh.contains("最多6名"));
        // Party: ≥ seats × 1.2 (5 seats → 6 candidates), no upper bound.
        let party = preset("party-2020").unwrap();
        assert!(check_margin(party, Post::Member, 5, 6).is_ok());
        assert!(check_margin(party, Post::Member, 7, 8).is_err());
        assert!(check_margin(party, Post::Member, 7, 20).is_ok());
        // 居 5–9, 村 3–7.
        assert!(check_committee_size(preset("national-2025-residents").unwrap(), 4).is_err());
        assert!(check_committee_size(preset("national-2025-village").unwrap(), 3).is_ok());
        // Proxies: a 4th entrustment is refused (四川 art 30), a 3rd in 河北 (art 26).
        assert!(check_proxy(sc, Electorate::AllVoters, false, 2).is_ok());
        assert!(check_proxy(sc, Electorate::AllVoters, false, 3).is_err());
        let heb = preset("hebei-2020-village").unwrap();
        assert!(check_proxy(heb, Electorate::AllVoters, false, 2).unwrap_err().zh.contains("不得超过2人"));
        assert!(check_proxy(sc, Electorate::AllVoters, true, 0).unwrap_err().zh.contains("候选人"));
        let res = preset("national-2025-residents").unwrap();
        assert!(check_proxy(res, Electorate::ResidentReps, false, 0).is_err());
        assert!(check_proxy(party, Electorate::AllVoters, false, 0).is_err());
        // The 2018 village law states no cap.
        assert!(check_proxy(preset("national-2018-village").unwrap(), Electorate::AllVoters, false, 10).is_ok());
    }
}
