//! 计票: ballots entered as they are called out (唱票) — tap each marked name, then one tap on
//! 下一张 saves the ballot as an event at once; spoilt ballots, write-ins from the voter list,
//! undo of the last ballot; or per-candidate totals with the core's arithmetic check; and a
//! second counter's sheet compared with this one's.

use crate::components::confirm::ConfirmButton;
use crate::components::form::{new_id, record, Outcome, Said as Message};
use crate::session::Session;
use huanjie_core::election::count::{self, Source};
use huanjie_core::record::events::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Count() -> impl IntoView {
    let session = expect_context::<Session>();
    let round = Memo::new(move |_| session.with_state(count::current_round).flatten());
    view! {
        {move || match round.get() {
            None => view! { <section class="card"><p class="hint">"还没有开始投票：请先在“投票”一步开始第一轮投票。"</p></section> }.into_any(),
            Some(r) => view! { <CallOut round=r.clone() /> <Totals round=r.clone() /> <Compare round=r /> }.into_any(),
        }}
    }
}

/// The ballot being called out: marks per post, not saved until 下一张.
#[derive(Clone, Default, PartialEq)]
struct Draft {
    marks: Vec<PostMarks>,
}

impl Draft {
    fn toggle(&mut self, post: Post, id: &str) {
        let m = self.post_mut(post);
        match m.yes.iter().position(|x| x == id) {
            Some(i) => {
                m.yes.remove(i);
            }
            None => m.yes.push(id.to_string()),
        }
    }

    fn write_in(&mut self, post: Post, voter: &VoterId, name: String) {
        let m = self.post_mut(post);
        if !m.write_ins.iter().any(|w| w.voter.as_ref() == Some(voter)) {
            m.write_ins.push(WriteIn { name, voter: Some(voter.clone()) });
        }
    }

    fn post_mut(&mut self, post: Post) -> &mut PostMarks {
        if let Some(i) = self.marks.iter().position(|m| m.post == post) {
            return &mut self.marks[i];
        }
        self.marks.push(PostMarks { post, yes: vec![], no: vec![], write_ins: vec![] });
        self.marks.last_mut().unwrap()
    }

    fn marked(&self, post: Post) -> usize {
        self.marks.iter().find(|m| m.post == post).map_or(0, |m| m.yes.len() + m.write_ins.len())
    }

    fn has(&self, post: Post, id: &str) -> bool {
        self.marks.iter().any(|m| m.post == post && m.yes.iter().any(|x| x == id))
    }

    /// Posts with no mark are blanks: leave them out.
    fn cleaned(&self) -> Vec<PostMarks> {
        self.marks.iter().filter(|m| !m.yes.is_empty() || !m.write_ins.is_empty()).cloned().collect()
    }
}

