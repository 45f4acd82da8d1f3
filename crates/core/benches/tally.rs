//! Tally time for 100,000 distinct ballots × 9 seats, natively (the browser runs the same
//! `bench_round` on its /bench page). Prints a readable line and a JSON line for bench/run.sh.

use huanjie_core::law::{rules, tally};
use std::time::Instant;

fn main() {
    let preset = rules::preset("hainan-2025-village").expect("preset"); // downward carrying: the most work
    let round = tally::bench_round(preset, 100_000);
    let mut times = Vec::new();
    let mut elected = 0;
    for _ in 0..9 {
        let start = Instant::now();
        let result = tally::tally(&round);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        elected = result.posts.iter().map(|p| p.elected.len()).sum();
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("tally 100k ballots x 9 seats: median {median:.1} ms over {} runs ({elected} elected)", times.len());
    println!("{{\"tally_100k_native_ms\": {median:.2}}}");
}
