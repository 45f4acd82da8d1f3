//! Merging is set union: commutative, idempotent, and the fold order depends on the set alone.
//! Forks and gaps are surfaced, never resolved silently.

use huanjie_core::base::hlc::Hlc;
use huanjie_core::record::events::{Event, EventBody};
use huanjie_core::record::log::{Anomaly, Log};
use proptest::prelude::*;

fn body(text: &str) -> EventBody {
    EventBody::Note { text: text.to_string() }
}

/// A device's chain of `n` events at the given wall times.
fn chain(device: &str, walls: &[u64]) -> Vec<Event> {
    let mut log = Log::new(device);
    walls.iter().enumerate().map(|(i, &w)| log.append_local(body(&format!("{device}-{i}")), w)).collect()
}

fn ids(log: &Log) -> Vec<String> {
    log.in_order().map(|e| e.id.clone()).collect()
}

#[test]
fn fold_order_is_time_then_device_then_seq() {
    let a = chain("AAAA-AAAA", &[10, 20, 20]);
    let b = chain("BBBB-BBBB", &[10, 15]);
    let (log, _) = Log::from_events("ZZZZ-ZZZZ", b.iter().chain(&a).cloned());
    let order: Vec<(u64, u32, &str, u64)> =
        log.in_order().map(|e| (e.time.ms, e.time.n, e.device.as_str(), e.seq)).collect();
    assert_eq!(
        order,
        vec![
            (10, 0, "AAAA-AAAA", 1),
            (10, 0, "BBBB-BBBB", 1),
            (15, 0, "BBBB-BBBB", 2),
            (20, 0, "AAAA-AAAA", 2),
            (20, 1, "AAAA-AAAA", 3)
        ]
    );
}

#[test]
fn a_fork_is_kept_and_reported() {
    // One key restored on two phones: both write event 1 and 2.
    let left = chain("AAAA-AAAA", &[10, 11]);
    let right = chain("AAAA-AAAA", &[12, 13]);
    let mut log = Log::new("ZZZZ-ZZZZ");
    log.merge(left.clone());
    let report = log.merge(right.clone());
    assert_eq!(report.added.len(), 2);
    let forks: Vec<_> = report.anomalies.iter().filter(|a| matches!(a, Anomaly::Fork { .. })).collect();
    assert_eq!(forks.len(), 2, "{:?}", report.anomalies);
    assert_eq!(log.len(), 4);
    assert_eq!(log.at("AAAA-AAAA", 1).len(), 2);
    // Each branch links to its own first event, so no broken link.
    assert!(!report.anomalies.iter().any(|a| matches!(a, Anomaly::BrokenLink { .. })));
    // Only the second event of the other branch: its link is broken.
    let mut partial = Log::new("ZZZZ-ZZZZ");
    partial.merge([left[0].clone(), right[1].clone()]);
    assert_eq!(
        partial.anomalies(),
        vec![Anomaly::BrokenLink { device: "AAAA-AAAA".into(), seq: 2, id: right[1].id.clone() }]
    );
}

#[test]
fn a_gap_is_reported_until_filled() {
    let events = chain("AAAA-AAAA", &[1, 2, 3, 4, 5]);
    let mut log = Log::new("ZZZZ-ZZZZ");
    let report = log.merge([events[0].clone(), events[3].clone(), events[4].clone()]);
    assert_eq!(report.anomalies, vec![Anomaly::Missing { device: "AAAA-AAAA".into(), from: 2, to: 3 }]);
    let report = log.merge(events[1..3].to_vec());
    assert!(report.anomalies.is_empty());
    assert_eq!(log.head("AAAA-AAAA").unwrap().seq, 5);
    assert_eq!(log.chain_ending_at(&events[4].id).len(), 5);
}

