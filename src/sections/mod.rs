//! Article sections with their headings.

use article_model::Section;
use leptos::prelude::*;

use crate::article::BlockList;

#[component]
pub fn SectionList(sections: Vec<Section>) -> impl IntoView {
    sections
        .into_iter()
        .map(|section| view! { <ArticleSection section /> })
        .collect_view()
}

#[component]
fn ArticleSection(section: Section) -> impl IntoView {
    let heading_id = format!("{}-heading", section.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="aw-section" id=section.id aria-labelledby=labelled_by>
            <h3 class="aw-section__heading" id=heading_id>{section.heading}</h3>
            <div class="aw-section__panel">
                <BlockList blocks=section.blocks />
            </div>
        </section>
    }
}
