//! Reading table cells: column layout, type expressions, required flags, descriptions.

use super::blocks::{plain, Row, Table};
use crate::diag::{kind, quoted, Diagnostics};
use crate::names::check_name;
use crate::spec::Scalar;

/// A type as a table writes it, before legacy `array`/`object` are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    Scalar(Scalar),
    Model(String),
    /// `array` or `object` with nothing saying of what (legacy pages).
    Bare,
}

/// One table row, read.
#[derive(Debug, Clone)]
pub struct RawField {
    pub name: String,
    pub ty: TypeExpr,
    pub array: bool,
    pub required: bool,
    pub description: String,
    pub line: usize,
}

/// Which cell holds what; tables have the columns in the same order in both formats, but a
/// hand-edited page may not, so the header decides.
struct Columns {
    /// How many cells the header has.
    count: usize,
    name: usize,
    ty: usize,
    description: Option<usize>,
    required: Option<usize>,
}

/// Whether a table under a model heading is a model at all: reference tables (metric names
/// and units, enum values) have no type column.
pub fn is_field_table(table: &Table) -> bool {
    table.header.iter().any(|h| {
        let h = h.trim().to_ascii_lowercase();
        h == "type" || h == "类型"
    })
}

fn columns(table: &Table, file: &str, diags: &mut Diagnostics) -> Option<Columns> {
    let find = |keys: &[&str]| {
        table.header.iter().position(|h| {
            let h = h.trim().to_ascii_lowercase();
            keys.iter().any(|k| h == *k)
        })
    };
    let name = find(&["parameter name", "参数名", "字段名", "name", "参数", "字段"]);
    let ty = find(&["type", "类型"]);
    let description = find(&["description", "描述信息", "描述", "说明"]);
    let required = find(&["required", "必填", "是否必填"]);
    match (name, ty) {
        (Some(name), Some(ty)) => Some(Columns {
            count: table.header.len(),
            name,
            ty,
            description,
            required,
        }),
        _ => {
            let missing = if name.is_none() { "name" } else { "type" };
            diags.error(
                "bad-table",
                file,
                table.line,
                format!(
                    "table header has no {missing} column (header: {})",
                    quoted(&table.header.join("|"))
                ),
            );
            None
        }
    }
}

/// Reads every row of a parameter, response or model table.
pub fn fields(table: &Table, file: &str, diags: &mut Diagnostics) -> Vec<RawField> {
    if table.header.is_empty() {
        return Vec::new(); // a section heading with no table: no fields
    }
    let Some(cols) = columns(table, file, diags) else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| field(row, &cols, file, diags))
        .collect()
}

fn field(row: &Row, cols: &Columns, file: &str, diags: &mut Diagnostics) -> Option<RawField> {
    let cells = row_cells(row, cols, file, diags);
    let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
    let name = plain(cell(cols.name));
    if name.is_empty() {
        diags.error(
            "empty-name",
            file,
            row.line,
            "table row has an empty name; row ignored",
        );
        return None;
    }
    if let Err(why) = check_name(&name) {
        diags.error(
            kind::BAD_NAME,
            file,
            row.line,
            format!("{} is not a name: {why}; row ignored", quoted(&name)),
        );
        return None;
    }
    let (ty, array) = match parse_type(cell(cols.ty)) {
        Some(t) => t,
        None => {
            diags.warn(
                "unknown-type",
                file,
                row.line,
                format!(
                    "{name}: unknown type {}; using an untyped JSON value",
                    quoted(cell(cols.ty))
                ),
            );
            (TypeExpr::Scalar(Scalar::Any), false)
        }
    };
    let required = match cols.required.map(|i| plain(cell(i))) {
        None => false,
        Some(r) => match parse_required(&r) {
            Some(b) => b,
            None => {
                diags.warn(
                    "bad-required",
                    file,
                    row.line,
                    format!(
                        "{name}: required flag {} is neither Yes nor No; taken as No",
                        quoted(&r)
                    ),
                );
                false
            }
        },
    };
    let description = cols
        .description
        .map(|i| cell(i).to_string())
        .unwrap_or_default();
    Some(RawField {
        name,
        ty,
        array,
        required,
        description,
        line: row.line,
    })
}

