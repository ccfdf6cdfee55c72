//! Diagnostics: one per problem, `file:line: severity: [kind] message`.

use crate::spec::Span;
use std::fmt;

/// The kinds that more than one stage names: one reports them and another reads, demotes or
/// counts them, so a typo would silently match nothing. Kinds only their own stage names stay
/// literals there.
pub mod kind {
    /// A page an exclusion of the overrides file left out (`exclude`; counted by [`summary`]).
    ///
    /// [`summary`]: super::summary
    pub const EXCLUDED_PAGE: &str = "excluded-page";
    /// A field inferred from a response example (`infer`; answered by an override).
    pub const INFERRED_FIELD: &str = "inferred-field";
    /// An overrides entry that matches nothing (`exclude`, `overrides`).
    pub const UNMATCHED_OVERRIDE: &str = "unmatched-override";
    /// A parameter or field name that cannot be a name (`parse`, from the table and from the
    /// request tree).
    pub const BAD_NAME: &str = "bad-name";
    /// Two request parameters whose paths clash (`parse`, from the request tree).
    pub const PARAM_CONFLICT: &str = "param-conflict";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about one place in one page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    pub severity: Severity,
    /// A short stable tag (`skipped-page`, `unresolved-type`, …) for counting by kind.
    pub kind: &'static str,
    pub message: String,
    /// What the reader can do about it, shown on a line of its own (`  = help: …`).
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.file, self.line)?;
        } else {
            write!(f, "{}: ", self.file)?;
        }
        write!(f, "{}: [{}] {}", self.severity, self.kind, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics while parsing and resolving.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(
        &mut self,
        severity: Severity,
        kind: &'static str,
        file: &str,
        line: usize,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            file: file.to_string(),
            line,
            severity,
            kind,
            message: message.into(),
            hint: None,
        });
    }

    pub fn error(&mut self, kind: &'static str, file: &str, line: usize, msg: impl Into<String>) {
        self.push(Severity::Error, kind, file, line, msg);
    }

    pub fn warn(&mut self, kind: &'static str, file: &str, line: usize, msg: impl Into<String>) {
        self.push(Severity::Warning, kind, file, line, msg);
    }

    pub fn info(&mut self, kind: &'static str, file: &str, line: usize, msg: impl Into<String>) {
        self.push(Severity::Info, kind, file, line, msg);
    }

    /// [`Diagnostics::error`] at a span of the spec model.
    pub fn error_at(&mut self, kind: &'static str, at: &Span, msg: impl Into<String>) {
        self.push(Severity::Error, kind, &at.file, at.line, msg);
    }

    /// [`Diagnostics::warn`] at a span of the spec model.
    pub fn warn_at(&mut self, kind: &'static str, at: &Span, msg: impl Into<String>) {
        self.push(Severity::Warning, kind, &at.file, at.line, msg);
    }

    /// [`Diagnostics::info`] at a span of the spec model.
    pub fn info_at(&mut self, kind: &'static str, at: &Span, msg: impl Into<String>) {
        self.push(Severity::Info, kind, &at.file, at.line, msg);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted by file and line, so output does not depend on the order work was done in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// One line per severity, most severe first, counting its diagnostics by kind (most
/// frequent first): `warning: 137 duplicate-action, 36 unresolved-type`. Empty when there
/// are none.
///
/// Pages an overrides entry left out are then named on a line of their own (`excluded pages:
/// uhost-api/foo.md, …`): what the SDK lacks should be seen, not only counted.
pub fn summary(items: &[Diagnostic]) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<Severity, BTreeMap<&str, usize>> = BTreeMap::new();
    for d in items {
        *counts
            .entry(d.severity)
            .or_default()
            .entry(d.kind)
            .or_default() += 1;
    }
    counts
        .into_iter()
        .rev()
        .map(|(severity, kinds)| {
            let mut kinds: Vec<(&str, usize)> = kinds.into_iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            format!("{severity}: {}", kinds.join(", "))
        })
        .chain(excluded_pages(items))
        .collect()
}

fn excluded_pages(items: &[Diagnostic]) -> Option<String> {
    let mut pages: Vec<&str> = items
        .iter()
        .filter(|d| d.kind == kind::EXCLUDED_PAGE)
        .map(|d| d.file.as_str())
        .collect();
    pages.sort();
    pages.dedup();
    (!pages.is_empty()).then(|| format!("excluded pages: {}", pages.join(", ")))
}

/// The diagnostics a person should see: every error, and with `verbose` everything.
pub fn shown(items: &[Diagnostic], verbose: bool) -> impl Iterator<Item = &Diagnostic> {
    items
        .iter()
        .filter(move |d| verbose || d.severity == Severity::Error)
}

/// `text` quoted for a message (`"..."` with escapes), cut to its first 60 characters when
/// longer: a page can hold a megabyte in one cell, and a message should stay one line.
pub fn quoted(text: &str) -> String {
    const KEEP: usize = 60;
    match text.char_indices().nth(KEEP) {
        None => format!("{text:?}"),
        Some((end, _)) => format!("{:?}… ({} bytes)", &text[..end], text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_by_severity_and_kind() {
        let mut d = Diagnostics::default();
        d.warn("b-kind", "f", 1, "x");
        d.warn("a-kind", "f", 2, "x");
        d.warn("b-kind", "f", 3, "x");
        d.info("skipped-page", "f", 0, "x");
        d.error("missing-table", "f", 0, "x");
        assert_eq!(
            summary(&d.items),
            [
                "error: 1 missing-table",
                "warning: 2 b-kind, 1 a-kind",
                "info: 1 skipped-page"
            ]
        );
        assert_eq!(shown(&d.items, false).count(), 1);
        assert_eq!(shown(&d.items, true).count(), 5);
        d.warn(kind::EXCLUDED_PAGE, "x-api/b.md", 1, "left out");
        d.warn(kind::EXCLUDED_PAGE, "x-api/a.md", 1, "left out");
        assert_eq!(
            summary(&d.items).last().unwrap(),
            "excluded pages: x-api/a.md, x-api/b.md"
        );
    }

    #[test]
    fn quoted_is_short() {
        assert_eq!(super::quoted("a\"b"), "\"a\\\"b\"");
        let long = "字".repeat(1000);
        let q = super::quoted(&long);
        assert_eq!(q, format!("{:?}… (3000 bytes)", "字".repeat(60)));
    }
}
