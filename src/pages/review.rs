//! 资格审查（联审）: the committee sends the nominees to the office as a signed request file and
//! imports the office's review file; the office keeps each community's request, records pass /
//! disqualify with a reason per department and level, and sends its decisions back. The bundle
//! design and every check are in huanjie_core::election::review.

use crate::components::file_pick::FilePick;
use crate::components::form::zh_date;
use crate::nav::{Screen, Stage};
use crate::platform::{self, files};
use crate::session::{ImportOutcome, Session, APP_BUILD};
use huanjie_core::election::review::{self, RequestVerdict, ReviewCase};
use huanjie_core::record::events::*;
use huanjie_core::record::identity::{DeviceRecord, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::components::form::{Outcome, Said as Message};

// ----- The committee ----------------------------------------------------------------------------

#[component]
pub fn ReviewCommittee() -> impl IntoView {
    view! {
        <RequestReview />
        <ReviewCounts />
        <ImportReview />
        <section class="card">
            <A href=Screen::Step(Stage::Preselection).path() attr:class="btn secondary">"候选人名单和差额"</A>
        </section>
    }
}

#[component]
fn RequestReview() -> impl IntoView {
    let session = expect_context::<Session>();
    let departments = RwSignal::new("组织、纪检、政法、公安、信访".to_string());
    let message: Message = RwSignal::new(None);
    let ready = move || session.with_state(|s| review::reviewable(s).len()).unwrap_or(0);
    let requested = move || session.with_state(|s| !s.review_requests.is_empty()).unwrap_or(false);
    let export = move || {
        spawn_local(async move {
            let sent = match session.export_review_request() {
                Ok((name, text)) => files::send(&name, &text, "资格审查申请").await,
                Err(e) => Err(e),
            };
            message.set(Some(sent));
        });
    };
    let request = move |_| {
        let nominees = session.with_state(review::reviewable).unwrap_or_default();
        if nominees.is_empty() {
            return message.set(Some(Err("没有可送审的被提名人：请先在“提名”中完成每人的资格审查记录。".into())));
        }
        let departments: Vec<String> = departments
            .get_untracked()
            .split(['、', ',', '，', ' '])
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(String::from)
            .collect();
        spawn_local(async move {
            let body =
                EventBody::ReviewRequested(ReviewRequested { nominees, requested_on: platform::today(), departments });
            match session.record(body).await {
                Ok(_) => export(),
                Err(e) => message.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>"发起联审"</h2>
            <p class="hint">{move || format!("已完成选委会审查、可送街道和区联审的被提名人：{} 人。申请文件只含姓名、隐去部分数字的身份证号和职务。", ready())}</p>
            <label>"联审部门"<input prop:value=move || departments.get() on:input=move |ev| departments.set(event_target_value(&ev)) /></label>
            <div class="actions">
                <button class="btn" on:click=request>"发起联审并导出申请文件"</button>
                <Show when=requested>
                    <button class="btn secondary" on:click=move |_| export()>"再次导出申请文件"</button>
                </Show>
            </div>
            <Outcome said=message />
        </section>
    }
}

#[component]
fn ReviewCounts() -> impl IntoView {
    let session = expect_context::<Session>();
    let counts = move || session.with_state(|s| s.review_counts()).unwrap_or_default();
    let rows = move || {
        session
            .with_state(|s| {
                s.candidates
                    .values()
                    .filter_map(|c| {
                        let v = s.voter(&c.voter)?;
                        let why = c
                            .reviews
                            .iter()
                            .find(|r| r.decision == ReviewDecision::Disqualify)
                            .map(|r| format!("（{}：{}）", r.department, r.reason));
                        Some((v.name.clone(), c.status().zh(), why.unwrap_or_default()))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <section class="card">
            <h2>"审查结果"</h2>
            <p data-testid="review-counts">{move || {
                let n = counts();
                format!("通过 {} 人，街道取消资格 {} 人，区级取消资格 {} 人，待审查 {} 人，选委会审查不符合 {} 人",
                    n.passed, n.disqualified_street, n.disqualified_district, n.pending, n.disqualified_screening)
            }}</p>
            <ul>
                {move || rows().into_iter().map(|(name, status, why)| view! { <li>{name}"："{status}{why}</li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ImportReview() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let held = RwSignal::new(None::<(Vec<u8>, Vec<DeviceRecord>)>);
    let outcome = move |o: ImportOutcome, bytes: Vec<u8>| match o {
        ImportOutcome::Imported { kind, added, sender } => message.set(Some(Ok(format!(
            "已导入{}（来自{} {}）：新增 {} 条记录。",
            kind.label_zh(),
            sender.name,
            sender.code,
            added
        )))),
        ImportOutcome::AlreadyImported => message.set(Some(Ok("这个文件已经导入过，没有变化。".into()))),
        ImportOutcome::Quarantined { devices } => {
            message.set(Some(Err(format!(
                "暂未导入：文件来自尚未确认的设备 {}。请与换届办核对设备码，确认无误后再接受。",
                devices.iter().map(|d| format!("{}（{}）", d.code, d.name)).collect::<Vec<_>>().join("、")
            ))));
            held.set(Some((bytes, devices)));
        }
        ImportOutcome::Refused { message: m, .. } => message.set(Some(Err(format!("已拒绝：{m}")))),
        ImportOutcome::JoinRequest(..) | ImportOutcome::Enrolled(_) => {
            message.set(Some(Err("这是设备登记申请，请在“收发数据包”中打开。".into())))
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let list = files::picked(&ev);
        spawn_local(async move {
            for file in list {
                held.set(None);
                match files::read_bytes(&file).await {
                    Ok(bytes) => outcome(session.import(bytes.clone(), Role::ElectionCommittee).await, bytes),
                    Err(e) => message.set(Some(Err(e))),
                }
            }
        });
    };
    let accept = move |_| {
        let Some((bytes, devices)) = held.get_untracked() else { return };
        spawn_local(async move {
            held.set(None);
            match session.accept_devices(devices).await {
                Ok(()) => outcome(session.import(bytes.clone(), Role::ElectionCommittee).await, bytes),
                Err(e) => message.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>"导入审查意见"</h2>
            <p class="hint">"选择换届办发回的审查意见文件。"</p>
            <FilePick on_pick=on_pick testid="review-import" />
            <Outcome said=message />
            <Show when=move || held.get().is_some()>
                <button class="btn" on:click=accept>"核对无误，接受"</button>
            </Show>
        </section>
    }
}

// ----- The office -------------------------------------------------------------------------------

#[component]
pub fn ReviewOffice() -> impl IntoView {
    let session = expect_context::<Session>();
    let cases = RwSignal::new(None::<Vec<ReviewCase>>);
    let message: Message = RwSignal::new(None);
    spawn_local(async move {
        // After a reload the screen can come up before storage is open.
        while !session.ready() && session.error.get_untracked().is_none() {
            platform::next_tick().await;
        }
        cases.set(Some(session.review_cases().await));
    });

    let on_pick = move |ev: leptos::ev::Event| {
        let list = files::picked(&ev);
        spawn_local(async move {
            for file in list {
                let bytes = match files::read_bytes(&file).await {
                    Ok(b) => b,
                    Err(e) => return message.set(Some(Err(e))),
                };
                // Never write the list before it was read: that would drop stored cases.
                let Some(mut held) = cases.get_untracked() else {
                    return message.set(Some(Err("数据尚未载入，请稍候再试".into())));
                };
                let (case, zh) = match review::receive_request(&bytes, &held) {
                    RequestVerdict::New(c) => {
                        let zh = format!("已接收{}的审查申请：{} 人。", c.request.community, c.request.nominees.len());
                        (c, zh)
                    }
                    RequestVerdict::Updated(c) => {
                        let zh = format!(
                            "已更新{}的审查申请：{} 人，已有意见保留。",
                            c.request.community,
                            c.request.nominees.len()
                        );
                        (c, zh)
                    }
                    RequestVerdict::AlreadyReceived => {
                        message.set(Some(Ok("这个申请已经接收过，没有变化。".into())));
                        continue;
                    }
                    RequestVerdict::Refused { zh } => {
                        message.set(Some(Err(zh)));
                        continue;
                    }
                };
                held.retain(|c| c.election.id != case.election.id);
                held.push(case);
                match session.save_review_cases(&held).await {
                    Ok(()) => {
                        cases.set(Some(held));
                        message.set(Some(Ok(zh)));
                    }
                    Err(e) => message.set(Some(Err(e))),
                }
            }
        });
    };

    view! {
        <section class="card">
            <h2>"接收审查申请"</h2>
            <p class="hint">"选择社区选委会发来的资格审查申请文件。"</p>
            <FilePick on_pick=on_pick testid="review-request-import" />
            <Outcome said=message />
        </section>
        <For each=move || cases.get().unwrap_or_default() key=|c| c.election.id.clone() let:c>
            <OfficeCase election=c.election.id.clone() cases=cases />
        </For>
    }
}

/// One community's nominees with the decisions so far, a decision form and the export.
#[component]
fn OfficeCase(election: String, cases: RwSignal<Option<Vec<ReviewCase>>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let department = RwSignal::new("街道联审小组".to_string());
    let level = RwSignal::new(ReviewLevel::Street);
    let reason = RwSignal::new(String::new());
    let desk_code = session.review_desk(&election).map(|k| k.code()).unwrap_or_default();
    let election = StoredValue::new(election);
    let case = move || cases.get().and_then(|cs| cs.into_iter().find(|c| c.election.id == election.get_value()));

    let decide = move |nominee: VoterId, decision: ReviewDecision| {
        let id = election.get_value();
        let Some(desk) = session.review_desk(&id) else { return };
        let Some(mut all) = cases.get_untracked() else { return };
        let Some(c) = all.iter_mut().find(|c| c.election.id == id) else { return };
        let name = c.request.nominees.iter().find(|n| n.voter == nominee).map(|n| n.name.clone()).unwrap_or_default();
        let d = ReviewDecided {
            nominee,
            department: department.get_untracked().trim().to_string(),
            level: level.get_untracked(),
            decision,
            reason: reason.get_untracked().trim().to_string(),
            decided_on: platform::today(),
        };
        if let Err(p) = review::decide(c, &desk, d, js_sys::Date::now() as u64) {
            return message.set(Some(Err(p.zh)));
        }
        spawn_local(async move {
            match session.save_review_cases(&all).await {
                Ok(()) => {
                    cases.set(Some(all));
                    let what = if decision == ReviewDecision::Pass { "通过" } else { "取消资格" };
                    message.set(Some(Ok(format!("已记录：{name}{what}"))));
                    reason.set(String::new());
                }
                Err(e) => message.set(Some(Err(e))),
            }
        });
    };
    let export = move |_| {
        let Some(c) = case() else { return };
        let Some(desk) = session.review_desk(&election.get_value()) else { return };
        let result = review::export_review(&c, &desk, "街道·区换届办", APP_BUILD, js_sys::Date::now() as u64)
            .map_err(|e| e.message_zh());
        spawn_local(async move {
            let sent = match result {
                Ok(b) => {
                    files::send(
                        &b.suggested_file_name(&c.request.community),
                        &String::from_utf8(b.to_json_bytes()).unwrap_or_default(),
                        "审查意见",
                    )
                    .await
                }
                Err(e) => Err(e),
            };
            message.set(Some(sent));
        });
    };

    view! {
        <section class="card" data-testid="review-case">
            {move || case().map(|c| {
                let (passed, street, district, pending) = c.counts();
                view! {
                    <h2>{format!("{}（{}）", c.request.community, c.request.street)}</h2>
                    <p class="hint">{format!("申请日期 {}；联审部门：{}", zh_date(c.request.requested_on), c.request.departments.join("、"))}</p>
                    <p data-testid="case-counts">{format!("通过 {passed} 人，街道取消资格 {street} 人，区级取消资格 {district} 人，待审查 {pending} 人")}</p>
                }
            })}
            <p class="hint">"本社区审查意见的设备码："<b data-testid="desk-code">{desk_code}</b>"（社区导入时请与其核对）"</p>
            <div class="form">
                <label>"审查部门"<input prop:value=move || department.get() on:input=move |ev| department.set(event_target_value(&ev)) /></label>
                <label>"层级"
                    <select on:change=move |ev| level.set(if event_target_value(&ev) == "district" { ReviewLevel::District } else { ReviewLevel::Street })>
                        <option value="street">"街道"</option>
                        <option value="district">"区"</option>
                    </select>
                </label>
                <label>"取消资格的理由"<input prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) /></label>
            </div>
            <Outcome said=message />
            <ul class="nominees">
                {move || case().map(|c| c.request.nominees.iter().map(|n| {
                    let outcome = match c.outcome(&n.voter) {
                        None => "待审查".to_string(),
                        Some((ReviewDecision::Pass, _)) => "通过".to_string(),
                        Some((ReviewDecision::Disqualify, ReviewLevel::Street)) => "街道取消资格".to_string(),
                        Some((ReviewDecision::Disqualify, ReviewLevel::District)) => "区级取消资格".to_string(),
                    };
                    let screening = if n.screening.is_empty() { String::new() } else {
                        format!("；选委会审查：{}", n.screening.iter().map(review::reason_zh).collect::<Vec<_>>().join("、"))
                    };
                    let (a, b) = (n.voter.clone(), n.voter.clone());
                    view! {
                        <li class="nominee" data-testid="case-nominee" data-name=n.name.clone()>
                            <div><b>{n.name.clone()}</b>" "{n.masked_id.clone()}" · "{n.post.zh()}" · "{n.nominated_by.clone()}
                                {if n.party_member { " · 党员" } else { "" }}{screening}</div>
                            <div>"意见："<span data-testid="case-outcome">{outcome}</span></div>
                            <div class="actions">
                                <button class="btn small" on:click=move |_| decide(a.clone(), ReviewDecision::Pass)>"通过"</button>
                                <button class="btn small secondary" on:click=move |_| decide(b.clone(), ReviewDecision::Disqualify)>"取消资格"</button>
                            </div>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <button class="btn" on:click=export>"导出审查意见文件"</button>
        </section>
    }
}
