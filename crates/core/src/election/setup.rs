//! Setting up an election: whether a definition (kind, electorate, preset, posts and seats) is
//! lawful under its preset, and the preparation gates that must be passed before the election
//! goes ahead (no audit, no election).

use crate::base::zh;
use crate::law::calendar;
use crate::law::rules::{self, Breach, Cite, Family, Preset, WomenRule};
use crate::record::events::{ElectionDefined, ElectionKind, ElectorateMode, Post, RegistrationCategory};
use crate::record::state::ElectionState;
use chrono::NaiveDate;

/// The work requirement quoted by the street offices (seed 002: “不经审计，一律不得换届”).
pub const AUDIT_RULE: Cite = Cite {
    source: "社区“两委”换届工作要求",
    article: "任期和离任经济责任审计：不经审计，一律不得换届",
};

const PRESET_LIST: Cite = Cite { source: "换届助手规则目录", article: "法规版本和省份" };

/// The family of presets an election of `kind` is run under.
pub fn family_of(kind: ElectionKind) -> Family {
    match kind {
        ElectionKind::ResidentsCommittee => Family::Residents,
        ElectionKind::VillageCommittee => Family::Village,
        ElectionKind::PartyCommittee => Family::Party,
    }
}

/// The presets a committee may choose for an election of `kind`.
pub fn presets_for(kind: ElectionKind) -> impl Iterator<Item = &'static Preset> {
    rules::all().iter().filter(move |p| p.family == family_of(kind))
}

/// The preset a new definition of `kind` starts from: the first of its family (the national law).
pub fn default_preset(kind: ElectionKind) -> Option<&'static Preset> {
    presets_for(kind).next()
}

/// The seats a new definition starts with: 主任 1, 副主任 1, 委员 3 (a five-member committee, the
/// smallest residents' committee the law allows); no separate 妇女委员 seat.
pub fn default_seats(post: Post) -> u32 {
    match post {
        Post::Director | Post::DeputyDirector => 1,
        Post::Member => 3,
        _ => 0,
    }
}

/// The electorate the turnout rule counts (the no-candidates mode is voted by all voters).
pub fn electorate(mode: ElectorateMode) -> rules::Electorate {
    match mode {
        ElectorateMode::AllVoters | ElectorateMode::NoCandidates => rules::Electorate::AllVoters,
        ElectorateMode::HouseholdReps => rules::Electorate::HouseholdReps,
        ElectorateMode::ResidentReps => rules::Electorate::ResidentReps,
    }
}

/// The registration categories the law of `family` knows (居委会组织法 2025 art 16: hukou, 常住,
/// community workers of 6 months; 村委会组织法 art 13: hukou living or not, 1 year's residence).
pub fn registration_categories(family: Family) -> &'static [RegistrationCategory] {
    use RegistrationCategory::*;
    match family {
        Family::Residents => &[HukouResident, HukouNotResident, ResidentNoHukou, CommunityWorker6m],
        Family::Village => &[HukouResident, HukouNotResident, VillageResident1y],
        // Party members are registered by their organisation, not by residence.
        Family::Party => &[HukouResident],
    }
}

/// What choosing `day` as the election day would mean, said before it is saved (it may still be
/// saved: a committee sometimes must): a day already past, a day too near for the voter list to
/// be published in time (the first step of the calendar, unless it is already done), and the
/// registered voters who would be under 18 on it.
pub fn day_warnings(state: &ElectionState, preset: &Preset, day: NaiveDate, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if day < today {
        out.push(format!("选举日{}已经过去，请核对", zh::date(day)));
    } else if let Some(first) = calendar::deadlines(preset, day).into_iter().find(|d| d.by < today) {
        let done = first.step == calendar::Step::VoterListPublished && !state.voter_lists.is_empty();
        if !done {
            out.push(format!(
                "选举日{}太近：{}应在{}前完成，今天已来不及（{}{}）",
                zh::date(day),
                first.step.zh(),
                zh::date(first.by),
                first.cite.source,
                first.cite.article
            ));
        }
    }
    let minors = state.under_age_on(day);
    if !minors.is_empty() {
        out.push(format!(
            "已登记的选民中有{}人到{}未满18周岁：{}。保存后请在“登记选民”中将其移出选民名单",
            minors.len(),
            zh::date(day),
            zh::names(minors.iter().map(|v| v.name.as_str()), 10)
        ));
    }
    out
}

