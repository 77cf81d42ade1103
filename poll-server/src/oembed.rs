//! oEmbed 1.0 (<https://oembed.com/>) for the articles in `--articles-dir`:
//! a CMS given an article's address asks `GET /oembed?url=…&format=json` and
//! gets the iframe embed (`embed.html` plus its host script) to paste in.
//!
//! An article is known by its canonical `url` and by the address this server
//! serves its document at (when `--articles-dir` lies inside `--static-dir`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use article_model::escape_html;
use serde_json::{json, Value};
use url::Url;

/// The embed's size when the consumer sets no maximum: the widget's column
/// width, and a first height the host script then corrects to the content's.
pub const DEFAULT_WIDTH: u32 = 640;
pub const DEFAULT_HEIGHT: u32 = 900;

/// Where the widget's files are, and who provides the embeds.
#[derive(Debug, Clone)]
pub struct Provider {
    /// This server's address as browsers reach it, e.g. `https://widgets.example/`.
    pub public_url: Url,
    /// The folder URL of `embed.html` and `article-widget-frame.js`.
    pub widget_base: Url,
    pub name: String,
}

/// One article an oEmbed answer can describe.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownArticle {
    pub title: String,
    pub authors: Vec<String>,
    /// The document's own canonical address, if it gives one.
    pub canonical: Option<String>,
    /// Where this server serves the document: the embed's `src`.
    pub document_url: String,
}

/// The known articles, by every address they answer to (normalised).
#[derive(Debug, Clone)]
pub struct ArticleIndex {
    pub provider: Provider,
    articles: Vec<KnownArticle>,
    by_url: HashMap<String, usize>,
}

/// Why a request gets no embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OEmbedError {
    /// 400: a parameter is missing or malformed.
    BadRequest(String),
    /// 404: no article answers to this address.
    NotFound,
    /// 501: a format other than JSON (`xml`).
    NotImplemented,
}

/// `url` with its fragment dropped and its scheme, host and escapes in one spelling.
fn normalise(url: &str) -> Option<String> {
    let mut url = Url::parse(url.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);
    Some(url.into())
}

impl ArticleIndex {
    pub fn new(provider: Provider) -> Self {
        ArticleIndex {
            provider,
            articles: Vec::new(),
            by_url: HashMap::new(),
        }
    }

    /// Adds an article under its canonical and document addresses.
    pub fn add(&mut self, article: KnownArticle) {
        let index = self.articles.len();
        for url in [Some(&article.document_url), article.canonical.as_ref()]
            .into_iter()
            .flatten()
        {
            if let Some(key) = normalise(url) {
                self.by_url.entry(key).or_insert(index);
            }
        }
        self.articles.push(article);
    }

