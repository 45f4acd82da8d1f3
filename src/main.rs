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
}
