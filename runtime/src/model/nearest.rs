//! The known name nearest to an unknown one, for "did you mean" in errors: one equal to it
//! ignoring ASCII case, else the closest within an edit distance of 2.

/// Edits (insertions, deletions, substitutions) a "did you mean" may be away.
const MAX_EDITS: usize = 2;

/// The name of `known` nearest to `name`: the first equal to it ignoring ASCII case, else
/// the first of the fewest edits away, if within [`MAX_EDITS`].
pub(crate) fn nearest<'a>(
    name: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if let Some(same) = known.clone().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(same);
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
        let d = distance(name, candidate);
        if d <= MAX_EDITS && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, k)| k)
}

/// Levenshtein distance by characters, stopping early once every path is past
/// [`MAX_EDITS`] (names differ in length by more than that: no need to look).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > MAX_EDITS {
        return MAX_EDITS + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().all(|d| *d > MAX_EDITS) {
            return MAX_EDITS + 1;
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_first_then_two_edits() {
        let known = ["ImageId", "Zone", "ZoneId", "Disks"];
        let near = |name| nearest(name, known.iter().copied());
        assert_eq!(near("imageid"), Some("ImageId"));
        assert_eq!(near("Zon"), Some("Zone"));
        assert_eq!(near("ZoneID"), Some("ZoneId"), "case before edits");
        assert_eq!(near("Disk"), Some("Disks"));
        assert_eq!(near("ImgeIdd"), Some("ImageId"));
        assert_eq!(near("DeploymentId"), None);
        assert_eq!(near(""), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("Zone", "Zone"), 0);
    }
}
