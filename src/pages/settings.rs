//! Settings: the role of this device.

use crate::nav::RoleView;
use crate::session::RoleState;
use leptos::prelude::*;
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
            <p>"当前身份："{move || role.0.get().map(|r| r.name()).unwrap_or("未选择")}</p>
            <button class="btn secondary" on:click=change_role>"更换身份"</button>
        </section>
    }
}
