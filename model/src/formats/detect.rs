//! Which format a JSON document is in, from its shape alone.

use crate::json::{Document, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `article/1`, the widget's own format.
    Native,
    /// A JSON Feed (`version` names jsonfeed.org) with its `items`.
    JsonFeed,
    /// One JSON Feed item on its own: an `id` and `content_html` or `content_text`.
    JsonFeedItem,
    /// A WordPress REST API post (`/wp-json/wp/v2/posts/<id>`).
    WordPressPost,
    /// A WordPress REST API list of posts (`/wp-json/wp/v2/posts?...`).
    WordPressPosts,
}

impl Format {
    /// The format's name, as the widget's `ready` event gives it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "article/1",
            Format::JsonFeed => "json-feed",
            Format::JsonFeedItem => "json-feed-item",
            Format::WordPressPost => "wordpress-post",
            Format::WordPressPosts => "wordpress-posts",
        }
    }
}

/// Native documents win whenever they say so (`format: "article/…"` or `sections`);
/// anything unrecognised is read as native, so its errors name the native rules.
///
/// This one is for a document `serde_json` parsed (the fuzz targets'): the
/// format [`crate::read`] sees in its text (native when it is nested too
/// deeply to be read).
pub fn detect(document: &serde_json::Value) -> Format {
    let text = document.to_string();
    Document::parse(&text).map_or(Format::Native, |doc| detect_json(doc.root()))
}

pub(crate) fn detect_json(document: Value) -> Format {
    if document.items().is_some() {
        return Format::WordPressPosts;
    }
    if !document.is_object() {
        return Format::Native;
    }
    let text = |key| document.get(key).and_then(Value::as_str);
    let has = |key| document.get(key).is_some();
    // WordPress posts have a `format` too ("standard"); ours start with "article/".
    let native_format = text("format").is_some_and(|f| f.starts_with("article/"));
    if native_format || has("sections") {
        Format::Native
    } else if text("version").is_some_and(is_json_feed_version) {
        Format::JsonFeed
    } else if is_wordpress_post(document) {
        Format::WordPressPost
    } else if has("content_html") || has("content_text") {
        Format::JsonFeedItem
    } else {
        Format::Native
    }
}

/// `https://jsonfeed.org/version/1.1` and the like, any version.
fn is_json_feed_version(version: &str) -> bool {
    let rest = version
        .strip_prefix("https://")
        .or_else(|| version.strip_prefix("http://"));
    rest.is_some_and(|r| r.starts_with("jsonfeed.org/version/"))
}

/// WordPress wraps its HTML fields in `{ "rendered": ... }` objects.
fn is_wordpress_post(object: Value) -> bool {
    ["title", "content"]
        .iter()
        .any(|key| object.get(key).is_some_and(|v| v.get("rendered").is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_by_shape() {
        let cases = [
            (
                json!({"id": "a", "title": "T", "sections": []}),
                Format::Native,
            ),
            (json!({"format": "article/2"}), Format::Native),
            (
                json!({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": []}),
                Format::JsonFeed,
            ),
            (
                json!({"version": "http://jsonfeed.org/version/1", "items": []}),
                Format::JsonFeed,
            ),
            (
                json!({"id": "1", "content_html": "<p>x</p>"}),
                Format::JsonFeedItem,
            ),
            (
                json!({"id": "1", "content_text": "x"}),
                Format::JsonFeedItem,
            ),
            (
                json!({"id": 1, "title": {"rendered": "T"}, "content": {"rendered": ""}}),
                Format::WordPressPost,
            ),
            (
                json!({"id": 1, "format": "standard", "title": {"rendered": "T"}}),
                Format::WordPressPost,
            ),
            (json!({"format": 5}), Format::Native),
            (json!([{"id": 1}]), Format::WordPressPosts),
            (json!({"title": "no format at all"}), Format::Native),
            (json!("text"), Format::Native),
        ];
        for (document, expected) in cases {
            assert_eq!(detect(&document), expected, "{document}");
        }
    }
}
