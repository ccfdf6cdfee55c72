//! `ucloud-codegen openapi`: writes the document, byte-identical on a second run; writes
//! nothing when a page has an error; clear usage errors.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ucloud-codegen"))
}

/// A fresh folder under the target dir, removed first if left over.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("openapi-cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exit code and stderr; never a panic.
fn run(cmd: &mut Command) -> (Option<i32>, String) {
    let out = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panicked:\n{stderr}");
    (out.status.code(), stderr)
}

const PAGE: &str = "# 关闭主机 - StopThing\n\n## 定义\n\n### 请求参数\n\n\
| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
| **Region** | string | 地域 |**Yes**|\n| **ThingIds.N** | string | ID |**Yes**|\n\n\
### 响应字段\n\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n\
| **RetCode** | int | 返回码 |**Yes**|\n| **Action** | string | 操作名称 |**Yes**|\n";

#[test]
fn writes_the_document_and_the_same_bytes_twice() {
    let dir = scratch("ok");
    let pages = dir.join("thing-api");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("stop_thing.md"), PAGE).unwrap();
    let out = dir.join("nested/folder/api.json");
    let (code, err) = run(bin().arg("openapi").arg(&pages).arg("--out").arg(&out));
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("1 operations"), "{err}");
    let first = std::fs::read(&out).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let op = &doc["paths"]["/#thing/StopThing"]["post"];
    assert_eq!(op["operationId"], "thing.StopThing");

    let (code, err) = run(bin().arg("openapi").arg(&pages).arg("--out").arg(&out));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        std::fs::read(&out).unwrap() == first,
        "a second run differs"
    );
}

#[test]
fn pages_with_errors_write_nothing() {
    let dir = scratch("errors");
    let pages = dir.join("x-api");
    std::fs::create_dir(&pages).unwrap();
    // A title whose action is not an identifier is an error.
    std::fs::write(pages.join("bad.md"), PAGE.replace("StopThing", "3Bad Name")).unwrap();
    let out = dir.join("api.json");
    let (code, err) = run(bin().arg("openapi").arg(&pages).arg("--out").arg(&out));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("bad.md:1:"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert!(!out.exists());
}

#[test]
fn usage_errors_name_what_is_missing() {
    let (code, err) = run(bin().arg("openapi").arg("specs"));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--out"), "{err}");
    let dir = scratch("empty");
    let (code, err) = run(bin()
        .arg("openapi")
        .arg(&dir)
        .arg("--out")
        .arg(dir.join("a.json")));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no .md files"), "{err}");
}
