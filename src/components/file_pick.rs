//! The "选择文件" button of the import screens: several JSON files at once, large touch target.

use leptos::prelude::*;

#[component]
pub fn FilePick(on_pick: impl Fn(leptos::ev::Event) + 'static, testid: &'static str) -> impl IntoView {
    view! {
        <label class="btn file-pick">
            "选择文件"
            <input type="file" accept=".json,application/json" multiple on:change=on_pick data-testid=testid />
        </label>
    }
}
