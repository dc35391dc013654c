//! Wire-copy detection: MinHash signatures over word shingles, and an LSH
//! index that finds near-identical texts without comparing against everything.
//!
//! A wire copy is the same agency text republished with small edits: a
//! headline rewritten, a paragraph added or cut, a sentence reworded. Over
//! shingles of five consecutive folded words such copies keep a Jaccard
//! similarity well above 0.5, while two independent reports of the same event,
//! which share names and facts but not phrasing, stay far below it.
//!
//! The index splits each signature into [`BANDS`] bands of [`ROWS`] values; two
//! texts become candidates when any band matches, and candidates are confirmed
//! by the similarity estimated over the full signature. With 42 bands of 3 rows
//! a pair at Jaccard 0.5 is found with probability 0.996, a pair at 0.1 turns
//! up as a candidate 4% of the time and is then rejected by the check.

mod bands;

use bands::BandTable;
use corroborate_text::{fold_into, tokens, Token};
use std::sync::atomic::{AtomicU64, Ordering};
use xxhash_rust::xxh3::xxh3_64;

/// Number of hash functions in a signature.
pub const SIGNATURE_LEN: usize = 128;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// LSH bands and rows per band (`BANDS * ROWS <= SIGNATURE_LEN`).
pub const BANDS: usize = 42;
pub const ROWS: usize = 3;
/// Estimated Jaccard similarity from which two texts are copies of one another.
pub const COPY_THRESHOLD: f32 = 0.5;

/// A MinHash signature: for each of the hash functions, the minimum over the shingles.
pub type Signature = Vec<u32>;

/// The MinHash signature of a text's word shingles.
///
/// Texts with fewer words than a shingle use one shingle of all their words;
/// an empty text gets a signature of `u32::MAX` that matches nothing.
pub fn signature(text: &str) -> Signature {
    shingle_signature(tokens(text), text.len())
}

