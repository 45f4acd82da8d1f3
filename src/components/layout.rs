//! The frame every screen sits in: a top bar with the role and a way back home.

use crate::nav::{Role, RoleView};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TopBar(role: Signal<Option<Role>>) -> impl IntoView {
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">"换届助手"</A>
            <span class="role-chip">{move || role.get().map(|r| r.name()).unwrap_or("未选择身份")}</span>
            <A href="/settings" attr:class="topbar-link" attr:aria-label="设置">"设置"</A>
        </header>
    }
}
