//! Aggregating 1,000 community reports (both committees each): the office dashboard's budget is
//! well under 3 s in the browser, so natively we aim for < 100 ms. Prints the times; no asserts.
//!
//! cargo bench -p huanjie-core --bench aggregate --profile native-release
//!
//! Measured 2026 on the 2-core build machine (native-release): aggregate 2.7 ms median;
//! parse 3.2 MB of reports + aggregate + paragraph + CSV 12 ms.

use huanjie_core::demo::reports::{demo_reports, DEMO_AS_OF};
use huanjie_core::office::report::aggregate_json;
use huanjie_core::office::report::{csv_tables, overall_paragraph};
use huanjie_core::office::stats::aggregate;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Best and median of `runs` timings.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    t.sort();
    (t[0], t[runs / 2])
}

fn main() {
    let reports = demo_reports(1000, 1);
    let json = serde_json::to_string(&reports).expect("serializes");
    let members: usize = reports.iter().map(|r| r.elected.len()).sum();
    println!(
        "1000 communities: {} reports, {members} elected seats, {:.1} MB JSON",
        reports.len(),
        json.len() as f64 / 1e6
    );
    let runs = 20;
    let line = |what: &str, (best, median): (Duration, Duration)| {
        println!("{what:<38} best {best:>10.2?}  median {median:>10.2?}");
    };
    line(
        "parse reports (serde_json)",
        time(runs, || {
            serde_json::from_str::<Vec<huanjie_core::office::stats::CommunityReport>>(&json).expect("parses")
        }),
    );
    line("aggregate", time(runs, || aggregate(&reports, DEMO_AS_OF)));
    let agg = aggregate(&reports, DEMO_AS_OF);
    line("overall_paragraph", time(runs, || overall_paragraph(&agg)));
    line("csv_tables", time(runs, || csv_tables(&agg)));
    line(
        "aggregate_json (what the CLI prints)",
        time(runs, || aggregate_json(&reports, DEMO_AS_OF, Default::default())),
    );
    line(
        "parse + aggregate + paragraph + csv",
        time(runs, || {
            let r: Vec<huanjie_core::office::stats::CommunityReport> = serde_json::from_str(&json).expect("parses");
            let a = aggregate(&r, DEMO_AS_OF);
            (overall_paragraph(&a), csv_tables(&a))
        }),
    );
}
