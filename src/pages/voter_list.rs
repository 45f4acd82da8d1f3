//! 选民名单: publishing it (20 days before the election, after the duplicates are resolved), the
//! printable A4 list with masked ID numbers, objections (5 days to file, 3 to decide), and the
//! household / residents' representative lists where the electorate mode uses them. Every check
//! is made by huanjie_core::election::notices.

use crate::components::form::{self, date, record_all, zh_date, Outcome};
use crate::components::print_sheet::PrintSheet;
use crate::components::voter_pick::VoterPick;
use crate::platform;
use crate::session::Session;
use huanjie_core::base::idnum;
use huanjie_core::election::notices;
use huanjie_core::record::events::{
    ElectorateMode, EventBody, HouseholdRepDesignated, ObjectionDecided, ObjectionFiled, RemovalReason,
    ResidentRepDesignated, VoterListPublished, VoterRemoved,
};
use leptos::prelude::*;

#[component]
pub fn VoterList() -> impl IntoView {
    let session = expect_context::<Session>();
    let mode = move || session.with_state(|s| s.definition.as_ref().map(|d| d.electorate)).flatten();
    view! {
        <PublishVoterList />
        <PrintedVoterList />
        <Objections />
        {move || matches!(mode(), Some(ElectorateMode::HouseholdReps | ElectorateMode::ResidentReps)).then(|| view! { <Representatives /> })}
    }
}

