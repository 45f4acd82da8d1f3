//! Home: the stages of the chosen role, in workflow order.

use crate::app::RoleState;
use crate::pages::welcome::ChooseRole;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let role = expect_context::<RoleState>();
    move || match role.0.get() {
        None => view! { <ChooseRole /> }.into_any(),
        Some(r) => {
            let stages = r
                .stages()
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    view! {
                        <li>
                            <A href=s.path() attr:class="stage-link">
                                <span class="stage-no">{i + 1}</span>
                                <span class="stage-title">{s.title()}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section>
                    <h1>{r.name()}"工作台"</h1>
                    <nav aria-label="换届步骤">
                        <ol class="stages">{stages}</ol>
                    </nav>
                </section>
            }
            .into_any()
        }
    }
}
