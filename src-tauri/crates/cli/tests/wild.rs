//! Inputs from the wild (`tests/fixtures/wild/`, see its README): small blogs modelled on faults
//! people reported against other blogging tools, with the answers the real generators give.
//! Each answer here is what Hugo 0.111.3 or Jekyll 4.3.1 built from the same input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::inkstone;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn wild(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/wild").join(name)
}

fn json(blog: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&inkstone(blog, args)).unwrap()
}

/// `_posts/2024-3-5-bpf-maps.md` is a post: Jekyll's date matcher takes one-digit months and
/// days (it builds it at `/2024/03/05/bpf-maps/`).
#[test]
fn jekyll_short_date() {
    let posts = json(&wild("jekyll-short-date"), &["list", "--json"]);
    let posts = posts.as_array().unwrap();
    assert_eq!(posts.len(), 2, "{posts:?}");
    let bpf = posts
        .iter()
        .find(|p| p["path"] == "_posts/2024-3-5-bpf-maps.md")
        .expect("the short-dated post is listed");
    assert_eq!(bpf["date"], "2024-03-05T00:00:00+08:00");
    assert_eq!(bpf["title"], "BPF maps 入门");
    assert_eq!(bpf["tags"], serde_json::json!(["eBPF"]));
}

/// Renaming `k8s` → `Kubernetes` changes one line in each post: the comment on the renamed
/// item, the commented-out item, the other keys and the bodies stay as written.
#[test]
fn tag_comments() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&wild("tag-comments"), &blog);
    inkstone(&blog, &["tags", "rename", "k8s", "Kubernetes"]);
    for (post, line, new) in [
        (
            "ebpf-intro.md",
            "  - k8s     # 旧写法，待统一",
            "  - Kubernetes     # 旧写法，待统一",
        ),
        (
            "cilium.md",
            "tags: [k8s, cilium]  # 网络相关",
            "tags: [Kubernetes, cilium]  # 网络相关",
        ),
    ] {
        let before =
            std::fs::read_to_string(wild("tag-comments/content/posts").join(post)).unwrap();
        let after = std::fs::read_to_string(blog.join("content/posts").join(post)).unwrap();
        assert_eq!(after, before.replacen(line, new, 1), "{post}");
        assert_ne!(after, before, "{post} changed");
    }
    let posts = json(&blog, &["list", "--json"]);
    let tags = |path: &str| {
        posts
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .unwrap()["tags"]
            .clone()
    };
    assert_eq!(
        tags("content/posts/ebpf-intro.md"),
        serde_json::json!(["Kubernetes", "eBPF"])
    );
    assert_eq!(
        tags("content/posts/cilium.md"),
        serde_json::json!(["Kubernetes", "cilium"])
    );
}

/// Heading ids as Hugo writes them: it keeps Unicode letters and decimal digits only, so `①`,
/// `Ⅱ`, `²` and `〇` go, and a repeated heading is numbered.
#[test]
fn heading_ids() {
    let blog = wild("heading-ids");
    let file = blog
        .join("content/posts/toolchain.md")
        .display()
        .to_string();
    let out = json(&blog, &["render", "--json", &file]);
    let html = out["html"].as_str().unwrap();
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(
        ids,
        [
            "-安装工具链",
            "第部分调度器",
            "on-的复杂度",
            "-号进程",
            "go-121-新特性",
            "café-与-naïve",
            "调度器-vs-控制器-v127",
            "-安装工具链-1"
        ]
    );
}

/// Hugo renders no footnote that nothing cites and writes one back-link per citation: 84
/// words for the Chinese post, 9 for the English one, a minute each.
#[test]
fn footnote_words() {
    let blog = wild("footnote-words");
    for (post, words) in [("verifier-zh.md", 84), ("verifier-en.md", 9)] {
        let file = blog.join("content/posts").join(post).display().to_string();
        let stats = json(&blog, &["stats", "--json", &file]);
        assert_eq!(stats["words"], words, "{post}");
        assert_eq!(stats["reading_minutes"], 1, "{post}");
    }
}

/// `不是一个"君子"。`: goldmark leaves both quotes as `&quot;` (a CJK letter on both sides of
/// the first, nothing open for the second to close): 19 words in CJK mode.
#[test]
fn cjk_quotes() {
    let blog = wild("cjk-quotes");
    let file = blog.join("content/posts/quotes.md").display().to_string();
    let stats = json(&blog, &["stats", "--json", &file]);
    assert_eq!(stats["words"], 19);
}

/// Hugo links bare URLs (goldmark's Linkify, on by default): four links, `www.` with
/// `https://`, the `。` and `,` after a URL outside it, nothing inside the code span.
#[test]
fn bare_urls() {
    let blog = wild("bare-urls");
    let file = blog.join("content/posts/links.md").display().to_string();
    let out = json(&blog, &["render", "--json", &file]);
    let html = out["html"].as_str().unwrap();
    let links: Vec<(&str, &str)> = html
        .split("<a href=\"")
        .skip(1)
        .map(|s| {
            let href = &s[..s.find('"').unwrap()];
            let text = &s[s.find('>').unwrap() + 1..s.find("</a>").unwrap()];
            (href, text)
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "https://kubernetes.io/docs/concepts/",
                "https://kubernetes.io/docs/concepts/"
            ),
            (
                "https://ebpf.io/what-is-ebpf/",
                "https://ebpf.io/what-is-ebpf/"
            ),
            ("https://www.example.com", "www.example.com"),
            (
                "https://go.dev/doc/effective_go",
                "https://go.dev/doc/effective_go"
            ),
        ]
    );
    assert!(html.contains("</a>。"), "{html}");
    assert!(html.contains("</a>, but"), "{html}");
    assert!(
        html.contains("<code>https://in.code.example/</code>"),
        "{html}"
    );
}
