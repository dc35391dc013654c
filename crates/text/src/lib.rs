//! Text handling for corroborate: repair of damaged text, normalization,
//! sentence splitting with byte spans, tokens and stems.
//!
//! Every reader passes its text through [`repair()`] before anything else
//! looks at it; every later stage works on the repaired ("clean") text, and
//! all spans refer to it. [`quality_flags`] then reports likely mistakes in
//! the clean text (lowercase sentence starts, misspellings, missing spaces)
//! that are not repaired; the spelling flag uses the English word list that
//! the wordfreq package ships, installed by `scripts/install-words.sh`.

mod calendar;
mod language;
mod numbers;
mod quality;
mod repair;
mod roundups;
mod segment;
mod sentences;
mod tokens;

pub use calendar::{is_time_zone, month_number, weekday_number, MONTHS, WEEKDAYS};
pub use language::{guess_language, is_stopword_in, stem_in, Language};
pub use numbers::number_word;
pub use quality::quality_flags;
pub use repair::{repair, Repaired};
pub use roundups::is_roundup_title;
pub use sentences::{sentences, Quotations, SENTENCE_OPENERS};
pub use tokens::{fold, fold_into, is_apostrophe, is_stopword, stem, tokens, Token, TokenKind};
