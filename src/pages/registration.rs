//! 选民登记: register a voter (and the household) on the spot, find anyone registered on this
//! device (instant at 50,000), and the anomalies (the same ID number registered twice...) that a
//! person must resolve. Whether a person may be registered is decided by the core.

use crate::components::form::Outcome;
use crate::platform;
use crate::session::Session;
use huanjie_core::election::setup;
use huanjie_core::law::rules;
use huanjie_core::record::events::{
    AnomalyResolved, EventBody, HouseholdRegistered, RegistrationCategory, RemovalReason, Resolution, VoterRegistered,
    VoterRemoved,
};
use huanjie_core::record::state::{AnomalyKind, ElectionState};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: usize = 20;

#[component]
pub fn Registration() -> impl IntoView {
    view! {
        <RegisterVoter />
        <VoterSearch />
        <Anomalies />
    }
}

fn category_zh(c: &RegistrationCategory) -> &str {
    match c {
        RegistrationCategory::HukouResident => "户籍在本社区并居住",
        RegistrationCategory::HukouNotResident => "户籍在本社区、不在本社区居住，本人要求参加",
        RegistrationCategory::ResidentNoHukou => "不在本社区落户、在本社区常住",
        RegistrationCategory::CommunityWorker6m => "在本社区工作满6个月的社区工作者",
        RegistrationCategory::VillageResident1y => "户籍不在本村、居住一年以上，经村民会议同意",
        RegistrationCategory::Other(text) => text,
    }
}

/// The categories the election's law knows, in the order of its article.
fn categories(session: Session) -> &'static [RegistrationCategory] {
    let family = session
        .with_state(|s| s.definition.as_ref().and_then(|d| rules::preset(&d.rule_preset)).map(|p| p.family))
        .flatten()
        .unwrap_or(rules::Family::Residents);
    setup::registration_categories(family)
}

