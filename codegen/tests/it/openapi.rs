//! The OpenAPI export on small pages (each mapping rule on a page that needs it), its
//! determinism, and the document for the whole of `specs/`.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use ucloud_codegen::diag::{Diagnostics, Severity};
use ucloud_codegen::openapi;

/// The document for `pages` (`(file, text)`, product `ohost`), failing on any error.
fn document(pages: &[(&str, &str)]) -> Value {
    serde_json::from_str(&rendered(pages)).expect("the document is JSON")
}

/// [`document`] as the text written.
fn rendered(pages: &[(&str, &str)]) -> String {
    let files: Vec<(String, PathBuf)> = pages
        .iter()
        .map(|(file, _)| (format!("ohost-api/{file}"), PathBuf::from(file)))
        .collect();
    let texts = pages.iter().map(|(_, text)| Ok(text.to_string())).collect();
    let loaded = ucloud_codegen::load_texts(&files, texts, None);
    let mut diags = loaded.diagnostics;
    let doc = openapi::document(&loaded.spec, &mut diags);
    let errors: Vec<String> = diags
        .sorted()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    openapi::render(&doc)
}

/// A page of the current format: its action, description, request rows, response rows,
/// models and examples.
fn page(action: &str, params: &str, fields: &str, tail: &str) -> String {
    format!(
        "# 测试 - {action}\n\n## 简介\n\n测试接口。\n\n## 定义\n\n### 请求参数\n\n\
         | 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
         | **Region** | string | 地域。 |**Yes**|\n{params}\n\
         ### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
         | **RetCode** | int | 返回状态码 |**Yes**|\n| **Action** | string | 操作指令名称 |**Yes**|\n\
         {fields}\n{tail}"
    )
}

fn operation<'a>(doc: &'a Value, action: &str) -> &'a Value {
    let op = &doc["paths"][format!("/#ohost/{action}")]["post"];
    assert!(op.is_object(), "no operation for {action}");
    op
}

fn body(op: &Value) -> &Value {
    &op["requestBody"]["content"]["application/x-www-form-urlencoded"]
}

fn response(op: &Value) -> &Value {
    &op["responses"]["200"]["content"]["application/json"]
}

#[test]
fn nested_list_parameters_are_arrays_of_objects_flattened_as_ucloud_does() {
    let text = page(
        "CreateThing",
        "| **Disks.N.IsBoot** | string | 是否系统盘 |**Yes**|\n\
         | **Disks.N.Size** | int | 磁盘大小 |No|\n\
         | **Disks.N.Backup.Mode** | string | 备份模式 |No|\n\
         | **UHostIds.N** | string | 主机ID |No|\n",
        "",
        "## 示例\n\n### 请求示例\n\n```\nhttps://api.ucloud.cn/?Action=CreateThing\n\
         &Region=cn-bj2\n&Disks.0.IsBoot=True\n&UHostIds.0=uhost a/b\n```\n",
    );
    let doc = document(&[("create_thing.md", &text)]);
    let op = operation(&doc, "CreateThing");
    let form = body(op);
    let schema = &form["schema"];
    assert_eq!(schema["properties"]["Action"]["const"], "CreateThing");
    assert_eq!(schema["required"], json!(["Action", "Region", "Disks"]));

    let disks = &schema["properties"]["Disks"];
    assert_eq!(disks["type"], "array");
    assert_eq!(disks["minItems"], 1, "a required list has an item");
    let disk = &disks["items"];
    assert_eq!(disk["type"], "object");
    assert_eq!(disk["required"], json!(["IsBoot"]));
    assert_eq!(disk["properties"]["Size"]["type"], "integer");
    assert_eq!(
        disk["properties"]["IsBoot"]["x-ucloud-wire-name"],
        "Disks.N.IsBoot"
    );
    let backup = &disk["properties"]["Backup"];
    assert_eq!(backup["type"], "object");
    assert_eq!(
        backup["properties"]["Mode"]["x-ucloud-wire-name"],
        "Disks.N.Backup.Mode"
    );
    assert!(backup.get("required").is_none());

    let ids = &schema["properties"]["UHostIds"];
    assert_eq!(
        (&ids["type"], &ids["items"]["type"]),
        (&json!("array"), &json!("string"))
    );
    assert!(
        ids.get("minItems").is_none(),
        "an optional list may be empty"
    );
    assert!(schema["properties"]["Region"]
        .get("x-ucloud-wire-name")
        .is_none());

    assert_eq!(
        form["encoding"],
        json!({"Disks": {"x-ucloud-style": "dotted"}, "UHostIds": {"x-ucloud-style": "dotted"}})
    );
    let example = &form["examples"]["page"];
    assert_eq!(
        example["value"],
        json!({"Action": "CreateThing", "Region": "cn-bj2", "Disks": [{"IsBoot": "True"}],
               "UHostIds": ["uhost a/b"]})
    );
    assert!(example["description"]
        .as_str()
        .unwrap()
        .contains("`Action=CreateThing&Region=cn-bj2&Disks.0.IsBoot=True&UHostIds.0=uhost+a%2Fb`"));
    assert!(op["requestBody"]["description"]
        .as_str()
        .unwrap()
        .contains("Disks.0.IsBoot"));
}

