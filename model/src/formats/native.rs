//! The native format's adapter: reads an `article/1` JSON document into the
//! checked [`Article`] model, enforcing every rule of
//! `shared/spec/article-json.md`.

use crate::date::is_rfc3339;
use crate::document::*;
use crate::json::Value;
use crate::json_path::At;
use crate::poll::rules::{self, Part};
use crate::read::{check_counts, PartCounts};
use crate::slug::{slugify, UniqueIds};
use crate::url::Base;
use crate::DocError;

/// Reads a native document; what is skipped goes to `warnings`.
pub(crate) fn read(
    value: Value,
    base: &Base,
    warnings: &mut Vec<String>,
) -> Result<Article, DocError> {
    let root = At::root(value);
    root.object()?;
    check_format(&root)?;
    check_limits(value)?;
    Reader { base, warnings }.article(&root)
}

fn check_format(root: &At) -> Result<(), DocError> {
    let Some(at) = root.field("format")? else {
        return Ok(());
    };
    let format = at.str()?;
    if format == "article/1" || format.starts_with("article/1.") {
        Ok(())
    } else {
        Err(DocError::Unsupported {
            format: format.to_owned(),
        })
    }
}

/// Refuses oversized documents before any of their content is read.
fn check_limits(value: Value) -> Result<(), DocError> {
    fn add_blocks(counts: &mut PartCounts, blocks: Option<Value>) {
        for block in blocks.and_then(Value::items).into_iter().flatten() {
            counts.blocks += 1;
            counts.spans += spans_in(block);
        }
    }
    let mut counts = PartCounts::default();
    add_blocks(&mut counts, value.get("lead"));
    for section in value
        .get("sections")
        .and_then(Value::items)
        .into_iter()
        .flatten()
    {
        counts.sections += 1;
        add_blocks(&mut counts, section.get("blocks"));
    }
    check_counts(counts)
}

/// The spans a block's text will be read as: a string is one, a list one
/// per entry. (Anything else is an error found when the block is read.)
fn spans_in(block: Value) -> usize {
    let spans = |text: Value| match text.items() {
        Some(spans) => spans.count(),
        None => usize::from(text.as_str().is_some()),
    };
    match block.get("type").and_then(Value::as_str) {
        Some("paragraph" | "quote") => block.get("text").map_or(0, spans),
        Some("list") => block
            .get("items")
            .and_then(Value::items)
            .map_or(0, |items| items.map(spans).sum()),
        _ => 0,
    }
}

struct Reader<'u> {
    base: &'u Base,
    warnings: &'u mut Vec<String>,
}

