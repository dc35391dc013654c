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

use corroborate_text::{fold, tokens};
use rustc_hash::FxHashMap as HashMap;
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
    let words: Vec<String> = tokens(text).map(|t| fold(t.text)).collect();
    let mut sig = vec![u32::MAX; SIGNATURE_LEN];
    if words.is_empty() {
        return sig;
    }
    let params = hash_params();
    let width = SHINGLE.min(words.len());
    let mut buf = String::new();
    for window in words.windows(width) {
        buf.clear();
        for w in window {
            buf.push_str(w);
            buf.push(' ');
        }
        let h = xxh3_64(buf.as_bytes());
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
#[derive(Debug)]
pub struct LshIndex<K> {
    keys: Vec<K>,
    signatures: Vec<Signature>,
    buckets: HashMap<u64, Vec<u32>>,
}

impl<K> Default for LshIndex<K> {
    fn default() -> Self {
        LshIndex { keys: Vec::new(), signatures: Vec::new(), buckets: HashMap::default() }
    }
}

impl<K: Clone> LshIndex<K> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds a signature under `key`. Empty-text signatures are not indexed.
    pub fn insert(&mut self, key: K, sig: Signature) {
        let index = self.keys.len() as u32;
        if sig.first() != Some(&u32::MAX) {
            for band in band_hashes(&sig) {
                self.buckets.entry(band).or_default().push(index);
            }
        }
        self.keys.push(key);
        self.signatures.push(sig);
    }

    /// Indexed entries whose estimated similarity to `sig` is at least
    /// `threshold`, most similar first (ties: earliest inserted first).
    pub fn query(&self, sig: &[u32], threshold: f32) -> Vec<(K, f32)> {
        if sig.first() == Some(&u32::MAX) {
            return Vec::new();
        }
        let mut seen: Vec<u32> = Vec::new();
        for band in band_hashes(sig) {
            if let Some(ids) = self.buckets.get(&band) {
                seen.extend_from_slice(ids);
            }
        }
        seen.sort_unstable();
        seen.dedup();
        let mut hits: Vec<(u32, f32)> = seen
            .into_iter()
            .map(|i| (i, similarity(sig, &self.signatures[i as usize])))
            .filter(|&(_, s)| s >= threshold)
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter().map(|(i, s)| (self.keys[i as usize].clone(), s)).collect()
    }
}

fn band_hashes(sig: &[u32]) -> impl Iterator<Item = u64> + '_ {
    (0..BANDS).map(move |band| {
        let rows = &sig[band * ROWS..(band + 1) * ROWS];
        let mut bytes = [0u8; 4 * ROWS + 1];
        bytes[0] = band as u8;
        for (i, v) in rows.iter().enumerate() {
            bytes[1 + 4 * i..5 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        xxh3_64(&bytes)
    })
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

    #[test]
    fn signatures_are_deterministic() {
        assert_eq!(signature(REPORT), signature(REPORT));
        assert_eq!(signature(REPORT).len(), SIGNATURE_LEN);
    }
}
