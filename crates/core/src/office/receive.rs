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
