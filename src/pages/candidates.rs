//! 候选人名单: the 差额 margin per post, the pre-selection vote where there are more nominees
//! than the margin allows (per-nominee totals from the meeting's sheet, counted by the tally
//! engine), and the two notices — nominees and final candidates, in surname stroke order — as
//! printable A4 sheets. Everything decided here is decided in huanjie_core::election::candidates.

use crate::components::print_sheet::PrintSheet;
use crate::platform::{self, files};
use crate::session::Session;
use huanjie_core::election::candidates::{self, PRESELECTION_BOX};
use huanjie_core::record::events::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::form::{record, zh_date, Outcome, Said as Message};

fn date_field(label: &'static str, value: RwSignal<String>, testid: &'static str) -> impl IntoView {
    view! {
        <label>{label}
            <input type="date" data-testid=testid prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::components::form::date(text).ok_or_else(|| "请选择日期。".to_string())
}

#[component]
pub fn Candidates() -> impl IntoView {
    view! {
        <Margins />
        <Preselection />
        <NomineeNotice />
        <FinalList />
    }
}

#[component]
fn Margins() -> impl IntoView {
    let session = expect_context::<Session>();
    let slates = move || session.with_state(candidates::slates).unwrap_or_default();
    let name =
        move |id: &str| session.with_state(|s| s.voter(id).map(|v| v.name.clone())).flatten().unwrap_or_default();
    view! {
        <section class="card">
            <h2>"差额情况"</h2>
            <p class="hint">"已通过或待审查、未退出的被提名人，按提名顺序。"</p>
            <ul data-testid="slates">
                {move || slates().into_iter().map(|s| {
                    let range = match s.max {
                        Some(max) if max == s.min => format!("应有候选人{}名", s.min),
                        Some(max) => format!("应有候选人{}至{}名", s.min, max),
                        None => format!("候选人至少{}名", s.min),
                    };
                    let names: Vec<String> = s.nominees.iter().map(|id| name(id)).collect();
                    let warning = if let Some(b) = &s.too_few {
                        Some(format!("差额不足：{}", b.message()))
                    } else if s.needs_preselection() {
                        Some(format!("提名{}人超过差额上限{}人，须组织预选", s.nominees.len(), s.max.unwrap_or(0)))
                    } else {
                        None
                    };
                    view! {
                        <li data-post=s.post.code()>
                            <b>{s.post.zh()}</b>{format!("：应选{}名，{}，现有{}名：{}", s.seats, range, s.nominees.len(), names.join("、"))}
                            {warning.map(|w| view! { <p class="warn" data-testid="margin-warning">{w}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Preselection() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let held_on = RwSignal::new(platform::today().format("%Y-%m-%d").to_string());
    let needed =
        move || session.with_state(|s| candidates::slates(s).iter().any(|s| s.needs_preselection())).unwrap_or(false);
    // A memo: the totals form is rebuilt only when the round itself changes, not on every record.
    let round = Memo::new(move |_| {
        session.with_state(|s| candidates::current_preselection(s).map(|r| r.opened.clone())).flatten()
    });
    let round = move || round.get();
    let open = move |_| {
        let day = match parse_date(&held_on.get_untracked()) {
            Ok(d) => d,
            Err(e) => return message.set(Some(Err(e))),
        };
        let id = crate::components::form::new_id(session, "pre");
        let Some(opened) = session.with_state(|s| candidates::preselection_round(s, id, day)).flatten() else {
            return message.set(Some(Err("各职务提名人数都没有超过差额上限，不需要预选。".into())));
        };
        record(session, EventBody::RoundOpened(opened), message, "已安排预选，请在投票后录入各人得票。".into());
    };
    view! {
        <Show when=move || needed() || round().is_some()>
            <section class="card">
                <h2>"预选"</h2>
                {move || match round() {
                    None => view! {
                        <div class="form">
                            {date_field("预选日期", held_on, "preselection-date")}
                            <button class="btn" on:click=open>"安排预选"</button>
                        </div>
                    }.into_any(),
                    Some(r) => view! { <PreselectionTotals round=r /> }.into_any(),
                }}
                <Outcome said=message />
            </section>
        </Show>
    }
}

/// The meeting's sheet: ballots issued / returned, spoilt, and each nominee's votes.
#[component]
fn PreselectionTotals(round: RoundOpened) -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let issued = RwSignal::new(String::new());
    let returned = RwSignal::new(String::new());
    let spoilt = RwSignal::new("0".to_string());
    let name =
        move |id: &str| session.with_state(|s| s.voter(id).map(|v| v.name.clone())).flatten().unwrap_or_default();
    let fields: Vec<(Post, VoterId, String, RwSignal<String>)> = round
        .posts
        .iter()
        .flat_map(|p| p.candidates.iter().map(move |id| (p.post, id.clone())))
        .map(|(post, id)| {
            let n = name(&id);
            (post, id, n, RwSignal::new(String::new()))
        })
        .collect();
    let result = move || {
        session
            .with_state(|s| {
                let r = candidates::current_preselection(s)?;
                let t = candidates::tally_preselection(s, r)?;
                let who = |id: &String| s.voter(id).map_or(id.clone(), |v| v.name.clone());
                Some(if !t.valid {
                    format!("预选无效：{}", t.void_reasons.iter().map(|r| r.zh()).collect::<Vec<_>>().join("；"))
                } else {
                    t.posts
                        .iter()
                        .map(|p| {
                            let tie = if p.tie_revote.is_empty() {
                                String::new()
                            } else {
                                format!(
                                    "；票数相等须重新投票：{}",
                                    p.tie_revote.iter().map(who).collect::<Vec<_>>().join("、")
                                )
                            };
                            format!(
                                "{}正式候选人：{}{}",
                                p.post.zh(),
                                p.elected.iter().map(who).collect::<Vec<_>>().join("、"),
                                tie
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("。")
                })
            })
            .flatten()
    };
    let round_id = round.round.clone();
    let rows = fields.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let num = |s: &str| s.trim().parse::<u32>().map_err(|_| "请填写数字（没有则填0）。".to_string());
        let parsed = (|| {
            let (i, r, sp) =
                (num(&issued.get_untracked())?, num(&returned.get_untracked())?, num(&spoilt.get_untracked())?);
            if r > i {
                return Err("收回的选票不能多于发出的选票。".to_string());
            }
            let mut posts: Vec<PostTotals> = vec![];
            for (post, id, _, v) in &fields {
                let votes = num(&v.get_untracked())?;
                let cv = CandidateVotes { person: id.clone(), write_in: false, votes };
                match posts.iter_mut().find(|p| p.post == *post) {
                    Some(p) => p.votes.push(cv),
                    None => posts.push(PostTotals { post: *post, votes: vec![cv], invalid_parts: 0, blanks: 0 }),
                }
            }
            Ok((i, r, sp, posts))
        })();
        let (i, r, sp, posts) = match parsed {
            Ok(v) => v,
            Err(e) => return message.set(Some(Err(e))),
        };
        let round = round_id.clone();
        spawn_local(async move {
            let saved = async {
                session
                    .record(EventBody::BoxCounted(BoxCounted {
                        round: round.clone(),
                        at: PRESELECTION_BOX.into(),
                        issued: i,
                        returned: r,
                    }))
                    .await?;
                session
                    .record(EventBody::TotalsEntered(TotalsEntered {
                        round,
                        from_box: None,
                        ballots: r,
                        spoilt: sp,
                        posts,
                    }))
                    .await
            }
            .await;
            message.set(Some(saved.map(|_| "已保存预选得票。".into())));
        });
    };
    view! {
        <form class="form" on:submit=save>
            <p class="hint">{format!("预选日期 {}。按计票结果填写每人得票。", zh_date(round.held_on))}</p>
            <label>"发出选票"<input inputmode="numeric" prop:value=move || issued.get() on:input=move |ev| issued.set(event_target_value(&ev)) /></label>
            <label>"收回选票"<input inputmode="numeric" prop:value=move || returned.get() on:input=move |ev| returned.set(event_target_value(&ev)) /></label>
            <label>"废票"<input inputmode="numeric" prop:value=move || spoilt.get() on:input=move |ev| spoilt.set(event_target_value(&ev)) /></label>
            {rows.into_iter().map(|(post, _, n, v)| view! {
                <label>{format!("{}（{}）得票", n, post.zh())}
                    <input inputmode="numeric" prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev)) />
                </label>
            }).collect_view()}
            <button class="btn" type="submit">"保存预选得票"</button>
        </form>
        <Outcome said=message />
        <p data-testid="preselection-result">{result}</p>
    }
}

/// Rows of a notice: post, then names in the order given.
fn notice_rows(session: Session, posts: Vec<(Post, Vec<VoterId>)>) -> Vec<(String, Vec<(String, String)>)> {
    session
        .with_state(|s| {
            posts
                .into_iter()
                .map(|(post, ids)| {
                    let people = ids
                        .iter()
                        .filter_map(|id| s.voter(id))
                        .map(|v| {
                            (
                                v.name.clone(),
                                format!(
                                    "{}，{}岁",
                                    v.sex.zh(),
                                    huanjie_core::base::idnum::age_on(v.birth, s.election_day().unwrap_or(v.birth))
                                ),
                            )
                        })
                        .collect();
                    (post.zh().to_string(), people)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn notice_text(title: &str, community: &str, rows: &[(String, Vec<(String, String)>)], date: &str) -> String {
    let mut text = format!("{community}{title}\n（按姓氏笔画排序）\n");
    for (post, people) in rows {
        text.push_str(&format!("{post}：{}\n", people.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join("、")));
    }
    text.push_str(&format!("{community}居民委员会选举委员会\n{date}\n"));
    text
}

/// The rows of a notice table: per post, (name, detail) lines.
type NoticeRows = Vec<(String, Vec<(String, String)>)>;

/// A notice sheet with its table, share / copy buttons and the publication record.
#[component]
fn NoticeSheet(
    title: &'static str,
    testid: &'static str,
    rows: Signal<NoticeRows>,
    date: Signal<String>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let community = move || {
        session.with_state(|s| s.definition.as_ref().map(|d| d.community.clone())).flatten().unwrap_or_default()
    };
    let text = move || notice_text(title, &community(), &rows.get(), &date.get());
    let share = move |_| {
        let t = text();
        let name = format!("{}{}.txt", community(), title);
        spawn_local(async move {
            message
                .set(Some(files::share_or_download(&name, &t, title).await.map(|_| "已分享或保存公告文字。".into())));
        });
    };
    let copy = move |_| {
        let t = text();
        spawn_local(async move {
            message.set(Some(files::copy_text(&t).await.map(|_| "已复制公告文字，可粘贴到微信群。".into())))
        });
    };
    view! {
        <PrintSheet title=Signal::derive(move || format!("{}{}", community(), title)) testid=testid>
            <p class="sheet-note">"（按姓氏笔画排序）"</p>
            <table>
                <thead><tr><th>"职务"</th><th>"姓名"</th><th>"性别、年龄"</th></tr></thead>
                <tbody>
                    {move || rows.get().into_iter().flat_map(|(post, people)| people.into_iter().map(move |(n, info)| view! {
                        <tr><td>{post.clone()}</td><td>{n}</td><td>{info}</td></tr>
                    })).collect_view()}
                </tbody>
            </table>
            <p class="sheet-sign">{move || format!("{}居民委员会选举委员会", community())}<br />{move || date.get()}</p>
            <div class="actions no-print">
                <button type="button" class="btn secondary" on:click=share>"分享"</button>
                <button type="button" class="btn secondary" on:click=copy>"复制文字"</button>
            </div>
            <div class="no-print"><Outcome said=message /></div>
        </PrintSheet>
    }
}

#[component]
fn NomineeNotice() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let on = RwSignal::new(platform::today().format("%Y-%m-%d").to_string());
    let rows = Signal::derive(move || {
        notice_rows(session, session.with_state(candidates::nominee_notice).unwrap_or_default())
    });
    let date = Signal::derive(move || parse_date(&on.get()).map(zh_date).unwrap_or_default());
    let published = move || {
        session
            .with_state(|s| {
                s.notices.iter().rev().find(|n| n.notice == NoticeKind::Nominees).map(|n| zh_date(n.published_on))
            })
            .flatten()
    };
    let publish = move |_| {
        let day = match parse_date(&on.get_untracked()) {
            Ok(d) => d,
            Err(e) => return message.set(Some(Err(e))),
        };
        let checked = session.with_state(|s| {
            let def = s.definition.as_ref().ok_or("请先完成选举设置".to_string())?;
            let preset = huanjie_core::law::rules::preset(&def.rule_preset).ok_or("未知的规则".to_string())?;
            huanjie_core::election::notices::check_notice_date(preset, def.election_day, &NoticeKind::Nominees, day)
                .map_err(|b| b.message())
        });
        if let Some(Err(e)) = checked {
            return message.set(Some(Err(e)));
        }
        let body = EventBody::NoticePublished(NoticePublished {
            notice: NoticeKind::Nominees,
            published_on: day,
            title: "提名候选人名单".into(),
            place: "公示栏".into(),
        });
        record(session, body, message, format!("已记录：{}公布提名候选人名单。", zh_date(day)));
    };
    view! {
        <section class="card">
            <h2>"提名候选人名单公告"</h2>
            <p class="hint">{move || published().map_or("尚未公布。".to_string(), |d| format!("已于{d}公布。"))}</p>
            <div class="form">
                {date_field("公布日期", on, "nominee-notice-date")}
                <button class="btn" on:click=publish>"记录公布"</button>
            </div>
            <Outcome said=message />
            <NoticeSheet title="提名候选人名单" testid="nominee-sheet" rows=rows date=date />
        </section>
    }
}

#[component]
fn FinalList() -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let on = RwSignal::new(platform::today().format("%Y-%m-%d").to_string());
    let list = move || session.with_state(|s| s.final_list.clone()).flatten();
    let rows = Signal::derive(move || {
        let posts = list().map(|l| l.posts.into_iter().map(|p| (p.post, p.candidates)).collect()).unwrap_or_default();
        notice_rows(session, posts)
    });
    let date = Signal::derive(move || list().map(|l| zh_date(l.published_on)).unwrap_or_default());
    let publish = move |_| {
        let day = match parse_date(&on.get_untracked()) {
            Ok(d) => d,
            Err(e) => return message.set(Some(Err(e))),
        };
        let made = session
            .with_state(|s| candidates::final_list(s, day).map_err(|p| p.zh))
            .unwrap_or_else(|| Err("数据尚未载入，请稍候再试".into()));
        let list = match made {
            Ok(l) => l,
            Err(e) => return message.set(Some(Err(e))),
        };
        spawn_local(async move {
            let saved = async {
                session.record(EventBody::FinalListPublished(list)).await?;
                let notice = NoticePublished {
                    notice: NoticeKind::FinalCandidates,
                    published_on: day,
                    title: "正式候选人名单".into(),
                    place: "公示栏".into(),
                };
                session.record(EventBody::NoticePublished(notice)).await
            }
            .await;
            message.set(Some(saved.map(|_| format!("已公布正式候选人名单（{}）。", zh_date(day)))));
        });
    };
    view! {
        <section class="card">
            <h2>"正式候选人名单"</h2>
            <p class="hint">"须在选举日五日前（按本次规则）公布，按姓氏笔画排序。所有候选人须已通过资格审查并签订三项承诺。"</p>
            <div class="form">
                {date_field("公布日期", on, "final-list-date")}
                <button class="btn" on:click=publish>"公布正式候选人名单"</button>
            </div>
            <Outcome said=message />
            <Show when=move || list().is_some()>
                <NoticeSheet title="正式候选人名单" testid="final-sheet" rows=rows date=date />
            </Show>
        </section>
    }
}
