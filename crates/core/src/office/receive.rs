//! The street / district office receiving result and progress files from many communities:
//! what each file is, whether to keep it, and why not. The aggregate itself is `stats`.

use crate::base::zh;
use crate::office::stats::CommunityReport;
use crate::record::bundle::{verify_untrusted, Kind};
use crate::record::identity::DeviceRecord;
use serde::{Deserialize, Serialize};

/// A file the office kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// The bundle's signed hash: the same file twice is recognised by it.
    pub hash: String,
    pub sender: DeviceRecord,
    pub report: CommunityReport,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Keep it. `supersedes`: an older report of the same community and committee it replaces.
    Accepted {
        received: Received,
        supersedes: bool,
    },
    /// Keep it, but a newer report of that committee is already here.
    Older {
        received: Received,
    },
    AlreadyReceived,
    /// Signed by another key than earlier files of the same community: kept out and shown, for
    /// a person to check with the community (a forged or reinstalled device).
    Conflict {
        community: String,
        zh: String,
    },
    Refused {
        zh: String,
        check: &'static str,
    },
}

impl Verdict {
    pub fn zh(&self) -> String {
        match self {
            Verdict::Accepted { received: r, supersedes } => format!(
                "已接收：{} {}（{}，{}）{}",
                r.report.community.name,
                r.report.community.kind.name_zh(),
                r.report.stage.name_zh(),
                zh::date(r.report.reported_on),
                if *supersedes { "，替换了较早的报告" } else { "" }
            ),
            Verdict::Older { received: r } => {
                format!("已接收，但{}已有更新的报告，统计使用较新的一份", r.report.community.name)
            }
            Verdict::AlreadyReceived => "这个文件已经接收过，没有变化。".into(),
            Verdict::Conflict { zh, .. } | Verdict::Refused { zh, .. } => zh.clone(),
        }
    }
}

/// Check one file against what the office already holds.
pub fn receive(bytes: &[u8], held: &[Received]) -> Verdict {
    let verified = match verify_untrusted(bytes) {
        Ok(v) => v,
        Err(refusal) => {
            return Verdict::Refused { zh: format!("已拒绝：{}", refusal.message_zh()), check: refusal.check() }
        }
    };
    if held.iter().any(|r| r.hash == verified.hash) {
        return Verdict::AlreadyReceived;
    }
    let bundle = verified.bundle;
    if !matches!(bundle.kind, Kind::Result | Kind::Progress) {
        return Verdict::Refused {
            zh: format!("已拒绝：这是{}，不是社区的选举结果或进度报告。", bundle.kind.label_zh()),
            check: "kind",
        };
    }
    let Some(report) = bundle.content.and_then(|c| serde_json::from_value::<CommunityReport>(c).ok()) else {
        return Verdict::Refused {
            zh: "已拒绝：文件中的社区报告无法读取。请让社区重新导出并发送。".into(),
            check: "report",
        };
    };
    let same_community = || held.iter().filter(|r| r.report.community.id == report.community.id);
    if let Some(earlier) = same_community().find(|r| r.sender.public_key != bundle.sender.public_key) {
        return Verdict::Conflict {
            community: report.community.id.clone(),
            zh: format!(
                "未接收：{}的文件由设备 {} 签名，与此前的设备 {} 不同。请与社区核实后再处理。",
                report.community.name, bundle.sender.code, earlier.sender.code
            ),
        };
    }
    let same_committee: Vec<&Received> =
        same_community().filter(|r| r.report.community.kind == report.community.kind).collect();
    let received = Received { hash: verified.hash, sender: bundle.sender, report };
    if same_committee.iter().any(|r| r.report.reported_on > received.report.reported_on) {
        Verdict::Older { received }
    } else {
        let supersedes = !same_committee.is_empty();
        Verdict::Accepted { received, supersedes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::demo;
    use crate::record::bundle::{Bundle, Draft, ElectionRef};
    use crate::record::identity::Role;

    fn files() -> Vec<Vec<u8>> {
        demo::result_bundles(3, demo::START_MS).into_iter().map(|(_, b)| b.to_json_bytes()).collect()
    }

    fn keep(verdict: Verdict, held: &mut Vec<Received>) {
        match verdict {
            Verdict::Accepted { received, .. } | Verdict::Older { received } => held.push(received),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_file_once_duplicates_recognised_damage_refused() {
        let mut held = Vec::new();
        for f in files() {
            let v = receive(&f, &held);
            assert!(v.zh().starts_with("已接收"), "{}", v.zh());
            keep(v, &mut held);
        }
        assert_eq!(receive(&files()[0], &held), Verdict::AlreadyReceived);
        let text = String::from_utf8(files()[1].clone()).unwrap();
        let cut = &text.as_bytes()[..text.len() / 2];
        assert!(matches!(receive(cut, &held), Verdict::Refused { check: "truncated", .. }));
        let package = demo::sample_bundles(demo::START_MS)[0].1.to_json_bytes();
        assert!(receive(&package, &held).zh().contains("不是社区的选举结果"));
    }

    #[test]
    fn a_newer_report_supersedes_and_another_key_is_a_conflict() {
        let (_, original) = demo::result_bundles(1, demo::START_MS).remove(0);
        let mut held = Vec::new();
        keep(receive(&original.to_json_bytes(), &held), &mut held);
        let resend = |seed: &str, days: i64| {
            let mut report: CommunityReport = serde_json::from_value(original.content.clone().unwrap()).unwrap();
            report.reported_on += chrono::Duration::days(days);
            let key = demo::device_key(&format!("community-{seed}"));
            let draft = Draft {
                kind: Kind::Result,
                election: ElectionRef { ..original.election.clone() },
                app_build: "t".into(),
                created: Hlc { ms: demo::START_MS + 99, n: 0 },
                events: Vec::new(),
                content: Some(serde_json::to_value(&report).unwrap()),
                roster: None,
                forwarded_heads: Vec::new(),
            };
            Bundle::build(draft, &key, key.record(Role::ElectionCommittee, "选委会")).unwrap().to_json_bytes()
        };
        let newer = receive(&resend(&original.election.id, 1), &held);
        assert!(matches!(newer, Verdict::Accepted { supersedes: true, .. }), "{newer:?}");
        assert!(matches!(receive(&resend(&original.election.id, -1), &held), Verdict::Older { .. }));
        let forged = receive(&resend("someone-else", 2), &held);
        assert!(matches!(forged, Verdict::Conflict { .. }), "{forged:?}");
        assert!(forged.zh().contains("请与社区核实"));
    }
}
