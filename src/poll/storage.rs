//! `localStorage`: the browser's voter token and each poll's kept vote. When
//! storage is unavailable (blocked, private mode) the poll still works for the
//! page's lifetime.

use std::cell::RefCell;

use article_model::poll::{
    is_voter_token, voter_token_from_bytes, StoredVote, VOTER_TOKEN_BYTES, VOTER_TOKEN_KEY,
};
use web_sys::Storage;

thread_local! {
    /// The token when storage can't keep it: one per page, shared by its widgets.
    static PAGE_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This browser's voter token, made once from `crypto.getRandomValues` and kept.
/// `None` only if the browser has no cryptographic randomness.
pub fn voter_token() -> Option<String> {
    let storage = local_storage();
    let kept = storage
        .as_ref()
        .and_then(|s| s.get_item(VOTER_TOKEN_KEY).ok().flatten())
        .or_else(|| PAGE_TOKEN.with_borrow(Clone::clone))
        .filter(|token| is_voter_token(token));
    if kept.is_some() {
        return kept;
    }
    let mut bytes = [0u8; VOTER_TOKEN_BYTES];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    let token = voter_token_from_bytes(&bytes);
    if let Some(storage) = storage {
        storage.set_item(VOTER_TOKEN_KEY, &token).ok();
    }
    PAGE_TOKEN.with_borrow_mut(|t| *t = Some(token.clone()));
    Some(token)
}

pub fn load_vote(key: &str) -> Option<StoredVote> {
    let text = local_storage()?.get_item(key).ok()??;
    StoredVote::from_json(&text)
}

/// Keeps `vote` under `key`, or removes the key for `None`.
pub fn save_vote(key: &str, vote: Option<&StoredVote>) {
    let Some(storage) = local_storage() else {
        return;
    };
    match vote {
        Some(vote) => storage.set_item(key, &vote.to_json()).ok(),
        None => storage.remove_item(key).ok(),
    };
}
