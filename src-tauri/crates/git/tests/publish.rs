//! Publishing against a local bare repository: what is committed, how the remote's commits
//! are brought in, and that every refusal leaves the repository exactly as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use inkstone_git::{Auth, ChangeKind, Error, Options, publish};
use inkstone_testserver::Sandbox;

struct World {
    sb: Sandbox,
    bare: PathBuf,
    blog: PathBuf,
}

/// A sandboxed git (the developer's config never leaks in), a bare "server" repository and
/// a clone of it holding a small Hugo blog.
fn world() -> World {
    let sb = common::sandbox();
    let bare = sb.bare_repo("blog");
    let blog = sb.root.path().join("blog");
    sb.git(
        sb.root.path(),
        &[
            "clone",
            "-q",
            bare.to_str().unwrap(),
            blog.to_str().unwrap(),
        ],
    );
    write(
        &blog,
        "hugo.toml",
        "title = \"Test\"\nbaseURL = \"https://example.org/\"\n",
    );
    write(
        &blog,
        "content/posts/bbr.md",
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nline one\nline two\n",
    );
    write(
        &blog,
        "content/posts/ebpf.md",
        "---\ntitle: \"eBPF 跟踪\"\ndate: 2024-02-03\n---\n\n正文\n",
    );
    World { sb, bare, blog }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn no_auth() -> Auth {
    Auth {
        tokens: None,
        ssh_dir: None,
        known_hosts: vec![],
        passphrase: None,
        trust_fingerprint: None,
    }
}

fn run(w: &World) -> inkstone_git::Result<inkstone_git::Outcome> {
    publish(&w.blog, &Options::default(), &no_auth(), &|_| {})
}

/// Everything a user could lose or notice: HEAD, the index file, the status, the files.
fn snapshot(w: &World) -> (String, Vec<u8>, String, String) {
    let head = w.sb.git(&w.blog, &["rev-parse", "HEAD"]);
    let index = std::fs::read(w.blog.join(".git/index")).unwrap_or_default();
    let status = w.sb.git(&w.blog, &["status", "--porcelain=v1", "-uall"]);
    let post = std::fs::read_to_string(w.blog.join("content/posts/bbr.md")).unwrap();
    (head, index, status, post)
}

/// What a plan would send, as (path, kind).
fn kinds(plan: &inkstone_git::Plan) -> Vec<(&str, ChangeKind)> {
    plan.changes
        .iter()
        .map(|c| (c.path.as_str(), c.kind))
        .collect()
}

fn remote_log(w: &World) -> String {
    w.sb.git(&w.bare, &["log", "--format=%s", "main"])
}

/// Another writer pushes to the remote from a second clone.
fn push_from_elsewhere(w: &World, rel: &str, text: &str) {
    let other = w.sb.root.path().join("other");
    if !other.exists() {
        w.sb.git(
            w.sb.root.path(),
            &[
                "clone",
                "-q",
                w.bare.to_str().unwrap(),
                other.to_str().unwrap(),
            ],
        );
    } else {
        w.sb.git(&other, &["pull", "-q"]);
    }
    write(&other, rel, text);
    w.sb.git(&other, &["add", "-A"]);
    w.sb.git(&other, &["commit", "-qm", &format!("edit {rel} elsewhere")]);
    w.sb.git(&other, &["push", "-q", "origin", "main"]);
}

#[test]
fn first_push_commits_posts_but_not_build_output_or_editor_junk() {
    let w = world();
    write(&w.blog, "public/index.html", "<html>");
    write(&w.blog, "content/posts/.bbr.md.swp", "junk");
    write(&w.blog, ".gitignore", "secret.txt\n");
    write(&w.blog, "secret.txt", "not for the site");

    let plan = inkstone_git::plan(&w.blog).unwrap();
    let paths: Vec<&str> = plan.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            ".gitignore",
            "content/posts/bbr.md",
            "content/posts/ebpf.md",
            "hugo.toml"
        ]
    );
    assert!(
        plan.message.starts_with("Add \"TCP BBR\", \"eBPF 跟踪\""),
        "{}",
        plan.message
    );
    assert_eq!(
        (plan.branch.as_str(), plan.remote.as_str()),
        ("main", "origin")
    );

    let out = run(&w).unwrap();
    assert!(out.published);
    let files = w.sb.git(&w.bare, &["ls-tree", "-r", "--name-only", "main"]);
    assert_eq!(files.lines().collect::<Vec<_>>(), paths);
    assert_eq!(remote_log(&w).trim(), "Add \"TCP BBR\", \"eBPF 跟踪\"");
    // The clone is clean afterwards, its index included, and tracks the remote.
    let status = w.sb.git(&w.blog, &["status", "--porcelain=v1"]);
    assert_eq!(status, "?? content/posts/.bbr.md.swp\n?? public/\n");
    assert_eq!(
        w.sb.git(&w.blog, &["rev-parse", "--abbrev-ref", "main@{upstream}"])
            .trim(),
        "origin/main"
    );

    // A second publish has nothing to do.
    let again = run(&w).unwrap();
    assert!(!again.published);
}