impl Reader<'_> {
    fn article(mut self, at: &At) -> Result<Article, DocError> {
        let id = at.text("id")?;
        if id.chars().count() > 200 {
            return Err(at.required("id")?.error("must be at most 200 characters"));
        }
        let url = match at.field("url")? {
            Some(u) => Some(self.absolute_http(&u)?),
            None => None,
        };
        let lead = match at.field("lead")? {
            Some(lead) => self.blocks(&lead)?,
            None => Vec::new(),
        };
        let sections = self.sections(&at.required("sections")?)?;
        Ok(Article {
            id,
            title: at.text("title")?,
            dek: at.opt_string("dek")?,
            url,
            lang: self.lang(at)?,
            dir: dir(at)?,
            published: date(at, "published")?,
            updated: date(at, "updated")?,
            authors: self.authors(at)?,
            hero: at.field("hero")?.map(|h| self.image(&h)).transpose()?,
            lead,
            sections,
            related: at.field("related")?.map(|r| self.related(&r)).transpose()?,
        })
    }

    fn lang(&self, at: &At) -> Result<String, DocError> {
        let Some(lang) = at.field("lang")? else {
            return Ok("en".to_owned());
        };
        let tag = lang.str()?;
        if !is_language_tag(tag) {
            return Err(lang.error("expected a BCP 47 language tag such as \"en\" or \"pt-BR\""));
        }
        Ok(tag.to_owned())
    }

    fn authors(&self, at: &At) -> Result<Vec<Author>, DocError> {
        let Some(list) = at.field("authors")? else {
            return Ok(Vec::new());
        };
        list.list()?
            .iter()
            .map(|author| {
                Ok(Author {
                    name: author.text("name")?,
                    url: author
                        .opt_string("url")?
                        .and_then(|u| self.base.safe_link(&u)),
                })
            })
            .collect()
    }

    fn sections(&mut self, at: &At) -> Result<Vec<Section>, DocError> {
        let list = at.list()?;
        let mut ids = UniqueIds::default();
        // Ids the document gives are claimed first, so derived ones avoid them.
        for section in &list {
            if let Some(id) = section.field("id")? {
                let text = id.str()?;
                if text.is_empty()
                    || text.len() > 100
                    || text.contains(|c: char| c.is_whitespace() || c == '#')
                {
                    return Err(id.error("must be 1–100 characters without spaces or '#'"));
                }
                if !ids.claim(text) {
                    return Err(id.error(format!("\"{text}\" is used by another section")));
                }
            }
        }
        list.iter()
            .map(|section| {
                let heading = section.text("heading")?;
                let id = match section.opt_string("id")? {
                    Some(id) => id,
                    None => ids.derive(&slugify(&heading)),
                };
                Ok(Section {
                    id,
                    collapsed: section.opt_bool("collapsed")?.unwrap_or(false),
                    blocks: self.blocks(&section.required("blocks")?)?,
                    heading,
                })
            })
            .collect()
    }

    fn blocks(&mut self, at: &At) -> Result<Vec<Block>, DocError> {
        let mut blocks = Vec::new();
        for block in at.list()? {
            if let Some(block) = self.block(&block)? {
                blocks.push(block);
            }
        }
        Ok(blocks)
    }

    /// `None` for a block type this version does not know (skipped, with a warning).
    fn block(&mut self, at: &At) -> Result<Option<Block>, DocError> {
        let block = match at.required("type")?.str()? {
            "paragraph" => Block::Paragraph(self.inline(&at.required("text")?)?),
            "subheading" => Block::Subheading(at.text("text")?),
            "quote" => Block::Quote {
                text: self.inline(&at.required("text")?)?,
                cite: at.opt_string("cite")?,
            },
            "list" => Block::List {
                ordered: at.opt_bool("ordered")?.unwrap_or(false),
                items: at
                    .required("items")?
                    .list()?
                    .iter()
                    .map(|item| self.inline(item))
                    .collect::<Result<_, _>>()?,
            },
            "image" => Block::Image(self.image(at)?),
            "embed" => Block::Embed {
                url: self.web_url(&at.required("url")?)?,
                title: at.text("title")?,
                provider: at.opt_string("provider")?,
            },
            "poll" => Block::Poll(self.poll(at)?),
            other => {
                self.warnings.push(format!(
                    "{}: skipped a block of unknown type \"{other}\"",
                    at.path()
                ));
                return Ok(None);
            }
        };
        Ok(Some(block))
    }

    fn inline(&self, at: &At) -> Result<Inline, DocError> {
        if let Some(text) = at.value.as_str() {
            return Ok(vec![Span::plain(text)]);
        }
        if at.value.items().is_none() {
            return Err(at.error(format!(
                "expected a string or a list of spans, found {}",
                at.value.kind()
            )));
        }
        at.list()?.iter().map(|span| self.span(span)).collect()
    }

    fn span(&self, at: &At) -> Result<Span, DocError> {
        if let Some(text) = at.value.as_str() {
            return Ok(Span::plain(text));
        }
        if !at.value.is_object() {
            return Err(at.error(format!(
                "expected a string or a span object, found {}",
                at.value.kind()
            )));
        }
        let mut marks = Marks::default();
        if let Some(list) = at.field("marks")? {
            for mark in list.list()? {
                match mark.str()? {
                    "em" => marks.em = true,
                    "strong" => marks.strong = true,
                    "code" => marks.code = true,
                    other => {
                        return Err(mark.error(format!(
                            "unknown mark \"{other}\" (expected em, strong or code)"
                        )))
                    }
                }
            }
        }
        Ok(Span {
            text: at.required("text")?.str()?.to_owned(),
            marks,
            // An unsafe link is dropped and the span stays as plain text.
            href: at
                .opt_string("href")?
                .and_then(|href| self.base.safe_link(&href)),
        })
    }

    fn image(&self, at: &At) -> Result<Image, DocError> {
        let dimension = |key| -> Result<Option<u32>, DocError> {
            match at.field(key)? {
                Some(n) if n.value.as_u64() == Some(0) => Err(n.error("must be at least 1")),
                Some(n) => Ok(Some(n.count(100_000)? as u32)),
                None => Ok(None),
            }
        };
        Ok(Image {
            src: self.web_url(&at.required("src")?)?,
            alt: at.required("alt")?.str()?.to_owned(),
            caption: at.opt_string("caption")?,
            credit: at.opt_string("credit")?,
            width: dimension("width")?,
            height: dimension("height")?,
        })
    }

    fn poll(&self, at: &At) -> Result<Poll, DocError> {
        let id_at = at.required("id")?;
        let question_at = at.required("question")?;
        let options_at = at.required("options")?;
        // Each option's fields, kept for the error's path.
        let mut option_ats = Vec::new();
        let mut options = Vec::new();
        let option_list = options_at.list()?;
        for option in &option_list {
            let (id, label) = (option.required("id")?, option.required("label")?);
            options.push(PollOption {
                id: id.str()?.to_owned(),
                label: label.str()?.to_owned(),
            });
            option_ats.push((id, label));
        }
        let closes_at_at = at.field("closes_at")?;
        let input = rules::PollInput {
            question: question_at.str()?.to_owned(),
            options,
            multiple: at.opt_bool("multiple")?.unwrap_or(false),
            closes_at: match closes_at_at {
                Some(date) => Some(date.str()?.to_owned()),
                None => None,
            },
        };
        let id = id_at.str()?;
        rules::check_definition(id, &input).map_err(|broken| {
            let part_at = match broken.part {
                Part::Id => id_at,
                Part::Question => question_at,
                Part::Options => options_at,
                Part::OptionId(i) => option_ats[i].0,
                Part::OptionLabel(i) => option_ats[i].1,
                Part::ClosesAt => closes_at_at.unwrap_or(*at),
            };
            part_at.error(broken.rule)
        })?;
        let results = match at.field("results")? {
            Some(results) => Some(poll_results(&results, &input.options)?),
            None => None,
        };
        Ok(Poll {
            id: id.to_owned(),
            question: input.question,
            options: input.options,
            multiple: input.multiple,
            closes_at: input.closes_at,
            endpoint: at
                .field("endpoint")?
                .map(|e| self.web_url(&e))
                .transpose()?,
            results,
        })
    }

    fn related(&mut self, at: &At) -> Result<Related, DocError> {
        let mut items = Vec::new();
        for item in at.required("items")?.list()? {
            let url_at = item.required("url")?;
            let Some(url) = self.base.safe_http(url_at.str()?) else {
                self.warnings.push(format!(
                    "{}: left out a related link with an unsafe URL",
                    url_at.path()
                ));
                continue;
            };
            items.push(RelatedItem {
                url,
                title: item.text("title")?,
                description: item.opt_string("description")?,
                source: item.opt_string("source")?,
                image: item.field("image")?.map(|i| self.image(&i)).transpose()?,
                intro: item.opt_string("intro")?,
            });
        }
        Ok(Related {
            title: at.opt_string("title")?,
            items,
        })
    }

    /// An http(s) URL or a relative one, resolved against the document.
    fn web_url(&self, at: &At) -> Result<String, DocError> {
        self.base
            .safe_http(at.str()?)
            .ok_or_else(|| at.error("expected an http or https URL"))
    }

    fn absolute_http(&self, at: &At) -> Result<String, DocError> {
        let raw = at.str()?;
        let lower = raw.trim_start().to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(at.error("expected an absolute http or https URL"));
        }
        self.web_url(at)
    }
}