#[component]
fn CallOut(round: RoundId) -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let draft = RwSignal::new(Draft::default());
    let saving = RwSignal::new(false);
    let r = round.clone();
    let opened = Memo::new(move |_| {
        session.with_state(|s| s.rounds.get(&r).map(|x| (x.opened.clone(), x.result.is_some()))).flatten()
    });
    let r = round.clone();
    // This device's entries: its own sheet (a second counter's phone keeps its own).
    let mine = Memo::new(move |_| {
        let me = session.device_code();
        session
            .with_state(|s| {
                let round = s.rounds.get(&r)?;
                let live: Vec<&BallotEntered> = round
                    .ballots
                    .iter()
                    .filter(|b| b.undone.is_none() && Some(&b.device) == me.as_ref())
                    .map(|b| &b.ballot)
                    .collect();
                let sheet = count::sheets(s, &r)
                    .ok()?
                    .into_iter()
                    .find(|x| Some(&x.source) == me.as_ref().map(|d| Source::Device(d.clone())).as_ref());
                let running = sheet.as_ref().map(count::marks_per_person).unwrap_or_default();
                Some((
                    live.len(),
                    live.iter().filter(|b| b.spoilt).count(),
                    live.last().map(|b| b.ballot.clone()),
                    running,
                ))
            })
            .flatten()
    });
    let r = round.clone();
    let notes = Memo::new(move |_| {
        session.with_state(|s| count::ballot_notes(s, &r, &draft.get().cleaned())).unwrap_or_default()
    });

    let r = round.clone();
    let save = move |spoilt: bool| {
        let taken = draft.get_untracked();
        let marks = if spoilt { vec![] } else { taken.cleaned() };
        let ballot = BallotEntered {
            round: r.clone(),
            ballot: new_id(session, "b"),
            from_box: None,
            marks,
            spoilt,
            illegible: vec![],
        };
        if let Some(Err(p)) = session.with_state(|s| count::check_ballot(s, &ballot)) {
            return message.set(Some(Err(p.zh)));
        }
        // The next ballot can be tapped at once; a ballot that fails to save comes back.
        draft.set(Draft::default());
        saving.set(true);
        spawn_local(async move {
            match session.record(EventBody::BallotEntered(ballot)).await {
                Ok(_) => {
                    let n = mine.get_untracked().map_or(0, |m| m.0);
                    message.set(Some(Ok(format!("第{n}张已保存{}。", if spoilt { "（废票）" } else { "" }))));
                }
                Err(e) => {
                    draft.update(|d| {
                        if d.marks.is_empty() {
                            *d = taken
                        }
                    });
                    message.set(Some(Err(e)));
                }
            }
            saving.set(false);
        });
    };
    let save_next = save.clone();
    let r = round.clone();
    let undo = move |_: ()| {
        let Some((_, _, Some(last), _)) = mine.get() else {
            return message.set(Some(Err("本机这一轮还没有录入选票".into())));
        };
        let body =
            EventBody::BallotUndone(BallotUndone { round: r.clone(), ballot: last, reason: "撤销上一张".into() });
        record(session, body, message, "已撤销上一张选票。".into());
    };

    view! {
        <section class="card callout">
            {move || { let (save_a, save_b, undo) = (save_next.clone(), save.clone(), undo.clone()); opened.get().map(move |(o, signed)| view! {
                <h2>{count::round_zh(o.kind)}" · 唱票录入"</h2>
                <p class="big running" data-testid="ballot-count">
                    {move || mine.get().map(|(n, sp, _, _)| format!("已录入 {n} 张，其中废票 {sp} 张")).unwrap_or_default()}
                </p>
                {signed.then(|| view! { <p class="hint">"这一轮的结果已经签字，不能再录入。"</p> })}
                {o.posts.iter().map(|p| {
                    let post = p.post;
                    let seats = p.seats;
                    let candidates = p.candidates.clone();
                    view! {
                        <div class="ballot-post" data-testid=format!("post-{}", post.code())>
                            <h3>{post.zh()}" · 应选"{seats}"名 · 已选 "{move || draft.get().marked(post)}</h3>
                            <div class="candidates">
                                {candidates.into_iter().map(|id| {
                                    let name = session.with_state(|s| s.name_of(&id)).unwrap_or_default();
                                    let id2 = id.clone();
                                    let id3 = id.clone();
                                    let count = move || mine.get().and_then(|m| m.3.get(&(post, id3.clone())).copied()).unwrap_or(0);
                                    view! {
                                        <button type="button" class="cand" aria-pressed=move || draft.get().has(post, &id2).to_string()
                                            on:click=move |_| draft.update(|d| d.toggle(post, &id))>
                                            <span class="name">{name}</span><span class="tally">{count}</span>
                                        </button>
                                    }
                                }).collect_view()}
                            </div>
                            <WriteInPicker post=post draft=draft />
                        </div>
                    }
                }).collect_view()}
                <ul class="notes">{move || notes.get().into_iter().map(|n| view! { <li class="warn" role="status">{n}</li> }).collect_view()}</ul>
                <div class="ballot-actions">
                    <button type="button" class="btn next" disabled=move || saving.get() || signed on:click={let s = save_a.clone(); move |_| s(false)}>"下一张（保存）"</button>
                    <button type="button" class="btn secondary" disabled=move || saving.get() || signed on:click={let s = save_b.clone(); move |_| s(true)}>"废票"</button>
                    <ConfirmButton label="撤销上一张" disabled=Signal::derive(move || saving.get() || signed)
                        question=Signal::derive(move || mine.get().map(|(n, ..)| format!("撤销本机录入的第{n}张选票？")).unwrap_or_default())
                        on_confirm={let u = undo.clone(); move |_| u(())} />
                </div>
            })}}
            <Outcome said=message />
        </section>
    }
}

