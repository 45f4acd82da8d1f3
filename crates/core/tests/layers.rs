//! The layers of `crates/core/src` (see lib.rs): imports only point down, law and record never
//! import each other, nor do election and office, and no module imports one that imports it back.
//! Read from the source text: every `crate::layer::module` path outside `#[cfg(test)]`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LAYERS: [(&str, &[&str]); 6] = [
    ("base", &[]),
    ("law", &["base"]),
    ("record", &["base"]),
    ("election", &["base", "law", "record"]),
    ("office", &["base", "record"]),
    ("demo", &["base", "law", "record", "election", "office"]),
];

/// Module ("layer::module") → the modules its non-test code names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for (layer, _) in LAYERS {
        for entry in std::fs::read_dir(src.join(layer)).unwrap() {
            let path = entry.unwrap().path();
            let files: Vec<_> = if path.is_dir() {
                std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).collect()
            } else {
                vec![path.clone()]
            };
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let module = if stem == "mod" { layer.to_string() } else { format!("{layer}::{stem}") };
            for file in files.iter().filter(|f| f.extension().is_some_and(|x| x == "rs")) {
                let text = std::fs::read_to_string(file).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap();
                let names: &mut BTreeSet<String> = out.entry(module.clone()).or_default();
                for (i, _) in code.match_indices("crate::") {
                    for named in named_at(&code[i + "crate::".len()..]) {
                        if named != module {
                            names.insert(named);
                        }
                    }
                }
            }
        }
    }
    out
}

/// The modules a path after `crate::` names: `law::rules::X` → law::rules, `election::{count, setup}`
/// → both, `law::{self, ..}` or `base` alone → the layer.
fn named_at(rest: &str) -> Vec<String> {
    let ident =
        |t: &str| t.trim_start().split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("").to_string();
    let top = ident(rest);
    if !LAYERS.iter().any(|(l, _)| *l == top) {
        return Vec::new();
    }
    let after = &rest[top.len()..];
    let Some(after) = after.strip_prefix("::") else { return vec![top] };
    let items: Vec<String> = match after.strip_prefix('{') {
        Some(group) => group.split('}').next().unwrap().split(',').map(ident).collect(),
        None => vec![ident(after)],
    };
    items
        .into_iter()
        .map(
            |m| {
                if m.starts_with(|c: char| c.is_lowercase()) && m != "self" {
                    format!("{top}::{m}")
                } else {
                    top.clone()
                }
            },
        )
        .collect()
}

#[test]
fn imports_only_point_down_a_layer() {
    let mut wrong = Vec::new();
    for (module, names) in imports() {
        let layer = module.split("::").next().unwrap();
        let allowed = LAYERS.iter().find(|(l, _)| *l == layer).unwrap().1;
        for n in names {
            let to = n.split("::").next().unwrap();
            if to != layer && !allowed.contains(&to) {
                wrong.push(format!("{module} -> {n}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports that point up or sideways: {wrong:#?}");
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    let mut circles = Vec::new();
    // Depth-first from every module; a path that comes back to where it started is a circle.
    fn walk(
        at: &str,
        start: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        out: &mut Vec<String>,
    ) {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                out.push(format!("{} -> {start}", path.join(" -> ")));
            } else if !path.contains(next) && next.as_str() > start {
                path.push(next.clone());
                walk(next, start, graph, path, out);
                path.pop();
            }
        }
    }
    for start in graph.keys() {
        walk(start, start, &graph, &mut vec![start.clone()], &mut circles);
    }
    assert!(circles.is_empty(), "import circles: {circles:#?}");
}
