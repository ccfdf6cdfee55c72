//! [`Params`]: encoded form parameters, every name and value in one buffer.
//!
//! A request of sixty parameters is one string and one list of offsets rather than 120
//! strings: each parameter's name is followed directly by its value, so the text UCloud
//! signs (names and values in name order) is built with one copy per parameter.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

use super::EncodeError;

/// One parameter, borrowed from [`Params`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Param<'a> {
    pub name: &'a str,
    pub value: &'a str,
    /// Redact the value in logs (a `Secret`, a base64 value, a token).
    pub sensitive: bool,
}

impl fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.sensitive { "***" } else { self.value };
        write!(f, "{}={value:?}", self.name)
    }
}

/// Form parameters in the order they were added (or sorted by name, see
/// [`sort`](Params::sort)).
#[derive(Clone, Default)]
pub(crate) struct Params {
    /// Names and values: `NameValueNameValue…`. Removed parameters leave their text behind.
    text: String,
    entries: Vec<Entry>,
    /// How many parameters at the start are known to be in name order with no name
    /// repeated: all after [`sort`](Params::sort) (unless a name repeats), those a generated
    /// request was encoded with ([`known_in_order`](Params::known_in_order)), or none.
    in_order: usize,
}

/// Where one parameter sits in [`Params::text`].
#[derive(Clone, Copy, Default)]
struct Entry {
    start: u32,
    /// End of the name, start of the value.
    value: u32,
    end: u32,
    sensitive: bool,
}

impl Entry {
    fn name(self) -> Range<usize> {
        self.start as usize..self.value as usize
    }

    fn value(self) -> Range<usize> {
        self.value as usize..self.end as usize
    }

    /// Name and value together, as they are signed.
    fn both(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The first fifteen bytes of the name at `name` in `text`, big-endian and zero-padded,
/// in the high bytes of a `u128` whose low byte is zero. Where two differ, they order as
/// the names do.
fn prefix15(text: &[u8], name: Range<usize>) -> u128 {
    let keep = (name.end - name.start).min(15);
    if keep == 0 {
        return 0;
    }
    // The value (or the next name) follows the name, so sixteen bytes can usually be read
    // at once; the bytes past the name are masked off.
    let word = match text.get(name.start..name.start + 16) {
        Some(bytes) => u128::from_be_bytes(bytes.try_into().unwrap_or_default()),
        None => {
            let mut bytes = [0u8; 16];
            for (to, from) in bytes.iter_mut().zip(&text[name.start..]) {
                *to = *from;
            }
            u128::from_be_bytes(bytes)
        }
    };
    word & (u128::MAX << (128 - 8 * keep))
}

/// Longest tail after a sorted run that [`Params::sort`] puts into place one by one.
const FEW: usize = 8;

impl Params {
    /// Room for `count` parameters of `bytes` bytes of names and values in all.
    pub(crate) fn with_capacity(count: usize, bytes: usize) -> Self {
        Params {
            text: String::with_capacity(bytes),
            entries: Vec::with_capacity(count),
            in_order: 0,
        }
    }

    // Used by the tests and the bench's parameter views.
    #[cfg(any(test, feature = "bench"))]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(any(test, feature = "bench"))]
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn param(&self, e: Entry) -> Param<'_> {
        Param {
            name: &self.text[e.name()],
            value: &self.text[e.value()],
            sensitive: e.sensitive,
        }
    }

    /// The parameters in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = Param<'_>> + '_ {
        self.entries.iter().map(|e| self.param(*e))
    }

