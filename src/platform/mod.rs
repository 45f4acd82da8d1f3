//! Browser glue: storage, files, sharing. Everything here only stores and moves data; the
//! decisions are made in huanjie-core.
pub mod files;
pub mod prefs;
pub mod store;

/// Today, as every check in the core reckons it: China's calendar day (UTC+8, `zh::china_day`)
/// at this device's clock, whatever zone the phone is set to. The only place the app asks what day it is.
pub fn today() -> chrono::NaiveDate {
    huanjie_core::base::zh::china_day(js_sys::Date::now() as i64)
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
