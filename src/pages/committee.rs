//! 选举委员会: its members and posts, whether its chair is the Party secretary (the reports count
//! this), and the withdrawal of a member who is nominated (replaced by the next in line).

use crate::components::confirm::ConfirmButton;
use crate::components::form::{self, date, record_all, zh_date, Outcome};
use crate::session::Session;
use huanjie_core::election::setup;
use huanjie_core::record::events::{
    ChairPartyRole, CommitteeMember, CommitteePost, ElectionCommitteeFormed, EventBody,
};
use leptos::prelude::*;

const POSTS: [(CommitteePost, &str); 3] =
    [(CommitteePost::Chair, "chair"), (CommitteePost::ViceChair, "vice_chair"), (CommitteePost::Member, "member")];

fn post_of(code: &str) -> CommitteePost {
    POSTS.iter().find(|(_, c)| *c == code).map_or(CommitteePost::Member, |(p, _)| *p)
}

#[component]
pub fn ElectionCommittee() -> impl IntoView {
    let session = expect_context::<Session>();
    let committee = move || session.with_state(|s| s.committee.clone()).flatten();
    let nominated = move || {
        session
            .with_state(|s| s.committee_members_nominated().into_iter().map(|m| m.name.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let withdrawal = session.with_state(setup::withdrawal_cite).map(|c| c.to_string()).unwrap_or_default();
    let existing = committee();
    let formed_on = RwSignal::new(existing.as_ref().map(|c| c.formed_on.to_string()).unwrap_or_default());
    let chosen_by = RwSignal::new(existing.as_ref().map_or("居民代表会议".into(), |c| c.chosen_by.clone()));
    let chair_role = RwSignal::new(existing.as_ref().map_or(ChairPartyRole::Secretary, |c| c.chair_party_role));
    let name = RwSignal::new(String::new());
    let voter_query = RwSignal::new(String::new());
    let post = RwSignal::new(CommitteePost::Member);
    let said = form::said();

    // Every change records the whole committee again: the latest record is the committee.
    let save = move |members: Vec<CommitteeMember>, ok: String| {
        let Some(formed_on) = date(&formed_on.get_untracked()) else {
            return said.set(Some(Err("请填写推选日期。".into())));
        };
        let body = EventBody::ElectionCommitteeFormed(ElectionCommitteeFormed {
            formed_on,
            chosen_by: chosen_by.get_untracked().trim().into(),
            members,
            chair_party_role: chair_role.get_untracked(),
        });
        record_all(session, vec![body], said, ok, move || name.set(String::new()));
    };
    let members = move || committee().map(|c| c.members).unwrap_or_default();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = name.get_untracked().trim().to_string();
        if who.is_empty() {
            return said.set(Some(Err("请填写成员姓名。".into())));
        }
        // Link the member to the voter list when the name is found once, so a nomination of
        // the member is noticed.
        let voter = session
            .with_state(|s| {
                let q = voter_query.get_untracked();
                let found = s.search(if q.trim().is_empty() { &who } else { &q }, 2);
                (found.len() == 1 && found[0].name == who).then(|| found[0].id.clone())
            })
            .flatten();
        let mut list = members();
        list.push(CommitteeMember { name: who.clone(), post: post.get_untracked(), voter });
        save(list, format!("已加入选举委员会：{who}"));
    };
    let withdraw = move |index: usize| {
        let mut list = members();
        if index < list.len() {
            let gone = list.remove(index);
            save(list, format!("{}已退出选举委员会，请按推选结果依次递补。", gone.name));
        }
    };
    let save_header = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save(members(), "已保存选举委员会。".into());
    };

    view! {
        <section class="card" data-testid="election-committee">
            <h2>"选举委员会成员"</h2>
            {move || committee().map(|c| view! {
                <p class="hint">{zh_date(c.formed_on)}"由"{c.chosen_by.clone()}"推选 · 主任"{match c.chair_party_role {
                    ChairPartyRole::Secretary => "由社区党组织书记担任",
                    ChairPartyRole::DeputySecretary => "由社区党组织副书记担任",
                    ChairPartyRole::Neither => "不是党组织书记或副书记",
                }}</p>
            })}
            <ul class="members">
                {move || {
                    let flagged = nominated();
                    members().into_iter().enumerate().map(|(i, m)| {
                        let must_go = flagged.contains(&m.name);
                        view! {
                            <li class:warn=must_go>
                                {m.post.zh()}" "{m.name.clone()}
                                {must_go.then(|| view! { <span role="alert">" · 已被提名为候选人，应当退出"</span> })}
                                <ConfirmButton label="退出" class="small" question=format!("确认{}退出选举委员会？", m.name) on_confirm=move |_| withdraw(i) />
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <p class="hint">{withdrawal}"。成员的近亲属被提名的，也应退出，请逐一核对。"</p>
            <form class="form" on:submit=add>
                <label>"姓名"<input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label>"身份证号或电话（用于对照选民名单，可不填）"<input prop:value=move || voter_query.get() on:input=move |ev| voter_query.set(event_target_value(&ev)) /></label>
                <label>"职务"
                    <select on:change=move |ev| post.set(post_of(&event_target_value(&ev)))>
                        {POSTS.map(|(p, code)| view! { <option value=code selected=move || post.get() == p>{p.zh()}</option> })}
                    </select>
                </label>
                <button class="btn" type="submit">"加入选举委员会"</button>
            </form>
            <form class="form" on:submit=save_header>
                <label>"推选日期"<input type="date" prop:value=move || formed_on.get() on:input=move |ev| formed_on.set(event_target_value(&ev)) /></label>
                <label>"推选方式"<input prop:value=move || chosen_by.get() on:input=move |ev| chosen_by.set(event_target_value(&ev)) /></label>
                <label>"选委会主任"
                    <select on:change=move |ev| chair_role.set(match event_target_value(&ev).as_str() {
                        "deputy" => ChairPartyRole::DeputySecretary,
                        "neither" => ChairPartyRole::Neither,
                        _ => ChairPartyRole::Secretary,
                    })>
                        <option value="secretary" selected=move || chair_role.get() == ChairPartyRole::Secretary>"由社区党组织书记担任"</option>
                        <option value="deputy" selected=move || chair_role.get() == ChairPartyRole::DeputySecretary>"由副书记担任"</option>
                        <option value="neither" selected=move || chair_role.get() == ChairPartyRole::Neither>"其他人员担任"</option>
                    </select>
                </label>
                <button class="btn secondary" type="submit">"保存"</button>
            </form>
            <Outcome said=said />
        </section>
    }
}
