//! Blocks and inline text. Everything here is text nodes and attributes:
//! nothing from a document is ever parsed as HTML.

use article_model::{Block, Inline, Span};
use leptos::prelude::*;

use super::Figure;
use crate::context::WidgetContext;

#[component]
pub fn BlockList(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| view! { <BlockView block /> })
        .collect_view()
}

#[component]
fn BlockView(block: Block) -> impl IntoView {
    let m = WidgetContext::get().messages;
    match block {
        Block::Paragraph(text) => view! { <p class="aw-p"><InlineText text /></p> }.into_any(),
        Block::Subheading(text) => view! { <h4 class="aw-subheading">{text}</h4> }.into_any(),
        Block::Quote { text, cite } => view! {
            <figure class="aw-quote">
                <blockquote><p><InlineText text /></p></blockquote>
                {cite.map(|cite| view! { <figcaption class="aw-quote__cite">{cite}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List {
            ordered: true,
            items,
        } => view! { <ol class="aw-list">{list_items(items)}</ol> }.into_any(),
        Block::List {
            ordered: false,
            items,
        } => view! { <ul class="aw-list">{list_items(items)}</ul> }.into_any(),
        Block::Image(image) => view! { <Figure image /> }.into_any(),
        Block::Embed {
            url,
            title,
            provider,
        } => view! {
            <aside class="aw-embed" aria-label=m.embed_label>
                <a class="aw-embed__link" href=url rel="noopener noreferrer">
                    <span class="aw-embed__title">{title}</span>
                    {provider.map(|p| view! { <span class="aw-embed__provider">{p}</span> })}
                </a>
            </aside>
        }
        .into_any(),
        Block::Poll(poll) => view! { <crate::poll::InlinePoll poll /> }.into_any(),
    }
}

fn list_items(items: Vec<Inline>) -> impl IntoView {
    items
        .into_iter()
        .map(|text| view! { <li><InlineText text /></li> })
        .collect_view()
}

/// A run of spans with their marks and safe links.
#[component]
pub fn InlineText(text: Inline) -> impl IntoView {
    text.into_iter().map(span_view).collect_view()
}

fn span_view(span: Span) -> AnyView {
    let Span { text, marks, href } = span;
    let mut view = text.into_any();
    if marks.code {
        view = view! { <code>{view}</code> }.into_any();
    }
    if marks.em {
        view = view! { <em>{view}</em> }.into_any();
    }
    if marks.strong {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    match href {
        Some(href) => view! { <a class="aw-link" href=href>{view}</a> }.into_any(),
        None => view,
    }
}
