//! Stable anchors for sections: `"Iraq Initiates Talks"` → `iraq-initiates-talks`.

use std::collections::{HashMap, HashSet};

const MAX_SLUG_CHARS: usize = 64;

/// Lower-cases letters and digits (any script) and joins runs of anything
/// else with one hyphen.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
        if slug.chars().count() >= MAX_SLUG_CHARS {
            break;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Hands out unique ids: `taken` holds every id claimed or derived so far.
#[derive(Default)]
pub struct UniqueIds {
    taken: HashSet<String>,
    /// For each base that has been derived from, the suffix to try next, so
    /// a thousand sections called "Notes" do not probe `notes-2`, `notes-3`,
    /// ... from the start each time. Ids only ever join `taken`, so the
    /// suffixes below this one are all taken already: each `base-n` is
    /// probed at most once, and deriving stays linear.
    next_suffix: HashMap<String, usize>,
}

impl UniqueIds {
    pub fn claim(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_owned())
    }

    /// `base`, or `base-2`, `base-3`, ... whichever is free first.
    pub fn derive(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let next = self.next_suffix.entry(base.to_owned()).or_insert(2);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Iraq Initiates Talks"), "iraq-initiates-talks");
        assert_eq!(
            slugify("Criminal Strains: Cliffhangers of US Withdrawal"),
            "criminal-strains-cliffhangers-of-us-withdrawal"
        );
        assert_eq!(slugify("  --Hello,   World!--  "), "hello-world");
        assert_eq!(
            slugify("<script>alert(1)</script>"),
            "script-alert-1-script"
        );
        assert_eq!(
            slugify("العراق والولايات المتحدة"),
            "العراق-والولايات-المتحدة"
        );
        assert_eq!(slugify("!!!"), "section");
        assert_eq!(slugify(&"a".repeat(500)).len(), MAX_SLUG_CHARS);
    }

    #[test]
    fn derived_ids_avoid_taken_ones() {
        let mut ids = UniqueIds::default();
        assert!(ids.claim("intro-2"));
        assert_eq!(ids.derive("intro"), "intro");
        assert_eq!(ids.derive("intro"), "intro-3");
        assert!(!ids.claim("intro"));
    }

    #[test]
    fn derived_ids_skip_given_and_earlier_derived_ones() {
        let mut ids = UniqueIds::default();
        assert!(ids.claim("notes-3"));
        let derived: Vec<String> = (0..5).map(|_| ids.derive("notes")).collect();
        assert_eq!(
            derived,
            ["notes", "notes-2", "notes-4", "notes-5", "notes-6"]
        );
        // A heading whose slug is itself a derived id gets its own suffix.
        assert_eq!(ids.derive("notes-2"), "notes-2-2");
        assert_eq!(ids.derive("notes"), "notes-7");
    }

    #[test]
    fn deriving_many_equal_ids_is_linear() {
        let mut ids = UniqueIds::default();
        let last = (0..200_000).map(|_| ids.derive("a")).last();
        assert_eq!(last.as_deref(), Some("a-200000"));
    }
}
