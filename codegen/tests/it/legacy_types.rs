//! Legacy `array`/`object` fields bound to the page's models (parse/bare.rs), on small pages.

use ucloud_codegen::diag::Diagnostics;
use ucloud_codegen::parse::{parse_page, PageSpec};
use ucloud_codegen::spec::{Field, FieldType, Scalar};

const HEAD: &str = "# 获取-DescribeThing\n\n# Request Parameters\n|Parameter name|Type|Description|Required|\n|---|---|---|---|\n|Region|string|地域|**Yes**|\n\n# Response Elements\n|Parameter name|Type|Description|Required|\n|---|---|---|---|\n|RetCode|int|返回码|**Yes**|\n|Action|string|操作名称|**Yes**|\n";

fn page(body: &str) -> (PageSpec, Diagnostics) {
    let mut d = Diagnostics::default();
    let text = format!("{HEAD}{body}");
    let p = parse_page("specs/thing-api/describe_thing.md", &text, &mut d).expect("an action page");
    (p, d)
}

fn field<'a>(p: &'a PageSpec, owner: Option<&str>, name: &str) -> &'a Field {
    let fields = match owner {
        None => &p.action.response,
        Some(m) => &p.models.iter().find(|x| x.name == m).expect("model").fields,
    };
    fields.iter().find(|f| f.name == name).expect("field")
}

fn model(name: &str) -> FieldType {
    FieldType::Model(name.into())
}

fn table(name: &str, rows: &[&str]) -> String {
    let mut t =
        format!("\n## {name}\n|Parameter name|Type|Description|Required|\n|---|---|---|---|\n");
    for r in rows {
        t.push_str(&format!("|{r}|No|\n"));
    }
    t
}

#[test]
fn the_description_names_the_model() {
    let body = format!(
        "|DataSet|array|vpc信息，具体结构见下方VPCInfo|No|\n{}{}",
        table("VPCInfo", &["VPCId|string|x", "Network|array|x"]),
        table("VPCNetworkInfo", &["Network|string|x"]),
    );
    let (p, _) = page(&body);
    assert_eq!(field(&p, None, "DataSet").ty, model("VPCInfo"));
}

#[test]
fn the_first_model_the_description_names_wins() {
    let body = format!(
        "|Data|object|类型参见Outer，数组中具体值的内容参见InnerData|No|\n{}{}",
        table("Outer", &["Audio|array|详情参见InnerData"]),
        table("InnerData", &["Value|float|x"]),
    );
    let (p, _) = page(&body);
    assert_eq!(field(&p, None, "Data").ty, model("Outer"));
    assert_eq!(field(&p, Some("Outer"), "Audio").ty, model("InnerData"));
}

#[test]
fn a_model_named_after_the_field_beats_scalar_example_values() {
    let body = format!(
        "|DataSet|array|x|**Yes**|\n{}\n# Response Example\n```\n{{\"RetCode\": 0, \"DataSet\": [\"a\", \"b\"]}}\n```\n",
        table("DescribeThingDataSet", &["Id|string|x"]),
    );
    let (p, _) = page(&body);
    let f = field(&p, None, "DataSet");
    assert_eq!((&f.ty, f.array), (&model("DescribeThingDataSet"), true));
}

#[test]
fn example_values_count_only_where_the_owner_occurs() {
    // `Network` is a list of strings in `VPCInfo` items but a string in `NetInfo` items.
    let body = format!(
        "|DataSet|array|x|No|\n{}{}\n# Response Example\n```\n{}\n```\n",
        table(
            "VPCInfo",
            &[
                "VPCId|string|x",
                "Network|array|x",
                "NetworkInfo|array|x",
                "Tag|string|x"
            ]
        ),
        table("NetInfo", &["Network|string|x", "SubnetCount|int|x"]),
        r#"{"RetCode": 0, "DataSet": [{"VPCId": "v", "Tag": "t", "Network": ["10.0.0.0/16"], "NetworkInfo": [{"Network": "10.0.0.0/16", "SubnetCount": 1}]}]}"#,
    );
    let (p, _) = page(&body);
    let net = field(&p, Some("VPCInfo"), "Network");
    assert_eq!(
        (&net.ty, net.array),
        (&FieldType::Scalar(Scalar::String), true)
    );
    assert_eq!(
        field(&p, Some("VPCInfo"), "NetworkInfo").ty,
        model("NetInfo")
    );
}

#[test]
fn null_example_values_are_ignored_and_wrapped_responses_found() {
    let body = format!(
        "|Set|array|x|No|\n{}\n# Response Example\n```\n{}\n```\n",
        table("Perm", &["Add|array|x", "Mod|array|x"]),
        r#"{"JSON": {"Action": "DescribeThingResponse", "Set": [{"Add": ["A"], "Mod": ["B"]}, {"Add": ["C"], "Mod": null}]}}"#,
    );
    let (p, _) = page(&body);
    assert_eq!(field(&p, None, "Set").ty, model("Perm"));
    let m = field(&p, Some("Perm"), "Mod");
    assert_eq!((&m.ty, m.array), (&FieldType::Scalar(Scalar::String), true));
}

#[test]
fn fields_named_like_a_bound_sibling_share_its_model() {
    let body = format!(
        "|DataSet|object|x|No|\n{}{}\n# Response Example\n```\n{}\n```\n",
        table("Period", &["NetworkIn|array|x", "NetworkInUsage|array|x"]),
        table("Point", &["Timestamp|int|x", "Value|int|x"]),
        r#"{"RetCode": 0, "DataSet": {"NetworkIn": null, "NetworkInUsage": [{"Timestamp": 1, "Value": 2}]}}"#,
    );
    let (p, _) = page(&body);
    assert_eq!(field(&p, None, "DataSet").ty, model("Period"));
    assert_eq!(
        field(&p, Some("Period"), "NetworkInUsage").ty,
        model("Point")
    );
    assert_eq!(field(&p, Some("Period"), "NetworkIn").ty, model("Point"));
}

#[test]
fn one_resolved_sibling_with_another_name_is_not_enough() {
    let body = format!(
        "|Set|array|x|No|\n{}{}{}",
        table("Set", &["IPSet|array|x", "Env|array|x"]),
        table("IPSet", &["IP|string|x"]),
        table("EnvVar", &["Key|string|x"]),
    );
    let (p, d) = page(&body);
    // `Env` is the one field left and `EnvVar` the one model left: rule 7, not `IPSet`.
    assert_eq!(field(&p, Some("Set"), "Env").ty, model("EnvVar"));
    assert!(!d.has_errors());
}

#[test]
fn nothing_on_the_page_says_which_model() {
    let body = format!(
        "|A|array|x|No|\n|B|array|y|No|\n{}{}",
        table("M1", &["X|string|x"]),
        table("M2", &["Y|string|x"]),
    );
    let (p, d) = page(&body);
    assert_eq!(field(&p, None, "A").ty, FieldType::Scalar(Scalar::Any));
    let warned = d
        .items
        .iter()
        .filter(|x| x.kind == "unresolved-type")
        .count();
    assert_eq!(warned, 2);
}
