//! `cargo xtask enums [DIR]`: what `ucloud_codegen::facts::enums` reads from every
//! description of a set of pages: counts by outcome, form, keyword and type, a JSON report
//! with every extraction (`target/enums/report.json`), and a reproducible random sample for
//! reading against the pages (`--sample N --seed S`). Method and results: `docs/enums.md`.

mod layout;
mod types;

use crate::util;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use ucloud_codegen::facts::enums::{self, Extraction};
use ucloud_codegen::spec::{FieldType, Spec};

/// `cargo xtask enums`.
#[derive(clap::Args)]
#[command(
    about = "Report the enumerations read from every description (--sample N --seed S)",
    long_about = "Reads the pages under DIR (default: specs/) and runs the enum extraction on \
                  the description of every request parameter, response field and model field \
                  with a scalar type. Prints counts (descriptions that mention values, enums, \
                  ambiguous ones by reason, enums by form, keyword and type) and writes every \
                  extraction to target/enums/report.json."
)]
pub struct Args {
    /// The pages (default: specs/)
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Apply FILE when loading the pages (default: none)
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
    /// Also print N enums drawn at random (without replacement) from the distinct enum
    /// descriptions, with their source text and values
    #[arg(long, value_name = "N", default_value_t = 0)]
    sample: usize,
    /// The sample's seed: the same seed, pages and rules give the same sample
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
}

/// One description of one field, where it is and what the extraction made of it.
#[derive(Serialize)]
struct Row {
    product: String,
    /// `Action` for request and response fields, the model's name for model fields.
    owner: String,
    /// `request`, `response` or `model`.
    place: &'static str,
    field: String,
    #[serde(rename = "type")]
    ty: String,
    location: String,
    description: String,
    extraction: Extraction,
}

pub fn run(args: Args) -> Result<(), String> {
    let Args {
        dir,
        overrides,
        sample,
        seed,
    } = args;
    let dir = dir.unwrap_or_else(|| util::shown(&util::root().join("specs")));
    if !dir.exists() {
        return Err(format!("{}: not found", dir.display()));
    }
    let loaded = ucloud_codegen::load_spec_with(std::slice::from_ref(&dir), overrides.as_deref())
        .map_err(|e| e.to_string())?;
    let rows = rows(&loaded.spec);
    print!("{}", summary(&dir, &rows));
    let path = write_report(&dir, &rows)?;
    println!("report: {}", path.display());
    let typed = types::typed_fields(&loaded.spec);
    print!("{}", typed_summary(&typed));
    if sample > 0 {
        print!("{}", draw(&rows, sample, seed));
        print!("{}", draw_typed(&typed, sample, seed));
        print!("{}", draw_layouts(&rows, sample, seed));
    }
    Ok(())
}

/// Every scalar request parameter, response field and model field, extracted.
fn rows(spec: &Spec) -> Vec<Row> {
    let mut out = Vec::new();
    for svc in &spec.services {
        for a in &svc.actions {
            for p in &a.request {
                let ty = p.ty.as_str();
                out.push(Row {
                    product: svc.name.clone(),
                    owner: a.name.clone(),
                    place: "request",
                    field: p.wire_name.clone(),
                    ty: ty.to_string(),
                    location: p.source.to_string(),
                    description: p.description.clone(),
                    extraction: enums::extract(&p.description, ty),
                });
            }
            for f in &a.response {
                out.extend(field_row(&svc.name, &a.name, "response", f));
            }
        }
        for m in &svc.models {
            for f in &m.fields {
                out.extend(field_row(&svc.name, &m.name, "model", f));
            }
        }
    }
    out
}

fn field_row(
    product: &str,
    owner: &str,
    place: &'static str,
    f: &ucloud_codegen::spec::Field,
) -> Option<Row> {
    let FieldType::Scalar(s) = &f.ty else {
        return None;
    };
    Some(Row {
        product: product.to_string(),
        owner: owner.to_string(),
        place,
        field: f.name.clone(),
        ty: s.as_str().to_string(),
        location: f.source.to_string(),
        description: f.description.clone(),
        extraction: enums::extract(&f.description, s.as_str()),
    })
}

/// A description names enumerated values: a keyword, or an extraction that found some.
fn mentions_values(r: &Row) -> bool {
    !matches!(r.extraction, Extraction::None) || mentions_keyword(&r.description)
}