/// A poll's `results`: a count for each of its options.
fn poll_results(results: &At, options: &[PollOption]) -> Result<Counts, DocError> {
    let members: Vec<_> = results.members()?.collect();
    // At most one per option: the search below stays short.
    let mut counts = Counts::new();
    let mut first_wrong: Option<(&str, DocError)> = None;
    // From the last, so that a key given twice counts its last value.
    for (key, count) in members.into_iter().rev() {
        if counts.iter().any(|(known, _)| known == key) {
            continue;
        }
        let checked = if count.value.is_null() {
            Err(count.error("is required"))
        } else if !options.iter().any(|o| o.id == key) {
            Err(count.error("is not one of the poll's option ids"))
        } else {
            count.count(u64::from(u32::MAX))
        };
        match checked {
            Ok(n) => counts.push((key.to_owned(), n)),
            // The wrong count reported is the first by key, as it was when
            // `serde_json` gave the results as a map sorted by key.
            Err(error) if first_wrong.as_ref().is_none_or(|(k, _)| key < *k) => {
                first_wrong = Some((key, error));
            }
            Err(_) => {}
        }
    }
    match first_wrong {
        Some((_, error)) => Err(error),
        None => Ok(counts),
    }
}

/// A well-formed BCP 47 tag such as `en` or `pt-BR`.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    tag.split('-').enumerate().all(|(i, part)| {
        (1..=8).contains(&part.len())
            && part.chars().all(|c| c.is_ascii_alphanumeric())
            && (i > 0 || (part.len() >= 2 && part.chars().all(|c| c.is_ascii_alphabetic())))
    })
}

fn dir(at: &At) -> Result<TextDirection, DocError> {
    let Some(dir) = at.field("dir")? else {
        return Ok(TextDirection::Auto);
    };
    match dir.str()? {
        "ltr" => Ok(TextDirection::Ltr),
        "rtl" => Ok(TextDirection::Rtl),
        "auto" => Ok(TextDirection::Auto),
        _ => Err(dir.error("expected \"ltr\", \"rtl\" or \"auto\"")),
    }
}

fn date(at: &At, key: &str) -> Result<Option<String>, DocError> {
    let Some(date) = at.field(key)? else {
        return Ok(None);
    };
    let text = date.str()?;
    if !is_rfc3339(text) {
        return Err(date.error(rules::DATE_RULE));
    }
    Ok(Some(text.to_owned()))
}
