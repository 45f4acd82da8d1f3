//! One printable A4 sheet (notice, list, result sheet, certificate). Its 打印 button prints this
//! sheet alone: the sheet is marked, everything else is hidden by the print stylesheet.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn PrintSheet(
    /// Heading printed at the top of the sheet.
    #[prop(into)]
    title: Signal<String>,
    /// `data-testid` of the sheet, for tests.
    #[prop(optional, into)]
    testid: String,
    children: Children,
) -> impl IntoView {
    let sheet = NodeRef::<leptos::html::Section>::new();
    let print = move |_| {
        let Some(el) = sheet.get_untracked() else { return };
        let el: web_sys::Element = el.unchecked_into();
        let _ = el.set_attribute("data-print", "");
        if let Some(w) = web_sys::window() {
            // print() blocks until the dialog closes, so the mark can go right after.
            let _ = w.print();
        }
        let _ = el.remove_attribute("data-print");
    };
    view! {
        <section class="print-sheet" node_ref=sheet data-testid=testid>
            <div class="actions no-print">
                <button type="button" class="btn secondary" on:click=print>"打印"</button>
            </div>
            <h2 class="sheet-title">{move || title.get()}</h2>
            {children()}
        </section>
    }
}
