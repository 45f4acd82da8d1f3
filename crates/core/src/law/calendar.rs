//! 行事历: every step with its legal deadline, computed from the election day by the preset,
//! and the warnings a committee needs before a deadline passes.
//!
//! "N days before the election day" means on or before `day − N` (legal-rules §0 [I]: the start
//! day is not counted, 民法典 art 201).

use crate::base::zh;
use crate::law::rules::{Cite, Preset};
use chrono::{Days, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    VoterListPublished,
    NomineeListPublished,
    FinalListPublished,
    VotingNoticePublished,
    MobileBoxUsersPublished,
    ElectionDay,
    SupplementaryRound,
    Handover,
}

impl Step {
    pub fn zh(self) -> &'static str {
        match self {
            Step::VoterListPublished => "公布选民名单",
            Step::NomineeListPublished => "公布提名候选人名单",
            Step::FinalListPublished => "公布正式候选人名单",
            Step::VotingNoticePublished => "公布投票时间、地点和方式",
            Step::MobileBoxUsersPublished => "公布使用流动票箱投票的选民名单",
            Step::ElectionDay => "选举日",
            Step::SupplementaryRound => "另行选举（如有未选足的名额）",
            Step::Handover => "完成工作移交",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub step: Step,
    /// The last day on which the step is lawful (for the election day: the day itself).
    pub by: NaiveDate,
    pub cite: Cite,
}

/// The calendar of an election on `day` under `preset`, in date order.
pub fn deadlines(preset: &Preset, day: NaiveDate) -> Vec<Deadline> {
    let n = preset.notices;
    let before = |days: u32| day.checked_sub_days(Days::new(days.into())).unwrap_or(day);
    let after = |days: u32| day.checked_add_days(Days::new(days.into())).unwrap_or(day);
    let mut out = Vec::new();
    if n.voter_list > 0 {
        out.push(Deadline { step: Step::VoterListPublished, by: before(n.voter_list), cite: n.cite });
    }
    if let Some(days) = n.nominee_list {
        out.push(Deadline { step: Step::NomineeListPublished, by: before(days), cite: n.cite });
    }
    if n.final_list > 0 {
        out.push(Deadline { step: Step::FinalListPublished, by: before(n.final_list), cite: n.cite });
    }
    if let Some(days) = n.voting_notice {
        out.push(Deadline { step: Step::VotingNoticePublished, by: before(days), cite: n.cite });
    }
    if let Some(days) = n.mobile_box_users {
        out.push(Deadline { step: Step::MobileBoxUsersPublished, by: before(days), cite: n.cite });
    }
    out.push(Deadline { step: Step::ElectionDay, by: day, cite: preset.turnout });
    out.push(Deadline {
        step: Step::SupplementaryRound,
        by: after(preset.supplementary_days),
        cite: preset.supplementary.1,
    });
    out.push(Deadline {
        step: Step::Handover,
        by: after(10),
        cite: Cite {
            source: "城市居民委员会组织法 / 村民委员会组织法",
            article: "新一届委员会产生之日起十日内完成移交",
        },
    });
    out.sort_by_key(|d| d.by);
    out
}

/// The last day to decide an objection to the voter list filed on `filed`.
pub fn objection_decision_by(preset: &Preset, filed: NaiveDate) -> NaiveDate {
    filed + Days::new(preset.notices.objection_decision.into())
}

/// Whether an objection filed on `filed` is within the window after the list's `published`.
pub fn objection_in_time(preset: &Preset, published: NaiveDate, filed: NaiveDate) -> bool {
    filed >= published && filed <= published + Days::new(preset.notices.objection_window.into())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The deadline has passed and the step is not done.
    Missed { step: Step, by: NaiveDate },
    /// Due within the warning window.
    DueSoon { step: Step, by: NaiveDate, days_left: i64 },
}

impl Warning {
    pub fn zh(&self) -> String {
        match self {
            Warning::Missed { step, by } => {
                format!("已超过法定期限：{}应在{}前完成", step.zh(), zh::date(*by))
            }
            Warning::DueSoon { step, by, days_left: 0 } => {
                format!("今天是最后期限：{}（{}）", step.zh(), zh::date(*by))
            }
            Warning::DueSoon { step, by, days_left } => {
                format!("还剩{days_left}天：{}应在{}前完成", step.zh(), zh::date(*by))
            }
        }
    }
}

/// Warnings on `today` for steps not yet `done`, warning `window` days ahead.
pub fn warnings(deadlines: &[Deadline], done: &[Step], today: NaiveDate, window: i64) -> Vec<Warning> {
    deadlines
        .iter()
        .filter(|d| !done.contains(&d.step) && d.step != Step::SupplementaryRound)
        .filter_map(|d| {
            let left = (d.by - today).num_days();
            if left < 0 {
                Some(Warning::Missed { step: d.step, by: d.by })
            } else if left <= window {
                Some(Warning::DueSoon { step: d.step, by: d.by, days_left: left })
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::rules::preset;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_voter_list_is_due_twenty_days_before_the_election_day() {
        // 居委会组织法 2025 art 17: 选举日的二十日前公布. Election 5-18 → on or before 4-28.
        let d = deadlines(preset("national-2025-residents").unwrap(), date(5, 18));
        let list = d.iter().find(|d| d.step == Step::VoterListPublished).unwrap();
        assert_eq!(list.by, date(4, 28));
        let fin = d.iter().find(|d| d.step == Step::FinalListPublished).unwrap();
        assert_eq!(fin.by, date(5, 13));
        assert_eq!(d.iter().find(|d| d.step == Step::Handover).unwrap().by, date(5, 28));
        assert!(d.windows(2).all(|w| w[0].by <= w[1].by));
    }

    #[test]
    fn sichuan_publishes_nominees_fifteen_days_before_and_holds_supplementary_rounds_within_ten() {
        let d = deadlines(preset("sichuan-2025-residents").unwrap(), date(5, 18));
        assert_eq!(d.iter().find(|d| d.step == Step::NomineeListPublished).unwrap().by, date(5, 3));
        assert_eq!(d.iter().find(|d| d.step == Step::SupplementaryRound).unwrap().by, date(5, 28));
        // The national law sets no nominee-list date.
        let n = deadlines(preset("national-2025-residents").unwrap(), date(5, 18));
        assert!(n.iter().all(|d| d.step != Step::NomineeListPublished));
    }

    #[test]
    fn objections_have_five_days_and_decisions_three() {
        let p = preset("national-2025-village").unwrap();
        assert!(objection_in_time(p, date(4, 28), date(5, 3)));
        assert!(!objection_in_time(p, date(4, 28), date(5, 4)));
        assert_eq!(objection_decision_by(p, date(5, 3)), date(5, 6));
    }

    #[test]
    fn warnings_name_missed_and_coming_deadlines() {
        let d = deadlines(preset("national-2025-residents").unwrap(), date(5, 18));
        let w = warnings(&d, &[], date(4, 29), 7);
        assert!(w.contains(&Warning::Missed { step: Step::VoterListPublished, by: date(4, 28) }));
        assert!(w.iter().all(|w| !matches!(w, Warning::DueSoon { step: Step::FinalListPublished, .. })));
        let w = warnings(&d, &[Step::VoterListPublished], date(5, 13), 3);
        assert_eq!(w[0], Warning::DueSoon { step: Step::FinalListPublished, by: date(5, 13), days_left: 0 });
        assert!(w[0].zh().contains("今天是最后期限"));
    }
}
