//! The trust boundary from the command line: a cloned blog's own files (its config and an
//! operation journal) and hostile arguments never reach outside the blog, and a refusal says
//! what and where with nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn inkstone(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A private Hugo blog next to an `outside/` folder holding a file an attacker would like to
/// change.
struct Sandbox {
    _dir: tempfile::TempDir,
    blog: PathBuf,
    victim: PathBuf,
    script: PathBuf,
}

fn sandbox() -> Sandbox {
    let dir = tempfile::tempdir().unwrap();
    let blog = dir.path().join("blog");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(blog.join("content/posts")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(blog.join("hugo.toml"), "title = 'T'\n").unwrap();
    std::fs::write(
        blog.join("content/posts/a.md"),
        "---\ntitle: A\n---\nİẞ straße and more text\n",
    )
    .unwrap();
    let victim = outside.join("victim.txt");
    std::fs::write(&victim, "original\n").unwrap();
    let script = outside.join("script.sh");
    std::fs::write(&script, "#!/bin/sh\necho hi\n").unwrap();
    Sandbox {
        _dir: dir,
        blog,
        victim,
        script,
    }
}

impl Sandbox {
    /// Every file outside the blog is as it was, and nothing new appeared next to the blog.
    fn untouched(&self, what: &str) {
        assert_eq!(
            std::fs::read_to_string(&self.victim).unwrap(),
            "original\n",
            "{what}"
        );
        assert_eq!(
            std::fs::read_to_string(&self.script).unwrap(),
            "#!/bin/sh\necho hi\n",
            "{what}"
        );
        let parent = self.blog.parent().unwrap();
        let mut names: Vec<String> = std::fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["blog", "outside"], "{what}");
    }
}

