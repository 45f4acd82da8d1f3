//! One stage of the workflow, reached from the role's navigation or directly by its link:
//! what the stage is for, then its working screen where one is built.

use crate::app::RoleState;
use crate::nav::{Role, Stage};
use crate::pages::office::{OfficeImport, OfficeProgress, OfficeStatistics, OfficeWorkReport};
use crate::pages::{complaints::Complaints, exchange::Exchange, join::Join, preparation::Preparation, registration::Registration};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StagePage() -> impl IntoView {
    let params = use_params_map();
    let stage = move || params.read().get("stage").as_deref().and_then(Stage::from_slug);
    let role = expect_context::<RoleState>();
    move || match stage() {
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
        Some(s) => view! {
            <article class="stage">
                <h1>{s.title()}</h1>
                <details class="summary" open=screen(s, role.0.get()).is_none()>
                    <summary>"这一步做什么"</summary>
                    <p>{s.summary()}</p>
                </details>
                {screen(s, role.0.get())}
                <A href="/" attr:class="btn secondary back">"返回工作台"</A>
            </article>
        }
        .into_any(),
    }
}

fn screen(stage: Stage, role: Option<Role>) -> Option<AnyView> {
    match stage {
        // The office receives community reports, not event files.
        Stage::Exchange if role == Some(Role::Office) => Some(view! { <OfficeImport /> }.into_any()),
        Stage::Exchange => Some(view! { <Exchange /> }.into_any()),
        Stage::Progress => Some(view! { <OfficeProgress /> }.into_any()),
        Stage::Statistics => Some(view! { <OfficeStatistics /> }.into_any()),
        Stage::WorkReport => Some(view! { <OfficeWorkReport /> }.into_any()),
        Stage::Join => Some(view! { <Join /> }.into_any()),
        Stage::Registration => Some(view! { <Registration /> }.into_any()),
        Stage::Complaints => Some(view! { <Complaints /> }.into_any()),
        Stage::Preparation => Some(view! { <Preparation /> }.into_any()),
        Stage::Voting => Some(view! { <crate::pages::voting::Voting /> }.into_any()),
        Stage::Count => Some(view! { <crate::pages::count::Count /> }.into_any()),
        Stage::Announcement => Some(view! { <crate::pages::results::Announcement /> }.into_any()),
        Stage::Report => Some(view! { <crate::pages::results::ResultReport /> }.into_any()),
        Stage::Handover => Some(view! { <crate::pages::results::Handover /> }.into_any()),
        _ => None,
    }
}
