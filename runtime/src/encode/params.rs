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
    /// Sorted by name and no name repeats: set by [`sort`](Params::sort), cleared when a
    /// parameter is added.
    sorted_unique: bool,
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

/// Parameters that [`Params::sort`] sorts by a prefix of their names first, on the stack;
/// more are sorted by whole names only.
const PREFIX_SORTED_MAX: usize = 128;

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

impl Params {
    /// Room for `count` parameters of `bytes` bytes of names and values in all.
    pub(crate) fn with_capacity(count: usize, bytes: usize) -> Self {
        Params {
            text: String::with_capacity(bytes),
            entries: Vec::with_capacity(count),
            sorted_unique: false,
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
        self.sorted_unique = false;
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
        self.entries
            .retain(|e| keep(&text[e.name()], &text[e.value()]));
    }

    /// Removes the first parameter called `name`; returns its value.
    pub(crate) fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.iter().position(|p| p.name == name)?;
        let value = self.text[self.entries[i].value()].to_owned();
        self.entries.remove(i);
        Some(value)
    }

    /// Sorts by name, byte by byte; parameters with the same name keep their order.
    ///
    /// Names are first sorted as integers made of their first fifteen bytes (and their
    /// position, so that the sort is stable), which decides most of them; only runs that
    /// share those bytes (`NetworkInterface.0.EIP`, `NetworkInterface.0.CreateCernetIp`)
    /// are then compared whole.
    pub(crate) fn sort(&mut self) {
        let text = self.text.as_bytes();
        let by_name = |a: &Entry, b: &Entry| text[a.name()].cmp(&text[b.name()]);
        let n = self.entries.len();
        if n > PREFIX_SORTED_MAX {
            self.entries.sort_by(by_name);
            self.sorted_unique = self
                .entries
                .windows(2)
                .all(|w| by_name(&w[0], &w[1]) == Ordering::Less);
            return;
        }
        let mut keys = [0u128; PREFIX_SORTED_MAX];
        let keys = &mut keys[..n];
        for (i, (key, e)) in keys.iter_mut().zip(&self.entries).enumerate() {
            *key = prefix15(text, e.name()) | i as u128;
        }
        // Fields that come in name order (or parameters sorted before) need no sorting.
        if !keys.is_sorted() {
            keys.sort_unstable();
        }
        let mut added = [Entry::default(); PREFIX_SORTED_MAX];
        added[..n].copy_from_slice(&self.entries);
        for (e, k) in self.entries.iter_mut().zip(keys.iter()) {
            *e = added[(k & 0xff) as usize];
        }
        let sorted = &mut self.entries;
        let mut unique = true;
        let mut run = 0;
        for i in 1..=n {
            if i < n && keys[i] >> 8 == keys[run] >> 8 {
                continue;
            }
            if i - run > 1 {
                let same_prefix = &mut sorted[run..i];
                same_prefix.sort_by(by_name);
                unique &= same_prefix
                    .windows(2)
                    .all(|w| by_name(&w[0], &w[1]) == Ordering::Less);
            }
            run = i;
        }
        self.sorted_unique = unique;
    }

    /// Whether the parameters are [sorted](Params::sort) and no name repeats: then the
    /// text UCloud signs is [`signed_text`](Params::signed_text).
    pub(crate) fn sorted_and_unique(&self) -> bool {
        self.sorted_unique
    }

    /// Every name followed by its value, in order, without `Signature`: the text UCloud
    /// signs (before the private key), in pieces.
    pub(crate) fn signed_text(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let text = self.text.as_bytes();
        self.entries
            .iter()
            .filter(move |e| &text[e.name()] != b"Signature")
            .map(move |e| &text[e.both()])
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
    #[test]
    fn both_sorts_are_stable_byte_order_sorts() {
        for count in [3, 40, 256, 257, 600] {
            let mut p = Params::default();
            let mut expected = Vec::new();
            for i in 0..count {
                // Shared prefixes, list indexes past 9, and names repeated with new values.
                let name = match i % 4 {
                    0 => format!("Disks.{}.Size", i % 13),
                    1 => format!("SecGroupId.{i}"),
                    2 => format!("N{}", i % 7),
                    _ => format!("Tag{}", i * 7919 % 101),
                };
                p.push(&name, &i.to_string(), false);
                expected.push((name, i.to_string()));
            }
            p.sort();
            expected.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            let got: Vec<(String, String)> = p
                .iter()
                .map(|p| (p.name.to_owned(), p.value.to_owned()))
                .collect();
            assert_eq!(got, expected, "{count}");
            assert_eq!(p.sorted_and_unique(), count < 40, "{count}: names repeat");
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
}