fn refused(out: &Output, words: &str, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
    assert!(stderr.contains(words), "{what}: {stderr}");
    assert_eq!(
        stderr.trim().lines().count(),
        1,
        "{what}: one line: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

#[test]
fn a_committed_operation_journal_cannot_write_outside_the_blog() {
    let s = sandbox();
    std::fs::create_dir_all(s.blog.join(".inkstone")).unwrap();
    let journal = serde_json::json!({"changes": [{
        "path": s.victim.display().to_string(),
        "before": "original\n",
        "after": "PWNED\n",
    }]});
    std::fs::write(s.blog.join(".inkstone/operation.json"), journal.to_string()).unwrap();
    for args in [&["list"][..], &["tags"], &["search", "x"]] {
        let out = inkstone(&s.blog, &[args, &["--blog", "."]].concat());
        refused(&out, "operation.json", &format!("{args:?}"));
        s.untouched(&format!("{args:?}"));
    }
}

#[test]
fn hostile_arguments_are_refused_with_nothing_written() {
    let s = sandbox();
    let script = s.script.display().to_string();
    let cases: &[(&[&str], &str)] = &[
        (&["draft", "../outside/script.sh"], "refused"),
        (&["draft", &script], "outside the blog"),
        (&["draft", "hugo.toml"], "refused"),
        (&["draft", ".git/config"], "refused"),
        (&["new", "--title", "x", "--slug", "../../x"], "refused"),
        (
            &["new", "--title", "x", "--slug", "../../../outside/victim"],
            "refused",
        ),
        (
            &["new", "--title", "x", "--slug", "/tmp/inkstone-abs"],
            "refused",
        ),
        (&["new", "--title", "x", "--slug", "a\nb"], "refused"),
        (&["new", "--title", "x", "--slug", "\u{202e}gpj"], "refused"),
    ];
    std::fs::create_dir_all(s.blog.join(".git")).unwrap();
    std::fs::write(s.blog.join(".git/config"), "[core]\n").unwrap();
    for (args, words) in cases {
        let out = inkstone(&s.blog, &[*args, &["--blog", "."]].concat());
        refused(&out, words, &format!("{args:?}"));
        s.untouched(&format!("{args:?}"));
        assert_eq!(
            std::fs::read_to_string(s.blog.join(".git/config")).unwrap(),
            "[core]\n"
        );
        assert_eq!(
            std::fs::read_to_string(s.blog.join("hugo.toml")).unwrap(),
            "title = 'T'\n"
        );
    }
    assert!(!Path::new("/tmp/inkstone-abs.md").exists());
}

#[test]
fn a_config_that_puts_content_outside_the_blog_is_refused() {
    let s = sandbox();
    for config in [
        "contentDir = '../outside'\n",
        "contentDir = '/etc'\n",
        "staticDir = '../outside'\n",
    ] {
        std::fs::write(s.blog.join("hugo.toml"), config).unwrap();
        for args in [&["list"][..], &["new", "--title", "x"]] {
            let out = inkstone(&s.blog, &[args, &["--blog", "."]].concat());
            refused(&out, "refused", config);
            s.untouched(config);
        }
    }
}

#[test]
fn search_for_a_letter_after_characters_that_change_length_finds_it() {
    let s = sandbox();
    let out = inkstone(&s.blog, &["search", "ß", "--json", "--blog", "."]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["path"], "content/posts/a.md");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("straße"));
}

/// A cloned blog's symlinks and special files: a "post" that is a link to `.git/config`, to a
/// file outside, to `/dev/zero`, or a FIFO, is not read (no leak, no hang, no memory blow-up).
#[cfg(unix)]
#[test]
fn symlinked_and_special_files_are_not_read_as_posts() {
    let s = sandbox();
    let posts = s.blog.join("content/posts");
    std::fs::create_dir_all(s.blog.join(".git")).unwrap();
    std::fs::write(s.blog.join(".git/config"), "[remote]\nsecretmarker = 1\n").unwrap();
    std::fs::write(
        s.victim.with_file_name("secret.md"),
        "secretmarker outside\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../../.git/config", posts.join("gc.md")).unwrap();
    std::os::unix::fs::symlink(s.victim.with_file_name("secret.md"), posts.join("out.md")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", posts.join("zero.md")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(posts.join("fifo.md"))
        .status()
        .unwrap();
    assert!(fifo.success());
    for args in [
        &["list", "--json"][..],
        &["search", "secretmarker", "--json"],
        &["tags"],
    ] {
        let out = inkstone(&s.blog, args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for name in ["gc.md", "out.md", "zero.md", "fifo.md", "secretmarker"] {
            assert!(!stdout.contains(name), "{args:?} shows {name}: {stdout}");
        }
    }
    // Asked for by name, a special file is refused, not read.
    let out = inkstone(&s.blog, &["stats", "content/posts/zero.md"]);
    refused(&out, "not a regular file", "stats /dev/zero");
}

/// Two commands writing one blog at once wait for each other: both renames land, both exit 0.
#[test]
fn two_writers_at_once_take_turns_and_lose_nothing() {
    let s = sandbox();
    for i in 0..30 {
        std::fs::write(
            s.blog.join(format!("content/posts/p{i}.md")),
            format!("---\ntitle: P{i}\ntags: [alpha, beta]\n---\ntext\n"),
        )
        .unwrap();
    }
    let spawn = |from: &str, to: &str| {
        Command::new(env!("CARGO_BIN_EXE_inkstone"))
            .args(["tags", "rename", from, to])
            .current_dir(&s.blog)
            .output()
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| spawn("alpha", "one").unwrap());
        let b = scope.spawn(|| spawn("beta", "two").unwrap());
        (a.join().unwrap(), b.join().unwrap())
    });
    for out in [&a, &b] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for i in 0..30 {
        let text = std::fs::read_to_string(s.blog.join(format!("content/posts/p{i}.md"))).unwrap();
        assert!(text.contains("one") && text.contains("two"), "p{i}: {text}");
        assert!(
            !text.contains("alpha") && !text.contains("beta"),
            "p{i}: {text}"
        );
    }
    assert!(!s.blog.join(".inkstone/operation.json").exists());
}
