//! Diagnostics: one per problem, `file:line: severity: [kind] message`.

use crate::spec::Span;
use std::fmt;

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
    #[test]
    fn quoted_is_short() {
        assert_eq!(super::quoted("a\"b"), "\"a\\\"b\"");
        let long = "字".repeat(1000);
        let q = super::quoted(&long);
        assert_eq!(q, format!("{:?}… (3000 bytes)", "字".repeat(60)));
    }
}
