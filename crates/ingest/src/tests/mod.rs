//! Tests of the readers through the public `read`, `load` and `discover`.

mod bad_input;
mod credits;
mod dates;
mod feed;
mod html;
mod json;
mod metadata;
mod source;
mod text;
mod warc;

use corroborate_model::{Draft, FlagKind, RawDocument};

use crate::{read, IngestError};

fn raw(origin: &str, bytes: &[u8]) -> RawDocument {
    RawDocument { origin: origin.to_string(), bytes: bytes.to_vec(), declared_charset: None }
}

/// Reads a document that must give exactly one draft.
fn draft(origin: &str, bytes: &[u8]) -> Draft {
    let mut results = read(&raw(origin, bytes));
    assert_eq!(results.len(), 1, "{results:?}");
    results.remove(0).unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

/// Reads a document that must give exactly one error.
fn error(origin: &str, bytes: &[u8]) -> IngestError {
    let mut results = read(&raw(origin, bytes));
    assert_eq!(results.len(), 1, "{results:?}");
    results.remove(0).expect_err("expected an error")
}

fn flag_messages(draft: &Draft, kind: FlagKind) -> Vec<&str> {
    draft.flags.iter().filter(|f| f.kind == kind).map(|f| f.message.as_str()).collect()
}
