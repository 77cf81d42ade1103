//! Reading a document in any format (article/1, JSON Feed, WordPress):
//! never panics, everything it accepts is safe to render, and the model
//! depends only on the JSON value, not on how it is written. A document it
//! accepts, written back as `article/1`, reads as the same model.
#![no_main]

use article_fuzz::{check_article, check_round_trip};
use article_model::{read, DocError, Reading};
use libfuzzer_sys::fuzz_target;

const BASE: &str = "https://news.example/articles/2024/story.json?v=1";

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let result = read(json, BASE, None);
    match &result {
        Ok(Reading { article, .. }) => {
            check_article(article);
            check_round_trip(article, BASE);
        }
        Err(error) => assert!(!error.to_string().is_empty(), "an empty error message"),
    }
    // The same JSON value written differently reads the same (size aside).
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
        let respelled = serde_json::to_string_pretty(&value).expect("a Value serialises");
        let again = read(&respelled, BASE, None);
        let too_large = |r: &Result<Reading, DocError>| matches!(r, Err(DocError::TooLarge { .. }));
        if !too_large(&result) && !too_large(&again) {
            assert_eq!(result, again, "re-serialised document reads differently");
        }
    }
});
