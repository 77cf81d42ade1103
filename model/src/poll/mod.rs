//! The reader poll's logic, free of the browser: tallies and percentages, the
//! voting state machine, what is kept in `localStorage`, voter tokens and the
//! retry schedule. The widget's `poll` component only renders and wires events.

mod api;
mod backoff;
mod state;
mod storage;
mod tally;
mod token;

pub use api::{tally_reply, tally_url, vote_body, vote_reply, votes_url};
pub use backoff::{retry_delay_ms, MAX_RETRY_DELAY_MS};
pub use state::{ChoiceError, Phase, PollState, TallyReply, VoteReply};
pub use storage::{vote_storage_key, StoredVote, VoteStatus, VOTER_TOKEN_KEY};
pub use tally::{percentages, ResultRow, Results, Tally};
pub use token::{is_voter_token, voter_token_from_bytes, VOTER_TOKEN_BYTES};
