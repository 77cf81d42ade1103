use std::sync::Arc;

use article_model::{Article, Author};
use leptos::prelude::*;

use crate::content::Figure;
use crate::context::WidgetContext;
use crate::dates::format_date_time;

/// Title, standfirst, byline, dates and the hero picture.
#[component]
pub fn ArticleHeader(article: Arc<Article>) -> impl IntoView {
    let context = WidgetContext::get();
    let m = context.messages;
    let locale = context.options.lang.clone();
    let date = move |label: &'static str, class: &'static str, value: Option<String>| {
        let locale = locale.clone();
        value.map(move |value| {
            let shown = format_date_time(&value, locale.as_deref());
            view! {
                <p class=class>{label} " " <time datetime=value>{shown}</time></p>
            }
        })
    };
    view! {
        <header class="aw-header">
            <h2 class="aw-title">{article.title.clone()}</h2>
            {article.dek.clone().map(|dek| view! { <p class="aw-dek">{dek}</p> })}
            <Byline authors=article.authors.clone() by=m.by />
            <div class="aw-dates">
                {date(m.published, "aw-date", article.published.clone())}
                {date(m.updated, "aw-date aw-date--updated", article.updated.clone())}
            </div>
        </header>
        {article.hero.clone().map(|image| view! { <Figure image class="aw-hero" eager=true /> })}
    }
}

#[component]
fn Byline(authors: Vec<Author>, by: &'static str) -> impl IntoView {
    (!authors.is_empty()).then(|| {
        let count = authors.len();
        let names = authors
            .into_iter()
            .enumerate()
            .map(|(i, author)| {
                let separator = match i {
                    0 => "",
                    i if i + 1 == count => " & ",
                    _ => ", ",
                };
                let name = match author.url {
                    Some(url) => view! { <a href=url rel="author">{author.name}</a> }.into_any(),
                    None => view! { <span>{author.name}</span> }.into_any(),
                };
                view! { {separator} {name} }
            })
            .collect_view();
        view! { <p class="aw-byline">{by} " " {names}</p> }
    })
}
