//! URL safety: which links and image sources may reach the page; and
//! percent-coding, for the poll service's paths and section fragments.
//!
//! Browsers strip leading/trailing C0 controls and spaces and drop tabs and
//! newlines anywhere before looking at a URL's scheme, so `" java\tscript:"`
//! is `javascript:` to them. We clean a URL the same way first, then allow
//! only the schemes we trust; a relative URL is resolved against the
//! document's own URL (RFC 3986, section 5.2) so the page never sees one.
//!
//! Hand-written rather than the `url` crate: that crate brings IDNA tables
//! worth far more WASM than these few rules, and the browser resolves the
//! document URL itself before we are called.

use std::borrow::Cow;

/// What a cleaned URL string starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Http,
    Mailto,
    Other,
    Relative,
}

/// Removes what browsers ignore: surrounding C0 controls and spaces, and
/// ASCII tab and newline characters anywhere. Borrowed when nothing inside
/// had to go (the common case).
pub fn clean(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    if trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(trimmed)
    }
}

fn scheme_of(url: &str) -> Scheme {
    let Some(colon) = url.find(':') else {
        return Scheme::Relative;
    };
    // A colon after the first '/', '?' or '#' belongs to the path, query or fragment.
    if url[..colon].contains(['/', '?', '#']) {
        return Scheme::Relative;
    }
    let scheme = &url[..colon];
    let well_formed = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !well_formed {
        // Not a scheme by the grammar, but a browser might still see one: refuse.
        return Scheme::Other;
    }
    if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
        Scheme::Http
    } else if scheme.eq_ignore_ascii_case("mailto") {
        Scheme::Mailto
    } else {
        Scheme::Other
    }
}

/// An absolute `http`/`https` URL with a host (scheme lower-cased,
/// backslashes read as slashes, as browsers read them), or `None`.
fn absolute_http(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    // (The scheme, checked before, has no backslash.)
    let mut out = url.replace('\\', "/");
    out[..colon].make_ascii_lowercase();
    let authority = out[colon + 1..].strip_prefix("//")?;
    let host_end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
    (host_end > 0).then_some(out)
}

/// A URL for a link (`href`): `http`, `https` or `mailto`, or a relative URL
/// resolved against `base`. Anything else is `None` and the caller drops it.
/// (A document's URLs are checked with [`Base::safe_link`], which reads its
/// base once.)
pub fn safe_link(raw: &str, base: &str) -> Option<String> {
    Base::new(base).safe_link(raw)
}

/// A URL for a resource or web link (`src`, embed, related item): `http` or
/// `https`, or a relative URL resolved against `base`.
pub fn safe_http(raw: &str, base: &str) -> Option<String> {
    Base::new(base).safe_http(raw)
}

/// The host of an absolute http(s) URL, without `www.`, for showing a link's source.
pub fn display_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit('@').next()?;
    let host = match host.rfind(':') {
        Some(i) if !host.ends_with(']') => &host[..i],
        _ => host,
    };
    Some(host.strip_prefix("www.").unwrap_or(host)).filter(|h| !h.is_empty())
}

/// The URL a document's relative URLs resolve against, read once per
/// document: a document may hold hundreds of thousands of links, and
/// reading the base again for each one cost more than checking the link.
#[derive(Debug, Clone)]
pub struct Base {
    /// The cleaned absolute http(s) URL without its fragment, and where its
    /// scheme, authority and path end; `None` when the document's URL is not
    /// an absolute http(s) URL: another scheme's URL would pass its scheme on,
    /// so relative URLs are then refused.
    url: Option<(String, BaseSplit)>,
}

#[derive(Debug, Clone, Copy)]
struct BaseSplit {
    /// `url[..scheme]` is the scheme; the authority follows its `://`.
    scheme: usize,
    authority: usize,
    /// Where the path ends: the query (without its `?`) follows, if any.
    path: usize,
}

