//! The widget's own words. Article text comes from the document; everything
//! the widget itself says comes from here, in English, Arabic or French.

mod ar;
mod fr;

/// One language's messages.
pub struct Messages {
    /// The BCP 47 tag these messages are written in.
    pub lang: &'static str,
    /// Writing direction of `lang`.
    pub dir: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub error_title: &'static str,
    pub error_network: &'static str,
    pub error_timeout: &'static str,
    pub error_not_found: &'static str,
    pub error_http: &'static str,
    pub error_not_json: &'static str,
    pub error_schema: &'static str,
    pub error_unsupported: &'static str,
    pub error_too_large: &'static str,
    pub widget_crashed: &'static str,
    pub restart_widget: &'static str,
    pub by: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub related_default_title: &'static str,
    pub poll_label: &'static str,
    pub embed_label: &'static str,
    // Poll
    pub poll_vote: &'static str,
    pub poll_choose_many: &'static str,
    pub poll_choose_first: &'static str,
    pub poll_too_many: &'static str,
    pub poll_refused: &'static str,
    pub poll_your_choice: &'static str,
    pub poll_one_vote: &'static str,
    pub poll_votes: &'static str,
    pub poll_one_voter: &'static str,
    pub poll_voters: &'static str,
    pub poll_total: &'static str,
    pub poll_pending: &'static str,
    pub poll_unavailable: &'static str,
    pub poll_queued: &'static str,
    pub poll_network_cap: &'static str,
    pub poll_confirmed: &'static str,
    pub poll_conflict: &'static str,
    /// The poll service's moderators voided the reader's vote (poll-api.md, "Admin").
    pub poll_voided: &'static str,
    pub poll_closed_on: &'static str,
    pub poll_closed: &'static str,
    pub poll_local: &'static str,
    pub poll_not_live: &'static str,
    /// Shown by the prerendered poll when the page runs no script.
    pub poll_needs_script: &'static str,
    // Sections
    pub sections_expand_all: &'static str,
    pub sections_collapse_all: &'static str,
    /// Shown with a collapsed section: `{minutes}` is a whole number.
    pub section_reading_time: &'static str,
    /// The copy-link button's name: `{heading}` is the section's heading.
    pub section_copy_link: &'static str,
    pub section_link_copied: &'static str,
    /// When the clipboard refuses, the link is put in the address bar instead.
    pub section_link_in_address_bar: &'static str,
    // Related-links carousel
    pub carousel_roledescription: &'static str,
    pub slide_roledescription: &'static str,
    /// A card's label: "{index} of {total}".
    pub slide_label: &'static str,
    pub previous_cards: &'static str,
    pub next_cards: &'static str,
    /// Names the group of position indicators.
    pub card_pages: &'static str,
    /// A one-card page or view: "{first}", "{total}".
    pub cards_one: &'static str,
    /// A page or view of several cards: "{first}", "{last}", "{total}".
    pub cards_many: &'static str,
    /// What the live region says after a button press: "{cards}" is `cards_one` or `cards_many`.
    pub cards_showing: &'static str,
    /// A position indicator's label: "{cards}" as above.
    pub cards_show: &'static str,
    pub opens_in_new_tab: &'static str,
    // Hardening
    /// The answer broke off before the document was complete.
    pub error_interrupted: &'static str,
    /// 429/503 with `Retry-After`: "{status}", and "{minutes}" (a whole number, at least 1).
    pub error_busy: &'static str,
}

pub const EN: Messages = Messages {
    lang: "en",
    dir: "ltr",
    loading: "Loading the article…",
    retry: "Try again",
    error_title: "The article could not be shown",
    error_network: "We could not reach the article. Check your connection, then try again.",
    error_timeout: "The article took too long to arrive.",
    error_not_found: "The article was not found (HTTP {status}).",
    error_http: "The article server answered with an error (HTTP {status}).",
    error_not_json: "The server did not send an article document (the reply is not JSON).",
    error_schema: "The article document has a mistake: {detail}",
    error_unsupported: "This article uses a format this widget does not read ({format}).",
    error_too_large: "The article is too large to show ({detail}).",
    widget_crashed: "Something went wrong in the article widget. ",
    restart_widget: "Restart the widget",
    by: "By",
    published: "Published",
    updated: "Updated",
    related_default_title: "More from Around the Web",
    poll_label: "Reader poll",
    embed_label: "Embedded content",
    // Poll
    poll_vote: "Vote",
    poll_choose_many: "Choose one or more answers.",
    poll_choose_first: "Choose an answer first.",
    poll_too_many: "Choose only one answer.",
    poll_refused: "The poll service did not accept that vote. Please choose again.",
    poll_your_choice: "Your choice",
    poll_one_vote: "1 vote",
    poll_votes: "{count} votes",
    poll_one_voter: "1 voter",
    poll_voters: "{count} voters",
    poll_total: "Total: {total}",
    poll_pending: "Sending your vote…",
    poll_unavailable: "The poll service cannot be reached right now. You can still vote: your vote will be kept and sent when it is back.",
    poll_queued: "Your vote is saved in this browser and will be sent as soon as the poll service can be reached.",
    poll_network_cap: "Many votes came from your network recently, so the poll service is holding new ones back. Your vote is saved in this browser and will be sent later.",
    poll_confirmed: "Thank you, your vote was counted.",
    poll_conflict: "You had already voted in this poll: your earlier vote stands.",
    poll_voided: "Your vote was removed by the poll’s moderators and is not counted.",
    poll_closed_on: "This poll closed on",
    poll_closed: "This poll is closed.",
    poll_local: "Your vote is kept in this browser only.",
    poll_not_live: "Not live: results as published with the article.",
    poll_needs_script: "Voting needs JavaScript.",
    // Sections
    sections_expand_all: "Expand all",
    sections_collapse_all: "Collapse all",
    section_reading_time: "{minutes} min read",
    section_copy_link: "Copy link to “{heading}”",
    section_link_copied: "Link copied",
    section_link_in_address_bar: "Link is in the address bar",
    // Related-links carousel
    carousel_roledescription: "carousel",
    slide_roledescription: "slide",
    slide_label: "{index} of {total}",
    previous_cards: "Previous cards",
    next_cards: "Next cards",
    card_pages: "Choose cards",
    cards_one: "card {first} of {total}",
    cards_many: "cards {first} to {last} of {total}",
    cards_showing: "Showing {cards}",
    cards_show: "Show {cards}",
    opens_in_new_tab: "(opens in a new tab)",
    // Hardening
    error_interrupted: "The article stopped arriving before it was complete. Please try again.",
    error_busy: "The article server is busy (HTTP {status}). Try again in {minutes} min.",
};

/// The messages for the first of `preferences` (BCP 47 tags, e.g. the
/// embed's `lang` then the document's) that has a catalogue; English otherwise.
pub fn messages_for(preferences: &[Option<&str>]) -> &'static Messages {
    preferences
        .iter()
        .flatten()
        .find_map(|tag| catalogue(tag))
        .unwrap_or(&EN)
}

/// The messages for `lang`, falling back to English.
pub fn messages(lang: Option<&str>) -> &'static Messages {
    messages_for(&[lang])
}

fn catalogue(tag: &str) -> Option<&'static Messages> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "en" => Some(&EN),
        "ar" => Some(&ar::AR),
        "fr" => Some(&fr::FR),
        _ => None,
    }
}

/// Fills `{name}` placeholders in a message.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}
