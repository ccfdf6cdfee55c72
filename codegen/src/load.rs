//! Finding and reading pages: files or folders (recursively, `.md` only), in sorted order so
//! the result does not depend on the file system.

use crate::diag::Diagnostics;
use crate::parse::reference::Tables;
use crate::parse::{self, PageSpec, Skip};
use std::path::{Path, PathBuf};

/// Counts of what was read, for reports.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub action_pages: usize,
    pub skipped: usize,
    /// Pages left out by an exclusion of the overrides file (see [`crate::exclude`]); they
    /// are among `files`, and among `action_pages` when they parsed as action pages.
    pub excluded: usize,
}

/// An input path that cannot be read at all.
#[derive(Debug)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

/// Every `.md` file under `paths`, as (label for diagnostics, path), sorted by label.
pub fn files(paths: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p)
            .map_err(|e| LoadError(format!("{}: cannot read: {e}", p.display())))?;
        if meta.is_dir() {
            walk(p, &mut out)
                .map_err(|e| LoadError(format!("{}: cannot read folder: {e}", p.display())))?;
        } else {
            out.push(p.clone());
        }
    }
    let mut labelled: Vec<(String, PathBuf)> = out.into_iter().map(|p| (label(&p), p)).collect();
    labelled.sort();
    labelled.dedup();
    Ok(labelled)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// Forward slashes on every platform, so diagnostics and output are the same everywhere.
fn label(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Reads and parses every page; unreadable files become error diagnostics.
pub fn pages(files: &[(String, PathBuf)], diags: &mut Diagnostics) -> (Vec<PageSpec>, Counts) {
    let parsed = parse_all(files, read_all(files), diags);
    (parsed.pages, parsed.counts)
}

/// What [`parse_all`] found.
#[derive(Debug, Default)]
pub struct Parsed {
    pub pages: Vec<PageSpec>,
    pub counts: Counts,
    /// The value tables of the pages that are not action pages, by page key
    /// ([`parse::reference::page_key`]): what a parameter that links such a page takes
    /// its values from.
    pub references: Tables,
}

/// The text of each file, in the order of `files`, or why it cannot be read: the I/O half
/// of [`pages`].
pub fn read_all(files: &[(String, PathBuf)]) -> Vec<Result<String, String>> {
    files.iter().map(|(_, path)| read_text(path)).collect()
}

/// Parses texts read by [`read_all`] (one per entry of `files`): the CPU half of [`pages`].
/// Pages are parsed on every core; results and diagnostics are in the order of `files`.
/// A page that is not an action page is read for value tables ([`parse::reference`]).
pub fn parse_all(
    files: &[(String, PathBuf)],
    texts: Vec<Result<String, String>>,
    diags: &mut Diagnostics,
) -> Parsed {
    let items: Vec<(&str, Result<String, String>)> = files
        .iter()
        .map(|(label, _)| label.as_str())
        .zip(texts)
        .collect();
    // `None` for a file that could not be read.
    let parsed = crate::par::map(&items, |(label, text)| {
        let text = text.as_ref().ok()?;
        let mut diags = Diagnostics::default();
        let page = parse::parse_page(label, text, &mut diags);
        let tables = match page {
            Ok(_) => Vec::new(),
            Err(_) => parse::reference::value_tables(label, text),
        };
        Some((page, diags, tables))
    });
    let mut out = Parsed::default();
    let (counts, pages) = (&mut out.counts, &mut out.pages);
    for ((label, text), parsed) in items.iter().zip(parsed) {
        counts.files += 1;
        let Some((page, page_diags, tables)) = parsed else {
            if let Err(msg) = text {
                diags.error("unreadable", label, 0, msg.clone());
            }
            continue;
        };
        diags.extend(page_diags);
        if !tables.is_empty() {
            out.references
                .insert(parse::reference::page_key(label), tables);
        }
        match page {
            Ok(p) => {
                counts.action_pages += 1;
                pages.push(p);
            }
            Err(skip) => {
                counts.skipped += 1;
                let why = match skip {
                    Skip::NotAPage(name) => format!("{name} is not an action page; skipped"),
                    Skip::HandWrittenHttp => {
                        "hand-written HTTP page (not a UCloud API action); skipped".to_string()
                    }
                    Skip::NoSections => {
                        "no request or response section: not an action page; skipped".to_string()
                    }
                    Skip::CommonPage => format!(
                        "a common page of the documentation tree ({}/), not a product's action \
                         page: skipped (the actions it shows are documented by their products)",
                        parse::COMMON_FOLDER
                    ),
                };
                diags.info("skipped-page", label, 0, why);
            }
        }
    }
    out
}

/// No documentation page comes near this; a bigger file is not one.
const MAX_PAGE_BYTES: u64 = 64 << 20;

fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read;
    // A device (`/dev/zero`) or a FIFO named on the command line would never end or never
    // start; only regular files are pages.
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!(
            "larger than {} MiB, not a documentation page",
            MAX_PAGE_BYTES >> 20
        ));
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes), not a markdown page".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