/// 另选他人: a voter from the list, found by name or ID number, tapped to add.
#[component]
fn WriteInPicker(post: Post, draft: RwSignal<Draft>) -> impl IntoView {
    let session = expect_context::<Session>();
    let query = RwSignal::new(String::new());
    let found = move || {
        let q = query.get();
        if q.trim().chars().count() < 2 {
            return Vec::new();
        }
        session
            .with_state(|s| {
                s.search(q.trim(), 5)
                    .into_iter()
                    .filter(|v| v.is_active())
                    .map(|v| (v.id.clone(), v.name.clone(), v.masked_id()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let chosen = move || {
        draft
            .get()
            .marks
            .iter()
            .find(|m| m.post == post)
            .map(|m| m.write_ins.iter().map(|w| w.name.clone()).collect::<Vec<_>>().join("、"))
            .unwrap_or_default()
    };
    view! {
        <div class="write-in">
            <input type="search" aria-label=format!("{}另选他人", post.zh()) placeholder="另选他人：姓名或身份证号" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            {move || (!chosen().is_empty()).then(|| view! { <p>"另选："<b>{chosen()}</b></p> })}
            <ul class="plain">
                {move || found().into_iter().map(|(id, name, masked)| {
                    let n = name.clone();
                    view! { <li><button type="button" class="btn small secondary" on:click=move |_| { draft.update(|d| d.write_in(post, &id, n.clone())); query.set(String::new()); }>{name}" "<small>{masked}</small></button></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The typed fields of one post on the totals form: candidate votes, blanks, void parts.
type PostFields = (Post, Vec<(VoterId, RwSignal<String>)>, RwSignal<String>, RwSignal<String>);

/// Per-candidate totals from the tally sheet, checked arithmetically by the core.
#[component]
fn Totals(round: RoundId) -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let r = round.clone();
    let opened = session.with_state(|s| s.rounds.get(&r).map(|x| x.opened.clone())).flatten();
    let Some(opened) = opened else { return ().into_any() };
    let ballots = RwSignal::new(String::new());
    let spoilt = RwSignal::new(String::new());
    // Per post: candidate votes, blanks, void parts (as typed).
    let fields: Vec<PostFields> = opened
        .posts
        .iter()
        .map(|p| {
            (
                p.post,
                p.candidates.iter().map(|c| (c.clone(), RwSignal::new(String::new()))).collect(),
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
            )
        })
        .collect();
    let num = |s: RwSignal<String>| -> Result<u32, String> {
        let t = s.get_untracked();
        if t.trim().is_empty() {
            return Ok(0);
        }
        t.trim().parse().map_err(|_| format!("“{t}”不是票数"))
    };
    let f = fields.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let built = (|| -> Result<TotalsEntered, String> {
            let posts = f
                .iter()
                .map(|(post, cands, blanks, invalid)| {
                    Ok(PostTotals {
                        post: *post,
                        votes: cands
                            .iter()
                            .map(|(id, v)| Ok(CandidateVotes { person: id.clone(), write_in: false, votes: num(*v)? }))
                            .collect::<Result<_, String>>()?,
                        invalid_parts: num(*invalid)?,
                        blanks: num(*blanks)?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(TotalsEntered {
                round: round.clone(),
                from_box: None,
                ballots: num(ballots)?,
                spoilt: num(spoilt)?,
                posts,
            })
        })();
        match built {
            Err(e) => message.set(Some(Err(e))),
            Ok(t) => match session.with_state(|s| count::check_totals(s, &t)) {
                Some(Err(p)) => message.set(Some(Err(p.zh))),
                Some(Ok(())) => record(session, EventBody::TotalsEntered(t), message, "合计已保存，核对无误。".into()),
                None => {}
            },
        }
    };
    view! {
        <details class="card">
            <summary><h2 class="inline">"按候选人录入合计"</h2></summary>
            <p class="hint">"每个职务：（收回选票 − 废票 − 无效部分）× 应选名额 = 得票合计 + 弃权。"</p>
            <form class="form" on:submit=submit>
                <label>"收回选票（张）"<input inputmode="numeric" prop:value=move || ballots.get() on:input=move |ev| ballots.set(event_target_value(&ev)) /></label>
                <label>"废票（张）"<input inputmode="numeric" prop:value=move || spoilt.get() on:input=move |ev| spoilt.set(event_target_value(&ev)) /></label>
                {fields.into_iter().map(|(post, cands, blanks, invalid)| view! {
                    <fieldset>
                        <legend>{post.zh()}</legend>
                        {cands.into_iter().map(|(id, v)| {
                            let name = session.with_state(|s| s.name_of(&id)).unwrap_or_default();
                            view! { <label>{name}<input inputmode="numeric" prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev)) /></label> }
                        }).collect_view()}
                        <label>"弃权"<input inputmode="numeric" prop:value=move || blanks.get() on:input=move |ev| blanks.set(event_target_value(&ev)) /></label>
                        <label>"无效部分（张）"<input inputmode="numeric" prop:value=move || invalid.get() on:input=move |ev| invalid.set(event_target_value(&ev)) /></label>
                    </fieldset>
                }).collect_view()}
                <button class="btn" type="submit">"核对并保存合计"</button>
            </form>
            <Outcome said=message />
        </details>
    }
    .into_any()
}

/// Two counters' sheets of this round side by side: where they disagree.
#[component]
fn Compare(round: RoundId) -> impl IntoView {
    let session = expect_context::<Session>();
    let result = move || {
        let me = session.device_code();
        session
            .with_state(|s| {
                let sheets = count::sheets(s, &round).ok()?;
                if sheets.len() < 2 {
                    return None;
                }
                let first = count::sheet_for(&sheets, me.as_deref())?;
                let second = sheets.iter().find(|x| x.source != first.source)?;
                let cmp = count::compare(s, &round, first, second);
                Some((
                    first.source.zh(),
                    second.source.zh(),
                    cmp.map(|c| {
                        let votes: Vec<String> = c
                            .votes
                            .iter()
                            .map(|d| format!("{} {}：{} 对 {}", d.post.zh(), s.name_of(&d.person), d.first, d.second))
                            .collect();
                        (c.agrees(), c.returned, c.spoilt, votes, c.ballots)
                    }),
                ))
            })
            .flatten()
    };
    view! {
        {move || result().map(|(a, b, cmp)| view! {
            <section class="card" data-testid="comparison">
                <h2>"两人计票核对"</h2>
                <p class="hint">{a}" 与 "{b}</p>
                {match cmp {
                    Err(p) => view! { <p class="error" role="alert">{p.zh}</p> }.into_any(),
                    Ok((true, ..)) => view! { <p class="ok" role="status">"两份计票完全一致。"</p> }.into_any(),
                    Ok((false, returned, spoilt, votes, ballots)) => view! {
                        <p class="error" role="alert">"两份计票不一致，请核对："</p>
                        <ul class="plain">
                            <li>"选票：" {returned.0} " 对 " {returned.1}</li>
                            <li>"废票：" {spoilt.0} " 对 " {spoilt.1}</li>
                            {votes.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}
                            {(!ballots.is_empty()).then(|| view! { <li>"录入不同的选票：第 "{ballots.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("、")}" 张"</li> })}
                        </ul>
                    }.into_any(),
                }}
            </section>
        })}
    }
}
