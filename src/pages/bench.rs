//! /bench: the app's own benchmarks, run by `make bench` (bench/browser.mjs) in Chromium. Not in
//! any menu. Figures appear as JSON in #bench-results once done.
//!   ?run=all      tally of 100k ballots; verify + merge + store of 20 field bundles (50k voters)
//!   ?run=seed&voters=N  store an N-voter demo community in this browser's data (a fresh profile)
//!   ?run=save     the cost of saving one registration, with whatever this browser holds

use crate::platform::store::EventStore;
use crate::session::Session;
use huanjie_core::demo::{self, benchdata};
use huanjie_core::election::exchange;
use huanjie_core::law::{rules, tally};
use huanjie_core::record::bundle;
use huanjie_core::record::events::{EventBody, VoterRegistered};
use huanjie_core::record::log::Log;
use huanjie_core::record::state::ElectionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use serde_json::{json, Map, Value};

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

async fn storage_usage() -> f64 {
    let Some(w) = web_sys::window() else { return 0.0 };
    let estimate = wasm_bindgen_futures::JsFuture::from(w.navigator().storage().estimate().unwrap()).await;
    estimate.ok().and_then(|e| js_sys::Reflect::get(&e, &"usage".into()).ok()).and_then(|u| u.as_f64()).unwrap_or(0.0)
}

async fn run_all(out: &mut Map<String, Value>) -> Result<(), String> {
    // The tally engine on 100k ballots × 9 seats (the native bench runs the same round).
    let preset = rules::preset("hainan-2025-village").ok_or("preset")?;
    let round = tally::bench_round(preset, 100_000);
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = now();
        let result = tally::tally(&round);
        times.push(now() - start);
        std::hint::black_box(result);
        crate::platform::next_tick().await;
    }
    out.insert("tally_100k_wasm_ms".into(), json!(round2(median(times))));
    drop(round);

    // 20 field bundles totalling 50k voters: verify each, merge, fold, store (what an import does).
    let data = benchdata::field_bundles(20, 50_000);
    let store = EventStore::open_named("huanjie-bench").await.map_err(|e| e.message_zh())?;
    let usage_before = storage_usage().await;
    store.put_all(&data.base, &[]).await.map_err(|e| e.message_zh())?;
    let mut log = Log::from_events(&data.committee.code, data.base.clone()).0;
    let mut state = ElectionState::fold(log.in_order());
    crate::platform::next_tick().await;
    let start = now();
    let mut parts = [0.0f64; 4]; // verify, merge, store, apply
    for file in &data.files {
        let t = now();
        let ctx = exchange::trust_context(&state, &data.committee, Default::default());
        let verified = bundle::verify(file, &ctx).map_err(|r| r.message_en())?;
        parts[0] += now() - t;
        let t = now();
        let report = log.merge_verified(verified.bundle.events);
        parts[1] += now() - t;
        let t = now();
        store.put_all(&report.added, &[]).await.map_err(|e| e.message_zh())?;
        parts[2] += now() - t;
        let t = now();
        for e in &report.added {
            state.apply(e);
        }
        parts[3] += now() - t;
    }
    out.insert("merge_20_bundles_ms".into(), json!(round2(now() - start)));
    for (name, ms) in ["merge_verify_ms", "merge_log_ms", "merge_store_ms", "merge_apply_ms"].iter().zip(parts) {
        out.insert((*name).into(), json!(round2(ms)));
    }
    out.insert("merge_20_bundles_events".into(), json!(log.len()));
    out.insert("merge_20_bundles_voters".into(), json!(state.voters().len()));
    let usage_after = storage_usage().await;
    out.insert("storage_50k_mb".into(), json!(round2((usage_after - usage_before) / 1_048_576.0)));
    drop((log, state, data));
    crate::platform::next_tick().await;

    // The office: 1,000 communities' result files (both committees each: 2,000 signed files),
    // each checked on receipt, then the aggregate and the work report paragraph.
    let files: Vec<Vec<u8>> =
        demo::result_bundles(1_000, demo::START_MS).into_iter().map(|(_, b)| b.to_json_bytes()).collect();
    crate::platform::next_tick().await;
    let start = now();
    let mut held = Vec::with_capacity(files.len());
    for file in &files {
        if let huanjie_core::office::receive::Verdict::Accepted { received, .. } =
            huanjie_core::office::receive::receive(file, &held)
        {
            held.push(received);
        }
    }
    let received = now() - start;
    let t = now();
    let reports: Vec<_> = held.iter().map(|r| r.report.clone()).collect();
    let as_of = reports.iter().map(|r| r.reported_on).max().ok_or("no reports")?;
    let aggregate = huanjie_core::office::stats::aggregate(&reports, as_of);
    let paragraph = huanjie_core::office::report::overall_paragraph(&aggregate);
    std::hint::black_box(paragraph);
    out.insert("aggregate_1000_receive_ms".into(), json!(round2(received)));
    out.insert("aggregate_1000_ms".into(), json!(round2(now() - t + received)));
    out.insert("aggregate_1000_files".into(), json!(held.len()));
    Ok(())
}

