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

crate::model!(Tree: blank in_wire_order { id: "Id" Str, leaves: "Leaves" Models(Leaf), left: "Left" OptBoxModel(Tree) });

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

/// A hand-written open enum, as the generator writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Operator {
    Bgp,
    Telecom,
    /// Two documented values equal ignoring case: only exact text picks one.
    Upper,
    Lower,
    Unknown(String),
}

crate::open_enum!(Operator { Bgp = "BGP", Telecom = "Telecom", Upper = "SQL", Lower = "sql" } Unknown);

#[test]
fn enum_text_exact_then_unique_ignoring_case_else_unknown() {
    // Exact matches win.
    assert_eq!(Operator::from("BGP"), Operator::Bgp);
    assert_eq!(Operator::from("sql"), Operator::Lower);
    assert_eq!(Operator::from("SQL"), Operator::Upper);
    // Next, the one value equal ignoring ASCII case.
    assert_eq!(Operator::from("Bgp"), Operator::Bgp);
    assert_eq!(Operator::from(String::from("bgp")), Operator::Bgp);
    assert_eq!("TELECOM".parse::<Operator>(), Ok(Operator::Telecom));
    // Two values equal ignoring case and no exact match: the text is kept.
    assert_eq!(Operator::from("Sql"), Operator::Unknown("Sql".into()));
    // Anything else is kept as it is, and sent as it is.
    assert_eq!(Operator::from("BGP "), Operator::Unknown("BGP ".into()));
    assert_eq!(Operator::from("ＢＧＰ"), Operator::Unknown("ＢＧＰ".into()));
    assert_eq!(Operator::from("Bgp").to_string(), "BGP");
}

#[test]
fn responses_decode_enum_text_by_the_same_rule() {
    #[derive(Clone, Default)]
    struct Line {
        operator: Option<Operator>,
        operators: Vec<Operator>,
    }
    crate::model!(Line: default { operator: "Operator" OptEnum(Operator), operators: "Operators" Enums(Operator) });
    let line: Line =
        serde_json::from_value(serde_json::json!({"Operator": "bgp", "Operators": ["Bgp", "Sql"]}))
            .unwrap();
    assert_eq!(line.operator, Some(Operator::Bgp));
    assert_eq!(
        line.operators,
        [Operator::Bgp, Operator::Unknown("Sql".into())]
    );
    let alone: Operator = serde_json::from_value(serde_json::json!("telecom")).unwrap();
    assert_eq!(alone, Operator::Telecom);
}
