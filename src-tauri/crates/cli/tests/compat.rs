//! "Exactly as the generator computes it": the real `hugo` and `jekyll` build the fixture
//! sites and dump what they think of every post; `inkstone list --json` must agree.
//! `make test` installs Debian's hugo and jekyll.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::repo;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn dump(script: &str, site: &Path) -> Vec<Value> {
    let out_file = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new(repo().join("tests/compat").join(script))
        .arg(site)
        .arg(out_file.path())
        .env("TZ", "UTC")
        .status()
        .unwrap_or_else(|e| panic!("{script}: {e} (is the generator installed? `make test-deps`)"));
    assert!(status.success(), "{script} {} failed", site.display());
    serde_json::from_str(&std::fs::read_to_string(out_file.path()).unwrap()).unwrap()
}

fn ours(site: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["list", "--json", "--blog"])
        .arg(site)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn compare(script: &str, site: &Path, min_posts: usize) {
    let theirs = dump(script, site);
    let ours = ours(site);
    assert!(
        theirs.len() >= min_posts,
        "{} lists only {} posts",
        script,
        theirs.len()
    );
    let mut mismatches = Vec::new();
    let ours_paths: Vec<&str> = ours.iter().map(|p| p["path"].as_str().unwrap()).collect();
    let their_paths: Vec<&str> = theirs.iter().map(|p| p["path"].as_str().unwrap()).collect();
    let mut a = ours_paths.clone();
    let mut b = their_paths.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same posts");
    for t in &theirs {
        let path = t["path"].as_str().unwrap();
        let o = ours.iter().find(|p| p["path"] == path).unwrap();
        for key in [
            "title",
            "date",
            "draft",
            "tags",
            "categories",
            "words",
            "reading_minutes",
        ] {
            if t[key] != o[key] {
                mismatches.push(format!(
                    "{path} {key}: generator {} / inkstone {}",
                    t[key], o[key]
                ));
            }
        }
        for key in ["publish_date", "expiry_date"] {
            if t.get(key).is_some() && t[key] != o[key] {
                mismatches.push(format!(
                    "{path} {key}: generator {} / inkstone {}",
                    t[key], o[key]
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn hugo_agrees_on_the_sample_blog() {
    compare("hugo-dump.sh", &repo().join("posts"), 9);
}

#[test]
fn hugo_agrees_on_edge_cases() {
    compare(
        "hugo-dump.sh",
        &repo().join("tests/fixtures/hugo-mixed"),
        10,
    );
}

#[test]
fn jekyll_agrees() {
    compare("jekyll-dump.sh", &repo().join("tests/fixtures/jekyll"), 6);
}

fn inkstone(site: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(args)
        .arg("--blog")
        .arg(site)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn term_counts(site: &Path, which: &str) -> Vec<(String, u64, u64)> {
    let v: Vec<Value> = serde_json::from_str(&inkstone(site, &[which, "--json"])).unwrap();
    v.iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["posts"].as_u64().unwrap(),
                t["unpublished"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn count_of(counts: &[(String, u64, u64)], name: &str) -> Option<(u64, u64)> {
    counts
        .iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, p, u)| (*p, *u))
}

#[test]
fn tag_operations_leave_a_site_hugo_builds_with_the_new_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("posts"), &site);
    let before = term_counts(&site, "tags");
    let tcp = count_of(&before, "tcp").unwrap();
    let go = count_of(&before, "go").unwrap();

    // The dry run lists files and writes nothing.
    let listed = inkstone(&site, &["tags", "rename", "tcp", "networking", "--dry-run"]);
    assert_eq!(listed.lines().count() as u64, tcp.0 + tcp.1);
    assert_eq!(term_counts(&site, "tags"), before);

    inkstone(&site, &["tags", "rename", "tcp", "networking"]);
    inkstone(
        &site,
        &["tags", "merge", "go", "concurrency", "--into", "golang"],
    );
    inkstone(&site, &["tags", "delete", "内核"]);
    inkstone(&site, &["categories", "rename", "网络", "Networking"]);
    let after = term_counts(&site, "tags");
    assert_eq!(count_of(&after, "networking"), Some(tcp));
    assert_eq!(count_of(&after, "tcp"), None);
    assert_eq!(count_of(&after, "内核"), None);
    let golang = count_of(&after, "golang").unwrap();
    assert!(golang.0 + golang.1 >= go.0 + go.1, "{after:?}");
    assert!(count_of(&term_counts(&site, "categories"), "Networking").is_some());
    assert!(!site.join(".inkstone").exists(), "no journal left behind");
    // Hugo builds the changed site and sees exactly the tags we list.
    compare("hugo-dump.sh", &site, 9);
}

#[test]
fn tag_operations_leave_a_site_jekyll_builds_with_the_new_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("tests/fixtures/jekyll"), &site);
    let tcp = count_of(&term_counts(&site, "tags"), "tcp").unwrap();
    inkstone(&site, &["tags", "rename", "tcp", "networking"]);
    assert_eq!(
        count_of(&term_counts(&site, "tags"), "networking"),
        Some(tcp)
    );
    // `tags: linux tcp kernel` stays a space-separated string.
    let text = std::fs::read_to_string(site.join("_posts/2024-03-18-tcp-retransmit.md")).unwrap();
    assert!(text.contains("tags: linux networking kernel\n"), "{text}");
    compare("jekyll-dump.sh", &site, 6);
}

/// Writes `files` (path, text) under `root`.
fn write_all(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Which files Jekyll takes as posts and drafts, and their dates: generated names and folders
/// (short dates, two-digit years, rolled-over days, nested folders, special first characters,
/// `exclude` with Jekyll's defaults), built by the real `jekyll` and compared with our list.
#[test]
fn jekyll_reads_the_same_files_as_posts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let post = |title: &str| format!("---\ntitle: \"{title}\"\ntags: [t]\n---\nSome words here.\n");
    let mut files: Vec<(String, String)> = vec![(
        "_config.yml".into(),
        "title: names\ntimezone: Asia/Shanghai\nexclude: [archive, \"old-*\"]\n".into(),
    )];
    // Names: the date matcher, `\d{2,4}-\d{1,2}-\d{1,2}-`, and what is not dated.
    for name in [
        "2024-03-09-full.md",
        "2024-3-5-short.md",
        "2024-03-5-mixed.md",
        "24-1-2-two-digit-year.md",
        "99-12-31-last-century.md",
        "2024-02-30-rolled-over.md",
        "2024-01-01-.md",
        "2024-1-1-中文-标题.md",
        "2024-01-01-dots.in.name.md",
        "2024-01-01-upper.MD",
        "2024-01-01-x.markdown",
        "20240101-no-dashes.md",
        "2024-01-01.md",
        "not-dated.md",
        "_2024-01-01-underscore.md",
        "#2024-01-01-hash.md",
        "~2024-01-01-tilde.md",
        ".2024-01-01-dot.md",
    ] {
        files.push((format!("_posts/{name}"), post(name)));
    }
    // Folders: nested inside _posts, categories above it, special and excluded ones.
    for path in [
        "_posts/2024/2024-04-01-nested.md",
        "_posts/2024/05/2024-5-1-deeper.md",
        "_posts/_private/2024-04-02-private.md",
        "_posts/.hidden/2024-04-03-hidden.md",
        "notes/_posts/2024-04-04-category.md",
        "a/b/_posts/2024-4-5-two-categories.md",
        "_layouts/_posts/2024-04-06-special-folder.md",
        "archive/_posts/2024-04-07-excluded.md",
        "old-2019/_posts/2019-04-07-excluded-glob.md",
        "node_modules/_posts/2024-04-08-default-excluded.md",
        "vendor/bundle/_posts/2024-04-09-vendor-bundle.md",
        "vendor/_posts/2024-04-10-vendor-itself.md",
        "public/_posts/2024-04-11-public-is-a-folder-like-any.md",
        "_drafts/draft-one.md",
        "_drafts/2024-04-12-dated-draft.md",
        "_drafts/sub/nested-draft.md",
        "notes/_drafts/category-draft.md",
    ] {
        files.push((path.into(), post(path)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&site, &files);
    compare("jekyll-dump.sh", &site, 15);
}
