//! The app: routes (every screen is a deep link) and the state shared by all screens.

use crate::components::layout::TopBar;
use crate::components::update_banner::UpdateBanner;
use crate::nav::Role;
use crate::pages;
use crate::platform::prefs;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The role this device works as; chosen on first start and kept across reloads.
#[derive(Clone, Copy)]
pub struct RoleState(pub RwSignal<Option<Role>>);

impl RoleState {
    /// Store first, then show: the screen never claims a choice that was not saved.
    pub fn choose(&self, role: Role) -> Result<(), String> {
        prefs::save("role", &role)?;
        self.0.set(Some(role));
        Ok(())
    }

    pub fn forget(&self) {
        prefs::remove("role");
        self.0.set(None);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let role = RoleState(RwSignal::new(prefs::load::<Role>("role")));
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
                    <Route path=path!("/role") view=pages::welcome::ChooseRole />
                    <Route path=path!("/stage/:stage") view=pages::stage::StagePage />
                    <Route path=path!("/settings") view=pages::settings::Settings />
                    <Route path=path!("/bench") view=pages::bench::Bench />
                </Routes>
            </main>
        </Router>
    }
}
