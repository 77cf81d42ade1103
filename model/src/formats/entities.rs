//! HTML character references (`&amp;`, `&#8217;`, `&#x2014;`), decoded the
//! way browsers decode them, so that what we check (a link's scheme) is what
//! a browser would have seen.
//!
//! Numeric references follow the HTML rules exactly. Named references cover
//! the ones publishing systems emit (Latin-1, typographic punctuation, the
//! ASCII punctuation names used to smuggle `javascript&colon;`); the full
//! table of 2,231 names would cost more WASM than the whole reader. An
//! unknown name stays as literal text, which is always safe.

use std::borrow::Cow;

use super::tree::key;

/// `text` made safe inside an HTML element or a quoted attribute value, for
/// the few places that write HTML by hand (the prerender's wrapper, the
/// server's oEmbed `html` and discovery link): the other way round from
/// decoding.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Named references that browsers also accept without the `;`. Others need it.
const LEGACY: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// By key (names of up to 8 bytes, padded; sorted as the names are), so that
/// a reference is found by a binary search comparing numbers: a document
/// may hold a million of them.
const NAMED: &[([u8; 8], char)] = &[
    (key("AElig"), 'Æ'),
    (key("Dagger"), '‡'),
    (key("ETH"), 'Ð'),
    (key("Hat"), '^'),
    (key("NewLine"), '\n'),
    (key("OElig"), 'Œ'),
    (key("Prime"), '″'),
    (key("Scaron"), 'Š'),
    (key("THORN"), 'Þ'),
    (key("Tab"), '\t'),
    (key("Yuml"), 'Ÿ'),
    (key("acute"), '´'),
    (key("aelig"), 'æ'),
    (key("amp"), '&'),
    (key("apos"), '\''),
    (key("ast"), '*'),
    (key("asymp"), '≈'),
    (key("bdquo"), '„'),
    (key("brvbar"), '¦'),
    (key("bsol"), '\\'),
    (key("bull"), '•'),
    (key("cedil"), '¸'),
    (key("cent"), '¢'),
    (key("circ"), 'ˆ'),
    (key("colon"), ':'),
    (key("comma"), ','),
    (key("commat"), '@'),
    (key("copy"), '©'),
    (key("curren"), '¤'),
    (key("dagger"), '†'),
    (key("darr"), '↓'),
    (key("deg"), '°'),
    (key("divide"), '÷'),
    (key("dollar"), '$'),
    (key("emsp"), '\u{2003}'),
    (key("ensp"), '\u{2002}'),
    (key("equals"), '='),
    (key("eth"), 'ð'),
    (key("euro"), '€'),
    (key("excl"), '!'),
    (key("fnof"), 'ƒ'),
    (key("frac12"), '½'),
    (key("frac14"), '¼'),
    (key("frac34"), '¾'),
    (key("ge"), '≥'),
    (key("grave"), '`'),
    (key("gt"), '>'),
    (key("hairsp"), '\u{200a}'),
    (key("hellip"), '…'),
    (key("iexcl"), '¡'),
    (key("infin"), '∞'),
    (key("iquest"), '¿'),
    (key("laquo"), '«'),
    (key("larr"), '←'),
    (key("lcub"), '{'),
    (key("ldquo"), '“'),
    (key("le"), '≤'),
    (key("lowbar"), '_'),
    (key("lpar"), '('),
    (key("lrm"), '\u{200e}'),
    (key("lsaquo"), '‹'),
    (key("lsqb"), '['),
    (key("lsquo"), '‘'),
    (key("lt"), '<'),
    (key("macr"), '¯'),
    (key("mdash"), '—'),
    (key("micro"), 'µ'),
    (key("middot"), '·'),
    (key("minus"), '−'),
    (key("nbsp"), '\u{a0}'),
    (key("ndash"), '–'),
    (key("ne"), '≠'),
    (key("not"), '¬'),
    (key("num"), '#'),
    (key("oelig"), 'œ'),
    (key("ordf"), 'ª'),
    (key("ordm"), 'º'),
    (key("para"), '¶'),
    (key("percnt"), '%'),
    (key("period"), '.'),
    (key("permil"), '‰'),
    (key("plus"), '+'),
    (key("plusmn"), '±'),
    (key("pound"), '£'),
    (key("prime"), '′'),
    (key("quest"), '?'),
    (key("quot"), '"'),
    (key("raquo"), '»'),
    (key("rarr"), '→'),
    (key("rcub"), '}'),
    (key("rdquo"), '”'),
    (key("reg"), '®'),
    (key("rlm"), '\u{200f}'),
    (key("rpar"), ')'),
    (key("rsaquo"), '›'),
    (key("rsqb"), ']'),
    (key("rsquo"), '’'),
    (key("sbquo"), '‚'),
    (key("scaron"), 'š'),
    (key("sect"), '§'),
    (key("semi"), ';'),
    (key("shy"), '\u{ad}'),
    (key("sol"), '/'),
    (key("sup1"), '¹'),
    (key("sup2"), '²'),
    (key("sup3"), '³'),
    (key("szlig"), 'ß'),
    (key("thinsp"), '\u{2009}'),
    (key("thorn"), 'þ'),
    (key("tilde"), '˜'),
    (key("times"), '×'),
    (key("trade"), '™'),
    (key("uarr"), '↑'),
    (key("uml"), '¨'),
    (key("verbar"), '|'),
    (key("yen"), '¥'),
    (key("zwj"), '\u{200d}'),
    (key("zwnj"), '\u{200c}'),
];

