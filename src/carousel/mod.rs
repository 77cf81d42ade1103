//! Related links ("More from Around the Web"). For now: a plain list of link cards.

use article_model::Related;
use leptos::prelude::*;

use crate::article::WidgetContext;

#[component]
pub fn RelatedLinks(related: Related) -> impl IntoView {
    let m = expect_context::<WidgetContext>().messages;
    (!related.items.is_empty()).then(|| {
        let title = related.title.unwrap_or_else(|| m.related_default_title.to_owned());
        let label = title.clone();
        view! {
            <section class="aw-related" aria-label=label>
                <h3 class="aw-related__title">{title}</h3>
                <ul class="aw-related__list">
                    {related.items.into_iter().map(|item| view! {
                        <li class="aw-related__item">
                            {item.intro.map(|intro| view! { <p class="aw-related__intro">{intro}</p> })}
                            <a href=item.url rel="noopener noreferrer">{item.title}</a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
