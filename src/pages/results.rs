//! 公布结果, 报批备案, 交接归档: each round's decision with the rule behind it, the signing of
//! the 计票结果报告单, the result notice and certificates on A4, the next round (tie re-vote,
//! 另行选举), the signed result file with a QR summary for the office, hand-over and archive.

use crate::components::form::{new_id, record, Outcome, Said as Message};
use crate::components::print_sheet::PrintSheet;
use crate::platform::{self, files};
use crate::session::RoleState;
use crate::session::Session;
use huanjie_core::election::count::{self, Decision};
use huanjie_core::election::progress;
use huanjie_core::election::rounds::{self, NextRound};
use huanjie_core::office::stats;
use huanjie_core::record::bundle::Kind;
use huanjie_core::record::events::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::form::zh_date;

#[component]
pub fn Announcement() -> impl IntoView {
    let session = expect_context::<Session>();
    // Memoized: a round's card (and what its last action said) stays while other records change.
    let rounds = Memo::new(move |_| {
        session
            .with_state(|s| count::rounds_in_order(s).iter().map(|r| r.opened.round.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    view! {
        {move || {
            let list = rounds.get();
            if list.is_empty() {
                view! { <section class="card"><p class="hint">"还没有投票。"</p></section> }.into_any()
            } else {
                list.into_iter().map(|r| view! { <RoundResult round=r /> }).collect_view().into_any()
            }
        }}
    }
}

/// Per post: (post, seats, threshold, rows of (id, name, votes, status)).
type PostRows = Vec<(Post, u32, u64, Vec<(String, String, u64, &'static str)>)>;

/// What a person reads for one round: the engine's decision on this device's sheet, with reasons.
#[derive(Clone, PartialEq)]
struct Shown {
    opened: RoundOpened,
    signed: Option<ResultSigned>,
    decision: Result<Decision, String>,
    posts: PostRows,
    has_follow_up: bool,
}

#[component]
fn RoundResult(round: RoundId) -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let r = round.clone();
    let shown = move || {
        let me = session.device_code();
        session
            .with_state(|s| {
                let x = s.rounds.get(&r)?;
                let decision = count::decide(s, &r, me.as_deref()).map_err(|p| p.zh);
                let posts = decision
                    .as_ref()
                    .map(|d| {
                        d.result
                            .posts
                            .iter()
                            .map(|p| {
                                let mut rows: Vec<_> = p
                                    .votes
                                    .iter()
                                    .map(|(id, v)| {
                                        let status = if p.elected.contains(id) {
                                            "当选"
                                        } else if p.tie_revote.contains(id) {
                                            "票数相等，重新投票"
                                        } else {
                                            ""
                                        };
                                        (id.clone(), s.name_of(id), *v, status)
                                    })
                                    .collect();
                                rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
                                (p.post, p.seats, p.threshold, rows)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let has_follow_up = s.rounds.values().any(|y| y.opened.after.as_deref() == Some(r.as_str()));
                Some(Shown { opened: x.opened.clone(), signed: x.result.clone(), decision, posts, has_follow_up })
            })
            .flatten()
    };
    view! {
        {move || shown().map(|sh| {
            let title = count::round_zh(sh.opened.kind);
            let testid = format!("round-{}", sh.opened.round);
            view! {
                <section class="card result" data-testid=testid>
                    <h2>{title}"（"{zh_date(sh.opened.held_on)}"）"</h2>
                    {match &sh.decision {
                        Err(e) => view! { <p class="hint">{e.clone()}</p> }.into_any(),
                        Ok(d) => view! { <Decided decision=d.clone() posts=sh.posts.clone() /> }.into_any(),
                    }}
                    {match (&sh.signed, &sh.decision) {
                        (Some(signed), Ok(d)) => view! {
                            <p class="ok" role="status">"计票结果报告单已于"{zh_date(signed.signed_on)}"签字。"</p>
                            <NextRound round=sh.opened.clone() decision=d.clone() has_follow_up=sh.has_follow_up />
                            <Papers round=sh.opened.clone() signed=signed.clone() decision=d.clone() />
                            <CoSign round=sh.opened.round.clone() signed=signed.clone() message=message />
                        }.into_any(),
                        (None, Ok(d)) => view! { <Sign round=sh.opened.round.clone() decision=d.clone() message=message /> }.into_any(),
                        _ => ().into_any(),
                    }}
                    <Outcome said=message />
                </section>
            }
        })}
    }
}

#[component]
fn Decided(decision: Decision, posts: PostRows) -> impl IntoView {
    let r = &decision.result;
    let t = decision.turnout;
    view! {
        <p class="big" data-testid="validity">{if r.valid { "选举有效" } else { "选举无效" }}</p>
        <p>"登记 "{t.registered}" 人，参加投票 "{t.voted}" 人；发出选票 "{t.ballots_issued}" 张，收回 "{r.cast}" 张，废票 "{r.spoilt}" 张。"</p>
        <ul class="reasons">
            {r.void_reasons.iter().map(|v| view! { <li class="error">{v.zh()}</li> }).collect_view()}
            {r.reasons.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}
            {decision.warnings.iter().map(|x| view! { <li class="warn">{x.clone()}</li> }).collect_view()}
        </ul>
        {posts.into_iter().map(|(post, seats, threshold, rows)| view! {
            <h3>{post.zh()}"（应选"{seats}"名，得票不少于"{threshold}"票当选）"</h3>
            <table class="votes" data-testid=format!("result-{}", post.code())>
                <thead><tr><th>"姓名"</th><th>"得票"</th><th>"结果"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(_, name, votes, status)| view! {
                        <tr class=if status == "当选" { "elected" } else { "" }><td class="name">{name}</td><td class="n">{votes}</td><td>{status}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }).collect_view()}
        {r.women.required.then(|| view! {
            <p class=if r.women.satisfied { "ok" } else { "warn" }>{if r.women.satisfied { "当选人中有妇女成员。" } else { "当选人中还没有妇女成员。" }}</p>
        })}
    }
}

/// Co-signing of the 计票结果报告单 by the signing roles (names from the staff list).
#[component]
fn Sign(round: RoundId, decision: Decision, message: Message) -> impl IntoView {
    let session = expect_context::<Session>();
    let names: Vec<(StaffRole, RwSignal<String>)> = count::SIGNING_ROLES
        .iter()
        .map(|role| {
            let given = session
                .with_state(|s| {
                    s.staff.iter().filter(|x| x.role == *role).map(|x| x.name.clone()).collect::<Vec<_>>().join("、")
                })
                .unwrap_or_default();
            (*role, RwSignal::new(given))
        })
        .collect();
    let n = names.clone();
    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let signers: Vec<Signer> = n
            .iter()
            .flat_map(|(role, v)| {
                v.get_untracked()
                    .split(['、', ',', '，', ' '])
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| Signer { role: *role, name: x.trim().to_string(), device: None })
                    .collect::<Vec<_>>()
            })
            .collect();
        if let Err(p) = count::check_signers(&signers) {
            return message.set(Some(Err(p.zh)));
        }
        let body = EventBody::ResultSigned(count::signed_result(&round, &decision, signers, platform::today()));
        record(session, body, message, "已签字，结果可以当场公布。".into());
    };
    view! {
        <form class="form" on:submit=sign>
            <h3>"计票结果报告单签字"</h3>
            {names.into_iter().map(|(role, v)| view! {
                <label>{count::role_zh(role)}<input prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev)) /></label>
            }).collect_view()}
            <button class="btn" type="submit">"签字确认结果"</button>
        </form>
    }
}

/// The round that completes this one: the tied re-vote first, else the 另行选举.
#[component]
fn NextRound(round: RoundOpened, decision: Decision, has_follow_up: bool) -> impl IntoView {
    let session = expect_context::<Session>();
    let message: Message = RwSignal::new(None);
    let Some(NextRound { kind, posts, deadline, women_only }) =
        session.with_state(|s| rounds::next_round(s, &round, &decision.result)).flatten()
    else {
        return ().into_any();
    };
    if has_follow_up {
        return view! { <p class="ok" role="status">{format!("{}已开始，请到“计票”录入选票。", count::round_zh(kind))}</p> }.into_any();
    }
    let text = session
        .with_state(|s| {
            posts
                .iter()
                .map(|p| {
                    format!(
                        "{}{}名：{}",
                        p.post.zh(),
                        p.seats,
                        p.candidates.iter().map(|c| s.name_of(c)).collect::<Vec<_>>().join("、")
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let open = move |_| {
        let opened = RoundOpened {
            round: new_id(session, "r"),
            kind,
            held_on: round.held_on,
            posts: posts.clone(),
            after: Some(round.round.clone()),
        };
        match session.with_state(|s| s.check_round_opening(&opened)) {
            Some(Err(p)) => message.set(Some(Err(p.zh))),
            Some(Ok(())) => record(
                session,
                EventBody::RoundOpened(opened),
                message,
                format!("{}已开始，请到“计票”录入选票。", count::round_zh(kind)),
            ),
            None => {}
        }
    };
    view! {
        <div class="next-round">
            <h3>{count::round_zh(kind)}</h3>
            <ul class="plain">{text.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            {women_only.then(|| view! { <p class="hint">"其中一个委员名额另行选举妇女成员。"</p> })}
            {deadline.map(|d| view! { <p class="hint">"须在"{zh_date(d)}"之前举行。"</p> })}
            <button class="btn" type="button" on:click=open>{format!("开始{}", count::round_zh(kind))}</button>
            <Outcome said=message />
        </div>
    }
    .into_any()
}

/// The paper of a signed round: the result notice, the 计票结果报告单 and the certificates.
#[component]
fn Papers(round: RoundOpened, signed: ResultSigned, decision: Decision) -> impl IntoView {
    let session = expect_context::<Session>();
    let community = session
        .with_state(|s| s.definition.as_ref().map(|d| format!("{}{}", d.community, d.kind.name_zh())))
        .flatten()
        .unwrap_or_default();
    let elected: Vec<(String, String, u32)> = session
        .with_state(|s| {
            signed.elected.iter().map(|e| (e.post.zh().to_string(), s.name_of(&e.person), e.votes)).collect()
        })
        .unwrap_or_default();
    let rows = elected.clone();
    let signers = session
        .with_state(|s| count::co_signed(s, &round.round))
        .unwrap_or_default()
        .into_iter()
        .map(|(x, device)| {
            let own = device.map(|d| format!("（本人设备已签名 {d}）")).unwrap_or_default();
            format!("{}：{}{own}", count::role_zh(x.role), x.name)
        })
        .collect::<Vec<_>>();
    let r = decision.result.clone();
    let t = decision.turnout;
    let votes: Vec<(String, String, u64)> = session
        .with_state(|s| {
            r.posts
                .iter()
                .flat_map(|p| p.votes.iter().map(move |(id, v)| (p.post.zh().to_string(), s.name_of(id), *v)))
                .collect()
        })
        .unwrap_or_default();
    let day = zh_date(signed.signed_on);
    let notice = format!(
        "{}{}于{}举行，登记选民{}人，参加投票{}人，收回选票{}张，选举有效。当选人如下：",
        community,
        count::round_zh(round.kind),
        zh_date(round.held_on),
        t.registered,
        t.voted,
        r.cast
    );
    let sheet = format!(
        "{} · {} · 登记{}人 · 参加投票{}人 · 发出{}张 · 收回{}张 · 废票{}张",
        community,
        count::round_zh(round.kind),
        t.registered,
        t.voted,
        t.ballots_issued,
        r.cast,
        r.spoilt
    );
    let stamp = format!("{community}选举委员会　{day}");
    let certificates: Vec<String> = elected
        .iter()
        .map(|(post, name, _)| format!("{name}同志：在{}中当选为{community}{post}。", round_zh_full(&round)))
        .collect();
    let hash = signed.result_hash.chars().take(16).collect::<String>();
    let stamp2 = stamp.clone();
    view! {
        <details class="papers">
            <summary>"公告、报告单和当选证书（A4 打印）"</summary>
            <PrintSheet title=Signal::stored(format!("{community}选举结果公告")) testid="result-notice">
                <p>{notice}</p>
                <table><tbody>{rows.into_iter().map(|(post, name, v)| view! { <tr><td>{post}</td><td>{name}</td><td>{v}"票"</td></tr> }).collect_view()}</tbody></table>
                <p class="sign-line">{stamp}</p>
            </PrintSheet>
            <PrintSheet title=Signal::stored("计票结果报告单".to_string()) testid="result-sheet">
                <p>{sheet}</p>
                <table>
                    <thead><tr><th>"职务"</th><th>"姓名"</th><th>"得票"</th></tr></thead>
                    <tbody>{votes.into_iter().map(|(post, name, v)| view! { <tr><td>{post}</td><td>{name}</td><td>{v}</td></tr> }).collect_view()}</tbody>
                </table>
                <p>"结果校验码："<small>{hash}</small></p>
                <ul class="plain signers">{signers.into_iter().map(|x| view! { <li>{x}"　签名：＿＿＿＿"</li> }).collect_view()}</ul>
                <p class="sign-line">{day}</p>
            </PrintSheet>
            {certificates.into_iter().map(|text| {
                let stamp = stamp2.clone();
                view! {
                    <PrintSheet title=Signal::stored("当选证书".to_string()) testid="certificate">
                        <p class="certificate">{text}</p>
                        <p class="sign-line">{stamp}</p>
                    </PrintSheet>
                }
            }).collect_view()}
        </details>
    }
}

/// 在本人手机上签名: a signer whose phone holds the round's records (the committee's field data
/// imported) signs on it, after the core recounted them there to the same result.
#[component]
fn CoSign(round: RoundId, signed: ResultSigned, message: Message) -> impl IntoView {
    let session = expect_context::<Session>();
    let me = session.device_code().unwrap_or_default();
    let signed_here = session
        .with_state(|s| s.rounds.get(&round).and_then(|r| r.signed_by.clone()))
        .flatten()
        .is_none_or(|by| by == me);
    if signed_here {
        return ().into_any();
    }
    let chosen = RwSignal::new(0usize);
    let signers = signed.signers.clone();
    let sign = move |_| {
        let Some(signer) = signers.get(chosen.get_untracked()) else { return };
        match session.with_state(|s| count::check_co_sign(s, &round, &me, signer)) {
            Some(Err(p)) => message.set(Some(Err(p.zh))),
            Some(Ok(co)) => record(
                session,
                EventBody::ResultCoSigned(co),
                message,
                "已在本机签名。请到“收发数据包”导出采集数据，发回选举委员会。".into(),
            ),
            None => {}
        }
    };
    view! {
        <div class="co-sign" data-testid="co-sign">
            <h3>"在本人手机上签名"</h3>
            <p class="hint">"本机按导入的记录重新计票，结果与报告单一致才能签名。"</p>
            <label>"签名人"
                <select on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {signed.signers.iter().enumerate().map(|(i, x)| view! { <option value=i.to_string()>{format!("{}：{}", count::role_zh(x.role), x.name)}</option> }).collect_view()}
                </select>
            </label>
            <button class="btn" type="button" on:click=sign>"核对并签名"</button>
        </div>
    }
    .into_any()
}

fn round_zh_full(r: &RoundOpened) -> String {
    format!(
        "{}举行的换届选举{}",
        zh_date(r.held_on),
        if r.kind == RoundKind::First { String::new() } else { format!("（{}）", count::round_zh(r.kind)) }
    )
}

/// 报批备案: the result report the office reads, its structure figures, the signed file and a QR
/// summary to check it at the office.
#[component]
pub fn ResultReport() -> impl IntoView {
    let session = expect_context::<Session>();
    let role = expect_context::<RoleState>();
    let message: Message = RwSignal::new(None);
    let report = move || session.with_state(|s| progress::result_report(s, platform::today())).flatten();
    let send = move |_| {
        let Some(r) = role.0.get_untracked() else { return };
        match session.export(Kind::Result, r) {
            Err(e) => message.set(Some(Err(e))),
            Ok((name, text)) => spawn_local(async move {
                message.set(Some(files::send(&name, &text, Kind::Result.label_zh()).await));
            }),
        }
    };
    view! {
        {move || report().map(|rep| {
            let st = stats::structure(&rep.elected, rep.reported_on);
            let qr = qr_svg(&progress::summary_text(&rep));
            view! {
                <section class="card">
                    <h2>"新一届成员"</h2>
                    {if rep.elected.is_empty() {
                        view! { <p class="hint">"还没有签字的选举结果。"</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain" data-testid="elected">{rep.elected.iter().map(|m| view! { <li>{m.post.zh()}"："{m.name.clone()}</li> }).collect_view()}</ul>
                            <table class="figures" data-testid="structure">
                                <tbody>
                                    <tr><td>"人数"</td><td>{st.persons}</td></tr>
                                    <tr><td>"平均年龄"</td><td>{st.average_age.to_string()}</td></tr>
                                    <tr><td>"妇女"</td><td>{st.women.to_string()}</td></tr>
                                    <tr><td>"党员"</td><td>{st.party_members.to_string()}</td></tr>
                                    <tr><td>"少数民族"</td><td>{st.minorities.to_string()}</td></tr>
                                    <tr><td>"大专以上"</td><td>{st.college.to_string()}</td></tr>
                                    <tr><td>"29岁以下 / 30-49岁 / 50岁以上"</td><td>{format!("{} / {} / {}", st.age_29_and_under, st.age_30_to_49, st.age_50_and_over)}</td></tr>
                                    <tr><td>"连任 / 新任"</td><td>{format!("{} / {}", st.re_elected, st.newly_elected)}</td></tr>
                                    <tr><td>"一肩挑 / 交叉任职"</td><td>{format!("{} / {}（须两委结果）", st.one_shoulder, st.cross_holding)}</td></tr>
                                </tbody>
                            </table>
                            <p class="hint">{stats::ROUNDING_NOTE}</p>
                        }.into_any()
                    }}
                    <p>"登记选民 "{rep.registered_voters}" 人，参加投票 "{rep.voted}" 人。"</p>
                </section>
                <section class="card">
                    <h2>"发送选举结果"</h2>
                    <p class="hint">"文件由本机签名，街道换届办导入时逐项核验。"</p>
                    <button class="btn" type="button" on:click=send>"发送选举结果文件"</button>
                    <Outcome said=message />
                    {qr.map(|svg| view! { <figure class="qr" data-testid="result-qr" inner_html=svg></figure><p class="hint">"街道换届办可扫码核对结果摘要。"</p> })}
                </section>
            }
        })}
    }
}

/// The result summary as an SVG QR code (`qrcode` crate, svg renderer only).
fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build())
}

const HANDOVER_ITEMS: [&str; 6] = [
    "公章、印鉴",
    "财务账目、票据和资金",
    "固定资产和集体资产清单",
    "办公场所和办公用品",
    "档案资料和选举全部材料",
    "未办结事项和信访件",
];

/// 交接归档: hand-over within ten days, and the archive of the whole election.
#[component]
pub fn Handover() -> impl IntoView {
    let session = expect_context::<Session>();
    let role = expect_context::<RoleState>();
    let message: Message = RwSignal::new(None);
    let due = move || session.with_state(progress::handover_due).flatten();
    let community = move || {
        session.with_state(|s| s.definition.as_ref().map(|d| d.community.clone())).flatten().unwrap_or_default()
    };
    let archive = move |_| {
        let Some(r) = role.0.get_untracked() else { return };
        match session.export(Kind::Archive, r) {
            Err(e) => message.set(Some(Err(e))),
            Ok((name, text)) => spawn_local(async move {
                message.set(Some(files::send(&name, &text, Kind::Archive.label_zh()).await));
            }),
        }
    };
    view! {
        <section class="card">
            <h2>"工作移交"</h2>
            {move || match due() {
                Some(d) => view! { <p class="big">"须在 "<b>{zh_date(d)}</b>" 前完成移交（选举结果公布后十日内）。"</p> }.into_any(),
                None => view! { <p class="hint">"选举结果签字后开始计算十日移交期限。"</p> }.into_any(),
            }}
            <PrintSheet title=Signal::derive(move || format!("{}工作移交清单", community())) testid="handover-sheet">
                <table>
                    <thead><tr><th>"移交事项"</th><th>"移交人"</th><th>"接收人"</th><th>"监交人"</th></tr></thead>
                    <tbody>{HANDOVER_ITEMS.iter().map(|i| view! { <tr><td>{*i}</td><td></td><td></td><td></td></tr> }).collect_view()}</tbody>
                </table>
            </PrintSheet>
        </section>
        <section class="card">
            <h2>"归档"</h2>
            <p class="hint">"归档文件包含本次选举的全部记录（每台设备的记录带有它自己的签名）和选举结果。导入另一台手机即可交接，或在本人手机上核对签名。"</p>
            <button class="btn" type="button" on:click=archive>"生成归档文件"</button>
            <Outcome said=message />
        </section>
    }
}
