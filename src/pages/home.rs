//! Home: the election at a glance, then the stages of the chosen role in workflow order.

use crate::components::choose_role::ChooseRole;
use crate::components::form::zh_date;
use crate::nav::{Role, RoleView};
use crate::session::RoleState;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let role = expect_context::<RoleState>();
    move || match role.0.get() {
        None => view! { <ChooseRole /> }.into_any(),
        Some(r) => {
            let stages = r
                .screens()
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    view! {
                        <li>
                            <A href=s.path() attr:class="stage-link">
                                <span class="stage-no">{i + 1}</span>
                                <span class="stage-title">{s.title()}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section>
                    <h1>{r.name()}"工作台"</h1>
                    <ElectionCard />
                    <nav aria-label="换届步骤">
                        <ol class="stages">{stages}</ol>
                    </nav>
                </section>
            }
            .into_any()
        }
    }
}

/// What this device holds: the election and its counts, or a way to start.
#[component]
fn ElectionCard() -> impl IntoView {
    let session = expect_context::<Session>();
    let role = expect_context::<RoleState>();
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let load_demo = move |_| {
        loading.set(true);
        spawn_local(async move {
            if let Err(e) = session.load_demo().await {
                error.set(Some(e));
            }
            loading.set(false);
        });
    };
    let summary = move || {
        session
            .with_state(|s| {
                s.definition.as_ref().map(|d| {
                    (
                        d.community.clone(),
                        format!("{} {}", d.street, d.district),
                        zh_date(d.election_day),
                        s.active_voters().count(),
                        s.households.len(),
                        s.open_problems(),
                    )
                })
            })
            .flatten()
    };
    view! {
        <Show when=move || session.ready() fallback=|| view! { <p class="card" role="status">"正在载入本机数据…"</p> }>
            {move || match summary() {
                Some((community, place, day, voters, households, anomalies)) => {
                    let anomaly_class = if anomalies > 0 { "warn" } else { "" };
                    view! {
                    <div class="card election" data-testid="election-card">
                        <div class="election-name">{community}</div>
                        <div class="hint">{place}" · 选举日 "{day}</div>
                        <div class="figures">
                            <span><b data-testid="voter-count">{voters}</b>" 名选民"</span>
                            <span><b>{households}</b>" 户"</span>
                            <span class=anomaly_class><b>{anomalies}</b>" 项待处理异常"</span>
                        </div>
                    </div>
                }.into_any()
                }
                None => view! {
                    <div class="card">
                        <p>"本机还没有选举数据。"</p>
                        {(role.0.get() == Some(Role::ElectionCommittee)).then(|| view! {
                            <A href="/stage/preparation" attr:class="btn">"新建选举"</A>
                        })}
                        <button class="btn" on:click=load_demo disabled=move || loading.get()>"试用示范社区（幸福里社区）"</button>
                        <p class="hint">"示范社区有 300 名选民、4 个网格和若干候选人，可以放心试用各项功能。"</p>
                    </div>
                }.into_any(),
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </Show>
    }
}
