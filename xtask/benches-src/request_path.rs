//! The request path of the generated SDK, without network: encoding and signing a
//! `CreateUHostInstance` request (nested lists, ~40 parameters) and decoding a
//! `DescribeUHostInstance` response with 100 instances, with the real generated `uhost` types.
//! Two floor references run on the same inputs in the same run: `value_parse` parses the
//! response body into a `serde_json::Value`, and `sha1` hashes the exact text the client
//! signs.
//!
//! Checked in as `xtask/benches-src/request_path.rs`; `cargo xtask bench` copies it into the
//! full-corpus crate it generates (`target/bench/sdk/benches/`), adds criterion there and runs
//! `cargo bench --features uhost`. `BENCH_INPUTS` names the folder holding the response to
//! decode (`describe_uhost_instance.json`, made by the xtask from the page's example); this
//! program writes the request it encodes there too (`create_uhost_instance.json`) with the
//! parameters it sends (`create_uhost_instance.params.json`), so the Python SDK's timing runs
//! on the same input and is checked against the same output.

use criterion::{black_box, BatchSize, Criterion};
use sha1::{Digest, Sha1};
use std::path::PathBuf;
use ucloud_sdk::uhost::{
    CreateUHostInstanceDisks, CreateUHostInstanceDisksCustomBackup, CreateUHostInstanceFeatures,
    CreateUHostInstanceLabels, CreateUHostInstanceNetworkInterface,
    CreateUHostInstanceNetworkInterfaceEip, CreateUHostInstanceRequest,
    CreateUHostInstanceSecGroupId, DescribeUHostInstanceResponse,
};
use ucloud_sdk::{Action, Config, Credentials, Secret};
use ucloud_sdk_runtime::serde_json;

const PUBLIC_KEY: &str = "ucloudsomeone@example.com1296235120854146120";
const PRIVATE_KEY: &str = "46f09bb9fab4f12dfc160dae12273d5332b5debe";
const PASSWORD: &str = "UCloud.cn1!";

static CREATE: Action = Action::new(
    "uhost",
    "CreateUHostInstance",
    Action::REGION | Action::ZONE | Action::PROJECT_ID,
);

fn inputs() -> PathBuf {
    PathBuf::from(std::env::var("BENCH_INPUTS").expect("BENCH_INPUTS names the inputs folder"))
}

fn disk(boot: bool, size: i64) -> CreateUHostInstanceDisks {
    CreateUHostInstanceDisks {
        is_boot: boot.to_string(),
        type_: "CLOUD_RSSD".into(),
        size,
        backup_type: Some("SNAPSHOT".into()),
        encrypted: Some(!boot),
        custom_backup: (!boot).then(|| CreateUHostInstanceDisksCustomBackup {
            journal: Some("24".into()),
            hour: Some("3".into()),
            day: Some("1".into()),
        }),
        ..Default::default()
    }
}

/// A `CreateUHostInstance` request as an application would build it: 40 top-level
/// parameters, lists of structs two levels deep.
fn create_request() -> CreateUHostInstanceRequest {
    let mut req = CreateUHostInstanceRequest::new(
        "uimage-f1chxn",
        vec![disk(true, 40), disk(false, 200)],
        "Password",
    );
    req.region = Some("cn-bj2".into());
    req.zone = Some("cn-bj2-05".into());
    req.project_id = Some("org-x1y2z3".into());
    req.password = Some(Secret::new(PASSWORD));
    req.name = Some("bench-host-01".into());
    req.tag = Some("bench".into());
    req.charge_type = Some("Month".into());
    req.quantity = Some(1);
    req.cpu = Some(8);
    req.memory = Some(16384);
    req.gpu_type = Some("T4".into());
    req.gpu = Some(1);
    req.net_capability = Some("Super".into());
    req.hotplug_feature = Some(true);
    req.vpc_id = Some("uvnet-abcdef".into());
    req.subnet_id = Some("subnet-abcdef".into());
    req.private_ip = vec!["10.9.1.10".into(), "10.9.1.11".into()];
    req.security_group_id = Some("firewall-abcdef".into());
    req.isolation_group = Some("iso-abcdef".into());
    req.alarm_template_id = Some(123456);
    req.machine_type = Some("O".into());
    req.minimal_cpu_platform = Some("Intel/Cascadelake".into());
    req.max_count = Some(3);
    req.network_interface = vec![CreateUHostInstanceNetworkInterface {
        eip: Some(CreateUHostInstanceNetworkInterfaceEip {
            bandwidth: Some(100),
            pay_mode: Some("Bandwidth".into()),
            operator_name: Some("Bgp".into()),
            ..Default::default()
        }),
        create_cernet_ip: Some(false),
        ..Default::default()
    }];
    req.auto_data_disk_init = Some("On".into());
    req.key_pair_id = Some("uhostkp-abcdef".into());
    req.features = Some(CreateUHostInstanceFeatures { uni: Some(true) });
    req.sec_group_id = vec![
        CreateUHostInstanceSecGroupId {
            id: Some("secgroup-a".into()),
            priority: Some(1),
        },
        CreateUHostInstanceSecGroupId {
            id: Some("secgroup-b".into()),
            priority: Some(2),
        },
    ];
    req.security_mode = Some("SecGroup".into());
    req.host_binding = Some(false);
    req.min_count = Some(1);
    req.labels = vec![
        CreateUHostInstanceLabels {
            key: Some("env".into()),
            value: Some("bench".into()),
        },
        CreateUHostInstanceLabels {
            key: Some("team".into()),
            value: Some("sdk".into()),
        },
    ];
    req.deletion_protection = Some(true);
    req.uhost_family = Some("O.BM".into());
    req.coupon_id = Some("coupon-abcdef".into());
    req
}

