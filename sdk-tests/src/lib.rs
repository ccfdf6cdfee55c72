//! Tests of the generated SDK as an application uses it. The README's Rust code blocks are
//! this crate's doctests (`cargo test -p ucloud-sdk-tests --doc`), so the examples users copy
//! compile against the SDK as generated; `tests/` calls the SDK end to end; [`compile_checks`]
//! shows what must not compile.
#![doc = include_str!("../../README.md")]

/// What the typed API refuses at compile time. Each block must fail to compile, with the
/// error code given (so an unrelated mistake in the block does not count).
///
/// A required top-level parameter left out (`disks`) is a missing field of the struct that
/// names the required parameters:
///
/// ```compile_fail,E0063
/// use ucloud_sdk::uhost::{CreateUHostInstanceRequest, CreateUHostInstanceRequired};
/// let _ = CreateUHostInstanceRequest::new(CreateUHostInstanceRequired {
///     image_id: "uimage-abc123".into(),
///     login_mode: "Password".into(),
/// });
/// ```
///
/// So is a required parameter of a list item (`Disks.N.Size`):
///
/// ```compile_fail,E0063
/// use ucloud_sdk::uhost::{CreateUHostInstanceDisks, CreateUHostInstanceDisksRequired, IsBoot};
/// let _ = CreateUHostInstanceDisks::new(CreateUHostInstanceDisksRequired {
///     is_boot: IsBoot::True,
///     type_: "CLOUD_SSD".into(),
/// });
/// ```
///
/// A list item cannot be made empty either: it has no `Default` when it has required
/// parameters (E0599: no function `default`).
///
/// ```compile_fail,E0599
/// use ucloud_sdk::uhost::CreateUHostInstanceDisks;
/// let _ = CreateUHostInstanceDisks::default();
/// ```
///
/// Nor built as a literal that skips `new`: requests are `#[non_exhaustive]` (E0639).
///
/// ```compile_fail,E0639
/// use ucloud_sdk::uhub::GetRepoImageRequest;
/// let _ = GetRepoImageRequest { repo_name: "r".into(), project_id: None, offset: None, limit: None };
/// ```
///
/// The one required parameter of a request that has one is the argument of `new` (E0061:
/// wrong number of arguments):
///
/// ```compile_fail,E0061
/// use ucloud_sdk::uhub::GetRepoImageRequest;
/// let _ = GetRepoImageRequest::new();
/// ```
///
/// And the same requests, complete, compile:
///
/// ```
/// use ucloud_sdk::uhost::{
///     CreateUHostInstanceDisks, CreateUHostInstanceDisksRequired, CreateUHostInstanceRequest,
///     CreateUHostInstanceRequired, IsBoot,
/// };
/// use ucloud_sdk::uhub::GetRepoImageRequest;
/// let disk = CreateUHostInstanceDisks::new(CreateUHostInstanceDisksRequired {
///     is_boot: IsBoot::True,
///     type_: "CLOUD_SSD".into(),
///     size: 40,
/// });
/// let _ = CreateUHostInstanceRequest::new(CreateUHostInstanceRequired {
///     image_id: "uimage-abc123".into(),
///     disks: vec![disk],
///     login_mode: "Password".into(),
/// });
/// let _ = GetRepoImageRequest::new("my-repo");
/// ```
pub mod compile_checks {}