/// The steps of a start-up with this browser's data, timed one by one.
async fn run_load(out: &mut Map<String, Value>) -> Result<(), String> {
    let t = now();
    let store = EventStore::open().await.map_err(|e| e.message_zh())?;
    let events = store.load_events().await.map_err(|e| e.message_zh())?;
    out.insert("load_read_parse_ms".into(), json!(round2(now() - t)));
    out.insert("load_events".into(), json!(events.len()));
    let t = now();
    let mut log = Log::new("bench");
    log.merge_verified(events);
    out.insert("load_log_ms".into(), json!(round2(now() - t)));
    let t = now();
    let state = ElectionState::fold(log.in_order());
    out.insert("load_fold_ms".into(), json!(round2(now() - t)));
    std::hint::black_box(state);
    Ok(())
}

async fn run_save(session: Session, out: &mut Map<String, Value>) -> Result<(), String> {
    let voters = session.with_state(|s| s.voters().len()).unwrap_or(0);
    let mut times = Vec::new();
    for k in 0..30u64 {
        let id = huanjie_core::base::idnum::IdNumber::parse_undated(&huanjie_core::base::idnum::with_check_char(
            &format!("51010419900101{:03}", k),
        ))
        .map_err(|e| e.message_en())?;
        let body = EventBody::VoterRegistered(VoterRegistered {
            voter: format!("bench-{k}-{}", js_sys::Date::now()),
            name: "测试".into(),
            id_number: id.as_str().to_string(),
            sex: id.sex(),
            birth: id.birth(),
            phone: String::new(),
            household: None,
            category: huanjie_core::record::events::RegistrationCategory::HukouResident,
        });
        let start = now();
        session.record(body).await?;
        times.push(now() - start);
    }
    out.insert("save_ms".into(), json!(round2(median(times))));
    out.insert("save_at_voters".into(), json!(voters));
    Ok(())
}

#[component]
pub fn Bench() -> impl IntoView {
    let session = expect_context::<Session>();
    let query = use_query_map();
    let results = RwSignal::new(None::<String>);
    let status = RwSignal::new("正在运行…".to_string());
    let which = query.get_untracked().get("run").unwrap_or_else(|| "all".into());
    spawn_local(async move {
        // The session loads this browser's data first; benchmarks start from a settled page.
        while !session.ready() && session.error.get_untracked().is_none() {
            crate::platform::next_tick().await;
        }
        let mut out = Map::new();
        let voters = query.get_untracked().get("voters").and_then(|v| v.parse().ok()).unwrap_or(demo::DEFAULT_VOTERS);
        let outcome = match which.as_str() {
            "seed" => session.store_verified(demo::events(voters, 1), Vec::new()).await.map(|n| {
                out.insert("seeded_events".into(), json!(n));
            }),
            "save" => run_save(session, &mut out).await,
            "load" => run_load(&mut out).await,
            _ => run_all(&mut out).await,
        };
        match outcome {
            Ok(()) => status.set("完成".into()),
            Err(e) => {
                out.insert("error".into(), json!(e));
                status.set("失败".into());
            }
        }
        results.set(Some(Value::Object(out).to_string()));
    });
    view! {
        <section>
            <h1>"性能测试"</h1>
            <p role="status">{move || status.get()}</p>
            <pre id="bench-results" data-done=move || if results.get().is_some() { "1" } else { "0" }>
                {move || results.get().unwrap_or_default()}
            </pre>
        </section>
    }
}
