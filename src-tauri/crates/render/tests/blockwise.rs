//! Block-wise rendering (each top-level block sanitized once, through a cache) gives exactly
//! the HTML of one sanitizing pass over the whole page, on every post and fixture in the repo
//! and after edits that move lines, open raw HTML or add blocks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use inkstone_render::{RenderOptions, render, render_whole};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md" || x == "markdown") {
            out.push(p);
        }
    }
}

fn same(md: &str, what: &str) {
    for (cjk, typographer, raw) in [(true, true, false), (false, false, true)] {
        let o = RenderOptions {
            cjk,
            typographer,
            raw_html_is_content: raw,
            line_offset: 4,
            ..Default::default()
        };
        let whole = render_whole(md, &o);
        // Twice: the second comes from the cache.
        for _ in 0..2 {
            let blocks = render(md, &o);
            if blocks.html != whole.html {
                let at = blocks
                    .html
                    .bytes()
                    .zip(whole.html.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(blocks.html.len().min(whole.html.len()));
                let from = at.saturating_sub(120);
                panic!(
                    "{what}: differs at byte {at}\n--- block by block:\n{}\n--- whole page:\n{}",
                    String::from_utf8_lossy(
                        &blocks.html.as_bytes()[from..(at + 120).min(blocks.html.len())]
                    ),
                    String::from_utf8_lossy(
                        &whole.html.as_bytes()[from..(at + 120).min(whole.html.len())]
                    )
                );
            }
            assert_eq!(blocks.words, whole.words, "{what}");
        }
    }
}

#[test]
fn every_markdown_file_renders_the_same_block_by_block() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let mut files = Vec::new();
    for dir in [
        "posts/content",
        "tests/fixtures",
        "src-tauri/crates/render/tests/inputs",
    ] {
        markdown_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "{files:?}");
    for f in files {
        let md = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        same(&md, &f.display().to_string());
        // Lines shifted above every block, and a paragraph edited: cached blocks move.
        same(
            &format!("新的一段 first.\n\n\n{md}"),
            &f.display().to_string(),
        );
        same(
            &md.replacen("\n\n", "\n\nedited 编辑\n\n", 1),
            &f.display().to_string(),
        );
    }
}

#[test]
fn raw_html_spanning_blocks_is_sanitized_as_one() {
    let md = "intro\n\n<details>\n<summary>更多 More</summary>\n\n**inside** markdown\n\n```go\nfunc f() {}\n```\n\n</details>\n\nafter <b>bold\n\nnext <span data-line=\"-3\">x</span>\n\n<div onclick=\"x()\">\n\n<script>alert(1)</script>\n\nend\n";
    same(md, "raw html");
    // Found by the fuzzer, and their relatives: what an HTML parser carries past a block.
    for tricky in [
        "<a href=\"x\">a</a:-:|\n\npara\n\n- item\n",
        "<a href=\"unclosed\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nlater \" quote\n",
        "<div>\n\n<textarea></div></textarea>\n\nafter\n",
        "<!-- open comment\n\nhidden?\n\nend -->\n\nshown\n",
        "<b>bold starts\n\nand goes on\n\n## heading\n",
        "<svg><circle r=\"1\"/></svg>\n\ntext\n",
    ] {
        same(tricky, tricky);
    }
    let html = render(md, &RenderOptions::default()).html;
    assert!(html.contains("<details"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("onclick"),
        "{html}"
    );
}

#[test]
#[ignore = "debug helper: BLOCKWISE_FILE=path"]
fn file_from_env() {
    let f = std::env::var("BLOCKWISE_FILE").unwrap();
    let md = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
    same(&md, &f);
}
