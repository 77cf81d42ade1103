//! Poll definitions from article documents (the `poll` blocks of article JSON).

use std::path::Path;

use serde_json::Value;

use crate::poll::{Poll, PollInput};
use crate::store::Store;

/// Same cap as the widget's: larger documents are refused.
const MAX_DOCUMENT_BYTES: u64 = 5 * 1024 * 1024;

/// Reads every `*.json` file directly in `dir` and stores the polls found.
/// A bad file or poll is logged and skipped; only storage errors are fatal.
pub async fn load_dir(store: &dyn Store, dir: &Path) -> Result<usize, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read articles dir {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut loaded = 0;
    for path in paths {
        let document = match read_document(&path) {
            Ok(document) => document,
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "article skipped");
                continue;
            }
        };
        for (where_, result) in polls_in(&document) {
            match result {
                Ok(poll) => {
                    store.put_poll(&poll).await.map_err(|e| e.to_string())?;
                    loaded += 1;
                }
                Err(error) => {
                    tracing::warn!(path = %path.display(), block = %where_, %error, "poll skipped")
                }
            }
        }
    }
    Ok(loaded)
}

fn read_document(path: &Path) -> Result<Value, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(format!("{size} bytes is over the 5 MiB limit"));
    }
    let text = std::fs::read(path).map_err(|e| e.to_string())?;
    serde_json::from_slice(&text).map_err(|e| e.to_string())
}

/// The poll blocks of a document, each with its JSON path for messages.
pub fn polls_in(document: &Value) -> Vec<(String, Result<Poll, String>)> {
    let mut blocks: Vec<(String, &Value)> = Vec::new();
    if let Some(lead) = document.get("lead").and_then(Value::as_array) {
        blocks.extend(
            lead.iter()
                .enumerate()
                .map(|(i, b)| (format!("lead[{i}]"), b)),
        );
    }
    if let Some(sections) = document.get("sections").and_then(Value::as_array) {
        for (s, section) in sections.iter().enumerate() {
            if let Some(list) = section.get("blocks").and_then(Value::as_array) {
                blocks.extend(
                    list.iter()
                        .enumerate()
                        .map(|(i, b)| (format!("sections[{s}].blocks[{i}]"), b)),
                );
            }
        }
    }
    blocks
        .into_iter()
        .filter(|(_, block)| block.get("type").and_then(Value::as_str) == Some("poll"))
        .map(|(where_, block)| (where_, parse_block(block)))
        .collect()
}

fn parse_block(block: &Value) -> Result<Poll, String> {
    let id = block
        .get("id")
        .and_then(Value::as_str)
        .ok_or("id: expected a string")?;
    let input: PollInput = serde_json::from_value(block.clone()).map_err(|e| e.to_string())?;
    Poll::from_input(id, input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_polls_in_lead_and_sections() {
        let poll = |id: &str| {
            json!({"type": "poll", "id": id, "question": "Q?",
                   "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
                   "endpoint": "/api", "results": {"a": 3}})
        };
        let document = json!({
            "id": "doc", "title": "T",
            "lead": [{"type": "paragraph", "text": "x"}, poll("lead-poll")],
            "sections": [
                {"heading": "H", "blocks": [poll("s0")]},
                {"heading": "H2", "blocks": [{"type": "poll", "id": "bad", "question": "Q", "options": []}]},
                {"heading": "H3"}
            ]
        });
        let found = polls_in(&document);
        let summary: Vec<_> = found
            .iter()
            .map(|(at, r)| (at.as_str(), r.as_ref().map(|p| p.id.as_str()).is_ok()))
            .collect();
        assert_eq!(
            summary,
            [
                ("lead[1]", true),
                ("sections[0].blocks[0]", true),
                ("sections[1].blocks[0]", false)
            ]
        );
        assert_eq!(found[1].1.as_ref().unwrap().id, "s0");
    }
}
