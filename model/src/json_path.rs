//! A cursor over a parsed document's values that knows its own JSON path,
//! so every schema error can say where it is (`sections[2].blocks[0].text: ...`).
//! The path is only turned into a string when an error is made.

use crate::json::Value;
use crate::DocError;

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub value: Value<'a>,
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

impl<'a> At<'a> {
    pub fn root(value: Value<'a>) -> Self {
        At {
            value,
            parent: None,
            step: Step::Root,
        }
    }

    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(node) = at {
            steps.push(node.step);
            at = node.parent;
        }
        let mut path = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Root => {}
                Step::Key(key) if path.is_empty() => path.push_str(key),
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        path
    }

    pub fn error(&self, message: impl Into<String>) -> DocError {
        DocError::Schema {
            path: self.path(),
            message: message.into(),
        }
    }

    /// An error unless the value is an object.
    pub fn object(&self) -> Result<(), DocError> {
        match self.value.is_object() {
            true => Ok(()),
            false => Err(self.error(format!("expected an object, found {}", self.value.kind()))),
        }
    }

    /// An object's members: each key, and a cursor at its value.
    pub fn members(&self) -> Result<impl Iterator<Item = (&'a str, At<'_>)>, DocError> {
        let members = self.value.members().ok_or_else(|| {
            self.error(format!("expected an object, found {}", self.value.kind()))
        })?;
        Ok(members.map(move |(key, value)| {
            let at = At {
                value,
                parent: Some(self),
                step: Step::Key(key),
            };
            (key, at)
        }))
    }

    /// The member `key`, or `None` when it is absent or `null`.
    pub fn field<'b>(&'b self, key: &'b str) -> Result<Option<At<'b>>, DocError> {
        self.object()?;
        Ok(self
            .value
            .get(key)
            .filter(|v| !v.is_null())
            .map(|value| At {
                value,
                parent: Some(self),
                step: Step::Key(key),
            }))
    }

    pub fn required<'b>(&'b self, key: &'b str) -> Result<At<'b>, DocError> {
        self.field(key)?.ok_or_else(|| {
            At {
                // Only the path of a missing member is used.
                value: self.value,
                parent: Some(self),
                step: Step::Key(key),
            }
            .error("is required")
        })
    }

    pub fn list(&self) -> Result<Vec<At<'_>>, DocError> {
        let items = self
            .value
            .items()
            .ok_or_else(|| self.error(format!("expected a list, found {}", self.value.kind())))?;
        Ok(items
            .enumerate()
            .map(|(i, value)| At {
                value,
                parent: Some(self),
                step: Step::Index(i),
            })
            .collect())
    }

    pub fn str(&self) -> Result<&'a str, DocError> {
        self.value
            .as_str()
            .ok_or_else(|| self.error(format!("expected a string, found {}", self.value.kind())))
    }

    pub fn bool(&self) -> Result<bool, DocError> {
        self.value.as_bool().ok_or_else(|| {
            self.error(format!(
                "expected true or false, found {}",
                self.value.kind()
            ))
        })
    }

    pub fn count(&self, max: u64) -> Result<u64, DocError> {
        match self.value.as_u64() {
            Some(n) if n <= max => Ok(n),
            _ => Err(self.error(format!("expected a whole number from 0 to {max}"))),
        }
    }
}

/// Typed accessors for optional and required members, so the document
/// reader reads like the spec's tables.
impl<'a> At<'a> {
    pub fn opt_string(&self, key: &str) -> Result<Option<String>, DocError> {
        self.field(key)?
            .map(|at| at.str().map(str::to_owned))
            .transpose()
    }

    /// A required string that is not empty after trimming.
    pub fn text(&self, key: &str) -> Result<String, DocError> {
        let at = self.required(key)?;
        let value = at.str()?;
        if value.trim().is_empty() {
            return Err(at.error("must not be empty"));
        }
        Ok(value.to_owned())
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, DocError> {
        self.field(key)?.map(|at| at.bool()).transpose()
    }
}
