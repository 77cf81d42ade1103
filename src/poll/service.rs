//! Talking to the poll service (poll-api.md). Every failure is an answer the
//! state machine understands; nothing here panics or throws.

use article_model::poll::{
    tally_reply, tally_url, vote_body, vote_reply, votes_url, TallyReply, VoteReply, VOTER_HEADER,
};
use gloo_net::http::Request;

use crate::fetch::read_body;
use web_sys::AbortSignal;

/// How long one request may take before it counts as failed.
const TIMEOUT_MS: u32 = 10_000;

/// Largest reply read from a poll service: a tally of ten options is well
/// under 2 KiB, so anything near this is not a poll service's answer.
const MAX_REPLY_BYTES: usize = 64 * 1024;

/// Where one poll's service is, and who votes.
#[derive(Debug, Clone)]
pub struct PollService {
    /// Absolute base URL, e.g. `https://polls.example/api`.
    pub endpoint: String,
    pub poll_id: String,
    pub voter: String,
}

/// The service base URL: the embed's `poll-endpoint` (relative to the page) wins
/// over the document's (already absolute). Only `http`/`https`.
pub fn resolve_endpoint(option: Option<&str>, document: Option<&str>) -> Option<String> {
    match option {
        Some(option) => {
            let page = web_sys::window()?.location().href().ok()?;
            article_model::url::safe_http(option, &page)
        }
        None => document.map(str::to_owned),
    }
}

impl PollService {
    /// The current tally, with the reader's recorded vote.
    pub async fn tally(&self) -> TallyReply {
        let url = tally_url(&self.endpoint, &self.poll_id);
        let Ok(response) = Request::get(&url)
            .header("Accept", "application/json")
            .header(VOTER_HEADER, &self.voter)
            .abort_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)))
            .send()
            .await
        else {
            return TallyReply::Unavailable;
        };
        // A reply over the cap (or broken off) is a service that cannot be reached.
        let Ok(body) = read_body(&response, MAX_REPLY_BYTES).await else {
            return TallyReply::Unavailable;
        };
        tally_reply(response.status(), &body)
    }

    /// Sends the reader's vote. Safe to repeat: the service counts a voter once.
    pub async fn vote(&self, options: &[String]) -> VoteReply {
        let failed = VoteReply::Failed {
            retry_after_secs: None,
        };
        let request = Request::post(&votes_url(&self.endpoint, &self.poll_id))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .abort_signal(Some(&AbortSignal::timeout_with_u32(TIMEOUT_MS)))
            .body(vote_body(options, &self.voter));
        let Ok(request) = request else {
            return failed;
        };
        let Ok(response) = request.send().await else {
            return failed;
        };
        let retry_after = response.headers().get("Retry-After");
        let Ok(body) = read_body(&response, MAX_REPLY_BYTES).await else {
            return failed;
        };
        vote_reply(response.status(), &body, retry_after.as_deref())
    }
}
