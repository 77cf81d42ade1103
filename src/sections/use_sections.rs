//! `use_sections`: the state of an article's sections: which are open
//! (from the options, a deep link or the prerendered page), the element ids
//! every section shares, rendering in chunks, deep links and find-in-page.

use std::sync::Arc;

use article_model::events::ToggleCause;
use article_model::sections::{initial_states, initially_expanded, SectionAnchors};
use article_model::Article;
use leptos::html::Div;
use leptos::prelude::*;

use super::chunks::RenderedChunks;
use super::disclosures::Disclosures;
use super::{deep_link, find_in_page};
use crate::context::WidgetContext;

/// With more sections than this, panels are labelled groups rather than
/// region landmarks, so screen-reader landmark lists stay short (APG advice).
const MAX_REGION_PANELS: usize = 6;

/// What every section of one widget shares.
#[derive(Clone)]
pub struct SectionsContext {
    pub disclosures: Disclosures,
    /// Prefix of this widget's element ids, so several widgets never clash.
    pub id_prefix: Arc<str>,
    /// The `hidden` value of a collapsed panel: `until-found` where find-in-page
    /// can open it, plain `hidden` elsewhere.
    pub hidden_value: &'static str,
    /// Panels are region landmarks (few sections) or groups (many).
    pub panel_role: &'static str,
    /// Text for the widget's polite live region.
    pub announce: RwSignal<String>,
}

impl SectionsContext {
    /// The context of the section list being rendered (`WidgetContext::get`
    /// says why not `expect_context`).
    pub fn get() -> SectionsContext {
        use_context().expect("rendered inside a SectionList")
    }

    pub fn element_id(&self, index: usize, part: &str) -> String {
        format!("{}-section-{index}-{part}", self.id_prefix)
    }
}

/// `aw1`, `aw4`, ...: a new prefix for each widget on the page.
fn next_id_prefix() -> Arc<str> {
    format!("aw{}", crate::ids::next_instance_number()).into()
}

pub struct UseSections {
    pub disclosures: Disclosures,
    pub chunks: RenderedChunks,
    /// What the sections' polite live region says.
    pub announcement: RwSignal<String>,
}

/// The sections of `article`, rendered into `list`. Provides the
/// [`SectionsContext`] each section reads.
pub fn use_sections(article: &Article, list: NodeRef<Div>) -> UseSections {
    let sections = &article.sections;
    let options = WidgetContext::get().options;
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
    let announcement = RwSignal::new(String::new());
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
        announce: announcement,
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
    if !prerender {
        deep_link::follow(anchors, disclosures, chunks, list, linked);
    }
    UseSections {
        disclosures,
        chunks,
        announcement,
    }
}
