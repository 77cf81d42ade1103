//! Rendering the embed markup natively (feature `ssr`).

use std::sync::Arc;

use article_model::{escape_html, read, Article, DocError};
use leptos::prelude::*;
use leptos::reactive::owner::Owner;

use crate::article::load::LoadError;
use crate::article::ArticleView;
use crate::context::WidgetContext;
use crate::i18n::{messages, messages_for};
use crate::ids;
use crate::options::{Theme, WidgetOptions};

/// How the markup embeds the widget (`shared/spec/embedding.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmbedMode {
    /// `<div data-article-widget data-src="…">`, styled by the page's stylesheet link.
    #[default]
    Placeholder,
    /// `<article-widget src="…">` with a declarative shadow root.
    Element,
}

/// Everything the markup depends on besides the document.
#[derive(Debug, Clone, Default)]
pub struct EmbedOptions {
    /// The widget's options; `src` must be absolute (the document's relative
    /// URLs resolve against it, as in the browser).
    pub widget: WidgetOptions,
    pub mode: EmbedMode,
    /// Folder of `article-widget.js` and `article-widget.css`, ending in `/`.
    pub widget_base: String,
}

/// The sentence the widget shows for a document it refuses (its JSON path included).
pub fn refusal_message(error: &DocError, lang: Option<&str>) -> String {
    LoadError::Document(error.clone()).message(messages(lang))
}

/// Reads `document` (any format the widget reads) and renders the embed
/// markup; a document the widget would refuse is an error with its message.
pub fn render_embed(document: &str, options: &EmbedOptions) -> Result<String, String> {
    let widget = &options.widget;
    let article = read(document, &widget.src, widget.item.as_deref())
        .map(|reading| reading.article)
        .map_err(|e| refusal_message(&e, widget.lang.as_deref()))?;
    Ok(embed_markup(&article, options))
}

/// The embed markup for an article already read.
pub fn embed_markup(article: &Article, options: &EmbedOptions) -> String {
    let widget = &options.widget;
    let inner = render_widget(article, widget);
    let stylesheet = format!("{}article-widget.css", options.widget_base);
    // Opens every section and hides what needs the widget, for readers without script.
    let noscript = format!(
        "<noscript><link rel=\"stylesheet\" href=\"{}article-widget-noscript.css\"></noscript>",
        escape_html(&options.widget_base)
    );
    let mut attributes = Vec::new();
    attributes.push(("src", Some(widget.src.as_str())));
    attributes.push(("item", widget.item.as_deref()));
    attributes.push(("poll-endpoint", widget.poll_endpoint.as_deref()));
    attributes.push((
        "sections",
        widget
            .sections_collapsed
            .map(|c| if c { "collapsed" } else { "expanded" }),
    ));
    attributes.push((
        "theme",
        (widget.theme != Theme::Auto).then(|| widget.theme.as_str()),
    ));
    attributes.push(("lang", widget.lang.as_deref()));
    let mut out = String::with_capacity(inner.len() + 1024);
    match options.mode {
        EmbedMode::Placeholder => {
            out.push_str(&noscript);
            out.push_str("<div data-article-widget");
            for (name, value) in attributes {
                if let Some(value) = value {
                    out.push_str(&format!(" data-{name}=\"{}\"", escape_html(value)));
                }
            }
            out.push('>');
            out.push_str(&inner);
            out.push_str("</div>");
        }
        EmbedMode::Element => {
            out.push_str("<article-widget");
            for (name, value) in attributes {
                if let Some(value) = value {
                    out.push_str(&format!(" {name}=\"{}\"", escape_html(value)));
                }
            }
            out.push_str("><template shadowrootmode=\"open\">");
            out.push_str(&format!(
                "<link rel=\"stylesheet\" href=\"{}\">{noscript}<div>",
                escape_html(&stylesheet)
            ));
            out.push_str(&inner);
            out.push_str("</div></template></article-widget>");
        }
    }
    out.push_str("\n<script type=\"application/ld+json\">");
    out.push_str(&json_ld(article));
    out.push_str("</script>\n");
    out
}

/// The widget's root with the article inside, as the live widget renders it
/// once its document has arrived (every section chunk included).
pub fn render_widget(article: &Article, widget: &WidgetOptions) -> String {
    ids::start_widget(&widget.src, widget.item.as_deref());
    let ui = messages_for(&[widget.lang.as_deref(), Some(&article.lang)]);
    let article = Arc::new(article.clone());
    let options = Arc::new(widget.clone());
    let theme = widget.theme.as_str();
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(WidgetContext {
            options,
            messages: ui,
        });
        view! {
            <div class="aw-root" data-theme=theme data-prerendered="" lang=ui.lang dir=ui.dir>
                <ArticleView article />
            </div>
        }
        .to_html()
    });
    drop(owner);
    html
}

/// schema.org `NewsArticle` for search engines, as JSON that can sit inside
/// a `<script>` element: `<`, `>` and `&` are written as `\u003c` etc., so
/// no `</script>` or `<!--` in the document can end it.
pub fn json_ld(article: &Article) -> String {
    use serde_json::{json, Map, Value};
    let mut ld = Map::new();
    ld.insert("@context".into(), json!("https://schema.org"));
    ld.insert("@type".into(), json!("NewsArticle"));
    ld.insert("headline".into(), json!(article.title));
    if let Some(dek) = &article.dek {
        ld.insert("description".into(), json!(dek));
    }
    ld.insert("inLanguage".into(), json!(article.lang));
    if let Some(published) = &article.published {
        ld.insert("datePublished".into(), json!(published));
    }
    if let Some(updated) = &article.updated {
        ld.insert("dateModified".into(), json!(updated));
    }
    if !article.authors.is_empty() {
        let authors: Vec<Value> = article
            .authors
            .iter()
            .map(|a| {
                let mut person = json!({ "@type": "Person", "name": a.name });
                if let Some(url) = &a.url {
                    person["url"] = json!(url);
                }
                person
            })
            .collect();
        ld.insert("author".into(), Value::Array(authors));
    }
    if let Some(hero) = &article.hero {
        ld.insert("image".into(), json!([hero.src]));
    }
    if let Some(url) = &article.url {
        ld.insert("url".into(), json!(url));
        ld.insert("mainEntityOfPage".into(), json!(url));
    }
    let text = Value::Object(ld).to_string();
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}
