//! The events the widget dispatches on its host element for the host page
//! (analytics, tag managers): their names and what each `detail` holds, and
//! when a poll vote is worth an event. The widget only builds the DOM event;
//! the README's "Events" table and `article-widget.d.ts` describe the same.

use crate::json::{quote, strings};
use crate::poll::Phase;
use crate::Format;

/// Every event name the widget dispatches, `article-widget:` included.
pub const EVENT_NAMES: [&str; 6] = [
    "article-widget:ready",
    "article-widget:error",
    "article-widget:section-toggle",
    "article-widget:vote",
    "article-widget:link-click",
    "article-widget:carousel-page",
];

/// Who opened or closed a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToggleCause {
    /// A click on the heading, Expand/Collapse all, find in page.
    Reader,
    /// `#section-id` in the page's address, on load or when it changes.
    DeepLink,
}

/// Where a clicked link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPlace {
    /// In the article: its text, an embed card, an author's link.
    Body,
    /// A related-links card, at this position counted from 1.
    Related { position: usize },
}

/// What became of a reader's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteOutcome {
    /// The poll service counted it.
    Confirmed,
    /// It could not be sent; it is kept and will be sent again.
    Queued,
    /// The service already had another vote from this reader; that one stands.
    Conflict,
    /// No poll service: kept in this browser only.
    Local,
    /// The service's moderators had voided this reader's vote: none is taken.
    Voided,
}

impl VoteOutcome {
    pub fn name(self) -> &'static str {
        match self {
            VoteOutcome::Confirmed => "confirmed",
            VoteOutcome::Queued => "queued",
            VoteOutcome::Conflict => "conflict",
            VoteOutcome::Local => "local",
            VoteOutcome::Voided => "voided",
        }
    }
}

/// One event for the host page.
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetEvent<'a> {
    /// The article is shown.
    Ready {
        id: &'a str,
        title: &'a str,
        format: Format,
        /// Taken over from prerendered markup rather than rendered afresh.
        prerendered: bool,
    },
    /// The error box is shown instead of the article.
    Error {
        message: &'a str,
        /// The document server's HTTP status, when it answered with one.
        status: Option<u16>,
    },
    SectionToggle {
        id: &'a str,
        open: bool,
        by: ToggleCause,
    },
    Vote {
        poll: &'a str,
        /// The vote that stands (for a conflict, the one the service had).
        options: &'a [String],
        outcome: VoteOutcome,
    },
    LinkClick {
        url: &'a str,
        place: LinkPlace,
    },
    /// The related cards in view changed: `first..=last`, counted from 1.
    CarouselPage {
        first: usize,
        last: usize,
        total: usize,
    },
}

