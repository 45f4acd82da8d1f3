//! The street / district office: receive many communities' files, see progress and the
//! structure of the newly elected, fill the work report. Every figure comes from
//! huanjie_core::office::stats (the same code as `huanjie aggregate`).

use crate::components::file_pick::FilePick;
use crate::components::form::zh_date;
use crate::platform::files;
use crate::session::Session;
use huanjie_core::base::zh;
use huanjie_core::office::receive::{self, Received, Verdict};
use huanjie_core::office::report;
use huanjie_core::office::stats::{self, Aggregate, Percent, Rounding};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The office's reports, loaded once and shared by its screens.
#[derive(Clone, Copy)]
pub struct OfficeState {
    pub reports: RwSignal<Option<Vec<Received>>>,
    /// How this office prints percentages (kept on the phone, like the role).
    pub rounding: RwSignal<Rounding>,
}

fn office_state() -> OfficeState {
    if let Some(state) = use_context::<OfficeState>() {
        return state;
    }
    let rounding = crate::platform::prefs::load::<Rounding>(ROUNDING_KEY).unwrap_or_default();
    let state = OfficeState { reports: RwSignal::new(None), rounding: RwSignal::new(rounding) };
    provide_context(state);
    state
}

fn load(session: Session, state: OfficeState) {
    if state.reports.get_untracked().is_some() {
        return;
    }
    spawn_local(async move {
        while !session.ready() && session.error.get_untracked().is_none() {
            crate::platform::next_tick().await;
        }
        state.reports.set(Some(session.office_reports().await));
    });
}

const ROUNDING_KEY: &str = "office_rounding";

/// The figures as of the newest report received (the same rule as `huanjie aggregate`).
fn aggregate(reports: &[Received], rounding: Rounding) -> Option<Aggregate> {
    let reports: Vec<_> = reports.iter().map(|r| r.report.clone()).collect();
    let as_of = reports.iter().map(|r| r.reported_on).max()?;
    Some(stats::aggregate_with(&reports, as_of, rounding))
}

fn use_aggregate() -> (OfficeState, Memo<Option<Aggregate>>) {
    let session = expect_context::<Session>();
    let state = office_state();
    load(session, state);
    let agg = Memo::new(move |_| state.reports.get().and_then(|r| aggregate(&r, state.rounding.get())));
    (state, agg)
}

