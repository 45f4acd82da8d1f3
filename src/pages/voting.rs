//! 投票: open the round from the candidate list, check each voter in once (领票签到) with the live
//! turnout against the preset's threshold, and the voting set-up (stations, mobile boxes, written
//! proxies, staff). Every check is the core's (`state::check_*`, `count::turnout_status`).

use crate::session::Session;
use huanjie_core::election::{count, rounds};
use huanjie_core::record::events::*;
use huanjie_core::record::state::ElectionState;
use leptos::prelude::*;

use crate::components::form::{new_id, record, Outcome, Said as Message};

/// One voter from a name or ID number typed by a person: an exact ID number, or a name only one
/// voter has.
pub fn find_voter(s: &ElectionState, text: &str) -> Result<VoterId, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("请填写姓名或身份证号".into());
    }
    let found = s.search(text, 50);
    let exact: Vec<_> =
        found.iter().filter(|v| v.is_active() && (v.id_number.eq_ignore_ascii_case(text) || v.name == text)).collect();
    match exact.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(format!("选民名单中没有“{text}”")),
        _ => Err(format!("有{}人叫“{text}”，请填写身份证号", exact.len())),
    }
}

#[component]
pub fn Voting() -> impl IntoView {
    let session = expect_context::<Session>();
    let has_round = move || session.with_state(|s| !s.rounds.is_empty()).unwrap_or(false);
    view! {
        <Show when=has_round fallback=|| view! { <OpenFirstRound /> }>
            <CheckIn />
        </Show>
        <Setup />
    }
}

/// The first round's ballot: posts and seats from the definition; candidates from the published
/// final list, else the nominees still standing.
#[component]
fn OpenFirstRound() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let plan = move || {
        session
            .with_state(|s| {
                let opened = rounds::first_round(s)?;
                let names: Vec<(String, u32, String)> = opened
                    .posts
                    .iter()
                    .map(|p| {
                        (
                            p.post.zh().to_string(),
                            p.seats,
                            p.candidates.iter().map(|c| s.name_of(c)).collect::<Vec<_>>().join("、"),
                        )
                    })
                    .collect();
                Some((opened, names, s.final_list.is_some()))
            })
            .flatten()
    };
    let open = move |_| {
        let Some((mut opened, _, _)) = plan() else { return };
        opened.round = new_id(session, "r");
        match session.with_state(|s| s.check_round_opening(&opened)) {
            Some(Err(p)) => message.set(Some(Err(p.zh))),
            Some(Ok(())) => {
                record(session, EventBody::RoundOpened(opened), message, "第一轮投票已开始，可以签到领票。".into())
            }
            None => {}
        }
    };
    view! {
        <section class="card">
            <h2>"开始投票"</h2>
            {move || match plan() {
                None => view! { <p class="hint">"请先完成选举设置。"</p> }.into_any(),
                Some((_, names, from_list)) => view! {
                    <p class="hint">{if from_list { "候选人取自已公布的正式候选人名单。" } else { "还没有公布正式候选人名单：候选人取自未被取消资格的被提名人。" }}</p>
                    <ul class="plain">
                        {names.into_iter().map(|(post, seats, cands)| view! { <li><b>{post}</b>"（应选"{seats}"名）："{cands}</li> }).collect_view()}
                    </ul>
                    <button class="btn" type="button" on:click=open>"开始第一轮投票"</button>
                }.into_any(),
            }}
            <Outcome said=message />
        </section>
    }
}

