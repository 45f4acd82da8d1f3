//! The app: routes (every screen is a deep link, and which screen each stage shows for each role)
//! and the state shared by all screens (the `Session` and the `RoleState` it comes with).

use crate::components::choose_role::ChooseRole;
use crate::components::layout::TopBar;
use crate::components::update_banner::UpdateBanner;
use crate::nav::{Role, Screen, Stage};
use crate::pages;
use crate::pages::office::{OfficeImport, OfficeProgress, OfficeStatistics, OfficeWorkReport};
use crate::pages::{
    committee::ElectionCommittee,
    complaints::Complaints,
    exchange::Exchange,
    join::Join,
    notices::Notices,
    preparation::Preparation,
    registration::Registration,
    setup::{ElectionSetup, Grids, PreparationGates},
    voter_list::VoterList,
};
use crate::session::{RoleState, Session};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let role = RoleState::load();
    provide_context(role);
    let session = Session::new();
    provide_context(session);
    leptos::task::spawn_local(session.start());

    view! {
        <Router>
            <TopBar role=role.0.into() />
            <UpdateBanner />
            {move || session.error.get().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
            <main class="page">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home />
                    <Route path=path!("/role") view=ChooseRole />
                    <Route path=path!("/stage/:stage") view=StagePage />
                    <Route path=path!("/settings") view=pages::settings::Settings />
                    <Route path=path!("/bench") view=pages::bench::Bench />
                </Routes>
            </main>
        </Router>
    }
}

/// One stage of the workflow, reached from the role's navigation or directly by its link:
/// what the stage is for, then its working screen where one is built.
#[component]
pub fn StagePage() -> impl IntoView {
    let params = use_params_map();
    let stage = move || params.read().get("stage").as_deref().and_then(Screen::from_slug);
    let role = expect_context::<RoleState>();
    let session = expect_context::<Session>();
    // Screens mount once the saved data is loaded, so forms start from what is stored.
    let ready = Memo::new(move |_| session.ready());
    move || {
        match stage() {
        None => view! { <pages::not_found::NotFound /> }.into_any(),
        Some(s) => view! {
            <article class="stage">
                <h1>{s.title()}</h1>
                <details class="summary">
                    <summary>"这一步做什么"</summary>
                    <p>{s.summary()}</p>
                </details>
                {move || if ready.get() { screen(s, role.0.get()) } else { view! { <p class="card" role="status">"正在载入本机数据…"</p> }.into_any() }}
                <A href="/" attr:class="btn secondary back">"返回工作台"</A>
            </article>
        }
        .into_any(),
    }
    }
}

fn screen(screen: Screen, role: Option<Role>) -> AnyView {
    match screen {
        // The office receives community reports, not event files.
        Screen::Exchange if role == Some(Role::Office) => view! { <OfficeImport /> }.into_any(),
        Screen::Exchange => view! { <Exchange /> }.into_any(),
        Screen::Progress => view! { <OfficeProgress /> }.into_any(),
        Screen::Statistics => view! { <OfficeStatistics /> }.into_any(),
        Screen::WorkReport => view! { <OfficeWorkReport /> }.into_any(),
        Screen::Join => view! { <Join /> }.into_any(),
        Screen::Step(Stage::Registration) if role == Some(Role::ElectionCommittee) => {
            view! { <Registration /><VoterList /> }.into_any()
        }
        Screen::Step(Stage::Registration) => view! { <Registration /> }.into_any(),
        Screen::Step(Stage::ElectionCommittee) => view! { <ElectionCommittee /> }.into_any(),
        Screen::Step(Stage::Notice) => view! { <Notices /> }.into_any(),
        Screen::Complaints => view! { <Complaints /> }.into_any(),
        Screen::Step(Stage::Preparation) => {
            view! { <ElectionSetup /><PreparationGates /><Grids /><Preparation /> }.into_any()
        }
        Screen::Step(Stage::Nomination) => view! { <pages::nomination::Nomination /> }.into_any(),
        Screen::Step(Stage::Review) if role == Some(Role::Office) => {
            view! { <pages::review::ReviewOffice /> }.into_any()
        }
        Screen::Step(Stage::Review) => view! { <pages::review::ReviewCommittee /> }.into_any(),
        Screen::Step(Stage::Preselection) => view! { <pages::candidates::Candidates /> }.into_any(),
        Screen::Step(Stage::Voting) => view! { <pages::voting::Voting /><pages::papers::Papers /> }.into_any(),
        Screen::Step(Stage::Count) => view! { <pages::count::Count /> }.into_any(),
        Screen::Step(Stage::Announcement) => view! { <pages::results::Announcement /> }.into_any(),
        Screen::Step(Stage::Report) => view! { <pages::results::ResultReport /> }.into_any(),
        Screen::Step(Stage::Handover) => view! { <pages::results::Handover /> }.into_any(),
    }
}
