//! Element ids unique on the page. Live widgets: every poll, section list
//! and carousel of every widget takes its number from the one counter here,
//! so no two parts of any two widgets on a page share an id. Prerendered
//! widgets (`ssr`): ids stable for the same document (a hash of its source),
//! never the same as a live widget's or another prerendered widget's.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

thread_local! {
    /// The id prefix and counter of the widget being rendered.
    static IDS: RefCell<(Arc<str>, u32)> = RefCell::new((Arc::from("awp"), 0));
    static NUMBERS: Cell<usize> = const { Cell::new(0) };
}

/// The prefix of this widget's element ids: `awp` and a hash of its source,
/// so the same document always gets the same ids and two prerendered widgets
/// on one page never share one.
pub(crate) fn id_prefix() -> Arc<str> {
    IDS.with(|ids| ids.borrow().0.clone())
}

/// `awp1a2b3c4d-poll1`, … in rendering order.
pub(crate) fn next_id(kind: &str) -> String {
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        ids.1 += 1;
        format!("{}-{kind}{}", ids.0, ids.1)
    })
}

/// A number unique within the widget being rendered, high enough never to
/// meet a live widget's.
pub(crate) fn next_number() -> usize {
    NUMBERS.with(|n| {
        n.set(n.get() + 1);
        1_000_000 + n.get()
    })
}

#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn fnv1a(parts: &[&str]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    hash
}

/// Starts the ids of a new widget, named after its source.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub(crate) fn start_widget(src: &str, item: Option<&str>) {
    let prefix = format!("awp{:08x}", fnv1a(&[src, item.unwrap_or("")]));
    IDS.with(|ids| *ids.borrow_mut() = (Arc::from(prefix), 0));
    NUMBERS.with(|n| n.set(0));
}

static NEXT: AtomicU32 = AtomicU32::new(1);

/// A number no other part of any widget on this page has been given.
pub fn next_instance_number() -> u32 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}
