//! The reader's JSON: `serde_json` parses a text into `serde_json_borrow`'s
//! value, whose objects are vectors of members and whose strings borrow from
//! the text unless they have escapes. A `serde_json::Value` builds a map and
//! a `String` for every object and string instead: for a 5 MiB document of
//! small objects (160,000 spans) that was two thirds of the reading time.
//! The errors are `serde_json`'s own, at the same line and column.
//!
//! The few small texts the model writes (a vote, a kept vote, an event's
//! detail) are put together from [`quote`] and [`strings`], `serde_json`'s
//! escaping of strings, without building a `serde_json::Value`: it, its map
//! and its serialiser cost the bundle 6.7 KB gzip.

use std::fmt;

use serde_json_borrow::Value as Json;

/// A parsed document.
pub(crate) struct Document<'t> {
    root: Json<'t>,
}

/// One value of a [`Document`].
#[derive(Clone, Copy)]
pub(crate) struct Value<'d>(&'d Json<'d>);

impl<'t> Document<'t> {
    pub fn parse(text: &'t str) -> Result<Self, JsonError> {
        serde_json::from_str(text)
            .map(|root| Document { root })
            .map_err(JsonError)
    }

    pub fn root(&self) -> Value<'_> {
        Value(&self.root)
    }
}

impl<'d> Value<'d> {
    pub fn is_null(self) -> bool {
        self.0.is_null()
    }

    pub fn is_object(self) -> bool {
        self.0.is_object()
    }

    pub fn as_bool(self) -> Option<bool> {
        self.0.as_bool()
    }

    pub fn as_str(self) -> Option<&'d str> {
        self.0.as_str()
    }

    /// A whole number from 0 to `u64::MAX` (as `serde_json`'s `as_u64`).
    pub fn as_u64(self) -> Option<u64> {
        self.0.as_u64()
    }

    /// A whole number that fits 64 bits, as text (what `serde_json` reads as
    /// an `i64` or `u64`; `1.0`, `-0`, `1e3` and 2⁶⁴ are floats to it).
    pub fn whole_number(self) -> Option<String> {
        let Json::Number(number) = self.0 else {
            return None;
        };
        match (number.as_u64(), number.as_i64()) {
            (Some(n), _) => Some(n.to_string()),
            (None, Some(n)) if !number.is_f64() => Some(n.to_string()),
            _ => None,
        }
    }

    /// A list's items; `None` when it is not a list.
    pub fn items(self) -> Option<Items<'d>> {
        self.0.as_array().map(|items| Items(items.iter()))
    }

    /// An object's members, in document order (a key given twice is listed
    /// twice); `None` when it is not an object.
    pub fn members(self) -> Option<Members<'d>> {
        self.0
            .as_object()
            .map(|object| Members(object.as_vec().iter()))
    }

    /// The member `key` of an object (its last value, if given twice).
    pub fn get(self, key: &str) -> Option<Value<'d>> {
        let object = self.0.as_object()?;
        object
            .as_vec()
            .iter()
            .rev()
            .find(|(name, _)| **name == *key)
            .map(|(_, value)| Value(value))
    }

    /// The value's type, for error messages.
    pub fn kind(self) -> &'static str {
        match self.0 {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::Str(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

/// A list's items.
pub(crate) struct Items<'d>(std::slice::Iter<'d, Json<'d>>);

impl<'d> Iterator for Items<'d> {
    type Item = Value<'d>;

    fn next(&mut self) -> Option<Value<'d>> {
        self.0.next().map(Value)
    }
}

/// An object's keys and values.
pub(crate) struct Members<'d>(std::slice::Iter<'d, (serde_json_borrow::KeyStrType<'d>, Json<'d>)>);

impl<'d> Iterator for Members<'d> {
    type Item = (&'d str, Value<'d>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(key, value)| (&**key, Value(value)))
    }
}

/// Why a text is not JSON, in `serde_json`'s words.
#[derive(Debug)]
pub(crate) struct JsonError(serde_json::Error);

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// `text` as a JSON string: quoted, and escaped as `serde_json` escapes it.
pub(crate) fn quote(text: &str) -> String {
    // Writing a string to a `String` cannot fail.
    serde_json::to_string(text).unwrap_or_default()
}

/// `items` as a JSON array of strings.
pub(crate) fn strings(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_strings_as_serde_json_does() {
        for text in [
            "",
            "yes",
            "a \"quoted\" \\ word",
            "line\nbreak\u{1}",
            "été 🗳",
        ] {
            assert_eq!(quote(text), serde_json::json!(text).to_string());
        }
        let items = vec!["a".to_owned(), "b\"c".to_owned()];
        assert_eq!(strings(&items), serde_json::json!(items).to_string());
        assert_eq!(strings(&[]), "[]");
    }

    #[test]
    fn numbers_as_the_model_reads_them() {
        let text = "[0, 7, -3, -0, 1.0, 1e2, 18446744073709551615, 18446744073709551616, -9223372036854775808, \"1\"]";
        let doc = Document::parse(text).unwrap();
        let items: Vec<Value> = doc.root().items().unwrap().collect();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        let theirs = theirs.as_array().unwrap();
        let u64s: Vec<_> = items.iter().map(|v| v.as_u64()).collect();
        let expected: Vec<_> = theirs.iter().map(|v| v.as_u64()).collect();
        assert_eq!(u64s, expected);
        let whole: Vec<_> = items.iter().map(|v| v.whole_number()).collect();
        let expected: Vec<_> = theirs
            .iter()
            .map(|v| {
                v.as_number()
                    .filter(|n| n.is_i64() || n.is_u64())
                    .map(|n| n.to_string())
            })
            .collect();
        assert_eq!(whole, expected);
    }

    #[test]
    fn a_key_given_twice_means_its_last_value() {
        let doc = Document::parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(doc.root().get("a").and_then(Value::as_u64), Some(3));
        let keys: Vec<_> = doc.root().members().unwrap().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "a"]);
    }

    #[test]
    fn errors_are_serde_json_s() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "\"\\x\"", "1e999", "[1] x"] {
            let ours = Document::parse(text).err().unwrap().to_string();
            let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            assert_eq!(ours, theirs.to_string(), "{text:?}");
        }
    }
}
