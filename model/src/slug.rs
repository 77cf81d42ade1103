//! Stable anchors for sections: `"Iraq Initiates Talks"` → `iraq-initiates-talks`.

use std::collections::{HashMap, HashSet};

const MAX_SLUG_CHARS: usize = 64;

/// Keeps letters and digits (any script), lower-cased where `lower` knows
/// how, and joins runs of anything else with one hyphen.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(lower(c));
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

/// Upper-case letters, as runs of code points: a block `Shift`ed by a fixed
/// distance from its lower case, or letters that `Alternate` with theirs
/// (the run's first code point and every second one after it are upper case,
/// each followed by its lower case).
enum Run {
    Shift(i32),
    Alternate,
}

/// Latin (with its extensions for European languages, Vietnamese and
/// pinyin), Greek, Cyrillic, Armenian and fullwidth Latin. Unicode's full
/// case tables would cost the WebAssembly bundle 8 KB gzip; a letter outside
/// these runs keeps its case (the widget and the server still agree, since
/// both call this). `tests::lower_agrees_with_unicode` checks every entry.
const UPPER_CASE: &[(u32, u32, Run)] = &[
    (0x41, 0x5A, Run::Shift(32)),
    (0xC0, 0xD6, Run::Shift(32)),
    (0xD8, 0xDE, Run::Shift(32)),
    (0x100, 0x12F, Run::Alternate),
    (0x132, 0x137, Run::Alternate),
    (0x139, 0x148, Run::Alternate),
    (0x14A, 0x177, Run::Alternate),
    (0x178, 0x178, Run::Shift(0xFF - 0x178)),
    (0x179, 0x17E, Run::Alternate),
    (0x1A0, 0x1A5, Run::Alternate),
    (0x1AF, 0x1B0, Run::Alternate),
    (0x1CD, 0x1DC, Run::Alternate),
    (0x1DE, 0x1EF, Run::Alternate),
    (0x1F8, 0x21F, Run::Alternate),
    (0x222, 0x233, Run::Alternate),
    (0x386, 0x386, Run::Shift(38)),
    (0x388, 0x38A, Run::Shift(37)),
    (0x38C, 0x38C, Run::Shift(64)),
    (0x38E, 0x38F, Run::Shift(63)),
    (0x391, 0x3A1, Run::Shift(32)),
    (0x3A3, 0x3AB, Run::Shift(32)),
    (0x400, 0x40F, Run::Shift(80)),
    (0x410, 0x42F, Run::Shift(32)),
    (0x460, 0x481, Run::Alternate),
    (0x48A, 0x4BF, Run::Alternate),
    (0x4C0, 0x4C0, Run::Shift(15)),
    (0x4C1, 0x4CE, Run::Alternate),
    (0x4D0, 0x52F, Run::Alternate),
    (0x531, 0x556, Run::Shift(48)),
    (0x1E00, 0x1E95, Run::Alternate),
    (0x1E9E, 0x1E9E, Run::Shift(0xDF - 0x1E9E)),
    (0x1EA0, 0x1EFF, Run::Alternate),
    (0xFF21, 0xFF3A, Run::Shift(32)),
];

/// `c` in lower case, for the scripts in `UPPER_CASE`; any other `c` as it is.
fn lower(c: char) -> char {
    let code = c as u32;
    let Some((first, _, run)) = UPPER_CASE
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&code))
    else {
        return c;
    };
    let lowered = match run {
        Run::Shift(by) => code.wrapping_add_signed(*by),
        Run::Alternate if (code - first).is_multiple_of(2) => code + 1,
        Run::Alternate => code,
    };
    char::from_u32(lowered).unwrap_or(c)
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
    fn lower_agrees_with_unicode() {
        // Every upper-case letter in the table becomes Unicode's lower case.
        for (first, last, _) in UPPER_CASE {
            for code in *first..=*last {
                let c = char::from_u32(code).unwrap();
                if c.is_uppercase() {
                    let unicode: Vec<char> = c.to_lowercase().collect();
                    assert_eq!(vec![lower(c)], unicode, "U+{code:04X}");
                }
            }
        }
        // Nothing else ever changes, and nothing becomes a wrong letter.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let lowered = lower(c);
            assert!(
                lowered == c || (c.is_uppercase() && c.to_lowercase().eq([lowered])),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(
            slugify("Öffentliche Meinung in Łódź"),
            "öffentliche-meinung-in-łódź"
        );
        assert_eq!(slugify("ΑΘΗΝΑ Άστυ"), "αθηνα-άστυ");
        assert_eq!(slugify("Москва ҐАНОК"), "москва-ґанок");
        assert_eq!(slugify("Tiếng Việt ĐẶNG"), "tiếng-việt-đặng");
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
