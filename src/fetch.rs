//! Reading a response's body with a size cap: documents (`article::load`)
//! and poll replies (`poll::service`) both come through here.

use gloo_net::http::Response;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The two methods of a `ReadableStreamDefaultReader` the body reader uses.
    type StreamReader;
    #[wasm_bindgen(method)]
    fn read(this: &StreamReader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &StreamReader) -> js_sys::Promise;
}

/// Stops the download of a body we will not read.
pub(crate) fn cancel_body(response: &Response) {
    if let Some(body) = response.body() {
        let _ = body.cancel();
    }
}

/// Why a body could not be read whole.
pub(crate) enum BodyError {
    /// It passed the cap (`bytes` read so far); reading was cancelled.
    TooLarge {
        bytes: usize,
    },
    BrokeOff,
}

/// Reads the body as text, giving up as soon as it passes `cap` bytes, so a
/// huge or endless answer without `Content-Length` never fills the reader's
/// memory. Documents and poll replies both come through here.
pub(crate) async fn read_body(response: &Response, cap: usize) -> Result<String, BodyError> {
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let reader: StreamReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| BodyError::BrokeOff)?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Ok(value) = Reflect::get(&chunk, &"value".into()) else {
            return Err(BodyError::BrokeOff);
        };
        let value: Uint8Array = value.unchecked_into();
        let start = bytes.len();
        let end = start + value.length() as usize;
        if end > cap {
            let _ = reader.cancel();
            return Err(BodyError::TooLarge { bytes: end });
        }
        bytes.resize(end, 0);
        value.copy_to(&mut bytes[start..]);
    }
    // As `Response.text()` would: invalid UTF-8 becomes U+FFFD.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
