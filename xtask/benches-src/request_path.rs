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
    CreateUHostInstanceDisks, CreateUHostInstanceDisksCustomBackup,
    CreateUHostInstanceDisksRequired, CreateUHostInstanceFeatures, CreateUHostInstanceLabels,
    CreateUHostInstanceNetworkInterface, CreateUHostInstanceNetworkInterfaceEIP,
    CreateUHostInstanceRequest, CreateUHostInstanceRequired, CreateUHostInstanceSecGroupId,
    DescribeUHostInstanceResponse, IsBoot,
};
use ucloud_sdk::{Config, Credentials};
use ucloud_sdk_runtime::serde_json;

const PUBLIC_KEY: &str = "ucloudsomeone@example.com1296235120854146120";
const PRIVATE_KEY: &str = "46f09bb9fab4f12dfc160dae12273d5332b5debe";
const PASSWORD: &str = "UCloud.cn1!";

fn inputs() -> PathBuf {
    PathBuf::from(std::env::var("BENCH_INPUTS").expect("BENCH_INPUTS names the inputs folder"))
}

fn disk(boot: bool, size: i64) -> CreateUHostInstanceDisks {
    let disk = CreateUHostInstanceDisks::new(CreateUHostInstanceDisksRequired {
        is_boot: if boot { IsBoot::True } else { IsBoot::False },
        type_: "CLOUD_RSSD".into(),
        size,
    })
    .backup_type("SNAPSHOT")
    .encrypted(!boot);
    if boot {
        disk
    } else {
        disk.custom_backup(
            CreateUHostInstanceDisksCustomBackup::new()
                .journal("24")
                .hour("3")
                .day("1"),
        )
    }
}

/// A `CreateUHostInstance` request as an application would build it: 40 top-level
/// parameters, lists of structs two levels deep.
fn create_request() -> CreateUHostInstanceRequest {
    CreateUHostInstanceRequest::new(CreateUHostInstanceRequired {
        image_id: "uimage-f1chxn".into(),
        disks: vec![disk(true, 40), disk(false, 200)],
        login_mode: "Password".into(),
    })
    .region("cn-bj2")
    .zone("cn-bj2-05")
    .project_id("org-x1y2z3")
    .password(PASSWORD)
    .name("bench-host-01")
    .tag("bench")
    .charge_type("Month")
    .quantity(1)
    .cpu(8)
    .memory(16384)
    .gpu_type("T4")
    .gpu(1)
    .net_capability("Super")
    .hotplug_feature(true)
    .vpc_id("uvnet-abcdef")
    .subnet_id("subnet-abcdef")
    .private_ip(["10.9.1.10", "10.9.1.11"])
    .security_group_id("firewall-abcdef")
    .isolation_group("iso-abcdef")
    .alarm_template_id(123456)
    .machine_type("O")
    .minimal_cpu_platform("Intel/Cascadelake")
    .max_count(3)
    .network_interface([CreateUHostInstanceNetworkInterface::new()
        .eip(
            CreateUHostInstanceNetworkInterfaceEIP::new()
                .bandwidth(100)
                .pay_mode("Bandwidth")
                .operator_name("Bgp"),
        )
        .create_cernet_ip(false)])
    .auto_data_disk_init("On")
    .key_pair_id("uhostkp-abcdef")
    .features(CreateUHostInstanceFeatures::new().uni(true))
    .sec_group_id([
        CreateUHostInstanceSecGroupId::new().id("secgroup-a").priority(1),
        CreateUHostInstanceSecGroupId::new().id("secgroup-b").priority(2),
    ])
    .security_mode("SecGroup")
    .host_binding(false)
    .min_count(1)
    .labels([
        CreateUHostInstanceLabels::new().key("env").value("bench"),
        CreateUHostInstanceLabels::new().key("team").value("sdk"),
    ])
    .deletion_protection(true)
    .uhost_family("O.BM")
    .coupon_id("coupon-abcdef")
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
    let signed = ucloud_sdk_runtime::__private::bench::signed_request(req, config).expect("signs");
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
        ucloud_sdk_runtime::__private::bench::decode_body(body.clone(), "DescribeUHostInstance")
            .expect("the response decodes");
    assert_eq!(decoded.uhost_set.len(), 100);
    let prepared = ucloud_sdk_runtime::__private::bench::prepare_request(&req, &config).expect("encodes");
    let to_sign = ucloud_sdk_runtime::__private::bench::string_to_sign(&prepared, PRIVATE_KEY);
    assert_eq!(
        hex(&Sha1::digest(to_sign.as_bytes())),
        ucloud_sdk_runtime::__private::bench::sign(&prepared, PRIVATE_KEY),
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
        b.iter(|| ucloud_sdk_runtime::__private::bench::prepare_request(black_box(&req), &config))
    });
    g.bench_function("sign", |b| {
        b.iter(|| ucloud_sdk_runtime::__private::bench::sign(black_box(&prepared), PRIVATE_KEY))
    });
    g.bench_function("encode_sign", |b| {
        b.iter(|| ucloud_sdk_runtime::__private::bench::signed_request(black_box(&req), &config))
    });
    g.bench_function("decode", |b| {
        b.iter_batched(
            || body.clone(),
            |body| {
                ucloud_sdk_runtime::__private::bench::decode_body::<DescribeUHostInstanceResponse>(
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
