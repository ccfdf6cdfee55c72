//! Every field of every generated struct ends its docs with its wire name (`Wire name:
//! `Disks.N.IsBoot``), over the checked-in SDK (`generated/src`, which the drift check keeps
//! equal to what the generator writes).

use std::path::Path;

#[test]
fn every_generated_field_says_its_wire_name() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src");
    let mut fields = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&src).expect("generated/src") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a generated file");
        let mut last_doc: Option<&str> = None;
        let mut in_struct = false;
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with("pub struct ") && trimmed.ends_with('{') {
                in_struct = true;
            } else if trimmed == "}" {
                in_struct = false;
            } else if let Some(doc) = trimmed.strip_prefix("///") {
                last_doc = Some(doc);
                continue;
            } else if in_struct && trimmed.starts_with("pub ") {
                fields += 1;
                if !last_doc.is_some_and(|d| d.contains("Wire name: `")) {
                    problems.push(format!("{}: {trimmed}", path.display()));
                }
            }
            last_doc = None;
        }
    }
    assert!(fields > 20_000, "only {fields} fields read");
    assert!(
        problems.is_empty(),
        "{} fields without a wire name, e.g. {:?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
}
