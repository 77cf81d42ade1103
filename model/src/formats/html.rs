//! A small HTML tokenizer: start tags with attributes, end tags and text,
//! following the HTML standard's tokenizer states closely enough that we see
//! the tags and attribute values a browser would see. Comments, doctypes,
//! processing instructions and CDATA are consumed and never reported.
//!
//! The contents of raw-text elements (`script`, `style`, `iframe`,
//! `noscript`, `textarea`, ..., listed in `Tokenizer::tag`) are skipped unread, so markup hidden inside
//! them (`<style><img onerror=...>`) never becomes a tag, and their text
//! never becomes the article's.

use std::borrow::Cow;

use super::entities::decode;

/// A token borrows its names and text from the input; only what has to
/// change (upper-case letters, character references, NUL) is copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Start {
        /// Lower-cased.
        name: Cow<'a, str>,
        attrs: Attributes<'a>,
    },
    End {
        name: Cow<'a, str>,
    },
    /// Character references decoded.
    Text(Cow<'a, str>),
}

/// A start tag's attributes, read only when asked for (most tags' are never
/// needed). Duplicated names are all listed, in order; the first is the one
/// that counts, as in a browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attributes<'a> {
    src: &'a str,
    /// Where the first attribute may start: just after the tag's name.
    from: usize,
}

impl<'a> Attributes<'a> {
    /// Each attribute: the name lower-cased, the value with character
    /// references decoded.
    pub fn iter(&self) -> impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)> + '_ {
        let mut at = self.from;
        std::iter::from_fn(move || match scan_attribute(self.src, at) {
            Scan::Attribute { name, value, next } => {
                at = next;
                let value = decode(&self.src[value], true);
                Some((lower(&self.src[name]), without_nul(value, "\u{fffd}")))
            }
            Scan::TagEnd(_) | Scan::Cut => None,
        })
    }
}

/// One step through a tag's attributes.
enum Scan {
    /// Byte ranges of a name and its value (empty when it has none), and
    /// where the next step starts.
    Attribute {
        name: std::ops::Range<usize>,
        value: std::ops::Range<usize>,
        next: usize,
    },
    /// The tag's `>` is at this index.
    TagEnd(usize),
    /// The input ends inside the tag.
    Cut,
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
}

/// The attribute starting at or after `i` (past whitespace and `/`), or the
/// end of the tag.
fn scan_attribute(src: &str, mut i: usize) -> Scan {
    let bytes = src.as_bytes();
    while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
        i += 1;
    }
    match bytes.get(i) {
        None => return Scan::Cut,
        Some(b'>') => return Scan::TagEnd(i),
        Some(_) => {}
    }
    // An attribute name may start with `=`; it ends at a delimiter or `=`.
    let name_start = i;
    i += 1;
    while i < bytes.len() && !is_delimiter(bytes[i]) && bytes[i] != b'=' {
        i += 1;
    }
    let name = name_start..i;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    let mut value = i..i;
    if bytes.get(i) == Some(&b'=') {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let Some(close) = src[i + 1..].find(quote as char) else {
                    return Scan::Cut;
                };
                value = i + 1..i + 1 + close;
                i += close + 2;
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = start..i;
            }
        }
    }
    Scan::Attribute {
        name,
        value,
        next: i,
    }
}

