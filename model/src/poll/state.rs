//! The reader's side of one poll as a state machine:
//!
//! ```text
//! Idle ──submit──▶ Pending ──200──▶ Confirmed
//!   ▲                │  ▲    ──409──▶ Conflict (the service's recorded vote is shown)
//!   └──400 refused───┤  │    ──410──▶ Closed
//!                    ▼  │retry
//!                   Queued (offline, timeout, 5xx, 429: kept, tried again)
//! Idle ──submit──▶ Local  (no poll service: kept in this browser only)
//! Any but Local and Closed ──409 voided, or a tally saying voided──▶ Voided
//! ```
//!
//! Any state becomes Closed when the poll closes. The widget persists
//! [`PollState::stored_vote`] after every change, and starts from it.

use super::backoff::retry_delay_ms;
use super::storage::{StoredVote, VoteStatus};
use super::tally::{Results, Tally, MAX_COUNTS};
use crate::Poll;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not voted: the form is shown.
    Idle,
    /// Voted, the vote on its way (shown at once, optimistically).
    Pending,
    /// Sending failed; the vote is kept and will be sent again.
    Queued,
    /// The service counted the vote.
    Confirmed,
    /// The service already had a different vote from this reader; that one stands.
    Conflict,
    /// The poll takes no more votes: results only.
    Closed,
    /// The service's moderators voided the reader's vote: it does not count,
    /// and the service takes no other vote from this reader. Results only.
    Voided,
    /// No poll service: the vote is kept in this browser, results are the document's.
    Local,
}

impl Phase {
    /// The phase's name, as the widget writes it in `data-phase` for styles and tests.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Pending => "pending",
            Phase::Queued => "queued",
            Phase::Confirmed => "confirmed",
            Phase::Conflict => "conflict",
            Phase::Closed => "closed",
            Phase::Voided => "voided",
            Phase::Local => "local",
        }
    }
}

/// How the service answered a vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteReply {
    /// `200`: counted (or had been, for a repeated request).
    Counted(Tally),
    /// `409`: this reader had already voted differently.
    Conflict(Tally),
    /// `409` whose tally says `"voided": true` (with `"reason": "voided"`):
    /// this reader's vote was voided, and no vote is taken from them.
    Voided(Tally),
    /// `410`: the poll is closed.
    Closed(Tally),
    /// `400`: the service will never take this vote (an option it does not know…).
    Refused,
    /// `404`: the service does not know this poll.
    UnknownPoll,
    /// Offline, timeout, `5xx`, `429`: worth sending again, not before `retry_after_secs`.
    Failed { retry_after_secs: Option<u64> },
    /// `429` naming a new-voter cap: many votes came from the reader's
    /// network; the vote is kept and sent again, not before `retry_after_secs`.
    OverNetworkCap { retry_after_secs: Option<u64> },
}

/// How the service answered a request for the tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TallyReply {
    Tally(Tally),
    /// `404`: the service does not know this poll (a vote will tell for sure).
    UnknownPoll,
    /// Unreachable, timed out, an error status, or an answer that is not a tally.
    Unavailable,
}

/// Why a choice cannot be submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceError {
    Empty,
    /// More than one option on a single-choice poll.
    TooMany,
    UnknownOption,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PollState {
    poll: Poll,
    has_endpoint: bool,
    phase: Phase,
    /// The reader's vote (sorted option ids), or the one the service recorded.
    vote: Option<Vec<String>>,
    cast_at_ms: u64,
    /// The service's latest tally, or the document's snapshot until one arrives.
    tally: Tally,
    /// `tally` came from the service.
    live: bool,
    /// Failed attempts in a row, and the last `Retry-After`.
    failures: u32,
    retry_after_secs: Option<u64>,
    /// The last vote was refused for good.
    refused: bool,
    /// The last request to the service failed.
    unavailable: bool,
    /// The last vote was held back by the service's cap on the reader's network.
    network_cap: bool,
}

