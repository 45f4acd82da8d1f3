//! The command's subcommands other than `tally` (see conformance.rs): the same code as the app.

use std::path::PathBuf;
use std::process::Command;

fn huanjie(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_huanjie")).args(args).output().expect("run huanjie");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A fresh demo folder per test: tests run in parallel, and one writing files (cut.json...) into
/// a folder another is listing made the other fail now and then.
fn demo_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("huanjie-cli-{}-{test}", std::process::id()));
    let (code, _, err) = huanjie(&["demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    dir
}

#[test]
fn demo_files_verify_and_damaged_ones_do_not() {
    let dir = demo_dir("verify");
    for name in ["election-package.json", "field-grid-1.json", "archive.json", "results/result-01-C0001.json"] {
        let path = dir.join(name);
        let path = if path.exists() {
            path
        } else {
            std::fs::read_dir(dir.join("results")).unwrap().next().unwrap().unwrap().path()
        };
        let (code, out, err) = huanjie(&["verify", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("valid Huanjie bundle"));
    }
    let text = std::fs::read_to_string(dir.join("field-grid-1.json")).unwrap();
    let cut = dir.join("cut.json");
    std::fs::write(&cut, &text[..text.len() / 3]).unwrap();
    let (code, _, err) = huanjie(&["verify", cut.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("truncated"), "{err}");
    let edited = dir.join("edited.json");
    std::fs::write(&edited, text.replacen("钱晓燕", "钱小燕", 1)).unwrap();
    assert_eq!(huanjie(&["verify", edited.to_str().unwrap()]).0, 1);
}

#[test]
fn aggregate_prints_what_the_library_computes_and_names_refused_files() {
    let dir = demo_dir("aggregate");
    let mut files: Vec<String> =
        std::fs::read_dir(dir.join("results")).unwrap().map(|e| e.unwrap().path().to_string_lossy().into()).collect();
    files.sort();
    files.push(dir.join("field-grid-1.json").to_string_lossy().into());
    let mut args = vec!["aggregate"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = huanjie(&args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("field-grid-1.json: refused"), "{err}");
    let got: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reports = huanjie_core::demo::reports::demo_reports(6, 7);
    let as_of = reports.iter().map(|r| r.reported_on).max().unwrap();
    assert_eq!(got, huanjie_core::office::report::aggregate_json(&reports, as_of, Default::default()));
}
