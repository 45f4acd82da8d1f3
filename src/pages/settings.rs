//! Settings: the role of this device, and what it holds: a backup file, leaving the demo, and
//! wiping the phone (a lost-phone plan starts with knowing the data can be taken off it).

use crate::nav::{Role, RoleView};
use crate::platform::files;
use crate::session::{RoleState, Session};
use huanjie_core::record::bundle::Kind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Settings() -> impl IntoView {
    let role = expect_context::<RoleState>();
    let navigate = use_navigate();
    let change_role = move |_| {
        role.forget();
        navigate("/role", Default::default());
    };
    view! {
        <section>
            <h1>"设置"</h1>
            <section class="card">
                <h2>"本机身份"</h2>
                <p>"当前身份："{move || role.0.get().map(|r| r.name()).unwrap_or("未选择")}</p>
                <button class="btn secondary" on:click=change_role>"更换身份"</button>
            </section>
            <DeviceData />
        </section>
    }
}

/// What to wipe: the demo's records only, or everything including this device's identity.
#[derive(Clone, Copy, PartialEq)]
enum Wipe {
    LeaveDemo,
    Everything,
}

/// The file that backs up this role's work (the office's figures come from the communities'
/// files, which it can import again).
fn backup_kind(role: Option<Role>) -> Option<Kind> {
    match role? {
        Role::ElectionCommittee => Some(Kind::Archive),
        Role::GridWorker => Some(Kind::Field),
        Role::Office => None,
    }
}

#[component]
fn DeviceData() -> impl IntoView {
    let session = expect_context::<Session>();
    let role = expect_context::<RoleState>();
    let asked = RwSignal::new(None::<Wipe>);
    let backed_up = RwSignal::new(false);
    let confirmed = RwSignal::new(false);
    let message = RwSignal::new(None::<Result<String, String>>);
    let held = move || {
        session.with_state(|s| {
            let demo = s.definition.as_ref().is_some_and(huanjie_core::demo::is_demo);
            let community = s.definition.as_ref().map(|d| d.community.clone());
            (community, demo, s.active_voters().count())
        })
    };
    let is_demo = move || held().is_some_and(|(_, demo, _)| demo);
    let backup = move |_| {
        let r = role.0.get_untracked();
        let (Some(kind), Some(r)) = (backup_kind(r), r) else {
            return message.set(Some(Err("街道·区换届办的汇总来自各社区发来的文件，清除后可重新导入。".into())));
        };
        match session.export(kind, r) {
            Err(e) => message.set(Some(Err(e))),
            Ok((name, text)) => spawn_local(async move {
                let said = files::send(&name, &text, "备份").await;
                if said.is_ok() {
                    backed_up.set(true);
                    confirmed.set(true);
                }
                message.set(Some(said));
            }),
        }
    };
    let wipe = move |_| {
        let Some(what) = asked.get_untracked() else { return };
        spawn_local(async move {
            // On success the page reloads onto the empty store; only a failure comes back.
            if let Err(e) = session.wipe(what == Wipe::Everything).await {
                message.set(Some(Err(format!("没有清除：{e}"))));
            }
        });
    };
    let ask = move |what| {
        confirmed.set(backed_up.get_untracked() || what == Wipe::LeaveDemo);
        asked.set(Some(what));
    };
    view! {
        <section class="card" data-testid="device-data">
            <h2>"本机数据"</h2>
            <p>{move || match held() {
                Some((Some(c), demo, voters)) => format!("本机保存：{c}{}，登记选民{voters}人。", if demo { "（示范数据）" } else { "" }),
                _ => "本机还没有选举数据。".to_string(),
            }}</p>
            <div class="actions">
                <button class="btn secondary" on:click=backup>"导出备份文件"</button>
                <Show when=is_demo>
                    <button class="btn" on:click=move |_| ask(Wipe::LeaveDemo)>"退出示范社区"</button>
                </Show>
                <button class="btn danger" on:click=move |_| ask(Wipe::Everything)>"清除本机全部数据"</button>
            </div>
            {move || message.get().map(|m| match m {
                Ok(t) => view! { <p class="ok" role="status">{t}</p> }.into_any(),
                Err(t) => view! { <p class="error" role="alert">{t}</p> }.into_any(),
            })}
            {move || asked.get().map(|what| view! {
                <div class="confirm" role="dialog" aria-label="确认清除" data-testid="confirm-wipe">
                    <p class="warn">{match what {
                        Wipe::LeaveDemo => "将删除示范社区（幸福里社区）的全部记录，回到开始页面，之后可以新建选举或导入选委会发来的数据包。本机身份保留。",
                        Wipe::Everything => "将永久删除本机保存的全部选举记录、收到的文件和本机的设备身份，删除后无法恢复。请先导出备份文件。",
                    }}</p>
                    <Show when=move || what == Wipe::Everything>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || confirmed.get() on:change=move |ev| confirmed.set(event_target_checked(&ev)) />
                            "我已导出备份，或确认不需要这些数据"
                        </label>
                    </Show>
                    <div class="actions">
                        <button class="btn danger" disabled=move || !confirmed.get() on:click=wipe>
                            {match what { Wipe::LeaveDemo => "确认退出示范社区", Wipe::Everything => "确认清除" }}
                        </button>
                        <button class="btn secondary" on:click=move |_| asked.set(None)>"取消"</button>
                    </div>
                </div>
            })}
        </section>
    }
}