/// The row's cells, one per header column. A row with more cells than the header has `|`
/// inside a cell, almost always the description (`GE大于等于|LE小于等于`, `TCP|22|…`): the
/// columns before the description are read from the first cells, those after it (the
/// required flag) from the last ones, and the cells between are the description, joined
/// again with `|`; a warning says so. Empty cells beyond the header (`| … |No| |`) carry
/// nothing and are dropped.
fn row_cells(row: &Row, cols: &Columns, file: &str, diags: &mut Diagnostics) -> Vec<String> {
    let mut cells = row.cells.clone();
    while cells.len() > cols.count && cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    if cells.len() <= cols.count {
        return cells;
    }
    let extra = cells.len() - cols.count;
    let name = plain(cells.get(cols.name).map_or("", String::as_str));
    let Some(d) = cols
        .description
        .filter(|d| *d != cols.name && *d != cols.ty)
    else {
        diags.warn(
            "extra-cells",
            file,
            row.line,
            format!(
                "{name}: the row has {} cells but the header has {}, and the table has no description column to hold the rest; ignored: {}",
                cells.len(),
                cols.count,
                quoted(&cells[cols.count..].join("|"))
            ),
        );
        cells.truncate(cols.count);
        return cells;
    };
    let joined = cells[d..=d + extra].join("|");
    diags.warn(
        "extra-cells",
        file,
        row.line,
        format!(
            "{name}: the row has {} cells but the header has {}: read as a description with `|` in it, {}, and the last cell as the {}",
            cells.len(),
            cols.count,
            quoted(&joined),
            match cols.required {
                Some(r) if r > d => "required flag",
                _ => "last column",
            }
        ),
    );
    let mut out: Vec<String> = cells[..d].to_vec();
    out.push(joined);
    out.extend(cells[d + extra + 1..].iter().cloned());
    out
}

fn parse_required(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "yes" | "true" | "是" | "必填" | "y" => Some(true),
        "no" | "false" | "否" | "" | "n" | "选填" => Some(false),
        _ => None,
    }
}

fn scalar(s: &str) -> Option<Scalar> {
    Some(match s.to_ascii_lowercase().as_str() {
        "string" | "str" => Scalar::String,
        "int" | "integer" | "int32" | "int64" | "long" | "uint" => Scalar::Int,
        "float" | "double" | "number" | "float64" => Scalar::Float,
        "bool" | "boolean" => Scalar::Bool,
        "any" | "json" => Scalar::Any,
        _ => return None,
    })
}

/// `[*Name*](#Name)` (or `[Name](#Name)`) → `Name`.
fn model_link(s: &str) -> Option<String> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find("](")?;
    let label = inner[..close].trim_matches(['*', '_', ' ']);
    let rest = &inner[close + 2..];
    let target = rest.strip_suffix(')')?.trim().trim_start_matches('#');
    let name = if label.is_empty() { target } else { label };
    let ok = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    ok.then(|| name.to_string())
}

/// A type cell → (element type, is it a list).
pub fn parse_type(cell: &str) -> Option<(TypeExpr, bool)> {
    let t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches('`');
    let lower = t.to_ascii_lowercase();
    if lower == "array" || lower == "object" || lower == "list" || lower == "map" {
        return Some((TypeExpr::Bare, lower == "array" || lower == "list"));
    }
    if lower.starts_with("array[") && t.ends_with(']') {
        let inner = &t[6..t.len() - 1];
        return element(inner).map(|e| (e, true));
    }
    element(t).map(|e| (e, false))
}

fn element(t: &str) -> Option<TypeExpr> {
    if let Some(s) = scalar(t) {
        return Some(TypeExpr::Scalar(s));
    }
    if let Some(m) = model_link(t) {
        return Some(match scalar(&m) {
            Some(s) => TypeExpr::Scalar(s),
            None => TypeExpr::Model(m),
        });
    }
    if t.eq_ignore_ascii_case("object") {
        return Some(TypeExpr::Bare);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        use TypeExpr::*;
        assert_eq!(
            parse_type("string"),
            Some((Scalar(crate::spec::Scalar::String), false))
        );
        assert_eq!(
            parse_type(" Integer "),
            Some((Scalar(crate::spec::Scalar::Int), false))
        );
        assert_eq!(
            parse_type("array[string]"),
            Some((Scalar(crate::spec::Scalar::String), true))
        );
        assert_eq!(
            parse_type("array[[*ImageSet*](#ImageSet)]"),
            Some((Model("ImageSet".into()), true))
        );
        assert_eq!(
            parse_type("[*Info*](#Info)"),
            Some((Model("Info".into()), false))
        );
        assert_eq!(parse_type("array"), Some((Bare, true)));
        assert_eq!(parse_type("object"), Some((Bare, false)));
        assert_eq!(parse_type("varchar"), None);
    }
}
