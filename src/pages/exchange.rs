//! 收发数据包: send this device's records as a signed file; import files from others. Every
//! file is checked completely before anything is stored, and gets its own verdict on screen.

use crate::components::file_pick::FilePick;
use crate::components::form::Outcome;
use crate::platform::files;
use crate::session::RoleState;
use crate::session::{ImportOutcome, Session};
use huanjie_core::record::bundle::Kind;
use huanjie_core::record::identity::{DeviceRecord, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone)]
struct Verdict {
    file: String,
    outcome: ImportOutcome,
    /// The file's bytes, kept while it waits for a person's decision (quarantine, join).
    held: Option<Vec<u8>>,
}

#[component]
pub fn Exchange() -> impl IntoView {
    view! {
        <Export />
        <Import />
        <Devices />
    }
}

/// Devices accepted on this phone: whose files it imports without asking.
#[component]
fn Devices() -> impl IntoView {
    let session = expect_context::<Session>();
    let devices = move || {
        session
            .with_state(|s| {
                s.devices
                    .values()
                    .map(|d| {
                        let grid = d.grid.as_ref().and_then(|g| s.grids.get(g)).map(|g| format!(" · {}", g.name));
                        (d.device.clone(), d.holder.clone(), d.role, grid.unwrap_or_default())
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <section class="card">
            <h2>"已接受的设备"</h2>
            <p class="hint">"本机设备码："<b>{move || session.device_code().unwrap_or_default()}</b></p>
            <ul class="devices" data-testid="devices">
                {move || devices().into_iter().map(|(code, holder, role, grid)| view! {
                    <li><b>{code}</b>" "{holder}"（"{huanjie_core::election::exchange::role_zh(role)}{grid}"）"</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Export() -> impl IntoView {
    let session = expect_context::<Session>();
    let role = expect_context::<RoleState>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let kinds = move || match role.0.get() {
        Some(Role::ElectionCommittee) => vec![Kind::ElectionPackage, Kind::Field],
        Some(Role::GridWorker) => vec![Kind::Field],
        _ => vec![],
    };
    let send = move |kind: Kind| {
        let Some(r) = role.0.get_untracked() else { return };
        match session.export(kind, r) {
            Err(e) => message.set(Some(Err(e))),
            Ok((name, text)) => {
                spawn_local(async move { message.set(Some(files::send(&name, &text, kind.label_zh()).await)) })
            }
        }
    };
    view! {
        <section class="card">
            <h2>"发送数据"</h2>
            <p class="hint">"文件带有本机签名，对方导入时会逐项核验；重复发送不会重复导入。"</p>
            <div class="actions">
                {move || kinds().into_iter().map(|k| view! {
                    <button class="btn" on:click=move |_| send(k)>{format!("导出{}", k.label_zh())}</button>
                }).collect_view()}
            </div>
            <Outcome said=message />
        </section>
    }
}

#[component]
fn Import() -> impl IntoView {
    let session = expect_context::<Session>();
    let role = expect_context::<RoleState>();
    let verdicts = RwSignal::new(Vec::<Verdict>::new());
    let busy = RwSignal::new(false);

    let import_files = move |list: Vec<web_sys::File>| {
        let Some(r) = role.0.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            for file in list {
                let name = file.name();
                let (outcome, held) = match files::read_bytes(&file).await {
                    Ok(bytes) => {
                        let outcome = session.import(bytes.clone(), r).await;
                        let held =
                            matches!(outcome, ImportOutcome::Quarantined { .. } | ImportOutcome::JoinRequest(..))
                                .then_some(bytes);
                        (outcome, held)
                    }
                    Err(message) => (ImportOutcome::Refused { check: "read", message }, None),
                };
                verdicts.update(|v| v.insert(0, Verdict { file: name, outcome, held }));
            }
            busy.set(false);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| import_files(files::picked(&ev));
    let on_drop = move |ev: leptos::ev::DragEvent| import_files(files::dropped(&ev));

    // Accepting devices enrols them, then the held file is imported again.
    let accept = move |index: usize, devices: Vec<DeviceRecord>| {
        let Some(r) = role.0.get_untracked() else { return };
        let Some(verdict) = verdicts.get_untracked().get(index).cloned() else { return };
        spawn_local(async move {
            let accepted = match &verdict.outcome {
                ImportOutcome::JoinRequest(device, _, grid) => session.accept_join(device.clone(), grid.clone()).await,
                _ => session.accept_devices(devices).await,
            };
            let outcome = match (accepted, verdict.outcome, verdict.held) {
                (Err(message), _, _) => ImportOutcome::Refused { check: "storage", message },
                (Ok(()), ImportOutcome::JoinRequest(device, ..), _) => ImportOutcome::Enrolled(device),
                (Ok(()), _, Some(bytes)) => session.import(bytes, r).await,
                (Ok(()), outcome, None) => outcome,
            };
            verdicts.update(|v| {
                if let Some(slot) = v.get_mut(index) {
                    slot.outcome = outcome;
                    slot.held = None;
                }
            });
        });
    };

    view! {
        <section class="card" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h2>"导入文件"</h2>
            <p class="hint">"选择别人发来的文件（可一次选多个）。文件被改名没有关系；被改动、不完整或不属于本次选举的文件会被拒绝，已有数据不受影响。"</p>
            <FilePick on_pick=on_pick testid="import-input" />
            <Show when=move || busy.get()><p role="status">"正在核验…"</p></Show>
            <ul class="verdicts">
                {move || verdicts.get().into_iter().enumerate().map(|(i, v)| view_verdict(i, v, accept)).collect_view()}
            </ul>
        </section>
    }
}

fn view_verdict(index: usize, v: Verdict, accept: impl Fn(usize, Vec<DeviceRecord>) + Copy + 'static) -> impl IntoView {
    let (class, text, devices) = match v.outcome {
        ImportOutcome::Enrolled(device) => {
            ("ok", format!("已接受{}的设备 {}，可以导入它发来的文件了。", device.name, device.code), None)
        }
        ImportOutcome::Imported { kind, added, sender } => (
            "ok",
            format!("已导入{}（来自{} {}）：新增 {} 条记录。", kind.label_zh(), sender.name, sender.code, added),
            None,
        ),
        ImportOutcome::AlreadyImported => ("ok", "这个文件已经导入过，没有变化。".to_string(), None),
        ImportOutcome::Quarantined { devices } => (
            "warn",
            format!(
                "暂未导入：文件来自尚未确认的设备 {}。请与对方核对设备码，确认无误后再接受。",
                devices.iter().map(|d| format!("{}（{}）", d.code, d.name)).collect::<Vec<_>>().join("、")
            ),
            Some(devices),
        ),
        ImportOutcome::JoinRequest(device, said, grid) => (
            "warn",
            format!(
                "{}{}申请加入本次选举，设备码 {}。请与对方核对设备码后接受。{}",
                device.name,
                said.as_ref().map(|g| format!("（{g}）")).unwrap_or_default(),
                device.code,
                match (said, grid) {
                    (Some(_), Some(_)) => "接受后该设备负责这个网格。",
                    (Some(_), None) => "本次选举没有这个网格，接受后请在网格设置中指定。",
                    (None, _) => "",
                }
            ),
            Some(vec![device]),
        ),
        ImportOutcome::Refused { message, .. } => ("error", format!("已拒绝：{message}"), None),
    };
    view! {
        <li class=format!("verdict {class}")>
            <div class="verdict-file">{v.file}</div>
            <div role=if class == "error" { "alert" } else { "status" }>{text}</div>
            {devices.map(|d| view! {
                <button class="btn small" on:click=move |_| accept(index, d.clone())>"核对无误，接受"</button>
            })}
        </li>
    }
}
