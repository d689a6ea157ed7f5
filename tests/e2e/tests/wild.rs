//! The inputs from the wild (`tests/fixtures/wild/`) in the window: the preview's heading ids
//! and links, the status bar's word count and the library are the generator's answers, the
//! same the CLI gives (`src-tauri/crates/cli/tests/wild.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use inkstone_e2e::{App, copy_dir, repo};
use serde_json::json;

fn wild(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/wild").join(name)
}

/// The four Hugo inputs as one blog, with their (shared) config.
fn hugo_inputs(blog: &Path) {
    let posts = blog.join("content/posts");
    std::fs::remove_dir_all(&posts).unwrap();
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::copy(wild("heading-ids/hugo.toml"), blog.join("hugo.toml")).unwrap();
    for (dir, post) in [
        ("heading-ids", "toolchain.md"),
        ("bare-urls", "links.md"),
        ("footnote-words", "verifier-zh.md"),
        ("cjk-quotes", "quotes.md"),
    ] {
        std::fs::copy(wild(dir).join("content/posts").join(post), posts.join(post)).unwrap();
    }
}

async fn status_words(app: &App) -> String {
    app.js("return document.querySelector('[data-testid=word-count]').textContent")
        .await
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_preview_and_the_status_bar_give_hugo_s_answers() {
    let app = App::start_with(hugo_inputs, Vec::new()).await;
    let preview = "const d = document.getElementById('preview').contentDocument;";

    app.open_post("content/posts/toolchain.md").await;
    let ids = app
        .js(&format!(
            "{preview} return Array.from(d.querySelectorAll('h2')).map(h => h.id)"
        ))
        .await;
    assert_eq!(
        ids,
        json!([
            "-安装工具链",
            "第部分调度器",
            "on-的复杂度",
            "-号进程",
            "go-121-新特性",
            "café-与-naïve",
            "调度器-vs-控制器-v127",
            "-安装工具链-1"
        ])
    );

    app.open_post("content/posts/links.md").await;
    let links = app
        .js(&format!(
            "{preview} return Array.from(d.querySelectorAll('a')).map(a => [a.getAttribute('href'), a.textContent])"
        ))
        .await;
    assert_eq!(
        links,
        json!([
            [
                "https://kubernetes.io/docs/concepts/",
                "https://kubernetes.io/docs/concepts/"
            ],
            [
                "https://ebpf.io/what-is-ebpf/",
                "https://ebpf.io/what-is-ebpf/"
            ],
            ["https://www.example.com", "www.example.com"],
            [
                "https://go.dev/doc/effective_go",
                "https://go.dev/doc/effective_go"
            ]
        ])
    );

    app.open_post("content/posts/verifier-zh.md").await;
    let words = status_words(&app).await;
    assert!(words.contains("84 words"), "{words}");
    let notes = app
        .js(&format!(
            "{preview} return d.querySelectorAll('.footnotes li').length"
        ))
        .await;
    assert_eq!(notes, 1, "only the cited footnote is shown");

    app.open_post("content/posts/quotes.md").await;
    let words = status_words(&app).await;
    assert!(words.contains("19 words"), "{words}");
    app.close().await;
}

#[tokio::test]
async fn the_library_lists_jekyll_s_short_dated_post() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("jekyll");
    copy_dir(&wild("jekyll-short-date"), &blog);
    let app = App::start_with(
        |_| {},
        vec![("INKSTONE_BLOG".into(), blog.display().to_string())],
    )
    .await;
    app.wait_js(
        "return !!document.querySelector(\"li.post[data-path='_posts/2024-3-5-bpf-maps.md']\")",
        "the short-dated post in the library",
    )
    .await;
    let listed = app
        .js("return document.querySelectorAll('li.post').length")
        .await;
    assert_eq!(listed, 2);
    app.open_post("_posts/2024-3-5-bpf-maps.md").await;
    app.close().await;
}
