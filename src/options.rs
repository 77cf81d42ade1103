/// Where the seed article lives when a page names none.
pub const DEFAULT_SRC: &str = "articles/iraq.json";

/// How a page configures one widget (the options of `shared/spec/embedding.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetOptions {
    /// Article document URL, relative to the page.
    pub src: String,
    /// Poll service base URL, overriding the document's.
    pub poll_endpoint: Option<String>,
    /// `Some(true)` collapses every section, `Some(false)` expands every section.
    pub sections_collapsed: Option<bool>,
    pub theme: Theme,
    /// Language of the widget's own words; the document's `lang` when absent.
    pub lang: Option<String>,
    /// Which item of a JSON Feed or post of a WordPress list to show, by id
    /// (or position from 1); the first when absent.
    pub item: Option<String>,
    /// Set when the live widget takes over prerendered markup: the ids of the
    /// sections the reader had open there, which open here instead of the
    /// initial states.
    pub open_sections: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            src: DEFAULT_SRC.to_owned(),
            poll_endpoint: None,
            sections_collapsed: None,
            theme: Theme::Auto,
            lang: None,
            item: None,
            open_sections: None,
        }
    }
}

impl WidgetOptions {
    /// Reads options from named values, e.g. attributes or a query string;
    /// unknown or empty values fall back to the defaults.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        WidgetOptions {
            src: get("src").unwrap_or_else(|| DEFAULT_SRC.to_owned()),
            poll_endpoint: get("poll-endpoint"),
            sections_collapsed: match get("sections").as_deref() {
                Some("collapsed") => Some(true),
                Some("expanded") => Some(false),
                _ => None,
            },
            theme: match get("theme").as_deref() {
                Some("light") => Theme::Light,
                Some("dark") => Theme::Dark,
                _ => Theme::Auto,
            },
            lang: get("lang"),
            item: get("item"),
            open_sections: None,
        }
    }
}
