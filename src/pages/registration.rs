//! 选民登记: find a voter among everyone registered on this device (instant at 50,000), and the
//! anomalies (the same ID number registered twice...) that a person must resolve.

use crate::session::Session;
use leptos::prelude::*;

const SHOWN: usize = 20;

#[component]
pub fn Registration() -> impl IntoView {
    view! {
        <VoterSearch />
        <Anomalies />
    }
}

#[component]
fn VoterSearch() -> impl IntoView {
    let session = expect_context::<Session>();
    let query = RwSignal::new(String::new());
    let results = move || {
        let q = query.get();
        session
            .with_state(|s| {
                let total = s.active_voters().count();
                let found: Vec<_> = if q.trim().is_empty() {
                    Vec::new()
                } else {
                    s.search(q.trim(), SHOWN)
                        .into_iter()
                        .map(|v| {
                            let grid = s.grid_of(v).and_then(|g| s.grids.get(g)).map(|g| g.name.clone()).unwrap_or_default();
                            (v.id.clone(), v.name.clone(), v.masked_id(), grid, v.sex.zh())
                        })
                        .collect()
                };
                (total, found)
            })
            .unwrap_or_default()
    };
    view! {
        <section class="card">
            <h2>"查找选民"</h2>
            <input
                class="search"
                type="search"
                inputmode="search"
                placeholder="姓名、身份证号或电话"
                aria-label="查找选民"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            {move || {
                let (total, found) = results();
                let q = query.get();
                view! {
                    <p class="hint" data-testid="search-summary">
                        {if q.trim().is_empty() { format!("共登记选民 {total} 人") } else if found.is_empty() { "没有找到".to_string() } else if found.len() == SHOWN { format!("显示前 {SHOWN} 条，请输入更多字缩小范围") } else { format!("找到 {} 人", found.len()) }}
                    </p>
                    <ul class="voters" data-testid="search-results">
                        {found.into_iter().map(|(id, name, masked, grid, sex)| view! {
                            <li data-voter=id>
                                <span class="voter-name">{name}</span>
                                <span class="hint">{sex}" · "{masked}" · "{grid}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            }}
        </section>
    }
}

#[component]
fn Anomalies() -> impl IntoView {
    let session = expect_context::<Session>();
    let open = move || {
        session
            .with_state(|s| s.open_anomalies().map(|a| s.describe_anomaly(a)).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    view! {
        <section class="card">
            <h2>"待处理的异常"</h2>
            {move || {
                let list = open();
                if list.is_empty() {
                    view! { <p class="ok">"没有待处理的异常。"</p> }.into_any()
                } else {
                    view! {
                        <ul class="anomalies" data-testid="anomalies">
                            {list.into_iter().map(|text| view! { <li class="warn">{text}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