#[component]
fn RegisterVoter() -> impl IntoView {
    let session = expect_context::<Session>();
    let name = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let grid = RwSignal::new(String::new());
    let kind = RwSignal::new(0usize);
    let message = RwSignal::new(None::<Result<String, String>>);
    let saving = RwSignal::new(false);
    let grids = move || {
        session
            .with_state(|s| s.grids.values().map(|g| (g.grid.clone(), g.name.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (who, addr) = (name.get_untracked().trim().to_string(), address.get_untracked().trim().to_string());
        if who.is_empty() || addr.is_empty() {
            message.set(Some(Err("请填写姓名和住址。".into())));
            return;
        }
        let checked = session
            .with_state(|s| {
                let id = s.check_registration(&id_number.get_untracked(), platform::today()).map_err(|p| p.zh)?;
                let grid_id =
                    Some(grid.get_untracked()).filter(|g| !g.is_empty()).or_else(|| s.grids.keys().next().cloned());
                let household = s.households.values().find(|h| h.address == addr).map(|h| h.id.clone());
                Ok::<_, String>((id, grid_id, household))
            })
            .unwrap_or_else(|| Err("数据尚未载入，请稍候再试".into()));
        let (id, grid_id, household) = match checked {
            Ok(v) => v,
            Err(zh) => return message.set(Some(Err(zh))),
        };
        let Some(grid_id) = grid_id else {
            return message.set(Some(Err("还没有网格：请先导入选委会的选举数据包。".into())));
        };
        let device = session.device_code().unwrap_or_default();
        let stamp = js_sys::Date::now() as u64;
        saving.set(true);
        spawn_local(async move {
            let result = async {
                let household = match household {
                    Some(h) => h,
                    None => {
                        let h = format!("{device}-h{stamp}");
                        session
                            .record(EventBody::HouseholdRegistered(HouseholdRegistered {
                                household: h.clone(),
                                grid: grid_id,
                                group: None,
                                address: addr,
                            }))
                            .await?;
                        h
                    }
                };
                session
                    .record(EventBody::VoterRegistered(VoterRegistered {
                        voter: format!("{device}-v{stamp}"),
                        name: who.clone(),
                        id_number: id.as_str().to_string(),
                        sex: id.sex(),
                        birth: id.birth(),
                        phone: phone.get_untracked().trim().to_string(),
                        household: Some(household),
                        category: categories(session)
                            .get(kind.get_untracked())
                            .cloned()
                            .unwrap_or(RegistrationCategory::HukouResident),
                    }))
                    .await
            }
            .await;
            saving.set(false);
            match result {
                Ok(_) => {
                    message.set(Some(Ok(format!("已保存：{who}（{}，{}）", id.sex().zh(), id.masked()))));
                    name.set(String::new());
                    id_number.set(String::new());
                    phone.set(String::new());
                }
                Err(zh) => message.set(Some(Err(zh))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>"登记选民"</h2>
            <form class="form" on:submit=save>
                <label>"姓名"<input required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label>"身份证号"
                    <input inputmode="text" autocomplete="off" prop:value=move || id_number.get() on:input=move |ev| id_number.set(event_target_value(&ev)) />
                </label>
                <label>"电话"<input inputmode="tel" prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev)) /></label>
                <label>"住址（同一住址为同一户）"<input required prop:value=move || address.get() on:input=move |ev| address.set(event_target_value(&ev)) /></label>
                <label>"网格"
                    <select on:change=move |ev| grid.set(event_target_value(&ev))>
                        {move || grids().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>"登记类别"
                    <select on:change=move |ev| kind.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || categories(session).iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{category_zh(c)}</option> }).collect_view()}
                    </select>
                </label>
                <button class="btn" type="submit" disabled=move || saving.get()>"保存"</button>
            </form>
            <Outcome said=message />
        </section>
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
                            let grid =
                                s.grid_of(v).and_then(|g| s.grids.get(g)).map(|g| g.name.clone()).unwrap_or_default();
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

/// One open anomaly: what it is, and the choices a person has.
#[derive(Clone)]
struct OpenAnomaly {
    id: String,
    text: String,
    /// (voter id, description) of each record a person can keep; empty → only "explained".
    records: Vec<(String, String)>,
}

#[component]
fn Anomalies() -> impl IntoView {
    let session = expect_context::<Session>();
    let error = RwSignal::new(None::<String>);
    let open = move || {
        session
            .with_state(|s| {
                s.open_anomalies()
                    .map(|a| {
                        let voters: &[String] = match &a.kind {
                            AnomalyKind::DuplicateRegistration { voters, .. }
                            | AnomalyKind::ConflictingRegistration { voters, .. } => voters,
                            _ => &[],
                        };
                        let records = voters
                            .iter()
                            .filter_map(|id| s.voter(id))
                            .map(|v| {
                                let grid = s
                                    .grid_of(v)
                                    .and_then(|g| s.grids.get(g))
                                    .map(|g| g.name.clone())
                                    .unwrap_or_default();
                                (
                                    v.id.clone(),
                                    format!(
                                        "{} · {} · 电话{} · {}登记",
                                        v.name,
                                        grid,
                                        if v.phone.is_empty() { "无" } else { &v.phone },
                                        v.registered_by
                                    ),
                                )
                            })
                            .collect();
                        OpenAnomaly { id: a.id.clone(), text: s.describe_anomaly(a), records }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    // Minors on the list (the day moved, or registered under an older day): removed, not kept.
    let minors = move || {
        session
            .with_state(|s| {
                let day = s.election_day();
                s.under_age_on_day()
                    .into_iter()
                    .filter_map(|v| Some((v.id.clone(), ElectionState::under_age_zh(v, day?))))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let remove = move |voter: String| {
        let body = EventBody::VoterRemoved(VoterRemoved {
            voter,
            reason: RemovalReason::NotEligible,
            note: "到选举日未满18周岁".into(),
        });
        spawn_local(async move {
            if let Err(e) = session.record(body).await {
                error.set(Some(e));
            }
        });
    };
    let resolve = move |anomaly: String, resolution: Resolution| {
        let body = EventBody::AnomalyResolved(AnomalyResolved { anomaly, resolution, note: String::new() });
        spawn_local(async move {
            if let Err(e) = session.record(body).await {
                error.set(Some(e));
            }
        });
    };
    view! {
        <section class="card">
            <h2>"待处理的异常"</h2>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || {
                let list = open();
                let minors = minors();
                let none = (list.is_empty() && minors.is_empty()).then(|| view! { <p class="ok">"没有待处理的异常。"</p> });
                let under_age = (!minors.is_empty()).then(|| view! {
                    <h3>"到选举日未满18周岁的登记选民"</h3>
                    <ul class="anomalies" data-testid="under-age">
                        {minors.into_iter().map(|(voter, text)| view! {
                            <li class="anomaly">
                                <p class="warn">{text}</p>
                                <button class="btn small" on:click=move |_| remove(voter.clone())>"移出选民名单"</button>
                            </li>
                        }).collect_view()}
                    </ul>
                });
                let duplicates = (!list.is_empty()).then(|| view! {
                    <ul class="anomalies" data-testid="anomalies">
                        {list.into_iter().map(|a| {
                            let id = a.id.clone();
                            let choices = if a.records.is_empty() {
                                view! { <button class="btn small" on:click=move |_| resolve(id.clone(), Resolution::Explained)>"已核实，无需更改"</button> }.into_any()
                            } else {
                                a.records.into_iter().map(|(voter, label)| {
                                    let id = id.clone();
                                    view! {
                                        <div class="keep">
                                            <span>{label}</span>
                                            <button class="btn small" on:click=move |_| resolve(id.clone(), Resolution::Keep { record: voter.clone() })>"保留这一条"</button>
                                        </div>
                                    }
                                }).collect_view().into_any()
                            };
                            view! { <li class="anomaly"><p class="warn">{a.text}</p>{choices}</li> }
                        }).collect_view()}
                    </ul>
                });
                view! { {none}{duplicates}{under_age} }
            }}
        </section>
    }
}
