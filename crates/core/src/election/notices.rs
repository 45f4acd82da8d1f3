//! 公示: publishing the voter list (the 20-day rule), objections to it (5 days to file, 3 days to
//! decide), and the 八个公开 checklist with the date each publication was made.

use crate::base::zh;
use crate::election::setup;
use crate::law::calendar::{self, Step};
use crate::law::rules::{self, Breach, Cite, Preset};
use crate::record::events::NoticeKind;
use crate::record::state::{ElectionState, Objection};
use chrono::{Days, NaiveDate};

fn preset_of(state: &ElectionState) -> Option<(&'static Preset, NaiveDate)> {
    let d = state.definition.as_ref()?;
    Some((rules::preset(&d.rule_preset)?, d.election_day))
}

const NO_ELECTION: Cite = Cite { source: "换届助手", article: "选举设置" };

/// May the voter list be published on `on`? The preparation gates are passed, no duplicate or
/// conflicting registration is open, nobody on the list is under 18 on the election day, and the day is at least the preset's N days before the
/// election day (N = 20 everywhere today).
pub fn check_voter_list_publication(state: &ElectionState, on: NaiveDate) -> Result<(), Breach> {
    let Some((preset, day)) = preset_of(state) else {
        return Err(Breach { zh: "请先完成选举设置".into(), cite: NO_ELECTION });
    };
    setup::check_gates(state)?;
    let open = state.open_anomalies().filter(|a| a.kind.code().contains("registration")).count();
    if open > 0 {
        return Err(Breach {
            zh: format!("还有{open}条重复登记未处理，处理后再公布选民名单"),
            cite: Cite { source: preset.basis, article: "选民名单应当准确，一人只能登记一次" },
        });
    }
    let minors = state.under_age_on_day();
    if !minors.is_empty() {
        return Err(Breach {
            zh: format!(
                "名单上有{}人到选举日（{}）未满18周岁：{}。请先将其移出选民名单，再公布",
                minors.len(),
                zh::date(day),
                zh::names(minors.iter().map(|v| v.name.as_str()), 10)
            ),
            cite: Cite { source: preset.basis, article: "年满十八周岁的居民享有选举权和被选举权" },
        });
    }
    check_notice_date(preset, day, &NoticeKind::VoterList, on)
}

/// The latest lawful date of a notice, when the preset sets one (候选人名单 N days before).
pub fn notice_deadline(preset: &Preset, election_day: NaiveDate, notice: &NoticeKind) -> Option<(NaiveDate, Cite)> {
    let step = match notice {
        NoticeKind::Nominees => Step::NomineeListPublished,
        NoticeKind::FinalCandidates => Step::FinalListPublished,
        NoticeKind::VoterList => Step::VoterListPublished,
        NoticeKind::VotingArrangements | NoticeKind::ElectionDate => Step::VotingNoticePublished,
        NoticeKind::MobileBoxUsers => Step::MobileBoxUsersPublished,
        _ => return None,
    };
    calendar::deadlines(preset, election_day).into_iter().find(|d| d.step == step).map(|d| (d.by, d.cite))
}

/// Is publishing `notice` on `on` in time? (On or before `day − N`, legal-rules §0.)
pub fn check_notice_date(
    preset: &Preset,
    election_day: NaiveDate,
    notice: &NoticeKind,
    on: NaiveDate,
) -> Result<(), Breach> {
    match notice_deadline(preset, election_day, notice) {
        Some((by, cite)) if on > by => Err(Breach {
            zh: format!(
                "{}应在{}前公布（选举日{}），{}已超过期限",
                match notice {
                    NoticeKind::Nominees => "提名候选人名单",
                    NoticeKind::FinalCandidates => "正式候选人名单",
                    NoticeKind::VoterList => "选民名单",
                    NoticeKind::VotingArrangements | NoticeKind::ElectionDate => "选举时间、地点和方式",
                    NoticeKind::MobileBoxUsers => "使用流动票箱投票的选民名单",
                    _ => "该公告",
                },
                zh::date(by),
                election_day.format("%-m月%-d日"),
                zh::date(on),
            ),
            cite,
        }),
        _ => Ok(()),
    }
}

/// The list an objection is about: the latest published on or before the day it was filed.
fn list_published_before(state: &ElectionState, filed: NaiveDate) -> Option<NaiveDate> {
    state.voter_lists.iter().map(|l| l.published_on).filter(|&p| p <= filed).max()
}

