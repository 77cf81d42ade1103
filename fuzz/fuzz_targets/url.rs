//! URL safety (model/src/url.rs) against the WHATWG parser browsers follow:
//! what the model lets through is http(s)/mailto to a browser too, is stable
//! when checked again, lands on the origin the browser would resolve, and the
//! host shown on a related card is the host the link goes to.
#![no_main]

use article_model::url::{clean, display_host, safe_http, safe_link};
use libfuzzer_sys::fuzz_target;

const BASE: &str = "https://news.example/articles/2024/story.json?v=1";

fuzz_target!(|input: (String, String)| {
    let (raw, fuzzed_base) = input;
    check(&raw, BASE);
    check(&raw, &fuzzed_base);
});

fn check(raw: &str, base: &str) {
    let link = safe_link(raw, base);
    let web = safe_http(raw, base);
    if let Some(out) = &link {
        assert_eq!(&clean(out), out, "link not clean");
        let lower = out.to_ascii_lowercase();
        assert!(
            lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:"),
            "link {out:?} from {raw:?} is not http(s)/mailto"
        );
        assert_eq!(
            safe_link(out, base).as_ref(),
            Some(out),
            "checking {out:?} again changes it"
        );
        if let Ok(parsed) = url::Url::parse(out) {
            let scheme = parsed.scheme();
            assert!(
                matches!(scheme, "http" | "https" | "mailto"),
                "link {out:?} from {raw:?} is {scheme} to a browser"
            );
        }
    }
    if let Some(out) = &web {
        let lower = out.to_ascii_lowercase();
        assert!(
            lower.starts_with("http://") || lower.starts_with("https://"),
            "web URL {out:?} from {raw:?} is not http(s)"
        );
        assert!(link.is_some(), "a web URL that is not a link: {raw:?}");
        assert_eq!(
            safe_http(out, base).as_ref(),
            Some(out),
            "checking {out:?} again changes it"
        );
        same_origin_as_browser(raw, base, out);
        shown_host_is_real_host(out);
    }
}

/// The browser resolving `raw` against `base` reaches the origin `out` names.
fn same_origin_as_browser(raw: &str, base: &str, out: &str) {
    let Ok(base_url) = url::Url::parse(base) else {
        return;
    };
    if !matches!(base_url.scheme(), "http" | "https") {
        return;
    }
    let (Ok(expected), Ok(ours)) = (base_url.join(raw), url::Url::parse(out)) else {
        return;
    };
    assert_eq!(
        ours.origin(),
        expected.origin(),
        "{raw:?} against {base:?}: we give {out:?}, the browser {}",
        expected.as_str()
    );
}

/// The source shown on a card (`display_host`) is the host the link opens.
fn shown_host_is_real_host(out: &str) {
    let Some(shown) = display_host(out) else {
        return;
    };
    assert!(!shown.is_empty());
    let Ok(parsed) = url::Url::parse(out) else {
        return;
    };
    let Some(url::Host::Domain(host)) = parsed.host() else {
        return;
    };
    // Percent-decoding and IDNA legitimately change how a host is spelled.
    if !shown.is_ascii() || shown.contains('%') || host.starts_with("xn--") {
        return;
    }
    let host = host.strip_prefix("www.").unwrap_or(host);
    assert!(
        shown.eq_ignore_ascii_case(host),
        "{out:?} shows {shown:?} but goes to {host:?}"
    );
}
