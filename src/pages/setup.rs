//! 选举设置 and 准备: the committee defines the election (kind, electorate, rule preset with
//! its articles, posts and seats, election day), the grids, and records the preparation steps.
//! Whether a definition is lawful is decided by huanjie_core::election::setup.

use crate::components::form::{self, date, record_all, zh_date, Outcome};
use crate::platform;
use crate::session::Session;
use huanjie_core::election::setup;
use huanjie_core::law::rules::{self, Cite, Preset};
use huanjie_core::record::events::{
    ElectionDefined, ElectionKind, ElectorateMode, EventBody, GridDefined, Post, PostSeats, PreparationRecorded,
};
use leptos::prelude::*;

const KINDS: [(ElectionKind, &str); 3] = [
    (ElectionKind::ResidentsCommittee, "residents_committee"),
    (ElectionKind::VillageCommittee, "village_committee"),
    (ElectionKind::PartyCommittee, "party_committee"),
];
const POSTS: [Post; 4] = [Post::Director, Post::DeputyDirector, Post::Member, Post::WomenMember];

fn kind_of(code: &str) -> ElectionKind {
    KINDS.iter().find(|(_, c)| *c == code).map_or(ElectionKind::ResidentsCommittee, |(k, _)| *k)
}

fn mode_of(code: &str) -> ElectorateMode {
    ElectorateMode::ALL.into_iter().find(|m| mode_code(*m) == code).unwrap_or(ElectorateMode::AllVoters)
}

fn mode_code(m: ElectorateMode) -> &'static str {
    match m {
        ElectorateMode::AllVoters => "all_voters",
        ElectorateMode::HouseholdReps => "household_reps",
        ElectorateMode::ResidentReps => "resident_reps",
        ElectorateMode::NoCandidates => "no_candidates",
    }
}

fn cite(c: Cite) -> String {
    c.to_string()
}

/// The preset's rules that decide something on this election, each with its article.
fn preset_points(p: &Preset) -> Vec<(String, String)> {
    let (min, max, size) = p.committee_size;
    let n = p.notices;
    vec![
        ("委员会职数".into(), format!("{min}至{max}人（{}）", cite(size))),
        (
            "选举有效".into(),
            format!("{}参加投票（{}）", p.turnout_share(rules::Electorate::AllVoters).zh(), cite(p.turnout)),
        ),
        ("当选".into(), format!("获得{}选票（{}）", p.winning.0.zh(), cite(p.winning.1))),
        ("差额".into(), cite(p.margin_cite)),
        (
            "名单公布".into(),
            format!("选民名单选举日{}日前，正式候选人选举日{}日前（{}）", n.voter_list, n.final_list, cite(n.cite)),
        ),
        (
            "委托投票".into(),
            match p.proxy.cap {
                Some(0) => format!("不实行（{}）", cite(p.proxy.cite)),
                Some(c) => format!("每人受托不超过{c}人，候选人不得受托（{}）", cite(p.proxy.cite)),
                None => format!("未规定人数上限（{}）", cite(p.proxy.cite)),
            },
        ),
        ("另行选举".into(), format!("{}日内（{}）", p.supplementary_days, cite(p.supplementary.1))),
    ]
}

