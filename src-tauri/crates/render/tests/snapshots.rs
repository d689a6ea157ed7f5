//! Rendered HTML of representative posts, reviewed like code (`cargo insta review`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_render::{RenderOptions, render};

fn snapshot(name: &str) {
    let path = format!("{}/tests/inputs/{name}.md", env!("CARGO_MANIFEST_DIR"));
    let md = std::fs::read_to_string(&path).unwrap();
    let out = render(
        &md,
        &RenderOptions {
            cjk: true,
            typographer: true,
            ..Default::default()
        },
    );
    insta::assert_snapshot!(name, out.html);
    insta::assert_json_snapshot!(
        format!("{name}-meta"),
        serde_json::json!({
            "toc": out.toc, "words": out.words, "reading_minutes": out.reading_minutes,
            "images": out.images, "summary_divider_line": out.summary_divider_line, "warnings": out.warnings,
        })
    );
}

#[test]
fn code_and_shell() {
    snapshot("code-and-shell");
}

#[test]
fn tables_lists_footnotes() {
    snapshot("tables-lists-footnotes");
}

#[test]
fn raw_html() {
    snapshot("raw-html");
}

#[test]
fn headings_and_more() {
    snapshot("headings-and-more");
}
