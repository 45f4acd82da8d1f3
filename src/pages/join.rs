//! 加入选举 (grid worker): show this device's code, send the join request, then import the
//! committee's election package on the exchange screen.

use crate::components::form::Outcome;
use crate::nav::Screen;
use crate::platform::{files, prefs};
use crate::session::RoleState;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn Join() -> impl IntoView {
    let session = expect_context::<Session>();
    let role = expect_context::<RoleState>();
    let message = RwSignal::new(None::<Result<String, String>>);
    // Kept on the phone, so a second request (a lost file) needs no typing.
    let name = RwSignal::new(prefs::load::<String>("join_name").unwrap_or_default());
    let grid = RwSignal::new(prefs::load::<String>("join_grid").unwrap_or_default());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = role.0.get_untracked() else { return };
        let (who, where_) = (name.get_untracked().trim().to_string(), grid.get_untracked().trim().to_string());
        if who.is_empty() {
            return message.set(Some(Err("请填写您的姓名：选委会据此确认是谁的手机。".into())));
        }
        let _ = prefs::save("join_name", &who);
        let _ = prefs::save("join_grid", &where_);
        let Some(text) = session.join_request(r, &who, &where_) else { return };
        let code = session.device_code().unwrap_or_default();
        spawn_local(async move {
            let name = format!("huanjie-join-{code}.json");
            message.set(Some(
                files::share_or_download(&name, &text, "加入申请")
                    .await
                    .map(|_| format!("已生成加入申请“{name}”，请发给选委会。")),
            ));
        });
    };
    let joined = move || session.with_state(|s| s.definition.clone()).flatten();
    view! {
        <section class="card">
            <h2>"本机设备码"</h2>
            <p class="device-code" data-testid="device-code">{move || session.device_code().unwrap_or_else(|| "载入中…".into())}</p>
            <p class="hint">"选委会接受申请时会核对这个设备码。"</p>
            {move || match joined() {
                Some(d) => view! { <p class="ok">"已加入："{d.community}"（选举日 "{d.election_day.to_string()}"）"</p> }.into_any(),
                None => view! {
                    <form class="form" on:submit=send>
                        <label>"您的姓名"<input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                        <label>"负责的网格（如：第2网格）"<input prop:value=move || grid.get() on:input=move |ev| grid.set(event_target_value(&ev)) /></label>
                        <div class="actions">
                            <button class="btn" type="submit">"发送加入申请"</button>
                            <A href=Screen::Exchange.path() attr:class="btn secondary">"导入选举数据包"</A>
                        </div>
                    </form>
                }.into_any(),
            }}
            <Outcome said=message />
        </section>
    }
}
