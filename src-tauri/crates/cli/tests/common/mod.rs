//! What the CLI's test files share.

use std::path::{Path, PathBuf};

pub mod generators;

/// The repository's root (the sample blog is `posts/` there).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .unwrap()
}

/// Runs `inkstone ARGS --blog BLOG` (times in UTC) and returns its standard output; a failure
/// fails the test with the command's standard error.
#[allow(dead_code)] // not every test file runs the CLI this way
pub fn inkstone(blog: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(args)
        .arg("--blog")
        .arg(blog)
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
