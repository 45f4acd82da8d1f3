//! 准备: the election at a glance and its 行事历, every legal deadline computed from the election
//! day by the preset (huanjie_core::law::calendar), with warnings before one is missed.

use crate::components::form::zh_date;
use crate::platform;
use crate::session::Session;
use huanjie_core::law::calendar::{self, Step};
use huanjie_core::law::rules;
use leptos::prelude::*;

#[component]
pub fn Preparation() -> impl IntoView {
    let session = expect_context::<Session>();
    let today = platform::today();
    let plan = move || {
        session
            .with_state(|s| {
                let d = s.definition.clone()?;
                let preset = rules::preset(&d.rule_preset)?;
                let deadlines = calendar::deadlines(preset, d.election_day);
                // Steps the records show as done.
                let mut done = Vec::new();
                if !s.voter_lists.is_empty() {
                    done.push(Step::VoterListPublished);
                }
                if s.final_list.is_some() {
                    done.push(Step::FinalListPublished);
                }
                let warnings = calendar::warnings(&deadlines, &done, today, 7);
                Some((d, preset, deadlines, done, warnings))
            })
            .flatten()
    };
    move || match plan() {
        None => view! { <p class="card">"还没有选举设置。可在工作台试用示范社区，或导入选委会的选举数据包。"</p> }
            .into_any(),
        Some((d, preset, deadlines, done, warnings)) => view! {
            <section class="card">
                <h2>{d.community.clone()}" · 选举日 "{zh_date(d.election_day)}</h2>
                <p class="hint">"适用规则："{preset.name}"（"{preset.basis}"）"</p>
                <ul class="warnings" data-testid="calendar-warnings">
                    {warnings.iter().map(|w| view! { <li class="warn" role="alert">{w.zh()}</li> }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>"行事历"</h2>
                <table class="table" data-testid="calendar">
                    <thead><tr><th>"事项"</th><th>"最迟日期"</th><th>"依据"</th></tr></thead>
                    <tbody>
                        {deadlines.iter().map(|x| view! {
                            <tr class=if done.contains(&x.step) { "done" } else { "" }>
                                <td>{x.step.zh()}</td>
                                <td>{zh_date(x.by)}</td>
                                <td class="hint">{x.cite.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
        .into_any(),
    }
}
