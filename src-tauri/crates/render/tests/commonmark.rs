//! The CommonMark spec examples (npm `commonmark-spec`, installed by `make test`) through
//! `render`: identical HTML outside raw HTML, which is sanitized by design.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_render::{Counting, RenderOptions, render, sanitize_html};
use regex::Regex;

struct Example {
    number: usize,
    section: String,
    markdown: String,
    html: String,
}

fn spec_path() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    root.join("tests/node_modules/commonmark-spec/spec.txt")
}

fn examples() -> Vec<Example> {
    let path = spec_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `make npm-test` (npm ci in tests/)",
            path.display()
        )
    });
    let fence = "````````````````````````````````";
    let mut out = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
            section = h.to_string();
        }
        if line.starts_with(fence) && line.ends_with("example") {
            let (mut md, mut html, mut in_html) = (String::new(), String::new(), false);
            for l in lines.by_ref() {
                if l.starts_with(fence) {
                    break;
                }
                if l == "." && !in_html {
                    in_html = true;
                    continue;
                }
                let l = l.replace('→', "\t");
                if in_html {
                    html.push_str(&l);
                    html.push('\n')
                } else {
                    md.push_str(&l);
                    md.push('\n')
                }
            }
            out.push(Example {
                number: out.len() + 1,
                section: section.clone(),
                markdown: md,
                html,
            });
        }
    }
    out
}

fn normalize(html: &str) -> String {
    let strip = [
        r#" data-line="\d+""#,
        r#" data-lang="[^"]*""#,
        r#"<h([1-6]) id="[^"]*""#,
        r#"<pre class="code""#,
        r#"</?span[^>]*>"#,
        r#"<div class="table-wrap">|</div>"#,
    ];
    let mut s = sanitize_html(html);
    for (i, pat) in strip.iter().enumerate() {
        let re = Regex::new(pat).unwrap();
        s = match i {
            2 => re.replace_all(&s, "<h$1").into_owned(),
            3 => re.replace_all(&s, "<pre").into_owned(),
            _ => re.replace_all(&s, "").into_owned(),
        };
    }
    Regex::new(r">\s+<")
        .unwrap()
        .replace_all(s.trim(), "><")
        .into_owned()
}

/// Sections whose examples are raw HTML (sanitized on purpose) or that GFM extensions change.
fn exempt(ex: &Example) -> Option<&'static str> {
    if ex.section == "HTML blocks" || ex.section == "Raw HTML" {
        return Some("raw HTML is sanitized");
    }
    let lower = ex.markdown.to_ascii_lowercase();
    if ex.html.contains("<script") || ex.html.contains("<style") || lower.contains("javascript:") {
        return Some("unsafe markup is removed");
    }
    None
}

#[test]
fn commonmark_spec_examples() {
    let examples = examples();
    assert!(
        examples.len() > 600,
        "found only {} examples",
        examples.len()
    );
    let options = RenderOptions {
        counting: Counting::Plain,
        flavor: inkstone_render::Flavor::gfm(),
        ..Default::default()
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for ex in &examples {
        if exempt(ex).is_some() {
            continue;
        }
        checked += 1;
        let ours = normalize(&render(&ex.markdown, &options).html);
        let theirs = normalize(&ex.html);
        if ours != theirs {
            failures.push(format!(
                "example {} ({}):\n  md:   {:?}\n  want: {theirs}\n  got:  {ours}",
                ex.number, ex.section, ex.markdown
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} examples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
