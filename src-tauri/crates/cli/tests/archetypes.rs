//! `inkstone new` makes a post the way `hugo new` does from the site's archetype: the same
//! file, byte for byte but the moment in the date, checked against Debian's real `hugo`; an
//! archetype with template functions Inkstone does not fill is said and not guessed at.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

const POSTS: &str = r#"+++
title = '{{ replace .File.ContentBaseName "-" " " | title }}'
date = {{ .Date }}
draft = true
tags = []
categories = ["Notes"]
toc = true
slug = "{{ .Name }}"
# kept as written
+++

## TL;DR

"#;

const DEFAULT: &str = r#"---
title: "{{ replace .Name "-" " " | title }}"
date: {{ .Date }}
draft: true
---
"#;

fn site(dir: &Path) {
    std::fs::create_dir_all(dir.join("archetypes")).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("hugo.toml"),
        "title = \"Notes\"\nbaseURL = \"https://example.org/\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("archetypes/posts.md"), POSTS).unwrap();
    std::fs::write(dir.join("archetypes/default.md"), DEFAULT).unwrap();
}

/// The file with its date's moment (which differs by the second) cut out, and that moment's
/// form (`Z` for UTC, as Go prints it) checked.
fn without_moment(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once("date = ") {
            Some((_, d)) => {
                assert!(
                    d.len() == 20 && d.ends_with('Z') && d.as_bytes()[10] == b'T',
                    "{l}"
                );
                "date = <moment>".to_string()
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The real `hugo new posts/my-first-post.md` in `site` (in UTC).
fn hugo_new(site: &Path) {
    let made = Command::new("hugo")
        .args(["new", "posts/my-first-post.md"])
        .current_dir(site)
        .env("TZ", "UTC")
        .output()
        .expect("hugo (apt-get install hugo)");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
}

/// `inkstone new --title "My First Post" --draft` in `site` (in UTC), which must succeed.
fn inkstone_new_first_post(site: &Path) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["--blog"])
        .arg(site)
        .args(["new", "--title", "My First Post", "--draft"])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn a_post_is_what_hugo_new_makes_from_the_archetype() {
    let tmp = tempfile::tempdir().unwrap();
    let (theirs, ours) = (tmp.path().join("hugo"), tmp.path().join("inkstone"));
    site(&theirs);
    site(&ours);
    hugo_new(&theirs);
    let o = inkstone_new_first_post(&ours);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "content/posts/my-first-post.md"
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("made from archetypes/posts.md"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let hugo = std::fs::read_to_string(theirs.join("content/posts/my-first-post.md")).unwrap();
    let inkstone = std::fs::read_to_string(ours.join("content/posts/my-first-post.md")).unwrap();
    assert_eq!(without_moment(&inkstone), without_moment(&hugo));

    // The user's own title and tags go in, in the archetype's quoting; the rest stays.
    let o = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["--blog"])
        .arg(&ours)
        .args([
            "new",
            "--title",
            "It's BBR 拥塞控制",
            "--slug",
            "bbr",
            "--tag",
            "tcp",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(ours.join("content/posts/bbr.md")).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"It's BBR 拥塞控制\"\n"),
        "{text}"
    );
    // Neither --draft nor --no-draft: the archetype's `draft` stays, as `hugo new` keeps it.
    assert!(text.contains("draft = true\n"), "{text}");
    assert!(text.contains("tags = [\"tcp\"]\n"), "{text}");
    assert!(
        text.contains("slug = \"bbr\"\n# kept as written\n+++\n\n## TL;DR\n"),
        "{text}"
    );
    let listed = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["--blog"])
        .arg(&ours)
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("It's BBR 拥塞控制"));

    // --no-draft: a post the site shows, over the archetype's `draft = true`.
    let o = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["--blog"])
        .arg(&ours)
        .args(["new", "--title", "Shown", "--no-draft"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(ours.join("content/posts/shown.md")).unwrap();
    assert!(text.contains("draft = false\n"), "{text}");
}

/// With no archetype of the site's, a new Hugo post is a draft, as `hugo new` makes it from
/// Hugo's own archetype; `--no-draft` makes a post the site shows. Checked against the real
/// `hugo new` on the same site.
#[test]
fn with_no_archetype_a_new_hugo_post_is_a_draft_as_hugo_new_makes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = |dir: &Path| {
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::write(dir.join("hugo.toml"), "title = \"Notes\"\n").unwrap();
    };
    let (theirs, ours) = (tmp.path().join("hugo"), tmp.path().join("inkstone"));
    plain(&theirs);
    plain(&ours);
    hugo_new(&theirs);
    let hugo = std::fs::read_to_string(theirs.join("content/posts/my-first-post.md")).unwrap();
    assert!(hugo.contains("draft: true"), "{hugo}");
    let new = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_inkstone"))
            .args(["--blog"])
            .arg(&ours)
            .arg("new")
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
        std::fs::read_to_string(ours.join(path)).unwrap()
    };
    assert!(new(&["--title", "First"]).contains("draft: true"));
    assert!(new(&["--title", "Second", "--no-draft"]).contains("draft: false"));
    let both = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["--blog"])
        .arg(&ours)
        .args(["new", "--title", "x", "--draft", "--no-draft"])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2), "a usage error");
}

