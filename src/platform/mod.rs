//! Browser glue: storage, files, sharing. Everything here only stores and moves data; the
//! decisions are made in huanjie-core.
pub mod files;
pub mod prefs;
pub mod store;

/// Today's date on this device's clock (for age and deadline checks made in the core).
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// Give the browser a turn (paint, input) between steps of a long task.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