/// [`signature`] of a text from all its tokens (`corroborate_text::tokens`),
/// for callers that have them already.
pub fn signature_with_tokens(tokens: &[Token<'_>]) -> Signature {
    let length = tokens.last().map_or(0, |t| t.span.end);
    shingle_signature(tokens.iter().copied(), length)
}

/// The signature of the shingles of `tokens`, from a text of `length` bytes.
fn shingle_signature<'a>(tokens: impl Iterator<Item = Token<'a>>, length: usize) -> Signature {
    // The folded words back to back, each followed by a space: a shingle is
    // then one slice of this string, from its first word's start to the start
    // of the word after its last.
    let mut folded = String::with_capacity(length + length / 8);
    let mut starts: Vec<usize> = Vec::with_capacity(length / 5);
    for t in tokens {
        starts.push(folded.len());
        fold_into(t.text, &mut folded);
        folded.push(' ');
    }
    let mut sig = vec![u32::MAX; SIGNATURE_LEN];
    if starts.is_empty() {
        return sig;
    }
    starts.push(folded.len());
    let words = starts.len() - 1;
    let params = hash_params();
    let width = SHINGLE.min(words);
    for first in 0..=words - width {
        let h = xxh3_64(&folded.as_bytes()[starts[first]..starts[first + width]]);
        for (slot, &(a, b)) in sig.iter_mut().zip(params.iter()) {
            let v = (a.wrapping_mul(h).wrapping_add(b) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// Fixed multiply-shift hash parameters (odd multipliers), from a SplitMix64 sequence.
fn hash_params() -> &'static [(u64, u64); SIGNATURE_LEN] {
    static PARAMS: std::sync::OnceLock<[(u64, u64); SIGNATURE_LEN]> = std::sync::OnceLock::new();
    PARAMS.get_or_init(|| {
        let mut state: u64 = 0x5EED_C0FF_EE00_0001;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mut params = [(0, 0); SIGNATURE_LEN];
        for p in params.iter_mut() {
            *p = (next() | 1, next());
        }
        params
    })
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f32 {
    if a.len() != b.len() || a.is_empty() || a[0] == u32::MAX || b[0] == u32::MAX {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / a.len() as f32
}

/// An LSH index over signatures, keyed by any cloneable key.
///
/// Entries are numbered in insertion order; signatures sit back to back in one
/// array, and each band has a compact table (see [`bands`]) from its values to
/// the newest entry holding them, older ones chained through `next`.
///
/// Entries are never dropped by age: a wire copy is the same text whenever it
/// is republished, and its original's story is the right one for it whatever
/// the dates. The chains a query walks hold only texts sharing a band with it,
/// which unrelated texts rarely do; texts that are merely alike (reports made
/// from one template, a daily market summary) do now and then, so the work
/// per query grows slowly with the number of such texts stored. A query walks
/// at most [`MAX_CHAIN`] entries of each chain, the newest: a text repeated
/// without end (a paywall notice, a photo credit) would otherwise make every
/// later copy walk all the earlier ones.
#[derive(Debug)]
pub struct LshIndex<K> {
    keys: Vec<K>,
    /// `SIGNATURE_LEN` values per entry.
    signatures: Vec<u32>,
    /// For entry `e` and band `b`, at `e * BANDS + b`: the previous entry with the same band values.
    next: Vec<u32>,
    bands: Vec<BandTable>,
    /// Signatures compared by all queries so far (see [`LshIndex::compared`]).
    compared: AtomicU64,
}

/// Most entries a query reads from one band's chain, newest first. Copies of
/// one text share every band, so the newest of them are found whatever their
/// number; a copy with edits shares some bands, in each of which its original
/// stays within reach unless dozens of newer texts share those very values.
/// A caller for whom the newest are not enough (none of them is in time
/// reach, say) can read whole chains with [`LshIndex::search`].
pub const MAX_CHAIN: usize = 64;

/// End of a chain in [`LshIndex::next`].
const NONE: u32 = u32::MAX;

impl<K> Default for LshIndex<K> {
    fn default() -> Self {
        LshIndex {
            keys: Vec::new(),
            signatures: Vec::new(),
            next: Vec::new(),
            bands: (0..BANDS).map(|_| BandTable::default()).collect(),
            compared: AtomicU64::new(0),
        }
    }
}

impl<K: Clone> LshIndex<K> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Makes room for `additional` more signatures, so that an index restored
    /// from a large store is not copied as it grows.
    pub fn reserve(&mut self, additional: usize) {
        self.keys.reserve(additional);
        self.signatures.reserve(additional * SIGNATURE_LEN);
        self.next.reserve(additional * BANDS);
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many stored signatures all queries so far compared with theirs: the
    /// work of the lookups, which stays flat per query only if the chains do.
    pub fn compared(&self) -> u64 {
        self.compared.load(Ordering::Relaxed)
    }

    /// Adds a signature under `key`. Empty-text signatures are not indexed.
    ///
    /// # Panics
    /// If the signature does not have [`SIGNATURE_LEN`] values, or past 2^32 - 1 entries.
    pub fn insert(&mut self, key: K, sig: Signature) {
        assert_eq!(sig.len(), SIGNATURE_LEN, "a signature has SIGNATURE_LEN values");
        let entry =
            u32::try_from(self.keys.len()).ok().filter(|&e| e != NONE).expect("fewer than 2^32 entries");
        self.signatures.extend_from_slice(&sig);
        let indexed = sig[0] != u32::MAX;
        for band in 0..BANDS {
            let previous = if indexed {
                let rows = band_rows(&sig, band);
                let stored = &self.signatures;
                self.bands[band]
                    .push(band_hash(rows), entry, |e| band_rows(entry_sig(stored, e), band) == rows)
            } else {
                None
            };
            self.next.push(previous.unwrap_or(NONE));
        }
        self.keys.push(key);
    }

    /// Entries among the [`MAX_CHAIN`] newest of each chain the signature
    /// falls in whose estimated similarity to `sig` is at least `threshold`,
    /// most similar first (ties: earliest inserted first).
    pub fn query(&self, sig: &[u32], threshold: f32) -> Vec<(K, f32)> {
        self.search(sig, threshold, MAX_CHAIN).hits
    }

    /// As [`LshIndex::query`], reading at most `max_chain` entries of each
    /// chain (`usize::MAX`: all of them), and telling whether some chain was
    /// cut short.
    pub fn search(&self, sig: &[u32], threshold: f32, max_chain: usize) -> Found<K> {
        if sig.len() != SIGNATURE_LEN || sig[0] == u32::MAX {
            return Found { hits: Vec::new(), cut: false };
        }
        let mut seen: Vec<u32> = Vec::new();
        let mut cut = false;
        for band in 0..BANDS {
            let rows = band_rows(sig, band);
            let same = |e: u32| band_rows(entry_sig(&self.signatures, e), band) == rows;
            let mut entry = self.bands[band].head(band_hash(rows), same).unwrap_or(NONE);
            let mut read = 0;
            while entry != NONE {
                if read == max_chain {
                    cut = true;
                    break;
                }
                seen.push(entry);
                read += 1;
                entry = self.next[entry as usize * BANDS + band];
            }
        }
        seen.sort_unstable();
        seen.dedup();
        self.compared.fetch_add(seen.len() as u64, Ordering::Relaxed);
        let mut hits: Vec<(u32, f32)> = seen
            .into_iter()
            .map(|e| (e, similarity(sig, entry_sig(&self.signatures, e))))
            .filter(|&(_, s)| s >= threshold)
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let hits = hits.into_iter().map(|(e, s)| (self.keys[e as usize].clone(), s)).collect();
        Found { hits, cut }
    }
}

/// What [`LshIndex::search`] found.
#[derive(Debug)]
pub struct Found<K> {
    /// Keys and estimated similarities, most similar first.
    pub hits: Vec<(K, f32)>,
    /// Whether some chain held more entries than were read.
    pub cut: bool,
}

fn entry_sig(signatures: &[u32], entry: u32) -> &[u32] {
    let start = entry as usize * SIGNATURE_LEN;
    &signatures[start..start + SIGNATURE_LEN]
}

fn band_rows(sig: &[u32], band: usize) -> &[u32] {
    &sig[band * ROWS..(band + 1) * ROWS]
}

/// A 32-bit hash of a band's values (MinHash values are already uniform, so mixing suffices).
fn band_hash(rows: &[u32]) -> u32 {
    let h =
        rows.iter().fold(0u64, |h, &v| (h ^ v as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29));
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "The two leaders agreed on Tuesday to share the waters of the Saro river \
        under a treaty that ends a decade of disputes over dams and irrigation. The agreement \
        sets quotas for each dry season and creates a joint commission that will meet twice a \
        year. Farmers in the delta, who lost harvests during the drought of 2023, welcomed the \
        deal but asked for compensation. Officials said the commission would publish the flow \
        data every month so that both sides could check the quotas.";

    /// The definition the signature implements: the folded words of each
    /// window of `SHINGLE`, each followed by a space, hashed and permuted.
    fn reference_signature(text: &str) -> Signature {
        let words: Vec<String> = tokens(text).map(|t| corroborate_text::fold(t.text)).collect();
        let mut sig = vec![u32::MAX; SIGNATURE_LEN];
        if words.is_empty() {
            return sig;
        }
        for window in words.windows(SHINGLE.min(words.len())) {
            let shingle: String = window.iter().map(|w| format!("{w} ")).collect();
            let h = xxh3_64(shingle.as_bytes());
            for (slot, &(a, b)) in sig.iter_mut().zip(hash_params().iter()) {
                *slot = (*slot).min((a.wrapping_mul(h).wrapping_add(b) >> 32) as u32);
            }
        }
        sig
    }

    #[test]
    fn signatures_follow_their_definition_for_short_long_and_accented_texts() {
        for text in
            [REPORT, "", "Harbour reopens", "Brâncuși’s Sculpture SOLD at auction in Paris.", "a b c d e"]
        {
            assert_eq!(signature(text), reference_signature(text), "{text}");
        }
    }

    #[test]
    fn an_edited_copy_is_found_and_an_independent_report_is_not() {
        let copy = format!(
            "{} Opposition parties in both capitals said they would study the text.",
            REPORT.replace("on Tuesday", "late on Tuesday")
        );
        let other = "Farmers in the Saro delta remain sceptical. At a market near the river, \
            growers said the quotas agreed by the two leaders on Tuesday would not bring back \
            the harvests they lost in the drought, and called for compensation before the dry \
            season. A commission will meet twice a year, officials said.";
        let mut index = LshIndex::new();
        index.insert("report", signature(REPORT));
        index.insert("other", signature(other));
        let hits = index.query(&signature(&copy), COPY_THRESHOLD);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].0, "report");
        assert!(hits[0].1 > 0.6);
        assert!(similarity(&signature(REPORT), &signature(other)) < 0.2);
    }

    #[test]
    fn case_and_accents_do_not_hide_a_copy() {
        let shouting = REPORT.to_uppercase();
        assert!(similarity(&signature(REPORT), &signature(&shouting)) > 0.95);
    }

    #[test]
    fn empty_texts_match_nothing() {
        let mut index = LshIndex::new();
        index.insert(1, signature(""));
        assert!(index.query(&signature(""), 0.0).is_empty());
        assert_eq!(similarity(&signature(""), &signature("")), 0.0);
    }

    /// Random signatures over `values` values; one in three is an earlier one
    /// with a quarter of its values redrawn, one in fifty is an empty text's.
    fn random_signatures(count: usize, values: u64, seed: u64) -> Vec<Signature> {
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let z = (state ^ (state >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z ^ (z >> 29)
        };
        let mut sigs: Vec<Signature> = Vec::new();
        for i in 0..count {
            let sig = if i % 50 == 7 {
                vec![u32::MAX; SIGNATURE_LEN]
            } else if i % 3 == 2 {
                let mut copy = sigs[(next() % i as u64) as usize].clone();
                for _ in 0..SIGNATURE_LEN / 4 {
                    copy[(next() % SIGNATURE_LEN as u64) as usize] = (next() % values) as u32;
                }
                copy
            } else {
                (0..SIGNATURE_LEN).map(|_| (next() % values) as u32).collect()
            };
            sigs.push(sig);
        }
        sigs
    }

    /// The textbook index: one bucket per (band, values), holding every entry,
    /// of which a query reads the newest `MAX_CHAIN`.
    #[derive(Default)]
    struct Reference<'a> {
        buckets: std::collections::HashMap<(usize, &'a [u32]), Vec<usize>>,
        sigs: Vec<&'a [u32]>,
    }

    impl<'a> Reference<'a> {
        fn insert(&mut self, sig: &'a [u32]) {
            if sig[0] != u32::MAX {
                for band in 0..BANDS {
                    self.buckets.entry((band, band_rows(sig, band))).or_default().push(self.sigs.len());
                }
            }
            self.sigs.push(sig);
        }

        fn candidates(&self, sig: &[u32]) -> Vec<(usize, f32)> {
            let mut found: Vec<usize> = (0..BANDS)
                .filter(|_| sig[0] != u32::MAX)
                .flat_map(|band| {
                    let bucket = self.buckets.get(&(band, band_rows(sig, band)));
                    bucket.into_iter().flat_map(|b| b.iter().rev().take(MAX_CHAIN))
                })
                .copied()
                .collect();
            found.sort_unstable();
            found.dedup();
            let mut hits: Vec<(usize, f32)> =
                found.into_iter().map(|i| (i, similarity(sig, self.sigs[i]))).collect();
            hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            hits
        }
    }

    #[test]
    fn the_index_finds_what_one_bucket_per_band_finds() {
        // Over two values, chains run far past MAX_CHAIN.
        for (values, seed, count) in
            [(2, 4, 800), (4, 1, 1500), (1 << 20, 2, 1500), (u32::MAX as u64, 3, 1500)]
        {
            let sigs = random_signatures(count, values, seed);
            let (mut index, mut reference) = (LshIndex::new(), Reference::default());
            let mut found = 0;
            for (i, sig) in sigs.iter().enumerate() {
                let before = index.compared();
                let got = index.query(sig, 0.0);
                assert_eq!(got, reference.candidates(sig), "entry {i}, {values} values");
                assert_eq!(index.compared() - before, got.len() as u64, "every candidate is compared");
                index.query(sig, 0.9);
                assert_eq!(index.compared() - before, 2 * got.len() as u64, "also those below the threshold");
                found += got.len();
                index.insert(i, sig.clone());
                reference.insert(sig);
            }
            assert_eq!(index.len(), sigs.len());
            assert!(found >= sigs.len() / 4, "{found} candidates over {values} values");
        }
    }

    #[test]
    fn a_text_repeated_without_end_costs_a_bounded_lookup() {
        let notice = "This article is available to subscribers only. Subscribe now to read it.";
        let mut index = LshIndex::new();
        for i in 0..1000 {
            index.insert(i, signature(notice));
        }
        let before = index.compared();
        let hits = index.query(&signature(notice), COPY_THRESHOLD);
        assert_eq!(
            index.compared() - before,
            MAX_CHAIN as u64,
            "the newest of each chain, the same in every band"
        );
        let found: Vec<usize> = hits.iter().map(|&(k, _)| k).collect();
        assert_eq!(found, (1000 - MAX_CHAIN..1000).collect::<Vec<_>>(), "the newest copies, oldest first");
        assert!(index.search(&signature(notice), COPY_THRESHOLD, MAX_CHAIN).cut);
        let all = index.search(&signature(notice), COPY_THRESHOLD, usize::MAX);
        assert_eq!((all.hits.len(), all.cut), (1000, false), "whole chains when asked");
        assert_eq!(all.hits[0].0, 0, "the first copy first");
    }

    #[test]
    fn signatures_are_deterministic() {
        assert_eq!(signature(REPORT), signature(REPORT));
        assert_eq!(signature(REPORT).len(), SIGNATURE_LEN);
    }
}
