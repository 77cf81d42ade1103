//! One section: its heading button, what it holds while collapsed, its panel
//! and a control that copies a link to it.

use std::time::Duration;

use article_model::events::ToggleCause;
use article_model::sections::{fragment_for, summarize};
use article_model::Section;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::use_sections::SectionsContext;
use crate::content::BlockList;
use crate::context::WidgetContext;
use crate::i18n::fill;

/// How long the copy control says "Link copied".
const COPIED_FOR: Duration = Duration::from_secs(3);

#[component]
pub fn ArticleSection(
    section: Section,
    /// Position in the document, which names this section's elements.
    index: usize,
    /// Whether the panel is shown.
    expanded: RwSignal<bool>,
) -> impl IntoView {
    let context = SectionsContext::get();
    let m = WidgetContext::get().messages;
    let disclosures = context.disclosures;
    let button_id = context.element_id(index, "button");
    let panel_id = context.element_id(index, "panel");
    let Section {
        id,
        heading,
        blocks,
        ..
    } = section;
    let summary = summarize(&blocks);
    let anchor = id.clone();
    let reading_time = fill(
        m.section_reading_time,
        "minutes",
        &summary.minutes.to_string(),
    );
    let panel = NodeRef::<Div>::new();
    let hidden_value = context.hidden_value;

    let toggle = move |_| {
        #[cfg(feature = "test-hooks")]
        crate::panic::test_trigger::on_toggle();
        disclosures.toggle(index);
        if expanded.get_untracked() {
            if let Some(panel) = panel.get_untracked() {
                reveal_gently(&panel);
            }
        }
    };

    view! {
        <div class="aw-section" class:aw-section--open=expanded data-section-id=anchor>
            <div class="aw-section__header">
                <h3 class="aw-section__heading">
                    <button
                        type="button"
                        class="aw-section__toggle"
                        id=button_id.clone()
                        aria-expanded=move || if expanded.get() { "true" } else { "false" }
                        aria-controls=panel_id.clone()
                        on:click=toggle
                    >
                        {heading.clone()}
                    </button>
                </h3>
                <CopyLinkButton id heading />
            </div>
            <p class="aw-section__summary">
                <span class="aw-section__reading-time">{reading_time}</span>
                {(!summary.preview.is_empty()).then(|| view! {
                    " · " <span class="aw-section__preview">{summary.preview}</span>
                })}
            </p>
            <div
                class="aw-section__panel"
                id=panel_id
                role=context.panel_role
                aria-labelledby=button_id
                hidden=move || (!expanded.get()).then_some(hidden_value)
                on:beforematch=move |_: web_sys::Event| disclosures.set(index, true, ToggleCause::Reader)
                node_ref=panel
            >
                <BlockList blocks />
            </div>
        </div>
    }
}

/// Fades a just-opened panel in, unless the reader asked for less motion.
/// Runs through the Web Animations API: no style attribute, so the page's
/// `style-src 'self'` policy is kept.
fn reveal_gently(panel: &web_sys::HtmlDivElement) {
    let reduced = window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches());
    if reduced {
        return;
    }
    let keyframes = js_sys::Object::new();
    let pair = |a: &str, b: &str| js_sys::Array::of2(&a.into(), &b.into());
    js_sys::Reflect::set(&keyframes, &"opacity".into(), &pair("0", "1")).ok();
    js_sys::Reflect::set(
        &keyframes,
        &"transform".into(),
        &pair("translateY(-8px)", "none"),
    )
    .ok();
    // `Element.animate` is behind web-sys's unstable-API flag; call it directly.
    let animate = js_sys::Reflect::get(panel, &"animate".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(animate) = animate {
        animate.call2(panel, &keyframes, &200.into()).ok();
    }
}

/// Copies the full URL of the section (the page's address with `#id`).
#[component]
fn CopyLinkButton(
    /// The section's id, its link fragment.
    id: String,
    /// The section's heading, named in the button's label.
    heading: String,
) -> impl IntoView {
    let context = SectionsContext::get();
    let m = WidgetContext::get().messages;
    let copied = RwSignal::new(false);
    let fragment = fragment_for(&id);
    let announce = context.announce;
    let copy = move |_| {
        let fragment = fragment.clone();
        spawn_local(async move {
            let url = page_url_with(&fragment);
            let message = if write_to_clipboard(&url).await.is_ok() {
                m.section_link_copied
            } else {
                // No clipboard (permissions, insecure page): the address bar
                // gets the link, without scrolling or adding history.
                window()
                    .history()
                    .and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&fragment)))
                    .ok();
                m.section_link_in_address_bar
            };
            announce.set(message.to_owned());
            copied.set(true);
            set_timeout(move || copied.set(false), COPIED_FOR);
        });
    };
    view! {
        <button type="button" class="aw-section__copy" on:click=copy disabled=cfg!(feature = "ssr")>
            <span class="aw-section__copy-icon" aria-hidden="true">"#"</span>
            <span class="aw-visually-hidden">{fill(m.section_copy_link, "heading", &heading)}</span>
            <span class="aw-section__copied" aria-hidden="true" hidden=move || !copied.get()>
                {m.section_link_copied}
            </span>
        </button>
    }
}

/// The page's address with its fragment replaced by `fragment`.
fn page_url_with(fragment: &str) -> String {
    let href = window().location().href().unwrap_or_default();
    let without_fragment = href.split('#').next().unwrap_or_default();
    format!("{without_fragment}{fragment}")
}

async fn write_to_clipboard(text: &str) -> Result<(), JsValue> {
    let clipboard = window().navigator().clipboard();
    if clipboard.is_undefined() {
        return Err(JsValue::NULL);
    }
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ())
}