/// May an objection filed on `filed` be received? Within the preset's window (5 days) after
/// the list was published; a later one goes to the complaints ledger instead.
pub fn check_objection(state: &ElectionState, filed: NaiveDate) -> Result<(), Breach> {
    let Some((preset, _)) = preset_of(state) else {
        return Err(Breach { zh: "请先完成选举设置".into(), cite: NO_ELECTION });
    };
    let Some(published) = list_published_before(state, filed) else {
        return Err(Breach {
            zh: "选民名单尚未公布，还不能受理申诉".into(), cite: preset.notices.cite
        });
    };
    if !calendar::objection_in_time(preset, published, filed) {
        let last = published + Days::new(preset.notices.objection_window.into());
        return Err(Breach {
            zh: format!(
                "申诉期为名单公布之日起{}日（{}止），已逾期。可作为来信来访登记到信访台账",
                preset.notices.objection_window,
                zh::date(last)
            ),
            cite: preset.notices.cite,
        });
    }
    Ok(())
}

/// Where an objection stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectionStatus {
    /// Not decided; `decide_by` is the last lawful day.
    Open {
        decide_by: NaiveDate,
        overdue: bool,
    },
    Decided {
        on: NaiveDate,
        late: bool,
        upheld: bool,
    },
}

impl ObjectionStatus {
    pub fn zh(self) -> String {
        match self {
            ObjectionStatus::Open { decide_by, overdue: false } => {
                format!("待处理，应在{}前作出决定", zh::date(decide_by))
            }
            ObjectionStatus::Open { decide_by, overdue: true } => {
                format!("已超期：应在{}前作出决定", zh::date(decide_by))
            }
            ObjectionStatus::Decided { on, late, upheld } => format!(
                "{}于{}作出决定{}",
                if upheld { "申诉成立，" } else { "申诉不成立，" },
                zh::date(on),
                if late { "（超过三日期限）" } else { "" }
            ),
        }
    }
}

pub fn objection_status(state: &ElectionState, o: &Objection, today: NaiveDate) -> Option<ObjectionStatus> {
    let (preset, _) = preset_of(state)?;
    let decide_by = calendar::objection_decision_by(preset, o.filed.filed_on);
    Some(match &o.decision {
        None => ObjectionStatus::Open { decide_by, overdue: today > decide_by },
        Some(d) => ObjectionStatus::Decided { on: d.decided_on, late: d.decided_on > decide_by, upheld: d.upheld },
    })
}

/// One of the 八个公开 and when it was made public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub notice: NoticeKind,
    pub zh: &'static str,
    /// First day it was made public, from the notices and the lists recorded.
    pub published_on: Option<NaiveDate>,
    /// The last lawful day, where a law sets one.
    pub due: Option<NaiveDate>,
}

impl Publication {
    pub fn late(&self) -> bool {
        matches!((self.published_on, self.due), (Some(p), Some(d)) if p > d)
    }
}

/// The 八个公开 as the work reports list them (seed 001): the election committee, the voter
/// list, the nominees, the final candidates, the election day, the place and hours, the staff
/// and the result.
pub const EIGHT: [(NoticeKind, &str); 8] = [
    (NoticeKind::ElectionCommittee, "选举委员会成员推选公开"),
    (NoticeKind::VoterList, "选民名单公开"),
    (NoticeKind::Nominees, "提名候选人公开"),
    (NoticeKind::FinalCandidates, "正式候选人公开"),
    (NoticeKind::ElectionDate, "选举日期公开"),
    (NoticeKind::VotingArrangements, "选举地点和投票时间公开"),
    (NoticeKind::Staff, "选举工作人员公开"),
    (NoticeKind::Result, "选举结果公开"),
];

/// The checklist, with dates from NoticePublished and from the list events themselves.
pub fn eight_publications(state: &ElectionState) -> Vec<Publication> {
    let preset = preset_of(state);
    let day = state.election_day();
    EIGHT
        .into_iter()
        .map(|(notice, zh)| {
            let noticed = state.notices.iter().filter(|n| n.notice == notice).map(|n| n.published_on);
            let listed: Option<NaiveDate> = match notice {
                NoticeKind::VoterList => state.voter_lists.iter().map(|l| l.published_on).min(),
                NoticeKind::FinalCandidates => state.final_list.as_ref().map(|l| l.published_on),
                _ => None,
            };
            let published_on = noticed.chain(listed).min();
            let due = match notice {
                // 当场公布: on the election day itself.
                NoticeKind::Result => day,
                _ => preset.and_then(|(p, day)| notice_deadline(p, day, &notice)).map(|(by, _)| by),
            };
            Publication { notice, zh, published_on, due }
        })
        .collect()
}
