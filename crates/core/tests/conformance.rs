//! Every scenario in ../shared/conformance/scenarios, and the project's own in tests/scenarios,
//! goes through `huanjie tally` and must give its expected result (elected and tie_revote
//! compared as sets). An expected `{"exit": 2}` is an input error: exit 2, nothing on stdout.
//! HUANJIE_SCENARIOS points elsewhere to run another set the same way (instead of the shared one).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scenarios_dir() -> PathBuf {
    std::env::var_os("HUANJIE_SCENARIOS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/scenarios"))
}

/// The project's own scenarios (elected_earlier, ties across posts, each legal edge).
fn own_scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios")
}

fn tally(path: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_huanjie")).arg("tally").arg(path).output().expect("run huanjie");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// Order-free lists of ids compare as sets.
fn normalise(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, normalise(v))).collect()),
        Value::Array(a) if a.iter().all(Value::is_string) => {
            let mut a = a;
            a.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
            Value::Array(a)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(normalise).collect()),
        other => other,
    }
}

/// Run every scenario of `dir`; returns how many were checked and what failed.
fn run_dir(dir: &Path) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".json") || name.ends_with(".expected.json") {
            continue;
        }
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("expected.json")).unwrap()).unwrap();
        let (code, stdout, stderr) = tally(&path);
        checked += 1;
        if let Some(exit) = expected.get("exit") {
            if Some(code as i64) != exit.as_i64() || !stdout.is_empty() || stderr.trim_end().lines().count() != 1 {
                failures.push(format!(
                    "{name}: expected exit {exit} and one line on stderr, got exit {code}: {stdout}{stderr}"
                ));
            }
            continue;
        }
        if code != 0 {
            failures.push(format!("{name}: exit {code}: {stderr}"));
            continue;
        }
        let got: Value = serde_json::from_str(&stdout).unwrap();
        if normalise(got.clone()) != normalise(expected.clone()) {
            failures.push(format!("{name}:\n  got      {got}\n  expected {expected}"));
        }
    }
    (checked, failures)
}

#[test]
fn every_public_scenario_gives_its_expected_result() {
    let dir = scenarios_dir();
    let (checked, failures) = run_dir(&dir);
    assert!(checked >= 12, "only {checked} scenarios found in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_own_scenario_gives_its_expected_result() {
    let dir = own_scenarios_dir();
    let (checked, failures) = run_dir(&dir);
    assert!(checked >= 15, "only {checked} scenarios found in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("huanjie-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A valid scenario with one field replaced.
fn variant(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(
        r#"{"rules":"national-2025-residents","electorate":"all_voters",
            "posts":[{"post":"director","seats":1}],
            "people":[{"id":"a","name":"甲","sex":"M"},{"id":"b","name":"乙","sex":"F"}],
            "candidates":{"director":["a","b"]},
            "turnout":{"registered":10,"voted":6,"ballots_issued":6,"ballots_returned":6},
            "ballots":[{"n":4,"director":["a"]},{"n":2,"director":["b"]}]}"#,
    )
    .unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn bad_input_exits_2_with_one_line_and_nothing_on_stdout() {
    let cases: Vec<(&str, String)> = vec![
        ("malformed", "{\"rules\": ".to_string()),
        ("unknown preset", variant(|v| v["rules"] = "mars-2030".into())),
        ("unknown post", variant(|v| v["posts"][0]["post"] = "mayor".into())),
        ("women_member outside Zhejiang", variant(|v| v["posts"][0]["post"] = "women_member".into())),
        ("ballot names a stranger", variant(|v| v["ballots"][0]["director"][0] = "z".into())),
        ("ballot on a post not elected", variant(|v| v["ballots"][0]["member"] = serde_json::json!(["a"]))),
        ("listed ballots differ from returned", variant(|v| v["turnout"]["ballots_returned"] = 7.into())),
        ("negative count", variant(|v| v["turnout"]["voted"] = (-1).into())),
        (
            "missing count",
            variant(|v| {
                v["turnout"].as_object_mut().unwrap().remove("registered");
            }),
        ),
        ("more voters than registered", variant(|v| v["turnout"]["voted"] = 11.into())),
        ("negative n", variant(|v| v["ballots"][0]["n"] = (-4).into())),
        ("party without expected", variant(|v| v["rules"] = "party-2020".into())),
        (
            "elected_earlier names a stranger",
            variant(|v| v["elected_earlier"] = serde_json::json!([{"post": "director", "id": "z"}])),
        ),
        (
            "elected_earlier on an unknown post",
            variant(|v| v["elected_earlier"] = serde_json::json!([{"post": "mayor", "id": "a"}])),
        ),
        ("elected_earlier without an id", variant(|v| v["elected_earlier"] = serde_json::json!([{"post": "member"}]))),
        (
            "one person elected earlier to two posts",
            variant(|v| {
                v["elected_earlier"] =
                    serde_json::json!([{"post": "director", "id": "a"}, {"post": "member", "id": "a"}])
            }),
        ),
        ("illegible names an unknown post", variant(|v| v["ballots"][0]["illegible"] = serde_json::json!(["mayor"]))),
        (
            "seats missing",
            variant(|v| {
                v["posts"][0].as_object_mut().unwrap().remove("seats");
            }),
        ),
    ];
    for (what, text) in cases {
        let (code, stdout, stderr) = tally(&write("bad.json", &text));
        assert_eq!(code, 2, "{what}: {stderr}");
        assert!(stdout.is_empty(), "{what}: stdout {stdout}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{what}: {stderr}");
    }
    let (code, stdout, _) = tally(&write("good.json", &variant(|_| {})));
    assert_eq!(code, 0);
    assert!(stdout.contains("\"elected\""));
}
