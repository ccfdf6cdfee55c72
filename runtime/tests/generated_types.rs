//! The macros generated types expand (`model!`, `open_enum!`, `request!`), used as the
//! generator uses them: what they read and write, and what they refuse.

use serde_json::json;
use ucloud_sdk_runtime::{model, open_enum, request, Request, Secret};

const PRODUCT: &str = "demo";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiskType {
    CloudSsd,
    LocalNormal,
    Unknown(String),
}
open_enum!(DiskType { CloudSsd = "CLOUD_SSD", LocalNormal = "LOCAL_NORMAL" } Unknown);

#[derive(Clone)]
#[non_exhaustive]
pub struct Disk {
    pub size: i64,
    pub disk_type: DiskType,
    pub backup: Option<String>,
}
model!(Disk: blank { size: "Size" Int, disk_type: "Type" Enum, backup: "BackupType" OptStr });

#[derive(Clone)]
#[non_exhaustive]
pub struct CreateRequest {
    pub name: String,
    pub disks: Vec<Disk>,
    pub password: Option<Secret>,
    pub limit: Option<i64>,
    pub tags: Vec<String>,
}
model!(CreateRequest: blank {
    name: "Name" Str,
    disks: "Disks" Models required,
    password: "Password" OptBase64Secret,
    limit: "Limit" OptInt,
    tags: "Tag" Strs,
});

#[derive(Clone, Default)]
#[non_exhaustive]
pub struct CreateResponse {
    pub ids: Vec<String>,
    pub total: Option<i64>,
    pub disk: Option<Box<DiskInfo>>,
    pub disks: Vec<DiskInfo>,
    pub kinds: Vec<DiskType>,
    pub extra: Option<serde_json::Value>,
    pub ratio: Option<f64>,
}
model!(CreateResponse: default {
    ids: "Ids" Strs,
    total: "TotalCount" OptInt,
    disk: "Disk" OptModel,
    disks: "DiskSet" Models,
    kinds: "Kinds" Enums,
    extra: "Extra" OptJson,
    ratio: "Ratio" OptFloat,
});

#[derive(Clone, Default)]
#[non_exhaustive]
pub struct DiskInfo {
    pub disk_type: Option<DiskType>,
    pub secret: Option<Secret>,
}
model!(DiskInfo: default { disk_type: "DiskType" OptEnum, secret: "Secret" OptSecret });

request!(CreateRequest => CreateResponse, "CreateThing", REGION_REQUIRED; read_only = false);

fn request() -> CreateRequest {
    CreateRequest {
        name: "web".into(),
        disks: vec![Disk {
            size: 40,
            disk_type: DiskType::CloudSsd,
            backup: None,
        }],
        password: Some(Secret::from("UCloud.cn")),
        limit: None,
        tags: vec![],
    }
}

