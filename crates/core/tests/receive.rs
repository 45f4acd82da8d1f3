//! The office receiving many communities' files (office::receive), on demo result files.

use huanjie_core::base::hlc::Hlc;
use huanjie_core::demo;
use huanjie_core::office::receive::*;
use huanjie_core::office::stats::CommunityReport;
use huanjie_core::record::bundle::Kind;
use huanjie_core::record::bundle::{Bundle, Draft, ElectionRef};
use huanjie_core::record::identity::Role;

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
