//! An independent, deliberately simple reading of a page's tables, line by line: no markdown
//! parser, no type resolution, no merging. The comparison uses it to decide whose a difference
//! is: when the spec model agrees with this reading but not with the SDK, the page's own table
//! says so; when the spec model disagrees with it, the generator misread the page.

/// One table row as written.
#[derive(Debug, Clone)]
pub struct Row {
    /// The name cell without `**`, backticks and white space.
    pub name: String,
    /// The type cell without white space.
    pub ty: String,
    pub required: bool,
    pub line: usize,
}

/// The tables of one page.
#[derive(Debug, Clone, Default)]
pub struct RawPage {
    pub request: Vec<Row>,
    pub response: Vec<Row>,
    /// `(heading, rows)` for every table under a heading after the response table.
    pub models: Vec<(String, Vec<Row>)>,
    /// The response example, when it is JSON.
    pub example: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq)]
enum Where {
    Other,
    Request,
    Response,
    Models,
    Model(String),
    ResponseExample,
}

impl RawPage {
    pub fn read(text: &str) -> RawPage {
        let mut page = RawPage::default();
        let mut at = Where::Other;
        let mut header: Option<Header> = None;
        let mut fence: Option<String> = None;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with("```") {
                fence = match fence.take() {
                    None => Some(String::new()),
                    Some(body) => {
                        page.take_example(&at, &body);
                        None
                    }
                };
                header = None;
                continue;
            }
            if let Some(body) = fence.as_mut() {
                body.push_str(line);
                body.push('\n');
            } else if t.starts_with('#') {
                at = next_place(&at, heading_text(t));
                header = None;
            } else if t.starts_with('|') {
                let cells = split(t);
                match &header {
                    None => header = Some(Header::of(&cells)),
                    Some(h) => page.add(&at, h, &cells, i + 1),
                }
            } else if !t.is_empty() {
                header = None;
            }
        }
        page
    }

    fn take_example(&mut self, at: &Where, body: &str) {
        if *at == Where::ResponseExample && self.example.is_none() {
            self.example = serde_json::from_str(body).ok();
        }
    }

    fn add(&mut self, at: &Where, h: &Header, cells: &[String], line: usize) {
        if is_delimiter(cells) {
            return;
        }
        let (Some(n), Some(ty)) = (h.name, h.ty) else {
            return;
        };
        let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
        let row = Row {
            name: cell(n)
                .chars()
                .filter(|c| !matches!(c, '*' | '`') && !c.is_whitespace())
                .collect(),
            ty: cell(ty).chars().filter(|c| !c.is_whitespace()).collect(),
            required: h
                .required
                .is_some_and(|r| cell(r).to_ascii_lowercase().contains("yes")),
            line,
        };
        match at {
            Where::Request => self.request.push(row),
            Where::Response => self.response.push(row),
            Where::Model(m) => match self.models.iter_mut().find(|(n, _)| n == m) {
                Some((_, rows)) => rows.push(row),
                None => self.models.push((m.clone(), vec![row])),
            },
            Where::Other | Where::Models | Where::ResponseExample => {}
        }
    }

    /// The rows of every table headed `name`.
    pub fn model<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
        self.models
            .iter()
            .filter(move |(n, _)| n == name)
            .flat_map(|(_, rows)| rows)
    }
}

fn heading_text(t: &str) -> String {
    t.trim_start_matches('#')
        .replace(['*', '`'], "")
        .trim()
        .to_string()
}

/// Which part of the page a heading starts.
fn next_place(at: &Where, heading: String) -> Where {
    let lower = heading.to_ascii_lowercase();
    if lower.contains("请求参数") || lower == "request parameters" {
        Where::Request
    } else if lower.contains("响应字段") || lower == "response elements" {
        Where::Response
    } else if lower.contains("数据模型") {
        Where::Models
    } else if lower.contains("响应示例") || lower == "response example" {
        Where::ResponseExample
    } else if lower.contains("示例") || lower.contains("example") || lower.contains("公共参数")
    {
        Where::Other
    } else if matches!(at, Where::Response | Where::Models | Where::Model(_)) {
        Where::Model(heading)
    } else {
        Where::Other
    }
}

