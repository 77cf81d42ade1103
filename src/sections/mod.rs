//! Article sections as an accordion (WAI-ARIA Authoring Practices): each
//! heading holds a button that shows or hides the section's panel. Deep links
//! (`#section-id`), find-in-page and printing all open what they need.
//!
//! Here the list and its "Expand all" control; their state in
//! `use_sections`, which sections are open in `disclosures`, rendering in
//! chunks in `chunks`, one section in `section`, deep links and
//! find-in-page in their own modules.

mod chunks;
mod deep_link;
mod disclosures;
mod find_in_page;
mod section;
mod use_sections;

use std::sync::Arc;

use article_model::Article;
use leptos::html::Div;
use leptos::prelude::*;

use crate::context::WidgetContext;
use chunks::CHUNK;
use disclosures::Disclosures;
use section::ArticleSection;
use use_sections::{use_sections, UseSections};

/// The article's sections, with the control that opens or closes them all.
#[component]
pub fn SectionList(
    /// The article whose sections these are (shared, not copied: each
    /// section is cloned once, when its chunk renders).
    article: Arc<Article>,
) -> impl IntoView {
    let list = NodeRef::<Div>::new();
    let UseSections {
        disclosures,
        chunks,
        announcement,
    } = use_sections(&article, list);
    let total = article.sections.len();

    view! {
        <div class="aw-sections">
            {(total > 1).then(|| view! { <BulkToggle disclosures /> })}
            <div class="aw-sections__list" node_ref=list>
                {(0..chunks.total())
                    .map(|chunk| {
                        // Chunks only ever join the page, in order, so each is a
                        // slot that fills once (no keyed list to diff).
                        let shown = Memo::new(move |_| chunks.is_shown(chunk));
                        let article = article.clone();
                        move || shown.get().then(|| view! {
                            <div class="aw-sections__chunk">
                                {article
                                    .sections
                                    .iter()
                                    .enumerate()
                                    .skip(chunk * CHUNK)
                                    .take(CHUNK)
                                    .map(|(index, section)| {
                                        let expanded = disclosures.expanded(index);
                                        view! { <ArticleSection section=section.clone() index expanded /> }
                                    })
                                    .collect_view()}
                            </div>
                        })
                    })
                    .collect_view()}
            </div>
            <p class="aw-visually-hidden" role="status">{announcement}</p>
        </div>
    }
}

/// "Expand all" while any section is closed, "Collapse all" once all are open.
#[component]
fn BulkToggle(disclosures: Disclosures) -> impl IntoView {
    let m = WidgetContext::get().messages;
    let action = move || disclosures.tally.get().bulk_action();
    view! {
        <div class="aw-sections__toolbar">
            <button
                type="button"
                class="aw-sections__all"
                // Prerendered: not ready until the widget is live.
                disabled=cfg!(feature = "ssr")
                on:click=move |_| disclosures.set_all(action().expands())
            >
                {move || if action().expands() { m.sections_expand_all } else { m.sections_collapse_all }}
            </button>
        </div>
    }
}