#[component]
fn PublishVoterList() -> impl IntoView {
    let session = expect_context::<Session>();
    let on = RwSignal::new(platform::today().to_string());
    let said = form::said();
    let published = move || {
        session
            .with_state(|s| s.voter_lists.iter().map(|l| (l.published_on, l.voters)).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = date(&on.get_untracked()) else {
            return said.set(Some(Err("请选择公布日期。".into())));
        };
        let checked = session
            .with_state(|s| notices::check_voter_list_publication(s, day).map(|_| s.active_voters().count() as u32))
            .unwrap_or(Ok(0));
        match checked {
            Err(b) => said.set(Some(Err(format!("未公布：{}", b.message())))),
            Ok(voters) => {
                let body = EventBody::VoterListPublished(VoterListPublished { published_on: day, voters });
                record_all(session, vec![body], said, format!("已公布选民名单：{voters}人，{}", zh_date(day)), || {});
            }
        }
    };
    view! {
        <section class="card" data-testid="publish-voter-list">
            <h2>"公布选民名单"</h2>
            <ul>{move || published().into_iter().map(|(d, n)| view! { <li class="done">{zh_date(d)}" 公布，"{n}" 人"</li> }).collect_view()}</ul>
            <form class="form" on:submit=publish>
                <label>"公布日期"<input type="date" prop:value=move || on.get() on:input=move |ev| on.set(event_target_value(&ev)) /></label>
                <button class="btn" type="submit">"公布选民名单"</button>
            </form>
            <Outcome said=said />
        </section>
    }
}

/// The list as posted on the notice board: by grid, household by household, ID numbers masked
/// (first 6 and last 4 digits).
#[component]
fn PrintedVoterList() -> impl IntoView {
    let session = expect_context::<Session>();
    let grid = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let grids = move || {
        session
            .with_state(|s| s.grids.values().map(|g| (g.grid.clone(), g.name.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let title = Signal::derive(move || {
        session
            .with_state(|s| {
                let community = s.definition.as_ref().map(|d| d.community.clone()).unwrap_or_default();
                let g = grid.get();
                let part = s.grids.get(&g).map(|x| format!("（{}）", x.name)).unwrap_or_default();
                format!("{community}选民名单{part}")
            })
            .unwrap_or_default()
    });
    let rows = move || {
        let g = grid.get();
        session
            .with_state(|s| {
                let day = s.election_day();
                let mut rows: Vec<(String, String, String, &'static str, String, u32, bool)> = s
                    .active_voters()
                    .filter(|v| g.is_empty() || s.grid_of(v).is_some_and(|x| *x == g))
                    .map(|v| {
                        let address = v
                            .household
                            .as_ref()
                            .and_then(|h| s.households.get(h))
                            .map(|h| h.address.clone())
                            .unwrap_or_default();
                        let age = day.map_or(0, |d| idnum::age_on(v.birth, d));
                        (address, v.name.clone(), v.masked_id(), v.sex.zh(), v.id.clone(), age, v.household_rep)
                    })
                    .collect();
                rows.sort();
                rows
            })
            .unwrap_or_default()
    };
    view! {
        <section class="card">
            <h2>"打印选民名单"</h2>
            <label>"网格"
                <select on:change=move |ev| grid.set(event_target_value(&ev))>
                    <option value="">"全部网格"</option>
                    {move || grids().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </label>
            // Built only on request: at 50,000 voters a table that rebuilds on every record made
            // the registration screen slow for everyone who never prints.
            <Show when=move || shown.get() fallback=move || view! {
                <button type="button" class="btn secondary" on:click=move |_| shown.set(true)>"显示名单（可打印）"</button>
            }>
                        <PrintSheet title=title testid="voter-list-sheet">
                <table>
                    <thead><tr><th>"序号"</th><th>"姓名"</th><th>"性别"</th><th>"年龄"</th><th>"身份证号"</th><th>"住址"</th></tr></thead>
                    <tbody>
                        {move || rows().into_iter().enumerate().map(|(i, (address, name, masked, sex, _, age, rep))| view! {
                            <tr><td>{i + 1}</td><td>{name}{rep.then_some("（户代表）")}</td><td>{sex}</td><td>{age}</td><td>{masked}</td><td>{address}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="hint">"对名单有不同意见的，可在公布之日起五日内向选举委员会提出申诉。"</p>
            </PrintSheet>
            </Show>
        </section>
    }
}

#[component]
fn Objections() -> impl IntoView {
    let session = expect_context::<Session>();
    let today = platform::today();
    let filed_by = RwSignal::new(String::new());
    let filed_on = RwSignal::new(today.to_string());
    let text = RwSignal::new(String::new());
    let about = RwSignal::new(None::<(String, String)>);
    let said = form::said();
    let file = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = date(&filed_on.get_untracked()) else {
            return said.set(Some(Err("请选择申诉日期。".into())));
        };
        if filed_by.get_untracked().trim().is_empty() || text.get_untracked().trim().is_empty() {
            return said.set(Some(Err("请填写申诉人和申诉内容。".into())));
        }
        if let Some(Err(b)) = session.with_state(|s| notices::check_objection(s, day)) {
            return said.set(Some(Err(format!("未受理：{}", b.message()))));
        }
        let body = EventBody::ObjectionFiled(ObjectionFiled {
            objection: form::new_id(session, "o"),
            filed_on: day,
            filed_by: filed_by.get_untracked().trim().into(),
            about: about.get_untracked().map(|(id, _)| id),
            text: text.get_untracked().trim().into(),
        });
        record_all(session, vec![body], said, "已受理申诉。".into(), move || {
            filed_by.set(String::new());
            text.set(String::new());
            about.set(None);
        });
    };
    let cases = move || {
        session
            .with_state(|s| {
                s.objections
                    .values()
                    .rev()
                    .map(|o| {
                        let status = notices::objection_status(s, o, today);
                        let about = o
                            .filed
                            .about
                            .as_ref()
                            .and_then(|v| s.voter(v))
                            .map(|v| (v.id.clone(), v.name.clone(), v.is_active()));
                        (o.filed.clone(), status, about)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <section class="card" data-testid="objections">
            <h2>"选民名单申诉"</h2>
            <form class="form" on:submit=file>
                <label>"申诉人"<input prop:value=move || filed_by.get() on:input=move |ev| filed_by.set(event_target_value(&ev)) /></label>
                <label>"申诉日期"<input type="date" prop:value=move || filed_on.get() on:input=move |ev| filed_on.set(event_target_value(&ev)) /></label>
                <label>"申诉内容"<textarea prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea></label>
                <div>
                    <p>"涉及的选民（可不选）："{move || about.get().map(|(_, n)| n).unwrap_or_else(|| "未选".into())}</p>
                    <VoterPick label="查找涉及的选民" on_pick=move |(id, name)| about.set(Some((id, name))) />
                </div>
                <button class="btn" type="submit">"受理申诉"</button>
            </form>
            <Outcome said=said />
            <ul class="cases">
                {move || cases().into_iter().map(|(o, status, about)| view! {
                    <li class="case">
                        <p><b>{o.filed_by.clone()}</b>" · "{zh_date(o.filed_on)}" · "{o.text.clone()}</p>
                        {about.as_ref().map(|(_, n, _)| view! { <p class="hint">"涉及选民："{n.clone()}</p> })}
                        <p class=match status { Some(notices::ObjectionStatus::Open { overdue: true, .. }) => "warn", Some(notices::ObjectionStatus::Decided { .. }) => "done", _ => "" }>
                            {status.map(|s| s.zh())}
                        </p>
                        {matches!(status, Some(notices::ObjectionStatus::Open { .. })).then(|| view! { <DecideObjection objection=o.objection.clone() about=about.clone() /> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn DecideObjection(objection: String, about: Option<(String, String, bool)>) -> impl IntoView {
    let session = expect_context::<Session>();
    let answer = RwSignal::new(String::new());
    let remove = RwSignal::new(false);
    let said = form::said();
    let can_remove = about.as_ref().is_some_and(|(_, _, active)| *active);
    let decide = move |upheld: bool| {
        if answer.get_untracked().trim().is_empty() {
            return said.set(Some(Err("请填写处理意见。".into())));
        }
        let mut bodies = vec![EventBody::ObjectionDecided(ObjectionDecided {
            objection: objection.clone(),
            decided_on: platform::today(),
            upheld,
            answer: answer.get_untracked().trim().into(),
        })];
        if let (true, true, Some((voter, _, _))) = (upheld, remove.get_untracked(), about.as_ref()) {
            bodies.push(EventBody::VoterRemoved(VoterRemoved {
                voter: voter.clone(),
                reason: RemovalReason::ObjectionUpheld,
                note: answer.get_untracked(),
            }));
        }
        record_all(session, bodies, said, "已作出处理决定，请公布并答复申诉人。".into(), || {});
    };
    let decide_no = decide.clone();
    view! {
        <div class="decide">
            <label>"处理意见"<input prop:value=move || answer.get() on:input=move |ev| answer.set(event_target_value(&ev)) /></label>
            {can_remove.then(|| view! {
                <label class="check"><input type="checkbox" prop:checked=move || remove.get() on:change=move |ev| remove.set(event_target_checked(&ev)) />"申诉成立时，把涉及的选民从名单中移除"</label>
            })}
            <div class="actions">
                <button type="button" class="btn small" on:click=move |_| decide(true)>"申诉成立"</button>
                <button type="button" class="btn secondary small" on:click=move |_| decide_no(false)>"申诉不成立"</button>
            </div>
            <Outcome said=said />
        </div>
    }
}

/// 户代表 / 居民代表: who votes for a household or a residents' group, published with the list.
#[component]
fn Representatives() -> impl IntoView {
    let session = expect_context::<Session>();
    let said = form::said();
    let mode = move || session.with_state(|s| s.definition.as_ref().map(|d| d.electorate)).flatten();
    let reps = move || {
        session
            .with_state(|s| {
                let mut out: Vec<(String, String)> = s
                    .active_voters()
                    .filter(|v| v.household_rep || v.resident_rep_of.is_some())
                    .map(|v| {
                        let place = match &v.resident_rep_of {
                            Some(g) => s.groups.get(g).map(|g| g.name.clone()).unwrap_or_default(),
                            None => v
                                .household
                                .as_ref()
                                .and_then(|h| s.households.get(h))
                                .map(|h| h.address.clone())
                                .unwrap_or_default(),
                        };
                        (place, v.name.clone())
                    })
                    .collect();
                out.sort();
                out
            })
            .unwrap_or_default()
    };
    let missing =
        move || session.with_state(|s| s.households.values().filter(|h| h.rep.is_none()).count()).unwrap_or(0);
    let designate = move |(voter, name): (String, String)| {
        let body = session
            .with_state(|s| {
                let v = s.voter(&voter)?;
                let household = v.household.clone()?;
                match s.definition.as_ref()?.electorate {
                    ElectorateMode::ResidentReps => {
                        let group = s.households.get(&household)?.group.clone()?;
                        Some(EventBody::ResidentRepDesignated(ResidentRepDesignated {
                            group,
                            voter,
                            chosen_on: Some(platform::today()),
                        }))
                    }
                    _ => Some(EventBody::HouseholdRepDesignated(HouseholdRepDesignated { household, voter })),
                }
            })
            .flatten();
        match body {
            Some(b) => record_all(session, vec![b], said, format!("已确定代表：{name}"), || {}),
            None => said.set(Some(Err(format!("{name}没有登记住户或所在居民小组，无法确定为代表。")))),
        }
    };
    view! {
        <section class="card" data-testid="representatives">
            <h2>{move || if mode() == Some(ElectorateMode::ResidentReps) { "居民代表名单" } else { "户代表名单" }}</h2>
            {move || (mode() == Some(ElectorateMode::HouseholdReps)).then(|| view! { <p class="hint">"还有 "{missing()}" 户未确定户代表。"</p> })}
            <VoterPick label="查找代表" on_pick=designate />
            <Outcome said=said />
            <ol>{move || reps().into_iter().map(|(place, name)| view! { <li>{name}<span class="hint">" · "{place}</span></li> }).collect_view()}</ol>
        </section>
    }
}