impl Base {
    pub fn new(document_url: &str) -> Self {
        let cleaned = clean(document_url);
        let url = (scheme_of(&cleaned) == Scheme::Http)
            .then(|| absolute_http(&cleaned))
            .flatten()
            .map(|mut url| {
                url.truncate(url.find('#').unwrap_or(url.len()));
                let scheme = url.find("://").expect("an absolute http(s) URL");
                let after = scheme + 3;
                let path = url.find('?').unwrap_or(url.len());
                let authority = url[after..path].find('/').map_or(path, |i| after + i);
                (
                    url,
                    BaseSplit {
                        scheme,
                        authority,
                        path,
                    },
                )
            });
        Base { url }
    }

    /// Like [`safe_link`], against this base.
    pub fn safe_link(&self, raw: &str) -> Option<String> {
        let url = clean(raw);
        match scheme_of(&url) {
            Scheme::Mailto => Some(url.into_owned()),
            scheme => self.checked_http(&url, scheme),
        }
    }

    /// Like [`safe_http`], against this base.
    pub fn safe_http(&self, raw: &str) -> Option<String> {
        let url = clean(raw);
        self.checked_http(&url, scheme_of(&url))
    }

    fn checked_http(&self, url: &str, scheme: Scheme) -> Option<String> {
        match scheme {
            Scheme::Http => absolute_http(url),
            Scheme::Relative if !url.is_empty() => self.resolve(url),
            _ => None,
        }
    }

    /// Resolves a relative reference (RFC 3986, section 5.2).
    fn resolve(&self, reference: &str) -> Option<String> {
        let (url, split) = self.url.as_ref()?;
        let scheme = &url[..split.scheme];
        let base_path = &url[split.authority..split.path];
        let base_query = url.get(split.path + 1..);
        let reference = match reference.contains('\\') {
            true => Cow::Owned(reference.replace('\\', "/")),
            false => Cow::Borrowed(reference),
        };
        if let Some(rest) = reference.strip_prefix("//") {
            return absolute_http(&format!("{scheme}://{rest}"));
        }
        let (without_fragment, fragment) = split_at(&reference, b'#');
        let (ref_path, ref_query) = split_at(without_fragment, b'?');
        let merged;
        let (path, query) = if ref_path.is_empty() {
            (Cow::Borrowed(base_path), ref_query.or(base_query))
        } else if ref_path.starts_with('/') {
            (remove_dot_segments(ref_path), ref_query)
        } else {
            let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
            merged = if dir.is_empty() {
                format!("/{ref_path}")
            } else {
                format!("{dir}{ref_path}")
            };
            (remove_dot_segments(&merged), ref_query)
        };
        let path = if path.is_empty() { "/" } else { &path };
        let mut out = String::with_capacity(split.authority + path.len() + reference.len() + 2);
        out.push_str(&url[..split.authority]);
        out.push_str(path);
        if let Some(q) = query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = fragment {
            out.push('#');
            out.push_str(f);
        }
        Some(out)
    }
}

/// `text` before and after the first `byte`, if it has one (`split_once`
/// without a searcher to set up: URLs are short, and there may be many).
fn split_at(text: &str, byte: u8) -> (&str, Option<&str>) {
    match text.bytes().position(|b| b == byte) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    }
}

/// `path` (which starts with `/`) without its `.` and `..` segments.
fn remove_dot_segments(path: &str) -> Cow<'_, str> {
    // Most paths have none (each would start with "/.").
    if !path.as_bytes().windows(2).any(|pair| pair == b"/.") {
        return Cow::Borrowed(path);
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | ".." if i == last => {
                if *segment == ".." {
                    out.pop();
                }
                out.push("");
            }
            "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    Cow::Owned(format!("/{}", out.join("/")))
}

/// `text` with every byte `keep` refuses written as `%XX`; the bytes of a
/// character beyond ASCII are always written so.
pub fn percent_encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii() && keep(byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A path segment: everything but RFC 3986's unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`) percent-encoded.
pub fn encode_component(text: &str) -> String {
    percent_encode(text, |byte| {
        byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte)
    })
}

