//! Fixture blogs of every generator read the way the generator reads them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{copy, fixture};
use inkstone_content::{Blog, Error, Format, Generator, NewPost, Post, SlugStyle, Status};
use jiff::Timestamp;

fn now() -> Timestamp {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

fn posts(name: &str) -> Vec<Post> {
    Blog::open(fixture(name)).unwrap().posts_at(now())
}

fn by_path<'p>(posts: &'p [Post], suffix: &str) -> &'p Post {
    posts
        .iter()
        .find(|p| p.path.ends_with(suffix))
        .unwrap_or_else(|| panic!("no post {suffix}"))
}

#[test]
fn detects_each_generator() {
    for (name, generator) in [
        ("posts", Generator::Hugo),
        ("hugo-mixed", Generator::Hugo),
        ("jekyll", Generator::Jekyll),
        ("hexo", Generator::Hexo),
    ] {
        assert_eq!(
            Blog::open(fixture(name)).unwrap().site().generator,
            generator,
            "{name}"
        );
    }
}

#[test]
fn reads_site_settings() {
    let hugo = Blog::open(fixture("posts")).unwrap();
    let s = hugo.site();
    assert!(s.has_cjk_language);
    assert_eq!(s.time_zone.as_deref(), Some("Asia/Shanghai"));
    assert!(s.has_taxonomy("series"));
    assert_eq!(s.summary_length, 70);
    let mixed = Blog::open(fixture("hugo-mixed")).unwrap();
    assert_eq!(mixed.site().content_dir, "articles");
    assert_eq!(mixed.site().config_file, "config.yaml");
    assert!(mixed.site().unsafe_html);
    let jekyll = Blog::open(fixture("jekyll")).unwrap();
    assert!(!jekyll.site().build_future);
    assert_eq!(jekyll.site().excerpt_separator, "<!--more-->");
    let hexo = Blog::open(fixture("hexo")).unwrap();
    assert!(hexo.site().post_asset_folder);
    assert_eq!(hexo.site().new_post_name, ":title.md");
}

