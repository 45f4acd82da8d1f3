//! 公示: the 八个公开 checklist (each publication with its date and legal deadline, from
//! huanjie_core::election::notices), and the notices this screen writes from the records: the election
//! committee, the election day with the voting places and hours, the election staff, the written
//! proxies and the mobile ballot boxes' voters. Each is
//! an A4 sheet, can be copied as text for the residents' chat group, and its posting is recorded.

use crate::components::form::{self, date, record_all, zh_date, Outcome};
use crate::components::print_sheet::PrintSheet;
use crate::platform::{self, files};
use crate::session::Session;
use huanjie_core::election::count;
use huanjie_core::election::notices;
use huanjie_core::law::rules;
use huanjie_core::record::events::{EventBody, NoticeKind, NoticePublished};
use huanjie_core::record::state::ElectionState;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Notices() -> impl IntoView {
    view! {
        <EightPublications />
        <NoticeSheet notice=NoticeKind::VotingArrangements />
        <NoticeSheet notice=NoticeKind::ElectionCommittee />
        <NoticeSheet notice=NoticeKind::Staff />
        <NoticeSheet notice=NoticeKind::Proxies />
        <NoticeSheet notice=NoticeKind::MobileBoxUsers />
    }
}

#[component]
fn EightPublications() -> impl IntoView {
    let session = expect_context::<Session>();
    let items = move || session.with_state(notices::eight_publications).unwrap_or_default();
    view! {
        <section class="card">
            <h2>"八个公开"</h2>
            <table class="table" data-testid="eight-publications">
                <thead><tr><th>"事项"</th><th>"公开日期"</th><th>"最迟"</th></tr></thead>
                <tbody>
                    {move || items().into_iter().map(|p| {
                        let class = if p.late() { "overdue" } else if p.published_on.is_some() { "done" } else { "" };
                        view! {
                            <tr class=class>
                                <td>{p.zh}</td>
                                <td>{p.published_on.map_or("未公开".to_string(), zh_date)}{p.late().then_some("（逾期）")}</td>
                                <td>{p.due.map(zh_date).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Title and paragraphs of a notice, written from the records; None when there is nothing to
/// publish yet (the reason is the single paragraph).
fn compose(s: &ElectionState, notice: &NoticeKind, hours: &str) -> Result<(String, Vec<String>), String> {
    let d = s.definition.as_ref().ok_or("还没有选举设置。")?;
    let who = format!("{}{}", d.community, d.kind.name_zh());
    let signed = format!("{}选举委员会", d.community);
    match notice {
        NoticeKind::VotingArrangements => {
            let mut lines = vec![format!(
                "根据有关法律法规，经{signed}研究决定，{who}换届选举定于{}举行，采用{}方式。",
                zh_date(d.election_day),
                d.electorate.name_zh()
            )];
            let places: Vec<String> = s
                .stations
                .values()
                .map(|st| format!("{}（{}）{}", st.name, st.place, if st.central { "，中心会场" } else { "" }))
                .collect();
            lines.push(if places.is_empty() {
                "投票地点另行公告。".into()
            } else {
                format!("投票地点：{}。", places.join("；"))
            });
            lines.push(format!("投票时间：{hours}。"));
            if !s.mobile_boxes.is_empty() {
                lines.push("因年老、病残等原因不能到投票站投票的选民，设流动票箱上门投票。".into());
            }
            lines.push(
                "请选民凭本人身份证件按时参加投票。因故不能参加投票的，可书面委托本社区其他选民代为投票。".into(),
            );
            lines.push(signed);
            Ok((format!("{who}换届选举公告"), lines))
        }
        NoticeKind::ElectionCommittee => {
            let c = s.committee.as_ref().ok_or("还没有推选选举委员会。")?;
            let mut lines = vec![format!(
                "{}经{}推选，{signed}由以下{}人组成：",
                zh_date(c.formed_on),
                c.chosen_by,
                c.members.len()
            )];
            lines.extend(c.members.iter().map(|m| format!("{}：{}", m.post.zh(), m.name)));
            lines.push(signed.clone());
            Ok((format!("{signed}成员名单公告"), lines))
        }
        NoticeKind::Staff => {
            if s.staff.is_empty() {
                return Err("还没有确定选举工作人员（在“投票”一步安排）。".into());
            }
            let mut lines = vec![format!("{who}换届选举工作人员如下：")];
            lines.extend(s.staff.iter().map(|st| format!("{}：{}", count::role_zh(st.role), st.name)));
            lines.push("候选人及其近亲属不得担任监票人、计票人、唱票人和代写人。".into());
            lines.push(signed);
            Ok((format!("{who}换届选举工作人员公告"), lines))
        }
        NoticeKind::Proxies => {
            if s.proxies.is_empty() {
                return Err("还没有登记委托投票（在“投票”一步登记）。".into());
            }
            let mut lines = vec![format!("{who}换届选举委托投票情况如下（委托人 → 受托人）：")];
            lines.extend(s.proxies.values().map(|p| {
                format!("{} → {}（{}书面委托）", s.name_of(&p.principal), s.name_of(&p.proxy), zh_date(p.written_on))
            }));
            lines.push(signed);
            Ok((format!("{who}换届选举委托投票公告"), lines))
        }
        NoticeKind::MobileBoxUsers => {
            if s.mobile_boxes.is_empty() {
                return Err("还没有设立流动票箱（在“投票”一步设立）。".into());
            }
            let mut lines = vec![format!("{who}换届选举设流动票箱，使用流动票箱投票的选民如下：")];
            lines.extend(s.mobile_boxes.values().map(|b| {
                format!("{}：{}", b.name, b.voters.iter().map(|v| s.name_of(v)).collect::<Vec<_>>().join("、"))
            }));
            lines.push(signed);
            Ok((format!("{who}换届选举流动票箱投票选民公告"), lines))
        }
        _ => Err("这一公告在其他步骤中生成。".into()),
    }
}

#[component]
fn NoticeSheet(notice: NoticeKind) -> impl IntoView {
    let session = expect_context::<Session>();
    let hours = RwSignal::new("上午8:00至12:00".to_string());
    let on = RwSignal::new(platform::today().to_string());
    let place = RwSignal::new("社区公示栏".to_string());
    let said = form::said();
    let kind = notice.clone();
    let composed = Memo::new(move |_| {
        session.with_state(|s| compose(s, &kind, &hours.get())).unwrap_or_else(|| Err("数据尚未载入".into()))
    });
    let title = Signal::derive(move || composed.get().map(|(t, _)| t).unwrap_or_default());
    let text =
        move || composed.get_untracked().map(|(t, lines)| format!("{t}\n\n{}", lines.join("\n"))).unwrap_or_default();
    let copy = move |_| {
        let t = text();
        spawn_local(async move {
            said.set(Some(files::copy_text(&t).await.map(|_| "已复制公告文字，可粘贴到居民群。".to_string())));
        });
    };
    let download = move |_| {
        let t = text();
        let name = format!("{}.txt", title.get_untracked());
        said.set(Some(
            files::download_as(&name, &t, "text/plain;charset=utf-8").map(|_| "已保存公告文件。".to_string()),
        ));
    };
    let kind = notice.clone();
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = date(&on.get_untracked()) else {
            return said.set(Some(Err("请选择公布日期。".into())));
        };
        let late = session
            .with_state(|s| {
                let d = s.definition.as_ref()?;
                notices::check_notice_date(rules::preset(&d.rule_preset)?, d.election_day, &kind, day).err()
            })
            .flatten();
        if let Some(b) = late {
            return said.set(Some(Err(format!("未记录：{}", b.message()))));
        }
        let mut bodies = vec![EventBody::NoticePublished(NoticePublished {
            notice: kind.clone(),
            published_on: day,
            title: title.get_untracked(),
            place: place.get_untracked().trim().into(),
        })];
        // The 选举公告 makes both the date and the place and hours public (八个公开).
        if kind == NoticeKind::VotingArrangements {
            bodies.push(EventBody::NoticePublished(NoticePublished {
                notice: NoticeKind::ElectionDate,
                published_on: day,
                title: title.get_untracked(),
                place: place.get_untracked().trim().into(),
            }));
        }
        record_all(session, bodies, said, format!("已记录：{}于{}公布", title.get_untracked(), zh_date(day)), || {});
    };
    let is_voting = notice == NoticeKind::VotingArrangements;
    view! {
        {move || match composed.get() {
            Err(why) => view! { <p class="card hint">{why}</p> }.into_any(),
            Ok((_, lines)) => view! {
                <section class="card notice">
                    {is_voting.then(|| view! {
                        <label class="form">"投票时间"<input prop:value=move || hours.get() on:input=move |ev| hours.set(event_target_value(&ev)) /></label>
                    })}
                    <PrintSheet title=title>
                        {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                    </PrintSheet>
                    <div class="actions">
                        <button type="button" class="btn secondary" on:click=copy>"复制文字"</button>
                        <button type="button" class="btn secondary" on:click=download>"保存为文件"</button>
                    </div>
                    <form class="form" on:submit=publish.clone()>
                        <label>"公布日期"<input type="date" prop:value=move || on.get() on:input=move |ev| on.set(event_target_value(&ev)) /></label>
                        <label>"公布地点"<input prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) /></label>
                        <button class="btn" type="submit">"记录已公布"</button>
                    </form>
                    <Outcome said=said />
                </section>
            }.into_any(),
        }}
    }
}
