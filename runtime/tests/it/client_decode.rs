//! Tolerant decoding of real response bodies, through the client (over the mock
//! transport: the documented examples are the mock's own answers) and through
//! `examples::check_response`.

use crate::support;

use serde::Deserialize;
use serde_json::json;
use ucloud_sdk_runtime::testing::{ActionInfo, Mock, Reply};
use ucloud_sdk_runtime::Action;

// --- GetRepoImage (uhub), as the generator emits response types -----------------------

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
struct ImageInfo {
    image_name: Option<String>,
    pull_count: Option<i64>,
    create_time: Option<i64>,
    update_time: Option<i64>,
    latest_tag: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct GetRepoImageResponse {
    total_count: Option<i64>,
    image_set: Vec<ImageInfo>,
}

/// The response example of the GetRepoImage documentation page, verbatim.
const GET_REPO_IMAGE_EXAMPLE: &str = r#"{
    "Action": "GetRepoImageResponse", 
    "TotalCount": 5, 
    "RetCode": 0, 
    "ImageSet": [
        {
            "UpdateTime": 7, 
            "ImageName": "dCVBnkxg", 
            "PullCount": 4, 
            "CreateTime": 5, 
            "LatestTag": "iBvvYGkW"
        }, 
        {
            "UpdateTime": 2, 
            "ImageName": "HxZkUXvp", 
            "PullCount": 2, 
            "CreateTime": 2, 
            "LatestTag": "KNyBVrNA"
        }
    ]
}"#;