/// Latin-1 letters named by a base letter and an accent:
/// `&eacute;` = 'é', `&Ntilde;` = 'Ñ'. Listed compactly as (accent, base letters, accented letters).
const ACCENTED: &[(&str, &str, &str)] = &[
    ("grave", "AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
    ("acute", "AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"),
    ("circ", "AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
    ("tilde", "ANOano", "ÃÑÕãñõ"),
    ("uml", "AEIOUaeiouy", "ÄËÏÖÜäëïöüÿ"),
    ("ring", "Aa", "Åå"),
    ("cedil", "Cc", "Çç"),
    ("slash", "Oo", "Øø"),
];

/// Windows-1252 characters that numeric references in 0x80..=0x9F stand for.
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn named(name: &str) -> Option<char> {
    // The names nearly every document uses, before the search.
    match name {
        "amp" => return Some('&'),
        "quot" => return Some('"'),
        "nbsp" => return Some('\u{a0}'),
        _ => {}
    }
    if name.len() > 8 {
        return None;
    }
    let wanted = u64::from_be_bytes(key(name));
    let (mut low, mut high) = (0, NAMED.len());
    while low < high {
        let middle = (low + high) / 2;
        let (known, c) = NAMED[middle];
        let known = u64::from_be_bytes(known);
        if known == wanted {
            return Some(c);
        }
        if known < wanted {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    // The accented letters, by letter and accent (`eacute`, `Ntilde`).
    if !(4..=6).contains(&name.len()) {
        return None;
    }
    let mut chars = name.chars();
    let letter = chars.next()?;
    let accent = chars.as_str();
    ACCENTED.iter().find_map(|(a, letters, accented)| {
        let same = *a == accent;
        let i = same.then(|| letters.chars().position(|l| l == letter))??;
        accented.chars().nth(i)
    })
}

fn numeric(value: u32) -> char {
    match value {
        0x80..=0x9f => CP1252[(value - 0x80) as usize],
        0 => '\u{fffd}',
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    }
}

/// Decodes one reference at the start of `rest` (just after a `&`): the
/// character and how many bytes of `rest` it used, or `None` to keep the `&`
/// literally. `in_attribute` applies the attribute-value rule that a
/// semicolon-less legacy name followed by a letter, digit or `=` is not a reference.
fn reference(rest: &str, in_attribute: bool) -> Option<(char, usize)> {
    let bytes = rest.as_bytes();
    if let Some(number) = rest.strip_prefix('#') {
        let (radix, digits_at) = match number.as_bytes().first() {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = rest[digits_at..]
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if digits == 0 {
            return None;
        }
        let text = &rest[digits_at..digits_at + digits];
        // Overlong numbers are out of range, like any value past U+10FFFF.
        let value = u32::from_str_radix(text, radix).unwrap_or(u32::MAX);
        let mut used = digits_at + digits;
        if bytes.get(used) == Some(&b';') {
            used += 1;
        }
        return Some((numeric(value), used));
    }
    let len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &rest[..len];
    if bytes.get(len) == Some(&b';') {
        if let Some(c) = named(name) {
            return Some((c, len + 1));
        }
    }
    // Without `;`: the longest legacy name that `name` starts with.
    let legacy = LEGACY
        .iter()
        .filter(|l| name.starts_with(**l))
        .max_by_key(|l| l.len())?;
    let next = bytes.get(legacy.len()).copied();
    if in_attribute && next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'=') {
        return None;
    }
    Some((named(legacy)?, legacy.len()))
}

/// `text` with its character references decoded (borrowed when it has none).
pub fn decode(text: &str, in_attribute: bool) -> Cow<'_, str> {
    let mut amp = memchr::memchr(b'&', text.as_bytes()).unwrap_or(text.len());
    if amp == text.len() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while amp < rest.len() {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        match reference(rest, in_attribute) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => out.push('&'),
        }
        amp = memchr::memchr(b'&', rest.as_bytes()).unwrap_or(rest.len());
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{decode, escape_html};

    #[test]
    fn escaped_text_decodes_back_and_holds_no_markup() {
        let text = "<a href=\"x\" title='y'>&amp; é</a>";
        let escaped = escape_html(text);
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        assert_eq!(decode(&escaped, true), text);
    }

    #[test]
    fn numeric_references() {
        let cases = [
            ("&#106;avascript", "javascript"),
            ("&#x6A;&#X61;", "ja"),
            ("&#0000106", "j"),
            ("&#8217;&#x2014;", "’—"),
            ("&#150;", "–"),
            ("&#0;", "\u{fffd}"),
            ("&#xD800;", "\u{fffd}"),
            ("&#99999999999999;", "\u{fffd}"),
            ("&#;", "&#;"),
            ("&#x;", "&#x;"),
        ];
        for (raw, expected) in cases {
            assert_eq!(decode(raw, false), expected, "{raw}");
        }
    }

    #[test]
    fn names_are_sorted_for_binary_search() {
        assert!(super::NAMED.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn named_references() {
        let cases = [
            ("Tom &amp; Jerry", "Tom & Jerry"),
            ("&lt;b&gt;", "<b>"),
            ("caf&eacute; na&iuml;ve &Ntilde; &aelig;", "café naïve Ñ æ"),
            ("&hellip; &ldquo;x&rdquo;", "… “x”"),
            ("javascript&colon;", "javascript:"),
            ("java&Tab;script&NewLine;", "java\tscript\n"),
            ("&amp &copy 2024", "& © 2024"),
            ("&notaname; &unknown;", "&notaname; &unknown;"),
            ("&hellip", "&hellip"),
            ("AT&T", "AT&T"),
            ("&", "&"),
        ];
        for (raw, expected) in cases {
            assert_eq!(decode(raw, false), expected, "{raw}");
        }
    }

    #[test]
    fn attribute_values_keep_legacy_names_before_letters() {
        assert_eq!(decode("?a=1&amp=2&copy", true), "?a=1&amp=2©");
        assert_eq!(decode("?x&ampy", true), "?x&ampy");
        assert_eq!(decode("?x&amp;y", true), "?x&y");
    }
}
