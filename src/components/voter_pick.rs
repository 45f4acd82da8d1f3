//! Choose a registered voter by searching the list (name, ID number or phone), never by typing
//! an id. Used wherever a person is named: nominees and nominators, objections, representatives,
//! proxies. Removed voters are not offered.

use crate::session::Session;
use huanjie_core::record::events::VoterId;
use leptos::prelude::*;

const SHOWN: usize = 8;

#[component]
pub fn VoterPick(
    /// Label of the search box.
    #[prop(into)]
    label: String,
    /// `data-testid` of the search box.
    #[prop(optional)]
    testid: &'static str,
    /// Called with the chosen voter's id and name.
    #[prop(into)]
    on_pick: Callback<(VoterId, String)>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let query = RwSignal::new(String::new());
    let found = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        session
            .with_state(|s| {
                s.search(q.trim(), SHOWN)
                    .into_iter()
                    .filter(|v| v.is_active())
                    .map(|v| (v.id.clone(), v.name.clone(), format!("{} · {}", v.sex.zh(), v.masked_id())))
                    .collect()
            })
            .unwrap_or_default()
    };
    view! {
        <div class="voter-pick">
            <label>{label}
                <input class="search" type="search" placeholder="输入姓名、身份证号或电话查找" data-testid=testid
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            </label>
            <ul class="picks">
                {move || found().into_iter().map(|(id, name, detail)| {
                    let pick = (id, name.clone());
                    view! {
                        <li>
                            <button type="button" class="pick" on:click=move |_| { on_pick.run(pick.clone()); query.set(String::new()); }>
                                <span class="voter-name">{name}</span><span class="hint">" "{detail}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