/// Decodes `%XX` escapes as UTF-8. Malformed escapes stay as they are; bytes
/// that are not UTF-8 give `None`.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://news.example/articles/2024/iraq.json?v=1";

    #[test]
    fn links_keep_only_trusted_schemes() {
        let cases = [
            ("https://example.com/a", Some("https://example.com/a")),
            ("HTTP://Example.com", Some("http://Example.com")),
            ("mailto:desk@news.example", Some("mailto:desk@news.example")),
            ("javascript:alert(1)", None),
            ("JaVaScRiPt:alert(1)", None),
            (" \u{0}javascript:alert(1)", None),
            ("java\tscript:alert(1)", None),
            ("java\nscript:alert(1)", None),
            ("\u{1f}vbscript:msgbox(1)", None),
            ("data:text/html,<script>alert(1)</script>", None),
            (
                "jav&#x61;script:alert(1)",
                Some("https://news.example/articles/2024/jav&#x61;script:alert(1)"),
            ),
            ("java script:alert(1)", None),
            ("https:no-slashes", None),
            ("https://", None),
            ("", None),
            ("   ", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(safe_link(raw, BASE).as_deref(), expected, "{raw:?}");
        }
    }

    #[test]
    fn resources_refuse_mailto() {
        assert_eq!(safe_http("mailto:a@b.example", BASE), None);
        assert_eq!(
            safe_http("https://img.example/a.jpg", BASE).as_deref(),
            Some("https://img.example/a.jpg")
        );
    }

    #[test]
    fn relative_urls_resolve_against_the_document() {
        let cases = [
            ("hero.jpg", "https://news.example/articles/2024/hero.jpg"),
            (
                "../img/hero.jpg",
                "https://news.example/articles/img/hero.jpg",
            ),
            ("../../../../x.jpg", "https://news.example/x.jpg"),
            ("/img/hero.jpg", "https://news.example/img/hero.jpg"),
            ("//cdn.example/x.jpg", "https://cdn.example/x.jpg"),
            ("?v=2", "https://news.example/articles/2024/iraq.json?v=2"),
            (
                "#part",
                "https://news.example/articles/2024/iraq.json?v=1#part",
            ),
            ("./a/./b/../c", "https://news.example/articles/2024/a/c"),
            ("a/..", "https://news.example/articles/2024/"),
            ("\\\\evil.example\\x", "https://evil.example/x"),
        ];
        for (reference, expected) in cases {
            assert_eq!(
                safe_http(reference, BASE).as_deref(),
                Some(expected),
                "{reference:?}"
            );
        }
    }

    /// Found by the `url` fuzz target: the base's scheme went unchecked.
    #[test]
    fn relative_urls_need_an_http_base() {
        for base in [
            "://::",
            "ftp://files.example/a.json",
            "chrome-extension://abc/a.json",
        ] {
            assert_eq!(safe_link("/", base), None, "{base:?}");
            assert_eq!(safe_http("x.jpg", base), None, "{base:?}");
        }
        assert_eq!(
            safe_http("x.jpg", "HTTPS://news.example/a/").as_deref(),
            Some("https://news.example/a/x.jpg")
        );
    }

    #[test]
    fn hosts_for_display() {
        assert_eq!(
            display_host("https://www.example.com/a?b"),
            Some("example.com")
        );
        assert_eq!(
            display_host("http://user@example.org:8080"),
            Some("example.org")
        );
        assert_eq!(display_host("mailto:x"), None);
    }

    #[test]
    fn percent_coding() {
        assert_eq!(encode_component("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(encode_component("iraq-2024.poll:1~"), "iraq-2024.poll%3A1~");
        assert_eq!(encode_component("é"), "%C3%A9");
        assert_eq!(percent_encode("a%b", |b| b != b'%'), "a%25b");
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%E2%9C%93").as_deref(), Some("✓"));
        assert_eq!(percent_decode("50%").as_deref(), Some("50%"));
        assert_eq!(percent_decode("%zz%4").as_deref(), Some("%zz%4"));
        assert_eq!(percent_decode("%C3"), None);
        for text in ["a b/c?d", "é ✓ %", "iraq-2024.poll:1"] {
            assert_eq!(
                percent_decode(&encode_component(text)).as_deref(),
                Some(text)
            );
        }
    }
}
