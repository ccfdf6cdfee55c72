//! The macros generated types expand (`model!`, `open_enum!`, `open_int_enum!`, `request!`), used as the
//! generator uses them: what they read and write, and what they refuse.

use serde_json::json;
use ucloud_sdk_runtime::__private::Model as _;
use ucloud_sdk_runtime::{model, open_enum, open_int_enum, request, Request, Secret};

const PRODUCT: &str = "demo";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiskType {
    CloudSsd,
    LocalNormal,
    Unknown(String),
}
open_enum!(DiskType { CloudSsd = "CLOUD_SSD", LocalNormal = "LOCAL_NORMAL" } Unknown);

/// An int-coded list (`0-关闭 1-开启`), as the generator declares one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Switch {
    V0,
    V1,
    Unknown(i64),
}
open_int_enum!(Switch { V0 = 0, V1 = 1 } Unknown);

#[derive(Clone)]
#[non_exhaustive]
pub struct Disk {
    pub size: i64,
    pub disk_type: DiskType,
    pub backup: Option<String>,
}
model!(Disk: blank { size: "Size" Int, disk_type: "Type" Enum(DiskType), backup: "BackupType" OptStr });

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
    disks: "Disks" Models(Disk) required,
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
    disk: "Disk" OptBoxModel(DiskInfo),
    disks: "DiskSet" Models(DiskInfo),
    kinds: "Kinds" Enums(DiskType),
    extra: "Extra" OptJson,
    ratio: "Ratio" OptFloat,
});

#[derive(Clone, Default)]
#[non_exhaustive]
pub struct DiskInfo {
    pub disk_type: Option<DiskType>,
    pub secret: Option<Secret>,
}
model!(DiskInfo: default { disk_type: "DiskType" OptEnum(DiskType), secret: "Secret" OptSecret });

