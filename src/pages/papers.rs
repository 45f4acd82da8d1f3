//! 印制选举材料: the papers of voting day printed from the records (ballots, voter cards, the
//! sign-in book with the mobile boxes' lists, proxy certificates). The core decides who is on each
//! paper and how many (`election::papers`); this screen lays them out on A4 and says why a paper
//! cannot be printed yet.

use crate::components::form::{self, Outcome};
use crate::components::print_sheet::PrintSheet;
use crate::session::Session;
use huanjie_core::base::zh;
use huanjie_core::election::count;
use huanjie_core::election::papers::{self, Ballot, Roll};
use huanjie_core::record::events::{BallotsPrinted, EventBody};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Paper {
    Ballot,
    VoterCards,
    SignIn,
    Proxies,
    NominationForms,
    Commitments,
    Script,
    Letter,
}

impl Paper {
    const ALL: [Paper; 8] = [
        Paper::Ballot,
        Paper::VoterCards,
        Paper::SignIn,
        Paper::Proxies,
        Paper::NominationForms,
        Paper::Commitments,
        Paper::Script,
        Paper::Letter,
    ];

    fn zh(self) -> &'static str {
        match self {
            Paper::Ballot => "选票",
            Paper::VoterCards => "选民证",
            Paper::SignIn => "签到簿",
            Paper::Proxies => "委托投票证",
            Paper::NominationForms => "候选人推荐表",
            Paper::Commitments => "三项承诺书",
            Paper::Script => "主持词",
            Paper::Letter => "致选民的一封信",
        }
    }
}

