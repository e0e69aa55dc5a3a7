//! "Did you mean ...?": the nearest valid name to a misspelled one.
//!
//! Every search here is bounded, whatever the input: a name longer than
//! [`MAX_SUGGESTED_CHARS`] gets no suggestion, candidates whose length alone differs by more
//! than the accepted distance are skipped, and the distance itself is computed only within
//! that limit, in memory proportional to the shorter name.

use std::borrow::Cow;

/// Longest name, in characters, for which a suggestion is sought. Ids and keys are a few
/// dozen characters (the bundled checklist's longest id has 44); a longer name is not a typo
/// of one, and comparing it would only cost time.
pub const MAX_SUGGESTED_CHARS: usize = 200;

/// Longest text quoted whole in a message; longer text is cut, with its length said.
const MAX_QUOTED_CHARS: usize = 80;

/// Edit distance between two strings (Levenshtein, by characters), without a limit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let longest = a.chars().count().max(b.chars().count());
    distance_within(a, b, longest).unwrap_or(longest)
}

/// The edit distance between `a` and `b` when it is at most `limit`, else `None`.
///
/// Only the cells within `limit` of the diagonal are computed, one row of the shorter
/// string's length is kept, and the work stops as soon as a whole row is past the limit, so
/// the cost is at most `limit` times the shorter length, whatever the longer one.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    if a_len.abs_diff(b_len) > limit {
        return None;
    }
    let (longer, shorter) = if a_len >= b_len { (a, b) } else { (b, a) };
    let shorter: Vec<char> = shorter.chars().collect();
    let width = shorter.len();
    let over = limit.saturating_add(1);
    let mut previous: Vec<usize> = (0..=width).map(|j| j.min(over)).collect();
    let mut current = vec![over; width + 1];
    for (row, long_char) in longer.chars().enumerate() {
        let i = row + 1;
        let first = i.saturating_sub(limit).max(1);
        let last = i.saturating_add(limit).min(width);
        current[0] = if i <= limit { i } else { over };
        if first > 1 {
            current[first - 1] = over;
        }
        let mut row_min = current[0];
        for j in first..=last {
            let substitution = previous[j - 1] + usize::from(long_char != shorter[j - 1]);
            let value = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(over);
            current[j] = value;
            row_min = row_min.min(value);
        }
        if last < width {
            current[last + 1] = over;
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[width]).filter(|&d| d <= limit)
}

/// Whether `word` is short enough to look for a suggestion; counts no further than needed.
fn worth_suggesting(word: &str) -> bool {
    word.chars().nth(MAX_SUGGESTED_CHARS).is_none()
}

/// `text` as it may be quoted in a message: whole when short, else its start and its length,
/// so a runaway value does not flood the terminal.
pub fn quotable(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!(
            "{}... ({} characters)",
            &text[..cut],
            text.chars().count()
        )),
    }
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
///
/// Candidates whose length differs by more than the allowed distance are skipped without
/// computing a distance, so a long list of far-off names costs little.
pub fn nearest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if !worth_suggesting(word) {
        return None;
    }
    let word_lower = word.to_lowercase();
    let len = word_lower.chars().count();
    let allowed = (len / 3).max(2);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        // Once a candidate is this close, only a closer one can replace it.
        let limit = best.map_or(allowed, |(distance, _)| distance.saturating_sub(1));
        // The length alone rules most candidates out, before any lowercasing.
        if candidate.chars().count().abs_diff(len) > limit {
            continue;
        }
        if let Some(distance) = distance_within(&word_lower, &candidate.to_lowercase(), limit)
            && best.is_none_or(|(b, _)| distance < b)
        {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Finds the nearest of many names without comparing a typo with every one of them.
///
/// Each name is filed under itself and under every form with one character deleted; a typo
/// within one edit (a wrong, missing, extra or swapped character) shares one of those keys
/// with its name. Building is linear in the total length of the names and each lookup costs a
/// few hash probes, so a file in which every id is mistyped stays linear. The keys of a name
/// grow with the square of its length, so names over [`MAX_SUGGESTED_CHARS`] are not filed.
pub struct NearestIndex<'a> {
    by_key: std::collections::HashMap<String, Vec<(usize, &'a str)>>,
    /// Characters in the longest name filed: a word more than one longer has no match.
    longest: usize,
}

/// The distance within which the index suggests a name.
const INDEX_EDITS: usize = 2;

impl<'a> NearestIndex<'a> {
    /// Indexes `names`; ties are broken by their order here.
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_key: std::collections::HashMap<String, Vec<(usize, &'a str)>> =
            std::collections::HashMap::new();
        let mut longest = 0;
        for (position, name) in names.into_iter().enumerate() {
            if !worth_suggesting(name) {
                continue;
            }
            let lower = name.to_lowercase();
            longest = longest.max(lower.chars().count());
            for key in keys(&lower) {
                by_key.entry(key).or_default().push((position, name));
            }
        }
        Self { by_key, longest }
    }

    /// The indexed name nearest to `word` within two edits, if any.
    pub fn nearest(&self, word: &str) -> Option<&'a str> {
        // A word shares a key with a name only if it is at most one character longer (its
        // keys are itself and one deletion). Checked before lowercasing or building keys,
        // whose cost grows with the square of the word's length.
        if word.chars().nth(self.longest + 1).is_some() {
            return None;
        }
        let word = word.to_lowercase();
        let mut best: Option<(usize, usize, &'a str)> = None;
        for key in keys(&word) {
            for &(position, name) in self.by_key.get(&key).into_iter().flatten() {
                let Some(distance) = distance_within(&word, &name.to_lowercase(), INDEX_EDITS)
                else {
                    continue;
                };
                let candidate = (distance, position, name);
                if best.is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
                    best = Some(candidate);
                }
            }
        }
        best.map(|(_, _, name)| name)
    }
}