#[test]
fn edits_renames_and_deletions_are_published_with_a_custom_message() {
    let w = world();
    run(&w).unwrap();
    write(
        &w.blog,
        "content/posts/bbr.md",
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nline one, edited\nline two\n",
    );
    std::fs::rename(
        w.blog.join("content/posts/ebpf.md"),
        w.blog.join("content/posts/ebpf-tracing.md"),
    )
    .unwrap();
    std::fs::remove_file(w.blog.join("hugo.toml")).unwrap();
    let plan = inkstone_git::plan(&w.blog).unwrap();
    let kinds = kinds(&plan);
    assert_eq!(
        kinds,
        [
            ("content/posts/bbr.md", ChangeKind::Modified),
            ("content/posts/ebpf-tracing.md", ChangeKind::Renamed),
            ("hugo.toml", ChangeKind::Deleted)
        ]
    );
    let options = Options {
        message: Some("Tidy up\n\nby hand".into()),
    };
    publish(&w.blog, &options, &no_auth(), &|_| {}).unwrap();
    assert_eq!(remote_log(&w).lines().next(), Some("Tidy up"));
    let files = w.sb.git(&w.bare, &["ls-tree", "-r", "--name-only", "main"]);
    assert_eq!(
        files,
        "content/posts/bbr.md\ncontent/posts/ebpf-tracing.md\n"
    );
}

#[test]
fn remote_ahead_without_conflict_is_rebased_and_brought_into_the_working_tree() {
    let w = world();
    run(&w).unwrap();
    push_from_elsewhere(
        &w,
        "content/posts/ebpf.md",
        "---\ntitle: \"eBPF 跟踪\"\ndate: 2024-02-03\n---\n\n改过的正文\n",
    );
    write(
        &w.blog,
        "content/posts/bbr.md",
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nline one\nline two\nline three\n",
    );

    let progress = std::sync::Mutex::new(Vec::new());
    let out = publish(&w.blog, &Options::default(), &no_auth(), &|p| {
        progress.lock().unwrap().push(p)
    })
    .unwrap();
    assert!(out.published);
    assert_eq!(out.remote_commits, 1);
    let log = remote_log(&w);
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "Update \"TCP BBR\"",
            "edit content/posts/ebpf.md elsewhere",
            "Add \"TCP BBR\", \"eBPF 跟踪\""
        ]
    );
    // Linear history, the other writer's change is here, the user's edit too.
    assert_eq!(w.sb.git(&w.blog, &["rev-list", "--merges", "HEAD"]), "");
    assert!(
        std::fs::read_to_string(w.blog.join("content/posts/ebpf.md"))
            .unwrap()
            .contains("改过的正文")
    );
    assert!(
        std::fs::read_to_string(w.blog.join("content/posts/bbr.md"))
            .unwrap()
            .contains("line three")
    );
    assert_eq!(w.sb.git(&w.blog, &["status", "--porcelain=v1"]), "");
    let stages: Vec<_> = progress.into_inner().unwrap();
    assert!(
        stages.contains(&inkstone_git::Progress::Rebasing { commits: 1 }),
        "{stages:?}"
    );
}

