//! `use_article`: a widget's document, loading, read or failed, with a retry.

use std::sync::Arc;

use article_model::{Article, Format};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::load::{load_article, LoadError};

#[derive(Clone)]
pub enum LoadState {
    Loading,
    Ready(Arc<Article>, Format),
    Failed(LoadError),
}

pub struct UseArticle {
    /// Set by the hook only. (An RwSignal: a ReadSignal would be one more
    /// signal type in the wasm, about 1 KB.)
    pub state: RwSignal<LoadState>,
    /// Loads the document again (the error box's "Try again").
    pub retry: Callback<()>,
}

/// Starts loading the document at `url` (absolute; `item` picks a feed's
/// item). A retry aborts the request in flight, and so does unmounting.
pub fn use_article(url: String, item: Option<String>) -> UseArticle {
    let state = RwSignal::new(LoadState::Loading);
    let in_flight = StoredValue::new_local(None::<AbortController>);
    on_cleanup(move || {
        if let Some(abort) = in_flight.get_value() {
            abort.abort();
        }
    });
    let start_loading = move || {
        let Ok(abort) = AbortController::new() else {
            return;
        };
        if let Some(previous) = in_flight.get_value() {
            previous.abort();
        }
        in_flight.set_value(Some(abort.clone()));
        state.set(LoadState::Loading);
        let url = url.clone();
        let item = item.clone();
        spawn_local(async move {
            let result = load_article(&url, item.as_deref(), &abort).await;
            if abort.signal().aborted() {
                return;
            }
            state.set(match result {
                Ok((format, article)) => LoadState::Ready(Arc::new(article), format),
                Err(error) => LoadState::Failed(error),
            });
        });
    };
    start_loading();
    UseArticle {
        state,
        retry: Callback::new(move |_: ()| start_loading()),
    }
}
