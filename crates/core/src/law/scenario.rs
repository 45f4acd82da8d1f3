//! The conformance scenario format (../shared/conformance/FORMAT.md) to and from the tally.
//! Input errors are refused with one line of English; nothing is guessed.

use crate::base::terms::Post;
use crate::base::terms::Sex;
use crate::law::rules::{self, Electorate, Family};
use crate::law::tally::{self, Ballot, Overrides, Person, Round, RoundKind, RoundResult, Turnout};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
struct Input {
    rules: String,
    #[serde(default)]
    rule_overrides: BTreeMap<String, bool>,
    electorate: Option<String>,
    round: Option<String>,
    posts: Vec<PostIn>,
    people: Vec<PersonIn>,
    #[serde(default)]
    candidates: BTreeMap<String, Vec<String>>,
    turnout: Map<String, Value>,
    ballots: Vec<Map<String, Value>>,
    #[serde(default)]
    elected_earlier: Vec<EarlierIn>,
}

#[derive(Deserialize)]
struct EarlierIn {
    post: String,
    id: String,
}

#[derive(Deserialize)]
struct PostIn {
    post: String,
    seats: u32,
}

#[derive(Deserialize)]
struct PersonIn {
    id: String,
    #[serde(default)]
    name: String,
    sex: String,
}

/// A post that may stand on a ballot (the Party's secretaries are elected by the committee).
fn post_named(name: &str) -> Result<Post, String> {
    Post::from_code(name)
        .filter(|p| !matches!(p, Post::Secretary | Post::DeputySecretary))
        .ok_or_else(|| format!("unknown post \"{name}\""))
}

