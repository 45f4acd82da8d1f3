//! 信访台账: every complaint with its received date, deadline, handler and answer (件件有回音);
//! overdue cases stand out. The status is decided by the core (`Complaint::status`).

use crate::components::form::{date, record_all, Outcome};
use crate::platform;
use crate::session::Session;
use huanjie_core::record::events::{ComplaintAnswered, ComplaintLogged, EventBody};
use huanjie_core::record::state::ComplaintStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Complaints() -> impl IntoView {
    let session = expect_context::<Session>();
    let today = platform::today();
    let from = RwSignal::new(String::new());
    let channel = RwSignal::new("来访".to_string());
    let summary = RwSignal::new(String::new());
    let received = RwSignal::new(today.to_string());
    let due = RwSignal::new(String::new());
    let handler = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);

    let log = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(received_on), Some(due_on)) = (date(&received.get_untracked()), date(&due.get_untracked())) else {
            return message.set(Some(Err("请填写收到日期和办理期限。".into())));
        };
        if due_on < received_on {
            return message.set(Some(Err("办理期限不能早于收到日期。".into())));
        }
        if summary.get_untracked().trim().is_empty() || from.get_untracked().trim().is_empty() {
            return message.set(Some(Err("请填写来信来访人和事由。".into())));
        }
        let body = EventBody::ComplaintLogged(ComplaintLogged {
            complaint: format!("{}-c{}", session.device_code().unwrap_or_default(), js_sys::Date::now() as u64),
            received_on,
            from: from.get_untracked().trim().into(),
            channel: channel.get_untracked(),
            summary: summary.get_untracked().trim().into(),
            due_on,
            handler: handler.get_untracked().trim().into(),
        });
        record_all(session, vec![body], message, "已登记。".into(), move || {
            from.set(String::new());
            summary.set(String::new());
        });
    };

    let cases = move || {
        session
            .with_state(|s| {
                let mut list: Vec<_> = s.complaints.values().map(|c| (c.clone(), c.status(today))).collect();
                // Overdue first, then by deadline: what needs doing comes first.
                list.sort_by_key(|(c, st)| {
                    (!matches!(st, ComplaintStatus::Overdue { .. }), c.answer.is_some(), c.logged.due_on)
                });
                list
            })
            .unwrap_or_default()
    };

    view! {
        <section class="card">
            <h2>"登记来信来访"</h2>
            <form class="form" on:submit=log>
                <label>"来信来访人"<input prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) /></label>
                <label>"方式"
                    <select on:change=move |ev| channel.set(event_target_value(&ev))>
                        {["来访", "来信", "电话", "网上"].map(|c| view! { <option value=c>{c}</option> })}
                    </select>
                </label>
                <label>"事由"<textarea prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea></label>
                <label>"收到日期"<input type="date" prop:value=move || received.get() on:input=move |ev| received.set(event_target_value(&ev)) /></label>
                <label>"办理期限"<input type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev)) /></label>
                <label>"承办人"<input prop:value=move || handler.get() on:input=move |ev| handler.set(event_target_value(&ev)) /></label>
                <button class="btn" type="submit">"登记"</button>
            </form>
            <Outcome said=message />
        </section>
        <section class="card">
            <h2>"台账"</h2>
            <ul class="ledger" data-testid="complaints">
                {move || cases().into_iter().map(|(c, status)| view! { <Case complaint=c status=status /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Case(complaint: huanjie_core::record::state::Complaint, status: ComplaintStatus) -> impl IntoView {
    let session = expect_context::<Session>();
    let answer = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = complaint.logged.complaint.clone();
    let reply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = answer.get_untracked().trim().to_string();
        if text.is_empty() {
            return error.set(Some("请填写答复内容。".into()));
        }
        let body = EventBody::ComplaintAnswered(ComplaintAnswered {
            complaint: id.clone(),
            answered_on: platform::today(),
            answer: text,
        });
        spawn_local(async move {
            if let Err(e) = session.record(body).await {
                error.set(Some(e));
            }
        });
    };
    let class = match status {
        ComplaintStatus::Overdue { .. } => "case overdue",
        ComplaintStatus::Answered | ComplaintStatus::AnsweredLate => "case done",
        _ => "case",
    };
    let l = complaint.logged;
    view! {
        <li class=class>
            <div><b>{l.from}</b>"（"{l.channel}"）"{l.summary}</div>
            <div class="hint">"收到 "{l.received_on.to_string()}" · 期限 "{l.due_on.to_string()}" · 承办人 "{l.handler}</div>
            <div class="status">{status.zh()}</div>
            {match complaint.answer {
                Some(a) => view! { <div class="answer">"答复（"{a.answered_on.to_string()}"）："{a.answer}</div> }.into_any(),
                None => view! {
                    <form class="reply" on:submit=reply>
                        <input aria-label="答复内容" placeholder="答复内容" prop:value=move || answer.get() on:input=move |ev| answer.set(event_target_value(&ev)) />
                        <button class="btn small" type="submit">"答复"</button>
                    </form>
                }.into_any(),
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </li>
    }
}
