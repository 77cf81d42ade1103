//! Stable anchors for sections: `"Iraq Initiates Talks"` → `iraq-initiates-talks`.

use std::collections::HashSet;

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

/// Hands out unique ids: `taken` holds ids already claimed by the document.
#[derive(Default)]
pub struct UniqueIds {
    taken: HashSet<String>,
}

impl UniqueIds {
    pub fn claim(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_owned())
    }

    /// `base`, or `base-2`, `base-3`, ... whichever is free first.
    pub fn derive(&mut self, base: &str) -> String {
        let mut candidate = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
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
}
