//! `kill -9` during bulk tag renames, 100 times over 2,000 generated posts: at every kill each
//! file is wholly old or wholly new (never truncated, never a mix), and once the blog is
//! opened again the operation is finished or was never started — all files agree — with no
//! temp file left behind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const POSTS: usize = 2000;
const KILLS: usize = 100;

fn post(i: usize, tag: &str) -> String {
    format!(
        "---\ntitle: \"Post {i} 第{i}篇\"\ndate: 2024-01-{:02}\ntags:\n  - {tag}\n  - topic-{}\n---\n\n{}\n",
        i % 28 + 1,
        i % 7,
        "正文 body text for the crash test. ".repeat(20)
    )
}

fn rename(site: &Path, from: &str, to: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["tags", "rename", from, to, "--blog"])
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Which tag each post has now; panics on any file that is neither version.
fn versions(site: &Path) -> (usize, usize) {
    let (mut alpha, mut beta) = (0, 0);
    for i in 0..POSTS {
        let text = std::fs::read_to_string(site.join(format!("content/posts/p{i}.md"))).unwrap();
        if text == post(i, "alpha") {
            alpha += 1;
        } else if text == post(i, "beta") {
            beta += 1;
        } else {
            panic!(
                "p{i}.md is neither old nor new ({} bytes):\n{text}",
                text.len()
            );
        }
    }
    (alpha, beta)
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for e in walk(dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".tmp") {
            found.push(e.display().to_string());
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn kill_9_during_bulk_renames_never_leaves_a_half_renamed_blog() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    std::fs::create_dir_all(site.join("content/posts")).unwrap();
    std::fs::write(site.join("hugo.toml"), "title = 'crash'\n").unwrap();
    for i in 0..POSTS {
        std::fs::write(
            site.join(format!("content/posts/p{i}.md")),
            post(i, "alpha"),
        )
        .unwrap();
    }
    // One uninterrupted run tells how long a rename takes here; kills land inside it.
    let start = Instant::now();
    assert!(rename(&site, "alpha", "beta").wait().unwrap().success());
    let full = start.elapsed();
    assert_eq!(versions(&site), (0, POSTS));

    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("seed {seed}, one rename takes {full:?}");
    let mut current = "beta";
    let mut interrupted = 0;
    for round in 0..KILLS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full.as_micros() as u64 + 1));
        let other = if current == "alpha" { "beta" } else { "alpha" };
        let mut child = rename(&site, current, other);
        std::thread::sleep(delay);
        let killed = child.kill().is_ok();
        let status = child.wait().unwrap();
        if killed && !status.success() {
            interrupted += 1;
        }
        // At the moment of the kill: every file wholly one version.
        let (a, b) = versions(&site);
        assert_eq!(a + b, POSTS);
        // Opening the blog again finishes or forgets the operation: one version everywhere.
        let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
            .args(["tags", "--json", "--blog"])
            .arg(&site)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (a, b) = versions(&site);
        assert!(
            a == POSTS || b == POSTS,
            "round {round} (delay {delay:?}): {a} alpha / {b} beta after recovery"
        );
        current = if a == POSTS { "alpha" } else { "beta" };
        let stray = temp_files(&site);
        assert!(
            stray.is_empty(),
            "round {round}: temp files left: {stray:?}"
        );
        assert!(
            !site.join(".inkstone").exists(),
            "round {round}: journal left: {:?}",
            walk(&site.join(".inkstone"))
        );
    }
    eprintln!("{interrupted} of {KILLS} renames were killed mid-way");
    assert!(
        interrupted >= KILLS / 2,
        "the kills should mostly land inside a rename"
    );
}
