#[derive(Clone, Default)]
struct Leaf {
    name: Option<String>,
    count: Option<i64>,
}

crate::model!(Leaf: default { name: "Name" OptStr, count: "Count" OptInt });

#[derive(Clone)]
struct Tree {
    id: String,
    leaves: Vec<Leaf>,
    left: Option<Box<Tree>>,
}

crate::model!(Tree: blank in_wire_order { id: "Id" Str, leaves: "Leaves" Models, left: "Left" OptModel });

#[test]
fn nested_and_recursive_structs_round_trip() {
    let json = serde_json::json!({
        "Id": "root",
        "Leaves": [{"Name": "a", "Count": 1}, {}],
        "Left": {"Id": "child", "Left": null}
    });
    let tree: Tree = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(tree.leaves.len(), 2);
    assert_eq!(tree.left.as_ref().unwrap().id, "child");
    let back = serde_json::to_value(&tree).unwrap();
    // `null` is `None`, which is left out; an empty struct stays an empty object.
    assert_eq!(
        back,
        serde_json::json!({"Id": "root", "Leaves": [{"Name": "a", "Count": 1}, {}], "Left": {"Id": "child"}})
    );
    assert!(tree == tree.clone());
}

#[test]
fn a_required_field_missing_in_a_nested_struct_is_named() {
    let err = serde_json::from_value::<Tree>(serde_json::json!({"Id": "x", "Left": {}}))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("missing field `Id`"), "{err}");
}

#[test]
fn duplicate_keys_replace_lists() {
    let tree: Tree =
        serde_json::from_str(r#"{"Id": "x", "Leaves": [{}, {}], "Leaves": [{"Name": "only"}]}"#)
            .unwrap();
    assert_eq!(tree.leaves.len(), 1);
}

#[test]
fn model_says_whether_its_fields_are_in_wire_order() {
    use super::Model;
    let tree = Tree {
        id: "t".into(),
        leaves: vec![],
        left: None,
    };
    assert!(Model::fields_in_wire_order(&tree), "marked");
    assert!(!Model::fields_in_wire_order(&Leaf::default()), "not marked");
}
