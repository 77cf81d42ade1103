//! Which sections are open: one signal per section, so toggling one
//! re-renders that one only, and a running tally for "Expand all".

use article_model::events::{ToggleCause, WidgetEvent};
use article_model::sections::OpenTally;
use article_model::Section;
use leptos::prelude::*;

use crate::events::WidgetEvents;

/// Whether each section is open: one signal per section, and a tally of
/// the open ones for the "Expand all / Collapse all" control.
#[derive(Clone, Copy)]
pub struct Disclosures {
    expanded: StoredValue<Vec<RwSignal<bool>>>,
    pub tally: RwSignal<OpenTally>,
    /// Each section's id, for the `section-toggle` event.
    ids: StoredValue<Vec<String>>,
    events: WidgetEvents,
}

impl Disclosures {
    pub fn new(states: &[bool], sections: &[Section]) -> Self {
        Disclosures {
            expanded: StoredValue::new(states.iter().map(|&s| RwSignal::new(s)).collect()),
            tally: RwSignal::new(OpenTally::new(states)),
            ids: StoredValue::new(sections.iter().map(|s| s.id.clone()).collect()),
            events: WidgetEvents::get(),
        }
    }

    /// Tells the host page that the section at `index` opened or closed.
    pub fn tell(&self, index: usize, open: bool, by: ToggleCause) {
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
    pub fn expanded(&self, index: usize) -> RwSignal<bool> {
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
