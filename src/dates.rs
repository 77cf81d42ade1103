//! Dates are formatted by the browser's `Intl`, in the reader's locale. The
//! prerendered markup (`ssr`) has no `Intl`: it writes the date in the
//! widget's language, as the document gives it (its own offset, no zone
//! conversion), on one line like the live widget's.

/// `2024-08-05T08:00:00Z` → "5 August 2024 at 09:00" (or however the locale writes it).
#[cfg(not(feature = "ssr"))]
pub fn format_date_time(rfc3339: &str, locale: Option<&str>) -> String {
    use js_sys::{Array, Date, Function, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

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

/// `2024-08-05T08:00:00Z` → "5 August 2024 at 08:00 UTC" in `locale`'s
/// language (English, French, Arabic; others read English).
#[cfg(feature = "ssr")]
pub fn format_date_time(rfc3339: &str, locale: Option<&str>) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const AR: [&str; 12] = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    if !article_model::is_rfc3339(rfc3339) {
        return rfc3339.to_owned();
    }
    let year = &rfc3339[0..4];
    let month: usize = rfc3339[5..7].parse().unwrap_or(1);
    let day: u32 = rfc3339[8..10].parse().unwrap_or(1);
    let time = &rfc3339[11..16];
    let offset = rfc3339[19..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let zone = match offset {
        "Z" | "z" | "+00:00" | "-00:00" => "UTC".to_owned(),
        other => format!("UTC{other}"),
    };
    let language = locale
        .unwrap_or("en")
        .split(['-', '_'])
        .next()
        .unwrap_or("en");
    let month = month.clamp(1, 12) - 1;
    match language.to_ascii_lowercase().as_str() {
        "fr" => format!("{day} {} {year} à {time} {zone}", FR[month]),
        "ar" => format!("{day} {} {year} في {time} {zone}", AR[month]),
        _ => format!("{day} {} {year} at {time} {zone}", EN[month]),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::format_date_time;

    #[test]
    fn prerendered_dates_are_written_in_the_widget_language() {
        let date = "2024-08-05T08:00:00Z";
        assert_eq!(
            format_date_time(date, Some("en")),
            "5 August 2024 at 08:00 UTC"
        );
        assert_eq!(
            format_date_time(date, Some("fr-FR")),
            "5 août 2024 à 08:00 UTC"
        );
        assert_eq!(
            format_date_time("2024-08-05T08:00:00.5+03:00", None),
            "5 August 2024 at 08:00 UTC+03:00"
        );
        assert_eq!(format_date_time("yesterday", None), "yesterday");
    }
}
