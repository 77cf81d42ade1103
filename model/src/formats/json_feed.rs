//! JSON Feed 1.1 (jsonfeed.org/version/1.1): a feed, of which one item is
//! shown, or an item on its own. `title` and `summary` are plain text;
//! `content_html` is HTML, reduced through the allow-list.
//!
//! Many feeds escape their plain text as if it were HTML anyway
//! (`"title": "Add Task &amp; Sub Tasks"`), and feed readers decode it, so
//! character references in titles, summaries and author names are decoded
//! too. The result stays text: a `<b>` in a title is shown as `<b>`.

use super::entities::decode;
use super::{body, choose, id_text, language, lenient_date, non_blank, reduce::text_body};
use crate::document::{Article, Author, Image, TextDirection};
use crate::json_path::At;
use crate::url::Base;
use crate::DocError;

/// The chosen item of a feed; the feed lends it a title, authors and a
/// language when the item has none.
pub fn read_feed(
    feed: &At,
    base: &Base,
    selector: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Article, DocError> {
    let version = feed.required("version")?.str()?;
    let major = version.rsplit('/').next().unwrap_or_default();
    if major != "1" && !major.starts_with("1.") {
        return Err(DocError::Unsupported {
            format: version.to_owned(),
        });
    }
    let items = feed.required("items")?;
    read_item(&choose(&items, selector, "id")?, Some(feed), base, warnings)
}

pub fn read_item(
    item: &At,
    feed: Option<&At>,
    base: &Base,
    warnings: &mut Vec<String>,
) -> Result<Article, DocError> {
    let title = match non_blank(item.opt_string("title")?) {
        Some(title) => title,
        None => match feed.map(|f| f.opt_string("title")).transpose()? {
            Some(Some(title)) if !title.trim().is_empty() => title,
            _ => item.text("title")?,
        },
    };
    let title = plain_text(&title);
    let body = if let Some(html) = item.opt_string("content_html")? {
        body(&html, base)?
    } else if let Some(text) = item.opt_string("content_text")? {
        text_body(&text)
    } else {
        return Err(item.error("needs content_html or content_text"));
    };
    let mut authors = read_authors(item, base)?;
    if authors.is_none() {
        if let Some(feed) = feed {
            authors = read_authors(feed, base)?;
        }
    }
    let mut lang = item.opt_string("language")?;
    if lang.is_none() {
        lang = feed
            .map(|f| f.opt_string("language"))
            .transpose()?
            .flatten();
    }
    let hero = match non_blank(item.opt_string("image")?) {
        Some(src) => Some(src),
        None => non_blank(item.opt_string("banner_image")?),
    };
    let hero = hero.and_then(|src| {
        let image = base.safe_http(&src).map(picture);
        if image.is_none() {
            warnings.push(format!(
                "{}: ignored an image with an unsafe URL",
                item.path()
            ));
        }
        image
    });
    Ok(Article {
        id: id_text(&item.required("id")?)?,
        title,
        dek: non_blank(item.opt_string("summary")?.map(|s| plain_text(&s))),
        url: item.opt_string("url")?.and_then(|u| base.safe_http(&u)),
        lang: language(lang.as_deref(), warnings),
        dir: TextDirection::Auto,
        published: lenient_date(item.field("date_published")?, warnings),
        updated: lenient_date(item.field("date_modified")?, warnings),
        authors: authors.unwrap_or_default(),
        hero,
        lead: body.lead,
        sections: body.sections,
        related: None,
    })
}

/// A plain-text field with the character references feeds put in it decoded.
fn plain_text(text: &str) -> String {
    decode(text, false).into_owned()
}

/// A picture the feed names only by URL: no alt text is known.
fn picture(src: String) -> Image {
    Image {
        src,
        alt: String::new(),
        caption: None,
        credit: None,
        width: None,
        height: None,
    }
}

/// `authors` (1.1), or the single `author` of version 1; `None` when neither
/// is given. Authors without a name are left out.
fn read_authors(at: &At, base: &Base) -> Result<Option<Vec<Author>>, DocError> {
    let author = |entry: &At| -> Option<Author> {
        let name = entry.value.get("name")?.as_str()?.trim();
        (!name.is_empty()).then(|| Author {
            name: plain_text(name),
            url: entry
                .value
                .get("url")
                .and_then(|u| u.as_str())
                .and_then(|u| base.safe_link(u)),
        })
    };
    if let Some(list) = at.field("authors")? {
        return Ok(Some(list.list()?.iter().filter_map(author).collect()));
    }
    Ok(at
        .field("author")?
        .map(|one| author(&one).into_iter().collect()))
}