#[test]
fn an_archetype_inkstone_cannot_fill_is_said_and_the_post_made_the_default_way() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    std::fs::write(
        tmp.path().join("archetypes/posts.md"),
        "---\ntitle: \"{{ .Name }}\"\nauthor: \"{{ .Site.Params.author }}\"\n---\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["--blog"])
        .arg(tmp.path())
        .args(["new", "--title", "Hello"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("archetypes/posts.md uses template functions Inkstone does not fill"),
        "{err}"
    );
    let text = std::fs::read_to_string(tmp.path().join("content/posts/hello.md")).unwrap();
    assert!(!text.contains("{{"), "{text}");
    assert!(text.contains("title"), "{text}");
}

/// A theme's archetype is used when the site has none, and `.Site.Params` reads the site's
/// params over the theme's defaults, keys matched ignoring case as Hugo matches them (the
/// site's `Author` over the theme's `author`): the same file as the real `hugo new`.
#[test]
fn a_themes_archetype_with_site_params_is_what_hugo_new_makes() {
    let tmp = tempfile::tempdir().unwrap();
    let (theirs, ours) = (tmp.path().join("hugo"), tmp.path().join("inkstone"));
    for dir in [&theirs, &ours] {
        std::fs::create_dir_all(dir.join("themes/paper/archetypes")).unwrap();
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::write(
            dir.join("hugo.toml"),
            "title = \"Notes\"\nbaseURL = \"https://example.org/\"\ntheme = \"paper\"\n[Params]\nAuthor = \"Ada\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("themes/paper/hugo.toml"),
            "[params]\ntagline = \"Kernel notes\"\nauthor = \"Theme default\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("themes/paper/archetypes/default.md"),
            "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = {{ .Date }}\nauthor = \"{{ .Site.Params.author }}\"\ndescription = \"{{ .Site.Params.tagline }}\"\ndraft = true\n+++\n",
        )
        .unwrap();
    }
    hugo_new(&theirs);
    let o = inkstone_new_first_post(&ours);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("made from themes/paper/archetypes/default.md"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let hugo = std::fs::read_to_string(theirs.join("content/posts/my-first-post.md")).unwrap();
    let inkstone = std::fs::read_to_string(ours.join("content/posts/my-first-post.md")).unwrap();
    assert!(
        hugo.contains("author = \"Ada\"") && hugo.contains("Kernel notes"),
        "{hugo}"
    );
    assert_eq!(without_moment(&inkstone), without_moment(&hugo));
}