#[test]
fn a_conflict_with_the_remote_changes_nothing_here() {
    let w = world();
    run(&w).unwrap();
    push_from_elsewhere(
        &w,
        "content/posts/bbr.md",
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nline one from elsewhere\nline two\n",
    );
    write(
        &w.blog,
        "content/posts/bbr.md",
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nline one from here\nline two\n",
    );
    let before = snapshot(&w);

    let err = run(&w).unwrap_err();
    match &err {
        Error::Conflict { files } => assert_eq!(files, &["content/posts/bbr.md"]),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(
        err.to_string().contains("Nothing was changed here"),
        "{err}"
    );
    assert_eq!(
        snapshot(&w),
        before,
        "HEAD, index, status and the post must be untouched"
    );
    assert!(
        !w.blog.join(".git/rebase-merge").exists() && !w.blog.join(".git/rebase-apply").exists()
    );
}

#[test]
fn a_stale_index_lock_is_reported_and_left_alone() {
    let w = world();
    run(&w).unwrap();
    write(&w.blog, "content/posts/new.md", "---\ntitle: New\n---\nx\n");
    write(&w.blog, ".git/index.lock", "");
    let before = snapshot(&w);
    let err = run(&w).unwrap_err();
    assert!(matches!(err, Error::Locked(_)), "{err:?}");
    assert!(err.to_string().contains("index.lock exists"), "{err}");
    assert_eq!(snapshot(&w), before);
    assert!(w.blog.join(".git/index.lock").exists());
    assert_eq!(
        remote_log(&w).lines().count(),
        1,
        "nothing more reached the remote"
    );
}

#[test]
fn a_detached_head_is_refused() {
    let w = world();
    run(&w).unwrap();
    w.sb.git(&w.blog, &["checkout", "-q", "--detach"]);
    write(&w.blog, "content/posts/new.md", "---\ntitle: New\n---\nx\n");
    let err = run(&w).unwrap_err();
    assert!(matches!(err, Error::Detached(_)), "{err:?}");
    assert!(err.to_string().contains("git switch"), "{err}");
    assert_eq!(remote_log(&w).lines().count(), 1);
}

#[test]
fn without_an_upstream_it_pushes_to_origin_and_sets_it() {
    let w = world();
    run(&w).unwrap();
    w.sb.git(&w.blog, &["switch", "-q", "-c", "drafts"]);
    write(&w.blog, "content/posts/new.md", "---\ntitle: New\n---\nx\n");
    let out = run(&w).unwrap();
    assert!(out.published);
    assert_eq!(out.branch, "drafts");
    assert_eq!(
        w.sb.git(&w.bare, &["log", "-1", "--format=%s", "drafts"])
            .trim(),
        "Add \"New\""
    );
    assert_eq!(
        w.sb.git(&w.blog, &["rev-parse", "--abbrev-ref", "drafts@{upstream}"])
            .trim(),
        "origin/drafts"
    );
}

#[test]
fn without_a_remote_it_says_how_to_add_one() {
    let w = world();
    w.sb.git(&w.blog, &["remote", "remove", "origin"]);
    let err = run(&w).unwrap_err();
    assert!(matches!(err, Error::NoRemote), "{err:?}");
    assert!(err.to_string().contains("git remote add origin"), "{err}");
}

#[test]
fn without_an_author_nothing_is_committed_until_one_is_saved() {
    let w = world();
    run(&w).unwrap();
    write(&w.blog, "content/posts/new.md", "---\ntitle: New\n---\nx\n");
    std::fs::write(w.sb.home.join(".gitconfig"), "").unwrap();
    let before = snapshot(&w);
    let err = run(&w).unwrap_err();
    assert!(matches!(err, Error::NoIdentity), "{err:?}");
    assert_eq!(snapshot(&w), before);
    inkstone_git::save_identity(&w.blog, "Ada", "ada@example.org").unwrap();
    run(&w).unwrap();
    assert_eq!(
        w.sb.git(&w.bare, &["log", "-1", "--format=%an <%ae> %s"])
            .trim(),
        "Ada <ada@example.org> Add \"New\""
    );
}

#[test]
fn drafts_and_future_posts_are_warned_about() {
    let w = world();
    write(
        &w.blog,
        "content/posts/wip.md",
        "---\ntitle: WIP\ndraft: true\n---\nx\n",
    );
    write(
        &w.blog,
        "content/posts/later.md",
        "---\ntitle: Later\ndate: 2999-01-01\n---\nx\n",
    );
    let plan = inkstone_git::plan(&w.blog).unwrap();
    let text = plan.warnings.join("\n");
    assert!(text.contains("\"WIP\" is a draft"), "{text}");
    assert!(
        text.contains("\"Later\" is dated in the future (2999-01-01"),
        "{text}"
    );
    assert!(text.contains("no GitHub Actions workflow"), "{text}");
}

#[test]
fn the_working_tree_is_published_whatever_the_index_holds() {
    let w = world();
    run(&w).unwrap();
    let bbr = std::fs::read_to_string(w.blog.join("content/posts/bbr.md")).unwrap();
    // Staged, then put back in the working tree: nothing to publish there.
    write(&w.blog, "content/posts/bbr.md", "---\ntitle: staged\n---\n");
    w.sb.git(&w.blog, &["add", "content/posts/bbr.md"]);
    write(&w.blog, "content/posts/bbr.md", &bbr);
    // Added to the index, then deleted from the working tree: nothing either.
    write(&w.blog, "content/posts/gone.md", "---\ntitle: Gone\n---\n");
    w.sb.git(&w.blog, &["add", "content/posts/gone.md"]);
    std::fs::remove_file(w.blog.join("content/posts/gone.md")).unwrap();
    // Removed from the index but still in the working tree: still published.
    w.sb.git(&w.blog, &["rm", "-q", "--cached", "content/posts/ebpf.md"]);
    // An edit that was never staged: published.
    write(&w.blog, "hugo.toml", "title = \"Test, edited\"\n");

    let plan = inkstone_git::plan(&w.blog).unwrap();
    let kinds = kinds(&plan);
    assert_eq!(kinds, [("hugo.toml", ChangeKind::Modified)]);
    run(&w).unwrap();
    let files = w.sb.git(&w.bare, &["ls-tree", "-r", "--name-only", "main"]);
    assert_eq!(
        files,
        "content/posts/bbr.md\ncontent/posts/ebpf.md\nhugo.toml\n"
    );
    let published = w.sb.git(&w.bare, &["show", "main:content/posts/bbr.md"]);
    assert_eq!(published, bbr);
    let status = w.sb.git(&w.blog, &["status", "--porcelain=v1", "-uall"]);
    assert_eq!(status, "");
}