#[test]
fn sample_blog_statuses() {
    let posts = posts("posts");
    let drafts: Vec<_> = posts.iter().filter(|p| p.status == Status::Draft).collect();
    assert_eq!(drafts.len(), 2, "{drafts:#?}");
    let scheduled: Vec<_> = posts
        .iter()
        .filter(|p| p.status == Status::Scheduled)
        .collect();
    assert_eq!(scheduled.len(), 1);
    assert!(
        scheduled[0]
            .publish_date
            .as_deref()
            .unwrap()
            .starts_with("2031-")
    );
    assert!(posts.iter().all(|p| p.error.is_none()));
    // Newest first.
    let dates: Vec<_> = posts.iter().filter_map(|p| p.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn leaf_bundles_are_one_page() {
    let posts = posts("posts");
    let bundle = by_path(&posts, "ebpf-tcp-retransmit-tracing/index.md");
    assert_eq!(bundle.cover.as_deref().map(|c| !c.is_empty()), Some(true));
    assert!(posts.iter().all(|p| !p.path.contains("_index")));
}

#[test]
fn hugo_semantics() {
    let posts = posts("hugo-mixed");
    let p = by_path(&posts, "published-false.md");
    assert!(p.draft);
    let e = by_path(&posts, "expired-notice.md");
    assert_eq!(e.status, Status::Expired);
    assert!(!e.draft);
    let f = by_path(&posts, "future-roadmap.md");
    assert_eq!(f.status, Status::Scheduled);
    let single = by_path(&posts, "single-string-tags.md");
    assert_eq!(single.tags, ["web performance"]);
    let toml = by_path(&posts, "toml-native-datetime.md");
    assert_eq!(toml.date.as_deref(), Some("2024-02-03T04:05:06+00:00"));
    assert_eq!(toml.format, Some(Format::Toml));
    let json = by_path(&posts, "json-front-matter.md");
    assert_eq!(json.format, Some(Format::Json));
    let cjk_off = by_path(&posts, "cjk-off.md");
    assert!(!cjk_off.cjk);
}

#[test]
fn jekyll_semantics() {
    let posts = posts("jekyll");
    let untitled = by_path(&posts, "2024-02-10-brutal-cc.md");
    assert_eq!(untitled.title, "Brutal Cc");
    assert_eq!(untitled.date.as_deref(), Some("2024-02-10T00:00:00+08:00"));
    let over = by_path(&posts, "2024-03-04-date-override.md");
    assert_eq!(over.date.as_deref(), Some("2024-03-05T21:10:00+08:00"));
    let spaced = by_path(&posts, "2024-03-18-tcp-retransmit.md");
    assert_eq!(spaced.tags, ["linux", "tcp", "kernel"]);
    let nested = by_path(&posts, "blog/tech/_posts/2024-01-20-rust-async-runtime.md");
    assert_eq!(nested.categories, ["blog", "tech"]);
    let unpublished = by_path(&posts, "2024-04-02-unpublished-notes.md");
    assert!(unpublished.draft);
    let draft = by_path(&posts, "_drafts/io-uring-first-look.md");
    assert!(draft.draft);
    assert!(draft.date.is_some(), "drafts are dated by their file time");
    let future = by_path(&posts, "2030-01-01-future-plan.md");
    assert_eq!(future.status, Status::Scheduled, "future: false hides it");
}

#[test]
fn hexo_semantics() {
    let posts = posts("hexo");
    assert!(posts.iter().all(|p| p.error.is_none()), "{posts:#?}");
    let json = posts
        .iter()
        .find(|p| p.format == Some(Format::HexoJson))
        .expect("a ;;; post");
    assert_eq!(json.title, "Hexo 的 JSON Front Matter");
    assert_eq!(json.date.as_deref(), Some("2024-04-01T10:00:00+08:00"));
    let rust = posts
        .iter()
        .find(|p| p.title.contains("thiserror"))
        .unwrap();
    assert_eq!(rust.categories, ["编程语言/Rust", "工程实践"]);
    assert!(rust.summary.contains("thiserror"), "{}", rust.summary);
    let drafts: Vec<_> = posts
        .iter()
        .filter(|p| p.path.contains("_drafts"))
        .collect();
    assert_eq!(drafts.len(), 1);
    assert!(drafts[0].draft);
}

#[test]
fn broken_posts_are_listed_with_file_and_line() {
    let posts = posts("broken");
    let err = |name: &str| by_path(&posts, name).error.clone().unwrap_or_default();
    assert!(
        err("bad-yaml.md").contains("content/posts/bad-yaml.md:3:"),
        "{}",
        err("bad-yaml.md")
    );
    assert!(err("bad-yaml.md").contains("YAML"));
    assert!(
        err("bad-toml.md").contains("content/posts/bad-toml.md:3:"),
        "{}",
        err("bad-toml.md")
    );
    assert!(
        err("unterminated.md").contains(":1:") && err("unterminated.md").contains("never closed"),
        "{}",
        err("unterminated.md")
    );
    assert!(
        err("invalid-utf8.md").contains(":8:") && err("invalid-utf8.md").contains("UTF-8"),
        "{}",
        err("invalid-utf8.md")
    );
    let good: Vec<_> = posts.iter().filter(|p| p.error.is_none()).collect();
    assert_eq!(good.len(), 2, "the good posts still list");
}

#[test]
fn not_a_blog_and_missing_folder_are_clear_errors() {
    let e = Blog::open(fixture("not-a-blog")).unwrap_err();
    assert!(matches!(e, Error::NotABlog(_)));
    assert!(e.to_string().contains("not-a-blog"), "{e}");
    let e = Blog::open(fixture("no-such-folder")).unwrap_err();
    assert!(matches!(e, Error::MissingFolder(_)), "{e}");
}

#[test]
fn new_hugo_post_in_site_format_never_overwrites() {
    let (_tmp, root) = copy("posts");
    let blog = Blog::open(&root).unwrap();
    let req = NewPost {
        title: "eBPF 与 XDP: 入门".into(),
        tags: vec!["ebpf".into(), "网络".into()],
        draft: Some(true),
        ..Default::default()
    };
    let rel = blog.new_post(&req).unwrap();
    assert_eq!(rel, "content/posts/ebpf-yu-xdp-ru-men.md");
    let text = std::fs::read_to_string(root.join(&rel)).unwrap();
    assert!(
        text.starts_with("---\n"),
        "the sample blog mostly uses YAML: {text}"
    );
    let doc = blog.read_post(&rel).unwrap();
    assert_eq!(doc.post.title, "eBPF 与 XDP: 入门");
    assert_eq!(doc.post.tags, ["ebpf", "网络"]);
    assert!(doc.post.draft);
    let before = std::fs::read(root.join(&rel)).unwrap();
    let again = blog.new_post(&req).unwrap_err();
    assert!(matches!(again, Error::Exists(_)), "{again}");
    assert_eq!(
        std::fs::read(root.join(&rel)).unwrap(),
        before,
        "the existing file is untouched"
    );
    let cjk = blog
        .new_post(&NewPost {
            title: "你好 世界".into(),
            slug_style: SlugStyle::Cjk,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(cjk, "content/posts/你好-世界.md");
}

#[test]
fn new_jekyll_and_hexo_posts_follow_conventions() {
    let (_tmp, root) = copy("jekyll");
    let blog = Blog::open(&root).unwrap();
    let draft = blog
        .new_post(&NewPost {
            title: "Draft Idea".into(),
            draft: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(draft, "_drafts/draft-idea.md");
    let post = blog
        .new_post(&NewPost {
            title: "Ship It".into(),
            tags: vec!["a".into()],
            ..Default::default()
        })
        .unwrap();
    assert!(
        post.starts_with("_posts/20") && post.ends_with("-ship-it.md"),
        "{post}"
    );
    let read = blog.read_post(&post).unwrap();
    assert_eq!(read.post.title, "Ship It");
    assert_eq!(read.post.tags, ["a"]);

    let (_tmp2, root) = copy("hexo");
    let blog = Blog::open(&root).unwrap();
    let p = blog
        .new_post(&NewPost {
            title: "Hello Hexo".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p, "source/_posts/hello-hexo.md");
    let d = blog
        .new_post(&NewPost {
            title: "Later".into(),
            draft: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(d, "source/_drafts/later.md");
    assert!(blog.read_post(&d).unwrap().post.draft);
}

#[test]
fn bundle_images_resolve_inside_the_blog_only() {
    let blog = Blog::open(fixture("posts")).unwrap();
    let doc = blog
        .read_post("content/posts/ebpf-tcp-retransmit-tracing/index.md")
        .unwrap();
    let out = blog.render_post(&doc, Some("inkstone://localhost/"));
    let local: Vec<_> = out.images.iter().filter_map(|i| i.local.clone()).collect();
    assert!(
        local.contains(&"content/posts/ebpf-tcp-retransmit-tracing/images/arch.png".to_string()),
        "{:?}",
        out.images
    );
    assert!(out.html.contains(
        "src=\"inkstone://localhost/content/posts/ebpf-tcp-retransmit-tracing/images/arch.png\""
    ));
    let tcp = blog
        .read_post("content/posts/linux-tcp-congestion-ops.md")
        .unwrap();
    let out = blog.render_post(&tcp, None);
    assert!(
        out.images
            .iter()
            .any(|i| i.local.as_deref() == Some("static/images/cwnd-sawtooth.png")),
        "{:?}",
        out.images
    );
    // Nothing outside the blog, however it is spelled.
    let evil = blog
        .read_text_as(
            "content/posts/evil.md",
            "![x](../../../../etc/passwd)\n\n![y](/../../etc/passwd)\n",
        )
        .unwrap();
    let out = blog.render_post(&evil, Some("inkstone://localhost/"));
    assert!(
        out.images.iter().all(|i| i.local.is_none()),
        "{:?}",
        out.images
    );
    assert!(!out.html.contains("inkstone://"));
}

#[test]
fn rendered_lines_are_file_lines() {
    let blog = Blog::open(fixture("posts")).unwrap();
    let doc = blog
        .read_post("content/posts/k8s-controller-reconcile-loop.md")
        .unwrap();
    let out = blog.render_post(&doc, None);
    let text = std::fs::read_to_string(blog.root().join(&doc.post.path)).unwrap();
    let first = &out.toc[0];
    let line = text.lines().nth(first.line - 1).unwrap();
    assert!(
        line.starts_with('#') && line.contains(first.text.as_str()),
        "line {} is {line:?}, toc {first:?}",
        first.line
    );
}

#[test]
fn tags_are_counted_with_drafts_apart() {
    let blog = Blog::open(fixture("posts")).unwrap();
    let posts = blog.posts_at(now());
    let tags = blog.tags(&posts);
    assert!(!tags.is_empty());
    for t in &tags {
        let published = posts
            .iter()
            .filter(|p| {
                p.status == Status::Published
                    && p.tags.iter().any(|x| x.eq_ignore_ascii_case(&t.name))
            })
            .count();
        assert_eq!(t.posts, published, "{t:?}");
    }
}

#[test]
fn the_preview_reads_a_post_like_the_library_without_counting_it() {
    for name in ["posts", "hugo-mixed", "jekyll", "hexo"] {
        let blog = Blog::open(fixture(name)).unwrap();
        let mut seen = 0;
        for rel in blog.post_paths() {
            let text = std::fs::read_to_string(blog.root().join(&rel)).unwrap();
            let (Ok(full), Ok(light)) = (
                blog.read_text_as(&rel, &text),
                blog.read_text_for_preview(&rel, &text),
            ) else {
                continue;
            };
            // What the preview renders with is the same...
            assert_eq!(light.body, full.body, "{name}: {rel}");
            assert_eq!(light.body_line, full.body_line, "{name}: {rel}");
            assert_eq!(light.head, full.head, "{name}: {rel}");
            assert_eq!(light.post.cjk, full.post.cjk, "{name}: {rel}");
            assert_eq!(light.post.path, full.post.path, "{name}: {rel}");
            assert_eq!(light.post.title, full.post.title, "{name}: {rel}");
            let (a, b) = (
                blog.render_post(&light, None),
                blog.render_post(&full, None),
            );
            assert_eq!(a.html, b.html, "{name}: {rel}");
            // ...and the whole-body passes are skipped.
            assert_eq!((light.post.words, light.post.summary.as_str()), (0, ""));
            seen += 1;
        }
        assert!(seen > 0, "{name}");
    }
    // Malformed front matter is the same error either way.
    let blog = Blog::open(fixture("posts")).unwrap();
    let bad = "---\ntitle: [unclosed\n---\nbody\n";
    assert_eq!(
        blog.read_text_for_preview("content/posts/bad.md", bad)
            .unwrap_err()
            .to_string(),
        blog.read_text_as("content/posts/bad.md", bad)
            .unwrap_err()
            .to_string()
    );
}