/// Column positions, from the header row.
struct Header {
    name: Option<usize>,
    ty: Option<usize>,
    required: Option<usize>,
}

impl Header {
    fn of(cells: &[String]) -> Header {
        let find = |keys: &[&str]| {
            cells.iter().position(|c| {
                let c = c.replace('*', "").trim().to_ascii_lowercase();
                keys.contains(&c.as_str())
            })
        };
        Header {
            name: find(&["参数名", "字段名", "parameter name", "name"]),
            ty: find(&["类型", "type"]),
            required: find(&["必填", "required"]),
        }
    }
}

/// `| a | b \| c |` → `["a", "b | c"]`.
fn split(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = line.trim().trim_start_matches('|').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        cells.push(cur.trim().to_string());
    }
    cells
}

fn is_delimiter(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// The table's type cell, read plainly: `(kind, list)` with kind one of `string`, `int`,
/// `float`, `bool`, `model:Name`, `bare` (a legacy `array`/`object` that names nothing) or
/// `?cell` for anything else.
pub fn type_of(cell: &str) -> (String, bool) {
    let lower = cell.to_ascii_lowercase();
    if let Some(inner) = lower
        .strip_prefix("array[")
        .and_then(|s| s.strip_suffix(']'))
    {
        let start = cell.len() - inner.len() - 1;
        return (element(&cell[start..cell.len() - 1]), true);
    }
    match lower.as_str() {
        "array" | "list" => ("bare".into(), true),
        "object" | "map" => ("bare".into(), false),
        _ => (element(cell), false),
    }
}

fn element(cell: &str) -> String {
    let lower = cell.to_ascii_lowercase();
    let scalar = match lower.as_str() {
        "string" | "str" => "string",
        "int" | "integer" | "int32" | "int64" | "long" | "uint" => "int",
        "float" | "double" | "number" | "float64" => "float",
        "bool" | "boolean" => "bool",
        "object" => "bare",
        _ => "",
    };
    if !scalar.is_empty() {
        return scalar.into();
    }
    // `[*Name*](#Name)`: the link's text names the model.
    match cell.strip_prefix('[').and_then(|r| r.split_once("](")) {
        Some((label, _)) => {
            let name = label.trim_matches(['*', '_']);
            match element(name).as_str() {
                s @ ("string" | "int" | "float" | "bool") => s.to_string(),
                _ => format!("model:{name}"),
            }
        }
        None => format!("?{cell}"),
    }
}

/// `Disks.n.IsBoot` → `Disks.N.IsBoot`, as the SDK writes list indices.
pub fn wire(name: &str) -> String {
    name.split('.')
        .map(|s| {
            if s == "n" || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())) {
                "N"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEW: &str = "# T - A\n### 请求参数\n| 参数名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Disks.n.Size** | int | a \\| b |**Yes**|\n### 响应字段\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Set** | array[[*M*](#M)] | x |No|\n#### 数据模型\n#### M\n| 字段名 | 类型 | 描述信息 | 必填 |\n|:---|:---|:---|:---|\n| **Id** | string | x |No|\n## 示例\n```\n| not | a | row |\n```\n";

    #[test]
    fn reads_tables_by_section() {
        let p = RawPage::read(NEW);
        assert_eq!(p.request.len(), 1);
        assert_eq!(wire(&p.request[0].name), "Disks.N.Size");
        assert!(p.request[0].required);
        assert_eq!(p.request[0].line, 5);
        assert_eq!(type_of(&p.response[0].ty), ("model:M".into(), true));
        assert_eq!(p.model("M").count(), 1);
        assert!(p.example.is_none());
    }

    #[test]
    fn legacy_headings_and_bare_types() {
        let old = "# T-A\n# Response Elements\n|Parameter name|Type|Description|Required|\n|---|---|---|---|\n|Set|array|see Info|No|\n## Info\n|Parameter name|Type|Description|Required|\n|Id|string|x|**Yes**|\n# Response Example\n```\n{\"Set\": [{\"Id\": \"a\"}]}\n```\n";
        let p = RawPage::read(old);
        assert_eq!(type_of(&p.response[0].ty), ("bare".into(), true));
        assert_eq!(p.model("Info").next().map(|r| r.required), Some(true));
        assert!(p.example.is_some());
    }
}