#[test]
fn documented_values_are_enums_with_their_descriptions_and_typed_defaults() {
    let text = page(
        "BuyThing",
        "| **ChargeType** | string | 计费模式。枚举值：Year，按年付费；Month，按月付费。默认值：Month |No|\n\
         | **Status** | int | 状态。枚举值：0-关闭 1-开启 |No|\n\
         | **Sizes.N** | string | 规格。枚举值：Small，Large |No|\n\
         | **Count** | int | 数量。默认值：1 |No|\n\
         | **Period** | int | 时长，单位：秒。 |No|\n\
         | **Enabled** | bool | 是否开启，默认为 False |No|\n",
        "",
        "",
    );
    let doc = document(&[("buy_thing.md", &text)]);
    let props = &body(operation(&doc, "BuyThing"))["schema"]["properties"];
    let charge = &props["ChargeType"];
    assert_eq!(charge["enum"], json!(["Year", "Month"]));
    assert_eq!(
        charge["x-enum-descriptions"],
        json!(["按年付费", "按月付费"])
    );
    assert_eq!(charge["default"], "Month");
    assert!(charge["description"]
        .as_str()
        .unwrap()
        .starts_with("计费模式"));
    assert_eq!(
        props["Status"]["enum"],
        json!([0, 1]),
        "int values are numbers"
    );
    assert_eq!(
        props["Status"]["x-enum-descriptions"],
        json!(["关闭", "开启"])
    );
    let sizes = &props["Sizes"];
    assert_eq!(sizes["items"]["enum"], json!(["Small", "Large"]));
    assert!(
        sizes["items"].get("x-enum-descriptions").is_none(),
        "no value is described"
    );
    assert_eq!(props["Count"]["default"], 1);
    assert_eq!(props["Period"]["x-ucloud-unit"], "秒");
    assert_eq!(props["Enabled"]["default"], false);
}

#[test]
fn secrets_base64_and_deprecation_are_marked() {
    let text = page(
        "ResetThing",
        "| **Password** | string | 新密码，需使用base64编码。 |**Yes**|\n\
         | **OldName** | string | 【已废弃】旧名称 |No|\n",
        "| **Token** | string | 访问令牌 |No|\n| **Name** | string | 名称 |No|\n",
        "",
    );
    let deprecated =
        page("OldThing", "", "", "").replace("测试接口。", "【已废弃】请使用 ResetThing。");
    let doc = document(&[("reset_thing.md", &text), ("old_thing.md", &deprecated)]);
    let op = operation(&doc, "ResetThing");
    let props = &body(op)["schema"]["properties"];
    assert_eq!(props["Password"]["format"], "password");
    assert_eq!(props["Password"]["contentEncoding"], "base64");
    assert!(props["Region"].get("format").is_none());
    assert!(props["Region"].get("contentEncoding").is_none());
    assert_eq!(props["OldName"]["deprecated"], true);
    assert!(props["Password"].get("deprecated").is_none());
    let fields = &response(op)["schema"]["properties"];
    assert_eq!(fields["Token"]["format"], "password");
    assert!(fields["Name"].get("format").is_none());
    assert!(op.get("deprecated").is_none());
    assert_eq!(operation(&doc, "OldThing")["deprecated"], true);
}

#[test]
fn paged_and_read_only_actions_say_so() {
    let text = page(
        "DescribeThing",
        "| **Offset** | int | 偏移 |No|\n| **Limit** | int | 数量 |No|\n",
        "| **TotalCount** | int | 总数 |**Yes**|\n\
         | **ThingSet** | array[[*Thing*](#Thing)] | 列表 |**Yes**|\n",
        "#### 数据模型\n\n#### Thing\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n\
         |:---|:---|:---|:---|\n| **ThingId** | string | ID |**Yes**|\n",
    );
    let create = page("CreateThing", "", "", "");
    let doc = document(&[("describe_thing.md", &text), ("create_thing.md", &create)]);
    let op = operation(&doc, "DescribeThing");
    assert_eq!(op["x-ucloud-read-only"], true);
    assert_eq!(
        op["x-ucloud-pagination"],
        json!({"offset": "Offset", "limit": "Limit", "total": "TotalCount", "list": "ThingSet"})
    );
    assert_eq!(op["operationId"], "ohost.DescribeThing");
    assert_eq!(op["tags"], json!(["ohost"]));
    assert_eq!(op["summary"], "测试");
    assert_eq!(op["description"], "测试接口。");
    assert_eq!(
        op["externalDocs"]["url"],
        "https://docs.ucloud.cn/api/ohost-api/describe_thing"
    );
    let create = operation(&doc, "CreateThing");
    assert_eq!(create["x-ucloud-read-only"], false);
    assert!(create.get("x-ucloud-pagination").is_none());
}

