//! Records the git commit the binary is built from, for `inkstone --version`.

use std::path::Path;
use std::process::Command;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let commit = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .current_dir(&root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|c| !c.is_empty());
    // A source tarball has no repository to ask.
    let commit = commit.unwrap_or_else(|| "unknown commit".into());
    println!("cargo:rustc-env=INKSTONE_COMMIT={commit}");
    // Rebuilt when HEAD moves (a commit, a checkout).
    let git = root.join(".git");
    println!("cargo:rerun-if-changed={}", git.join("HEAD").display());
    if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
        && let Some(r) = head.strip_prefix("ref: ")
    {
        println!("cargo:rerun-if-changed={}", git.join(r.trim()).display());
    }
}
