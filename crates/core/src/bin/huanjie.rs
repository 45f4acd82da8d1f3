//! `huanjie`: the native command. A thin adapter over huanjie-core: every decision is made
//! by the library, the same code the browser app runs.
//!
//!     huanjie tally SCENARIO.json     the conformance tally (FORMAT.md)
//!     huanjie verify FILE             check a bundle: exit 0 valid, 1 invalid (reason on stderr)
//!     huanjie demo --out DIR [--today YYYY-MM-DD]
//!                                     write sample bundles of the built-in demo community
//!     huanjie aggregate [--as-of DATE] [--decimals 0|1|2] [--truncate] FILES...
//!                                     the office's aggregate of result and progress bundles

use huanjie_core::office::receive::{self, Verdict};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tally") => tally(&args[1..]),
        Some("verify") => verify(&args[1..]),
        Some("demo") => demo(&args[1..]),
        Some("aggregate") => aggregate(&args[1..]),
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: huanjie tally SCENARIO.json | verify FILE | demo --out DIR [--today YYYY-MM-DD] | aggregate [--as-of YYYY-MM-DD] [--decimals 0|1|2] [--truncate] FILES..."
    );
    ExitCode::from(2)
}

/// Exit 0 and the result on stdout; exit 2 and one line on stderr (nothing on stdout) for bad input.
fn tally(args: &[String]) -> ExitCode {
    let [file] = args else { return usage() };
    let result = std::fs::read_to_string(file)
        .map_err(|e| format!("{file}: cannot read: {e}"))
        .and_then(|text| huanjie_core::law::scenario::run(&text));
    match result {
        Ok(json) => {
            println!("{}", serde_json::to_string_pretty(&json).expect("results serialize"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

fn verify(args: &[String]) -> ExitCode {
    let [file] = args else { return usage() };
    match std::fs::read(file) {
        Err(e) => {
            eprintln!("{file}: cannot read: {e}");
            ExitCode::from(2)
        }
        Ok(bytes) => match huanjie_core::record::bundle::verify_file_report(&bytes) {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(reason) => {
                eprintln!("{file}: invalid: {reason}");
                ExitCode::from(1)
            }
        },
    }
}

fn demo(args: &[String]) -> ExitCode {
    // Without --today the files are those of the demo of 18 May 2026, the same on every run;
    // with it, those of the demo the app makes on that day (election 30 days later).
    let (dir, day) = match args {
        [flag, dir] if flag == "--out" => (dir, huanjie_core::demo::election_day()),
        [flag, dir, t, today] | [t, today, flag, dir] if flag == "--out" && t == "--today" => {
            match chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d") {
                Ok(d) => (dir, huanjie_core::demo::election_day_from(d)),
                Err(_) => return usage(),
            }
        }
        _ => return usage(),
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::from(2);
    }
    // A time fixed by the day, so the files are the same on every run.
    let wall_ms = huanjie_core::demo::start_ms(day) + 30 * 86_400_000;
    for (name, bundle) in huanjie_core::demo::sample_bundles_on(day, wall_ms) {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, bundle.to_json_bytes()) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
        println!("{} ({}, {} events)", path.display(), bundle.kind.label_zh(), bundle.events.len());
    }
    let results = dir.join("results");
    if let Err(e) = std::fs::create_dir_all(&results) {
        eprintln!("{}: {e}", results.display());
        return ExitCode::from(2);
    }
    for (name, bundle) in huanjie_core::demo::result_bundles(6, wall_ms) {
        let path = results.join(name);
        if let Err(e) = std::fs::write(&path, bundle.to_json_bytes()) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!("{} (result bundles of 6 communities, both committees: the office's demo)", results.display());
    ExitCode::SUCCESS
}

/// Verify every file, aggregate the reports of those that pass; each refused file is named on
/// stderr with its reason. Exit 1 when no file passed.
fn aggregate(args: &[String]) -> ExitCode {
    // Flags first, then the files; the rounding flags are the office screen's 百分比 setting.
    let (mut as_of, mut rounding, mut rest) = (None, huanjie_core::office::stats::Rounding::default(), args);
    loop {
        match rest {
            [flag, date, more @ ..] if flag == "--as-of" => match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                Ok(d) => (as_of, rest) = (Some(d), more),
                Err(_) => return usage(),
            },
            [flag, n, more @ ..] if flag == "--decimals" => match n.parse::<u8>() {
                Ok(n) if n <= 2 => (rounding.decimals, rest) = (n, more),
                _ => return usage(),
            },
            [flag, more @ ..] if flag == "--truncate" => (rounding.truncate, rest) = (true, more),
            _ => break,
        }
    }
    let files = rest;
    if files.is_empty() {
        return usage();
    }
    // The office screen's own rules: duplicates, superseding and a second key for a community.
    let mut held = Vec::new();
    for file in files {
        let verdict = match std::fs::read(file) {
            Ok(bytes) => receive::receive(&bytes, &held),
            Err(e) => {
                eprintln!("{file}: refused: cannot read: {e}");
                continue;
            }
        };
        match verdict {
            Verdict::Accepted { received, .. } | Verdict::Older { received } => held.push(received),
            Verdict::AlreadyReceived => eprintln!("{file}: already received"),
            other => eprintln!("{file}: refused: {}", other.zh()),
        }
    }
    let reports: Vec<_> = held.into_iter().map(|r| r.report).collect();
    if reports.is_empty() {
        eprintln!("no valid report among the files");
        return ExitCode::from(1);
    }
    // The date of the newest report, unless given: the same files give the same figures.
    let as_of = as_of.unwrap_or_else(|| reports.iter().map(|r| r.reported_on).max().expect("at least one report"));
    let json = huanjie_core::office::report::aggregate_json(&reports, as_of, rounding);
    println!("{}", serde_json::to_string_pretty(&json).expect("aggregates serialize"));
    ExitCode::SUCCESS
}