/// Read a scenario, tally it, and give the result JSON of FORMAT.md.
pub fn run(text: &str) -> Result<Value, String> {
    let input: Input = serde_json::from_str(text).map_err(|e| format!("malformed scenario: {e}"))?;
    let preset = rules::preset(&input.rules).ok_or_else(|| format!("unknown rule preset \"{}\"", input.rules))?;

    let mut overrides = Overrides::default();
    for (name, on) in &input.rule_overrides {
        match name.as_str() {
            "allow_exact_four_fifths" => overrides.allow_exact_four_fifths = *on,
            other => return Err(format!("unknown rule override \"{other}\"")),
        }
    }
    let electorate = match input.electorate.as_deref() {
        None | Some("all_voters") => Electorate::AllVoters,
        Some("household_reps") => Electorate::HouseholdReps,
        Some("resident_reps") => Electorate::ResidentReps,
        Some(other) => return Err(format!("unknown electorate \"{other}\"")),
    };
    let kind = match input.round.as_deref() {
        None | Some("first") => RoundKind::First,
        Some("supplementary") => RoundKind::Supplementary,
        Some("tie_revote") => RoundKind::TieRevote,
        Some("preselection") => RoundKind::Preselection,
        Some(other) => return Err(format!("unknown round \"{other}\"")),
    };

    let mut posts = Vec::new();
    for p in &input.posts {
        let post = post_named(&p.post)?;
        if !preset.has_post(post) {
            return Err(format!("post \"{}\" does not exist under {}", p.post, preset.id));
        }
        if p.seats == 0 {
            return Err(format!("post \"{}\" has no seats", p.post));
        }
        if posts.iter().any(|(q, _)| *q == post) {
            return Err(format!("post \"{}\" listed twice", p.post));
        }
        posts.push((post, p.seats));
    }
    if posts.is_empty() {
        return Err("no posts".into());
    }
    posts.sort_by_key(|(post, _)| *post); // resolution order: director first

    let mut people = Vec::new();
    let mut ids = BTreeSet::new();
    for p in input.people {
        let sex = match p.sex.as_str() {
            "M" => Sex::Male,
            "F" => Sex::Female,
            other => return Err(format!("person \"{}\": sex must be M or F, not \"{other}\"", p.id)),
        };
        if !ids.insert(p.id.clone()) {
            return Err(format!("person \"{}\" listed twice", p.id));
        }
        people.push(Person { id: p.id, name: p.name, sex });
    }
    let in_round = |name: &str| -> Result<Post, String> {
        let post = post_named(name)?;
        if posts.iter().any(|(p, _)| *p == post) {
            Ok(post)
        } else {
            Err(format!("post \"{name}\" is not elected in this round"))
        }
    };
    let known = |id: &str| -> Result<String, String> {
        if ids.contains(id) {
            Ok(id.to_string())
        } else {
            Err(format!("\"{id}\" is not in people"))
        }
    };

    let mut candidates = BTreeMap::new();
    for (name, list) in &input.candidates {
        let post = in_round(name)?;
        candidates.insert(post, list.iter().map(|id| known(id)).collect::<Result<Vec<_>, _>>()?);
    }

    // Elected in earlier rounds of this election: a post of the preset, a person in people, once.
    let mut elected_earlier: Vec<(Post, String)> = Vec::new();
    for e in &input.elected_earlier {
        let post = post_named(&e.post).map_err(|err| format!("elected_earlier: {err}"))?;
        if !preset.has_post(post) {
            return Err(format!("elected_earlier: post \"{}\" does not exist under {}", e.post, preset.id));
        }
        let id = known(&e.id).map_err(|err| format!("elected_earlier: {err}"))?;
        if elected_earlier.iter().any(|(_, x)| *x == id) {
            return Err(format!("elected_earlier: \"{id}\" listed twice (one person, one post)"));
        }
        elected_earlier.push((post, id));
    }

    let count = |key: &str| -> Result<u64, String> {
        match input.turnout.get(key) {
            None => Err(format!("turnout.{key} is missing")),
            Some(v) => v.as_u64().ok_or_else(|| format!("turnout.{key} must be a non-negative integer")),
        }
    };
    let (base, present) =
        if preset.family == Family::Party { ("expected", "present") } else { ("registered", "voted") };
    let turnout = Turnout {
        registered: count(base)?,
        voted: count(present)?,
        ballots_issued: count("ballots_issued")?,
        ballots_returned: count("ballots_returned")?,
    };
    if turnout.voted > turnout.registered {
        return Err(format!("turnout.{present} ({}) exceeds turnout.{base} ({})", turnout.voted, turnout.registered));
    }

    let mut ballots = Vec::new();
    let mut listed: u64 = 0;
    for (i, b) in input.ballots.iter().enumerate() {
        let mut ballot = Ballot { n: 1, ..Ballot::default() };
        for (key, value) in b {
            let at = || format!("ballot {}: ", i + 1);
            match key.as_str() {
                "n" => ballot.n = value.as_u64().ok_or_else(|| format!("{}n must be a non-negative integer", at()))?,
                "spoilt" => {
                    ballot.spoilt = value.as_bool().ok_or_else(|| format!("{}spoilt must be true or false", at()))?
                }
                "illegible" => {
                    let list = value.as_array().ok_or_else(|| format!("{}illegible must list posts", at()))?;
                    for post in list {
                        let name = post.as_str().ok_or_else(|| format!("{}illegible must list posts", at()))?;
                        ballot.illegible.push(in_round(name).map_err(|e| at() + &e)?);
                    }
                }
                name => {
                    let post = in_round(name).map_err(|e| at() + &e)?;
                    let list = value.as_array().ok_or_else(|| format!("{}{name} must list people", at()))?;
                    let marks = list
                        .iter()
                        .map(|id| {
                            id.as_str()
                                .ok_or_else(|| format!("{}{name} must list people", at()))
                                .and_then(|id| known(id).map_err(|e| at() + &e))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    ballot.marks.insert(post, marks);
                }
            }
        }
        listed = listed.checked_add(ballot.n).ok_or("too many ballots")?;
        ballots.push(ballot);
    }
    if listed != turnout.ballots_returned {
        return Err(format!("{listed} ballots listed but turnout.ballots_returned is {}", turnout.ballots_returned));
    }

    let round =
        Round { preset, overrides, electorate, kind, posts, people, candidates, turnout, ballots, elected_earlier };
    Ok(to_json(&tally::tally(&round)))
}

/// The result as FORMAT.md prints it (a void round has no posts and no women).
pub fn to_json(r: &RoundResult) -> Value {
    let mut out = json!({
        "valid": r.valid,
        "void_reasons": r.void_reasons,
        "ballots": {"cast": r.cast, "spoilt": r.spoilt},
    });
    if r.valid {
        let posts: Map<String, Value> = r
            .posts
            .iter()
            .map(|p| {
                (
                    p.post.code().to_string(),
                    json!({
                        "seats": p.seats,
                        "threshold": p.threshold,
                        "votes": p.votes,
                        "elected": p.elected,
                        "tie_revote": p.tie_revote,
                        "unfilled": p.unfilled,
                    }),
                )
            })
            .collect();
        out["posts"] = Value::Object(posts);
        out["women"] = json!({
            "required": r.women.required,
            "satisfied": r.women.satisfied,
            "elected_by_rule": r.women.elected_by_rule,
            "reserved_seat": r.women.reserved_seat,
        });
    }
    out
}
