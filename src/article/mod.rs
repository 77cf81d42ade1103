//! One widget: loads its document and shows the article, a loading skeleton
//! or an error with a retry.

mod header;
pub(crate) mod load;
mod states;
mod use_article;

use std::sync::Arc;

use article_model::events::WidgetEvent;
use article_model::Article;
use leptos::prelude::*;

use header::ArticleHeader;
use load::absolute_url;
use states::{ErrorBox, LoadingSkeleton};
use use_article::{use_article, LoadState, UseArticle};

use crate::content::BlockList;
use crate::context::WidgetContext;
use crate::events::WidgetEvents;
use crate::i18n::{messages, messages_for};
use crate::options::WidgetOptions;

#[component]
pub fn ArticleWidget(
    /// How the embedding page configured this widget.
    options: WidgetOptions,
    /// Called once, just before the first frame that shows the article (the
    /// takeover of prerendered markup swaps the widget in then).
    #[prop(optional)]
    on_ready: Option<Callback<()>>,
) -> impl IntoView {
    let options = Arc::new(options);
    let theme = options.theme.as_str();
    let document_url = absolute_url(&options.src);
    let item = options.item.clone();
    provide_context(WidgetContext {
        options: options.clone(),
        messages: messages(options.lang.as_deref()),
    });

    let events = WidgetEvents::get();
    // The words the error box uses, for the `error` event's message.
    let m = messages(options.lang.as_deref());
    let UseArticle { state, retry } = use_article(document_url, item);

    // The widget's own words: the embed's `lang`, else the document's, else English.
    // (A closure, not a derived signal: a signal type of its own would cost
    // the wasm about 1 KB.)
    let ui = {
        let options = options.clone();
        move || {
            state.with(|state| match state {
                LoadState::Ready(article, _) => {
                    messages_for(&[options.lang.as_deref(), Some(&article.lang)])
                }
                _ => messages(options.lang.as_deref()),
            })
        }
    };
    let lang = {
        let ui = ui.clone();
        move || ui().lang
    };
    let dir = {
        let ui = ui.clone();
        move || ui().dir
    };

    view! {
        <div class="aw-root" data-theme=theme lang=lang dir=dir
            on:click=move |e| events.on_click(&e) on:auxclick=move |e| events.on_click(&e)>
            // `ready` and `error` are emitted here, while the view that shows
            // them is built: `emit` dispatches after this update, so the
            // article (or the error box) is in the host element by then.
            {move || match state.get() {
                LoadState::Loading => view! { <LoadingSkeleton /> }.into_any(),
                LoadState::Failed(error) => {
                    events.emit(&WidgetEvent::Error {
                        message: &error.message(m),
                        status: error.http_status(),
                    });
                    view! { <ErrorBox error retry /> }.into_any()
                }
                LoadState::Ready(article, format) => {
                    let ready = move |article: &Article| {
                        events.emit(&WidgetEvent::Ready {
                            id: &article.id,
                            title: &article.title,
                            format,
                            prerendered: events.prerendered,
                        })
                    };
                    match on_ready {
                        // Taking over: the live article replaces the prerendered
                        // one in the frame after this update, and is ready then.
                        Some(on_ready) => {
                            let article = article.clone();
                            request_animation_frame(move || {
                                on_ready.run(());
                                ready(&article);
                            });
                        }
                        None => ready(&article),
                    }
                    provide_context(WidgetContext {
                        options: options.clone(),
                        messages: untrack(&ui),
                    });
                    view! { <ArticleView article /> }.into_any()
                }
            }}
        </div>
    }
}

#[component]
pub(crate) fn ArticleView(article: Arc<Article>) -> impl IntoView {
    let lang = article.lang.clone();
    let dir = article.dir.as_str();
    let related = article.related.clone();
    view! {
        <article class="aw-article" lang=lang dir=dir>
            <ArticleHeader article=article.clone() />
            <div class="aw-lead">
                <BlockList blocks=article.lead.clone() />
            </div>
            <crate::sections::SectionList article=article.clone() />
            {related.map(|related| view! { <crate::carousel::RelatedLinks related /> })}
        </article>
    }
}
