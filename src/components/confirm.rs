//! A step that cannot be taken back in one tap (a member leaving the election committee, undoing
//! a ballot, a candidate's withdrawal): the first tap asks, in words, what will happen; only the
//! second records it.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;

#[component]
pub fn ConfirmButton(
    /// The button's words.
    #[prop(into)]
    label: String,
    /// What will happen, asked before it does ("……退出选举委员会？").
    #[prop(into)]
    question: Signal<String>,
    /// Recorded only after the second tap.
    #[prop(into)]
    on_confirm: UnsyncCallback<()>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// Extra classes of the first button ("small").
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let class = format!("btn secondary {class}");
    view! {
        <Show when=move || asking.get() fallback=move || {
            let class = class.clone();
            let label = label.clone();
            view! { <button type="button" class=class disabled=move || disabled.get() on:click=move |_| asking.set(true)>{label}</button> }
        }>
            <span class="confirm inline" role="group" aria-label="请确认">
                <span class="warn">{move || question.get()}</span>
                <button type="button" class="btn danger small" on:click=move |_| { asking.set(false); on_confirm.run(()); }>"确认"</button>
                <button type="button" class="btn secondary small" on:click=move |_| asking.set(false)>"取消"</button>
            </span>
        </Show>
    }
}
