//! Article sections as an accordion (WAI-ARIA Authoring Practices): each
//! heading holds a button that shows or hides the section's panel. Deep links
//! (`#section-id`), find-in-page and printing all open what they need.
//!
//! Here the list and its "Expand all" control; which sections are open in
//! `disclosures`, rendering in chunks in `chunks`, one section in `section`,
//! deep links and find-in-page in their own modules.

mod chunks;
mod deep_link;
mod disclosures;
mod find_in_page;
mod section;

use std::sync::Arc;

use article_model::events::ToggleCause;
use article_model::sections::{initial_states, initially_expanded, SectionAnchors};
use article_model::Article;
use leptos::html::Div;
use leptos::prelude::*;

use crate::context::WidgetContext;
use chunks::{RenderedChunks, CHUNK};
use disclosures::Disclosures;
use section::ArticleSection;

/// With more sections than this, panels are labelled groups rather than
/// region landmarks, so screen-reader landmark lists stay short (APG advice).
const MAX_REGION_PANELS: usize = 6;

/// What every section of one widget shares.
#[derive(Clone)]
struct SectionsContext {
    disclosures: Disclosures,
    /// Prefix of this widget's element ids, so several widgets never clash.
    id_prefix: Arc<str>,
    /// The `hidden` value of a collapsed panel: `until-found` where find-in-page
    /// can open it, plain `hidden` elsewhere.
    hidden_value: &'static str,
    /// Panels are region landmarks (few sections) or groups (many).
    panel_role: &'static str,
    /// Text for the widget's polite live region.
    announce: WriteSignal<String>,
}

impl SectionsContext {
    fn element_id(&self, index: usize, part: &str) -> String {
        format!("{}-section-{index}-{part}", self.id_prefix)
    }
}

/// `aw1`, `aw4`, ...: a new prefix for each widget on the page.
fn next_id_prefix() -> Arc<str> {
    format!("aw{}", crate::ids::next_instance_number()).into()
}

/// The article's sections, with the control that opens or closes them all.
#[component]
pub fn SectionList(
    /// The article whose sections these are (shared, not copied: each
    /// section is cloned once, when its chunk renders).
    article: Arc<Article>,
) -> impl IntoView {
    let sections = &article.sections;
    let options = expect_context::<WidgetContext>().options;
    let anchors = SectionAnchors::new(sections);
    let prerender = cfg!(feature = "ssr");
    let linked = if prerender {
        None
    } else {
        deep_link::current_fragment().and_then(|f| anchors.find(&f))
    };
    let states = match &options.open_sections {
        // Taking over prerendered markup: what the reader opened there.
        Some(open) => sections
            .iter()
            .enumerate()
            .map(|(i, s)| open.contains(&s.id) || linked == Some(i))
            .collect(),
        None => initial_states(sections, options.sections_collapsed, linked),
    };
    let disclosures = Disclosures::new(&states, sections);
    // A deep link opened a section that would have started closed.
    if let Some(index) =
        linked.filter(|&i| !initially_expanded(sections[i].collapsed, options.sections_collapsed))
    {
        disclosures.tell(index, true, ToggleCause::DeepLink);
    }
    let (announcement, announce) = signal(String::new());
    // Prerendered panels are `until-found`, so find-in-page opens them where the browser can.
    let find_in_page = prerender || find_in_page::supported();
    if !find_in_page {
        find_in_page::open_all_on_find_shortcut(disclosures);
    }
    provide_context(SectionsContext {
        disclosures,
        id_prefix: if prerender {
            crate::ids::id_prefix()
        } else {
            next_id_prefix()
        },
        hidden_value: if find_in_page { "until-found" } else { "" },
        panel_role: if sections.len() <= MAX_REGION_PANELS {
            "region"
        } else {
            "group"
        },
        announce,
    });

    let total = sections.len();
    let chunks = RenderedChunks::new(total);
    if prerender || options.open_sections.is_some() {
        // Prerendered markup holds every section, so the live widget that
        // takes it over must too, or the page would get shorter under the reader.
        chunks.include(total.saturating_sub(1));
    } else {
        chunks.include(linked.unwrap_or(0));
        chunks.render_rest();
    }
    let list = NodeRef::<Div>::new();
    if !prerender {
        deep_link::follow(anchors, disclosures, chunks, list, linked);
    }

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
    let m = expect_context::<WidgetContext>().messages;
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
