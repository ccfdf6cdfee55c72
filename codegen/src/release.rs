//! The release data of `ucloud-sdk` (`specs/release.json`): its version and the
//! documentation commit it was last released from. The version is data, not a constant of
//! the generator, so that `cargo xtask release` can raise it and regenerate.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// `specs/release.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The version of `ucloud-sdk` (`x.y.z`).
    pub version: String,
    /// The documentation commit of the last release.
    pub docs_commit: String,
    /// That commit's date (`YYYY-MM-DD`, as `specs/source.json` records it).
    pub date: String,
}

/// What a release changes in the API, which decides the version it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing in the Rust API changed (docs only, or nothing).
    Patch,
    /// Only additions.
    Additive,
    /// Something that can break a build.
    Breaking,
}

impl Release {
    /// Reads and checks `path`; errors name the file.
    pub fn read(path: &Path) -> Result<Release, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let release: Release =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        parse_version(&release.version).map_err(|e| format!("{}: version: {e}", path.display()))?;
        Ok(release)
    }

    /// The file's text: pretty JSON with a final newline (stable field order).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// `x.y.z` → its three numbers.
pub fn parse_version(v: &str) -> Result<(u64, u64, u64), String> {
    let parts: Vec<&str> = v.split('.').collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(format!("`{v}` is not x.y.z"));
    };
    let num = |s: &str| {
        s.parse::<u64>()
            .map_err(|_| format!("`{v}` is not x.y.z (`{s}` is not a number)"))
    };
    Ok((num(a)?, num(b)?, num(c)?))
}

/// The next version by the README's rule. Before 1.0 a breaking change raises the minor
/// version and anything else the patch; from 1.0 on, breaking raises the major, additive the
/// minor, the rest the patch.
pub fn next_version(v: &str, bump: Bump) -> Result<String, String> {
    let (major, minor, patch) = parse_version(v)?;
    Ok(match (major, bump) {
        (0, Bump::Breaking) => format!("0.{}.0", minor + 1),
        (0, _) => format!("0.{minor}.{}", patch + 1),
        (_, Bump::Breaking) => format!("{}.0.0", major + 1),
        (_, Bump::Additive) => format!("{major}.{}.0", minor + 1),
        (_, Bump::Patch) => format!("{major}.{minor}.{}", patch + 1),
    })
}

/// The requirement a user writes for `v` (`0.1.3` → `0.1`, `1.2.0` → `1`).
pub fn requirement(v: &str) -> String {
    match parse_version(v) {
        Ok((0, minor, _)) => format!("0.{minor}"),
        Ok((major, _, _)) => major.to_string(),
        Err(_) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_rule() {
        assert_eq!(next_version("0.1.0", Bump::Breaking).unwrap(), "0.2.0");
        assert_eq!(next_version("0.1.4", Bump::Additive).unwrap(), "0.1.5");
        assert_eq!(next_version("0.1.4", Bump::Patch).unwrap(), "0.1.5");
        assert_eq!(next_version("1.2.3", Bump::Breaking).unwrap(), "2.0.0");
        assert_eq!(next_version("1.2.3", Bump::Additive).unwrap(), "1.3.0");
        assert_eq!(next_version("1.2.3", Bump::Patch).unwrap(), "1.2.4");
        assert!(next_version("1.2", Bump::Patch).is_err());
        assert_eq!(requirement("0.3.1"), "0.3");
        assert_eq!(requirement("2.0.1"), "2");
    }
}
