//! The `inkstone` binary end to end, on private copies of the fixture blogs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::repo;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn inkstone(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = inkstone(args, None);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_json_has_the_documented_fields() {
    let blog = repo().join("posts");
    let out = ok(&["list", "--json", "--blog", blog.to_str().unwrap()]);
    let posts: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(posts.len() >= 8);
    for p in &posts {
        for key in [
            "path",
            "title",
            "date",
            "draft",
            "status",
            "tags",
            "categories",
            "words",
            "reading_minutes",
            "summary",
        ] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
        assert!(!p["path"].as_str().unwrap().contains('\\'));
        assert!(p["words"].as_u64().unwrap() > 0, "{p}");
    }
    assert_eq!(posts.iter().filter(|p| p["draft"] == true).count(), 2);
    assert_eq!(
        posts.iter().filter(|p| p["status"] == "scheduled").count(),
        1
    );
}

#[test]
fn list_text_marks_drafts() {
    let out = ok(&["list", "--blog", repo().join("posts").to_str().unwrap()]);
    assert_eq!(
        out.lines().filter(|l| l.contains(" draft ")).count(),
        2,
        "{out}"
    );
}

#[test]
fn render_reads_stdin_with_or_without_front_matter() {
    let out = inkstone(
        &["render", "-"],
        Some("---\ntitle: x\n---\n# Hi\n\n<script>alert(1)</script>\n"),
    );
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("<h1 id=\"hi\" data-line=\"4\">Hi</h1>"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");
    let out = inkstone(&["render", "-"], Some("plain *text*\n"));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "<p data-line=\"1\">plain <em>text</em></p>\n"
    );
}

#[test]
fn render_a_file_of_the_blog() {
    let blog = repo().join("posts");
    let file = blog.join("content/posts/ebpf-tcp-retransmit-tracing/index.md");
    let html = ok(&[
        "render",
        file.to_str().unwrap(),
        "--blog",
        blog.to_str().unwrap(),
    ]);
    assert!(html.contains("<pre class=\"code\""), "{html}");
}

#[test]
fn stats_json_counts_like_hugo() {
    let out = inkstone(&["stats", "-", "--json"], Some("你好世界 hello world\n"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["words"], 6);
    assert_eq!(v["reading_minutes"], 1);
    assert_eq!(v["characters"], 14);
}

#[test]
fn new_creates_then_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("posts"), &blog);
    let b = blog.to_str().unwrap();
    let path = ok(&[
        "new",
        "--blog",
        b,
        "--title",
        "调度器 Scheduler 笔记",
        "--tag",
        "kubernetes",
        "--tag",
        "调度",
        "--draft",
    ]);
    let path = path.trim();
    assert_eq!(path, "content/posts/diao-du-qi-scheduler-bi-ji.md");
    let text = std::fs::read_to_string(blog.join(path)).unwrap();
    assert!(
        text.contains("draft: true") && text.contains("\"调度\""),
        "{text}"
    );
    let again = inkstone(
        &["new", "--blog", b, "--title", "调度器 Scheduler 笔记"],
        None,
    );
    assert!(!again.status.success());
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(
        err.contains("already exists") && err.lines().count() == 1,
        "{err}"
    );
    let listed = ok(&["list", "--json", "--blog", b]);
    assert!(listed.contains(path));
}

#[test]
fn tags_json_counts() {
    let out = ok(&[
        "tags",
        "--json",
        "--blog",
        repo().join("posts").to_str().unwrap(),
    ]);
    let tags: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(
        tags.iter()
            .any(|t| t["name"] == "kubernetes" && t["posts"].as_u64().unwrap() >= 2),
        "{out}"
    );
}