// --- DescribeUHostInstance (uhost) ------------------------------------------------------

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UHostDiskSet {
    backup_type: Option<String>,
    disk_id: Option<String>,
    disk_type: Option<String>,
    drive: Option<String>,
    encrypted: Option<String>,
    is_boot: Option<String>,
    name: Option<String>,
    size: Option<i64>,
    #[serde(rename = "Type")]
    kind: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UHostIpSet {
    bandwidth: Option<i64>,
    default: Option<String>,
    #[serde(rename = "IP")]
    ip: Option<String>,
    #[serde(rename = "IPId")]
    ip_id: Option<String>,
    subnet_id: Option<String>,
    #[serde(rename = "Type")]
    kind: Option<String>,
    #[serde(rename = "VPCId")]
    vpc_id: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UHostKeyPair {
    key_pair_id: Option<String>,
    key_pair_state: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UHostInstanceSet {
    auto_renew: Option<String>,
    basic_image_id: Option<String>,
    basic_image_name: Option<String>,
    boot_disk_state: Option<String>,
    #[serde(rename = "CPU")]
    cpu: Option<i64>,
    charge_type: Option<String>,
    cloud_init_feature: Option<bool>,
    cpu_platform: Option<String>,
    create_time: Option<i64>,
    disk_set: Vec<UHostDiskSet>,
    epc_instance: Option<bool>,
    expire_time: Option<i64>,
    #[serde(rename = "GPU")]
    gpu: Option<i64>,
    gpu_type: Option<String>,
    hidden_kvm: Option<bool>,
    host_type: Option<String>,
    hotplug_feature: Option<bool>,
    hpc_feature: Option<bool>,
    #[serde(rename = "IPSet")]
    ip_set: Vec<UHostIpSet>,
    #[serde(rename = "IPv6Feature")]
    ipv6_feature: Option<bool>,
    image_id: Option<String>,
    isolation_group: Option<String>,
    key_pair: Option<UHostKeyPair>,
    life_cycle: Option<String>,
    machine_type: Option<String>,
    memory: Option<i64>,
    name: Option<String>,
    net_capability: Option<String>,
    network_state: Option<String>,
    os_name: Option<String>,
    os_type: Option<String>,
    rdma_cluster_id: Option<String>,
    remark: Option<String>,
    restrict_mode: Option<String>,
    sec_group_instance: Option<bool>,
    state: Option<String>,
    storage_type: Option<String>,
    subnet_type: Option<String>,
    tag: Option<String>,
    timemachine_feature: Option<String>,
    total_disk_space: Option<i64>,
    #[serde(rename = "UHostId")]
    uhost_id: Option<String>,
    #[serde(rename = "UHostType")]
    uhost_type: Option<String>,
    zone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct DescribeUHostInstanceResponse {
    total_count: Option<i64>,
    #[serde(rename = "UHostSet")]
    uhost_set: Vec<UHostInstanceSet>,
}

/// The response example of the DescribeUHostInstance documentation page (one host),
/// verbatim: note `"KeyPair": {}` for a struct.
const DESCRIBE_UHOST_EXAMPLE: &str = r#"{
  "Action": "DescribeUHostInstanceResponse",
  "RetCode": 0,
  "TotalCount": 2,
  "UHostSet": [
    {
      "AutoRenew": "qSWETQza", "BasicImageId": "GCiPFJNV", "BasicImageName": "AilAICpK",
      "BootDiskState": "wvOqKxrL", "CPU": 1, "ChargeType": "eeXICSgb", "CloudInitFeature": true,
      "CpuPlatform": "aZLBvEiZ", "CreateTime": 2,
      "DiskSet": [
        {"BackupType": "wThaZMBG", "DiskId": "HGkYYGPC", "DiskType": "thFULWJN", "Drive": "eFKaOPGI",
         "Encrypted": "TTUcGitp", "IsBoot": "uYTOToOh", "Name": "AIFttSSZ", "Size": 9, "Type": "JJZViwCZ"}
      ],
      "EpcInstance": true, "ExpireTime": 4, "GPU": 4, "GpuType": "pJdSxKkv", "HiddenKvm": false,
      "HostType": "dQanjRcq", "HotplugFeature": true, "HpcFeature": false,
      "IPSet": [
        {"Bandwidth": 2, "Default": "PemrNWxq", "IP": "hGoWLqyN", "IPId": "qBthvXCJ",
         "SubnetId": "owZpgAju", "Type": "TBHMANhj", "VPCId": "KRvUYRsX"}
      ],
      "IPv6Feature": true, "ImageId": "laKdatME", "IsolationGroup": "uUbVSIFS", "KeyPair": {},
      "LifeCycle": "wtcCMMQT", "MachineType": "PyCWLFIG", "Memory": 9, "Name": "gsILwqks",
      "NetCapability": "txhhItss", "NetworkState": "jquNUNJz", "OsName": "QHGtNxIw",
      "OsType": "CnavCvrW", "RdmaClusterId": "TqrHYSXc", "Remark": "MxEcJQhA",
      "RestrictMode": "EeJHESCx", "SecGroupInstance": false, "State": "UtnhXfCa",
      "StorageType": "tEDwzsXb", "SubnetType": "ZSfByswJ", "Tag": "GbFHtrBQ",
      "TimemachineFeature": "tZqkqfws", "TotalDiskSpace": 3, "UHostId": "qPzuUUCE",
      "UHostType": "QaByhkja", "Zone": "CiMUTSzW"
    }
  ]
}"#;

/// A body shaped like what the live API sends for a running host, with the type
/// looseness UCloud is known for: numbers as strings, a float for an integer, `1`/`"true"`
/// for bools, `null` for a list and a struct, and fields this SDK version does not know.
const DESCRIBE_UHOST_LOOSE: &str = r#"{
  "Action": "DescribeUHostInstanceResponse",
  "RetCode": 0,
  "TotalCount": "1",
  "UHostSet": [
    {
      "UHostId": "uhost-abc123", "Zone": "cn-bj2-04", "Name": "web-1", "State": "Running",
      "CPU": "4", "Memory": 8192.0, "GPU": null, "CreateTime": 1700000000,
      "ExpireTime": "1731536000", "TotalDiskSpace": "",
      "CloudInitFeature": "true", "HotplugFeature": 1, "IPv6Feature": "0", "HiddenKvm": "False",
      "KeyPair": null, "DiskSet": null,
      "IPSet": [{"IP": "10.9.1.2", "Bandwidth": "0", "Type": "Private", "Default": true, "Mac": "52:54:00:aa:bb:cc"}],
      "HostIp": "172.16.0.1"
    }
  ],
  "RequestUUID": "4ab3ee1a-1c42-4b45-9a34-5e6a6c5f1b7e"
}"#;

static DESCRIBE: Action = Action::new("uhost", "DescribeUHostInstance", Action::REGION);
static GET_REPO_IMAGE: Action = Action::new("uhub", "GetRepoImage", Action::PROJECT_ID);

/// The two actions, answered by default with their pages' examples.
static ACTIONS: &[ActionInfo] = &[
    ActionInfo::new("uhub", "GetRepoImage", &[], Some(GET_REPO_IMAGE_EXAMPLE)),
    ActionInfo::new(
        "uhost",
        "DescribeUHostInstance",
        &[],
        Some(DESCRIBE_UHOST_EXAMPLE),
    ),
];

/// What the client makes of `action`'s answer: `body` if given, else its page's example.
async fn fetch<T: serde::de::DeserializeOwned>(
    body: Option<&str>,
    action: &'static Action,
) -> ucloud_sdk_runtime::Response<T> {
    let mock = Mock::new(ACTIONS);
    if let Some(body) = body {
        mock.expect(action.name).replies(Reply::status(200, body));
    }
    let client = mock.client(support::mock_config(&mock).build().unwrap());
    let response = client.invoke_with_meta(action, &json!({})).await.unwrap();
    mock.verify();
    response
}

#[tokio::test]
async fn documented_get_repo_image_example_decodes_exactly() {
    let resp = fetch::<GetRepoImageResponse>(None, &GET_REPO_IMAGE).await;
    assert!(resp.unknown_fields.is_empty(), "{:?}", resp.unknown_fields);
    let r = resp.value;
    assert_eq!(r.total_count, Some(5));
    assert_eq!(r.image_set.len(), 2);
    assert_eq!(
        r.image_set[1],
        ImageInfo {
            image_name: Some("HxZkUXvp".into()),
            pull_count: Some(2),
            create_time: Some(2),
            update_time: Some(2),
            latest_tag: Some("KNyBVrNA".into()),
        }
    );
    assert_eq!(
        ucloud_sdk_runtime::__private::examples::check_response::<GetRepoImageResponse>(
            GET_REPO_IMAGE_EXAMPLE
        ),
        Ok(vec![])
    );
}

#[tokio::test]
async fn documented_describe_uhost_example_decodes_with_empty_struct() {
    let resp = fetch::<DescribeUHostInstanceResponse>(None, &DESCRIBE).await;
    assert!(resp.unknown_fields.is_empty(), "{:?}", resp.unknown_fields);
    let host = &resp.value.uhost_set[0];
    assert_eq!(host.cpu, Some(1));
    assert_eq!(host.disk_set[0].size, Some(9));
    assert_eq!(host.ip_set[0].vpc_id.as_deref(), Some("KRvUYRsX"));
    assert_eq!(host.key_pair.as_ref().unwrap().key_pair_id, None);
    assert_eq!(host.cloud_init_feature, Some(true));
}

#[tokio::test]
async fn loose_types_from_the_live_api_decode() {
    let resp = fetch::<DescribeUHostInstanceResponse>(Some(DESCRIBE_UHOST_LOOSE), &DESCRIBE).await;
    let r = &resp.value;
    assert_eq!(r.total_count, Some(1), "numeric string → int");
    let h = &r.uhost_set[0];
    assert_eq!(h.cpu, Some(4), "numeric string → int");
    assert_eq!(h.memory, Some(8192), "integral float → int");
    assert_eq!(h.gpu, None, "null → None");
    assert_eq!(h.expire_time, Some(1_731_536_000));
    assert_eq!(h.total_disk_space, Some(0), "empty string → 0");
    assert_eq!(h.cloud_init_feature, Some(true), "\"true\" → bool");
    assert_eq!(h.hotplug_feature, Some(true), "1 → bool");
    assert_eq!(h.ipv6_feature, Some(false), "\"0\" → bool");
    assert_eq!(h.hidden_kvm, Some(false), "\"False\" → bool");
    assert!(h.key_pair.is_none(), "null struct → None");
    assert!(h.disk_set.is_empty(), "null list → empty");
    assert_eq!(h.ip_set[0].bandwidth, Some(0));
    assert_eq!(
        h.ip_set[0].default.as_deref(),
        Some("true"),
        "bool → string"
    );
    assert_eq!(h.sec_group_instance, None, "missing → None");

    let mut unknown = resp.unknown_fields.clone();
    unknown.sort();
    assert_eq!(
        unknown,
        vec!["RequestUUID", "UHostSet.0.HostIp", "UHostSet.0.IPSet.0.Mac"]
    );
    let mut checked = ucloud_sdk_runtime::__private::examples::check_response::<
        DescribeUHostInstanceResponse,
    >(DESCRIBE_UHOST_LOOSE)
    .unwrap();
    checked.sort();
    assert_eq!(
        checked, unknown,
        "check_response reports what the client saw"
    );
}

#[tokio::test]
async fn numbers_where_strings_are_expected() {
    let body = r#"{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageName":20240101,"LatestTag":1.5,"PullCount":"3"}]}"#;
    let r = fetch::<GetRepoImageResponse>(Some(body), &GET_REPO_IMAGE)
        .await
        .value;
    assert_eq!(r.image_set[0].image_name.as_deref(), Some("20240101"));
    assert_eq!(r.image_set[0].latest_tag.as_deref(), Some("1.5"));
    assert_eq!(r.image_set[0].pull_count, Some(3));
}

#[test]
fn check_response_reports_bad_json_and_bad_fields() {
    let err = ucloud_sdk_runtime::__private::examples::check_response::<GetRepoImageResponse>(
        "{\"RetCode\":0,",
    )
    .unwrap_err();
    assert!(err.contains("invalid JSON"), "{err}");
    let err = ucloud_sdk_runtime::__private::examples::check_response::<GetRepoImageResponse>(
        r#"{"RetCode":0,"ImageSet":[{"PullCount":"lots"}]}"#,
    )
    .unwrap_err();
    assert!(err.contains("ImageSet.0.PullCount"), "{err}");
}

#[test]
fn private_encode_lists_the_form_sorted() {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Req {
        repo_name: String,
        offset: Option<i64>,
        limit: Option<i64>,
        project_id: Option<String>,
        tags: Vec<String>,
    }
    let req = Req {
        repo_name: "repo".into(),
        offset: Some(6),
        limit: None,
        project_id: None,
        tags: (0..11).map(|i| format!("t{i}")).collect(),
    };
    let got = ucloud_sdk_runtime::__private::examples::encode(&req);
    let names: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Offset", "RepoName", "Tags.0", "Tags.1", "Tags.10", "Tags.2", "Tags.3", "Tags.4",
            "Tags.5", "Tags.6", "Tags.7", "Tags.8", "Tags.9"
        ]
    );
    assert_eq!(got[0], ("Offset".to_string(), "6".to_string()));
}
