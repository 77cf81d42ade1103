//! A valid poll in one call, for the tests and the benchmark examples.

use poll_server::poll::{Poll, PollInput, PollOption};

/// A poll with these option ids (labels and question made from them).
pub fn poll(id: &str, options: &[&str], multiple: bool, closes_at: Option<&str>) -> Poll {
    let input = PollInput {
        question: format!("Question of {id}?"),
        options: options
            .iter()
            .map(|o| PollOption {
                id: o.to_string(),
                label: format!("Label {o}"),
            })
            .collect(),
        multiple,
        closes_at: closes_at.map(str::to_string),
    };
    Poll::from_input(id, input).expect("valid test poll")
}