    /// Reads every `*.json` document in `articles_dir` the widget would show.
    /// Only documents under `static_dir` have an address here; others are
    /// skipped with a log line (the embed would have nothing to load).
    pub fn load(provider: Provider, articles_dir: &Path, static_dir: Option<&Path>) -> Self {
        let mut index = ArticleIndex::new(provider);
        let Some(served_from) = static_dir.and_then(|d| d.canonicalize().ok()) else {
            tracing::info!("no --static-dir: articles have no address here, so no oEmbed");
            return index;
        };
        let Ok(entries) = std::fs::read_dir(articles_dir) else {
            return index;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let Some(relative) = path
                .canonicalize()
                .ok()
                .and_then(|p| p.strip_prefix(&served_from).ok().map(Path::to_path_buf))
            else {
                tracing::info!(path = %path.display(), "not under --static-dir: no oEmbed for it");
                continue;
            };
            let relative: Vec<String> = relative
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            let Ok(document_url) = index.provider.public_url.join(&relative.join("/")) else {
                continue;
            };
            match read_article(&path, document_url.as_str()) {
                Ok(article) => index.add(article),
                Err(error) => tracing::warn!(path = %path.display(), %error, "no oEmbed for it"),
            }
        }
        index
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The article that answers to `url`, if any.
    pub fn find(&self, url: &str) -> Option<&KnownArticle> {
        self.by_url
            .get(&normalise(url)?)
            .map(|&i| &self.articles[i])
    }

    /// The oEmbed answer for the query's parameters (already decoded).
    pub fn answer(&self, params: &HashMap<String, String>) -> Result<Value, OEmbedError> {
        let url = params
            .get("url")
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| OEmbedError::BadRequest("the url parameter is required".into()))?;
        match params.get("format").map(String::as_str) {
            None | Some("json") => {}
            Some("xml") => return Err(OEmbedError::NotImplemented),
            Some(other) => {
                return Err(OEmbedError::BadRequest(format!(
                    "format must be json (or xml, not implemented), not {other:?}"
                )))
            }
        }
        let max = |name: &str| -> Result<Option<u32>, OEmbedError> {
            match params.get(name) {
                None => Ok(None),
                Some(text) => match text.trim().parse::<u32>() {
                    Ok(n) if n > 0 => Ok(Some(n)),
                    _ => Err(OEmbedError::BadRequest(format!(
                        "{name} must be a whole number of pixels above 0"
                    ))),
                },
            }
        };
        let (max_width, max_height) = (max("maxwidth")?, max("maxheight")?);
        if normalise(url).is_none() {
            return Err(OEmbedError::BadRequest(
                "url must be an absolute http or https address".into(),
            ));
        }
        let article = self.find(url).ok_or(OEmbedError::NotFound)?;
        let width = max_width.map_or(DEFAULT_WIDTH, |m| m.min(DEFAULT_WIDTH));
        let height = max_height.map_or(DEFAULT_HEIGHT, |m| m.min(DEFAULT_HEIGHT));
        let mut answer = json!({
            "type": "rich",
            "version": "1.0",
            "title": article.title,
            "provider_name": self.provider.name,
            "provider_url": self.provider.public_url.as_str(),
            "cache_age": 3600,
            "width": width,
            "height": height,
            "html": self.embed_html(article, width, height),
        });
        if !article.authors.is_empty() {
            answer["author_name"] = article.authors.join(", ").into();
        }
        Ok(answer)
    }

    /// The iframe embed and its host script (README, "Embedding", way 3).
    pub fn embed_html(&self, article: &KnownArticle, width: u32, height: u32) -> String {
        let base = &self.provider.widget_base;
        let mut frame = base.join("embed.html").expect("a file name joins any base");
        frame
            .query_pairs_mut()
            .append_pair("src", &article.document_url);
        let script = base
            .join("article-widget-frame.js")
            .expect("a file name joins any base");
        format!(
            "<iframe data-article-widget-frame title=\"{}\" src=\"{}\" width=\"{width}\" height=\"{height}\" \
             loading=\"lazy\" allow=\"clipboard-write\"></iframe>\n<script src=\"{}\" defer></script>",
            escape_html(&article.title),
            escape_html(frame.as_str()),
            escape_html(script.as_str()),
        )
    }

    /// The discovery `<link>` for a page showing `article` (embed.html, a
    /// prerendered page): consumers find the oEmbed endpoint from it.
    pub fn discovery_link(&self, article: &KnownArticle) -> String {
        let mut endpoint = self
            .provider
            .public_url
            .join("oembed")
            .expect("a path joins any base");
        endpoint
            .query_pairs_mut()
            .append_pair(
                "url",
                article
                    .canonical
                    .as_deref()
                    .unwrap_or(&article.document_url),
            )
            .append_pair("format", "json");
        format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\" />",
            escape_html(endpoint.as_str()),
            escape_html(&article.title)
        )
    }
}

/// Reads one document as the widget would (any format it reads).
fn read_article(path: &Path, document_url: &str) -> Result<KnownArticle, String> {
    let article = crate::articles::read_file(path, document_url)?.article;
    Ok(KnownArticle {
        title: article.title,
        authors: article.authors.into_iter().map(|a| a.name).collect(),
        canonical: article.url,
        document_url: document_url.to_owned(),
    })
}

/// `page` (embed.html) with the discovery link for `article` in its head.
pub fn with_discovery_link(page: &str, link: &str) -> String {
    match page.find("</head>") {
        Some(at) => format!("{}    {link}\n  {}", &page[..at], &page[at..]),
        None => page.to_owned(),
    }
}