#[test]
fn requests_write_required_fields_and_skip_empty_optional_ones() {
    let wire = serde_json::to_value(request()).unwrap();
    assert_eq!(
        wire,
        json!({"Name": "web", "Disks": [{"Size": 40, "Type": "CLOUD_SSD"}], "Password": "VUNsb3VkLmNu"})
    );
    assert_eq!(
        ucloud_sdk_runtime::examples::encode(&request()),
        [
            ("Disks.0.Size", "40"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Name", "web"),
            ("Password", "VUNsb3VkLmNu"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
}

#[test]
fn requests_read_back_from_wire_shaped_json() {
    let wire = serde_json::to_value(request()).unwrap();
    let back: CreateRequest = serde_json::from_value(wire).unwrap();
    assert_eq!(back, request());
    assert_eq!(
        back.password.unwrap().expose(),
        "UCloud.cn",
        "base64 is decoded"
    );
    ucloud_sdk_runtime::examples::assert_request_example(
        &request(),
        &[
            ("Disks.0.Size", "40"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Name", "web"),
            ("Password", "VUNsb3VkLmNu"),
        ],
    );
}

#[test]
fn a_missing_required_field_is_an_error_naming_it() {
    let err = serde_json::from_value::<CreateRequest>(json!({"Name": "web"})).unwrap_err();
    assert!(err.to_string().contains("missing field `Disks`"), "{err}");
    let err = serde_json::from_value::<CreateRequest>(json!({"Name": "x", "Disks": [{"Size": 1}]}))
        .unwrap_err();
    assert!(err.to_string().contains("missing field `Type`"), "{err}");
    let err = serde_json::from_value::<CreateRequest>(
        json!({"Name": "x", "Disks": [], "Password": "***"}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("base64"), "{err}");
}

#[test]
fn responses_round_trip_and_ignore_unknown_fields() {
    let body = json!({
        "Ids": ["a", "b"],
        "TotalCount": 2,
        "Disk": {"DiskType": "LOCAL_NORMAL"},
        "DiskSet": [{"DiskType": "CLOUD_SSD"}, {"DiskType": "NEW_KIND", "Secret": "s3cr3t"}],
        "Kinds": ["CLOUD_SSD", "X"],
        "Extra": {"any": [1, "two"]},
        "Ratio": 1.39684
    });
    let resp: CreateResponse = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(
        resp.disk.as_ref().unwrap().disk_type,
        Some(DiskType::LocalNormal)
    );
    assert_eq!(
        resp.disks[1].disk_type,
        Some(DiskType::Unknown("NEW_KIND".into()))
    );
    assert_eq!(
        resp.kinds,
        [DiskType::CloudSsd, DiskType::Unknown("X".into())]
    );
    assert_eq!(serde_json::to_value(&resp).unwrap(), body);
    assert_eq!(resp.clone(), resp);
    let mut other = resp.clone();
    other.disks[1].disk_type = None;
    assert_ne!(other, resp);
    let empty: CreateResponse = serde_json::from_value(json!({"Other": 1, "Disk": null})).unwrap();
    assert_eq!(empty, CreateResponse::default());
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}));
}

#[test]
fn debug_reads_like_the_derive_and_hides_secrets() {
    let resp: CreateResponse = serde_json::from_value(json!({
        "TotalCount": 1,
        "DiskSet": [{"Secret": "s3cr3t"}]
    }))
    .unwrap();
    let text = format!("{resp:?}");
    assert!(
        text.starts_with(
            "CreateResponse { ids: [], total: Some(1), disk: None, \
             disks: [DiskInfo { disk_type: None, secret: Some(Secret(***)) }]"
        ),
        "{text}"
    );
    assert!(!text.contains("s3cr3t"), "{text}");
}

#[test]
fn tolerant_decoding_reads_through_the_model() {
    let body = r#"{"RetCode": 0, "Ids": "only", "TotalCount": "7", "DiskSet": {}, "Ratio": "2"}"#;
    let unknown = ucloud_sdk_runtime::examples::check_response::<CreateResponse>(body).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    let resp: CreateResponse = ucloud_sdk_runtime::examples::decode(body).unwrap();
    assert_eq!(resp.ids, ["only"], "a lone value is a list of one");
    assert_eq!(resp.total, Some(7), "a numeric string is a number");
    assert!(resp.disks.is_empty(), "{{}} is an empty list");
    assert_eq!(resp.ratio, Some(2.0));
    ucloud_sdk_runtime::examples::assert_response_example::<CreateResponse>(
        body,
        r#"{"Ids": ["only"], "TotalCount": 7, "Ratio": 2.0}"#,
    );
}

#[test]
fn open_enums_keep_undocumented_values() {
    assert_eq!(DiskType::from("CLOUD_SSD"), DiskType::CloudSsd);
    assert_eq!(
        "LOCAL_NORMAL".parse::<DiskType>(),
        Ok(DiskType::LocalNormal)
    );
    let other: DiskType = serde_json::from_value(json!("CLOUD_RSSD")).unwrap();
    assert_eq!(other, DiskType::Unknown("CLOUD_RSSD".into()));
    assert_eq!(other.as_str(), "CLOUD_RSSD");
    assert_eq!(serde_json::to_value(&other).unwrap(), json!("CLOUD_RSSD"));
    assert_eq!(DiskType::CloudSsd.to_string(), "CLOUD_SSD");
    assert_eq!(
        serde_json::to_value(DiskType::LocalNormal).unwrap(),
        json!("LOCAL_NORMAL")
    );
}

#[test]
fn request_metadata_is_public() {
    let action = CreateRequest::ACTION;
    assert_eq!((action.product, action.name), ("demo", "CreateThing"));
    assert!(!action.is_read_only());
    assert_eq!(action.common, ucloud_sdk_runtime::Action::REGION_REQUIRED);
}
