//! `cargo xtask semver`: our verdict checked against cargo-semver-checks. Two crates are
//! generated from the fixture pages `xtask/semver/before` and `xtask/semver/after` (products
//! that cover every kind of change), the pinned cargo-semver-checks compares them, and every
//! item it calls breaking must be breaking in `cargo xtask changes`' report.

use crate::util;
use std::path::{Path, PathBuf};
use std::process::Command;
use ucloud_codegen::changes::{self, Change, Class, Report, Side};
use ucloud_codegen::emit::Runtime;
use ucloud_codegen::output::Mode;

/// The cargo-semver-checks this check is pinned to (its lints and output format change).
pub const PINNED: &str = "0.51.0";

/// `cargo xtask semver`.
#[derive(clap::Args)]
#[command(
    about = "Check the changes verdict against the pinned cargo-semver-checks on a fixture",
    long_about = "Generates two ucloud-sdk crates from the fixture pages xtask/semver/before and \
                  xtask/semver/after (three products between them, every kind of change), runs \
                  the pinned cargo-semver-checks (0.51.0: on PATH, in ~/.cargo/bin or under \
                  target/tools, else installed into target/tools with cargo install, which takes \
                  minutes) on them, \
                  and checks that every item it calls breaking is breaking in the report of \
                  `cargo xtask changes`. Prints the number of its findings compared and each \
                  disagreement.\n\n\
                  Everything it builds goes under target/semver/; target/semver/verdict.txt says \
                  which of our changes each finding was matched with."
)]
pub struct Args {
    /// Compare this folder of pages (with its overrides.json, if any) instead of the
    /// fixture's before: the whole-SDK check, e.g. --from ../shared/corpus/legacy
    #[arg(long, value_name = "DIR", requires = "to")]
    from: Option<PathBuf>,
    /// The folder of pages to compare with --from, e.g. --to ../shared/corpus/current
    #[arg(long, value_name = "DIR", requires = "from")]
    to: Option<PathBuf>,
}

/// One finding of cargo-semver-checks: its lint and the line naming the item.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    lint: String,
    item: String,
}

pub fn run(args: Args) -> Result<(), String> {
    let fixture = util::root().join("xtask/semver");
    let from = args.from.unwrap_or_else(|| fixture.join("before"));
    let to = args.to.unwrap_or_else(|| fixture.join("after"));
    let work = util::target_dir().join("semver");
    let (old, new) = (work.join("before"), work.join("after"));
    let before = generate(&from, &old)?;
    let after = generate(&to, &new)?;
    let side = |label: &str| Side {
        label: label.into(),
        docs_commit: None,
        date: None,
    };
    let report = changes::report((&before, side("before")), (&after, side("after")));
    let tool = tool()?;
    let output = Command::new(&tool)
        .args([
            "semver-checks",
            "check-release",
            "--workspace",
            "--all-features",
            "--manifest-path",
        ])
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(&old)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .output()
        .map_err(|e| format!("{}: {e}", tool.display()))?;
    // The findings are on stdout; stderr has its progress.
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let log = text.clone() + &String::from_utf8_lossy(&output.stderr);
    std::fs::write(work.join("semver-checks.txt"), &log)
        .map_err(|e| format!("{}: {e}", work.display()))?;
    let findings = findings(&text);
    if findings.is_empty() {
        return Err(format!(
            "cargo-semver-checks found nothing breaking in the fixture, which has breaking \
             changes: its output is in {}",
            work.join("semver-checks.txt").display()
        ));
    }
    verdict(&findings, &report)
}