#[component]
pub fn ElectionSetup() -> impl IntoView {
    let session = expect_context::<Session>();
    let existing = session.with_state(|s| s.definition.clone()).flatten();
    let others_enrolled =
        move || session.with_state(|s| s.devices.len() > 1 || s.active_voters().next().is_some()).unwrap_or(false);
    let d = existing.clone();
    let text = |f: fn(&ElectionDefined) -> String| RwSignal::new(d.as_ref().map(f).unwrap_or_default());
    let community = text(|d| d.community.clone());
    let street = text(|d| d.street.clone());
    let district = text(|d| d.district.clone());
    let day = text(|d| d.election_day.to_string());
    let kind = RwSignal::new(d.as_ref().map_or(ElectionKind::ResidentsCommittee, |d| d.kind));
    let mode = RwSignal::new(d.as_ref().map_or(ElectorateMode::AllVoters, |d| d.electorate));
    let preset = RwSignal::new(d.as_ref().map_or_else(
        || setup::default_preset(ElectionKind::ResidentsCommittee).map_or_else(String::new, |p| p.id.to_string()),
        |d| d.rule_preset.clone(),
    ));
    let seats = POSTS.map(|post| {
        let n = d
            .as_ref()
            .map_or(setup::default_seats(post), |d| d.posts.iter().find(|p| p.post == post).map_or(0, |p| p.seats));
        (post, RwSignal::new(n.to_string()))
    });
    let breaches = RwSignal::new(Vec::<(String, String)>::new());
    let said = form::said();
    let chosen = move || rules::preset(&preset.get());
    let on_kind = move |ev| {
        let k = kind_of(&event_target_value(&ev));
        kind.set(k);
        if let Some(p) = setup::default_preset(k) {
            preset.set(p.id.to_string());
        }
    };

    // Said while the day is chosen, not only after saving: a past or too-near day, minors.
    let day_warnings = move || {
        let (Some(d), Some(p)) = (date(&day.get()), chosen()) else { return vec![] };
        session.with_state(|s| setup::day_warnings(s, p, d, platform::today())).unwrap_or_default()
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        breaches.set(vec![]);
        let Some(election_day) = date(&day.get_untracked()) else {
            return said.set(Some(Err("请选择选举日。".into())));
        };
        let p = chosen();
        let posts: Vec<PostSeats> = seats
            .iter()
            .filter(|(post, _)| p.is_some_and(|p| p.has_post(*post)))
            .filter_map(|(post, n)| {
                n.get_untracked()
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|&n| n > 0)
                    .map(|seats| PostSeats { post: *post, seats })
            })
            .collect();
        let definition = ElectionDefined {
            election_id: existing.as_ref().map_or_else(|| form::new_id(session, "e"), |d| d.election_id.clone()),
            community: community.get_untracked().trim().into(),
            street: street.get_untracked().trim().into(),
            district: district.get_untracked().trim().into(),
            kind: kind.get_untracked(),
            electorate: mode.get_untracked(),
            rule_preset: preset.get_untracked(),
            posts,
            election_day,
        };
        let found = setup::check_definition(&definition);
        if !found.is_empty() {
            breaches.set(found.into_iter().map(|b| (b.zh, cite(b.cite))).collect());
            return said.set(Some(Err("选举设置不符合规定，未保存：".into())));
        }
        let ok = if others_enrolled() {
            "已保存。设置有改动，请到“收发数据包”重新导出选举数据包发给网格员。".to_string()
        } else {
            "已保存选举设置。".to_string()
        };
        record_all(session, vec![EventBody::ElectionDefined(definition)], said, ok, || {});
    };

    view! {
        <section class="card" data-testid="election-setup">
            <h2>"选举设置"</h2>
            <form class="form" on:submit=save>
                <label>"社区名称"<input prop:value=move || community.get() on:input=move |ev| community.set(event_target_value(&ev)) /></label>
                <label>"街道（乡镇）"<input prop:value=move || street.get() on:input=move |ev| street.set(event_target_value(&ev)) /></label>
                <label>"区（县）"<input prop:value=move || district.get() on:input=move |ev| district.set(event_target_value(&ev)) /></label>
                <label>"选举类型"
                    <select on:change=on_kind>
                        {KINDS.map(|(k, code)| view! { <option value=code selected=move || kind.get() == k>{k.name_zh()}</option> })}
                    </select>
                </label>
                <label>"适用规则（法规版本、省份）"
                    <select on:change=move |ev| preset.set(event_target_value(&ev))>
                        {move || setup::presets_for(kind.get()).map(|p| {
                            let id = p.id;
                            view! { <option value=id selected=move || preset.get() == id>{p.name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {move || chosen().map(|p| view! {
                    <details class="rule-points" open>
                        <summary>{p.basis}" 要点"</summary>
                        <dl>{preset_points(p).into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
                    </details>
                })}
                <Show when=move || !kind.get().is_party()>
                    <label>"选举方式"
                        <select on:change=move |ev| mode.set(mode_of(&event_target_value(&ev)))>
                            {ElectorateMode::ALL.map(|m| view! { <option value=mode_code(m) selected=move || mode.get() == m>{m.name_zh()}</option> })}
                        </select>
                    </label>
                </Show>
                <fieldset class="seats">
                    <legend>"职务和应选名额"</legend>
                    {seats.map(|(post, n)| view! {
                        <Show when=move || chosen().is_some_and(|p| p.has_post(post))>
                            <label>{post.zh()}
                                <input type="number" inputmode="numeric" min="0" max="9" prop:value=move || n.get() on:input=move |ev| n.set(event_target_value(&ev)) />
                            </label>
                        </Show>
                    })}
                </fieldset>
                <label>"选举日"<input type="date" prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev)) /></label>
                <ul class="warnings" data-testid="day-warnings">
                    {move || day_warnings().into_iter().map(|w| view! { <li class="warn">{w}</li> }).collect_view()}
                </ul>
                <button class="btn" type="submit">"保存选举设置"</button>
            </form>
            <Outcome said=said />
            <ul class="breaches" data-testid="setup-breaches">
                {move || breaches.get().into_iter().map(|(zh, cite)| view! { <li class="error">{zh}<span class="hint">" （"{cite}"）"</span></li> }).collect_view()}
            </ul>
        </section>
    }
}

/// 准备: the audit (no audit, no election), 民主评议 and the plan, with the dates they were done.
#[component]
pub fn PreparationGates() -> impl IntoView {
    let session = expect_context::<Session>();
    let prep = session.with_state(|s| s.preparation.clone()).flatten();
    let field = |f: fn(&PreparationRecorded) -> Option<chrono::NaiveDate>| {
        RwSignal::new(prep.as_ref().and_then(f).map(|d| d.to_string()).unwrap_or_default())
    };
    let audit = field(|p| p.audit_published);
    let review = field(|p| p.democratic_review);
    let plan = field(|p| p.plan_adopted);
    let note = RwSignal::new(prep.map(|p| p.note).unwrap_or_default());
    let said = form::said();
    let gates = move || session.with_state(setup::gates).unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = EventBody::PreparationRecorded(PreparationRecorded {
            audit_published: date(&audit.get_untracked()),
            democratic_review: date(&review.get_untracked()),
            plan_adopted: date(&plan.get_untracked()),
            note: note.get_untracked().trim().into(),
        });
        record_all(session, vec![body], said, "已保存准备工作记录。".into(), || {});
    };
    view! {
        <section class="card" data-testid="gates">
            <h2>"准备工作"</h2>
            <ul class="checklist">
                {move || gates().into_iter().map(|g| {
                    let (class, state) = match (g.done_on, g.required) {
                        (Some(d), _) => ("done", format!("已完成 {}", zh_date(d))),
                        (None, true) => ("warn", "未完成（必须完成后才能换届）".to_string()),
                        (None, false) => ("", "未记录".to_string()),
                    };
                    view! { <li class=class>{g.zh}" · "{state}<div class="hint">{cite(g.cite)}</div></li> }
                }).collect_view()}
            </ul>
            <form class="form" on:submit=save>
                <label>"审计结果公布日期"<input type="date" prop:value=move || audit.get() on:input=move |ev| audit.set(event_target_value(&ev)) /></label>
                <label>"民主评议日期"<input type="date" prop:value=move || review.get() on:input=move |ev| review.set(event_target_value(&ev)) /></label>
                <label>"实施方案通过日期"<input type="date" prop:value=move || plan.get() on:input=move |ev| plan.set(event_target_value(&ev)) /></label>
                <label>"说明"<input prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) /></label>
                <button class="btn" type="submit">"保存准备工作"</button>
            </form>
            <Outcome said=said />
        </section>
    }
}

/// The grids grid workers register in, each with its worker (enrolled devices join a grid).
#[component]
pub fn Grids() -> impl IntoView {
    let session = expect_context::<Session>();
    let name = RwSignal::new(String::new());
    let worker = RwSignal::new(String::new());
    let said = form::said();
    let grids = move || {
        session
            .with_state(|s| s.grids.values().map(|g| (g.name.clone(), g.worker.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, w) = (name.get_untracked().trim().to_string(), worker.get_untracked().trim().to_string());
        if n.is_empty() {
            return said.set(Some(Err("请填写网格名称。".into())));
        }
        if grids().iter().any(|(g, _)| *g == n) {
            return said.set(Some(Err(format!("已有网格“{n}”。"))));
        }
        let body = EventBody::GridDefined(GridDefined {
            grid: form::new_id(session, "g"),
            name: n.clone(),
            worker: w,
            device: None,
        });
        record_all(session, vec![body], said, format!("已添加网格：{n}"), move || {
            name.set(String::new());
            worker.set(String::new());
        });
    };
    view! {
        <section class="card" data-testid="grids">
            <h2>"网格"</h2>
            <ul>{move || grids().into_iter().map(|(g, w)| view! { <li>{g}<span class="hint">" · 网格员 "{w}</span></li> }).collect_view()}</ul>
            <form class="form" on:submit=add>
                <label>"网格名称"<input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label>"网格员"<input prop:value=move || worker.get() on:input=move |ev| worker.set(event_target_value(&ev)) /></label>
                <button class="btn secondary" type="submit">"添加网格"</button>
            </form>
            <Outcome said=said />
        </section>
    }
}
