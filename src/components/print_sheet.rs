//! One printable A4 (or A3) sheet (notice, list, result sheet, certificate). Its 打印 button prints this
//! sheet alone: the sheet is marked until `afterprint`, and the print stylesheet leaves out the rest.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

#[component]
pub fn PrintSheet(
    /// Heading printed at the top of the sheet.
    #[prop(into)]
    title: Signal<String>,
    /// `data-testid` of the sheet, for tests.
    #[prop(optional, into)]
    testid: String,
    /// Printed on A3 instead of A4 (a ballot with a long list).
    #[prop(optional)]
    a3: bool,
    children: Children,
) -> impl IntoView {
    let sheet = NodeRef::<leptos::html::Section>::new();
    let print = move |_| {
        let Some(el) = sheet.get_untracked() else { return };
        let el: web_sys::Element = el.unchecked_into();
        let Some(w) = web_sys::window() else { return };
        // The mark stays until the browser says printing is over: on phones print() returns before
        // the page is laid out for paper, so taking the mark off right after would print the app.
        // A sheet whose printing never reported its end must not print along with this one.
        if let Some(doc) = w.document() {
            while let Ok(Some(other)) = doc.query_selector(".print-sheet[data-print]") {
                let _ = other.remove_attribute("data-print");
            }
        }
        let _ = el.set_attribute("data-print", "");
        let unmark = Closure::once_into_js(move || {
            let _ = el.remove_attribute("data-print");
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
            "afterprint",
            unmark.unchecked_ref(),
            &options,
        );
        let _ = w.print();
    };
    view! {
        <section class="print-sheet" class:a3=a3 node_ref=sheet data-testid=testid>
            <div class="actions no-print">
                <button type="button" class="btn secondary" on:click=print>"打印"</button>
            </div>
            <h2 class="sheet-title">{move || title.get()}</h2>
            {children()}
        </section>
    }
}