impl WidgetEvent<'_> {
    /// The DOM event's type.
    pub fn name(&self) -> &'static str {
        let index = match self {
            WidgetEvent::Ready { .. } => 0,
            WidgetEvent::Error { .. } => 1,
            WidgetEvent::SectionToggle { .. } => 2,
            WidgetEvent::Vote { .. } => 3,
            WidgetEvent::LinkClick { .. } => 4,
            WidgetEvent::CarouselPage { .. } => 5,
        };
        EVENT_NAMES[index]
    }

    /// The DOM event's `detail`, as JSON text.
    pub fn detail(&self) -> String {
        match *self {
            WidgetEvent::Ready {
                id,
                title,
                format,
                prerendered,
            } => format!(
                r#"{{"id":{},"title":{},"format":"{}","prerendered":{prerendered}}}"#,
                quote(id),
                quote(title),
                format.name()
            ),
            WidgetEvent::Error { message, status } => format!(
                r#"{{"message":{},"status":{}}}"#,
                quote(message),
                status.map_or("null".to_owned(), |status| status.to_string())
            ),
            WidgetEvent::SectionToggle { id, open, by } => {
                let by = match by {
                    ToggleCause::Reader => "reader",
                    ToggleCause::DeepLink => "deep-link",
                };
                format!(r#"{{"id":{},"open":{open},"by":"{by}"}}"#, quote(id))
            }
            WidgetEvent::Vote {
                poll,
                options,
                outcome,
            } => format!(
                r#"{{"poll":{},"options":{},"outcome":"{}"}}"#,
                quote(poll),
                strings(options),
                outcome.name()
            ),
            WidgetEvent::LinkClick { url, place } => {
                let (place, position) = match place {
                    LinkPlace::Body => ("body", "null".to_owned()),
                    LinkPlace::Related { position } => ("related", position.to_string()),
                };
                format!(
                    r#"{{"url":{},"where":"{place}","position":{position}}}"#,
                    quote(url)
                )
            }
            WidgetEvent::CarouselPage { first, last, total } => {
                format!(r#"{{"first":{first},"last":{last},"total":{total}}}"#)
            }
        }
    }
}

/// Decides which changes of a poll's phase are `vote` events: the outcome of
/// the reader's vote, once, and once more when a queued vote is confirmed
/// (or meets a conflict). Retries that fail again say nothing new.
#[derive(Debug, Clone)]
pub struct VoteReporter {
    phase: Phase,
    queued_told: bool,
}

impl VoteReporter {
    /// Starts from the phase the poll was in when shown: a vote confirmed on
    /// an earlier visit is no event, a vote still unsent is followed.
    pub fn new(phase: Phase) -> Self {
        VoteReporter {
            phase,
            queued_told: false,
        }
    }

    /// The poll moved to `phase`; answers the event to dispatch, if any.
    pub fn on_phase(&mut self, phase: Phase) -> Option<VoteOutcome> {
        let before = std::mem::replace(&mut self.phase, phase);
        let sending = matches!(before, Phase::Idle | Phase::Pending | Phase::Queued);
        let outcome = match phase {
            Phase::Confirmed if matches!(before, Phase::Pending | Phase::Queued) => {
                Some(VoteOutcome::Confirmed)
            }
            Phase::Conflict if matches!(before, Phase::Pending | Phase::Queued) => {
                Some(VoteOutcome::Conflict)
            }
            Phase::Voided if matches!(before, Phase::Pending | Phase::Queued) => {
                Some(VoteOutcome::Voided)
            }
            Phase::Local if sending => Some(VoteOutcome::Local),
            Phase::Queued if !self.queued_told => {
                self.queued_told = true;
                Some(VoteOutcome::Queued)
            }
            // The form is back (a refused vote): the next vote starts afresh.
            Phase::Idle => {
                self.queued_told = false;
                None
            }
            _ => None,
        };
        if outcome.is_some() && phase != Phase::Queued {
            self.queued_told = false;
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use Phase::*;

    fn outcomes(start: Phase, phases: &[Phase]) -> Vec<&'static str> {
        let mut reporter = VoteReporter::new(start);
        phases
            .iter()
            .filter_map(|&p| reporter.on_phase(p))
            .map(VoteOutcome::name)
            .collect()
    }

    #[test]
    fn votes_are_told_once_per_outcome() {
        let cases: &[(Phase, &[Phase], &[&str])] = &[
            (Idle, &[Pending, Confirmed], &["confirmed"]),
            (Idle, &[Local], &["local"]),
            (Idle, &[Pending, Conflict], &["conflict"]),
            // Queued once, however many retries fail, then confirmed.
            (
                Idle,
                &[Pending, Queued, Pending, Queued, Pending, Confirmed],
                &["queued", "confirmed"],
            ),
            // The service did not know the poll: kept locally.
            (Idle, &[Pending, Local], &["local"]),
            // A vote left unsent by an earlier visit, confirmed on this one.
            (Pending, &[Confirmed], &["confirmed"]),
            (
                Pending,
                &[Queued, Pending, Conflict],
                &["queued", "conflict"],
            ),
            // Refused (400): the form comes back, the next vote is new.
            (
                Idle,
                &[Pending, Queued, Pending, Idle, Pending, Queued],
                &["queued", "queued"],
            ),
            // Voted elsewhere (a tally tells), confirmed earlier, closed: no vote here.
            (Idle, &[Confirmed, Closed], &[]),
            (Confirmed, &[Confirmed, Closed], &[]),
            (Idle, &[Pending, Closed], &[]),
            (Local, &[Local], &[]),
            // A queued vote from a voided reader: voided, once.
            (
                Pending,
                &[Queued, Pending, Voided, Voided],
                &["queued", "voided"],
            ),
            // Voided since an earlier visit (a tally tells): no vote here.
            (Confirmed, &[Voided], &[]),
        ];
        for (start, phases, expected) in cases {
            assert_eq!(
                outcomes(*start, phases),
                *expected,
                "{start:?} then {phases:?}"
            );
        }
    }

    #[test]
    fn details_hold_what_the_readme_says() {
        let options = vec!["yes".to_owned()];
        let cases = [
            (
                WidgetEvent::Ready {
                    id: "iraq",
                    title: "Countdown",
                    format: Format::Native,
                    prerendered: false,
                },
                "article-widget:ready",
                json!({"id": "iraq", "title": "Countdown", "format": "article/1", "prerendered": false}),
            ),
            (
                WidgetEvent::Error {
                    message: "Not found (HTTP 404).",
                    status: Some(404),
                },
                "article-widget:error",
                json!({"message": "Not found (HTTP 404).", "status": 404}),
            ),
            (
                WidgetEvent::Error {
                    message: "Too slow.",
                    status: None,
                },
                "article-widget:error",
                json!({"message": "Too slow.", "status": null}),
            ),
            (
                WidgetEvent::SectionToggle {
                    id: "talks",
                    open: true,
                    by: ToggleCause::DeepLink,
                },
                "article-widget:section-toggle",
                json!({"id": "talks", "open": true, "by": "deep-link"}),
            ),
            (
                WidgetEvent::Vote {
                    poll: "p1",
                    options: &options,
                    outcome: VoteOutcome::Queued,
                },
                "article-widget:vote",
                json!({"poll": "p1", "options": ["yes"], "outcome": "queued"}),
            ),
            (
                WidgetEvent::LinkClick {
                    url: "https://a.example/",
                    place: LinkPlace::Related { position: 3 },
                },
                "article-widget:link-click",
                json!({"url": "https://a.example/", "where": "related", "position": 3}),
            ),
            (
                WidgetEvent::LinkClick {
                    url: "https://a.example/",
                    place: LinkPlace::Body,
                },
                "article-widget:link-click",
                json!({"url": "https://a.example/", "where": "body", "position": null}),
            ),
            (
                WidgetEvent::CarouselPage {
                    first: 4,
                    last: 6,
                    total: 8,
                },
                "article-widget:carousel-page",
                json!({"first": 4, "last": 6, "total": 8}),
            ),
        ];
        for (event, name, detail) in cases {
            assert_eq!(event.name(), name);
            let written: serde_json::Value = serde_json::from_str(&event.detail()).unwrap();
            assert_eq!(written, detail, "{name}");
        }
    }

    #[test]
    fn format_names() {
        assert_eq!(Format::JsonFeed.name(), "json-feed");
        assert_eq!(Format::WordPressPosts.name(), "wordpress-posts");
    }
}
