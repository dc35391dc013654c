//! Edits with spans on both sides, and their composition across passes.
//!
//! Each repair pass reads one text and writes the next through an [`Editor`],
//! which records every replacement with its byte range in the pass's input
//! (`src`) and in its output (`dst`). [`compose`] chains the edits of two
//! passes into edits from the first input to the last output; edits that touch
//! the same text are merged, so the final list is ordered, disjoint, and
//! replaying it over the input gives the output.

use corroborate_model::RepairKind;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Edit {
    pub kind: RepairKind,
    pub src: Range<usize>,
    pub dst: Range<usize>,
}

/// The result of a pass that changed something.
pub(super) struct Pass {
    pub text: String,
    pub edits: Vec<Edit>,
}

/// Builds a pass's output from its input and a series of replacements made in
/// input order.
pub(super) struct Editor<'a> {
    src: &'a str,
    out: String,
    pos: usize,
    edits: Vec<Edit>,
}

impl<'a> Editor<'a> {
    pub fn new(src: &'a str) -> Self {
        Editor { src, out: String::new(), pos: 0, edits: Vec::new() }
    }

    /// Replaces `range` of the input (at or after any earlier replacement) by
    /// `with`; a replacement by the same text is not recorded.
    pub fn replace(&mut self, range: Range<usize>, with: &str, kind: RepairKind) {
        debug_assert!(range.start >= self.pos && range.start <= range.end);
        if &self.src[range.clone()] == with {
            return;
        }
        if self.edits.is_empty() {
            self.out.reserve(self.src.len() + 16);
        }
        self.out.push_str(&self.src[self.pos..range.start]);
        let start = self.out.len();
        self.out.push_str(with);
        self.edits.push(Edit { kind, src: range.clone(), dst: start..self.out.len() });
        self.pos = range.end;
    }

    /// The output, or `None` when nothing was replaced.
    pub fn finish(mut self) -> Option<Pass> {
        if self.edits.is_empty() {
            return None;
        }
        self.out.push_str(&self.src[self.pos..]);
        Some(Pass { text: self.out, edits: self.edits })
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Chains `first` (text A → B) and `second` (B → C) into edits from A to C.
pub(super) fn compose(first: Vec<Edit>, second: &[Edit]) -> Vec<Edit> {
    if first.is_empty() {
        return second.to_vec();
    }
    let mut out = Vec::with_capacity(first.len() + second.len());
    let (mut i, mut j) = (0, 0);
    // Offsets from B to A and from B to C before the current position.
    let (mut to_a, mut to_c) = (0isize, 0isize);
    let shift = |p: usize, d: isize| (p as isize + d) as usize;
    loop {
        let take_first = match (first.get(i), second.get(j)) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => (a.dst.start, a.dst.end) <= (b.src.start, b.src.end),
        };
        let mut group = if take_first { first[i].dst.clone() } else { second[j].src.clone() };
        let kind = if take_first { first[i].kind } else { second[j].kind };
        let (a_start, c_start) = (shift(group.start, to_a), shift(group.start, to_c));
        let mut first_in_group = take_first;
        let mut second_in_group = !take_first;
        loop {
            if first_in_group {
                let e = &first[i];
                group.end = group.end.max(e.dst.end);
                to_a += e.src.len() as isize - e.dst.len() as isize;
                i += 1;
            }
            if second_in_group {
                let e = &second[j];
                group.end = group.end.max(e.src.end);
                to_c += e.dst.len() as isize - e.src.len() as isize;
                j += 1;
            }
            first_in_group = first.get(i).is_some_and(|e| overlaps(&e.dst, &group));
            second_in_group = !first_in_group && second.get(j).is_some_and(|e| overlaps(&e.src, &group));
            if !first_in_group && !second_in_group {
                break;
            }
        }
        out.push(Edit { kind, src: a_start..shift(group.end, to_a), dst: c_start..shift(group.end, to_c) });
    }
    out
}

/// Where position `pos` of a pass's input lands in its output; a position
/// inside a replaced range goes to the start (or, for `end`, the end) of the
/// replacement.
pub(super) fn map_pos(edits: &[Edit], pos: usize, end: bool) -> usize {
    let k = edits.partition_point(|e| e.src.end <= pos);
    if let Some(e) = edits.get(k) {
        if e.src.start < pos {
            return if end { e.dst.end } else { e.dst.start };
        }
    }
    match k.checked_sub(1) {
        Some(p) => pos - edits[p].src.end + edits[p].dst.end,
        None => pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, edits: &[(Range<usize>, &str)]) -> Pass {
        let mut ed = Editor::new(text);
        for (r, w) in edits {
            ed.replace(r.clone(), w, RepairKind::Whitespace);
        }
        ed.finish().unwrap()
    }

    fn replay(input: &str, edits: &[Edit], output: &str) -> String {
        let mut s = String::new();
        let mut pos = 0;
        for e in edits {
            s.push_str(&input[pos..e.src.start]);
            s.push_str(&output[e.dst.clone()]);
            pos = e.src.end;
        }
        s.push_str(&input[pos..]);
        s
    }

    #[test]
    fn composition_merges_overlapping_edits() {
        let a = "ab  cd  ef";
        let p1 = run(a, &[(2..4, " "), (6..8, " ")]); // "ab cd ef"
        assert_eq!(p1.text, "ab cd ef");
        let p2 = run(&p1.text, &[(0..1, "A"), (2..5, "-"), (7..8, "")]);
        assert_eq!(p2.text, "Ab- e");
        let all = compose(p1.edits, &p2.edits);
        assert_eq!(replay(a, &all, &p2.text), p2.text);
        let spans: Vec<_> = all.iter().map(|e| (e.src.clone(), e.dst.clone())).collect();
        assert_eq!(spans, [(0..1, 0..1), (2..6, 2..3), (6..8, 3..4), (9..10, 5..5)]);
    }

    #[test]
    fn deletions_and_insertions_at_one_point_stay_apart() {
        let a = "xyz";
        let p1 = run(a, &[(1..2, "")]); // "xz"
        let p2 = run(&p1.text, &[(1..1, "+"), (1..2, "Z")]); // "x+Z"
        let all = compose(p1.edits, &p2.edits);
        assert_eq!(replay(a, &all, &p2.text), "x+Z");
        assert_eq!(map_pos(&all, 2, false), 2);
    }
}
