//! Golden files for front-matter edits: for each format (YAML, YAML with CRLF, TOML, JSON)
//! and each kind of edit, the snapshot is the line diff — what `git diff` would show. Every
//! line not in a diff is checked byte-identical by the diff itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_content::FieldValue;
use inkstone_content::fmedit::set_field;

fn input(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/golden/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The lines removed and added, in order (enough for one contiguous edit per key).
fn diff(before: &str, after: &str) -> String {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let show = |l: &str| l.replace('\r', "\\r").replace('\n', "\\n");
    let mut out = String::new();
    for l in &a[prefix..a.len() - suffix] {
        out.push_str(&format!("- {}\n", show(l)));
    }
    for l in &b[prefix..b.len() - suffix] {
        out.push_str(&format!("+ {}\n", show(l)));
    }
    out
}

fn edits() -> Vec<(&'static str, &'static str, FieldValue)> {
    vec![
        (
            "title",
            "title",
            FieldValue::Text("New: title with \"quotes\" 和中文".into()),
        ),
        (
            "date",
            "date",
            FieldValue::Date("2025-01-02T03:04:05+08:00".into()),
        ),
        ("draft-on", "draft", FieldValue::Bool(true)),
        (
            "tags",
            "tags",
            FieldValue::List(vec!["kubernetes".into(), "调度".into(), "yes".into()]),
        ),
        ("tags-empty", "tags", FieldValue::List(vec![])),
        ("remove-categories", "categories", FieldValue::Remove),
        ("add-slug", "slug", FieldValue::Text("k8s-scheduler".into())),
        (
            "add-publishdate",
            "publishDate",
            FieldValue::Date("2030-01-01".into()),
        ),
    ]
}

#[test]
fn every_format_and_edit_changes_only_its_key() {
    for (file, hexo) in [
        ("post.yaml.md", false),
        ("post.crlf.md", false),
        ("post.toml.md", false),
        ("post.json.md", false),
    ] {
        let text = input(file);
        let mut report = String::new();
        for (name, key, value) in edits() {
            let out = set_field(&text, hexo, key, &value)
                .unwrap_or_else(|e| panic!("{file} {name}: {e:?}"));
            // The body is never touched.
            assert!(
                out.ends_with(text.lines().last().unwrap_or_default().trim_end())
                    || out.ends_with("\r\n")
                    || out.ends_with('\n')
            );
            assert_eq!(
                out.contains("\r\n"),
                text.contains("\r\n"),
                "{file} {name}: line endings kept"
            );
            report.push_str(&format!("## {name}: {key}\n{}\n", diff(&text, &out)));
        }
        insta::assert_snapshot!(file.replace('.', "_"), report);
    }
}
