//! `cargo xtask release`: raise the version of `ucloud-sdk` by what changed in its API since
//! the last release, record the release in `specs/release.json`, write the CHANGELOG entry
//! and regenerate everything the version appears in.

use crate::util;
use std::path::PathBuf;
use ucloud_codegen::release::Release;

/// `specs/release.json`, the one place the version of `ucloud-sdk` is written by hand (or
/// by `cargo xtask release`).
pub fn path() -> PathBuf {
    util::root().join("specs").join("release.json")
}

/// The release data of this checkout.
pub fn current() -> Result<Release, String> {
    Release::read(&path())
}
