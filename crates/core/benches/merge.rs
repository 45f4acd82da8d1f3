//! 20 field bundles totalling 50,000 voters (benchdata, the same files the browser's /bench
//! page imports): verify each against the committee, then merge into one log and fold.

use huanjie_core::demo::benchdata;
use huanjie_core::election::exchange;
use huanjie_core::record::bundle;
use huanjie_core::record::log::Log;
use huanjie_core::record::state::ElectionState;
use std::time::Instant;

fn main() {
    let start = Instant::now();
    let data = benchdata::field_bundles(20, 50_000);
    let built = start.elapsed();
    let bytes: usize = data.files.iter().map(Vec::len).sum();

    let mut log = Log::from_events(&data.committee.code, data.base.clone()).0;
    let state = ElectionState::fold(log.in_order());
    let ctx = exchange::trust_context(&state, &data.committee, Default::default());

    let start = Instant::now();
    let verified: Vec<_> = data.files.iter().map(|f| bundle::verify(f, &ctx).expect("valid bench file")).collect();
    let verify_time = start.elapsed();

    let start = Instant::now();
    let mut added = 0;
    for v in verified {
        added += log.merge(v.bundle.events).added.len();
    }
    let merge_time = start.elapsed();

    let start = Instant::now();
    let state = ElectionState::fold(log.in_order());
    let fold_time = start.elapsed();

    println!(
        "{} bundles, {added} events, {} voters, {:.1} MB of JSON",
        data.files.len(),
        state.voters().len(),
        bytes as f64 / 1e6
    );
    println!("build+sign+serialize: {built:.2?}");
    println!("verify (parse, signature, ids, chains, heads): {verify_time:.2?}");
    println!("merge into one log (re-checks ids): {merge_time:.2?}");
    println!("fold into the election state: {fold_time:.2?}");
    println!(
        "{{\"merge_20_native_verify_ms\": {:.1}, \"merge_20_native_merge_ms\": {:.1}, \"fold_50k_native_ms\": {:.1}}}",
        verify_time.as_secs_f64() * 1000.0,
        merge_time.as_secs_f64() * 1000.0,
        fold_time.as_secs_f64() * 1000.0
    );
}