/// `value` without nulls and empty lists: the dict an application hands the Python SDK.
fn strip(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, v)| (k, strip(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip).collect()),
        other => other,
    }
}

fn config() -> Config {
    Config::builder()
        .credentials(Credentials::new(PUBLIC_KEY, PRIVATE_KEY))
        .region("cn-bj2")
        .build()
        .expect("a valid configuration")
}

/// Writes the request (as the Python SDK takes it) and the parameters this SDK sends.
fn write_request(req: &CreateUHostInstanceRequest, config: &Config) {
    let mut plain = strip(serde_json::to_value(req).expect("the request serializes"));
    plain["Password"] = PASSWORD.into(); // Rust sends it base64-encoded, as Python does
    let signed = ucloud_sdk_runtime::bench::signed_request(req, &CREATE, config).expect("signs");
    let params: serde_json::Map<String, serde_json::Value> =
        signed.pairs().into_iter().map(|(k, v)| (k, v.into())).collect();
    let dir = inputs();
    let write = |name: &str, v: &serde_json::Value| {
        let text = serde_json::to_string_pretty(v).expect("JSON");
        std::fs::write(dir.join(name), text).expect("the inputs folder is writable");
    };
    write("create_uhost_instance.json", &plain);
    write("create_uhost_instance.params.json", &params.into());
    write(
        "keys.json",
        &serde_json::json!({ "public_key": PUBLIC_KEY, "private_key": PRIVATE_KEY }),
    );
}

fn benches(c: &mut Criterion) {
    let config = config();
    let req = create_request();
    write_request(&req, &config);
    let body = std::fs::read(inputs().join("describe_uhost_instance.json"))
        .expect("describe_uhost_instance.json in BENCH_INPUTS");
    let decoded: DescribeUHostInstanceResponse =
        ucloud_sdk_runtime::bench::decode_body(body.clone(), "DescribeUHostInstance")
            .expect("the response decodes");
    assert_eq!(decoded.uhost_set.len(), 100);
    let prepared = ucloud_sdk_runtime::bench::prepare_request(&req, &CREATE, &config).expect("encodes");
    let to_sign = ucloud_sdk_runtime::bench::string_to_sign(&prepared, PRIVATE_KEY);
    assert_eq!(
        hex(&Sha1::digest(to_sign.as_bytes())),
        ucloud_sdk_runtime::bench::sign(&prepared, PRIVATE_KEY),
        "the reference hashes the text the client signs"
    );
    serde_json::from_slice::<serde_json::Value>(&body).expect("the response is JSON");
    eprintln!(
        "request: {} parameters sent, {} bytes signed; response: {} bytes, {} instances",
        prepared.len() + 1,
        to_sign.len(),
        body.len(),
        decoded.uhost_set.len()
    );
    let sizes = serde_json::json!({
        "params": prepared.len() + 1,
        "string_to_sign_bytes": to_sign.len(),
        "body_bytes": body.len(),
    });
    std::fs::write(inputs().join("sizes.json"), sizes.to_string()).expect("writable");

    let mut g = c.benchmark_group("request_path");
    g.bench_function("encode", |b| {
        b.iter(|| ucloud_sdk_runtime::bench::prepare_request(black_box(&req), &CREATE, &config))
    });
    g.bench_function("sign", |b| {
        b.iter(|| ucloud_sdk_runtime::bench::sign(black_box(&prepared), PRIVATE_KEY))
    });
    g.bench_function("encode_sign", |b| {
        b.iter(|| ucloud_sdk_runtime::bench::signed_request(black_box(&req), &CREATE, &config))
    });
    g.bench_function("decode", |b| {
        b.iter_batched(
            || body.clone(),
            |body| {
                ucloud_sdk_runtime::bench::decode_body::<DescribeUHostInstanceResponse>(
                    body,
                    "DescribeUHostInstance",
                )
            },
            BatchSize::SmallInput,
        )
    });
    // Floor references, timed like the operations they bound.
    g.bench_function("value_parse", |b| {
        b.iter_batched(
            || body.clone(),
            |body| serde_json::from_slice::<serde_json::Value>(&body),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("sha1", |b| {
        b.iter(|| Sha1::digest(black_box(to_sign.as_bytes())))
    });
    g.finish();
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