fn mentions_keyword(d: &str) -> bool {
    d.contains("枚举") || d.contains("可选值")
}

/// Per kind of outcome: how many fields, and their distinct (description, type) pairs.
type Tally<'a> = BTreeMap<String, (usize, BTreeSet<(&'a str, &'a str)>)>;

fn summary(dir: &Path, rows: &[Row]) -> String {
    let mut out = String::new();
    let distinct = |pred: &dyn Fn(&Row) -> bool| -> (usize, usize) {
        let hits: Vec<&Row> = rows.iter().filter(|r| pred(r)).collect();
        let texts: BTreeSet<(&str, &str)> = hits
            .iter()
            .map(|r| (r.description.as_str(), r.ty.as_str()))
            .collect();
        (hits.len(), texts.len())
    };
    let _ = writeln!(out, "== enum extraction over {}", dir.display());
    let _ = writeln!(out, "{:<44} {:>8} {:>9}", "", "fields", "distinct");
    let mut line = |name: &str, (n, d): (usize, usize)| {
        let _ = writeln!(out, "{name:<44} {n:>8} {d:>9}");
    };
    line("scalar fields and parameters", distinct(&|_| true));
    line(
        "descriptions that mention values",
        distinct(&mentions_values),
    );
    line(
        "  enums",
        distinct(&|r| matches!(r.extraction, Extraction::Enum(_))),
    );
    for ty in ["string", "int", "float"] {
        line(
            &format!("    {ty}"),
            distinct(&|r| matches!(r.extraction, Extraction::Enum(_)) && r.ty == ty),
        );
    }
    line(
        "  ambiguous",
        distinct(&|r| matches!(r.extraction, Extraction::Ambiguous(_))),
    );
    let mut by: Tally = BTreeMap::new();
    for r in rows {
        let key = match &r.extraction {
            Extraction::Enum(e) => format!(
                "enum: form {}, {}",
                e.form.as_str(),
                e.keyword
                    .as_deref()
                    .map_or("no keyword".to_string(), |k| format!("keyword {k}"))
            ),
            Extraction::Ambiguous(a) => format!("ambiguous: {}", a.reason.as_str()),
            Extraction::None => continue,
        };
        let e = by.entry(key).or_default();
        e.0 += 1;
        e.1.insert((&r.description, &r.ty));
    }
    for (k, (n, d)) in &by {
        let _ = writeln!(out, "  {k:<42} {n:>8} {:>9}", d.len());
    }
    let keyword = distinct(&|r| r.ty != "bool" && mentions_keyword(&r.description));
    let keyword_enum = distinct(&|r| {
        mentions_keyword(&r.description) && matches!(r.extraction, Extraction::Enum(_))
    });
    let _ = writeln!(
        out,
        "recall: {} of {} string/number descriptions with 枚举/可选值 give an enum ({} of {} distinct)",
        keyword_enum.0, keyword.0, keyword_enum.1, keyword.1
    );
    let bools = distinct(&|r| r.ty == "bool" && mentions_keyword(&r.description));
    let _ = writeln!(
        out,
        "bool fields with 枚举/可选值 (their type already says the values): {} ({} distinct)",
        bools.0, bools.1
    );
    out
}

fn write_report(dir: &Path, rows: &[Row]) -> Result<PathBuf, String> {
    let out = util::target_dir().join("enums");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let found: Vec<&Row> = rows
        .iter()
        .filter(|r| !matches!(r.extraction, Extraction::None))
        .collect();
    let json = serde_json::json!({
        "corpus": util::slashes(dir),
        "fields": rows.len(),
        "extractions": found,
    });
    let path = out.join("report.json");
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(util::shown(&path))
}

