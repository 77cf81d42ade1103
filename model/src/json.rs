//! The reader's JSON parser. A document becomes one vector of nodes: no map
//! and no allocation per object or string (strings are borrowed from the
//! text unless they have escapes), so a 5 MiB document of small objects is
//! read in a fraction of the time and memory a `serde_json::Value` takes.
//!
//! It accepts exactly the texts `serde_json` accepts and refuses the others
//! with `serde_json`'s message, at the same place (the tests compare the
//! two), so the widget needs no JSON parser besides this one. Objects read
//! as `serde_json`'s do: a key given twice means its last value.

use std::fmt;

use crate::scan;

/// A parsed document: its nodes in document order, a list or object
/// followed by everything it holds.
pub(crate) struct Document<'t> {
    text: &'t str,
    nodes: Vec<Node>,
    /// The strings that had escapes, decoded, one after the other.
    decoded: String,
}

#[derive(Clone, Copy)]
enum Node {
    Null,
    Bool(bool),
    /// A number: its literal, as a byte range of the text.
    Number {
        start: u32,
        end: u32,
    },
    /// A string: a byte range of the text, or of `decoded` when it had escapes.
    Str {
        decoded: bool,
        start: u32,
        end: u32,
    },
    /// `end` is the index of the first node after the list and its items.
    List {
        end: u32,
    },
    /// Its members follow as key and value nodes, until `end`.
    Object {
        end: u32,
    },
}

/// One value of a [`Document`].
#[derive(Clone, Copy)]
pub(crate) struct Value<'d> {
    doc: &'d Document<'d>,
    index: u32,
}

impl<'t> Document<'t> {
    /// The text's nodes; texts are at most 4 GiB (`crate::read` takes 5 MiB).
    pub fn parse(text: &'t str) -> Result<Self, JsonError> {
        assert!(u32::try_from(text.len()).is_ok(), "a JSON text over 4 GiB");
        let mut parser = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            nodes: Vec::new(),
            decoded: String::new(),
        };
        parser.document()?;
        Ok(Document {
            text,
            nodes: parser.nodes,
            decoded: parser.decoded,
        })
    }

    pub fn root(&self) -> Value<'_> {
        Value {
            doc: self,
            index: 0,
        }
    }

    /// The index of the node after the one at `index` and all it holds.
    fn after(&self, index: u32) -> u32 {
        match self.nodes[index as usize] {
            Node::List { end } | Node::Object { end } => end,
            _ => index + 1,
        }
    }

    /// The text of the string at `index` (`None` for another node).
    fn str_at(&self, index: u32) -> Option<&str> {
        match self.nodes[index as usize] {
            Node::Str {
                decoded,
                start,
                end,
            } => {
                let source = if decoded { &self.decoded } else { self.text };
                Some(&source[start as usize..end as usize])
            }
            _ => None,
        }
    }
}

impl<'d> Value<'d> {
    fn node(self) -> Node {
        self.doc.nodes[self.index as usize]
    }