/// `text` lower-cased, copied only when it has upper-case letters.
fn lower(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` with each NUL replaced by `with`, copied only when it has one.
fn without_nul<'a>(text: Cow<'a, str>, with: &str) -> Cow<'a, str> {
    if memchr::memchr(0, text.as_bytes()).is_some() {
        Cow::Owned(text.replace('\0', with))
    } else {
        text
    }
}

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokenizer { src, pos: 0 }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.src.as_bytes().get(at).copied()
    }

    /// Markup starting with `<` at `self.pos`: a token, or `None` when it was
    /// consumed silently (a comment) or was just a `<` (emitted as text).
    fn markup(&mut self) -> Option<Token<'a>> {
        let at = self.pos;
        match self.byte(at + 1) {
            Some(b) if b.is_ascii_alphabetic() => self.tag(at + 1, false),
            Some(b'/') => match self.byte(at + 2) {
                Some(b) if b.is_ascii_alphabetic() => self.tag(at + 2, true),
                Some(b'>') => {
                    self.pos = at + 3;
                    None
                }
                None => {
                    self.pos = self.src.len();
                    Some(Token::Text(Cow::Borrowed("</")))
                }
                Some(_) => self.bogus_comment(at + 2),
            },
            Some(b'!') if self.src[at + 2..].starts_with("--") => self.comment(at + 4),
            Some(b'!' | b'?') => self.bogus_comment(at + 2),
            _ => {
                self.pos = at + 1;
                Some(Token::Text(Cow::Borrowed("<")))
            }
        }
    }

    /// `<!--` ... `-->` (also `--!>`, and the abrupt `<!-->` and `<!--->`).
    fn comment(&mut self, body: usize) -> Option<Token<'a>> {
        let rest = &self.src[body..];
        self.pos = if rest.starts_with('>') {
            body + 1
        } else if rest.starts_with("->") {
            body + 2
        } else {
            comment_end(rest).map_or(self.src.len(), |end| body + end)
        };
        None
    }

    /// `<!doctype ...>`, `<?...>`, `<![CDATA[...>` and `</ ...>`: up to the next `>`.
    fn bogus_comment(&mut self, from: usize) -> Option<Token<'a>> {
        self.pos = self.src[from..]
            .find('>')
            .map_or(self.src.len(), |i| from + i + 1);
        None
    }

    /// A tag whose name starts at `name_at`. A tag cut off by the end of the
    /// input is dropped, as browsers drop it.
    fn tag(&mut self, name_at: usize, end: bool) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        let mut i = name_at;
        let mut plain = true;
        while i < bytes.len() && !is_delimiter(bytes[i]) {
            plain &= !bytes[i].is_ascii_uppercase() && bytes[i] != 0;
            i += 1;
        }
        let name = match &self.src[name_at..i] {
            name if plain => Cow::Borrowed(name),
            name => Cow::Owned(name.to_ascii_lowercase().replace('\0', "\u{fffd}")),
        };
        let attrs = Attributes {
            src: self.src,
            from: i,
        };
        // Only the end of the tag is looked for here; values are read when
        // asked for. (Most tags end right after their name.)
        let tag_end = loop {
            if bytes.get(i) == Some(&b'>') {
                break i;
            }
            match scan_attribute(self.src, i) {
                Scan::Attribute { next, .. } => i = next,
                Scan::TagEnd(at) => break at,
                Scan::Cut => {
                    self.pos = self.src.len();
                    return None;
                }
            }
        };
        self.pos = tag_end + 1;
        if end {
            return Some(Token::End { name });
        }
        match name.as_bytes() {
            b"plaintext" => self.pos = self.src.len(),
            b"script" | b"style" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"noscript"
            | b"textarea" | b"title" => self.pos = self.raw_text_end(&name),
            _ => {}
        }
        Some(Token::Start { name, attrs })
    }

    /// Where the end tag closing a raw-text element starts (or the input's end).
    fn raw_text_end(&self, name: &str) -> usize {
        let mut from = self.pos;
        while let Some(i) = self.src[from..].find("</") {
            let at = from + i;
            let after = at + 2 + name.len();
            let matches_name = self
                .src
                .get(at + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name));
            let ends = matches!(
                self.byte(after),
                None | Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
            );
            if matches_name && ends {
                return at;
            }
            from = at + 2;
        }
        self.src.len()
    }
}

/// Just past the first `-->` or `--!>` in a comment's body, in one pass
/// (searching for each ending separately would rescan the rest of the input
/// for every comment).
fn comment_end(body: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = body[from..].find("--") {
        let dashes = from + i;
        let after = &body[dashes + 2..];
        if after.starts_with('>') {
            return Some(dashes + 3);
        }
        if after.starts_with("!>") {
            return Some(dashes + 4);
        }
        from = dashes + 1;
    }
    None
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        while self.pos < self.src.len() {
            if self.src.as_bytes()[self.pos] != b'<' {
                let rest = &self.src[self.pos..];
                let end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
                self.pos += end;
                let text = &rest[..end];
                // Most text has neither a reference nor a NUL: one scan tells.
                if memchr::memchr2(b'&', 0, text.as_bytes()).is_none() {
                    return Some(Token::Text(Cow::Borrowed(text)));
                }
                return Some(Token::Text(without_nul(decode(text, false), "")));
            }
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{Token, Tokenizer};

    fn tokens(html: &str) -> Vec<String> {
        Tokenizer::new(html)
            .map(|t| match t {
                Token::Start { name, attrs } => {
                    let attrs: Vec<String> =
                        attrs.iter().map(|(n, v)| format!(" {n}={v:?}")).collect();
                    format!("<{name}{}>", attrs.concat())
                }
                Token::End { name } => format!("</{name}>"),
                Token::Text(text) => format!("{text:?}"),
            })
            .collect()
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens("<P Class=x>Hi &amp; <A HREF='/a?b=1&amp;c=2' title=\"t\">there</A></p>"),
            [
                "<p class=\"x\">",
                "\"Hi & \"",
                "<a href=\"/a?b=1&c=2\" title=\"t\">",
                "\"there\"",
                "</a>",
                "</p>",
            ]
        );
        assert_eq!(
            tokens("<img src=a.jpg alt = \"x > y\" src=b.jpg/>"),
            ["<img src=\"a.jpg\" alt=\"x > y\" src=\"b.jpg/\">"]
        );
        assert_eq!(tokens("<br/><hr / >"), ["<br>", "<hr>"]);
        assert_eq!(tokens("<a =x onclick>"), ["<a =x=\"\" onclick=\"\">"]);
    }

    #[test]
    fn the_first_of_duplicated_attributes_wins() {
        let many: String = (0..40).map(|i| format!(" A{}={i}", i % 20)).collect();
        let html = format!("<p{many} href=&amp;x href=y>");
        let Some(Token::Start { attrs, .. }) = Tokenizer::new(&html).next() else {
            panic!("{html}");
        };
        let first = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        assert_eq!(first("a7").as_deref(), Some("7"));
        assert_eq!(first("href").as_deref(), Some("&x"));
        assert_eq!(first("b"), None);
    }

    #[test]
    fn comments_and_bogus_markup_vanish() {
        assert_eq!(
            tokens("a<!-- wp:paragraph -->b<!---->c<!-->d<!--->e<!-- x --!>f<!doctype html>g<?php x ?>h</ x>i</>j<![CDATA[k]]>"),
            ["\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"e\"", "\"f\"", "\"g\"", "\"h\"", "\"i\"", "\"j\""]
        );
        assert_eq!(tokens("a<!-- never closed <p>"), ["\"a\""]);
        assert_eq!(tokens("<!-- a - -- --- b --->c"), ["\"c\""]);
        // Linear however many comments there are.
        let many = "<!-- x -->".repeat(200_000) + "end";
        assert_eq!(tokens(&many), ["\"end\""]);
    }

    #[test]
    fn raw_text_is_skipped_to_its_own_end_tag() {
        assert_eq!(
            tokens("<style>p{}</p><img src=x onerror=alert(1)></style>ok"),
            ["<style>", "</style>", "\"ok\""]
        );
        assert_eq!(
            tokens("<script>if (a</b) x='</scripty>'</SCRIPT >after"),
            ["<script>", "</script>", "\"after\""]
        );
        assert_eq!(
            tokens("<noscript><p title=\"</noscript><img src=x>\">"),
            ["<noscript>", "</noscript>", "<img src=\"x\">", "\"\\\">\""]
        );
        assert_eq!(tokens("<textarea><b>never</b>"), ["<textarea>"]);
        assert_eq!(tokens("<plaintext><b>x"), ["<plaintext>"]);
    }

    #[test]
    fn stray_and_broken_markup() {
        assert_eq!(
            tokens("1 < 2 <3"),
            ["\"1 \"", "\"<\"", "\" 2 \"", "\"<\"", "\"3\""]
        );
        assert_eq!(tokens("a<img src=x onerror=alert(1)"), ["\"a\""]);
        assert_eq!(tokens("a<img title=\"unclosed>b"), ["\"a\""]);
        assert_eq!(tokens("x</"), ["\"x\"", "\"</\""]);
        assert_eq!(tokens("<é>"), ["\"<\"", "\"é>\""]);
        assert_eq!(tokens("<a\0b>"), ["<a\u{fffd}b>"]);
    }
}
