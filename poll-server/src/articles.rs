//! Article documents on disk, read with the widget's own reader
//! (`article_model::read`), so the server accepts exactly the documents the
//! widget renders; and the poll definitions in their `poll` blocks.

use std::path::Path;

use article_model::{read, Block, Reading, MAX_DOCUMENT_BYTES};

use crate::poll::{Poll, PollInput};
use crate::store::Store;

/// Reads every `*.json` file directly in `dir` and stores the polls found.
/// A bad document or poll is logged and skipped; only storage errors are fatal.
pub async fn load_dir(store: &dyn Store, dir: &Path) -> Result<usize, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read articles dir {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut loaded = 0;
    for path in paths {
        let polls = match polls_in_file(&path) {
            Ok(polls) => polls,
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "article skipped");
                continue;
            }
        };
        for poll in polls {
            match poll {
                Ok(poll) => {
                    store.put_poll(&poll).await.map_err(|e| e.to_string())?;
                    loaded += 1;
                }
                Err(error) => tracing::warn!(path = %path.display(), %error, "poll skipped"),
            }
        }
    }
    Ok(loaded)
}

/// The polls of one article document, each checked by the server's rules too.
pub fn polls_in_file(path: &Path) -> Result<Vec<Result<Poll, String>>, String> {
    // Relative URLs in the document are irrelevant here; any absolute base will do.
    let article = read_file(path, "http://localhost/")?.article;
    Ok(article
        .blocks()
        .filter_map(|block| match block {
            Block::Poll(poll) => Some(poll),
            _ => None,
        })
        .map(|poll| {
            let input = PollInput {
                question: poll.question.clone(),
                options: poll.options.clone(),
                multiple: poll.multiple,
                closes_at: poll.closes_at.clone(),
            };
            Poll::from_input(&poll.id, input).map_err(|e| format!("poll {:?}: {e}", poll.id))
        })
        .collect())
}

/// Reads the document file at `path` as the widget reads the same document
/// fetched from `document_url` (any format it reads). A file over the size
/// limit is refused before it is read.
pub fn read_file(path: &Path, document_url: &str) -> Result<Reading, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_DOCUMENT_BYTES as u64 {
        return Err(format!("{size} bytes is over the document size limit"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    read(&text, document_url, None).map_err(|e| e.to_string())
}