/// Generates the crate of `pages` into `out` (a crate of its own on this checkout's runtime).
fn generate(pages: &Path, out: &Path) -> Result<ucloud_codegen::spec::Spec, String> {
    let overrides = crate::gen::default_overrides(pages);
    let loaded = ucloud_codegen::load_spec_with(&[pages.to_path_buf()], overrides.as_deref())
        .map_err(|e| e.to_string())?;
    let job = ucloud_codegen::Generate {
        pages: vec![pages.to_path_buf()],
        overrides,
        out: out.to_path_buf(),
        options: ucloud_codegen::emit::Options {
            command: "cargo xtask semver".into(),
            runtime: Runtime::Path(util::slashes(&util::root().join("runtime"))),
            docs_source: None,
            version: "0.1.0".into(),
        },
        mode: Mode::Write,
    };
    crate::gen::generate(&job, false)?;
    Ok(loaded.spec)
}

/// The pinned cargo-semver-checks: on PATH, in cargo's own bin folder, or under
/// `<target>/tools`; else installed now with `cargo install` into `<target>/tools` (nothing
/// is written outside the target folder), built with a profile that compiles in a fraction
/// of its release profile's time: the tool's speed does not matter on a small fixture.
fn tool() -> Result<PathBuf, String> {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/cargo-semver-checks"));
    let root = util::target_dir().join("tools");
    let ours = root.join("bin/cargo-semver-checks");
    let candidates = [
        Some(PathBuf::from("cargo-semver-checks")),
        cargo_bin,
        Some(ours.clone()),
    ];
    for candidate in candidates.into_iter().flatten() {
        if version_of(&candidate).as_deref() == Some(PINNED) {
            return Ok(candidate);
        }
    }
    eprintln!(
        "installing cargo-semver-checks {PINNED} into {} (minutes) …",
        root.display()
    );
    let status = Command::new(env!("CARGO"))
        .args([
            "install",
            "cargo-semver-checks",
            "--locked",
            "--version",
            PINNED,
        ])
        .arg("--root")
        .arg(&root)
        .arg("--target-dir")
        .arg(util::target_dir().join("tools-build"))
        .envs(QUICK_BUILD)
        .status()
        .map_err(|e| format!("cargo install: {e}"))?;
    match (status.success(), version_of(&ours)) {
        (true, Some(v)) if v == PINNED => Ok(ours),
        _ => Err(format!(
            "cargo install cargo-semver-checks {PINNED} failed: {status}"
        )),
    }
}

/// The release profile of the tool's install, made cheap to compile: no LTO, many codegen
/// units, no optimisation, no debug info. Unoptimised, it installs in about 3.5 min on 2
/// cores and still checks the fixture in about 36 s (the whole `cargo xtask semver`).
const QUICK_BUILD: [(&str, &str); 5] = [
    ("CARGO_PROFILE_RELEASE_LTO", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256"),
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
    ("CARGO_PROFILE_RELEASE_INCREMENTAL", "false"),
];

/// `cargo-semver-checks 0.51.0` → `0.51.0`.
fn version_of(tool: &Path) -> Option<String> {
    let out = Command::new(tool)
        .args(["semver-checks", "--version"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace().last().map(str::to_string)
}

/// The items of each `--- failure LINT: … ---` block's `Failed in:` list.
fn findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut lint = None;
    let mut listing = false;
    for line in text.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("--- failure ") {
            lint = rest.split(':').next().map(str::to_string);
            listing = false;
        } else if t == "Failed in:" {
            listing = true;
        } else if listing && t.is_empty() {
            listing = false;
        } else if listing {
            if let Some(lint) = &lint {
                out.push(Finding {
                    lint: lint.clone(),
                    item: t.to_string(),
                });
            }
        }
    }
    out
}

/// The words of a finding's item, without the file it names: identifiers, with a
/// `…Required` struct standing for its request (`XRequired` → `XRequest`).
fn words(item: &str) -> Vec<String> {
    let item = item.split(", previously in file").next().unwrap_or(item);
    let item = item.split(" in file ").next().unwrap_or(item);
    item.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_suffix("Required") {
            Some(stem) if !stem.is_empty() => format!("{stem}Request"),
            None | Some(_) => w.to_string(),
        })
        .collect()
}

