//! `cargo xtask fidelity [CORPUS_DIR] [GROUND_TRUTH_JSON] [--overrides FILE]`: how closely the
//! spec model of a corpus matches the official Go SDK's model of the same actions.
//!
//! For every action both describe (doc folder → SDK service by the ground truth's
//! `products[folder].sdk_service`) it counts request wire names, top-level response field
//! names, required flags and types of the names both have, and the fields of the models the
//! responses reach (a docs model is paired with the SDK model the same response field points
//! at, since the names differ). Every difference is classified as the page's or the
//! generator's by re-reading the page's table independently ([`raw`]), or as the examples'
//! when the spec has the field from a response example ([`inferred`]), whose precision
//! against the SDK is measured too; the report goes to `target/fidelity/<corpus>.json` and
//! `.txt`.

mod compare;
mod evidence;
mod inferred;
mod raw;
mod truth;

use crate::util;
use compare::{Blame, Figures, Pages, ProductResult};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `cargo xtask fidelity`.
#[derive(clap::Args)]
#[command(
    about = "Compare the spec model with the official Go SDK's model",
    long_about = "Compares the spec model of CORPUS_DIR with the official Go SDK's model and \
                  says whose each difference is (the page's, the generator's or an override's). \
                  Report in target/fidelity/<corpus>.json and .txt; method in docs/fidelity.md."
)]
pub struct Args {
    /// The pages (default: ../shared/corpus/current)
    #[arg(value_name = "CORPUS_DIR")]
    corpus: Option<PathBuf>,
    /// The Go SDK's model (default: ../shared/ground-truth/ucloud-sdk-go.json)
    #[arg(value_name = "GROUND_TRUTH_JSON")]
    truth: Option<PathBuf>,
    /// Apply this overrides file (default: none)
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), String> {
    let overrides = args.overrides.map(|p| absolute(&p));
    let corpus = args.corpus.map(|p| absolute(&p));
    let truth = args.truth.map(|p| absolute(&p));
    let root = util::root();
    // Relative paths from the workspace root keep the report the same on every machine.
    std::env::set_current_dir(&root)
        .map_err(|e| format!("cannot enter {}: {e}", root.display()))?;
    let corpus = corpus.unwrap_or_else(|| PathBuf::from("../shared/corpus/current"));
    let truth = truth.unwrap_or_else(|| PathBuf::from("../shared/ground-truth/ucloud-sdk-go.json"));
    for (what, path) in [("corpus", &corpus), ("ground truth", &truth)] {
        if !path.exists() {
            if util::in_ci() {
                return Err(format!(
                    "{}: {what} not found (CI=true requires it)",
                    path.display()
                ));
            }
            println!("{}: {what} not found; fidelity skipped", path.display());
            return Ok(());
        }
    }
    one(&corpus, &truth, overrides.as_deref())
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn one(corpus: &Path, truth_path: &Path, overrides: Option<&Path>) -> Result<(), String> {
    let loaded = ucloud_codegen::load_spec_with(&[corpus.to_path_buf()], overrides)
        .map_err(|e| e.to_string())?;
    let errors: Vec<String> = loaded
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == ucloud_codegen::diag::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    for e in &errors {
        eprintln!("{e}");
    }
    let truth = truth::load(truth_path)?;
    let mut pages = Pages::default();
    let mut results = Vec::new();
    for svc in &loaded.spec.services {
        let Some(sdk_name) = truth
            .products
            .get(&svc.folder)
            .and_then(|p| p.sdk_service.clone())
        else {
            continue;
        };
        let Some(sdk) = truth.services.get(&sdk_name) else {
            continue;
        };
        let r = compare::product(svc, &sdk_name, sdk, &mut pages);
        if r.actions > 0 {
            results.push(r);
        }
    }
    let name = corpus
        .file_name()
        .map_or("corpus".into(), |n| n.to_string_lossy().into_owned());
    let text = table(&name, &results);
    print!("{text}");
    write_reports(&name, corpus, truth_path, &results, &text)?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} error diagnostic(s) (listed above)",
            errors.len()
        ))
    }
}

/// Differences by whose they are: (the pages', the generator's, the examples').
/// Overridden values are none of these.
fn counts(r: &ProductResult) -> (usize, usize, usize) {
    let n = |b: Blame| r.diffs.iter().filter(|d| d.blame == b).count();
    (n(Blame::Page), n(Blame::Generator), n(Blame::Example))
}

/// One line of the table: the figures, then the inferred fields and their precision.
struct Line<'a> {
    name: &'a str,
    actions: usize,
    figures: &'a Figures,
    inferred: usize,
    diffs: (usize, usize, usize),
}

