//! The reader poll's logic, free of the browser: tallies and percentages, the
//! voting state machine, what is kept in `localStorage`, voter tokens and the
//! retry schedule. The widget's `poll` component only renders and wires events.

mod api;
mod backoff;
mod ballot;
pub mod rules;
mod state;
mod storage;
mod tally;
mod token;

pub use api::{
    tally_reply, tally_url, vote_body, vote_reply, votes_url, TallyBody, VoteRequest, VOTER_HEADER,
};
pub use backoff::{retry_delay_ms, MAX_RETRY_DELAY_MS};
pub use ballot::Ballot;
pub use rules::PollInput;
pub use state::{ChoiceError, Phase, PollState, TallyReply, VoteReply};
pub use storage::{vote_storage_key, StoredVote, VoteStatus, VOTER_TOKEN_KEY};
pub use tally::{percentages, ResultRow, Results, Tally};
pub use token::{
    choose_voter_token, is_voter_token, service_origin, voter_token_from_bytes, voter_token_key,
    TokenChoice, LEGACY_TOKEN_OWNER_KEY, VOTER_TOKEN_BYTES, VOTER_TOKEN_RULE,
};
