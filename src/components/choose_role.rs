//! Which role does this device work as? The first-start screen (`/role`) and the home screen both
//! show this choice.

use crate::nav::{RoleView, ROLES};
use crate::session::RoleState;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ChooseRole() -> impl IntoView {
    let role = expect_context::<RoleState>();
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let choices = ROLES.map(|r| {
        let navigate = navigate.clone();
        let pick = move |_| match role.choose(r) {
            Ok(()) => navigate("/", Default::default()),
            Err(message) => error.set(Some(message)),
        };
        view! {
            <button class="choice" on:click=pick>
                <span class="choice-title">{r.name()}</span>
                <span class="choice-blurb">{r.blurb()}</span>
            </button>
        }
    });
    view! {
        <section class="welcome">
            <h1>"欢迎使用换届助手"</h1>
            <p class="lead">"社区“两委”换届选举的全流程工具。数据只保存在本机，设备之间用文件交换。"</p>
            <h2>"请选择您的身份"</h2>
            <div class="choices">{choices}</div>
            {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
    }
}
