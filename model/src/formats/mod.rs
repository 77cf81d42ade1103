//! The formats the reader reads, one adapter each, all into the same
//! [`Article`] model: the native `article/1` (`native`), JSON Feed 1.1 items
//! (`json_feed`) and WordPress REST API posts (`wordpress`), recognised by
//! their shape ([`detect`]). `crate::read` is the one way in.
//!
//! The other formats' HTML goes through an allow-list: a small tokenizer
//! (`html`), a tree builder that keeps only what the model can express
//! (`tree`), and a reduction to blocks and spans (`reduce`). Nothing from it
//! ever reaches the page as HTML, and every URL in it passes `crate::url`.

mod detect;
mod entities;
mod html;
mod json_feed;
pub(crate) mod native;
mod reduce;
mod tree;
mod wordpress;

pub(crate) use detect::detect_json;
pub use detect::{detect, Format};
pub use entities::escape_html;
use reduce::body;
pub use reduce::{html_body, html_text, Body};

use crate::json::Value;
use crate::json_path::At;
use crate::url::Base;
use crate::{is_rfc3339, Article, Block, DocError};
use native::is_language_tag;

/// The article a document in `format` holds; what was skipped goes to `warnings`.
pub(crate) fn read_as(
    format: Format,
    value: Value,
    document_url: &str,
    item: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Article, DocError> {
    let root = At::root(value);
    let base = &Base::new(document_url);
    let article = match format {
        Format::Native => return native::read(value, base, warnings),
        Format::JsonFeed => json_feed::read_feed(&root, base, item, warnings)?,
        Format::JsonFeedItem => json_feed::read_item(&root, None, base, warnings)?,
        Format::WordPressPost => wordpress::read_post(&root, base, warnings)?,
        Format::WordPressPosts => wordpress::read_posts(&root, base, item, warnings)?,
    };
    Ok(hero_once(article))
}

/// The entry of `list` that `selector` names by id or position; the first when `None`.
fn choose<'a>(list: &'a At<'a>, selector: Option<&str>, id_key: &str) -> Result<At<'a>, DocError> {
    let entries = list.list()?;
    let Some(first) = entries.first() else {
        return Err(list.error("has no entries to show"));
    };
    let Some(wanted) = selector.map(str::trim) else {
        return Ok(*first);
    };
    let id_of = |entry: &At<'a>| {
        let id = entry.value.get(id_key)?;
        id.as_str().map(str::to_owned).or_else(|| id.whole_number())
    };
    if let Some(entry) = entries.iter().find(|e| id_of(e).as_deref() == Some(wanted)) {
        return Ok(*entry);
    }
    let position = wanted.parse::<usize>().ok().filter(|n| *n >= 1);
    match position.and_then(|n| entries.get(n - 1)) {
        Some(entry) => Ok(*entry),
        None => Err(list.error(format!(
            "no entry has the {id_key} \"{wanted}\" (and there are {} entries)",
            entries.len()
        ))),
    }
}

/// An id given as a string or a whole number, at most 200 characters. Only
/// whole numbers that fit 64 bits: `serde_json` reads any other as a float,
/// which written back would be another id than the document's
/// (`4.0222978250118374e+273` as `4.022297825011838e+273`).
fn id_text(at: &At) -> Result<String, DocError> {
    let id = match (at.value.as_str(), at.value.whole_number()) {
        (Some(id), _) if !id.trim().is_empty() => id.to_owned(),
        (Some(_), _) => return Err(at.error("must not be empty")),
        (None, Some(id)) => id,
        (None, None) => {
            return Err(at.error(format!(
                "expected a string or a whole number, found {}",
                at.value.kind()
            )))
        }
    };
    Ok(id.chars().take(200).collect())
}

/// A date other formats give: kept when it is RFC 3339, otherwise dropped
/// with a warning (a wrong date should not hide the article).
fn lenient_date(at: Option<At>, warnings: &mut Vec<String>) -> Option<String> {
    let at = at?;
    match at.value.as_str() {
        Some(date) if is_rfc3339(date) => Some(date.to_owned()),
        _ => {
            warnings.push(format!(
                "{}: ignored a date that is not RFC 3339",
                at.path()
            ));
            None
        }
    }
}

/// The document's language, `en` when it names none or a malformed one.
fn language(tag: Option<&str>, warnings: &mut Vec<String>) -> String {
    match tag.map(str::trim) {
        Some(tag) if is_language_tag(tag) => tag.to_owned(),
        Some(tag) => {
            warnings.push(format!("ignored the language tag \"{tag}\""));
            "en".to_owned()
        }
        None => "en".to_owned(),
    }
}

fn non_blank(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// A picture that is both the hero and in the lead is shown once, as the
/// hero, taking the lead's alt text, caption and size when it has none.
fn hero_once(mut article: Article) -> Article {
    if let Some(hero) = &mut article.hero {
        let same = article
            .lead
            .iter()
            .position(|block| matches!(block, Block::Image(image) if image.src == hero.src));
        if let Some(Block::Image(copy)) = same.map(|i| article.lead.remove(i)) {
            if hero.alt.is_empty() {
                hero.alt = copy.alt;
            }
            hero.caption = hero.caption.take().or(copy.caption);
            hero.width = hero.width.or(copy.width);
            hero.height = hero.height.or(copy.height);
        }
    }
    article
}