    /// The length of the names and values (and the text of removed ones): at least the
    /// length of [`signed_text`](Params::signed_text).
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Each name and value, in order, as bytes (no `str` slicing to check).
    pub(crate) fn bytes(&self) -> impl ExactSizeIterator<Item = (&[u8], &[u8])> + '_ {
        let text = self.text.as_bytes();
        self.entries
            .iter()
            .map(move |e| (&text[e.name()], &text[e.value()]))
    }

    /// The value of the first parameter called `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|p| p.name == name).map(|p| p.value)
    }

    /// Adds a parameter.
    pub(crate) fn push(&mut self, name: &str, value: &str, sensitive: bool) {
        let start = self.text.len();
        self.text.push_str(name);
        let value_at = self.text.len();
        self.text.push_str(value);
        self.add(start, value_at, sensitive);
    }

    /// The text the parameters are written into: a name, then its value, then
    /// [`add`](Params::add) says where they are.
    pub(crate) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }

    /// Adds the parameter whose name starts at `start` of the text and whose value starts
    /// at `value` and ends at the end of the text. Offsets are kept in 32 bits:
    /// [`check_size`](Params::check_size) tells when the text outgrew them.
    pub(crate) fn add(&mut self, start: usize, value: usize, sensitive: bool) {
        self.entries.push(Entry {
            start: start as u32,
            value: value as u32,
            end: self.text.len() as u32,
            sensitive,
        });
    }

    /// Says that the parameters added so far are in name order and no name repeats (the
    /// encoder knows when a request's field tables make them so): [`sort`](Params::sort)
    /// then only checks those added after.
    pub(crate) fn known_in_order(&mut self) {
        self.in_order = self.entries.len();
        debug_assert!(
            self.entries
                .windows(2)
                .all(|w| self.text[w[0].name()] < self.text[w[1].name()]),
            "parameters said to be in order are not: {self:?}"
        );
    }

    /// An error if the text is too long for the offsets of [`add`](Params::add).
    pub(crate) fn check_size(&self) -> Result<(), EncodeError> {
        match u32::try_from(self.text.len()) {
            Ok(_) => Ok(()),
            Err(_) => Err(EncodeError("the request is larger than 4 GiB".into())),
        }
    }

    /// Keeps the parameters for which `keep(name, value)` is true, in order.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&[u8], &[u8]) -> bool) {
        let text = self.text.as_bytes();
        let (mut seen, mut kept_in_order) = (0, 0);
        let in_order = self.in_order;
        self.entries.retain(|e| {
            let kept = keep(&text[e.name()], &text[e.value()]);
            kept_in_order += usize::from(kept && seen < in_order);
            seen += 1;
            kept
        });
        // Removing parameters leaves the rest in order.
        self.in_order = kept_in_order;
    }

    /// Removes the first parameter called `name`; returns its value.
    pub(crate) fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.iter().position(|p| p.name == name)?;
        let value = self.text[self.entries[i].value()].to_owned();
        self.entries.remove(i);
        if i < self.in_order {
            self.in_order -= 1;
        }
        Some(value)
    }

    /// Sorts by name, byte by byte; parameters with the same name keep their order.
    ///
    /// Generated requests encode in name order (their field tables are sorted by wire
    /// name), and the client then adds a few parameters (`Action`, `PublicKey`, defaults):
    /// the sorted run at the start is found (from where it is [known to
    /// end](Params::known_in_order) on), and the few after it are put into place one by
    /// one. Anything else is sorted outright. Names are compared by their first fifteen
    /// bytes as integers first, which decides most pairs, and whole only where those are
    /// equal.
    pub(crate) fn sort(&mut self) {
        let text = self.text.as_bytes();
        let entries = &mut self.entries;
        let n = entries.len();
        let known = self.in_order.clamp(1, n.max(1));
        // The order of `a` against `b`, whose name prefixes are `ka` and `kb`.
        let order = |a: Entry, ka: u128, b: Entry, kb: u128| {
            ka.cmp(&kb)
                .then_with(|| text[a.name()].cmp(&text[b.name()]))
        };
        // The sorted run at the start, and whether a name repeats in it (next to itself).
        let mut unique = true;
        let mut run = n;
        let mut before = entries
            .get(known - 1)
            .map_or(0, |e| prefix15(text, e.name()));
        for i in known..n {
            let key = prefix15(text, entries[i].name());
            match order(entries[i - 1], before, entries[i], key) {
                Ordering::Less => {}
                Ordering::Equal => unique = false,
                Ordering::Greater => {
                    run = i;
                    break;
                }
            }
            before = key;
        }
        if n - run > FEW {
            return self.sort_by_whole_names();
        }
        for i in run..n {
            let (e, key) = (entries[i], prefix15(text, entries[i].name()));
            // After the names equal to it, so that the sort is stable.
            let (mut lo, mut hi) = (0, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let at = entries[mid];
                if order(at, prefix15(text, at.name()), e, key) == Ordering::Greater {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            // A name equal to it is now just before it.
            unique &= lo == 0 || text[entries[lo - 1].name()] != text[e.name()];
            entries.copy_within(lo..i, lo + 1);
            entries[lo] = e;
        }
        self.in_order = if unique { n } else { 0 };
    }

    /// A stable sort of the parameters by whole names.
    fn sort_by_whole_names(&mut self) {
        let text = self.text.as_bytes();
        let by_name = |a: &Entry, b: &Entry| text[a.name()].cmp(&text[b.name()]);
        self.entries.sort_by(by_name);
        let unique = self
            .entries
            .windows(2)
            .all(|w| by_name(&w[0], &w[1]) == Ordering::Less);
        self.in_order = if unique { self.entries.len() } else { 0 };
    }

    /// Whether the parameters are [sorted](Params::sort) and no name repeats: then the
    /// text UCloud signs is [`signed_text`](Params::signed_text).
    pub(crate) fn sorted_and_unique(&self) -> bool {
        self.in_order == self.entries.len()
    }

    /// Every name followed by its value, in order, without `Signature`: the text UCloud
    /// signs (before the private key), in pieces. Parameters that follow each other in the
    /// buffer are one piece: a generated request's are mostly in the buffer's order, so
    /// the hash reads a few long pieces rather than one short piece per parameter.
    pub(crate) fn signed_text(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let text = self.text.as_bytes();
        let mut signed = self
            .entries
            .iter()
            .filter(move |e| &text[e.name()] != b"Signature")
            .map(|e| e.both())
            .peekable();
        std::iter::from_fn(move || {
            let mut piece = signed.next()?;
            while let Some(next) = signed.next_if(|next| next.start == piece.end) {
                piece.end = next.end;
            }
            Some(&text[piece])
        })
    }
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &Params) -> Vec<&str> {
        p.iter().map(|p| p.name).collect()
    }

    #[test]
    fn sorts_by_bytes_whatever_the_prefix_length() {
        let mut p = Params::default();
        for name in [
            "NetworkInterface.0.EIP.PayMode",
            "NetworkInterface.0.EIP.Bandwidth",
            "Disks.10.Size",
            "Disks.2.Size",
            "Disks",
            "Disks.0",
            "A\u{0}",
            "A",
            "Zone",
            "NetworkInterface.0.CreateCernetIp",
            "NetworkInterface",
            "Ä",
            "",
        ] {
            p.push(name, "v", false);
        }
        p.sort();
        let mut expected = names(&p);
        expected.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        assert_eq!(names(&p), expected);
        assert_eq!(names(&p)[..3], ["", "A", "A\u{0}"]);
    }

    /// The prefix sort and the whole-name sort (over 256 parameters) agree with a plain
    /// byte-order sort, are stable, and tell repeated names.
    /// Pushes the parameters `(name, i)` (the first `known` of them said to be in order),
    /// sorts them, and checks the result against a stable sort of the names byte by byte;
    /// returns whether the names are unique.
    fn check_sort(names: impl IntoIterator<Item = String>, known: usize, what: &str) -> bool {
        let mut p = Params::default();
        let mut expected = Vec::new();
        for (i, name) in names.into_iter().enumerate() {
            if i == known {
                p.known_in_order();
            }
            p.push(&name, &i.to_string(), false);
            expected.push((name, i.to_string()));
        }
        p.sort();
        expected.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let got: Vec<(String, String)> = p
            .iter()
            .map(|p| (p.name.to_owned(), p.value.to_owned()))
            .collect();
        assert_eq!(got, expected, "{what}");
        let unique = expected.windows(2).all(|w| w[0].0 != w[1].0);
        assert_eq!(p.sorted_and_unique(), unique, "{what}");
        unique
    }

    #[test]
    fn both_sorts_are_stable_byte_order_sorts() {
        for count in [3, 40, 256, 257, 600] {
            // Shared prefixes, list indexes past 9, and names repeated with new values.
            let names = (0..count).map(|i| match i % 4 {
                0 => format!("Disks.{}.Size", i % 13),
                1 => format!("SecGroupId.{i}"),
                2 => format!("N{}", i % 7),
                _ => format!("Tag{}", i * 7919 % 101),
            });
            let unique = check_sort(names, 0, &format!("{count}"));
            assert_eq!(unique, count < 40, "{count}: names repeat");
        }
        let mut p = Params::default();
        for name in ["Disks.0.Type", "Disks.0.Size", "Disks.1.Size", "Zone"] {
            p.push(name, "", false);
        }
        p.sort();
        assert!(p.sorted_and_unique());
        p.push("A", "", false);
        assert!(!p.sorted_and_unique(), "added after sorting");
    }

    /// A sorted run followed by a few parameters (put into place one by one) or by many
    /// (sorted outright) ends sorted either way, wherever the tail's names belong, and
    /// parameters of one name keep their order.
    #[test]
    fn sorted_runs_with_a_tail_end_sorted() {
        for tail in 0..=12 {
            let names = (0..50)
                .map(|i| format!("NetworkInterface.{:03}", i * 10))
                .chain((0..tail).map(|i| format!("NetworkInterface.{:03}", (i * 137 + 5) % 530)))
                .chain(["Action".to_owned(), "Zone".to_owned()]);
            // Found sorted, or said to be by the encoder: the same result.
            let unique = check_sort(names.clone(), 0, &format!("tail of {tail}"));
            assert_eq!(
                unique,
                check_sort(names, 50, &format!("tail of {tail}, 50 known"))
            );
            assert_eq!(
                unique,
                tail < 6,
                "the tail repeats a name from its sixth on"
            );
        }
    }

    #[test]
    fn the_signed_text_needs_order_and_unique_names() {
        let mut p = Params::default();
        p.push("B", "2", false);
        p.push("A", "1", true);
        p.push("Signature", "x", false);
        assert!(!p.sorted_and_unique(), "not sorted yet");
        p.sort();
        assert!(p.sorted_and_unique());
        assert_eq!(p.signed_text().collect::<Vec<_>>().concat(), b"A1B2");
        p.push("B", "0", false);
        p.sort();
        assert!(!p.sorted_and_unique(), "B twice");
    }

    #[test]
    fn retain_remove_and_get_see_the_same_parameters() {
        let mut p = Params::default();
        p.push("Limit", "10", false);
        p.push("Offset", "20", false);
        p.push("Password", "pw", true);
        assert_eq!(p.get("Offset"), Some("20"));
        assert_eq!(p.remove("Offset").as_deref(), Some("20"));
        assert_eq!(p.get("Offset"), None);
        p.retain(|_, value| value != b"pw");
        assert_eq!(names(&p), ["Limit"]);
        assert_eq!(format!("{p:?}"), r#"[Limit="10"]"#);
        assert_eq!(p.len(), 1);
    }

    /// Removing parameters keeps the rest in order; the count of those known in order
    /// follows, so that a later sort does not trust one too many.
    #[test]
    fn removing_parameters_keeps_what_is_known_in_order() {
        let mut p = Params::default();
        for name in ["A", "B", "C", "D"] {
            p.push(name, name, false);
        }
        p.known_in_order();
        p.push("0", "", false);
        p.retain(|name, _| name != b"B");
        assert_eq!(p.remove("C").as_deref(), Some("C"));
        assert_eq!(p.in_order, 2, "A and D");
        assert!(!p.sorted_and_unique(), "0 after D");
        p.sort();
        assert_eq!(names(&p), ["0", "A", "D"]);
        assert!(p.sorted_and_unique());
    }
}