impl PollState {
    /// The state a page starts in: from the vote kept in storage, if any.
    /// `closed` is true when the poll's `closes_at` has passed.
    pub fn new(poll: &Poll, has_endpoint: bool, closed: bool, stored: Option<StoredVote>) -> Self {
        let mut state = PollState {
            poll: poll.clone(),
            has_endpoint,
            phase: Phase::Idle,
            vote: None,
            cast_at_ms: 0,
            tally: Tally::from_snapshot(poll.results.as_ref()),
            live: false,
            failures: 0,
            retry_after_secs: None,
            refused: false,
            unavailable: false,
            network_cap: false,
        };
        let stored = stored.and_then(|s| {
            let options = state.check_choice(s.options).ok()?;
            Some(StoredVote { options, ..s })
        });
        if let Some(stored) = stored {
            state.phase = match (has_endpoint, stored.status) {
                (false, _) => Phase::Local,
                (true, VoteStatus::Confirmed) => Phase::Confirmed,
                (true, VoteStatus::Voided) => Phase::Voided,
                (true, VoteStatus::Pending | VoteStatus::Local) => Phase::Pending,
            };
            state.vote = Some(stored.options);
            state.cast_at_ms = stored.cast_at_ms;
        }
        if closed {
            state.close();
        }
        state
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The reader's choice, as sorted option ids.
    pub fn vote(&self) -> Option<&[String]> {
        self.vote.as_deref()
    }

    /// The results come from the poll service (not the document's snapshot).
    pub fn is_live(&self) -> bool {
        self.live
    }

    /// The last request to the service failed (down, busy, offline): the form
    /// says so, and that a vote will still be kept and sent.
    pub fn is_unavailable(&self) -> bool {
        self.unavailable
    }

    /// The last vote was refused by the service and the form is back.
    pub fn was_refused(&self) -> bool {
        self.refused
    }

    /// Results are shown instead of the form.
    pub fn shows_results(&self) -> bool {
        self.phase != Phase::Idle
    }

    /// A vote waits to be sent: now (`Pending`) or when its retry is due (`Queued`).
    pub fn has_unsent_vote(&self) -> bool {
        matches!(self.phase, Phase::Pending | Phase::Queued)
    }

    /// Checks a choice: known option ids, one unless the poll is multiple choice.
    /// Answers the ids sorted, without repeats.
    pub fn check_choice(&self, choice: Vec<String>) -> Result<Vec<String>, ChoiceError> {
        // (A kept vote is read from storage, which any script on the page can write.)
        if choice.len() > MAX_COUNTS {
            return Err(ChoiceError::TooMany);
        }
        let choice = sorted(&choice);
        if choice.is_empty() {
            Err(ChoiceError::Empty)
        } else if !self.poll.multiple && choice.len() > 1 {
            Err(ChoiceError::TooMany)
        } else if choice
            .iter()
            .any(|id| !self.poll.options.iter().any(|o| &o.id == id))
        {
            Err(ChoiceError::UnknownOption)
        } else {
            Ok(choice)
        }
    }

    /// The reader votes. Only from `Idle`; the vote is then to be sent (or,
    /// without a service, kept locally).
    pub fn submit(&mut self, choice: Vec<String>, now_ms: u64) -> Result<(), ChoiceError> {
        let choice = self.check_choice(choice)?;
        if self.phase != Phase::Idle {
            return Ok(());
        }
        self.vote = Some(choice);
        self.cast_at_ms = now_ms;
        self.refused = false;
        self.failures = 0;
        self.retry_after_secs = None;
        self.phase = if self.has_endpoint {
            Phase::Pending
        } else {
            Phase::Local
        };
        Ok(())
    }

    /// A queued vote is being sent again.
    pub fn resend(&mut self) {
        if self.phase == Phase::Queued {
            self.phase = Phase::Pending;
        }
    }

    /// The service answered a vote.
    pub fn on_vote_reply(&mut self, reply: VoteReply) {
        self.unavailable = matches!(reply, VoteReply::Failed { .. });
        self.network_cap = matches!(reply, VoteReply::OverNetworkCap { .. });
        if !self.has_unsent_vote() {
            // A late answer to a vote a refresh already settled.
            if let VoteReply::Counted(tally)
            | VoteReply::Conflict(tally)
            | VoteReply::Voided(tally) = reply
            {
                self.on_tally(tally);
            }
            return;
        }
        match reply {
            VoteReply::Counted(tally) => {
                self.phase = Phase::Confirmed;
                self.failures = 0;
                if let Some(recorded) = &tally.your_vote {
                    self.vote = Some(sorted(recorded));
                }
                self.set_live_tally(tally);
            }
            VoteReply::Conflict(tally) => {
                self.phase = Phase::Conflict;
                self.vote = tally.your_vote.as_deref().map(sorted);
                self.set_live_tally(tally);
            }
            VoteReply::Voided(tally) => {
                // The reader's choice is kept (to be stored as voided), never counted in.
                self.phase = Phase::Voided;
                self.failures = 0;
                self.set_live_tally(tally);
            }
            VoteReply::Closed(tally) => {
                self.set_live_tally(tally);
                self.close();
            }
            VoteReply::Refused => {
                self.phase = Phase::Idle;
                self.vote = None;
                self.refused = true;
            }
            VoteReply::UnknownPoll => {
                self.has_endpoint = false;
                self.live = false;
                self.tally = Tally::from_snapshot(self.poll.results.as_ref());
                self.phase = Phase::Local;
            }
            VoteReply::Failed { retry_after_secs }
            | VoteReply::OverNetworkCap { retry_after_secs } => {
                self.phase = Phase::Queued;
                self.failures = self.failures.saturating_add(1);
                self.retry_after_secs = retry_after_secs;
            }
        }
    }

    /// The service answered a request for the tally.
    pub fn on_tally_reply(&mut self, reply: TallyReply) {
        match reply {
            TallyReply::Tally(tally) => self.on_tally(tally),
            TallyReply::UnknownPoll => self.unavailable = false,
            TallyReply::Unavailable => self.unavailable = self.has_endpoint,
        }
    }

    /// A fresh tally from the service (`GET`, asked with the reader's token).
    pub fn on_tally(&mut self, tally: Tally) {
        if !self.has_endpoint {
            return;
        }
        self.unavailable = false;
        let recorded = tally.your_vote.as_deref().map(sorted);
        let closed = tally.closed;
        let voided = tally.voided;
        self.set_live_tally(tally);
        if voided {
            match self.phase {
                // Whatever this browser thought, no vote of the reader counts
                // (an unsent one would be refused too).
                Phase::Idle
                | Phase::Pending
                | Phase::Queued
                | Phase::Confirmed
                | Phase::Conflict => self.phase = Phase::Voided,
                Phase::Closed => self.vote = None,
                Phase::Voided | Phase::Local => {}
            }
        } else if let Some(recorded) = recorded {
            match self.phase {
                // Voted before: in another tab, widget, or a cleared storage.
                Phase::Idle | Phase::Confirmed => {
                    self.phase = Phase::Confirmed;
                    self.vote = Some(recorded);
                }
                // The vote arrived though its answer did not, or another vote stands.
                Phase::Pending | Phase::Queued => {
                    self.phase = if self.vote.as_ref() == Some(&recorded) {
                        Phase::Confirmed
                    } else {
                        Phase::Conflict
                    };
                    self.vote = Some(recorded);
                }
                Phase::Conflict | Phase::Closed => self.vote = Some(recorded),
                // The service counts a vote of this reader after all.
                Phase::Voided => {
                    self.phase = Phase::Confirmed;
                    self.vote = Some(recorded);
                }
                Phase::Local => {}
            }
        }
        if closed {
            self.close();
        }
    }

    /// The poll closed (by its date, or the service says so). A vote not yet
    /// counted can no longer be.
    pub fn close(&mut self) {
        if self.has_unsent_vote() || self.phase == Phase::Voided {
            self.vote = self.tally.your_vote.as_deref().map(sorted);
        }
        self.phase = Phase::Closed;
    }

    /// The vote waits because many votes came from the reader's network.
    pub fn is_over_network_cap(&self) -> bool {
        self.network_cap && self.has_unsent_vote()
    }

    /// How long to wait before sending a queued vote again (`jitter` in 0..1).
    pub fn retry_delay_ms(&self, jitter: f64) -> u64 {
        retry_delay_ms(self.failures, jitter, self.retry_after_secs)
    }

    /// What to keep in storage; `None` means nothing (remove the key).
    pub fn stored_vote(&self) -> Option<StoredVote> {
        let status = match self.phase {
            Phase::Idle => return None,
            Phase::Pending | Phase::Queued => VoteStatus::Pending,
            Phase::Local => VoteStatus::Local,
            Phase::Voided => VoteStatus::Voided,
            Phase::Confirmed | Phase::Conflict | Phase::Closed if self.has_endpoint => {
                VoteStatus::Confirmed
            }
            Phase::Confirmed | Phase::Conflict | Phase::Closed => VoteStatus::Local,
        };
        Some(StoredVote {
            options: self.vote.clone()?,
            status,
            cast_at_ms: self.cast_at_ms,
        })
    }

    /// The results to show: the latest tally, with the reader's vote counted in
    /// while the service has not confirmed it, or when the tally is a snapshot.
    pub fn results(&self) -> Results {
        let mine = match self.phase {
            // Not the reader's vote in any count: not counted in, not marked.
            Phase::Voided => Vec::new(),
            _ => self.vote.clone().unwrap_or_default(),
        };
        let tally = if !self.live || self.has_unsent_vote() {
            self.tally.with_vote(&mine)
        } else {
            self.tally.clone()
        };
        tally.results(&self.poll.options, self.poll.multiple, &mine)
    }

    fn set_live_tally(&mut self, tally: Tally) {
        self.tally = tally;
        self.live = true;
    }
}

/// `ids` sorted, without repeats. By selection: a vote has at most a
/// hundred ids (`tally::MAX_COUNTS`), and a sort instantiated for strings
/// would cost the wasm 1.8 KB gzip.
fn sorted(ids: &[String]) -> Vec<String> {
    let mut rest: Vec<&String> = ids.iter().collect();
    let mut ids: Vec<String> = Vec::with_capacity(rest.len());
    while let Some((i, _)) = rest.iter().enumerate().min_by(|a, b| a.1.cmp(b.1)) {
        let id = rest.swap_remove(i);
        if ids.last() != Some(id) {
            ids.push(id.clone());
        }
    }
    ids
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