    fn at(self, index: u32) -> Value<'d> {
        Value {
            doc: self.doc,
            index,
        }
    }

    pub fn is_null(self) -> bool {
        matches!(self.node(), Node::Null)
    }

    pub fn is_object(self) -> bool {
        matches!(self.node(), Node::Object { .. })
    }

    pub fn as_bool(self) -> Option<bool> {
        match self.node() {
            Node::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_str(self) -> Option<&'d str> {
        self.doc.str_at(self.index)
    }

    fn number(self) -> Option<&'d str> {
        match self.node() {
            Node::Number { start, end } => Some(&self.doc.text[start as usize..end as usize]),
            _ => None,
        }
    }

    /// A whole number from 0 to `u64::MAX` (as `serde_json`'s `as_u64`).
    pub fn as_u64(self) -> Option<u64> {
        self.number()?.parse().ok()
    }

    /// A whole number that fits 64 bits, as the document wrote it (what
    /// `serde_json` reads as an `i64` or `u64`; `1.0`, `-0`, `1e3` and 2⁶⁴
    /// are floats to it).
    pub fn whole_number(self) -> Option<&'d str> {
        let literal = self.number()?;
        let whole = literal.parse::<u64>().is_ok() || literal.parse::<i64>().is_ok_and(|n| n != 0);
        whole.then_some(literal)
    }

    /// What a list or object holds (nothing, for any other value).
    fn children(self) -> Items<'d> {
        let end = self.doc.after(self.index);
        Items {
            value: self,
            next: self.index + 1,
            end,
        }
    }

    /// A list's items; `None` when it is not a list.
    pub fn items(self) -> Option<Items<'d>> {
        matches!(self.node(), Node::List { .. }).then(|| self.children())
    }

    /// An object's members, in document order (a key given twice is listed
    /// twice); `None` when it is not an object.
    pub fn members(self) -> Option<Members<'d>> {
        matches!(self.node(), Node::Object { .. }).then(|| Members(self.children()))
    }

    /// The member `key` of an object (its last value, if given twice).
    pub fn get(self, key: &str) -> Option<Value<'d>> {
        let Node::Object { end } = self.node() else {
            return None;
        };
        // Hot: a document's objects are looked into a few times each.
        let mut found = None;
        let mut key_at = self.index + 1;
        while key_at < end {
            if self.doc.str_at(key_at) == Some(key) {
                found = Some(key_at + 1);
            }
            key_at = self.doc.after(key_at + 1);
        }
        found.map(|index| self.at(index))
    }

    /// The value's type, for error messages.
    pub fn kind(self) -> &'static str {
        match self.node() {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number { .. } => "a number",
            Node::Str { .. } => "a string",
            Node::List { .. } => "a list",
            Node::Object { .. } => "an object",
        }
    }
}

/// The nodes from `next` up to `end`, each with all it holds.
pub(crate) struct Items<'d> {
    value: Value<'d>,
    next: u32,
    end: u32,
}

/// An object's keys and values.
pub(crate) struct Members<'d>(Items<'d>);

impl<'d> Iterator for Members<'d> {
    type Item = (&'d str, Value<'d>);

    fn next(&mut self) -> Option<Self::Item> {
        let key = self.0.next()?.as_str()?;
        Some((key, self.0.next()?))
    }
}

impl<'d> Iterator for Items<'d> {
    type Item = Value<'d>;

    fn next(&mut self) -> Option<Value<'d>> {
        if self.next >= self.end {
            return None;
        }
        let item = self.value.at(self.next);
        self.next = self.value.doc.after(self.next);
        Some(item)
    }
}

/// Why a text is not JSON, in `serde_json`'s words and at the place it
/// names (the widget and the server have always reported those).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    what: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const NUMBER_OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// `serde_json` refuses lists and objects nested deeper than this.
const MAX_DEPTH: usize = 127;

/// A recursive descent that follows `serde_json`'s steps, so that it stops
/// at the same byte for the same reason. `pos` is the next byte to read.
struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    nodes: Vec<Node>,
    decoded: String,
}

type Parsed<T = ()> = Result<T, JsonError>;

