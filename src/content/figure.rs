use article_model::Image;
use leptos::prelude::*;

/// A picture with its caption and credit; width and height reserve its space.
#[component]
pub fn Figure(
    image: Image,
    /// Extra class for the `<figure>`.
    #[prop(optional)]
    class: &'static str,
    /// Load at once (the hero) instead of when near the viewport.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let has_caption = image.caption.is_some() || image.credit.is_some();
    view! {
        <figure class=format!("aw-figure {class}")>
            <img
                src=image.src
                alt=image.alt
                width=image.width
                height=image.height
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
            />
            {has_caption.then(|| view! {
                <figcaption>
                    {image.caption.map(|c| view! { <span class="aw-caption">{c}</span> })}
                    {image.credit.map(|c| view! { " " <span class="aw-credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
