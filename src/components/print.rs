//! Paper: an A4 sheet (notices, result sheets, certificates) that prints without the app's
//! frame, with the issuing body, date and signature lines the process requires.

use leptos::prelude::*;

#[component]
pub fn PrintButton(#[prop(default = "打印")] label: &'static str) -> impl IntoView {
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! { <button class="btn secondary no-print" on:click=print>{label}</button> }
}

/// One A4 page. `issuer` signs at the bottom right (e.g. "幸福里社区居民选举委员会").
#[component]
pub fn Sheet(
    title: String,
    issuer: String,
    /// Date line under the issuer, already formatted ("2026年5月18日").
    date: String,
    /// Roles that sign by hand, e.g. ["总监票人", "计票人", "主持人"].
    #[prop(optional)]
    signers: Vec<&'static str>,
    children: Children,
) -> impl IntoView {
    let signature_lines = (!signers.is_empty()).then(|| {
        let lines = signers
            .into_iter()
            .map(|role| view! { <span class="signer">{role}"（签字）：＿＿＿＿＿＿"</span> })
            .collect_view();
        view! { <div class="signers">{lines}</div> }
    });
    view! {
        <article class="sheet">
            <h1 class="sheet-title">{title}</h1>
            <div class="sheet-body">{children()}</div>
            {signature_lines}
            <div class="sheet-issuer">
                <div>{issuer}</div>
                <div>{date}</div>
            </div>
        </article>
    }
}
