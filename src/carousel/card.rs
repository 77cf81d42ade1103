//! One related link as a card: picture, intro line, title, description and
//! source, all inside a single link that opens in a new tab.

use article_model::carousel::source_label;
use article_model::{Image, RelatedItem};
use leptos::prelude::*;

use crate::context::WidgetContext;

#[component]
pub fn RelatedCard(
    /// The link the card stands for.
    item: RelatedItem,
) -> impl IntoView {
    let m = WidgetContext::get().messages;
    let source = source_label(&item).unwrap_or_default().to_owned();
    let media = match item.image {
        Some(image) => view! { <CardImage image /> }.into_any(),
        None => {
            // No picture: the source's first letter keeps the cards in line
            // (capitalised by the stylesheet).
            let initial: String = source.chars().take(1).collect();
            view! {
                <span class="aw-card__media aw-card__media--placeholder" aria-hidden="true">{initial}</span>
            }
            .into_any()
        }
    };
    view! {
        <a class="aw-card" href=item.url target="_blank" rel="noopener noreferrer">
            {media}
            <span class="aw-card__body">
                {item.intro.map(|intro| view! { <span class="aw-card__intro">{intro}</span> })}
                <span class="aw-card__title">{item.title}</span>
                {item.description.map(|text| view! { <span class="aw-card__description">{text}</span> })}
                <span class="aw-card__source">
                    {source}
                    <span class="aw-visually-hidden">" " {m.opens_in_new_tab}</span>
                </span>
            </span>
        </a>
    }
}

/// The card's picture: loaded lazily into a box of fixed proportions, so
/// nothing moves when it arrives.
#[component]
fn CardImage(image: Image) -> impl IntoView {
    view! {
        <span class="aw-card__media">
            <img src=image.src alt=image.alt width=image.width height=image.height
                loading="lazy" decoding="async" />
        </span>
    }
}