/// Everything unlawful or incomplete in a definition, each with its article; empty when it may
/// be saved. Every problem is listed at once so the form can show them together.
pub fn check_definition(def: &ElectionDefined) -> Vec<Breach> {
    let mut out = Vec::new();
    let Some(preset) = rules::preset(&def.rule_preset) else {
        out.push(Breach { zh: format!("未知的规则版本：{}", def.rule_preset), cite: PRESET_LIST });
        return out;
    };
    let basis = |article: &'static str| Cite { source: preset.basis, article };
    if def.community.trim().is_empty() || def.street.trim().is_empty() || def.district.trim().is_empty() {
        out.push(Breach { zh: "请填写社区、街道和区的名称".into(), cite: basis("选举的组织") });
    }
    if preset.family != family_of(def.kind) {
        out.push(Breach {
            zh: format!("规则“{}”不适用于{}选举", preset.name, def.kind.name_zh()), cite: PRESET_LIST
        });
    }
    if preset.family != Family::Party
        && def.electorate != ElectorateMode::NoCandidates
        && !preset.electorates.contains(&electorate(def.electorate))
    {
        out.push(Breach {
            zh: format!("“{}”不能采用{}", preset.name, def.electorate.name_zh()), cite: preset.turnout
        });
    }
    if def.posts.is_empty() {
        out.push(Breach { zh: "请至少设定一个职务和名额".into(), cite: preset.committee_size.2 });
    }
    for (i, p) in def.posts.iter().enumerate() {
        if def.posts[..i].iter().any(|q| q.post == p.post) {
            out.push(Breach { zh: format!("{}重复设定", p.post.zh()), cite: preset.committee_size.2 });
        }
        if !preset.has_post(p.post) {
            out.push(Breach {
                zh: format!("“{}”的选票上没有{}职务", preset.name, p.post.zh()),
                cite: preset.committee_size.2,
            });
        }
        if p.seats == 0 {
            out.push(Breach { zh: format!("{}的名额不能为0", p.post.zh()), cite: preset.committee_size.2 });
        }
        if p.post == Post::Director && p.seats != 1 {
            out.push(Breach { zh: format!("主任只设1名，现设{}名", p.seats), cite: preset.committee_size.2 });
        }
    }
    if preset.family != Family::Party && !def.posts.iter().any(|p| p.post == Post::Director) {
        out.push(Breach { zh: "应当设主任1名".into(), cite: preset.committee_size.2 });
    }
    let total: u32 = def.posts.iter().map(|p| p.seats).sum();
    if let Err(b) = rules::check_committee_size(preset, total) {
        out.push(b);
    }
    if preset.women.0 == WomenRule::SeparatePost && !def.posts.iter().any(|p| p.post == Post::WomenMember) {
        out.push(Breach {
            zh: "应当设妇女委员职务（本省单独选举妇女委员）".into(), cite: preset.women.1
        });
    }
    out
}

/// One preparation step and whether the records show it done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    pub zh: &'static str,
    pub done_on: Option<NaiveDate>,
    /// The election may not go ahead without it.
    pub required: bool,
    pub cite: Cite,
}

/// 准备 and 选举委员会: the steps before registration, in order.
pub fn gates(state: &ElectionState) -> Vec<Gate> {
    let prep = state.preparation.as_ref();
    let basis = state
        .definition
        .as_ref()
        .and_then(|d| rules::preset(&d.rule_preset))
        .map_or("城市居民委员会组织法", |p| p.basis);
    vec![
        Gate {
            zh: "任期和离任经济责任审计完成并公布",
            done_on: prep.and_then(|p| p.audit_published),
            required: true,
            cite: AUDIT_RULE,
        },
        Gate {
            zh: "民主评议",
            done_on: prep.and_then(|p| p.democratic_review),
            required: false,
            cite: Cite { source: "社区“两委”换届工作要求", article: "换届前开展民主评议" },
        },
        Gate {
            zh: "实施方案（含行事历）通过",
            done_on: prep.and_then(|p| p.plan_adopted),
            required: false,
            cite: Cite { source: "社区“两委”换届工作要求", article: "制定换届选举实施方案" },
        },
        Gate {
            zh: "推选选举委员会",
            done_on: state.committee.as_ref().map(|c| c.formed_on),
            required: true,
            cite: Cite { source: basis, article: "选举委员会主持选举" },
        },
    ]
}

/// The first required gate not yet passed, as the reason an election step is refused.
pub fn check_gates(state: &ElectionState) -> Result<(), Breach> {
    match gates(state).into_iter().find(|g| g.required && g.done_on.is_none()) {
        Some(g) => Err(Breach { zh: format!("还不能进行这一步：{}尚未记录", g.zh), cite: g.cite }),
        None => Ok(()),
    }
}

/// Why a committee member must withdraw: they are nominated (their own voter record is on the
/// candidate list). Near relatives cannot be seen in the records; the screen asks a person.
pub fn withdrawal_cite(state: &ElectionState) -> Cite {
    let basis = state
        .definition
        .as_ref()
        .and_then(|d| rules::preset(&d.rule_preset))
        .map_or("城市居民委员会组织法(2025修订)", |p| p.basis);
    Cite {
        source: basis, article: "选举委员会成员被提名为候选人，或者其近亲属被提名的，应当退出；依次递补"
    }
}
