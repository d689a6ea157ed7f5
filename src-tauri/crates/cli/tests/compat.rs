//! "Exactly as the generator computes it": the real `hugo` and `jekyll` build the fixture
//! sites and dump what they think of every post; `inkstone list --json` must agree.
//! `make test` installs Debian's hugo and jekyll.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .unwrap()
}

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
