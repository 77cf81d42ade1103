//! Hostile HTML: every vector of `formats-xss-vectors.json` (the browser
//! tests render the same list) is read as a JSON Feed item and as a
//! WordPress post, and what comes out must hold no unsafe URL and no text of
//! scripts, styles or attributes. Random tag soup must never panic.

use article_model::{read, Article, Block, Image};
use serde_json::{json, Value};

const VECTORS: &str = include_str!("../../tests/e2e/fixtures/formats-xss-vectors.json");
const BASE: &str = "https://news.example/feeds/hostile.json";

fn vectors() -> Vec<(String, bool)> {
    let list: Vec<Value> = serde_json::from_str(VECTORS).unwrap();
    list.iter()
        .map(|v| {
            let html = v["html"].as_str().unwrap().to_owned();
            (html, v["shown_as_text"].as_bool().unwrap_or(false))
        })
        .collect()
}

fn is_web_url(url: &str) -> bool {
    ["http://", "https://"].iter().any(|p| url.starts_with(p)) && url.len() > "https://".len()
}

/// Every URL and every piece of text in the article, each with what it is.
fn everything(article: &Article) -> (Vec<(String, bool)>, Vec<String>) {
    let mut urls = Vec::new();
    let mut texts = vec![article.title.clone()];
    texts.extend(article.dek.clone());
    let image = |image: &Image, urls: &mut Vec<(String, bool)>, texts: &mut Vec<String>| {
        urls.push((image.src.clone(), false));
        texts.push(image.alt.clone());
        texts.extend(image.caption.clone());
    };
    if let Some(hero) = &article.hero {
        image(hero, &mut urls, &mut texts);
    }
    for author in &article.authors {
        urls.extend(author.url.clone().map(|u| (u, true)));
    }
    for section in &article.sections {
        texts.push(section.heading.clone());
        texts.push(section.id.clone());
    }
    let mut spans = Vec::new();
    for block in article.blocks() {
        match block {
            Block::Paragraph(text) => spans.extend(text),
            Block::Quote { text, cite } => {
                spans.extend(text);
                texts.extend(cite.clone());
            }
            Block::List { items, .. } => spans.extend(items.iter().flatten()),
            Block::Subheading(text) => texts.push(text.clone()),
            Block::Image(picture) => image(picture, &mut urls, &mut texts),
            Block::Embed { url, title, .. } => {
                urls.push((url.clone(), false));
                texts.push(title.clone());
            }
            Block::Poll(_) => panic!("HTML never makes a poll"),
        }
    }
    for span in spans {
        texts.push(span.text.clone());
        urls.extend(span.href.clone().map(|u| (u, true)));
    }
    (urls, texts)
}

fn check(html: &str, shown_as_text: bool, article: &Article) {
    let (urls, texts) = everything(article);
    for (url, is_link) in urls {
        let safe = is_web_url(&url) || (is_link && url.starts_with("mailto:"));
        assert!(safe, "unsafe URL {url:?} from {html:?}");
    }
    if !shown_as_text {
        for text in texts {
            let lower = text.to_lowercase();
            assert!(
                !lower.contains("alert")
                    && !lower.contains("msgbox")
                    && !lower.contains("expression("),
                "script, style or attribute text {text:?} from {html:?}"
            );
        }
    }
}

#[test]
fn at_least_a_hundred_vectors_of_every_family() {
    let list: Vec<Value> = serde_json::from_str(VECTORS).unwrap();
    assert!(list.len() >= 100, "{} vectors", list.len());
    let families: std::collections::BTreeSet<&str> =
        list.iter().map(|v| v["family"].as_str().unwrap()).collect();
    assert_eq!(families.len(), 7, "{families:?}");
}

#[test]
fn hostile_html_in_a_json_feed_item() {
    for (i, (html, shown_as_text)) in vectors().into_iter().enumerate() {
        let item = json!({
            "id": i.to_string(),
            "title": format!("Vector {i}"),
            "content_html": html,
        });
        let article = read(&item.to_string(), BASE, None)
            .unwrap_or_else(|e| panic!("{html:?}: {e}"))
            .article;
        check(&html, shown_as_text, &article);
    }
}

#[test]
fn hostile_html_in_every_html_field_of_a_wordpress_post() {
    for (i, (html, shown_as_text)) in vectors().into_iter().enumerate() {
        let post = json!({
            "id": i,
            "title": {"rendered": format!("Vector {i} {html}")},
            "excerpt": {"rendered": html},
            "content": {"rendered": format!("<h2>Part {html}</h2>{html}<ul><li>{html}</li></ul><blockquote>{html}<cite>{html}</cite></blockquote>")},
            "_embedded": {"wp:featuredmedia": [{
                "source_url": "/uploads/a.jpg", "alt_text": html, "caption": {"rendered": html}
            }]},
        });
        let article = read(&post.to_string(), BASE, None)
            .unwrap_or_else(|e| panic!("{html:?}: {e}"))
            .article;
        check(&html, shown_as_text, &article);
    }
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

#[test]
fn random_tag_soup_never_panics_and_stays_safe() {
    let pieces = [
        "<",
        ">",
        "</",
        "/>",
        "<!--",
        "-->",
        "--!>",
        "<!",
        "<?",
        "=",
        "\"",
        "'",
        "&",
        "&#",
        "&#x",
        ";",
        "amp",
        "colon",
        "Tab",
        "106",
        "6A",
        " ",
        "\n",
        "\t",
        "\u{0}",
        "\u{1}",
        "é",
        "😀",
        "p",
        "h2",
        "h3",
        "ul",
        "ol",
        "li",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "br",
        "img",
        "figure",
        "figcaption",
        "blockquote",
        "cite",
        "div",
        "script",
        "style",
        "svg",
        "math",
        "template",
        "noscript",
        "textarea",
        "table",
        "td",
        "href",
        "src",
        "alt",
        "onerror",
        "javascript:",
        "data:",
        "mailto:",
        "http://x.example/",
        "/a",
        "alert(1)",
        "text",
        "<p>",
        "</p>",
        "<a href=",
        "<img src=",
        "<h2>",
        "<li>",
        "<script>",
        "</script>",
    ];
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let len = 1 + random.next() % 60;
        let html: String = (0..len).map(|_| random.pick(&pieces)).collect();
        let item = json!({"id": "r", "title": "Random", "content_html": html});
        let article = read(&item.to_string(), BASE, None)
            .unwrap_or_else(|e| panic!("round {round} {html:?}: {e}"))
            .article;
        let (urls, _) = everything(&article);
        for (url, is_link) in urls {
            assert!(
                is_web_url(&url) || (is_link && url.starts_with("mailto:")),
                "round {round}: unsafe URL {url:?} from {html:?}"
            );
        }
    }
}

#[test]
fn pathological_markup_is_read_in_linear_time() {
    // Each of these would take minutes if any step rescanned the input per tag.
    let patterns = [
        "<!-- c -->",
        "<p>",
        "<li>",
        "<em>",
        "</em>",
        "<div><p>x",
        "<a href=/x>y",
        "<figure><img src=a>",
        "&amp;&",
        "<",
        "</x",
        "<!x",
        "<script></x",
    ];
    for pattern in patterns {
        let html = pattern.repeat(400_000 / pattern.len());
        let item = json!({"id": "p", "title": "Big", "content_html": html});
        let started = std::time::Instant::now();
        let _ = read(&item.to_string(), BASE, None);
        assert!(
            started.elapsed().as_secs() < 20,
            "{pattern:?} took {:?}",
            started.elapsed()
        );
    }
}
