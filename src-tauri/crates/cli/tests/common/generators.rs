//! Asking the real generators: `tests/compat/*-dump.sh` builds a site with Debian's `hugo` or
//! `jekyll` and dumps what it computes for every post; `inkstone` must agree.

#![allow(dead_code)] // each test file uses its share

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::{inkstone, repo};

pub fn dump(script: &str, site: &Path) -> Vec<Value> {
    let out_file = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new(repo().join("tests/compat").join(script))
        .arg(site)
        .arg(out_file.path())
        .env("TZ", "UTC")
        .status()
        .unwrap_or_else(|e| panic!("{script}: {e} (is the generator installed? `make deps-test`)"));
    assert!(status.success(), "{script} {} failed", site.display());
    serde_json::from_str(&std::fs::read_to_string(out_file.path()).unwrap()).unwrap()
}

pub fn ours(site: &Path) -> Vec<Value> {
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

pub fn compare(script: &str, site: &Path, min_posts: usize) {
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
            // Hexo's dump has no counts or terms (those need its plugins).
            if t.get(key).is_some() && t[key] != o[key] {
                mismatches.push(format!(
                    "{path} {key}: generator {} / inkstone {}",
                    t[key], o[key]
                ));
            }
        }
        for key in ["publish_date", "expiry_date", "lang", "translations", "url"] {
            // Hugo's empty address of a page it does not render is our null.
            let theirs = match &t[key] {
                Value::String(s) if key == "url" && s.is_empty() => Value::Null,
                v => v.clone(),
            };
            if t.get(key).is_some() && theirs != o[key] {
                mismatches.push(format!(
                    "{path} {key}: generator {} / inkstone {}",
                    t[key], o[key]
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Writes `files` (path, text) under `root`.
pub fn write_all(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Builds `site` with the real `hugo` into `out`.
pub fn hugo_build(site: &Path, out: &Path) {
    let status = std::process::Command::new("hugo")
        .args(["--quiet", "-s"])
        .arg(site)
        .arg("-d")
        .arg(out)
        .status()
        .expect("hugo (make test installs it)");
    assert!(status.success(), "hugo failed on {}", site.display());
}

/// `inkstone check` finds nothing in `site`.
#[allow(dead_code)] // not every test file checks
pub fn assert_checks_clean(site: &Path) {
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["check", "--blog"])
        .arg(site)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// A site of generated pages for `hugo` (CJK counting on, as Chinese blogs set it).
pub fn hugo_pages(site: &Path, pages: &[String]) {
    let mut files = vec![(
        "hugo.toml".to_string(),
        "baseURL = 'https://example.org/'\ntitle = 'gen'\nhasCJKLanguage = true\n".to_string(),
    )];
    for (i, body) in pages.iter().enumerate() {
        files.push((
            format!("content/posts/p{i:03}.md"),
            format!("---\ntitle: p{i}\ndate: 2024-01-01T00:00:00+08:00\n---\n\n{body}\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(site, &files);
}

pub fn our_html(site: &Path, post: &str) -> String {
    let file = site.join(post).display().to_string();
    let out: Value = serde_json::from_str(&inkstone(site, &["render", "--json", &file])).unwrap();
    out["html"].as_str().unwrap().to_string()
}

pub fn their_html(script: &str, site: &Path, path: &str) -> String {
    let dump = dump(script, site);
    let post = dump
        .iter()
        .find(|p| p["path"] == path)
        .unwrap_or_else(|| panic!("{path} in {dump:?}"));
    post["html"].as_str().unwrap().to_string()
}
