//! The form before a vote: which options the reader has ticked, and why
//! the last submission was not taken.

use super::{ChoiceError, PollState};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ballot {
    /// Option ids, in the order the reader ticked them.
    chosen: Vec<String>,
    problem: Option<ChoiceError>,
}

impl Ballot {
    /// The reader ticked (or unticked) option `id`. On a single-choice poll
    /// ticking one unticks the others. Any problem shown is cleared.
    pub fn tick(&mut self, id: &str, checked: bool, multiple: bool) {
        if !multiple {
            self.chosen.clear();
        }
        self.chosen.retain(|other| other != id);
        if checked {
            self.chosen.push(id.to_owned());
        }
        self.problem = None;
    }

    /// Casts the ticked options as the vote in `poll`; what went wrong, if
    /// anything, is kept for the form to show.
    pub fn submit(&mut self, poll: &mut PollState, now_ms: u64) {
        self.problem = poll.submit(self.chosen.clone(), now_ms).err();
    }

    pub fn problem(&self) -> Option<ChoiceError> {
        self.problem
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Poll, PollOption};

    fn yes_or_no() -> Poll {
        Poll {
            id: "p".into(),
            question: "Q?".into(),
            options: ["yes", "no"]
                .map(|id| PollOption {
                    id: id.into(),
                    label: id.into(),
                })
                .into(),
            multiple: false,
            closes_at: None,
            endpoint: None,
            results: None,
        }
    }

    #[test]
    fn ticking_on_a_single_choice_poll_keeps_only_the_last_option() {
        let mut ballot = Ballot::default();
        ballot.tick("yes", true, false);
        ballot.tick("no", true, false);
        assert_eq!(ballot.chosen, ["no"]);
    }

    #[test]
    fn ticking_on_a_multiple_choice_poll_keeps_each_option_once() {
        let mut ballot = Ballot::default();
        ballot.tick("a", true, true);
        ballot.tick("b", true, true);
        ballot.tick("a", true, true);
        ballot.tick("b", false, true);
        assert_eq!(ballot.chosen, ["a"]);
    }

    #[test]
    fn an_empty_submission_is_a_problem_until_the_reader_ticks_again() {
        let mut poll = PollState::new(&yes_or_no(), true, false, None);
        let mut ballot = Ballot::default();
        ballot.submit(&mut poll, 1);
        assert_eq!(ballot.problem(), Some(ChoiceError::Empty));
        ballot.tick("yes", true, false);
        assert_eq!(ballot.problem(), None);
        ballot.submit(&mut poll, 2);
        assert_eq!(ballot.problem(), None);
        assert_eq!(poll.vote(), Some(&["yes".to_owned()][..]));
    }
}
