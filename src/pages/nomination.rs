//! 提名: sign-ups taken by the committee or a grid worker — Party organisation, ten or more voters
//! jointly, or self-nomination where the preset allows — with the nominee and every nominator
//! picked from the voter list by search. Then the three commitments and the disqualification
//! screen per nominee. Whether a nomination stands is decided by the core (check_nomination).

use crate::components::confirm::ConfirmButton;
use crate::components::form::{record, record_all, Outcome};
use crate::components::voter_pick::VoterPick;
use crate::nav::{Role, Screen, Stage};
use crate::platform;
use crate::session::RoleState;
use crate::session::Session;
use huanjie_core::record::events::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Nomination() -> impl IntoView {
    let role = expect_context::<RoleState>();
    view! {
        <Nominate />
        <Problems />
        <Nominees />
        <Show when=move || role.0.get() == Some(Role::ElectionCommittee)>
            <section class="card">
                <h2>"下一步"</h2>
                <div class="actions">
                    <A href=Screen::Step(Stage::Review).path() attr:class="btn secondary">"资格审查（联审）"</A>
                    <A href=Screen::Step(Stage::Preselection).path() attr:class="btn secondary">"候选人名单和差额"</A>
                </div>
            </section>
        </Show>
    }
}

/// What the law says must be settled: one post per person (a person nominated for two posts in
/// files merged here chooses one in writing), and committee members who are nominated.
#[component]
fn Problems() -> impl IntoView {
    let session = expect_context::<Session>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let two_posts = move || {
        session
            .with_state(|s| {
                s.open_anomalies()
                    .filter_map(|a| match &a.kind {
                        huanjie_core::record::state::AnomalyKind::NominatedForTwoPosts { posts, .. } => {
                            Some((a.id.clone(), s.describe_anomaly(a), posts.clone()))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let members = move || {
        session
            .with_state(|s| s.committee_members_nominated().into_iter().map(|m| m.name.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let keep = move |anomaly: String, post: Post| {
        let body = EventBody::AnomalyResolved(AnomalyResolved {
            anomaly,
            resolution: Resolution::Keep { record: huanjie_core::record::state::post_code(post).into() },
            note: "本人书面选定".into(),
        });
        record(session, body, message, format!("已保留{}，另一职务的提名已撤回。", post.zh()));
    };
    view! {
        <Show when=move || !two_posts().is_empty() || !members().is_empty() || message.get().is_some()>
            <section class="card">
                <h2>"须处理的事项"</h2>
                <Outcome said=message />
                <ul class="nominees">
                    {move || two_posts().into_iter().map(|(id, text, posts)| view! {
                        <li><p class="warn">{text}</p>
                            <div class="actions">
                                {posts.into_iter().map(|p| {
                                    let id = id.clone();
                                    view! { <button class="btn small" on:click=move |_| keep(id.clone(), p)>{format!("保留{}", p.zh())}</button> }
                                }).collect_view()}
                            </div>
                        </li>
                    }).collect_view()}
                    {move || members().into_iter().map(|name| view! {
                        <li><p class="warn">{format!("选举委员会成员{name}被提名为候选人，应当退出选举委员会，由原推选结果依次递补。")}</p></li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

/// For the office's structure statistics (大专以上 …).
const EDUCATION: [(&str, &str, Education); 6] = [
    ("primary", "小学", Education::Primary),
    ("junior_high", "初中", Education::JuniorHigh),
    ("senior_high", "高中、中专", Education::SeniorHigh),
    ("college", "大专", Education::College),
    ("bachelor", "本科", Education::Bachelor),
    ("postgraduate", "研究生", Education::Postgraduate),
];

#[derive(Clone, Copy, PartialEq)]
enum Way {
    Party,
    Joint,
    SelfNominated,
}

#[component]
fn Nominate() -> impl IntoView {
    let session = expect_context::<Session>();
    let post = RwSignal::new(None::<Post>);
    let way = RwSignal::new(Way::Joint);
    let nominee = RwSignal::new(None::<(VoterId, String)>);
    let nominators = RwSignal::new(Vec::<(VoterId, String)>::new());
    let party_member = RwSignal::new(false);
    let ethnicity = RwSignal::new("汉族".to_string());
    let education = RwSignal::new(String::new());
    let incumbent = RwSignal::new(false);
    let message = RwSignal::new(None::<Result<String, String>>);
    let posts = move || {
        session
            .with_state(|s| s.definition.as_ref().map(|d| d.posts.iter().map(|p| p.post).collect::<Vec<_>>()))
            .flatten()
            .unwrap_or_default()
    };
    let chosen_post = move || post.get().or_else(|| posts().first().copied());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((who, name)) = nominee.get_untracked() else {
            return message.set(Some(Err("请先查找并选定被提名人。".into())));
        };
        let Some(p) = chosen_post() else {
            return message.set(Some(Err("还没有选举设置：请先导入选委会的选举数据包。".into())));
        };
        let by = match way.get_untracked() {
            Way::Party => NominatedBy::PartyOrg,
            Way::SelfNominated => NominatedBy::SelfNominated,
            Way::Joint => NominatedBy::JointVoters {
                nominators: nominators.get_untracked().into_iter().map(|(id, _)| id).collect(),
            },
        };
        let n = huanjie_core::record::events::Nomination {
            nominee: who,
            post: p,
            by,
            nominated_on: platform::today(),
            profile: CandidateProfile {
                party_member: party_member.get_untracked(),
                ethnicity: ethnicity.get_untracked().trim().to_string(),
                education: EDUCATION.iter().find(|(code, _, _)| *code == education.get_untracked()).map(|(_, _, e)| *e),
                incumbent: incumbent.get_untracked(),
            },
        };
        let checked = session
            .with_state(|s| s.check_nomination(&n).map_err(|p| p.zh))
            .unwrap_or_else(|| Err("数据尚未载入，请稍候再试".into()));
        if let Err(zh) = checked {
            return message.set(Some(Err(zh)));
        }
        record_all(
            session,
            vec![EventBody::Nomination(n)],
            message,
            format!("已登记提名：{name}，{}", p.zh()),
            move || {
                nominee.set(None);
                nominators.set(vec![]);
            },
        );
    };
    let add_nominator = Callback::new(move |(id, name): (VoterId, String)| {
        nominators.update(|list| {
            if !list.iter().any(|(x, _)| *x == id) {
                list.push((id, name));
            }
        })
    });
    let set_nominee = Callback::new(move |pick: (VoterId, String)| nominee.set(Some(pick)));

    view! {
        <section class="card">
            <h2>"登记提名"</h2>
            <form class="form" on:submit=save>
                <label>"职务"
                    <select data-testid="nomination-post" on:change=move |ev| post.set(Post::from_code(&event_target_value(&ev)))>
                        {move || posts().into_iter().map(|p| view! { <option value=p.code() prop:selected=move || chosen_post() == Some(p)>{p.zh()}</option> }).collect_view()}
                    </select>
                </label>
                <fieldset class="choices">
                    <legend>"提名方式"</legend>
                    <label><input type="radio" name="way" prop:checked=move || way.get() == Way::Joint on:change=move |_| way.set(Way::Joint) />"十名以上选民联名提名"</label>
                    <label><input type="radio" name="way" prop:checked=move || way.get() == Way::Party on:change=move |_| way.set(Way::Party) />"社区党组织推荐"</label>
                    <label><input type="radio" name="way" prop:checked=move || way.get() == Way::SelfNominated on:change=move |_| way.set(Way::SelfNominated) />"本人自荐"</label>
                </fieldset>
                <VoterPick label="被提名人" testid="nominee-search" on_pick=set_nominee />
                <p class="chosen" data-testid="nominee-chosen">{move || match nominee.get() {
                    Some((_, n)) => format!("被提名人：{n}"),
                    None => "尚未选定被提名人".into(),
                }}</p>
                <Show when=move || way.get() == Way::Joint>
                    <VoterPick label="联名提名人（逐一查找添加）" testid="nominator-search" on_pick=add_nominator />
                    <p data-testid="nominator-count">{move || format!("已添加联名提名人 {} 名", nominators.get().len())}</p>
                    <ul class="chips">
                        {move || nominators.get().into_iter().map(|(id, name)| view! {
                            <li>{name}" "<button type="button" class="btn small secondary" aria-label="移除"
                                on:click=move |_| nominators.update(|l| l.retain(|(x, _)| *x != id))>"×"</button></li>
                        }).collect_view()}
                    </ul>
                </Show>
                <label>"民族"<input prop:value=move || ethnicity.get() on:input=move |ev| ethnicity.set(event_target_value(&ev)) /></label>
                <label>"文化程度"
                    <select on:change=move |ev| education.set(event_target_value(&ev))>
                        <option value="">"未填写"</option>
                        {EDUCATION.map(|(code, label, _)| view! { <option value=code>{label}</option> })}
                    </select>
                </label>
                <label class="check"><input type="checkbox" prop:checked=move || party_member.get() on:change=move |ev| party_member.set(event_target_checked(&ev)) />"中共党员"</label>
                <label class="check"><input type="checkbox" prop:checked=move || incumbent.get() on:change=move |ev| incumbent.set(event_target_checked(&ev)) />"本届委员会成员（连任）"</label>
                <button class="btn" type="submit">"保存提名"</button>
            </form>
            <Outcome said=message />
        </section>
    }
}

#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    masked: String,
    posts: String,
    by: String,
    status: &'static str,
    signed: bool,
    screening: String,
}

/// What the list shows of one nominee.
fn row(s: &huanjie_core::record::state::ElectionState, id: &str) -> Option<Row> {
    let v = s.voter(id)?;
    let c = s.candidates.get(id)?;
    let by = c
        .nominations
        .iter()
        .map(|&i| huanjie_core::election::review::nominated_by_zh(&s.nominations[i].nomination.by))
        .collect::<Vec<_>>()
        .join("、");
    let screening = match &c.screening {
        None => "尚未审查".to_string(),
        Some(sc) if sc.reasons.is_empty() => "未发现不得提名的情形".to_string(),
        Some(sc) => format!(
            "不得提名：{}",
            sc.reasons.iter().map(huanjie_core::election::review::reason_zh).collect::<Vec<_>>().join("、")
        ),
    };
    Some(Row {
        name: v.name.clone(),
        masked: v.masked_id(),
        posts: c.active_posts().map(|p| p.zh()).collect::<Vec<_>>().join("、"),
        by,
        status: c.status().zh(),
        signed: c.has_commitments(),
        screening,
    })
}

/// A screening reason as the form lists it: its label and the reason it records.
type Reason = (&'static str, fn() -> DisqualificationReason);

const REASONS: [Reason; 5] = [
    ("受到开除党籍处分", || DisqualificationReason::ExpelledFromParty),
    ("受过刑事处罚", || DisqualificationReason::CriminalPunishment),
    ("涉黑涉恶", || DisqualificationReason::GangOrEvilForces),
    ("涉及宗族势力", || DisqualificationReason::ClanForces),
    ("参与非法宗教活动", || DisqualificationReason::IllegalReligion),
];

#[component]
fn Nominees() -> impl IntoView {
    let session = expect_context::<Session>();
    let message = RwSignal::new(None::<Result<String, String>>);
    // Nominees in order of their first nomination; each item reads its own details, so an
    // open item stays open while its record changes.
    let ids = move || {
        session
            .with_state(|s| {
                let mut seen: Vec<(VoterId, String)> = vec![];
                for n in &s.nominations {
                    let id = &n.nomination.nominee;
                    if !seen.iter().any(|(x, _)| x == id) {
                        let name = s.voter(id).map(|v| v.name.clone()).unwrap_or_default();
                        seen.push((id.clone(), name));
                    }
                }
                seen
            })
            .unwrap_or_default()
    };
    let save = move |body: EventBody, done: String| record(session, body, message, done);
    view! {
        <section class="card">
            <h2>"被提名人"</h2>
            <p class="hint">"每人须签订参选、履职、辞职三项承诺；逐项审查不得提名的情形，发现的写明理由。"</p>
            <Outcome said=message />
            <ul class="nominees" data-testid="nominees">
                <For each=ids key=|(id, _)| id.clone() let:nominee>
                    <NomineeItem id=nominee.0 name=nominee.1 record=save />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn NomineeItem(id: VoterId, name: String, record: impl Fn(EventBody, String) + Copy + 'static) -> impl IntoView {
    let session = expect_context::<Session>();
    let checked: Vec<RwSignal<bool>> = REASONS.iter().map(|_| RwSignal::new(false)).collect();
    let other = RwSignal::new(String::new());
    let details = {
        let id = id.clone();
        move || session.with_state(|s| row(s, &id)).flatten()
    };
    let sign = {
        let (id, name) = (id.clone(), name.clone());
        move |_| {
            record(
                EventBody::CommitmentsRecorded(CommitmentsRecorded {
                    nominee: id.clone(),
                    signed_on: platform::today(),
                    commitments: vec![Commitment::Candidacy, Commitment::Performance, Commitment::Resignation],
                }),
                format!("已记录{name}签订三项承诺"),
            )
        }
    };
    let screen = {
        let (id, name) = (id.clone(), name.clone());
        let checked = checked.clone();
        move |_| {
            let mut reasons: Vec<DisqualificationReason> =
                REASONS.iter().zip(&checked).filter(|(_, c)| c.get_untracked()).map(|((_, r), _)| r()).collect();
            let text = other.get_untracked().trim().to_string();
            if !text.is_empty() {
                reasons.push(DisqualificationReason::Other(text));
            }
            let done = if reasons.is_empty() {
                format!("已记录：{name}未发现不得提名的情形")
            } else {
                format!("已记录：{name}存在不得提名的情形")
            };
            record(
                EventBody::DisqualificationScreened(DisqualificationScreened {
                    nominee: id.clone(),
                    screened_on: platform::today(),
                    reasons,
                }),
                done,
            )
        }
    };
    let withdraw_question = format!("确认{name}已书面申请退出候选？");
    let withdraw = {
        let (id, name) = (id.clone(), name.clone());
        move |_| {
            let posts: Vec<Post> = session
                .with_state(|s| s.candidates.get(&id).map(|c| c.active_posts().collect()))
                .flatten()
                .unwrap_or_default();
            for post in posts {
                let body = EventBody::CandidateWithdrawn(CandidateWithdrawn {
                    nominee: id.clone(),
                    post,
                    withdrawn_on: platform::today(),
                    reason: "本人书面申请".into(),
                });
                record(body, format!("已记录{name}退出{}候选", post.zh()));
            }
        }
    };
    view! {
        <li class="nominee" data-testid="nominee" data-name=name>
            {move || details().map(|r| view! {
                <div><b>{r.name}</b>" "{r.masked}" · "{r.posts}" · "{r.by}</div>
                <div>"状态："<span data-testid="nominee-status">{r.status}</span>
                    " · 三项承诺："{if r.signed { "已签订" } else { "未签订" }}
                    " · 资格审查："{r.screening}</div>
            })}
            <details>
                <summary>"记录承诺和审查"</summary>
                <button type="button" class="btn small" on:click=sign>"已签订三项承诺"</button>
                <fieldset class="choices">
                    <legend>"不得提名的情形（没有则不勾选）"</legend>
                    {REASONS.iter().zip(checked).map(|((label, _), c)| view! {
                        <label class="check"><input type="checkbox" prop:checked=move || c.get() on:change=move |ev| c.set(event_target_checked(&ev)) />{*label}</label>
                    }).collect_view()}
                    <label>"其他情形"<input prop:value=move || other.get() on:input=move |ev| other.set(event_target_value(&ev)) /></label>
                </fieldset>
                <button type="button" class="btn small" on:click=screen>"保存审查结果"</button>
                <ConfirmButton label="本人书面申请退出" class="small" question=withdraw_question on_confirm=move |_| withdraw(()) />
            </details>
        </li>
    }
}
