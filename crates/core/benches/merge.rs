//! 20 field bundles totalling 50,000 events: build, serialize, verify and merge.
//! Run: CARGO_TARGET_DIR=... cargo bench -p huanjie-core --bench merge

use huanjie_core::bundle::{self, Bundle, Draft, ElectionRef, Kind, TrustContext};
use huanjie_core::events::EventBody;
use huanjie_core::identity::{DeviceKey, Role};
use huanjie_core::log::Log;
use std::time::Instant;

const DEVICES: usize = 20;
const EVENTS: usize = 50_000;

fn main() {
    let election = ElectionRef {
        id: "bench".into(),
        definition_hash: "00".repeat(32),
    };
    let mut ctx = TrustContext {
        election: Some(election.clone()),
        ..Default::default()
    };
    let start = Instant::now();
    let mut files = Vec::new();
    for d in 0..DEVICES {
        let key = DeviceKey::from_seed([d as u8 + 1; 32]);
        let record = key.record(Role::GridWorker, &format!("网格员{d}"));
        ctx.enrolled.push(record.clone());
        let mut log = Log::new(&key.code());
        for i in 0..EVENTS / DEVICES {
            let text = format!("户 {i}：张三，110101199003070011，幸福路 {i} 号");
            log.append_local(
                EventBody::Note { text },
                1_773_000_000_000 + (i * 1000 + d) as u64,
            );
        }
        let draft = Draft {
            kind: Kind::Field,
            election: election.clone(),
            app_build: "bench".into(),
            created: log.clock(),
            events: log.in_order().cloned().collect(),
            content: None,
            roster: None,
            forwarded_heads: Vec::new(),
        };
        files.push(Bundle::build(draft, &key, record).unwrap().to_json_bytes());
    }
    let built = start.elapsed();
    let bytes: usize = files.iter().map(Vec::len).sum();

    let start = Instant::now();
    let verified: Vec<_> = files
        .iter()
        .map(|f| bundle::verify(f, &ctx).unwrap())
        .collect();
    let verify_time = start.elapsed();

    let start = Instant::now();
    let mut log = Log::new("ZZZZ-ZZZZ");
    let mut added = 0;
    for v in verified {
        added += log.merge(v.bundle.events).added.len();
    }
    let merge_time = start.elapsed();
    let start = Instant::now();
    let folded = log.in_order().count();
    let fold_time = start.elapsed();

    assert_eq!((added, folded), (EVENTS, EVENTS));
    println!(
        "{DEVICES} bundles, {EVENTS} events, {:.1} MB of JSON",
        bytes as f64 / 1e6
    );
    println!("build+sign+serialize: {built:.2?}");
    println!("verify (parse, signature, ids, chains, heads): {verify_time:.2?}");
    println!("merge into one log (re-checks ids): {merge_time:.2?}");
    println!("iterate in fold order: {fold_time:.2?}");
}
