use serde::Deserialize;
use serde_json::json;

use super::*;

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
struct Image {
    image_name: Option<String>,
    pull_count: Option<i64>,
    size: Option<f64>,
    public: Option<bool>,
    small: Option<u8>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
struct Resp {
    total_count: Option<i64>,
    image_set: Vec<Image>,
    tags: Vec<String>,
    owner: Option<Box<Image>>,
}

fn ok(v: serde_json::Value) -> (Resp, Vec<String>) {
    decode::<Resp>(&v).unwrap()
}

#[test]
fn numbers_and_strings_swap() {
    let (r, unknown) = ok(json!({
        "RetCode": 0, "Action": "XResponse", "Message": "",
        "TotalCount": "2",
        "ImageSet": [
            {"ImageName": 123, "PullCount": "7", "Size": "1.5", "Public": "true"},
            {"ImageName": "b", "PullCount": 3.0, "Size": 2, "Public": 1, "Small": " 9 "}
        ],
        "Tags": [1, true, 2.5]
    }));
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(r.total_count, Some(2));
    assert_eq!(r.image_set[0].image_name.as_deref(), Some("123"));
    assert_eq!(r.image_set[0].pull_count, Some(7));
    assert_eq!(r.image_set[0].size, Some(1.5));
    assert_eq!(r.image_set[0].public, Some(true));
    assert_eq!(r.image_set[1].pull_count, Some(3));
    assert_eq!(r.image_set[1].size, Some(2.0));
    assert_eq!(r.image_set[1].public, Some(true));
    assert_eq!(r.image_set[1].small, Some(9));
    assert_eq!(r.tags, vec!["1", "true", "2.5"]);
}

#[test]
fn bools_from_strings_and_numbers() {
    for (v, expected) in [
        (json!("true"), true),
        (json!("FALSE"), false),
        (json!(1), true),
        (json!(0), false),
        (json!("1"), true),
        (json!("0"), false),
        (json!(false), false),
    ] {
        let (r, _) = ok(json!({"ImageSet": [{"Public": v}]}));
        assert_eq!(r.image_set[0].public, Some(expected), "{v}");
    }
    let err = decode::<Resp>(&json!({"ImageSet": [{"Public": "yes"}]})).unwrap_err();
    assert_eq!(err.path(), "ImageSet.0.Public");
    assert!(err.message.contains("boolean"), "{err}");
}

#[test]
fn null_and_missing_become_defaults() {
    let (r, _) = ok(json!({"TotalCount": null, "ImageSet": null, "Tags": null, "Owner": null}));
    assert_eq!(r, Resp::default());
    let (r, _) = ok(json!({}));
    assert_eq!(r, Resp::default());
    // Empty containers of the wrong kind are accepted as empty.
    let (r, _) = ok(json!({"ImageSet": {}, "Tags": "", "Owner": []}));
    assert!(r.image_set.is_empty() && r.tags.is_empty());
    assert_eq!(r.owner.as_deref(), Some(&Image::default()));
    // A lone value where a list is expected is a list of one.
    let (r, _) = ok(json!({"Tags": "only", "ImageSet": {"ImageName": "x"}}));
    assert_eq!(r.tags, vec!["only"]);
    assert_eq!(r.image_set[0].image_name.as_deref(), Some("x"));
}

#[test]
fn unknown_fields_are_reported_with_paths() {
    let (r, mut unknown) = ok(json!({
        "RetCode": 0, "Action": "A", "Message": "m",
        "Extra": 1,
        "ImageSet": [{"ImageName": "a"}, {"ImageName": "b", "New": {"Deep": 1}}],
        "Owner": {"Other": true}
    }));
    unknown.sort();
    assert_eq!(unknown, vec!["Extra", "ImageSet.1.New", "Owner.Other"]);
    assert_eq!(r.image_set.len(), 2);
}

#[test]
fn errors_name_the_failing_path() {
    let err = decode::<Resp>(&json!({"ImageSet": [{}, {}, {"PullCount": "abc"}]})).unwrap_err();
    assert_eq!(err.path(), "ImageSet.2.PullCount");
    assert!(
        err.message.contains("integer") && err.message.contains("abc"),
        "{err}"
    );

    let err = decode::<Resp>(&json!({"ImageSet": [{"PullCount": 1.5}]})).unwrap_err();
    assert_eq!(err.path(), "ImageSet.0.PullCount");

    let err = decode::<Resp>(&json!({"ImageSet": [{"Small": 300}]})).unwrap_err();
    assert_eq!(err.path(), "ImageSet.0.Small");

    let err = decode::<Resp>(&json!({"Owner": 5})).unwrap_err();
    assert_eq!(err.path(), "Owner");
    assert!(err.to_string().starts_with("at Owner: "), "{err}");
}

#[test]
fn integers_at_the_edges() {
    #[derive(Deserialize)]
    struct R {
        a: u64,
        b: i64,
        c: Option<i32>,
    }
    let (r, _) = decode::<R>(&json!({"a": "18446744073709551615", "b": -5.0, "c": ""})).unwrap();
    assert_eq!((r.a, r.b, r.c), (u64::MAX, -5, Some(0)));
    assert!(decode::<R>(&json!({"a": -1, "b": 0, "c": 1})).is_err());
}

#[test]
fn untyped_values_pass_through() {
    let v = json!({"A": [1, "x", null, {"B": 2.5}], "C": true});
    let (back, unknown) = decode::<serde_json::Value>(&v).unwrap();
    assert_eq!(back, v);
    assert!(unknown.is_empty());
}

#[test]
fn objects_where_strings_are_expected_keep_their_json() {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct R {
        data: Option<String>,
    }
    let (r, _) = decode::<R>(&json!({"Data": {"k": [1]}})).unwrap();
    assert_eq!(r.data.as_deref(), Some(r#"{"k":[1]}"#));
}

/// The strict fast path gives what the lenient path gives, or declines.
#[test]
fn strict_path_agrees_with_the_lenient_path_or_declines() {
    let bodies = [
        // Plain: taken by the strict path, unknown fields in the lenient path's order.
        (
            r#"{"RetCode":0,"Zeta":1,"ImageSet":[{"ImageName":"a","Zz":1,"Aa":[2]},{"PullCount":3,"Size":2}],"Alpha":{"B":1},"TotalCount":2,"Owner":null}"#,
            true,
        ),
        (r#"{"RetCode":0}"#, true),
        (
            r#"{"Tags":["x"],"Owner":{"Small":200,"Public":false}}"#,
            true,
        ),
        // Needs leniency: declined.
        (r#"{"TotalCount":"2"}"#, false),
        (r#"{"ImageSet":null}"#, false),
        (r#"{"ImageSet":[{"PullCount":3.0}]}"#, false),
        (r#"{"Tags":"x"}"#, false),
        (r#"{"Owner":{"Public":"true"}}"#, false),
        (r#"{"TotalCount":1,"TotalCount":2}"#, false),
        (r#"{"Owner":{"Small":300}}"#, false), // fails both ways
        (r#"{"Owner":["a",1]}"#, false),       // derive would take fields by position
        (r#"{"ImageSet":[[]]}"#, false),
        (r#"{"TotalCount":1} x"#, false),
    ];
    for (body, strict) in bodies {
        let fast = decode_strict::<Resp>(body.as_bytes());
        assert_eq!(fast.is_some(), strict, "{body}");
        if let (Some(fast), Ok(value)) = (fast, serde_json::from_str::<Value>(body)) {
            assert_eq!(fast, decode::<Resp>(&value).unwrap(), "{body}");
        }
    }
    let (_, unknown) = decode_strict::<Resp>(bodies[0].0.as_bytes()).unwrap();
    assert_eq!(unknown, ["Alpha", "ImageSet.0.Aa", "ImageSet.0.Zz", "Zeta"]);
}

// The generated structs' `Deserialize` (`model!`) behaves as the derive it stands for,
// through its field table (a boxed field included).

#[derive(Clone, Default)]
struct MImage {
    image_name: Option<String>,
    pull_count: Option<i64>,
    size: Option<f64>,
    public: Option<bool>,
    small: Option<i64>,
}
model!(MImage: default {
    image_name: "ImageName" OptStr,
    pull_count: "PullCount" OptInt,
    size: "Size" OptFloat,
    public: "Public" OptBool,
    small: "Small" OptInt,
});

#[derive(Clone, Default)]
struct MResp {
    total_count: Option<i64>,
    image_set: Vec<MImage>,
    tags: Vec<String>,
    owner: Option<Box<MImage>>,
}
model!(MResp: default {
    total_count: "TotalCount" OptInt,
    image_set: "ImageSet" Models(MImage),
    tags: "Tags" Strs,
    owner: "Owner" OptBoxModel(MImage),
});

#[derive(Clone, Default)]
struct MEmpty {}
model!(MEmpty: default {});

/// `Image` with the field types `model!` has (an `i64` for `Small`).
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
struct DImage {
    image_name: Option<String>,
    pull_count: Option<i64>,
    size: Option<f64>,
    public: Option<bool>,
    small: Option<i64>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
struct DResp {
    total_count: Option<i64>,
    image_set: Vec<DImage>,
    tags: Vec<String>,
    owner: Option<Box<DImage>>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
struct DEmpty {}

/// What the client returns for `body`: the strict path, else the lenient one.
fn client_decode<T: DeserializeOwned + fmt::Debug>(body: &str) -> String {
    let result = match decode_strict::<T>(body.as_bytes()) {
        Some(ok) => Ok(ok),
        None => serde_json::from_str::<Value>(body)
            .map_err(|e| e.to_string())
            .and_then(|v| decode::<T>(&v).map_err(|e| e.to_string())),
    };
    format!("{result:?}")
        .replace("MImage", "Image")
        .replace("DImage", "Image")
        .replace("MResp", "Resp")
        .replace("DResp", "Resp")
        .replace("MEmpty", "Empty")
        .replace("DEmpty", "Empty")
}

#[test]
fn generated_deserialize_matches_the_derive() {
    for body in [
        r#"{"RetCode":0,"TotalCount":2,"ImageSet":[{"ImageName":"a","Zz":1},{"PullCount":"3"}],"Alpha":{"B":1}}"#,
        r#"{"TotalCount":null,"ImageSet":null,"Tags":"x","Owner":[]}"#,
        r#"{"Owner":{"Small":300}}"#,
        r#"{"Owner":{"Small":"x"}}"#,
        r#"{"Owner":["a",1]}"#,
        r#"{"Image\u0053et":[{"Image\u004eame":"escaped keys"}]}"#,
        r#"{"TotalCount":1,"TotalCount":2,"Extra":1,"Extra":2}"#,
        r#"{"ImageSet":{"ImageName":"one"}}"#,
        r#"[]"#,
        r#"null"#,
        r#"{"Tags":[1,true,2.5],"Owner":{"Public":"FALSE","Size":"1.5"}}"#,
    ] {
        assert_eq!(
            client_decode::<MResp>(body),
            client_decode::<DResp>(body),
            "{body}"
        );
        assert_eq!(
            client_decode::<MEmpty>(body),
            client_decode::<DEmpty>(body),
            "{body}"
        );
    }
}