#[component]
pub fn Papers() -> impl IntoView {
    let session = expect_context::<Session>();
    let shown = RwSignal::new(None::<Paper>);
    let spare = RwSignal::new(String::from("10"));
    let round = RwSignal::new(String::new());
    // Ballots also print on A3 (larger type for a long list); the other papers are A4.
    let a3 = RwSignal::new(false);
    let said = form::said();
    let rounds = move || {
        session
            .with_state(|s| {
                count::rounds_in_order(s)
                    .iter()
                    .map(|r| (r.opened.round.clone(), round_label(&r.opened)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let chosen_round = move || {
        let r = round.get();
        if r.is_empty() {
            rounds().last().map(|(id, _)| id.clone()).unwrap_or_default()
        } else {
            r
        }
    };
    let sheet = move || {
        let paper = shown.get()?;
        let spare = spare.get().trim().parse::<u64>().unwrap_or(0);
        let round = chosen_round();
        let view = session.with_state(|s| match paper {
            Paper::Ballot => papers::ballot(s, &round, spare).map(|b| {
                let printed = s.rounds.get(&round).and_then(|r| r.printed);
                ballot_sheet(b, a3.get(), printed, record_printed(session, round.clone(), said))
            }),
            Paper::VoterCards => papers::roll(s).map(voter_cards),
            Paper::SignIn => papers::roll(s).map(|r| sign_in_book(r, papers::mobile_box_lists(s))),
            Paper::Proxies => papers::proxy_certificates(s).map(|(c, rule)| proxy_certificates(c, rule)),
            Paper::NominationForms => papers::nomination_forms(s).map(nomination_forms),
            Paper::Commitments => Ok(commitment_letters(papers::commitment_letters(s))),
            Paper::Script => papers::meeting_script(s, &round).map(meeting_script),
            Paper::Letter => papers::letter_to_voters(s).map(letter),
        })?;
        Some(match view {
            Ok(v) => v,
            Err(p) => view! { <p class="error" role="alert">{p.zh}</p> }.into_any(),
        })
    };
    view! {
        <section class="card" data-testid="papers">
            <h2>"印制选举材料"</h2>
            <p class="hint">"选票、选民证、签到簿和委托投票证按本机记录生成：名单、顺序和份数以公布的名单为准。"</p>
            <label class="form">"选票轮次"
                <select on:change=move |ev| round.set(event_target_value(&ev))>
                    {move || rounds().into_iter().map(|(id, label)| view! { <option value=id.clone() selected=move || chosen_round() == id>{label}</option> }).collect_view()}
                </select>
            </label>
            <label class="form">"选票备用份数"
                <input type="number" inputmode="numeric" min="0" prop:value=move || spare.get() on:input=move |ev| spare.set(event_target_value(&ev)) />
            </label>
            <label class="form">"选票纸张"
                <select on:change=move |ev| a3.set(event_target_value(&ev) == "A3")>
                    <option value="A4" selected=move || !a3.get()>"A4"</option>
                    <option value="A3" selected=move || a3.get()>"A3"</option>
                </select>
            </label>
            <div class="actions">
                {Paper::ALL.into_iter().map(|p| view! {
                    <button type="button" class="btn secondary" on:click=move |_| shown.set(Some(p))>{format!("印制{}", p.zh())}</button>
                }).collect_view()}
            </div>
            <Outcome said=said />
            {sheet}
        </section>
    }
}

fn round_label(r: &huanjie_core::record::events::RoundOpened) -> String {
    format!("{}（{}）", count::round_zh(r.kind), zh::date(r.held_on))
}

/// Records the copies about to be printed as this round's 选票印制数 (the count checks issued
/// ballots against it).
fn record_printed(session: Session, round: String, said: form::Said) -> impl Fn(u64) + Copy + 'static {
    let round = StoredValue::new(round);
    move |copies: u64| {
        let body = EventBody::BallotsPrinted(BallotsPrinted {
            round: round.get_value(),
            copies: u32::try_from(copies).unwrap_or(u32::MAX),
        });
        form::record(session, body, said, format!("已登记本轮选票印制{copies}张"));
    }
}

fn ballot_sheet(b: Ballot, a3: bool, printed: Option<u32>, record: impl Fn(u64) + Copy + 'static) -> AnyView {
    let title = format!("{}（印制{}份）", b.title, b.copies);
    let party = b.party;
    let copies = b.copies;
    view! {
        <div class="actions no-print">
            <button type="button" class="btn" on:click=move |_| record(copies)>{format!("登记印制{copies}张")}</button>
        </div>
        <p class="hint no-print" data-testid="ballots-printed">{match printed {
            Some(n) => format!("已登记印制{n}张；计票时发出的选票不得多于此数。"),
            None => "尚未登记印制份数。".to_string(),
        }}</p>
        <PrintSheet title=title testid="ballot-sheet" a3=a3>
            <p class="sheet-date">{format!("投票日期：{}", zh::date(b.held_on))}</p>
            {b.parts.into_iter().map(|part| view! {
                <table class="ballot-part" data-post=part.post.zh()>
                    <caption>{format!("{}（应选{}名）", part.post.zh(), part.seats)}</caption>
                    <tbody>
                        {part.candidates.into_iter().map(|name| view! {
                            <tr class="candidate"><td class="mark">{if party { "赞成 □　不赞成 □　弃权 □" } else { "□" }}</td><td>{name}</td></tr>
                        }).collect_view()}
                        {(0..part.write_in_lines).map(|_| view! {
                            <tr class="write-in"><td class="mark">"□"</td><td>"另选人：＿＿＿＿＿＿"</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
            <h3>"选票说明"</h3>
            <ol class="instructions">{b.instructions.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ol>
            <p class="seal">"（选举委员会印章）"</p>
        </PrintSheet>
    }
    .into_any()
}

fn voter_cards(roll: Roll) -> AnyView {
    let day = zh::date(roll.election_day);
    let title = format!("{}证", roll.title);
    view! {
        <PrintSheet title=title testid="voter-cards-sheet">
            {roll.groups.into_iter().map(|(grid, entries)| view! {
                <h3>{grid}</h3>
                <ul class="cards">
                    {entries.into_iter().map(|e| view! {
                        <li class="voter-card">
                            <b>{format!("选民证 第{}号", e.number)}</b>
                            <span>{format!("姓名：{}", e.name)}</span>
                            <span>{format!("身份证号：{}", e.masked_id)}</span>
                            <span>{format!("住址：{}", e.address)}</span>
                            <span>{format!("投票日期：{day}")}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </PrintSheet>
    }
    .into_any()
}

fn sign_in_book(roll: Roll, boxes: Vec<papers::BoxList>) -> AnyView {
    let title = format!("{}签到簿", roll.title);
    view! {
        <PrintSheet title=title testid="sign-in-sheet">
            {roll.groups.into_iter().map(|(grid, entries)| view! {
                <h3>{grid}</h3>
                <table>
                    <thead><tr><th>"序号"</th><th>"姓名"</th><th>"身份证号"</th><th>"签名"</th></tr></thead>
                    <tbody>
                        {entries.into_iter().map(|e| view! {
                            <tr><td>{e.number}</td><td>{e.name}</td><td>{e.masked_id}</td><td></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
            {boxes.into_iter().map(|b| view! {
                <h3>{format!("{}（流动票箱）", b.name)}</h3>
                <table>
                    <thead><tr><th>"序号"</th><th>"姓名"</th><th>"身份证号"</th><th>"签名"</th></tr></thead>
                    <tbody>
                        {b.voters.into_iter().map(|e| view! {
                            <tr><td>{e.number}</td><td>{e.name}</td><td>{e.masked_id}</td><td></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
        </PrintSheet>
    }
    .into_any()
}

fn proxy_certificates(certificates: Vec<papers::ProxyCertificate>, rule: String) -> AnyView {
    view! {
        <PrintSheet title="委托投票证".to_string() testid="proxy-sheet">
            {certificates.into_iter().map(|c| view! {
                <div class="certificate">
                    <b>{format!("委托投票证 第{}号", c.number)}</b>
                    <p>{format!("委托人：{}（{}）", c.principal, c.principal_id)}</p>
                    <p>{format!("受托人：{}（{}）", c.proxy, c.proxy_id)}</p>
                    <p>{format!("书面委托日期：{}", zh::date(c.written_on))}</p>
                    <p class="hint">{rule.clone()}</p>
                </div>
            }).collect_view()}
        </PrintSheet>
    }
    .into_any()
}

fn nomination_forms(forms: Vec<papers::NominationForm>) -> AnyView {
    view! {
        <div data-testid="nomination-forms">
            {forms.into_iter().map(|f| view! {
                <PrintSheet title=f.title.clone()>
                    <table>
                        <tbody>
                            <tr><th>"被推荐人"</th><td>{f.nominee.clone()}</td><th>"性别"</th><td>{f.sex}</td></tr>
                            <tr><th>"年龄"</th><td>{f.age}</td><th>"身份证号"</th><td>{f.masked_id.clone()}</td></tr>
                            <tr><th>"推荐职位"</th><td>{f.post.zh()}</td><th>"推荐方式"</th><td>{f.by}</td></tr>
                            <tr><th>"推荐日期"</th><td colspan="3">{zh::date(f.nominated_on)}</td></tr>
                        </tbody>
                    </table>
                    {(f.signature_lines > 0).then(|| view! {
                        <table class="signatures">
                            <thead><tr><th>"序号"</th><th>"推荐人"</th><th>"签名"</th></tr></thead>
                            <tbody>
                                {(0..f.signature_lines).map(|i| view! {
                                    <tr class="signature-line"><td>{i + 1}</td><td>{f.nominators.get(i).cloned().unwrap_or_default()}</td><td></td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                </PrintSheet>
            }).collect_view()}
        </div>
    }
    .into_any()
}

fn commitment_letters(letters: Vec<papers::CommitmentLetter>) -> AnyView {
    view! {
        <div data-testid="commitment-letters">
            {letters.into_iter().map(|l| {
                let posts = l.posts.iter().map(|p| p.zh()).collect::<Vec<_>>().join("、");
                view! {
                    <PrintSheet title=format!("{}的三项承诺书", l.nominee)>
                        <p>{format!("本人{}，作为{}候选人，郑重承诺：", l.nominee, posts)}</p>
                        <ol>{l.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol>
                        <p class="seal">{format!("承诺人（签名）：＿＿＿＿　{}", l.signed_on.map(zh::date).unwrap_or_else(|| "　　年　月　日".into()))}</p>
                    </PrintSheet>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

fn meeting_script(parts: Vec<(String, Vec<String>)>) -> AnyView {
    view! {
        <PrintSheet title="选举大会主持词".to_string() testid="script-sheet">
            {parts.into_iter().map(|(heading, lines)| view! {
                <h3>{heading}</h3>
                {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
            }).collect_view()}
        </PrintSheet>
    }
    .into_any()
}

fn letter(lines: Vec<String>) -> AnyView {
    view! {
        <PrintSheet title="致选民的一封信".to_string() testid="letter-sheet">
            {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
        </PrintSheet>
    }
    .into_any()
}