#[component]
pub fn OfficeImport() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = office_state();
    load(session, state);
    let verdicts = RwSignal::new(Vec::<(String, Verdict)>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let error = RwSignal::new(None::<String>);

    let receive = move |list: Vec<web_sys::File>| {
        let Some(held) = state.reports.get_untracked() else { return };
        let total = list.len();
        progress.set(Some((0, total)));
        error.set(None);
        spawn_local(async move {
            let mut kept = held.clone();
            let mut out = Vec::new();
            for (i, file) in list.into_iter().enumerate() {
                let verdict = match files::read_bytes(&file).await {
                    Ok(bytes) => receive::receive(&bytes, &kept),
                    Err(zh) => Verdict::Refused { zh, check: "read" },
                };
                if let Verdict::Accepted { received, .. } | Verdict::Older { received } = &verdict {
                    kept.push(received.clone());
                }
                out.push((file.name(), verdict));
                progress.set(Some((i + 1, total)));
                crate::platform::next_tick().await; // let the bar move
            }
            // One write for the whole batch; verdicts are shown only once it is committed.
            match session.save_office_reports(&kept).await {
                Ok(()) => {
                    state.reports.set(Some(kept));
                    verdicts.update(|v| {
                        out.append(v);
                        *v = out;
                    });
                }
                Err(e) => error.set(Some(e)),
            }
            progress.set(None);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| receive(files::picked(&ev));
    let on_drop = move |ev: leptos::ev::DragEvent| receive(files::dropped(&ev));
    let held = move || state.reports.get().map(|r| r.len()).unwrap_or(0);
    view! {
        <section class="card" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h2>"接收社区文件"</h2>
            <p class="hint">"一次可选择或拖入多个结果文件、进度文件。每个文件都会核验签名和完整性；同一社区较新的报告替换较旧的。"</p>
            <FilePick on_pick=on_pick testid="office-input" />
            <p class="hint" data-testid="office-held">"已接收报告 "{held}" 份"</p>
            {move || progress.get().map(|(done, total)| view! {
                <div role="status"><progress max=total value=done></progress>" 正在核验 "{done}"/"{total}</div>
            })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <ul class="verdicts" data-testid="office-verdicts">
                {move || verdicts.get().into_iter().map(|(name, v)| {
                    let class = match &v {
                        Verdict::Accepted { .. } | Verdict::AlreadyReceived => "ok",
                        Verdict::Older { .. } | Verdict::Conflict { .. } => "warn",
                        Verdict::Refused { .. } => "error",
                    };
                    view! { <li class=format!("verdict {class}")><div class="verdict-file">{name}</div><div>{v.zh()}</div></li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn figure(label: &'static str, value: String, testid: &'static str) -> impl IntoView {
    view! { <div class="figure"><div class="figure-value" data-testid=testid>{value}</div><div class="hint">{label}</div></div> }
}

#[component]
pub fn OfficeProgress() -> impl IntoView {
    let (_, agg) = use_aggregate();
    move || match agg.get() {
        None => view! { <p class="card">"还没有接收任何社区的文件。请先到“收发数据包”接收文件。"</p> }.into_any(),
        Some(a) => {
            let p = &a.progress;
            let rows = a
                .communities
                .iter()
                .map(|c| {
                    let deadline = c.next_deadline().map(|(d, _)| format!("{} {}", zh::month_day(d.date), d.what));
                    let overdue = c.is_overdue();
                    view! {
                        <tr class=if overdue { "overdue" } else { "" }>
                            <td>{c.name.clone()}</td>
                            <td>{c.street.clone()}</td>
                            <td>{c.stage.name_zh()}</td>
                            <td>{deadline.unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="card">
                    <p class="hint">"数据截至 "{zh_date(a.as_of)}"（最新报告日期）"</p>
                    <div class="figures-grid">
                        {figure("已完成换届的社区", format!("{}/{}", p.elected.num, p.communities), "office-done")}
                        {figure("登记选民", p.registered_voters.to_string(), "office-voters")}
                        {figure("参选率", a.rounding.percent(p.turnout), "office-turnout")}
                        {figure("书记或副书记兼任选委会主任", a.rounding.percent(p.election_committee_head_is_party_leader), "office-secretary")}
                        {figure("资格审查通过", p.candidates.passed.to_string(), "office-passed")}
                        {figure("街道取消资格", p.candidates.disqualified_street.to_string(), "office-disq-street")}
                        {figure("区级取消资格", p.candidates.disqualified_district.to_string(), "office-disq-district")}
                        {figure("超期未完成的社区", p.overdue.to_string(), "office-overdue")}
                    </div>
                </section>
                <section class="card">
                    <h2>"各社区参选率"</h2>
                    {turnout_chart(&a)}
                </section>
                <section class="card">
                    <h2>"各社区进度"</h2>
                    <table class="table">
                        <thead><tr><th>"社区"</th><th>"街道"</th><th>"阶段"</th><th>"下一个期限"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
            .into_any()
        }
    }
}

/// Horizontal bars for shares: plain SVG, readable on a phone and on paper.
fn share_chart(rows: Vec<(&'static str, Percent)>, rounding: Rounding) -> impl IntoView {
    let height = rows.len() * 34 + 8;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, pct))| {
            let y = i * 34 + 4;
            let width = if pct.den == 0 { 0.0 } else { 200.0 * pct.num as f64 / pct.den as f64 };
            view! {
                <g>
                    <text x="0" y=y + 20 font-size="14">{label}</text>
                    <rect x="110" y=y + 6 width=format!("{width:.1}") height="18" fill="#b71c1c"></rect>
                    <text x=format!("{:.1}", 116.0 + width) y=y + 20 font-size="14">{rounding.percent(pct)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 380 {height}") role="img" aria-label="新一届成员结构">{bars}</svg>
    }
}

/// One row of a structure table: a name, one figure of that table, then the shared figures.
fn structure_row(name: &str, figure: String, s: &stats::Structure, rounding: Rounding) -> impl IntoView {
    view! {
        <tr>
            <td>{name.to_string()}</td>
            <td>{figure}</td>
            <td>{s.persons}</td>
            <td>{rounding.percent(s.women)}</td>
            <td>{rounding.percent(s.party_members)}</td>
            <td>{s.average_age.to_string()}</td>
        </tr>
    }
}

/// Turnout of each community that has voted: one bar per committee.
fn turnout_chart(a: &Aggregate) -> impl IntoView {
    let rows: Vec<(String, Percent)> = a
        .communities
        .iter()
        .flat_map(|c| {
            c.committees
                .iter()
                .filter(|k| k.turnout.den > 0)
                .map(move |k| (format!("{}{}", c.name, k.committee_name), k.turnout))
        })
        .collect();
    if rows.is_empty() {
        return view! { <p class="hint">"还没有社区完成投票。"</p> }.into_any();
    }
    let height = rows.len() * 26 + 8;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, pct))| {
            let y = i * 26 + 4;
            let width = 160.0 * pct.num as f64 / pct.den as f64;
            view! {
                <g>
                    <text x="0" y=y + 16 font-size="12">{label}</text>
                    <rect x="150" y=y + 4 width=format!("{width:.1}") height="16" fill="#b71c1c"></rect>
                    <text x=format!("{:.1}", 156.0 + width) y=y + 16 font-size="12">{a.rounding.percent(pct)}</text>
                </g>
            }
        })
        .collect_view();
    view! { <svg class="chart" viewBox=format!("0 0 380 {height}") role="img" aria-label="各社区参选率">{bars}</svg> }
        .into_any()
}

#[component]
pub fn OfficeStatistics() -> impl IntoView {
    let (_, agg) = use_aggregate();
    move || match agg.get() {
        None => view! { <p class="card">"还没有接收任何社区的文件。"</p> }.into_any(),
        Some(a) => {
            let s = &a.structure;
            let shares = vec![
                ("女性", s.women),
                ("中共党员", s.party_members),
                ("少数民族", s.minorities),
                ("大专以上", s.college),
                ("29岁及以下", s.age_29_and_under),
                ("30-49岁", s.age_30_to_49),
                ("50岁及以上", s.age_50_and_over),
                ("连选连任", s.re_elected),
                ("一肩挑", s.one_shoulder),
                ("交叉任职", s.cross_holding),
            ];
            let rows = shares
                .iter()
                .map(|(label, p)| view! { <tr><td>{*label}</td><td>{p.num}</td><td>{a.rounding.percent(*p)}</td></tr> })
                .collect_view();
            view! {
                <section class="card">
                    <h2>"新一届“两委”成员结构"</h2>
                    <div class="figures-grid">
                        {figure("成员人数（交叉任职计一人）", s.persons.to_string(), "office-persons")}
                        {figure("平均年龄", s.average_age.to_string(), "office-age")}
                        {figure("最小年龄", s.youngest.map(|y| y.to_string()).unwrap_or("—".into()), "office-youngest")}
                    </div>
                    {share_chart(shares.clone(), a.rounding)}
                    <table class="table">
                        <thead><tr><th>"项目"</th><th>"人数"</th><th>"比例"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p class="hint">{a.rounding_note}</p>
                </section>
                <section class="card">
                    <h2>"按职务"</h2>
                    <table class="table" data-testid="office-posts">
                        <tbody>
                            {[("党组织书记", s.posts.secretary), ("党组织副书记", s.posts.deputy_secretary), ("党组织委员", s.posts.party_committee_member),
                              ("主任", s.posts.director), ("副主任", s.posts.deputy_director), ("委员", s.posts.member), ("妇女委员", s.posts.women_member)]
                                .map(|(label, n)| view! { <tr><td>{label}</td><td>{n}</td></tr> })}
                        </tbody>
                    </table>
                </section>
                <section class="card">
                    <h2>"各街道"</h2>
                    <table class="table" data-testid="office-streets">
                        <thead><tr><th>"街道"</th><th>"完成"</th><th>"成员"</th><th>"女性"</th><th>"党员"</th><th>"平均年龄"</th></tr></thead>
                        <tbody>
                            {a.streets.iter().map(|r| structure_row(&r.street, format!("{}/{}", r.progress.elected.num, r.progress.communities), &r.structure, a.rounding)).collect_view()}
                        </tbody>
                    </table>
                </section>
                <section class="card">
                    <h2>"各社区"</h2>
                    <table class="table" data-testid="office-communities">
                        <thead><tr><th>"社区"</th><th>"一肩挑"</th><th>"成员"</th><th>"女性"</th><th>"党员"</th><th>"平均年龄"</th></tr></thead>
                        <tbody>
                            {a.communities.iter().map(|c| structure_row(&c.name, a.rounding.percent(c.structure.one_shoulder), &c.structure, a.rounding)).collect_view()}
                        </tbody>
                    </table>
                </section>
                <section class="card">
                    <h2>"与上届比较"</h2>
                    {if a.comparison.communities == 0 {
                        view! { <p class="hint">"还没有可比较的上届数据。"</p> }.into_any()
                    } else {
                        view! {
                            <ul data-testid="office-comparison">
                                <li>{a.comparison.average_age_text.clone()}</li>
                                {a.comparison.rows.iter().map(|r| view! { <li>{r.text.clone()}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
            .into_any()
        }
    }
}

#[component]
pub fn OfficeWorkReport() -> impl IntoView {
    let (state, agg) = use_aggregate();
    let copied = RwSignal::new(None::<Result<(), String>>);
    view! {
        <RoundingChoice state />
        {move || match agg.get() {
        None => view! { <p class="card">"还没有接收任何社区的文件。"</p> }.into_any(),
        Some(a) => {
            let text = report::overall_paragraph(&a);
            let for_copy = text.clone();
            let copy = move |_| {
                let t = for_copy.clone();
                spawn_local(async move { copied.set(Some(files::copy_text(&t).await)) });
            };
            let tables = report::csv_tables(&a);
            let downloads = tables
                .into_iter()
                .map(|(name, csv)| {
                    let label = format!("导出 {name}");
                    view! { <button class="btn secondary small" on:click=move |_| { let _ = files::download_as(&name, &csv, "text/csv"); }>{label}</button> }
                })
                .collect_view();
            view! {
                <section class="card">
                    <h2>"一、总体情况"</h2>
                    <p class="report-text" data-testid="office-paragraph">{text}</p>
                    <div class="actions">
                        <button class="btn" on:click=copy>"复制这段文字"</button>
                        {downloads}
                    </div>
                    {move || copied.get().map(|r| match r {
                        Ok(()) => view! { <p class="ok" role="status">"已复制。"</p> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    })}
                </section>
            }
            .into_any()
        }
    }}
    }
}

/// 百分比: the office chooses once how every percentage is printed (decimals, rounding or
/// truncation); the paragraph, the tables and the files follow, and say which rule they used.
#[component]
fn RoundingChoice(state: OfficeState) -> impl IntoView {
    let said = RwSignal::new(None::<String>);
    let set = move |r: Rounding| {
        state.rounding.set(r);
        said.set(crate::platform::prefs::save(ROUNDING_KEY, &r).err());
    };
    let decimals = move |ev: leptos::ev::Event| {
        let n = event_target_value(&ev).parse().unwrap_or(1);
        set(Rounding::new(n, state.rounding.get_untracked().truncate));
    };
    let truncate = move |ev: leptos::ev::Event| {
        set(Rounding::new(state.rounding.get_untracked().decimals, event_target_value(&ev) == "truncate"));
    };
    view! {
        <section class="card" data-testid="office-rounding">
            <h2>"百分比"</h2>
            <label>"小数位数"
                <select on:change=decimals>
                    {[(0, "取整数"), (1, "保留一位小数"), (2, "保留两位小数")].map(|(n, label)| view! {
                        <option value=n.to_string() selected=move || state.rounding.get().decimals == n>{label}</option>
                    })}
                </select>
            </label>
            <label>"尾数"
                <select on:change=truncate>
                    {[("round", "四舍五入", false), ("truncate", "舍去", true)].map(|(value, label, cut)| view! {
                        <option value=value selected=move || state.rounding.get().truncate == cut>{label}</option>
                    })}
                </select>
            </label>
            <p class="hint" data-testid="office-rounding-note">{move || state.rounding.get().note()}</p>
            {move || said.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
