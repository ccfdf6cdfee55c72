//! Models of the same name on several pages of a product (resolve.rs): one model when one
//! definition extends the other, two models when neither does.

use ucloud_codegen::diag::Diagnostics;
use ucloud_codegen::parse::parse_page;
use ucloud_codegen::resolve;
use ucloud_codegen::spec::{FieldType, Spec};

/// A current-format page whose response has `Data` of model `M` with `fields`.
fn page(action: &str, fields: &[&str]) -> String {
    let mut rows = String::new();
    for f in fields {
        rows.push_str(&format!("| **{f}** | string | x |No|\n"));
    }
    format!(
        "# T - {action}\n\n## 定义\n\n### 请求参数\n\n| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Region** | string | x |**Yes**|\n\n### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Data** | [*M*](#M) | x |No|\n\n#### 数据模型\n\n#### M\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n{rows}"
    )
}

fn build(pages: &[(&str, &[&str])]) -> (Spec, Diagnostics) {
    let mut d = Diagnostics::default();
    let parsed = pages
        .iter()
        .map(|(action, fields)| {
            let file = format!("specs/x-api/{}.md", action.to_ascii_lowercase());
            parse_page(&file, &page(action, fields), &mut d).expect("an action page")
        })
        .collect();
    (resolve::build(parsed, &mut d), d)
}

fn data_model(spec: &Spec, action: &str) -> String {
    let a = spec.services[0]
        .actions
        .iter()
        .find(|a| a.name == action)
        .expect("action");
    match &a.response[0].ty {
        FieldType::Model(m) => m.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_definition_with_more_fields_extends_the_other() {
    let (spec, d) = build(&[("ListA", &["Id", "Name"]), ("GetB", &["Id", "Name", "Tag"])]);
    assert_eq!(spec.services[0].models.len(), 1);
    let m = &spec.services[0].models[0];
    let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Id", "Name", "Tag"]);
    assert_eq!(data_model(&spec, "ListA"), "M");
    assert!(d.items.iter().any(|x| x.kind == "model-merged"));
}

#[test]
fn definitions_that_each_lack_the_others_fields_are_different_models() {
    let (spec, d) = build(&[
        ("ListA", &["UGNID", "Name"]),
        ("ListB", &["UGNID", "Name"]),
        ("DescribeC", &["UGNId", "Tag"]),
    ]);
    let names: Vec<&str> = spec.services[0]
        .models
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["DescribeCM", "M"]);
    // The definition two pages share keeps the name.
    assert_eq!(data_model(&spec, "ListA"), "M");
    assert_eq!(data_model(&spec, "ListB"), "M");
    assert_eq!(data_model(&spec, "DescribeC"), "DescribeCM");
    let split: Vec<_> = d.items.iter().filter(|x| x.kind == "model-split").collect();
    assert_eq!(split.len(), 1);
    assert_eq!(split[0].file, "specs/x-api/describec.md");
}