#[test]
fn failures_exit_nonzero_with_one_line() {
    for (args, needle) in [
        (
            vec!["list", "--blog", "/definitely/not/here"],
            "no such folder",
        ),
        (
            vec![
                "list",
                "--blog",
                repo()
                    .join("tests/fixtures/not-a-blog")
                    .to_str()
                    .unwrap()
                    .to_string()
                    .leak(),
            ],
            "not a Hugo, Jekyll or Hexo blog",
        ),
        (vec!["render", "/definitely/not/here.md"], "not/here.md"),
    ] {
        let out = inkstone(&args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
    }
}

#[test]
fn help_everywhere() {
    for cmd in ["list", "render", "stats", "new", "tags", "categories"] {
        let out = ok(&[cmd, "--help"]);
        assert!(out.contains("--blog"), "{cmd}: {out}");
    }
}

/// `--blog` names any folder of the blog, like `git -C`: the blog is found from there.
#[test]
fn blog_may_name_a_folder_inside_the_blog() {
    let blog = repo().join("posts");
    let whole = ok(&["list", "--blog", blog.to_str().unwrap()]);
    let inside = blog.join("content/posts");
    assert_eq!(ok(&["list", "--blog", inside.to_str().unwrap()]), whole);
}

/// A tag no post has is said (a typo, most likely), with exit status 1; a dry run says that
/// nothing was written. Read-only on the sample blog: neither writes.
#[test]
fn a_tag_no_post_has_is_said_and_a_dry_run_says_so() {
    let blog = repo().join("posts");
    let blog = blog.to_str().unwrap();
    let out = inkstone(
        &["tags", "rename", "kubernets", "k8s", "--blog", blog],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "inkstone: no post has the tag `kubernets`: nothing changed\n"
    );
    // A tag renamed to itself changes nothing, and is no error.
    let out = inkstone(
        &["tags", "rename", "tcp", "tcp", "--dry-run", "--blog", blog],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = inkstone(
        &["tags", "rename", "tcp", "TCP", "--dry-run", "--blog", blog],
        None,
    );
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("would change (--dry-run: nothing was written)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn search_finds_chinese_inside_a_sentence_with_a_snippet() {
    let blog = repo().join("posts");
    let out = ok(&["search", "调谐", "--json", "--blog", blog.to_str().unwrap()]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(
        hits[0]["path"],
        "content/posts/k8s-controller-reconcile-loop.md"
    );
    assert!(
        hits[0]["snippet"]
            .as_str()
            .unwrap()
            .contains("\"调谐\"循环"),
        "{out}"
    );
    // Every word must match: two words that never meet in one post find nothing.
    let out = ok(&[
        "search",
        "调谐 errgroup",
        "--json",
        "--blog",
        blog.to_str().unwrap(),
    ]);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn draft_moves_a_jekyll_post_and_git_records_the_rename() {
    let sb = inkstone_testserver::Sandbox::new();
    let blog = sb.root.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("tests/fixtures/jekyll"), &blog);
    sb.git(&blog, &["init", "-q", "-b", "main"]);
    sb.git(&blog, &["add", "-A"]);
    sb.git(&blog, &["commit", "-qm", "init"]);
    let run = |args: &[&str]| {
        let out = sb
            .command(env!("CARGO_BIN_EXE_inkstone"))
            .args(args)
            .arg("--blog")
            .arg(&blog)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let to = run(&["draft", "_posts/2024-02-10-brutal-cc.md"]);
    assert_eq!(to.trim(), "_drafts/brutal-cc.md");
    let status = sb.git(&blog, &["status", "--porcelain"]);
    assert!(
        status.contains("R  _posts/2024-02-10-brutal-cc.md -> _drafts/brutal-cc.md"),
        "{status}"
    );
    let back = run(&["draft", "--off", "_drafts/brutal-cc.md"]);
    assert_eq!(back.trim(), "_posts/2024-02-10-brutal-cc.md");
    // Back where it was, with its date kept in the front matter: git sees one small edit.
    let diff = sb.git(&blog, &["diff", "HEAD", "--stat"]);
    assert!(
        diff.contains("_posts/2024-02-10-brutal-cc.md | 1 +"),
        "{diff}"
    );
}

/// A Jekyll post whose file name has an impossible date (and no `date:`) is listed with the
/// error Jekyll stops on, not as a post without a date.
#[test]
fn a_jekyll_name_with_an_impossible_date_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path();
    std::fs::create_dir_all(blog.join("_posts")).unwrap();
    std::fs::write(blog.join("_config.yml"), "title: t\n").unwrap();
    std::fs::write(
        blog.join("_posts/2024-13-40-x.md"),
        "---\ntitle: X\n---\nbody\n",
    )
    .unwrap();
    std::fs::write(
        blog.join("_posts/2024-13-41-y.md"),
        "---\ntitle: Y\ndate: 2024-01-02\n---\nbody\n",
    )
    .unwrap();
    let list: serde_json::Value =
        serde_json::from_str(&common::inkstone(blog, &["list", "--json"])).unwrap();
    let error = |path: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .unwrap()
            .get("error")
            .cloned()
    };
    let x = error("_posts/2024-13-40-x.md").expect("an error");
    assert!(x.as_str().unwrap().contains("not a date"), "{x}");
    assert_eq!(
        error("_posts/2024-13-41-y.md"),
        None,
        "a date: of its own counts"
    );
}
