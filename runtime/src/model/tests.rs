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

crate::model!(Tree: blank { id: "Id" Str, leaves: "Leaves" Models, left: "Left" OptModel });

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
fn wire_order_holds_for_names_and_the_names_under_them() {
    use super::{in_wire_order, Model};
    assert!(in_wire_order(&[]));
    assert!(in_wire_order(&["Name"]));
    assert!(in_wire_order(&[
        "CPU",
        "ChargeType",
        "Disks",
        "DisksSize",
        "Zone"
    ]));
    // `Tag.0` sorts after `Tag-Key` ('-' is before '.').
    assert!(!in_wire_order(&["Tag", "Tag-Key"]));
    assert!(!in_wire_order(&["B", "A"]));
    assert!(!in_wire_order(&["A", "A"]), "a repeated name");
    assert!(!in_wire_order(&["AB", "A"]));
    // Checked the way the client sorts: byte by byte.
    let mut names = ["Zone", "ZoneId", "Zone_", "Zon", "a", "Z", "Zone.x"];
    names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    assert!(
        !in_wire_order(&names),
        "Zone, Zone.x: `Zone.x.…` and `Zone.…` can meet"
    );
    let names = ["Z", "Zon", "Zone", "ZoneId", "Zone_", "a"];
    assert!(in_wire_order(&names));
    // What `model!` says of its struct.
    let tree = Tree {
        id: "t".into(),
        leaves: vec![],
        left: None,
    };
    assert!(Model::fields_in_wire_order(&tree), "Id, Leaves, Left");
    assert!(
        !Model::fields_in_wire_order(&Leaf::default()),
        "Name, Count"
    );
}
