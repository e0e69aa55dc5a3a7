//! "Did you mean ...?": the nearest valid name to a misspelled one.

/// Edit distance between two short strings (Levenshtein, by characters).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
///
/// Candidates whose length differs by more than the allowed distance are skipped without
/// computing a distance, so a long list of far-off names costs little.
pub fn nearest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lower = word.to_lowercase();
    let allowed = (word_lower.chars().count() / 3).max(2);
    let len = word_lower.chars().count();
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(len) <= allowed)
        .map(|c| (edit_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|&(distance, _)| distance <= allowed)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

/// Finds the nearest of many names without comparing a typo with every one of them.
///
/// Each name is filed under itself and under every form with one character deleted; a typo
/// within one edit (a wrong, missing, extra or swapped character) shares one of those keys
/// with its name. Building is linear in the total length of the names and each lookup costs a
/// few hash probes, so a file in which every id is mistyped stays linear.
pub struct NearestIndex<'a> {
    by_key: std::collections::HashMap<String, Vec<(usize, &'a str)>>,
}

impl<'a> NearestIndex<'a> {
    /// Indexes `names`; ties are broken by their order here.
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_key: std::collections::HashMap<String, Vec<(usize, &'a str)>> =
            std::collections::HashMap::new();
        for (position, name) in names.into_iter().enumerate() {
            for key in keys(&name.to_lowercase()) {
                by_key.entry(key).or_default().push((position, name));
            }
        }
        Self { by_key }
    }

    /// The indexed name nearest to `word` within two edits, if any.
    pub fn nearest(&self, word: &str) -> Option<&'a str> {
        let word = word.to_lowercase();
        let mut best: Option<(usize, usize, &'a str)> = None;
        for key in keys(&word) {
            for &(position, name) in self.by_key.get(&key).into_iter().flatten() {
                let distance = edit_distance(&word, &name.to_lowercase());
                let candidate = (distance, position, name);
                if distance <= 2 && best.is_none_or(|b| (candidate.0, candidate.1) < (b.0, b.1)) {
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
