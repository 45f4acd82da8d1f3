//! One stage of the workflow, reached from the role's navigation or directly by its link.

use crate::nav::Stage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StagePage() -> impl IntoView {
    let params = use_params_map();
    let stage = move || params.read().get("stage").as_deref().and_then(Stage::from_slug);
    move || match stage() {
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
        Some(s) => view! {
            <article class="stage">
                <h1>{s.title()}</h1>
                <p class="summary">{s.summary()}</p>
                <A href="/" attr:class="btn secondary">"返回工作台"</A>
            </article>
        }
        .into_any(),
    }
}