impl Parser<'_> {
    /// An error about the byte just read (or the end of the text).
    fn error(&self, what: &'static str) -> JsonError {
        self.error_at(what, self.pos)
    }

    /// An error about the byte at `pos`, not yet read.
    fn peek_error(&self, what: &'static str) -> JsonError {
        self.error_at(what, (self.pos + 1).min(self.bytes.len()))
    }

    /// Where `serde_json` says an error is: the line, and the bytes before
    /// `end` on that line.
    fn error_at(&self, what: &'static str, end: usize) -> JsonError {
        let before = &self.bytes[..end];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        JsonError {
            what,
            line: 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count(),
            column: end - line_start,
        }
    }

    fn peek(&self) -> Option<u8> {
        (self.pos < self.bytes.len()).then(|| self.bytes[self.pos])
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    /// The next byte that is not whitespace, not read.
    fn peek_token(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
        self.peek()
    }

    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// The whole text: one value, then nothing but whitespace.
    fn document(&mut self) -> Parsed {
        self.value(0)?;
        match self.peek_token() {
            Some(_) => Err(self.peek_error(TRAILING_CHARACTERS)),
            None => Ok(()),
        }
    }

    /// A value inside `depth` lists and objects.
    fn value(&mut self, depth: usize) -> Parsed {
        let Some(first) = self.peek_token() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        match first {
            b'n' => self.word("null", Node::Null),
            b't' => self.word("true", Node::Bool(true)),
            b'f' => self.word("false", Node::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            b'"' => {
                self.pos += 1;
                self.string()
            }
            b'[' | b'{' if depth == MAX_DEPTH => Err(self.peek_error(RECURSION_LIMIT)),
            b'[' => self.list(depth + 1),
            b'{' => self.object(depth + 1),
            _ => Err(self.peek_error(EXPECTED_VALUE)),
        }
    }

    fn list(&mut self, depth: usize) -> Parsed {
        self.pos += 1;
        let index = self.push(Node::List { end: 0 });
        let mut first = true;
        loop {
            match self.peek_token() {
                None => return Err(self.peek_error(EOF_LIST)),
                Some(b']') => break,
                Some(_) if first => first = false,
                Some(b',') => {
                    self.pos += 1;
                    match self.peek_token() {
                        Some(b']') => return Err(self.peek_error(TRAILING_COMMA)),
                        Some(_) => {}
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error(EXPECTED_LIST_COMMA_OR_END)),
            }
            self.value(depth)?;
        }
        self.pos += 1;
        self.close(index);
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Parsed {
        self.pos += 1;
        let index = self.push(Node::Object { end: 0 });
        let mut first = true;
        loop {
            match self.peek_token() {
                None => return Err(self.peek_error(EOF_OBJECT)),
                Some(b'}') => break,
                Some(b'"') if first => first = false,
                Some(_) if first => return Err(self.peek_error(KEY_MUST_BE_A_STRING)),
                Some(b',') => {
                    self.pos += 1;
                    match self.peek_token() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error(TRAILING_COMMA)),
                        Some(_) => return Err(self.peek_error(KEY_MUST_BE_A_STRING)),
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error(EXPECTED_OBJECT_COMMA_OR_END)),
            }
            self.pos += 1;
            self.string()?;
            match self.peek_token() {
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.peek_error(EXPECTED_COLON)),
                None => return Err(self.peek_error(EOF_OBJECT)),
            }
            self.value(depth)?;
        }
        self.pos += 1;
        self.close(index);
        Ok(())
    }

    fn close(&mut self, index: usize) {
        let end = self.nodes.len() as u32;
        if let Node::List { end: e } | Node::Object { end: e } = &mut self.nodes[index] {
            *e = end;
        }
    }

    /// `null`, `true` or `false`.
    fn word(&mut self, word: &str, node: Node) -> Parsed {
        self.pos += 1;
        for &expected in &word.as_bytes()[1..] {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(byte) if byte != expected => return Err(self.error(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        self.push(node);
        Ok(())
    }

    /// A string whose opening quote was read.
    fn string(&mut self) -> Parsed {
        let start = self.pos;
        // Where the string's decoded text starts in `decoded`, once an escape is met.
        let mut decoded_from = None;
        // The start of the text not yet copied to `decoded`.
        let mut run = start;
        loop {
            self.pos = scan::find(
                self.bytes,
                self.pos,
                |word| {
                    scan::has(word, b'"') | scan::has(word, b'\\') | scan::has_below(word, 0x20)
                        != 0
                },
                |byte| matches!(byte, b'"' | b'\\' | 0..=0x1f),
            );
            match self.next() {
                None => return Err(self.error(EOF_STRING)),
                Some(b'"') => break,
                Some(b'\\') => {
                    decoded_from.get_or_insert(self.decoded.len());
                    self.decoded.push_str(&self.text[run..self.pos - 1]);
                    let c = self.escape()?;
                    self.decoded.push(c);
                    run = self.pos;
                }
                Some(0..=0x1f) => return Err(self.error(CONTROL_CHARACTER)),
                Some(_) => {}
            }
        }
        let end = self.pos - 1;
        let node = match decoded_from {
            None => Node::Str {
                decoded: false,
                start: start as u32,
                end: end as u32,
            },
            Some(from) => {
                self.decoded.push_str(&self.text[run..end]);
                Node::Str {
                    decoded: true,
                    start: from as u32,
                    end: self.decoded.len() as u32,
                }
            }
        };
        self.push(node);
        Ok(())
    }

    /// The character of an escape whose `\\` was read.
    fn escape(&mut self) -> Parsed<char> {
        let Some(letter) = self.next() else {
            return Err(self.error(EOF_STRING));
        };
        Ok(match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\x08',
            b'f' => '\x0c',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error(INVALID_ESCAPE)),
        })
    }

    /// The character of a `\\u` escape (two, for a surrogate pair) whose
    /// `\\u` was read.
    fn unicode_escape(&mut self) -> Parsed<char> {
        let first = self.hex()?;
        if !(0xd800..0xdc00).contains(&first) {
            // Any other code unit but a trailing surrogate is a character.
            return char::from_u32(first).ok_or_else(|| self.error(LONE_SURROGATE));
        }
        for expected in [b'\\', b'u'] {
            match self.next() {
                None => return Err(self.error(EOF_STRING)),
                Some(byte) if byte != expected => return Err(self.error(END_OF_HEX_ESCAPE)),
                Some(_) => {}
            }
        }
        let second = self.hex()?;
        if !(0xdc00..0xe000).contains(&second) {
            return Err(self.error(LONE_SURROGATE));
        }
        let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
        Ok(char::from_u32(code).expect("a surrogate pair is a character"))
    }

    fn hex(&mut self) -> Parsed<u32> {
        let Some(digits) = self.bytes.get(self.pos..self.pos + 4) else {
            self.pos = self.bytes.len();
            return Err(self.error(EOF_STRING));
        };
        self.pos += 4;
        let mut code = 0;
        for &digit in digits {
            let value = char::from(digit).to_digit(16);
            code = code * 16 + value.ok_or_else(|| self.error(INVALID_ESCAPE))?;
        }
        Ok(code)
    }

    /// A number. Its value is not kept (the literal is), but, as
    /// `serde_json` does, a number too large for an `f64` is refused, so
    /// its digits are read into a significand and a power of ten the way
    /// `serde_json` reads them.
    fn number(&mut self) -> Parsed {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let mut significand: u64 = 0;
        let mut exponent: i32 = 0;
        // Whether `serde_json` reads it as a float.
        let mut float = false;
        match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') if matches!(self.peek(), Some(b'0'..=b'9')) => {
                return Err(self.peek_error(INVALID_NUMBER))
            }
            Some(b'0') => {}
            Some(digit @ b'1'..=b'9') => {
                significand = u64::from(digit - b'0');
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    match add_digit(significand, digit).filter(|_| !float) {
                        Some(more) => significand = more,
                        // Past `u64::MAX` it is a float, and the digits that
                        // follow only scale it.
                        None => {
                            float = true;
                            exponent += 1;
                        }
                    }
                    self.pos += 1;
                }
            }
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        if self.peek() == Some(b'.') {
            float = true;
            self.pos += 1;
            let mut digits = 0;
            let mut full = false;
            while let Some(digit @ b'0'..=b'9') = self.peek() {
                match add_digit(significand, digit).filter(|_| !full) {
                    Some(more) => {
                        significand = more;
                        exponent -= 1;
                    }
                    None => full = true,
                }
                digits += 1;
                self.pos += 1;
            }
            if digits == 0 {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(INVALID_NUMBER),
                    None => self.peek_error(EOF_VALUE),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            float = true;
            self.pos += 1;
            let positive = match self.peek() {
                Some(b'+') => {
                    self.pos += 1;
                    true
                }
                Some(b'-') => {
                    self.pos += 1;
                    false
                }
                _ => true,
            };
            let mut power: i32 = match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(digit @ b'0'..=b'9') => i32::from(digit - b'0'),
                Some(_) => return Err(self.error(INVALID_NUMBER)),
            };
            while let Some(digit @ b'0'..=b'9') = self.peek() {
                self.pos += 1;
                match power
                    .checked_mul(10)
                    .and_then(|p| p.checked_add(i32::from(digit - b'0')))
                {
                    Some(more) => power = more,
                    // An exponent past `i32::MAX`: infinity, or zero.
                    None if positive && significand != 0 => {
                        return Err(self.error(NUMBER_OUT_OF_RANGE))
                    }
                    None => {
                        while let Some(b'0'..=b'9') = self.peek() {
                            self.pos += 1;
                        }
                        significand = 0;
                        break;
                    }
                }
            }
            exponent = if positive {
                exponent.saturating_add(power)
            } else {
                exponent.saturating_sub(power)
            };
        }
        if float && is_infinite(significand, exponent) {
            return Err(self.error(NUMBER_OUT_OF_RANGE));
        }
        self.push(Node::Number {
            start: start as u32,
            end: self.pos as u32,
        });
        Ok(())
    }
}