/// How a finding agrees with one of our breaking changes: `Some(true)` when the change's
/// item is named in full, `Some(false)` when only its type (or product, or action) is.
fn agrees(f: &Finding, words: &[String], c: &Change) -> Option<bool> {
    let has = |w: &str| words.iter().any(|x| x == w);
    let segments: Vec<&str> = c.item.split("::").collect();
    if segments.iter().all(|s| has(s)) {
        return Some(true);
    }
    // A removed action takes its request and response types; a removed product everything.
    let action_types =
        c.kind == "action-removed" && words.iter().any(|w| w.starts_with(c.detail.as_str()));
    // A product's items are in its crate, `products/<product>/`, and behind its feature.
    let product = c.kind == "product-removed"
        && (has(&c.product) || f.item.contains(&format!("/products/{}/", c.product)));
    let type_level = segments.len() > 1 && has(segments[0]);
    (action_types || product || type_level).then_some(false)
}

fn verdict(findings: &[Finding], report: &Report) -> Result<(), String> {
    let breaking: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .collect();
    let (mut exact, mut by_type, mut disagree) = (0, 0, Vec::new());
    let mut lines = Vec::new();
    for f in findings {
        let w = words(&f.item);
        let best = breaking
            .iter()
            .filter_map(|c| agrees(f, &w, c).map(|exact| (exact, *c)))
            .max_by_key(|(exact, _)| *exact);
        let what = match best {
            Some((true, c)) => {
                exact += 1;
                format!("same item: {} {}", c.kind, c.item)
            }
            Some((false, c)) => {
                by_type += 1;
                format!("same type/action/product: {} {}", c.kind, c.item)
            }
            None => {
                disagree.push(format!("  {}: {}", f.lint, f.item));
                "DISAGREEMENT".into()
            }
        };
        lines.push(format!("{}: {}\n    {what}", f.lint, f.item));
    }
    // Which of our changes each finding was matched with, for review.
    let path = util::target_dir().join("semver/verdict.txt");
    std::fs::write(&path, lines.join("\n") + "\n")
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "cargo-semver-checks {PINNED}: {} breaking finding(s) compared with {} breaking change(s) \
         of ours ({} additive, {} docs-only): {exact} name the same item, {by_type} the same \
         type, action or product; {} disagreement(s)",
        findings.len(),
        breaking.len(),
        report.count(Class::Additive),
        report.count(Class::DocsOnly),
        disagree.len()
    );
    if disagree.is_empty() {
        return Ok(());
    }
    Err(format!(
        "cargo-semver-checks calls these breaking and `cargo xtask changes` does not:\n{}",
        disagree.join("\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_and_their_words() {
        let text = "--- failure enum_variant_missing: pub enum variant removed or renamed ---\n\
                    \nDescription:\nx\n\nFailed in:\n  variant Mode::Slow, previously in file /t/before/src/alpha.rs:12\n\n\
                    --- failure struct_missing: pub struct removed or renamed ---\n\nFailed in:\n  struct ucloud_sdk::alpha::DescribeThingRequired, previously in file /t/x.rs:1\n";
        let f = findings(text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].lint, "enum_variant_missing");
        assert_eq!(words(&f[0].item), ["variant", "Mode", "Slow"]);
        assert_eq!(
            words(&f[1].item),
            ["struct", "ucloud_sdk", "alpha", "DescribeThingRequest"]
        );
        let change = |kind: &str, item: &str| Change {
            product: "alpha".into(),
            class: Class::Breaking,
            kind: kind.into(),
            item: item.into(),
            detail: String::new(),
        };
        let w = words(&f[0].item);
        let agree = |c: Change| agrees(&f[0], &w, &c);
        assert_eq!(
            agree(change("enum-value-removed", "Mode::Slow")),
            Some(true)
        );
        assert_eq!(
            agree(change("enum-value-removed", "Mode::Fast")),
            Some(false)
        );
        assert_eq!(agree(change("field-removed", "Other::x")), None);
    }
}
