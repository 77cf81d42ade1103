//! Dates are formatted by the browser's `Intl`, in the reader's locale.

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// `2024-08-05T08:00:00Z` → "5 August 2024 at 09:00" (or however the locale writes it).
pub fn format_date_time(rfc3339: &str, locale: Option<&str>) -> String {
    let date = Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"long".into()).ok();
    Reflect::set(&options, &"timeStyle".into(), &"short".into()).ok();
    let locales = Array::new();
    if let Some(locale) = locale {
        locales.push(&locale.into());
    }
    let format: Function = Intl::DateTimeFormat::new(&locales, &options).format();
    format
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| rfc3339.to_owned())
}
