//! Article sections as an accordion (WAI-ARIA Authoring Practices): each
//! heading holds a button that shows or hides the section's panel. Deep links
//! (`#section-id`), find-in-page and printing all open what they need.
//!
//! Every section has its own signal, so toggling one re-renders that one only;
//! the "Expand all" control reads a running tally, never the whole list.
//! Long articles render in chunks: the first at once, the rest one per task,
//! so the reader sees the top of the article without waiting for the end.

mod deep_link;
mod find_in_page;
mod section;

use std::sync::Arc;
use std::time::Duration;

use article_model::events::{ToggleCause, WidgetEvent};
use article_model::sections::{initial_states, initially_expanded, OpenTally, SectionAnchors};
use article_model::Section;
use leptos::html::Div;
use leptos::prelude::*;

use crate::context::WidgetContext;
use crate::events::WidgetEvents;
use section::ArticleSection;

/// With more sections than this, panels are labelled groups rather than
/// region landmarks, so screen-reader landmark lists stay short (APG advice).
const MAX_REGION_PANELS: usize = 6;

/// Sections per chunk. A chunk is rendered in one go, and is one box for
/// layout: opening a section re-lays out its chunk and the list of chunks,
/// never every section of a long article.
const CHUNK: usize = 100;

/// Whether each section is open: one signal per section, and a tally of
/// the open ones for the "Expand all / Collapse all" control.
#[derive(Clone, Copy)]
pub(crate) struct Disclosures {
    expanded: StoredValue<Vec<RwSignal<bool>>>,
    tally: RwSignal<OpenTally>,
    /// Each section's id, for the `section-toggle` event.
    ids: StoredValue<Vec<String>>,
    events: WidgetEvents,
}

impl Disclosures {
    fn new(states: &[bool], sections: &[Section]) -> Self {
        Disclosures {
            expanded: StoredValue::new(states.iter().map(|&s| RwSignal::new(s)).collect()),
            tally: RwSignal::new(OpenTally::new(states)),
            ids: StoredValue::new(sections.iter().map(|s| s.id.clone()).collect()),
            events: WidgetEvents::get(),
        }
    }

    /// Tells the host page that the section at `index` opened or closed.
    fn tell(&self, index: usize, open: bool, by: ToggleCause) {
        self.ids.with_value(|ids| {
            let event = WidgetEvent::SectionToggle {
                id: &ids[index],
                open,
                by,
            };
            self.events.emit(&event);
        });
    }

    /// The signal of the section at `index`.
    fn expanded(&self, index: usize) -> RwSignal<bool> {
        self.expanded.with_value(|all| all[index])
    }

    /// Opens or closes one section; touches no other section's state.
    pub fn set(&self, index: usize, open: bool, by: ToggleCause) {
        let signal = self.expanded(index);
        let was_open = signal.get_untracked();
        if was_open != open {
            signal.set(open);
            self.tally.update(|tally| tally.record(was_open, open));
            self.tell(index, open, by);
        }
    }

    pub fn toggle(&self, index: usize) {
        self.set(
            index,
            !self.expanded(index).get_untracked(),
            ToggleCause::Reader,
        );
    }

    /// Opens or closes every section (the reader's bulk control or find shortcut).
    pub fn set_all(&self, open: bool) {
        self.expanded.with_value(|all| {
            for (index, signal) in all.iter().enumerate() {
                if signal.get_untracked() != open {
                    signal.set(open);
                    self.tell(index, open, ToggleCause::Reader);
                }
            }
        });
        self.tally.update(|tally| tally.record_all(open));
    }
}

/// How many chunks of sections are in the page; the rest are on their way.
#[derive(Clone, Copy)]
pub(crate) struct RenderedChunks {
    shown: RwSignal<usize>,
    total: usize,
}

impl RenderedChunks {
    /// Renders at least the chunks up to the section at `index`.
    pub fn include(&self, index: usize) {
        let needed = (index / CHUNK + 1).min(self.total);
        self.shown.update(|shown| *shown = (*shown).max(needed));
    }

    /// Adds the next chunk in a new task until all are shown, so the browser
    /// paints and answers the reader between chunks.
    fn render_rest(self) {
        if self
            .shown
            .try_get_untracked()
            .is_some_and(|n| n < self.total)
        {
            set_timeout(
                move || {
                    if self.shown.try_update(|n| *n += 1).is_some() {
                        self.render_rest();
                    }
                },
                Duration::ZERO,
            );
        }
    }
}

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
    /// The document's sections, in reading order.
    sections: Vec<Section>,
) -> impl IntoView {
    let options = expect_context::<WidgetContext>().options;
    let anchors = SectionAnchors::new(&sections);
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
        None => initial_states(&sections, options.sections_collapsed, linked),
    };
    let disclosures = Disclosures::new(&states, &sections);
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
    let chunks = RenderedChunks {
        shown: RwSignal::new(0),
        total: total.div_ceil(CHUNK),
    };
    if prerender || options.open_sections.is_some() {
        // Prerendered markup holds every section, so the live widget that
        // takes it over must too, or the page would get shorter under the reader.
        chunks.include(total.saturating_sub(1));
    } else {
        chunks.include(linked.unwrap_or(0));
        chunks.render_rest();
    }
    // Each chunk's sections, taken out when the chunk renders.
    let pending: Vec<Option<Vec<Section>>> = sections
        .chunks(CHUNK)
        .map(|chunk| Some(chunk.to_vec()))
        .collect();
    let pending = StoredValue::new(pending);

    let list = NodeRef::<Div>::new();
    if !prerender {
        deep_link::follow(anchors, disclosures, chunks, list, linked);
    }

    view! {
        <div class="aw-sections">
            {(total > 1).then(|| view! { <BulkToggle disclosures /> })}
            <div class="aw-sections__list" node_ref=list>
                {(0..chunks.total)
                    .map(|chunk| {
                        // Chunks only ever join the page, in order, so each is a
                        // slot that fills once (no keyed list to diff).
                        let shown = Memo::new(move |_| chunks.shown.get() > chunk);
                        move || shown.get().then(|| view! {
                            <div class="aw-sections__chunk">
                                {pending
                                    .try_update_value(|all| all[chunk].take())
                                    .flatten()
                                    .unwrap_or_default()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(offset, section)| {
                                        let index = chunk * CHUNK + offset;
                                        let expanded = disclosures.expanded(index);
                                        view! { <ArticleSection section index expanded /> }
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

/// The section element at `index`, once its chunk is in the page.
fn section_element(list: &web_sys::HtmlDivElement, index: usize) -> Option<web_sys::Element> {
    list.children()
        .item((index / CHUNK) as u32)?
        .children()
        .item((index % CHUNK) as u32)
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
