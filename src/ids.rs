//! Element ids unique on the page: every poll, section list and carousel of
//! every widget takes its number from the one counter here, so no two parts
//! of any two widgets on a page share an id.

use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(1);

/// A number no other part of any widget on this page has been given.
pub fn next_instance_number() -> u32 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}
