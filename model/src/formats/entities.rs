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

/// Sorted by name (byte order), so that a reference is found by binary
/// search: a document may hold a million of them.
const NAMED: &[(&str, char)] = &[
    ("Dagger", '‡'),
    ("Hat", '^'),
    ("NewLine", '\n'),
    ("OElig", 'Œ'),
    ("Prime", '″'),
    ("Scaron", 'Š'),
    ("Tab", '\t'),
    ("Yuml", 'Ÿ'),
    ("acute", '´'),
    ("amp", '&'),
    ("apos", '\''),
    ("ast", '*'),
    ("asymp", '≈'),
    ("bdquo", '„'),
    ("brvbar", '¦'),
    ("bsol", '\\'),
    ("bull", '•'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("circ", 'ˆ'),
    ("colon", ':'),
    ("comma", ','),
    ("commat", '@'),
    ("copy", '©'),
    ("curren", '¤'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("deg", '°'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("equals", '='),
    ("euro", '€'),
    ("excl", '!'),
    ("fnof", 'ƒ'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("ge", '≥'),
    ("grave", '`'),
    ("gt", '>'),
    ("hairsp", '\u{200a}'),
    ("hellip", '…'),
    ("iexcl", '¡'),
    ("infin", '∞'),
    ("iquest", '¿'),
    ("laquo", '«'),
    ("larr", '←'),
    ("lcub", '{'),
    ("ldquo", '“'),
    ("le", '≤'),
    ("lowbar", '_'),
    ("lpar", '('),
    ("lrm", '\u{200e}'),
    ("lsaquo", '‹'),
    ("lsqb", '['),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("ne", '≠'),
    ("not", '¬'),
    ("num", '#'),
    ("oelig", 'œ'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("para", '¶'),
    ("percnt", '%'),
    ("period", '.'),
    ("permil", '‰'),
    ("plus", '+'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("quest", '?'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rcub", '}'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rlm", '\u{200f}'),
    ("rpar", ')'),
    ("rsaquo", '›'),
    ("rsqb", ']'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("semi", ';'),
    ("shy", '\u{ad}'),
    ("sol", '/'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("szlig", 'ß'),
    ("thinsp", '\u{2009}'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("uarr", '↑'),
    ("uml", '¨'),
    ("verbar", '|'),
    ("yen", '¥'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
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
    if let Ok(i) = NAMED.binary_search_by(|(n, _)| (*n).cmp(name)) {
        return Some(NAMED[i].1);
    }
    match name {
        "AElig" => return Some('Æ'),
        "aelig" => return Some('æ'),
        "ETH" => return Some('Ð'),
        "eth" => return Some('ð'),
        "THORN" => return Some('Þ'),
        "thorn" => return Some('þ'),
        _ => {}
    }
    let mut chars = name.chars();
    let letter = chars.next()?;
    let accent = chars.as_str();
    ACCENTED.iter().find_map(|(a, letters, accented)| {
        let i = (*a == accent).then(|| letters.chars().position(|l| l == letter))??;
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
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        match reference(rest, in_attribute) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => out.push('&'),
        }
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