/// `significand * 10 + digit`, unless that passes `u64::MAX`.
fn add_digit(significand: u64, digit: u8) -> Option<u64> {
    significand
        .checked_mul(10)?
        .checked_add(u64::from(digit - b'0'))
}

/// Whether `serde_json` makes infinity of `significand` × 10^`exponent`: it
/// multiplies the significand by the power, exactly rounded, up to 10^308.
fn is_infinite(significand: u64, exponent: i32) -> bool {
    // Below 10^289 the product stays under 2^64 × 10^288, far from the limit.
    const LARGE: [f64; 20] = [
        1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301,
        1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
    ];
    match exponent {
        _ if significand == 0 => false,
        309.. => true,
        289.. => (significand as f64 * LARGE[exponent as usize - 289]).is_infinite(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value as `serde_json` would write it, keys in order and duplicate
    /// keys resolved as in a map, for comparing the two parsers.
    fn show(value: Value) -> serde_json::Value {
        use serde_json::Value as V;
        match value.node() {
            Node::Null => V::Null,
            Node::Bool(b) => V::Bool(b),
            Node::Number { .. } => serde_json::from_str(value.number().unwrap()).unwrap(),
            Node::Str { .. } => V::String(value.as_str().unwrap().to_owned()),
            Node::List { .. } => V::Array(value.items().unwrap().map(show).collect()),
            Node::Object { .. } => V::Object(
                value
                    .members()
                    .unwrap()
                    .map(|(k, v)| (k.to_owned(), show(v)))
                    .collect(),
            ),
        }
    }

    /// Both parsers read `text` as the same value, or refuse it with the same message.
    fn agree(text: &str) {
        let ours = Document::parse(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text);
        match (&ours, &theirs) {
            (Ok(doc), Ok(value)) => assert_eq!(&show(doc.root()), value, "{text:?}"),
            (Err(ours), Err(theirs)) => {
                assert_eq!(ours.to_string(), theirs.to_string(), "{text:?}")
            }
            (Ok(_), Err(theirs)) => panic!("{text:?}: read, but serde_json says {theirs}"),
            (Err(ours), Ok(_)) => panic!("{text:?}: serde_json reads it, but {ours}"),
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let texts = [
            "null",
            " true ",
            "false",
            "nul",
            "nulll",
            "tru",
            "[]",
            "{}",
            " [ ] ",
            "[1,2,[3,{}],{\"a\":[]}]",
            "{\"a\":1,\"b\":{\"c\":[null,true]}}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":1,\"b\":2,\"a\":null}",
            "{\"\":0}",
            "[1,]",
            "[,1]",
            "{\"a\":1,}",
            "{,}",
            "{\"a\"}",
            "{\"a\" 1}",
            "{1:2}",
            "{\"a\":1 \"b\":2}",
            "[1 2]",
            "[1}",
            "{\"a\":1]",
            "[",
            "]",
            "{",
            "",
            " ",
            "\u{feff}{}",
            "{} x",
            "{}\n\t\r ",
            "{}\u{c}",
            "\u{a0}{}",
            "\"a\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"",
            "\"\\ud83d\\ude00\"",
            "\"\\uD83D\\uDE00\"",
            "\"\\ud800\"",
            "\"\\ud800x\"",
            "\"\\ud800\\n\"",
            "\"\\ud800\\u0041\"",
            "\"\\ud800\\ud800\"",
            "\"\\udc00\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"\\u+123\"",
            "\"\\u00é0\"",
            "\"\\x\"",
            "\"\\\"",
            "\"a\u{1}\"",
            "\"a\u{7f}\"",
            "\"tab\tin\"",
            "\"é😀\"",
            "\"unclosed",
            "\"\\u0000\"",
            "{\"k\\u00e9y\":\"v\",\"k\u{e9}y\":1}",
            "0",
            "-0",
            "-0.0",
            "01",
            "-01",
            "1.",
            "1.e3",
            ".5",
            "-",
            "+1",
            "1e",
            "1e+",
            "1E-2",
            "1e2",
            "2.5e+3",
            "0e0",
            "1.5.2",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1e307",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "1.8e308",
            "1e309",
            "-1e309",
            "1e-400",
            "0e99999999999999999999",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0.000001e310",
            "100e306",
            "[1e400]",
            "{\"a\":-1e400}",
            "NaN",
            "Infinity",
            "[true,false,null]",
            "18446744073709551616.5e290",
            "1844674407370955161.6e289",
            "17976931348623157e292",
            "17976931348623159e292",
            "1e2147483647",
            "1e2147483648",
            "0e2147483648",
            "1e-2147483649",
            "[1\n,\n2\n,]",
            "{\n\"a\"\n:\n\"b\nc\"}",
        ];
        for text in texts {
            agree(text);
        }
        let long = format!("1{}", "0".repeat(400));
        agree(&long);
        agree(&format!("0.{}1e400", "0".repeat(200)));
        agree(&"9".repeat(308));
        agree(&"9".repeat(309));
    }

    #[test]
    fn nesting_is_refused_where_serde_json_refuses_it() {
        for depth in [126, 127, 128, 129] {
            agree(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
            agree(&format!("{}1{}", "[".repeat(depth), "]".repeat(depth)));
            let objects = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
            agree(&objects.replacen("{\"a\":}", "{}", 1));
            agree(&format!(
                "{}1{}",
                "[{\"a\":".repeat(depth / 2),
                "}]".repeat(depth / 2)
            ));
        }
    }

    /// Documents with a few random edits: mostly broken, in every way a
    /// parser can stop.
    #[test]
    fn refuses_broken_documents_as_serde_json_does() {
        let seeds = [
            include_str!("../../public/articles/iraq.json"),
            "{\"a\": [1, -2.5e+3, 0.0001, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\"],\n \"b\": {\"c\": {}}, \"d\": []}",
        ];
        let pieces = [
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "\\u",
            "\\ud800",
            "\\udc00",
            "0",
            "-",
            ".",
            "e",
            "E+",
            "1e400",
            "99999999999999999999",
            "\n",
            "\t",
            " ",
            "\u{0}",
            "\u{1f}",
            "é",
            "n",
            "tru",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut random = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for round in 0..3000 {
            let seed = seeds[round % seeds.len()];
            let mut text: Vec<char> = seed.chars().collect();
            for _ in 0..1 + random(3) {
                let at = random(text.len());
                match random(3) {
                    0 => {
                        let end = (at + 1 + random(8)).min(text.len());
                        text.drain(at..end);
                    }
                    1 => {
                        let piece = pieces[random(pieces.len())];
                        text.splice(at..at, piece.chars());
                    }
                    _ => text.truncate(at),
                }
                if text.is_empty() {
                    break;
                }
            }
            let text: String = text.into_iter().collect();
            agree(&text);
        }
    }

    #[test]
    fn numbers_as_the_model_reads_them() {
        let doc = Document::parse("[0, 7, -3, -0, 1.0, 1e2, 18446744073709551615, 18446744073709551616, -9223372036854775808, \"1\"]").unwrap();
        let items: Vec<Value> = doc.root().items().unwrap().collect();
        let u64s: Vec<_> = items.iter().map(|v| v.as_u64()).collect();
        let theirs: serde_json::Value = serde_json::from_str(doc.text).unwrap();
        let expected: Vec<_> = theirs
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64())
            .collect();
        assert_eq!(u64s, expected);
        let whole: Vec<_> = items
            .iter()
            .map(|v| v.whole_number().map(str::to_owned))
            .collect();
        let expected: Vec<_> = theirs
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                v.as_number()
                    .filter(|n| n.is_i64() || n.is_u64())
                    .map(|n| n.to_string())
            })
            .collect();
        assert_eq!(whole, expected);
    }
}
