use serde::Serialize;
use serde_json::json;

use super::*;
use crate::Secret;

/// The optional-base64 `serialize_with` the tests' hand-written requests need (generated
/// code sends base64 through the field table, not through serde).
fn base64_opt<T: AsBase64, S: serde::Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => base64(&v.text(), serializer),
        None => serializer.serialize_none(),
    }
}

trait AsBase64 {
    fn text(&self) -> &str;
}
impl AsBase64 for String {
    fn text(&self) -> &str {
        self
    }
}
impl AsBase64 for Secret {
    fn text(&self) -> &str {
        self.expose()
    }
}

fn pairs(params: Params) -> Vec<(String, String)> {
    params
        .iter()
        .map(|p| (p.name.to_owned(), p.value.to_owned()))
        .collect()
}

fn encode<T: Serialize>(v: &T) -> Vec<(String, String)> {
    pairs(to_params(v).unwrap())
}

fn p(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Eip {
    bandwidth: i64,
    pay_mode: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Nic {
    #[serde(rename = "EIP")]
    eip: Option<Eip>,
    ips: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Req {
    region: Option<String>,
    name: Vec<String>,
    network_interface: Vec<Nic>,
    cpu: i64,
    ratio: f64,
    tiny: f32,
    enabled: bool,
    password: Secret,
    #[serde(serialize_with = "base64")]
    user_data: String,
    #[serde(serialize_with = "base64_opt")]
    maybe: Option<Secret>,
    extra: serde_json::Value,
    empty: Vec<i64>,
}

#[test]
fn flattens_lists_and_nested_structs() {
    let req = Req {
        region: None,
        name: vec!["a".into(), "b".into()],
        network_interface: vec![
            Nic {
                eip: Some(Eip {
                    bandwidth: 2,
                    pay_mode: Some("Traffic".into()),
                }),
                ips: vec![],
            },
            Nic {
                eip: None,
                ips: vec!["10.0.0.1".into()],
            },
        ],
        cpu: 4,
        ratio: 42.0,
        tiny: 0.1,
        enabled: true,
        password: Secret::from("pw"),
        user_data: "hi".into(),
        maybe: None,
        extra: json!({"Tags": [{"Key": "k", "Value": 1.5}], "Null": null, "Flag": false}),
        empty: vec![],
    };
    assert_eq!(
        encode(&req),
        vec![
            p("Name.0", "a"),
            p("Name.1", "b"),
            p("NetworkInterface.0.EIP.Bandwidth", "2"),
            p("NetworkInterface.0.EIP.PayMode", "Traffic"),
            p("NetworkInterface.1.Ips.0", "10.0.0.1"),
            p("Cpu", "4"),
            p("Ratio", "42"),
            p("Tiny", "0.1"),
            p("Enabled", "true"),
            p("Password", "pw"),
            p("UserData", "aGk="),
            p("Extra.Flag", "false"),
            p("Extra.Tags.0.Key", "k"),
            p("Extra.Tags.0.Value", "1.5"),
        ]
    );
}

#[test]
fn marks_secret_and_base64_values_sensitive() {
    #[derive(Serialize)]
    struct R {
        #[serde(rename = "Password")]
        password: Secret,
        #[serde(rename = "Data", serialize_with = "base64_opt")]
        data: Option<String>,
        #[serde(rename = "Name")]
        name: String,
    }
    let params = to_params(&R {
        password: "pw".into(),
        data: Some("x".into()),
        name: "n".into(),
    })
    .unwrap();
    let sensitive: Vec<_> = params.iter().map(|p| (p.name, p.sensitive)).collect();
    assert_eq!(
        sensitive,
        vec![("Password", true), ("Data", true), ("Name", false)]
    );
    assert_eq!(redacted(&params), "Password=***&Data=***&Name=n");
}

#[test]
fn floats_never_use_exponent_or_trailing_zero() {
    assert_eq!(format_float(42.0).unwrap(), "42");
    assert_eq!(format_float(1e21).unwrap(), "1000000000000000000000");
    assert_eq!(format_float(1.5e-7).unwrap(), "0.00000015");
    assert_eq!(format_float(-0.0).unwrap(), "0");
    assert_eq!(format_float(-3.25).unwrap(), "-3.25");
    assert!(format_float(f64::NAN).is_err());
    assert!(format_float(f64::INFINITY).is_err());
    assert_eq!(
        encode(&json!({"A": 1e21, "B": 0.000001, "C": 10.0})),
        vec![
            p("A", "1000000000000000000000"),
            p("B", "0.000001"),
            p("C", "10")
        ]
    );
}

#[test]
fn json_values_nest_and_number() {
    let v = json!({
        "Backends": ["foo", "bar", 42],
        "Deep": {"List": [[1, 2], {"X": true}]},
        "Skip": null
    });
    assert_eq!(
        encode(&v),
        vec![
            p("Backends.0", "foo"),
            p("Backends.1", "bar"),
            p("Backends.2", "42"),
            p("Deep.List.0.0", "1"),
            p("Deep.List.0.1", "2"),
            p("Deep.List.1.X", "true"),
        ]
    );
}

#[test]
fn refuses_what_cannot_be_a_form() {
    assert!(to_params(&42).is_err());
    assert!(to_params(&vec![1, 2]).is_err());
    assert!(
        to_params(&json!({"A": f64::NAN})).is_ok(),
        "json! turns NaN into null"
    );
    #[derive(Serialize)]
    struct F {
        x: f64,
    }
    let err = to_params(&F { x: f64::NAN }).unwrap_err();
    assert!(err.0.contains("non-finite"), "{err}");
    let mut bad = std::collections::BTreeMap::new();
    bad.insert(vec![1], 1);
    assert!(to_params(&bad).is_err());
    // A unit or null top level is an empty request, not an error.
    assert!(to_params(&()).unwrap().is_empty());
    assert!(to_params(&serde_json::Value::Null).unwrap().is_empty());
}

#[test]
fn unit_variants_and_integer_map_keys() {
    #[derive(Serialize)]
    enum Mode {
        #[serde(rename = "Password")]
        Pw,
    }
    let mut m = std::collections::BTreeMap::new();
    m.insert(3u32, Mode::Pw);
    #[derive(Serialize)]
    struct R {
        #[serde(rename = "LoginMode")]
        mode: Mode,
        #[serde(rename = "M")]
        m: std::collections::BTreeMap<u32, Mode>,
    }
    assert_eq!(
        encode(&R { mode: Mode::Pw, m }),
        vec![p("LoginMode", "Password"), p("M.3", "Password")]
    );
}