request!(CreateRequest => CreateResponse, PRODUCT, "CreateThing", REGION_REQUIRED; read_only = false);

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
        ucloud_sdk_runtime::__private::examples::encode(&request()),
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
    ucloud_sdk_runtime::__private::examples::assert_request_example(
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
fn debug_hides_base64_secrets_like_plain_ones_and_shows_other_base64() {
    // Every kind that holds a `Secret`, base64-encoded on the wire or not.
    let mut req = EveryKindRequest::blank();
    req.key = Secret::from("plain-key");
    req.token = Some(Secret::from("plain-token"));
    req.keys = vec![Secret::from("listed-key")];
    req.password = Secret::from("base64-password");
    req.admin_password = Some(Secret::from("base64-admin"));
    req.user_data = "#!/bin/visible".into();
    let text = format!("{req:?}");
    for secret in [
        "plain-key",
        "plain-token",
        "listed-key",
        "base64-password",
        "base64-admin",
    ] {
        assert!(!text.contains(secret), "{secret} is shown: {text}");
    }
    assert!(
        text.contains("password: Secret(***)")
            && text.contains("admin_password: Some(Secret(***))"),
        "{text}"
    );
    assert!(text.contains("user_data: \"#!/bin/visible\""), "{text}");
}

#[test]
fn tolerant_decoding_reads_through_the_model() {
    let body = r#"{"RetCode": 0, "Ids": "only", "TotalCount": "7", "DiskSet": {}, "Ratio": "2"}"#;
    let unknown =
        ucloud_sdk_runtime::__private::examples::check_response::<CreateResponse>(body).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    let resp: CreateResponse = ucloud_sdk_runtime::__private::examples::decode(body).unwrap();
    assert_eq!(resp.ids, ["only"], "a lone value is a list of one");
    assert_eq!(resp.total, Some(7), "a numeric string is a number");
    assert!(resp.disks.is_empty(), "{{}} is an empty list");
    assert_eq!(resp.ratio, Some(2.0));
    ucloud_sdk_runtime::__private::examples::assert_response_example::<CreateResponse>(
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
fn int_enums_keep_undocumented_codes() {
    assert_eq!(Switch::from(1), Switch::V1);
    assert_eq!(Switch::from(5), Switch::Unknown(5));
    assert_eq!(i64::from(Switch::Unknown(5)), 5);
    assert_eq!(Switch::V0.value(), 0);
    assert_eq!(Switch::V1.to_string(), "1");
    assert_eq!(serde_json::to_value(Switch::V1).unwrap(), json!(1));
    let read: Switch = serde_json::from_value(json!(0)).unwrap();
    assert_eq!(read, Switch::V0);
    let other: Switch = serde_json::from_value(json!(9)).unwrap();
    assert_eq!(other, Switch::Unknown(9));
    assert!(serde_json::from_value::<Switch>(json!("on")).is_err());
}

#[test]
fn int_enum_fields_decode_leniently() {
    #[derive(Clone, Default)]
    #[non_exhaustive]
    pub struct Reply {
        pub status: Option<Switch>,
        pub history: Vec<Switch>,
    }
    model!(Reply: default { status: "Status" OptIntEnum(Switch), history: "History" IntEnums(Switch) });
    let body = r#"{"RetCode": 0, "Status": "1", "History": [0, "4"]}"#;
    let reply: Reply = ucloud_sdk_runtime::__private::examples::decode(body).unwrap();
    assert_eq!(
        reply.status,
        Some(Switch::V1),
        "a numeric string is the code"
    );
    assert_eq!(reply.history, [Switch::V0, Switch::Unknown(4)]);
    let strict: Reply = serde_json::from_str(r#"{"Status": null, "History": [1]}"#).unwrap();
    assert_eq!((strict.status, strict.history), (None, vec![Switch::V1]));
}

#[test]
fn request_metadata_is_public() {
    let action = CreateRequest::ACTION;
    assert_eq!((action.product, action.name), ("demo", "CreateThing"));
    assert!(!action.is_read_only());
    assert_eq!(action.common, ucloud_sdk_runtime::Action::REGION_REQUIRED);
}

/// A request with a field of every kind the generator emits, to hold the client's two
/// encodings (from the field table, and through `Serialize`) to the same parameters.
#[derive(Clone)]
#[non_exhaustive]
pub struct EveryKindRequest {
    pub name: String,
    pub zone: Option<String>,
    pub names: Vec<String>,
    pub count: i64,
    pub limit: Option<i64>,
    pub ports: Vec<i64>,
    pub ratio: f64,
    pub weight: Option<f64>,
    pub weights: Vec<f64>,
    pub boot: bool,
    pub ha: Option<bool>,
    pub flags: Vec<bool>,
    pub extra: serde_json::Value,
    pub more: Option<serde_json::Value>,
    pub items: Vec<serde_json::Value>,
    pub key: Secret,
    pub token: Option<Secret>,
    pub keys: Vec<Secret>,
    pub user_data: String,
    pub script: Option<String>,
    pub password: Secret,
    pub admin_password: Option<Secret>,
    pub kind: DiskType,
    pub other_kind: Option<DiskType>,
    pub kinds: Vec<DiskType>,
    pub switch: Switch,
    pub other_switch: Option<Switch>,
    pub switches: Vec<Switch>,
    pub disk: Option<Box<DiskInfo>>,
    pub disks: Vec<Disk>,
}
model!(EveryKindRequest: blank {
    name: "Name" Str,
    zone: "Zone" OptStr,
    names: "Names" Strs,
    count: "Count" Int,
    limit: "Limit" OptInt,
    ports: "Port" Ints,
    ratio: "Ratio" Float,
    weight: "Weight" OptFloat,
    weights: "Weights" Floats,
    boot: "IsBoot" Bool,
    ha: "HA" OptBool,
    flags: "Flag" Bools,
    extra: "Extra" Json,
    more: "More" OptJson,
    items: "Items" Jsons,
    key: "Key" Secret,
    token: "Token" OptSecret,
    keys: "Keys" Secrets,
    user_data: "UserData" Base64Str,
    script: "Script" OptBase64Str,
    password: "Password" Base64Secret,
    admin_password: "AdminPassword" OptBase64Secret,
    kind: "Kind" Enum(DiskType),
    other_kind: "OtherKind" OptEnum(DiskType),
    kinds: "Kinds" Enums(DiskType),
    switch: "Switch" IntEnum(Switch),
    other_switch: "OtherSwitch" OptIntEnum(Switch),
    switches: "Switches" IntEnums(Switch),
    disk: "Disk" OptBoxModel(DiskInfo),
    disks: "Disks" Models(Disk),
});
request!(EveryKindRequest => CreateResponse, PRODUCT, "EveryKind"; read_only = false);

#[test]
fn requests_encode_the_same_from_the_field_table_and_through_serialize() {
    let req = EveryKindRequest {
        name: "web".into(),
        zone: Some(String::new()),
        names: (0..11).map(|i| format!("n{i}")).collect(),
        count: -3,
        limit: Some(0),
        ports: vec![80, 443],
        ratio: 42.0,
        weight: Some(1e21),
        weights: vec![0.1, -0.0],
        boot: true,
        ha: Some(false),
        flags: vec![false, true],
        extra: json!({"A": 1, "B": {"C": [true, "x"]}, "D": null}),
        more: None,
        items: vec![json!("s"), json!({"E": 2.5})],
        key: Secret::from("k"),
        token: Some(Secret::from("t")),
        keys: vec![Secret::from("k0")],
        user_data: "#!/bin/sh".into(),
        script: None,
        password: Secret::from("UCloud.cn"),
        admin_password: Some(Secret::from("pw")),
        kind: DiskType::CloudSsd,
        other_kind: Some(DiskType::Unknown("NEW".into())),
        kinds: vec![DiskType::LocalNormal],
        switch: Switch::V1,
        other_switch: Some(Switch::Unknown(-7)),
        switches: vec![Switch::V0, Switch::from(1)],
        disk: Some(Box::new(DiskInfo {
            disk_type: None,
            secret: Some(Secret::from("s")),
        })),
        disks: vec![
            Disk {
                size: 40,
                disk_type: DiskType::CloudSsd,
                backup: None,
            },
            Disk {
                size: 20,
                disk_type: DiskType::LocalNormal,
                backup: Some("SNAPSHOT".into()),
            },
        ],
    };
    let mut expected = vec![
        ("AdminPassword", "cHc="),
        ("Count", "-3"),
        ("Disk.Secret", "s"),
        ("Disks.0.Size", "40"),
        ("Disks.0.Type", "CLOUD_SSD"),
        ("Disks.1.BackupType", "SNAPSHOT"),
        ("Disks.1.Size", "20"),
        ("Disks.1.Type", "LOCAL_NORMAL"),
        ("Extra.A", "1"),
        ("Extra.B.C.0", "true"),
        ("Extra.B.C.1", "x"),
        ("Flag.0", "false"),
        ("Flag.1", "true"),
        ("HA", "false"),
        ("IsBoot", "true"),
        ("Items.0", "s"),
        ("Items.1.E", "2.5"),
        ("Key", "k"),
        ("Keys.0", "k0"),
        ("Kind", "CLOUD_SSD"),
        ("Kinds.0", "LOCAL_NORMAL"),
        ("Limit", "0"),
        ("Name", "web"),
        ("OtherKind", "NEW"),
        ("OtherSwitch", "-7"),
        ("Password", "VUNsb3VkLmNu"),
        ("Port.0", "80"),
        ("Port.1", "443"),
        ("Ratio", "42"),
        ("Switch", "1"),
        ("Switches.0", "0"),
        ("Switches.1", "1"),
        ("Token", "t"),
        ("UserData", "IyEvYmluL3No"),
        ("Weight", "1000000000000000000000"),
        ("Weights.0", "0.1"),
        ("Weights.1", "0"),
        ("Zone", ""),
    ];
    let names: Vec<String> = (0..11).map(|i| format!("n{i}")).collect();
    let indexed: Vec<String> = (0..11).map(|i| format!("Names.{i}")).collect();
    expected.extend(
        indexed
            .iter()
            .zip(&names)
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    expected.sort();
    // Checks both encodings against the expected parameters (and against each other,
    // redaction included), then reads the request back from them and encodes it again.
    ucloud_sdk_runtime::__private::examples::assert_request_example(&req, &expected);
}
