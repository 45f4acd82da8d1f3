use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section>
            <h1>"找不到这个页面"</h1>
            <p>"链接可能已经过期。"</p>
            <A href="/" attr:class="btn">"回到工作台"</A>
        </section>
    }
}
