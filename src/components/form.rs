//! Small pieces every form uses: the outcome line (saved / why not), dates from date inputs,
//! and recording events with the outcome shown.

use crate::session::Session;
use chrono::NaiveDate;
use huanjie_core::record::events::EventBody;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last action said: Ok = saved (role=status), Err = why nothing changed (role=alert).
pub type Said = RwSignal<Option<Result<String, String>>>;

pub fn said() -> Said {
    RwSignal::new(None)
}

#[component]
pub fn Outcome(said: Said) -> impl IntoView {
    move || {
        said.get().map(|m| match m {
            Ok(t) => view! { <p class="ok" role="status">{t}</p> }.into_any(),
            Err(t) => view! { <p class="error" role="alert">{t}</p> }.into_any(),
        })
    }
}

/// The value of an `<input type="date">`.
pub fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The one Chinese date format (2026年5月9日), from the core.
pub use huanjie_core::base::zh::date as zh_date;

/// Record `bodies` in order; show `ok` when all are saved, else the storage's reason (events
/// saved before a failure stay saved and are shown by the state).
pub fn record_all(session: Session, bodies: Vec<EventBody>, said: Said, ok: String, then: impl FnOnce() + 'static) {
    spawn_local(async move {
        for body in bodies {
            if let Err(e) = session.record(body).await {
                return said.set(Some(Err(e)));
            }
        }
        said.set(Some(Ok(ok)));
        then();
    });
}

/// Record one event and show `ok`, or why it was refused.
pub fn record(session: Session, body: EventBody, said: Said, ok: String) {
    record_all(session, vec![body], said, ok, || {});
}

/// A fresh id for something this device creates (objection, round, ballot...): device code,
/// time and a counter, so two taps in the same millisecond still get two ids.
pub fn new_id(session: Session, prefix: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{prefix}{}-{n}", session.device_code().unwrap_or_default(), js_sys::Date::now() as u64)
}
