//! Property: any sequence of front-matter edits leaves every key it did not touch
//! byte-identical, and the touched keys read back as written — in YAML (LF and CRLF), TOML
//! and JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_content::FieldValue;
use inkstone_content::fmedit::set_field;
use inkstone_content::frontmatter::{as_bool, as_list, as_text, get, parse, split};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn input(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/golden/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Top-level key → its lines, for the formats' usual layouts.
fn blocks(head: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let json = head.trim_start().starts_with('{');
    let mut table = String::new();
    for line in head.split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "+++" || t == "{" || t == "}" {
            continue;
        }
        let key = if json {
            line.strip_prefix("    \"")
                .and_then(|r| r.split_once('"'))
                .map(|(k, _)| k.to_string())
        } else if t.starts_with('[') && !table.is_empty()
            || t.starts_with("[") && t.ends_with(']') && !t.contains('=')
        {
            table = t.to_string();
            Some(table.clone())
        } else if !table.is_empty() {
            None
        } else if !line.starts_with([' ', '\t', '-', '#']) {
            t.split([':', '=']).next().map(|k| k.trim().to_string())
        } else if line.starts_with('#') {
            Some(format!("{}#", out.len()))
        } else {
            None
        };
        let text = if json {
            line.trim_end().trim_end_matches(',').to_string() + "\n"
        } else {
            line.to_string()
        };
        match key {
            Some(k) => out.push((k, text)),
            None => {
                if let Some(last) = out.last_mut() {
                    last.1.push_str(&text);
                }
            }
        }
    }
    out
}

fn value() -> impl Strategy<Value = FieldValue> {
    // Values as a user would type them: no blank ends (readers trim those).
    let text = "[a-zA-Z0-9调度中文:#'\"\\-,\\[\\]{}]([a-zA-Z0-9 调度中文:#'\"\\-,\\[\\]{}]{0,8}[a-zA-Z0-9调度中文:#'\"\\-,\\[\\]{}])?";
    prop_oneof![
        text.prop_map(FieldValue::Text),
        any::<bool>().prop_map(FieldValue::Bool),
        prop::collection::vec("[a-z调度:'\"#-]([a-z调度 :'\"#-]{0,4}[a-z调度])?", 0..3)
            .prop_map(FieldValue::List),
        Just(FieldValue::Remove),
    ]
}

fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "title",
        "draft",
        "tags",
        "categories",
        "slug",
        "description",
        "series",
    ])
}

proptest! {
    // A failing case is kept beside this file (fm_props.regressions) and tried first after.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn untouched_keys_never_change(
        file in prop::sample::select(vec!["post.yaml.md", "post.crlf.md", "post.toml.md", "post.json.md"]),
        edits in prop::collection::vec((key(), value()), 1..6),
    ) {
        let text = input(file);
        let mut head = split(&text, false).map(|s| text[..s.body_start].to_string()).unwrap();
        let original = blocks(&head);
        for (key, value) in &edits {
            head = set_field(&head, false, key, value).unwrap();
        }
        let after = blocks(&head);
        for (key, lines) in &original {
            if edits.iter().any(|(k, _)| k.eq_ignore_ascii_case(key)) {
                continue;
            }
            let kept = after.iter().any(|(k, l)| k == key && l == lines);
            prop_assert!(kept, "{file}: `{key}` changed\nedits: {edits:?}\nbefore:\n{lines}\nafter:\n{head}");
        }
        prop_assert_eq!(head.contains("\r\n"), text.contains("\r\n"));
        // The last edit of each key reads back.
        let s = split(&head, false).unwrap();
        let map = parse(s.format.unwrap(), s.inner, 1).unwrap_or_else(|e| panic!("{e:?}\n{head}"));
        for (key, value) in &edits {
            let Some((_, last)) = edits.iter().rev().find(|(k, _)| k == key) else { continue };
            if last != value { continue; }
            let got = get(&map, key);
            match value {
                FieldValue::Text(t) => prop_assert_eq!(got.and_then(as_text), Some(t.clone()), "{}", head),
                FieldValue::Bool(b) => prop_assert_eq!(got.and_then(as_bool), Some(*b), "{}", head),
                FieldValue::List(items) => prop_assert_eq!(got.map(|v| as_list(v, false)), Some(items.clone()), "{}", head),
                FieldValue::Remove => prop_assert!(got.is_none(), "{}", head),
                FieldValue::Date(_) => {}
            }
        }
    }
}
