//! Online event clustering: each article, on arrival, joins the most similar
//! existing story or opens a new one.
//!
//! An article is described by [`Features`]: TF weights of the stems of its
//! content words and of its names (title and lead words weigh more), and its
//! publication day (from metadata, a date line, or a dateline's month and
//! day). A story keeps a [`Profile`], the sum of its articles' term weights.
//! Similarity is the geometric mean of the cosines of the content and
//! name TF-IDF vectors, with document frequencies maintained online, damped by
//! the distance in days between the article and the story's time span: the
//! same actors meeting again months later, or the same kind of event with other
//! actors, make a new story. Undated articles have one more clue to time:
//! an article that stresses a year its story never names, where the story
//! names others, counts half (the same kind of event, years apart).
//!
//! Candidate stories come from an inverted index from a story's most weighted
//! terms to the story, never from a scan of all stories, and stories too old
//! to be joined by an article of the current days leave that index: the cost
//! of one more article stays flat as the store grows.

mod features;
mod index;
mod linkage;
pub mod metrics;
mod postings;
mod terms;

pub use features::{
    day_number, features, features_in, features_with_tokens, Features, FIGURE_PREFIX, MAX_BODY_WORDS,
    NAME_PREFIX,
};
pub use index::{Assignment, Changes, Clusterer, Config, Profile, Work};
pub use linkage::{Batch, Graph};