/// `n` distinct enum descriptions drawn with `seed`, each with one place it occurs.
fn draw(rows: &[Row], n: usize, seed: u64) -> String {
    let mut seen = BTreeSet::new();
    let mut pool: Vec<&Row> = rows
        .iter()
        .filter(|r| matches!(r.extraction, Extraction::Enum(_)))
        .filter(|r| seen.insert((r.description.as_str(), r.ty.as_str())))
        .collect();
    let mut rng = SplitMix(seed);
    let n = n.min(pool.len());
    for i in 0..n {
        let j = i + (rng.next() % (pool.len() - i) as u64) as usize;
        pool.swap(i, j);
    }
    let mut out = format!(
        "== sample of {n} of {} distinct enum descriptions, seed {seed}\n",
        pool.len()
    );
    for (i, r) in pool[..n].iter().enumerate() {
        let Extraction::Enum(e) = &r.extraction else {
            continue;
        };
        let values: Vec<String> = e.values.iter().map(|v| format!("{:?}", v.value)).collect();
        let _ = writeln!(
            out,
            "\n#{} {} {}.{} ({}, {}) {}\n  form {}; values [{}]\n  source: {}",
            i + 1,
            r.product,
            r.owner,
            r.field,
            r.place,
            r.ty,
            r.location,
            e.form.as_str(),
            values.join(", "),
            e.source.replace('\n', " ")
        );
    }
    out
}

/// How many enum-typed fields get a type with exactly their page's values.
fn typed_summary(typed: &[types::Typed]) -> String {
    let exact = typed.iter().filter(|t| t.exact()).count();
    let enums: BTreeSet<&str> = typed.iter().map(|t| t.rust.as_str()).collect();
    format!(
        "enum types: {} fields typed by {} enums; {exact} of them ({:.1}%) get exactly their page's values\n",
        typed.len(),
        enums.len(),
        percent(exact, typed.len())
    )
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        return 0.0;
    }
    n as f64 * 100.0 / of as f64
}

/// `n` enum-typed fields drawn with `seed`: the Rust type, its values and the field's own.
fn draw_typed(typed: &[types::Typed], n: usize, seed: u64) -> String {
    let picked = pick(typed.len(), n, seed);
    let exact = picked.iter().filter(|&&i| typed[i].exact()).count();
    let mut out = format!(
        "\n== sample of {} of {} enum-typed fields as users see them, seed {seed}: {exact} exact ({:.1}%)\n",
        picked.len(),
        typed.len(),
        percent(exact, picked.len())
    );
    for (k, &i) in picked.iter().enumerate() {
        let t = &typed[i];
        let verdict = if t.exact() { "exact" } else { "DIFFERS" };
        let _ = writeln!(
            out,
            "\n#{} {} -> {} [{verdict}] {}\n  type:  [{}]\n  field: [{}]\n  source: {}",
            k + 1,
            t.field,
            t.rust,
            t.location,
            t.typed.join(", "),
            t.own.join(", "),
            t.source
        );
    }
    out
}

/// `n` distinct keyword-less `string` descriptions that look like value lists
/// ([`layout::lists_words`]), drawn with `seed`, with what the extraction made of each.
fn draw_layouts(rows: &[Row], n: usize, seed: u64) -> String {
    let mut seen = BTreeSet::new();
    let pool: Vec<&Row> = rows
        .iter()
        .filter(|r| r.ty == "string" && !mentions_keyword(&r.description))
        .filter(|r| layout::lists_words(&r.description))
        .filter(|r| seen.insert(r.description.as_str()))
        .collect();
    let picked = pick(pool.len(), n, seed);
    let mut out = format!(
        "\n== sample of {} of {} distinct keyword-less string descriptions with words in a list, seed {seed}\n",
        picked.len(),
        pool.len()
    );
    for (k, &i) in picked.iter().enumerate() {
        let r = pool[i];
        let got = match &r.extraction {
            Extraction::Enum(e) => {
                let v: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                format!("enum [{}]", v.join(", "))
            }
            Extraction::Ambiguous(a) => format!("ambiguous ({})", a.reason.as_str()),
            Extraction::None => "none".to_string(),
        };
        let _ = writeln!(
            out,
            "\n#{} {} {}.{} {}\n  got: {got}\n  text: {}",
            k + 1,
            r.product,
            r.owner,
            r.field,
            r.location,
            r.description.replace('\n', " ")
        );
    }
    out
}

/// `n` of `0..len` drawn without replacement with `seed` (a partial Fisher-Yates shuffle).
fn pick(len: usize, n: usize, seed: u64) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..len).collect();
    let mut rng = SplitMix(seed);
    let n = n.min(len);
    for i in 0..n {
        let j = i + (rng.next() % (len - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(n);
    pool
}

/// SplitMix64: a small, well-known generator, so a seed gives the same sample everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
