//! The request example (a URL with `&Name=value` lines) and the response example (JSON).

use crate::diag::Diagnostics;
use std::collections::BTreeMap;

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

/// Where each key of a JSON text is: `path → 1-based line` for the first occurrence of each
/// path, the path being the keys from the top joined by `.`, with `[]` for an array's items
/// (`UGAList.[].TaskSet.[].RSPort`). `first_line` is the line the text starts on. Used to
/// point at the key of a field inferred from the example; text that is not JSON gives what
/// was read before the fault.
pub fn key_lines(text: &str, first_line: usize) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    // The containers we are in; for an object, the key whose value is being read.
    let mut stack: Vec<Option<String>> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut line = first_line;
    let mut chars = text.chars().peekable();
    let mut last_string: Option<(String, usize)> = None;
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '"' => {
                let mut s = String::new();
                let start = line;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                s.push(e);
                            }
                        }
                        '"' => break,
                        '\n' => {
                            line += 1;
                            s.push(c);
                        }
                        _ => s.push(c),
                    }
                }
                last_string = Some((s, start));
            }
            ':' => {
                if let (Some(Some(key)), Some((s, at))) = (stack.last_mut(), last_string.take()) {
                    *key = s;
                    path.push(key.clone());
                    out.entry(path.join(".")).or_insert(at);
                    path.pop();
                }
            }
            '{' | '[' => {
                if let Some(Some(key)) = stack.last() {
                    path.push(key.clone());
                } else if stack.last().is_some() {
                    path.push("[]".into());
                }
                stack.push((c == '{').then(String::new));
            }
            '}' | ']' => {
                stack.pop();
                if !stack.is_empty() {
                    path.pop();
                }
            }
            ',' => last_string = None,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn key_lines_follow_paths_through_objects_and_arrays() {
        let text = "{\n  \"A\": 1,\n  \"B\": [\n    { \"C\": \"x:y\", \"D\": {\"E\": [1, 2]} },\n    { \"C\": 2 }\n  ],\n  \"F\": {\"G\": null}\n}";
        let lines = super::key_lines(text, 10);
        let got: Vec<(&str, usize)> = lines.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            got,
            [
                ("A", 11),
                ("B", 12),
                ("B.[].C", 13),
                ("B.[].D", 13),
                ("B.[].D.E", 13),
                ("F", 16),
                ("F.G", 16)
            ]
        );
    }

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
