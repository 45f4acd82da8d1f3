//! Huanjie (换届助手): the browser app. Mounts the Leptos app; everything else lives in `app`.
mod app;
mod components;
mod nav;
mod pages;
mod platform;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    // The loading screen of index.html has done its work once the app is on screen.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}