#[test]
fn waiters_are_an_extension_of_the_describe_action() {
    let text = page(
        "DescribeThing",
        "| **ThingIds.N** | string | ID |No|\n",
        "| **ThingSet** | array[[*Thing*](#Thing)] | 列表 |**Yes**|\n",
        "#### 数据模型\n\n#### Thing\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n\
         |:---|:---|:---|:---|\n| **ThingId** | string | ID |**Yes**|\n\
         | **State** | string | 状态。枚举值：Running，运行；Stopped，停止 |**Yes**|\n",
    );
    let doc = document(&[("describe_thing.md", &text)]);
    assert_eq!(
        operation(&doc, "DescribeThing")["x-ucloud-waiter"],
        json!({"id_param": "ThingIds", "ids": true, "list": "ThingSet", "model": "Thing",
               "id_field": "ThingId", "state_field": "State", "states": ["Running", "Stopped"]})
    );
    let stop = page(
        "StopThing",
        "| **ThingId** | string | ID |**Yes**|\n",
        "",
        "",
    );
    let doc = document(&[("stop_thing.md", &stop)]);
    assert!(operation(&doc, "StopThing")
        .get("x-ucloud-waiter")
        .is_none());
}

#[test]
fn responses_have_the_common_fields_and_require_the_rest_on_success() {
    let text = page(
        "DescribeThing",
        "",
        "| **ThingSet** | array[[*Thing*](#Thing)] | 列表 |**Yes**|\n| **Note** | string | 备注 |No|\n",
        "#### 数据模型\n\n#### Thing\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n\
         |:---|:---|:---|:---|\n| **ThingId** | string | ID |**Yes**|\n| **Size** | int | 大小 |No|\n\n\
         ## 示例\n\n### 响应示例\n\n```json\n\
         {\"Action\": \"DescribeThingResponse\", \"RetCode\": 0, \"ThingSet\": [{\"ThingId\": \"t-1\"}]}\n```\n",
    );
    let text = rendered(&[("describe_thing.md", &text)]);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let json = response(operation(&doc, "DescribeThing"));
    let schema = &json["schema"];
    // Common fields first, then the page's order (a `Value` sorts keys: read the text).
    let responses = text.find("\"responses\"").unwrap();
    let at = |name: &str| {
        text[responses..]
            .find(&format!("\"{name}\": {{"))
            .unwrap_or_else(|| panic!("{name} in the response"))
    };
    let order = ["RetCode", "Action", "Message", "ThingSet", "Note"].map(at);
    assert!(order.is_sorted(), "{order:?}");
    assert_eq!(schema["required"], json!(["RetCode", "Action"]));
    assert_eq!(schema["if"]["properties"]["RetCode"]["const"], 0);
    assert_eq!(schema["then"]["required"], json!(["ThingSet"]));
    assert_eq!(
        schema["properties"]["ThingSet"]["items"]["$ref"],
        "#/components/schemas/ohost.Thing"
    );
    assert_eq!(
        json["examples"]["page"]["value"]["ThingSet"][0]["ThingId"],
        "t-1"
    );
    let thing = &doc["components"]["schemas"]["ohost.Thing"];
    assert_eq!(thing["required"], json!(["ThingId"]));
    assert_eq!(thing["properties"]["Size"]["type"], "integer");
}

#[test]
fn model_cycles_are_references_that_resolve() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/cyclic_model.md"),
    )
    .unwrap();
    let doc = document(&[("cyclic_model.md", &text)]);
    let schemas = &doc["components"]["schemas"];
    let node = &schemas["ohost.Node"]["properties"];
    assert_eq!(node["Parent"]["$ref"], "#/components/schemas/ohost.Node");
    assert_eq!(
        node["Children"]["items"]["$ref"],
        "#/components/schemas/ohost.Node"
    );
    assert_eq!(
        schemas["ohost.Left"]["properties"]["Right"]["$ref"],
        "#/components/schemas/ohost.Right"
    );
    assert_eq!(
        schemas["ohost.Right"]["properties"]["Left"]["$ref"],
        "#/components/schemas/ohost.Left"
    );
    assert_unresolved_refs_are_none(&doc);
}