#[test]
fn added_events_are_what_to_persist() {
    let events = chain("AAAA-AAAA", &[1, 2, 3]);
    let mut log = Log::new("ZZZZ-ZZZZ");
    log.merge(events[..2].to_vec());
    let report = log.merge(events.clone());
    assert_eq!(report.added, vec![events[2].clone()]);
    assert_eq!(report.already_known, 2);
    assert!(log.clock() >= events[2].time);
}

/// Three devices' chains, cut into bundles at random points.
fn scenario() -> impl Strategy<Value = (Vec<Event>, Vec<usize>)> {
    let walls = prop::collection::vec(prop::collection::vec(0u64..50, 0..12), 3);
    (walls, prop::collection::vec(0usize..1000, 1..8)).prop_map(|(walls, cuts)| {
        let mut all = Vec::new();
        for (d, w) in walls.iter().enumerate() {
            let mut sorted = w.clone();
            sorted.sort();
            all.extend(chain(["AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC"][d], &sorted));
        }
        (all, cuts)
    })
}

fn bundles(all: &[Event], cuts: &[usize]) -> Vec<Vec<Event>> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (all.len() + 1)).collect();
    points.push(0);
    points.push(all.len());
    points.sort();
    points.windows(2).map(|w| all[w[0]..w[1]].to_vec()).collect()
}

proptest! {
    #[test]
    fn merge_is_commutative_and_idempotent((all, cuts) in scenario(), seed in any::<u64>()) {
        let parts = bundles(&all, &cuts);
        let mut forward = Log::new("ZZZZ-ZZZZ");
        for p in &parts { forward.merge(p.clone()); }
        // Another order: reversed, each bundle reversed, then a rotation by `seed`.
        let mut shuffled: Vec<Vec<Event>> = parts.iter().rev().map(|p| p.iter().rev().cloned().collect()).collect();
        let len = shuffled.len();
        shuffled.rotate_left(seed as usize % len);
        let mut backward = Log::new("ZZZZ-ZZZZ");
        for p in &shuffled { backward.merge(p.clone()); }
        prop_assert_eq!(ids(&forward), ids(&backward));
        prop_assert_eq!(forward.heads(), backward.heads());
        prop_assert_eq!(forward.anomalies(), backward.anomalies());
        prop_assert_eq!(forward.clock(), backward.clock());
        prop_assert!(forward.anomalies().is_empty());
        // Importing everything again changes nothing.
        let before = ids(&forward);
        for p in &parts {
            let report = forward.merge(p.clone());
            prop_assert!(report.added.is_empty());
        }
        prop_assert_eq!(ids(&forward), before);
        // The fold order is sorted by (time, device, seq).
        let keys: Vec<(Hlc, String, u64)> = forward.in_order().map(|e| (e.time, e.device.clone(), e.seq)).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }
}

#[test]
fn a_merge_says_whether_it_only_appended_after_everything_known() {
    let mut a = Log::new("AAAA-AAAA");
    let first = a.append_local(body("one"), 1_000);
    let mut later = Log::new("BBBB-BBBB");
    later.merge([first.clone()]);
    let after = later.append_local(body("two"), 2_000);
    let mut early = Log::new("CCCC-CCCC");
    let before = early.append_local(body("zero"), 500);

    let mut log = Log::new("DDDD-DDDD");
    assert!(log.merge([first]).appended_at_end, "into an empty log");
    assert!(log.merge([after]).appended_at_end, "strictly later");
    assert!(!log.merge([before]).appended_at_end, "interleaves: the fold must start over");
}

#[test]
fn merging_verified_events_gives_the_same_log_without_rehashing() {
    let mut a = Log::new("AAAA-AAAA");
    let events: Vec<Event> = (0..50).map(|i| a.append_local(body(&format!("{i}")), 1_000 + i)).collect();
    let mut checked = Log::new("X");
    let mut trusted = Log::new("X");
    let r1 = checked.merge(events.clone());
    let r2 = trusted.merge_verified(events);
    assert_eq!(r1, r2);
    assert_eq!(checked.in_order().collect::<Vec<_>>(), trusted.in_order().collect::<Vec<_>>());
}
