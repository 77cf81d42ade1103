//! A small HTML tokenizer: start tags with attributes, end tags and text,
//! following the HTML standard's tokenizer states closely enough that we see
//! the tags and attribute values a browser would see. Comments, doctypes,
//! processing instructions and CDATA are consumed and never reported.
//!
//! The contents of raw-text elements (`script`, `style`, `iframe`,
//! `noscript`, `textarea`, ...) are skipped unread, so markup hidden inside
//! them (`<style><img onerror=...>`) never becomes a tag, and their text
//! never becomes the article's.

use std::collections::HashSet;

use super::entities::decode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Start {
        /// Lower-cased.
        name: String,
        /// Names lower-cased, values with character references decoded;
        /// the first of duplicated names wins.
        attrs: Vec<(String, String)>,
    },
    End {
        name: String,
    },
    /// Character references decoded.
    Text(String),
}

/// Elements whose contents are text to the tokenizer, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Past this many attributes on one tag, duplicates are found with a set.
const MANY_ATTRIBUTES: usize = 16;

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
    fn markup(&mut self) -> Option<Token> {
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
                    Some(Token::Text("</".to_owned()))
                }
                Some(_) => self.bogus_comment(at + 2),
            },
            Some(b'!') if self.src[at + 2..].starts_with("--") => self.comment(at + 4),
            Some(b'!' | b'?') => self.bogus_comment(at + 2),
            _ => {
                self.pos = at + 1;
                Some(Token::Text("<".to_owned()))
            }
        }
    }

    /// `<!--` ... `-->` (also `--!>`, and the abrupt `<!-->` and `<!--->`).
    fn comment(&mut self, body: usize) -> Option<Token> {
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
    fn bogus_comment(&mut self, from: usize) -> Option<Token> {
        self.pos = self.src[from..]
            .find('>')
            .map_or(self.src.len(), |i| from + i + 1);
        None
    }

    /// A tag whose name starts at `name_at`. A tag cut off by the end of the
    /// input is dropped, as browsers drop it.
    fn tag(&mut self, name_at: usize, end: bool) -> Option<Token> {
        let is_delimiter =
            |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>');
        let bytes = self.src.as_bytes();
        let mut i = name_at;
        while i < bytes.len() && !is_delimiter(bytes[i]) {
            i += 1;
        }
        let name = self.src[name_at..i]
            .to_ascii_lowercase()
            .replace('\0', "\u{fffd}");
        let mut attrs: Vec<(String, String)> = Vec::new();
        // Names seen, once a tag has enough attributes that comparing each
        // new one with all the others would cost more than hashing.
        let mut seen: Option<HashSet<String>> = None;
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => {
                    self.pos = self.src.len();
                    return None;
                }
                Some(b'>') => break,
                Some(_) => {}
            }
            // An attribute name may start with `=`; it ends at a delimiter or `=`.
            let name_start = i;
            i += 1;
            while i < bytes.len() && !is_delimiter(bytes[i]) && bytes[i] != b'=' {
                i += 1;
            }
            let attr_name = self.src[name_start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let close = self.src[i + 1..].find(quote as char);
                        let Some(close) = close.map(|c| i + 1 + c) else {
                            self.pos = self.src.len();
                            return None;
                        };
                        value = &self.src[i + 1..close];
                        i = close + 1;
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = &self.src[start..i];
                    }
                }
            }
            let is_new = match &mut seen {
                Some(seen) => seen.insert(attr_name.clone()),
                None if attrs.iter().any(|(n, _)| *n == attr_name) => false,
                None => {
                    if attrs.len() >= MANY_ATTRIBUTES {
                        seen = Some(attrs.iter().map(|(n, _)| n.clone()).collect());
                        seen.as_mut().is_some_and(|s| s.insert(attr_name.clone()))
                    } else {
                        true
                    }
                }
            };
            if is_new {
                attrs.push((attr_name, decode(value, true).replace('\0', "\u{fffd}")));
            }
        }
        self.pos = i + 1;
        if end {
            return Some(Token::End { name });
        }
        if name == "plaintext" {
            self.pos = self.src.len();
        } else if RAW_TEXT.contains(&name.as_str()) {
            self.pos = self.raw_text_end(&name);
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

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        while self.pos < self.src.len() {
            let rest = &self.src[self.pos..];
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(decode(&rest[..end], false).replace('\0', "")));
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
            ["<img src=\"a.jpg\" alt=\"x > y\">"]
        );
        assert_eq!(tokens("<br/><hr / >"), ["<br>", "<hr>"]);
        assert_eq!(tokens("<a =x onclick>"), ["<a =x=\"\" onclick=\"\">"]);
        // The first of duplicated names wins, however many attributes there are.
        let many: String = (0..40).map(|i| format!(" a{}={i}", i % 20)).collect();
        let expected: String = (0..20).map(|i| format!(" a{i}=\"{i}\"")).collect();
        assert_eq!(tokens(&format!("<p{many}>")), [format!("<p{expected}>")]);
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
