//! Which format a JSON document is in, from its shape alone.

use serde_json::{Map, Value};

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
pub fn detect(document: &Value) -> Format {
    let object = match document {
        Value::Array(_) => return Format::WordPressPosts,
        Value::Object(object) => object,
        _ => return Format::Native,
    };
    let version = object.get("version").and_then(Value::as_str);
    // WordPress posts have a `format` too ("standard"); ours start with "article/".
    let native_format = object
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(|f| f.starts_with("article/"));
    if native_format || object.contains_key("sections") {
        Format::Native
    } else if version.is_some_and(is_json_feed_version) {
        Format::JsonFeed
    } else if is_wordpress_post(object) {
        Format::WordPressPost
    } else if object.contains_key("content_html") || object.contains_key("content_text") {
        Format::JsonFeedItem
    } else {
        Format::Native
    }
}

/// `https://jsonfeed.org/version/1.1` and the like, any version.
pub fn is_json_feed_version(version: &str) -> bool {
    let rest = version
        .strip_prefix("https://")
        .or_else(|| version.strip_prefix("http://"));
    rest.is_some_and(|r| r.starts_with("jsonfeed.org/version/"))
}

/// WordPress wraps its HTML fields in `{ "rendered": ... }` objects.
pub fn is_wordpress_post(object: &Map<String, Value>) -> bool {
    ["title", "content"].iter().any(|key| {
        object
            .get(*key)
            .is_some_and(|v| v.get("rendered").is_some())
    })
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
