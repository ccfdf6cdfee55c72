//! The naming rule, over every action and model of the documentation in `specs/`:
//!
//! - type names are the pages' spelling (`DescribeEIPRequest`, `UHostIPSet`), changed only
//!   where Rust requires it, and then only as `names::type_name` documents;
//! - method names are snake case of the action's words: without their underscores they are
//!   the action's name in lower case, and a letter-and-digit group is never split
//!   (`create_uk8s_cluster_v2`);
//! - every name a collision changed is reported as a `name-collision` diagnostic.

use std::path::Path;
use ucloud_codegen::diag::Diagnostics;
use ucloud_codegen::emit::plan;
use ucloud_codegen::names;

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[test]
fn every_action_and_model_of_the_documentation_follows_the_rule() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let loaded = ucloud_codegen::load_spec(&[specs]).expect("specs/ loads");
    let mut problems = Vec::new();
    let mut checked = 0;
    for svc in &loaded.spec.services {
        let mut diags = Diagnostics::default();
        let p = plan::plan(svc, &mut diags);
        let renamed = |name: &str| {
            diags
                .items
                .iter()
                .any(|d| d.kind == "name-collision" && d.message.contains(name))
        };
        for (a, n) in svc.actions.iter().zip(&p.actions) {
            checked += 1;
            let wanted = format!("{}Request", a.name);
            if is_identifier(&a.name) && n.request.name != wanted && !renamed(&wanted) {
                problems.push(format!(
                    "{}: request type {} is not {wanted}",
                    a.name, n.request.name
                ));
            }
            let flat: String = n.method.chars().filter(|c| *c != '_').collect();
            if is_identifier(&a.name) && flat != a.name.to_ascii_lowercase() && !renamed(&a.name) {
                problems.push(format!("{}: method {} is not its words", a.name, n.method));
            }
            if n.method != n.method.to_ascii_lowercase() || n.method.contains("__") {
                problems.push(format!("{}: method {} is not snake case", a.name, n.method));
            }
            // A letter-and-digit group stays whole: no `_` between two digits.
            for w in n.method.as_bytes().windows(3) {
                if w[1] == b'_' && w[0].is_ascii_digit() && w[2].is_ascii_digit() {
                    problems.push(format!("{}: method {} splits digits", a.name, n.method));
                }
            }
        }
        for m in &svc.models {
            checked += 1;
            let name = &p.models[&m.name].name;
            if is_identifier(&m.name)
                && *name != names::type_name(&m.name)
                && !renamed(&names::type_name(&m.name))
            {
                problems.push(format!("model {}: type {name}", m.name));
            }
            if is_identifier(&m.name)
                && m.name.starts_with(|c: char| c.is_ascii_uppercase())
                && *name != m.name
                && !renamed(&m.name)
                && names::type_name(&m.name) == m.name
            {
                problems.push(format!(
                    "model {}: type {name} is not the page's spelling",
                    m.name
                ));
            }
        }
    }
    assert!(checked > 2000, "only {checked} actions and models read");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn names_users_meet_first() {
    for (action, method) in [
        ("CreateUK8SClusterV2", "create_uk8s_cluster_v2"),
        ("DescribeEIP", "describe_eip"),
        ("DescribeUHostInstance", "describe_uhost_instance"),
        ("AllocateEIP", "allocate_eip"),
        ("GetUDTSPrecheckTask", "get_udts_precheck_task"),
        ("DescribeUGN", "describe_ugn"),
        ("CreateULBPolicy", "create_ulb_policy"),
    ] {
        assert_eq!(names::field(action), method, "{action}");
        assert_eq!(
            names::type_name(&format!("{action}Request")),
            format!("{action}Request")
        );
    }
    assert_eq!(names::type_name("UHostIPSet"), "UHostIPSet");
}
