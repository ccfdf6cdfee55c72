//! Facts the spec model records for the emitters and for other tools reading its JSON:
//! request parameters expanded from a model of the page, and fields inferred from examples.

use ucloud_codegen::diag::Diagnostics;
use ucloud_codegen::parse::parse_page;
use ucloud_codegen::resolve;
use ucloud_codegen::spec::Spec;

fn spec(file: &str) -> Spec {
    spec_with_diagnostics(file).0
}

fn spec_with_diagnostics(file: &str) -> (Spec, Diagnostics) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pages")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut d = Diagnostics::default();
    let page = parse_page(&format!("x-api/{file}"), &text, &mut d).expect("an action page");
    let spec = resolve::build(vec![page], &mut d);
    (spec, d)
}

#[test]
fn expanded_parameters_say_which_model_and_group_they_come_from() {
    let spec = spec("request_model.md");
    let json = serde_json::to_value(&spec).unwrap();
    let action = &json["services"][0]["actions"][0];
    let port = action["request"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["wire_name"] == "Targets.N.Port")
        .expect("Targets.N.Port is a parameter");
    assert_eq!(
        port["from_model"],
        serde_json::json!({"model": "TargetConfig", "group": "Targets.N", "required": true})
    );
    assert_eq!(port["required"], false);
    assert_eq!(port["source"]["line"], 10); // the `Targets` row
    let enabled = action["request"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["wire_name"] == "Targets.N.Backup.Enabled")
        .unwrap();
    assert_eq!(enabled["from_model"]["model"], "BackupConfig");
    assert_eq!(enabled["from_model"]["required"], false);

    let tree = action["request_tree"].as_array().unwrap();
    let targets = tree.iter().find(|n| n["name"] == "Targets").unwrap();
    assert_eq!(
        (&targets["model"], &targets["list"], &targets["required"]),
        (
            &serde_json::json!("TargetConfig"),
            &serde_json::json!(true),
            &serde_json::json!(true)
        )
    );
    // `Health` is optional although its `Path` is required within it.
    let health = tree.iter().find(|n| n["name"] == "Health").unwrap();
    assert_eq!(
        (&health["model"], &health["required"]),
        (&serde_json::json!("HealthCheck"), &serde_json::json!(false))
    );
    let backup = targets["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "Backup")
        .unwrap();
    assert_eq!(backup["model"], "BackupConfig");
}

#[test]
fn inferred_fields_and_models_carry_the_place_of_their_key() {
    let spec = spec("inferred_fields.md");
    let svc = &spec.services[0];
    let region = svc.actions[0]
        .response
        .iter()
        .find(|f| f.name == "Region")
        .unwrap();
    let at = region.inferred.as_ref().expect("Region is inferred");
    assert_eq!(
        (at.file.as_str(), at.line),
        ("x-api/inferred_fields.md", 44)
    );
    let owner = svc.models.iter().find(|m| m.name == "ItemOwner").unwrap();
    assert_eq!(owner.inferred.as_ref().map(|s| s.line), Some(52));
    assert!(owner.fields.iter().all(|f| f.inferred.is_some()));
    let table_model = svc.models.iter().find(|m| m.name == "Owner").unwrap();
    assert!(table_model.inferred.is_none());
    // The table's field keeps its row but takes the example's spelling.
    let item = svc.models.iter().find(|m| m.name == "Item").unwrap();
    let id = item
        .fields
        .iter()
        .find(|f| f.name == "AlertStrategyID")
        .unwrap();
    assert!(id.inferred.is_none());
    assert_eq!(id.source.line, 27);
}

#[test]
fn example_keys_that_are_no_evidence_of_a_field_are_not_inferred() {
    let (spec, d) = spec_with_diagnostics("inferred_noise.md");
    let names: Vec<&str> = spec.services[0].actions[0]
        .response
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    // Region is a real key the table lacks; the rest are misspellings, the request id, a
    // nested model's name and a nested model's field flattened to the top.
    assert_eq!(names, ["TotalCount", "DataSet", "Account", "Region"]);
    let mut reasons: Vec<(String, &str)> = d
        .items
        .iter()
        .filter(|x| x.kind == "not-inferred")
        .map(|x| {
            let key = x.message.split('"').nth(1).unwrap_or_default().to_owned();
            let why = ["misspelling", "request id", "names the model", "flattens"]
                .into_iter()
                .find(|w| x.message.contains(w))
                .unwrap_or("?");
            (key, why)
        })
        .collect();
    reasons.sort();
    assert_eq!(
        reasons,
        [
            ("Aciton".to_owned(), "misspelling"),
            ("Amount".to_owned(), "flattens"),
            ("Binding".to_owned(), "names the model"),
            ("Request_uuid".to_owned(), "request id"),
            ("TotolCount".to_owned(), "misspelling"),
        ]
    );
}
