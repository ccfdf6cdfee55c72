//! Fields the spec model has from response examples rather than from tables
//! (`ucloud_codegen::infer`), and table fields it spells as the example does. Their
//! differences with the SDK are neither the tables' nor a misreading of them: they are the
//! examples', blamed [`Blame::Example`]. Their precision, the share of inferred fields the
//! SDK also has, is measured here (see `docs/fidelity.md`).

use super::compare::{Blame, Ratio};
use super::raw::Row;
use ucloud_codegen::spec::Field;

/// Why a field only the spec has is there, when an example put it there: it was inferred,
/// or the table's row at its line spells it in another case.
pub fn docs_only(d: &Field, row_at_line: Option<&Row>) -> Option<(Blame, String)> {
    if let Some(at) = &d.inferred {
        return Some((
            Blame::Example,
            format!("inferred from the response example at {at}; the SDK does not have it"),
        ));
    }
    let row = row_at_line.filter(|r| respelled(d, r))?;
    Some((
        Blame::Example,
        format!(
            "the page's table spells it `{}` (line {}), its response example `{}`, which the spec uses",
            row.name, row.line, d.name
        ),
    ))
}

/// Why a name only the SDK has is missing, when the spec has the field in another spelling
/// taken from an example.
pub fn sdk_only<'a>(
    name: &str,
    docs: impl IntoIterator<Item = &'a Field>,
) -> Option<(Blame, String)> {
    let f = docs
        .into_iter()
        .find(|f| f.name != name && f.name.eq_ignore_ascii_case(name))?;
    Some((
        Blame::Example,
        format!(
            "the spec spells it `{}`, as the response example does",
            f.name
        ),
    ))
}

/// Whether the table row the field was read from spells it differently (in case only): the
/// spec took the example's spelling.
pub fn respelled(d: &Field, row: &Row) -> bool {
    d.inferred.is_none() && row.name != d.name && row.name.eq_ignore_ascii_case(&d.name)
}

/// Counts, for each inferred field among `docs`, whether the SDK's `sdk` names have it
/// (ignoring case: Go's JSON decoding does).
pub fn judge<'a>(docs: impl IntoIterator<Item = &'a Field>, sdk: &[&str], ratio: &mut Ratio) {
    for f in docs.into_iter().filter(|f| f.inferred.is_some()) {
        ratio.add(sdk.iter().any(|s| s.eq_ignore_ascii_case(&f.name)));
    }
}
