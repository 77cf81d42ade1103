//! `localStorage`: the browser's voter token per poll service and each poll's kept vote. When
//! storage is unavailable (blocked, private mode) the poll still works for the
//! page's lifetime.

use std::cell::RefCell;

use article_model::poll::{
    choose_voter_token, service_origin, voter_token_from_bytes, voter_token_key, StoredVote,
    TokenChoice, LEGACY_TOKEN_OWNER_KEY, VOTER_TOKEN_BYTES, VOTER_TOKEN_KEY,
};
use web_sys::Storage;

thread_local! {
    /// Tokens when storage can't keep them: per page and service origin, shared by its widgets.
    static PAGE_TOKENS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This browser's voter token for the poll service at `endpoint` (one per
/// service origin), made once from `crypto.getRandomValues` and kept.
/// `None` only if the browser has no cryptographic randomness.
pub fn voter_token(endpoint: &str) -> Option<String> {
    let origin = service_origin(endpoint).unwrap_or_else(|| endpoint.to_owned());
    let key = voter_token_key(&origin);
    let storage = local_storage();
    let get = |key: &str| storage.as_ref()?.get_item(key).ok().flatten();
    let own = get(&key).or_else(|| {
        PAGE_TOKENS.with_borrow(|tokens| {
            tokens
                .iter()
                .find(|(o, _)| *o == origin)
                .map(|(_, t)| t.clone())
        })
    });
    let token = match choose_voter_token(
        &origin,
        own.as_deref(),
        get(VOTER_TOKEN_KEY).as_deref(),
        get(LEGACY_TOKEN_OWNER_KEY).as_deref(),
    ) {
        TokenChoice::Kept(token) => return Some(token),
        TokenChoice::ClaimLegacy(token) => {
            if let Some(storage) = &storage {
                storage.set_item(LEGACY_TOKEN_OWNER_KEY, &origin).ok();
            }
            token
        }
        TokenChoice::New => {
            let mut bytes = [0u8; VOTER_TOKEN_BYTES];
            web_sys::window()?
                .crypto()
                .ok()?
                .get_random_values_with_u8_array(&mut bytes)
                .ok()?;
            voter_token_from_bytes(&bytes)
        }
    };
    if let Some(storage) = &storage {
        storage.set_item(&key, &token).ok();
    }
    PAGE_TOKENS.with_borrow_mut(|tokens| tokens.push((origin, token.clone())));
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
