//! The related-links carousel's input: which items reach it, and what their cards name.

use article_model::carousel::source_label;
use article_model::*;

const BASE: &str = "https://widget.example/fixtures/carousel-many.json";
const MANY: &str = include_str!("../../tests/e2e/fixtures/carousel-many.json");
const RTL: &str = include_str!("../../tests/e2e/fixtures/carousel-rtl.json");
const EMPTY: &str = include_str!("../../tests/e2e/fixtures/carousel-empty.json");

fn related(doc: &str) -> Related {
    read(doc, BASE, None)
        .expect("the fixture is valid")
        .article
        .related
        .expect("the fixture has a related block")
}

#[test]
fn unsafe_items_are_left_out_and_the_rest_keep_their_order() {
    let related = related(MANY);
    let titles: Vec<&str> = related.items.iter().map(|i| &i.title[..5]).collect();
    assert_eq!(
        titles,
        ["One: ", "Two: ", "Three", "Four:", "Five:", "Six: ", "Seven", "Eight"]
    );
    assert!(related.items.iter().all(|i| i.url.starts_with("https://")));
    assert_eq!(related.title, None);
}

#[test]
fn the_unsafe_item_is_reported_as_a_warning() {
    assert_eq!(
        read(MANY, BASE, None).unwrap().warnings,
        ["related.items[3].url: left out a related link with an unsafe URL"]
    );
}

#[test]
fn images_resolve_against_the_document() {
    let related = related(MANY);
    let image = related.items[0].image.as_ref().unwrap();
    assert_eq!(
        image.src,
        "https://widget.example/articles/images/maxmur-checkpoint.svg"
    );
    assert_eq!((image.width, image.height), (Some(1200), Some(675)));
}

#[test]
fn cards_name_the_given_source_or_the_links_domain() {
    let related = related(MANY);
    let sources: Vec<Option<&str>> = related.items.iter().map(source_label).collect();
    assert_eq!(
        sources,
        [
            Some("Example News"),
            Some("news.example.org"),
            Some("example.com"),
            Some("Example Radio"),
            Some("example.org"),
            Some("blog.example.com"),
            Some("example.com"),
            Some("Example Weekly"),
        ]
    );
}

#[test]
fn a_related_block_of_only_unsafe_items_is_empty() {
    assert!(related(EMPTY).items.is_empty());
}

#[test]
fn the_rtl_fixture_is_right_to_left_arabic() {
    let article = read(RTL, BASE, None).unwrap().article;
    assert_eq!(article.dir, TextDirection::Rtl);
    assert_eq!(article.lang, "ar");
    assert_eq!(article.related.unwrap().items.len(), 6);
}
