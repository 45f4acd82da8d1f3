//! "有新版本" notice. pwa/register.js registers the service worker and fires
//! `huanjie-update-ready` on window when a new version has been installed and is waiting.

use leptos::prelude::*;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(false);
    let handle = window_event_listener_untyped("huanjie-update-ready", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let apply = move |_| {
        // register.js tells the waiting worker to take over, then reloads once it has.
        let _ = js_sys::eval("window.huanjieApplyUpdate && window.huanjieApplyUpdate()");
    };
    view! {
        <Show when=move || ready.get()>
            <div class="banner update" role="status">
                <span>"有新版本可用。"</span>
                <button class="btn small" on:click=apply>"立即更新"</button>
            </div>
        </Show>
    }
}
