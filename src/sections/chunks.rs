//! Long articles render in chunks: the first at once (or up to a linked
//! section), the rest one per task, so the reader sees the top of the
//! article without waiting for the end.

use std::time::Duration;

use leptos::prelude::*;

/// Sections per chunk. A chunk is rendered in one go, and is one box for
/// layout: opening a section re-lays out its chunk and the list of chunks,
/// never every section of a long article.
pub const CHUNK: usize = 100;

/// How many chunks of sections are in the page; the rest are on their way.
#[derive(Clone, Copy)]
pub struct RenderedChunks {
    shown: RwSignal<usize>,
    total: usize,
}

impl RenderedChunks {
    /// None shown yet, for a list of `sections` sections.
    pub fn new(sections: usize) -> Self {
        RenderedChunks {
            shown: RwSignal::new(0),
            total: sections.div_ceil(CHUNK),
        }
    }

    /// How many chunks the list has, shown or not.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether the chunk `chunk` is in the page (tracked).
    pub fn is_shown(&self, chunk: usize) -> bool {
        self.shown.get() > chunk
    }

    /// Renders at least the chunks up to the section at `index`.
    pub fn include(&self, index: usize) {
        let needed = (index / CHUNK + 1).min(self.total);
        self.shown.update(|shown| *shown = (*shown).max(needed));
    }

    /// Adds the next chunk in a new task until all are shown, so the browser
    /// paints and answers the reader between chunks.
    pub fn render_rest(self) {
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

/// The section element at `index`, once its chunk is in the page.
pub fn section_element(list: &web_sys::HtmlDivElement, index: usize) -> Option<web_sys::Element> {
    list.children()
        .item((index / CHUNK) as u32)?
        .children()
        .item((index % CHUNK) as u32)
}