/// 领票签到: each voter once, at any station or box; the core refuses a second check-in.
#[component]
fn CheckIn() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let query = RwSignal::new(String::new());
    let grid = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let round = move || session.with_state(count::current_round).flatten();
    let places = move || {
        session
            .with_state(|s| {
                s.stations
                    .values()
                    .map(|x| (x.station.clone(), x.name.clone()))
                    .chain(s.mobile_boxes.values().map(|b| (b.mobile_box.clone(), b.name.clone())))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let grids = move || {
        session
            .with_state(|s| s.grids.values().map(|g| (g.grid.clone(), g.name.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let turnout = move || round().and_then(|r| session.with_state(|s| count::turnout_status(s, &r).ok()).flatten());
    let title = move || {
        round()
            .and_then(|r| session.with_state(|s| s.rounds.get(&r).map(|x| count::round_zh(x.opened.kind))).flatten())
            .unwrap_or("")
    };
    let rows = move || {
        let Some(r) = round() else { return Vec::new() };
        let (q, g) = (query.get(), grid.get());
        session
            .with_state(|s| {
                let day = s.election_day();
                let pick = |v: &huanjie_core::record::state::Voter| {
                    let done = s.check_ins_of(&r, &v.id).first().map(|c| {
                        s.stations
                            .get(&c.at)
                            .map(|x| x.name.clone())
                            .or_else(|| s.mobile_boxes.get(&c.at).map(|b| b.name.clone()))
                            .unwrap_or(c.at.clone())
                    });
                    let underage = day.is_some_and(|d| !v.eligible_on(d));
                    (v.id.clone(), v.name.clone(), v.masked_id(), done, underage)
                };
                if !q.trim().is_empty() {
                    s.search(q.trim(), 30).into_iter().filter(|v| v.is_active()).map(pick).collect()
                } else {
                    let g = if g.is_empty() { s.grids.keys().next().cloned().unwrap_or_default() } else { g };
                    s.active_voters().filter(|v| s.grid_of(v).is_some_and(|x| *x == g)).map(pick).collect::<Vec<_>>()
                }
            })
            .unwrap_or_default()
    };
    let check_in = move |voter: VoterId| {
        let Some(r) = round() else { return };
        let at = if place.get_untracked().is_empty() {
            places().first().map(|p| p.0.clone()).unwrap_or_else(|| "central".into())
        } else {
            place.get_untracked()
        };
        match session.with_state(|s| s.check_check_in(&r, &voter, None).map(|_| s.name_of(&voter))) {
            Some(Err(p)) => message.set(Some(Err(p.zh))),
            Some(Ok(name)) => record(
                session,
                EventBody::CheckedIn(CheckedIn { round: r, voter, at, proxy: None }),
                message,
                format!("{name}已签到领票。"),
            ),
            None => {}
        }
    };
    view! {
        <section class="card">
            <h2>{title}" · 领票签到"</h2>
            {move || turnout().map(|t| view! {
                <div class="turnout" data-testid="turnout">
                    <p class="big">"已签到 "<b data-testid="voted">{t.voted}</b>" / 登记 "<b data-testid="registered">{t.registered}</b></p>
                    <p>{t.rule.clone()}"：至少 "{t.needed}" 人。"
                        {if t.reached { view! { <b class="ok">"已达到"</b> }.into_any() } else { view! { <b class="warn">{format!("还差{}人", t.needed - t.voted.min(t.needed))}</b> }.into_any() }}
                    </p>
                </div>
            })}
            <div class="form">
            <label>"投票站 / 流动票箱"
                <select on:change=move |ev| place.set(event_target_value(&ev))>
                    {move || places().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </label>
            <label>"网格"
                <select on:change=move |ev| grid.set(event_target_value(&ev))>
                    {move || grids().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </label>
            </div>
            <input class="search" type="search" aria-label="查找选民" placeholder="姓名或身份证号" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            <Outcome said=message />
            <ul class="checkin" data-testid="checkin-list">
                {move || rows().into_iter().map(|(id, name, masked, done, underage)| view! {
                    <li>
                        <span><b>{name}</b>" "<small>{masked}</small></span>
                        {match (done, underage) {
                            (Some(at), _) => view! { <span class="ok">"已签到（"{at}"）"</span> }.into_any(),
                            (None, true) => view! { <span class="hint">"未满18周岁"</span> }.into_any(),
                            (None, false) => view! { <button class="btn small" type="button" on:click=move |_| check_in(id.clone())>"签到"</button> }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Stations, mobile boxes, written proxies and staff.
#[component]
fn Setup() -> impl IntoView {
    view! {
        <details class="card">
            <summary><h2 class="inline">"投票站、流动票箱、委托投票和工作人员"</h2></summary>
            <Stations />
            <MobileBoxes />
            <Proxies />
            <Staff />
        </details>
    }
}

#[component]
fn Stations() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let list = move || {
        session
            .with_state(|s| {
                s.stations
                    .values()
                    .map(|x| format!("{}（{}）{}", x.name, x.place, if x.central { " 中心会场" } else { "" }))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, p) = (name.get_untracked().trim().to_string(), place.get_untracked().trim().to_string());
        if n.is_empty() || p.is_empty() {
            return message.set(Some(Err("请填写投票站名称和地点".into())));
        }
        let central = session.with_state(|s| s.stations.is_empty()).unwrap_or(true);
        let body = EventBody::StationDefined(StationDefined {
            station: new_id(session, "st"),
            name: n.clone(),
            place: p,
            central,
        });
        record(session, body, message, format!("已设立{n}。"));
    };
    view! {
        <h3>"投票站"</h3>
        <ul class="plain">{move || list().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        <form class="form" on:submit=add>
            <label>"名称"<input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <label>"地点"<input prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) /></label>
            <button class="btn" type="submit">"设立投票站"</button>
        </form>
        <Outcome said=message />
    }
}

#[component]
fn MobileBoxes() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    let voters = RwSignal::new(String::new());
    let list = move || {
        session
            .with_state(|s| {
                s.mobile_boxes
                    .values()
                    .map(|b| {
                        format!("{}：{}", b.name, b.voters.iter().map(|v| s.name_of(v)).collect::<Vec<_>>().join("、"))
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = session.with_state(|s| {
            let ids = voters
                .get_untracked()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| find_voter(s, l))
                .collect::<Result<Vec<_>, _>>()?;
            let b = MobileBoxDefined {
                mobile_box: new_id(session, "mb"),
                name: name.get_untracked().trim().to_string(),
                voters: ids,
            };
            s.check_mobile_box(&b).map_err(|p| p.zh)?;
            Ok::<_, String>(b)
        });
        match result {
            Some(Ok(b)) => {
                let ok = format!("已设立{}，{}名选民使用。", b.name, b.voters.len());
                record(session, EventBody::MobileBoxDefined(b), message, ok)
            }
            Some(Err(e)) => message.set(Some(Err(e))),
            None => {}
        }
    };
    view! {
        <h3>"流动票箱"</h3>
        <ul class="plain">{move || list().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        <form class="form" on:submit=add>
            <label>"名称"<input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <label>"使用的选民（姓名或身份证号，每行一人）"<textarea prop:value=move || voters.get() on:input=move |ev| voters.set(event_target_value(&ev))></textarea></label>
            <button class="btn" type="submit">"设立流动票箱"</button>
        </form>
        <Outcome said=message />
    }
}

#[component]
fn Proxies() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let principal = RwSignal::new(String::new());
    let proxy = RwSignal::new(String::new());
    let written = RwSignal::new(String::new());
    let list = move || {
        session
            .with_state(|s| {
                s.proxies
                    .values()
                    .map(|p| format!("{} 委托 {}（{}）", s.name_of(&p.principal), s.name_of(&p.proxy), p.written_on))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(written_on) = crate::components::form::date(&written.get_untracked()) else {
            return message.set(Some(Err("请填写委托书日期".into())));
        };
        let result = session.with_state(|s| {
            let a = find_voter(s, &principal.get_untracked())?;
            let b = find_voter(s, &proxy.get_untracked())?;
            s.check_proxy(&a, &b).map_err(|p| p.zh)?;
            Ok::<_, String>(ProxyAssigned { principal: a, proxy: b, written_on })
        });
        match result {
            Some(Ok(p)) => record(session, EventBody::ProxyAssigned(p), message, "已登记委托投票。".into()),
            Some(Err(e)) => message.set(Some(Err(e))),
            None => {}
        }
    };
    view! {
        <h3>"书面委托投票"</h3>
        <ul class="plain">{move || list().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        <form class="form" on:submit=add>
            <label>"委托人"<input prop:value=move || principal.get() on:input=move |ev| principal.set(event_target_value(&ev)) /></label>
            <label>"受托人"<input prop:value=move || proxy.get() on:input=move |ev| proxy.set(event_target_value(&ev)) /></label>
            <label>"委托书日期"<input type="date" prop:value=move || written.get() on:input=move |ev| written.set(event_target_value(&ev)) /></label>
            <button class="btn" type="submit">"登记委托"</button>
        </form>
        <Outcome said=message />
    }
}

pub const STAFF_ROLES: [StaffRole; 6] = [
    StaffRole::ChiefScrutineer,
    StaffRole::Scrutineer,
    StaffRole::Counter,
    StaffRole::Caller,
    StaffRole::Writer,
    StaffRole::Host,
];

#[component]
fn Staff() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(0usize);
    let list = move || {
        session
            .with_state(|s| {
                s.staff.iter().map(|x| format!("{}：{}", count::role_zh(x.role), x.name)).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = session.with_state(|s| {
            let n = name.get_untracked().trim().to_string();
            // A registered voter of that name is checked as that voter (household, candidacy).
            let voter = find_voter(s, &n).ok();
            let staff = StaffAssigned { name: n, voter, role: STAFF_ROLES[role.get_untracked()], at: None };
            s.check_staff(&staff).map_err(|p| p.zh)?;
            Ok::<_, String>(staff)
        });
        match result {
            Some(Ok(x)) => {
                let ok = format!("已安排{}为{}。", x.name, count::role_zh(x.role));
                record(session, EventBody::StaffAssigned(x), message, ok)
            }
            Some(Err(e)) => message.set(Some(Err(e))),
            None => {}
        }
    };
    view! {
        <h3>"工作人员"</h3>
        <p class="hint">"候选人及其近亲属不得担任监票人、计票人、唱票人、代写人和主持人。"</p>
        <ul class="plain" data-testid="staff">{move || list().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        <form class="form" on:submit=add>
            <label>"姓名"<input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <label>"职责"
                <select on:change=move |ev| role.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {STAFF_ROLES.iter().enumerate().map(|(i, r)| view! { <option value=i.to_string()>{count::role_zh(*r)}</option> }).collect_view()}
                </select>
            </label>
            <button class="btn" type="submit">"安排"</button>
        </form>
        <Outcome said=message />
    }
}
