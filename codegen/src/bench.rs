//! Measurement hooks for `cargo xtask bench`, kept out of the product API (hidden from the
//! docs): the wall time of each step from pages to generated files. The output never depends
//! on them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Wall time of each step from pages to generated files, filled in by [`load_spec_timed`]
/// and [`crate::emit::generate_timed`]. Only benchmarks read it; the output does not depend on it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// Finding the `.md` files and reading them.
    pub read: Duration,
    /// Parsing each page into a [`crate::parse::PageSpec`].
    pub parse: Duration,
    /// [`crate::resolve::build`] and the overrides.
    pub resolve: Duration,
    /// Planning names and building each file's tokens.
    pub emit: Duration,
    /// Turning tokens into formatted source text (`syn` + `prettyplease`).
    pub format: Duration,
}

/// [`crate::load_spec_with`], recording how long reading, parsing and resolving took in `timings`
/// (for `cargo xtask bench`).
pub fn load_spec_timed(
    paths: &[PathBuf],
    overrides: Option<&Path>,
    timings: &mut Timings,
) -> Result<crate::Loaded, crate::load::LoadError> {
    let started = Instant::now();
    let files = crate::load::files(paths)?;
    let texts = crate::load::read_all(&files);
    let overrides = match overrides {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                crate::load::LoadError(format!("{}: cannot read: {e}", path.display()))
            })?;
            Some((path.to_string_lossy().replace('\\', "/"), text))
        }
    };
    timings.read = started.elapsed();
    let overrides = overrides.as_ref().map(|(l, t)| (l.as_str(), t.as_str()));
    Ok(crate::load_texts_timed(&files, texts, overrides, timings))
}