fn row(out: &mut String, l: &Line) {
    let f = l.figures;
    let precision = if f.inferred.total == 0 {
        "-".to_string()
    } else {
        format!("{:.2}", f.inferred.percent())
    };
    let (page, gen, example) = l.diffs;
    let _ = writeln!(
        out,
        "{:<22} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>6} {precision:>7} {page:>6} {gen:>5} {example:>5}",
        l.name,
        l.actions,
        f.request_names.percent(),
        f.response_names.percent(),
        f.response_names_tables.percent(),
        f.required.percent(),
        f.types.percent(),
        f.model_fields.percent(),
        f.model_types.percent(),
        l.inferred,
    );
}

/// The per-product table and the totals.
fn table(name: &str, results: &[ProductResult]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "== fidelity of `{name}` against the Go SDK (percent)");
    let _ = writeln!(
        out,
        "{:<22} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>6} {:>7} {:>6} {:>5} {:>5}",
        "product",
        "actions",
        "req",
        "resp",
        "resp-tbl",
        "required",
        "types",
        "mfields",
        "mtypes",
        "infer",
        "i-prec",
        "page",
        "gen",
        "expl"
    );
    let mut total = Figures::default();
    let (mut actions, mut inferred) = (0, 0);
    let mut diffs = (0, 0, 0);
    for r in results {
        let c = counts(r);
        row(
            &mut out,
            &Line {
                name: &r.product,
                actions: r.actions,
                figures: &r.figures,
                inferred: r.inferred_fields,
                diffs: c,
            },
        );
        total = total.plus(r.figures);
        actions += r.actions;
        inferred += r.inferred_fields;
        diffs = (diffs.0 + c.0, diffs.1 + c.1, diffs.2 + c.2);
    }
    row(
        &mut out,
        &Line {
            name: "TOTAL",
            actions,
            figures: &total,
            inferred,
            diffs,
        },
    );
    let t = &total;
    let _ = writeln!(
        out,
        "counts: request names {}/{}, response names {}/{} (tables only {}/{}), required {}/{}, types {}/{}, model fields {}/{}, model field types {}/{}",
        t.request_names.hit, t.request_names.total, t.response_names.hit, t.response_names.total,
        t.response_names_tables.hit, t.response_names_tables.total,
        t.required.hit, t.required.total, t.types.hit, t.types.total,
        t.model_fields.hit, t.model_fields.total, t.model_types.hit, t.model_types.total
    );
    let _ = writeln!(
        out,
        "inferred fields (products the SDK has): {inferred}; {} of them belong to an action or model the SDK has, and the SDK also has {} of those (ignoring case): precision {:.2}%",
        t.inferred.total,
        t.inferred.hit,
        t.inferred.percent()
    );
    let overridden = results
        .iter()
        .flat_map(|r| &r.diffs)
        .filter(|d| d.blame == Blame::Override)
        .count();
    let _ = writeln!(
        out,
        "differences: {} the pages', {} the generator's, {} the examples', {overridden} from overrides",
        diffs.0, diffs.1, diffs.2
    );
    out
}

fn write_reports(
    name: &str,
    corpus: &Path,
    truth: &Path,
    results: &[ProductResult],
    table: &str,
) -> Result<(), String> {
    let dir = util::target_dir().join("fidelity");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let total = results
        .iter()
        .fold(Figures::default(), |t, r| t.plus(r.figures));
    let json = serde_json::json!({
        "corpus": corpus.display().to_string(),
        "ground_truth": truth.display().to_string(),
        "total": total,
        "products": results,
    });
    let path = dir.join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, readable(table, results))
        .map_err(|e| format!("{}: {e}", txt.display()))?;
    println!("report: {} and {}", path.display(), txt.display());
    Ok(())
}

/// The table, then every difference, the generator's first.
fn readable(table: &str, results: &[ProductResult]) -> String {
    let mut out = table.to_string();
    let mut diffs: Vec<&compare::Diff> = results.iter().flat_map(|r| &r.diffs).collect();
    diffs.sort_by_key(|d| (std::cmp::Reverse(d.blame), d.source.clone()));
    for d in diffs {
        let model = d
            .model
            .as_deref()
            .map(|m| format!(" [{m}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{}: {:?} {} {}.{}{model}\n    docs: {}  sdk: {}  page: {}\n    {}",
            d.source, d.blame, d.kind, d.action, d.name, d.docs, d.sdk, d.page, d.why
        );
    }
    out
}