/// The word itself and each form with one character deleted.
fn keys(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys = Vec::with_capacity(chars.len() + 1);
    keys.push(word.to_string());
    for skip in 0..chars.len() {
        keys.push(
            chars
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook full-table distance, to check the banded one against.
    fn reference_distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        table[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let substitution = table[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
                table[i][j] = substitution
                    .min(table[i - 1][j] + 1)
                    .min(table[i][j - 1] + 1);
            }
        }
        table[a.len()][b.len()]
    }

    #[test]
    fn the_bounded_distance_agrees_with_the_full_table() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "governance.written-mou",
            "governance.writen-mou",
            "governance.mou-goals",
            "records.leu-designation",
            "récords",
            "kitten",
            "sitting",
            "aaaaaaaaaa",
            "aaaaabaaaa",
            "xyz",
        ];
        for a in words {
            for b in words {
                let full = reference_distance(a, b);
                assert_eq!(edit_distance(a, b), full, "{a:?} {b:?}");
                for limit in 0..=12 {
                    let expected = (full <= limit).then_some(full);
                    assert_eq!(
                        distance_within(a, b, limit),
                        expected,
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn the_bounded_distance_agrees_with_the_full_table_on_any_pair(
            a in "[ab\u{e9}.-]{0,24}",
            b in "[ab\u{e9}.-]{0,24}",
            limit in 0usize..30,
        ) {
            let full = reference_distance(&a, &b);
            proptest::prop_assert_eq!(distance_within(&a, &b, limit), (full <= limit).then_some(full));
            proptest::prop_assert_eq!(edit_distance(&a, &b), full);
        }
    }

    #[test]
    fn a_name_far_longer_than_every_candidate_gets_no_suggestion() {
        let huge = "governance.written-mou".repeat(100_000);
        let ids = ["governance.written-mou", "governance.mou-goals"];
        assert_eq!(nearest(&huge, ids), None);
        assert_eq!(NearestIndex::new(ids).nearest(&huge), None);
        // Just over the index's reach: two characters more than the longest id.
        assert_eq!(
            NearestIndex::new(ids).nearest("governance.written-mouxx"),
            None
        );
        assert_eq!(
            NearestIndex::new(ids).nearest("governance.written-moux"),
            Some("governance.written-mou")
        );
    }

    #[test]
    fn long_candidates_are_compared_only_within_the_limit() {
        // Two long names of equal length that differ everywhere: the band stops early.
        let a = "a".repeat(MAX_SUGGESTED_CHARS);
        let b = "b".repeat(MAX_SUGGESTED_CHARS);
        assert_eq!(distance_within(&a, &b, 3), None);
        assert_eq!(nearest(&a, [b.as_str()]), None);
        let over = "a".repeat(MAX_SUGGESTED_CHARS + 1);
        assert_eq!(nearest(&over, [a.as_str()]), None, "longer than the cap");
        let index = NearestIndex::new([over.as_str()]);
        assert_eq!(
            index.nearest(&over),
            None,
            "names over the cap are not indexed"
        );
    }

    #[test]
    fn long_text_is_cut_in_messages() {
        assert_eq!(quotable("governance.mou"), "governance.mou");
        let long = "x".repeat(2_000_000);
        let quoted = quotable(&long);
        assert!(quoted.len() < 120, "{quoted}");
        assert!(quoted.ends_with("... (2000000 characters)"), "{quoted}");
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("distrct", "district"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn the_index_finds_one_and_two_edit_typos() {
        let ids = [
            "governance.written-mou",
            "governance.mou-goals",
            "records.leu-designation",
        ];
        let index = NearestIndex::new(ids);
        assert_eq!(
            index.nearest("governance.writen-mou"),
            Some("governance.written-mou")
        );
        assert_eq!(
            index.nearest("governance.wirtten-mou"),
            Some("governance.written-mou")
        );
        assert_eq!(
            index.nearest("records.leu-desgnation"),
            Some("records.leu-designation")
        );
        assert_eq!(index.nearest("something.else"), None);
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["district", "label", "date", "profile"];
        assert_eq!(nearest("distrct", keys), Some("district"));
        assert_eq!(nearest("Profil", keys), Some("profile"));
        assert_eq!(nearest("zzzzzzzz", keys), None);
    }
}
