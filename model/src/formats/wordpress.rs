//! WordPress REST API posts (`/wp-json/wp/v2/posts/<id>`, or a list of
//! posts), with or without `_embed`. Titles, excerpts and captions are HTML
//! (`title.rendered`), reduced to plain text; `content.rendered` is reduced
//! to the model's blocks. Authors and the featured image are only known
//! when the response embeds them (`?_embed`).

use super::{body, choose, html_text, id_text, lenient_date, non_blank};
use crate::document::{Article, Author, Image, TextDirection};
use crate::is_rfc3339;
use crate::json::{Items, Value};
use crate::json_path::At;
use crate::url::Base;
use crate::DocError;

/// The chosen post of a list (`?item=` by post id or position; the first by default).
pub fn read_posts(
    list: &At,
    base: &Base,
    selector: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Article, DocError> {
    read_post(&choose(list, selector, "id")?, base, warnings)
}

pub fn read_post(post: &At, base: &Base, warnings: &mut Vec<String>) -> Result<Article, DocError> {
    let title_at = post.required("title")?;
    let rendered_title = title_at.required("rendered")?;
    let title = html_text(rendered_title.str()?);
    if title.is_empty() {
        return Err(rendered_title.error("must not be empty"));
    }
    let body = body(post.required("content")?.required("rendered")?.str()?, base)?;
    let dek = match post.field("excerpt")? {
        Some(excerpt) => match excerpt.field("rendered")? {
            Some(rendered) => non_blank(Some(html_text(rendered.str()?))),
            None => None,
        },
        None => None,
    };
    let embedded = post.value.get("_embedded");
    let embedded_list = |key: &str| -> Option<Items> { embedded?.get(key)?.items() };
    let authors = embedded_list("author")
        .into_iter()
        .flatten()
        .filter_map(|author| embedded_author(author, base))
        .collect();
    let hero = embedded_list("wp:featuredmedia")
        .and_then(|mut media| media.next())
        .and_then(|media| featured_image(media, base));
    Ok(Article {
        id: id_text(&post.required("id")?)?,
        title,
        dek,
        url: post.opt_string("link")?.and_then(|u| base.safe_http(&u)),
        // The REST API does not say which language a post is in.
        lang: "en".to_owned(),
        dir: TextDirection::Auto,
        published: gmt_date(post.field("date_gmt")?, warnings),
        updated: gmt_date(post.field("modified_gmt")?, warnings),
        authors,
        hero,
        lead: body.lead,
        sections: body.sections,
        related: None,
    })
}

/// WordPress's `*_gmt` dates are UTC without a zone (`2024-07-22T09:30:00`).
fn gmt_date(at: Option<At>, warnings: &mut Vec<String>) -> Option<String> {
    let date = at?;
    match date.value.as_str() {
        Some(text) if !is_rfc3339(text) && is_rfc3339(&format!("{text}Z")) => {
            Some(format!("{text}Z"))
        }
        _ => lenient_date(Some(date), warnings),
    }
}

/// An `_embedded.author` entry; entries the reader may not see carry an
/// error `code` instead of a name and are left out.
fn embedded_author(author: Value, base: &Base) -> Option<Author> {
    let name = author.get("name")?.as_str()?.trim();
    (!name.is_empty()).then(|| Author {
        name: name.to_owned(),
        url: author
            .get("link")
            .and_then(Value::as_str)
            .and_then(|link| base.safe_link(link)),
    })
}

/// The featured image from `_embedded["wp:featuredmedia"][0]`, when it is a
/// picture with a safe URL.
fn featured_image(media: Value, base: &Base) -> Option<Image> {
    let text = |key: &str| media.get(key).and_then(Value::as_str);
    if text("media_type").is_some_and(|t| t != "image") {
        return None;
    }
    let src = base.safe_http(text("source_url")?)?;
    let details = media.get("media_details");
    let dimension = |key: &str| {
        details
            .and_then(|d| d.get(key))
            .and_then(Value::as_u64)
            .filter(|n| (1..=100_000).contains(n))
            .map(|n| n as u32)
    };
    let caption = media
        .get("caption")
        .and_then(|c| c.get("rendered"))
        .and_then(Value::as_str)
        .map(html_text);
    Some(Image {
        src,
        alt: html_text(text("alt_text").unwrap_or("")),
        caption: non_blank(caption),
        credit: None,
        width: dimension("width"),
        height: dimension("height"),
    })
}
