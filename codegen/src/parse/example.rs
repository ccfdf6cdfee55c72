//! The request example (a URL with `&Name=value` lines) and the response example (JSON).

use crate::diag::Diagnostics;

/// `https://api.ucloud.cn/?Action=X\n&A=1\n&B=2` → `[("A", "1"), ("B", "2")]`, in page order,
/// without `Action`. Some pages write the request as a JSON object instead; its members are
/// flattened the way the form encoding does (`A.0`, `A.B`).
pub fn request(text: &str, _line: usize) -> Vec<(String, String)> {
    if text.trim_start().starts_with('{') {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(text) {
            let mut out = Vec::new();
            for (k, v) in &map {
                if !k.eq_ignore_ascii_case("action") {
                    flatten(k, v, &mut out);
                }
            }
            return out;
        }
    }
    let query = text.split_once('?').map_or(text, |(_, q)| q);
    query
        .split(['&', '\n'])
        .map(str::trim)
        .filter(|kv| !kv.is_empty())
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (!k.eq_ignore_ascii_case("action"))
                .then(|| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

fn flatten(key: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match v {
        Value::Null => {}
        Value::String(s) => out.push((key.to_string(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{key}.{i}"), item, out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                flatten(&format!("{key}.{k}"), item, out);
            }
        }
        other => out.push((key.to_string(), other.to_string())),
    }
}

/// The response example as JSON; a warning with the line when it does not parse.
pub fn response(
    text: &str,
    line: usize,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<serde_json::Value> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            // The fence is on `line`; the JSON starts on the next one.
            diags.warn(
                "bad-example",
                file,
                line + e.line(),
                format!("response example is not valid JSON: {e}"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_example() {
        let q = super::request(
            "https://api.ucloud.cn/?Action=GetRepoImage\n&RepoName=a\n&Offset=6\n",
            1,
        );
        assert_eq!(
            q,
            [
                ("RepoName".to_string(), "a".to_string()),
                ("Offset".into(), "6".into())
            ]
        );
    }
}