#[test]
fn the_signature_is_a_security_scheme_every_operation_uses() {
    let doc = document(&[("stop_thing.md", &page("StopThing", "", "", ""))]);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["security"], json!([{"UCloudSignature": []}]));
    let scheme = &doc["components"]["securitySchemes"]["UCloudSignature"];
    assert_eq!(
        (&scheme["type"], &scheme["name"]),
        (&json!("apiKey"), &json!("PublicKey"))
    );
    assert_eq!(scheme["x-ucloud-signature"]["parameter"], "Signature");
    assert_eq!(doc["servers"][0]["url"], "https://api.ucloud.cn");
    assert_eq!(
        doc["tags"],
        json!([{"name": "ohost", "description": "The actions of `ohost-api/`."}])
    );
}

#[test]
fn a_product_without_pages_is_an_error_not_an_empty_document() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi-empty");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "# 产品\n\n没有接口。\n").unwrap();
    let exported = openapi::export(&[dir], None).unwrap();
    assert!(exported.json.is_none());
    assert!(exported
        .diagnostics
        .iter()
        .any(|d| d.kind == "no-action-pages"));
}

/// The document of `specs/` with its overrides, rendered.
fn specs_document() -> (ucloud_codegen::spec::Spec, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let loaded = ucloud_codegen::load_spec_with(
        &[root.join("specs")],
        Some(&root.join("specs/overrides.json")),
    )
    .expect("specs/ can be read");
    let mut diags = Diagnostics::default();
    let doc = openapi::document(&loaded.spec, &mut diags);
    let errors: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let json = openapi::render(&doc);
    (loaded.spec, json)
}

#[test]
fn the_specs_document_is_deterministic_with_one_operation_per_action() {
    let (spec, json) = specs_document();
    let (_, again) = specs_document();
    assert!(json == again, "two exports of specs/ differ");

    let doc: Value = serde_json::from_str(&json).expect("the document is JSON");
    let paths = doc["paths"].as_object().unwrap();
    let actions: usize = spec.services.iter().map(|s| s.actions.len()).sum();
    assert!(actions > 1000, "specs/ has the whole corpus");
    assert_eq!(paths.len(), actions);
    let mut ids = BTreeSet::new();
    for svc in &spec.services {
        for action in &svc.actions {
            let item = &paths[&format!("/#{}/{}", svc.name, action.name)];
            assert_eq!(
                item.as_object().unwrap().keys().collect::<Vec<_>>(),
                ["post"]
            );
            assert!(ids.insert(item["post"]["operationId"].as_str().unwrap().to_string()));
        }
    }
    let models: usize = spec.services.iter().map(|s| s.models.len()).sum();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert_eq!(schemas.len(), models);
    // Generators turn component names into type names by dropping separators: the names
    // must stay distinct when they do. (Case stays: `ulb.ULBPolicySet` and
    // `ulb.UlbPolicySet` are two models of the pages.)
    let folded: BTreeSet<String> = schemas
        .keys()
        .map(|k| k.chars().filter(char::is_ascii_alphanumeric).collect())
        .collect();
    assert_eq!(folded.len(), schemas.len());
    assert_unresolved_refs_are_none(&doc);
}

/// Every `$ref` names a component that exists.
fn assert_unresolved_refs_are_none(doc: &Value) {
    fn walk<'a>(v: &'a Value, refs: &mut Vec<&'a str>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    refs.push(r);
                }
                map.values().for_each(|v| walk(v, refs));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, refs)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    walk(doc, &mut refs);
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for r in refs {
        let key = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{r} is not a component reference"));
        assert!(schemas.contains_key(key), "{r} does not resolve");
    }
}

#[test]
fn an_enum_whose_values_are_not_of_the_fields_type_is_left_out_with_a_warning() {
    let text = page("SetThing", "| **Speed** | int | 速度 |No|\n", "", "");
    let overrides = r#"[{"product": "ohost", "action": "SetThing", "field": "Speed",
        "enum": ["fast", "slow"], "reason": "a test of a wrong override"}]"#;
    let files = vec![(
        "ohost-api/set_thing.md".to_string(),
        PathBuf::from("set_thing.md"),
    )];
    let loaded =
        ucloud_codegen::load_texts(&files, vec![Ok(text)], Some(("overrides.json", overrides)));
    let mut diags = loaded.diagnostics;
    let doc = openapi::document(&loaded.spec, &mut diags);
    let doc: Value = serde_json::from_str(&openapi::render(&doc)).unwrap();
    let speed = &body(operation(&doc, "SetThing"))["schema"]["properties"]["Speed"];
    assert_eq!(speed["type"], "integer");
    assert!(speed.get("enum").is_none(), "{speed}");
    let warning = diags
        .sorted()
        .into_iter()
        .find(|d| d.kind == "openapi-enum")
        .expect("a warning");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(warning.message.contains("`Speed` is int"), "{warning}");
    assert!(warning.message.contains("\"fast\""), "{warning}");
}
