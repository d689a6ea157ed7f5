//! Records the git commit the binary is built from, for `inkstone --version`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(root: &Path, args: &[&str]) -> Option<String> {
    Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    // A source tarball has no repository to ask.
    let commit =
        git(&root, &["rev-parse", "--short=10", "HEAD"]).unwrap_or_else(|| "unknown commit".into());
    println!("cargo:rustc-env=INKSTONE_COMMIT={commit}");
    // Rebuilt when HEAD moves (a commit, a checkout): HEAD itself and the branch it names,
    // wherever git keeps them (a worktree's `.git` is a file); only files that exist, or
    // cargo would run this script on every build.
    let head = git(&root, &["rev-parse", "--git-path", "HEAD"]).map(|p| root.join(p));
    let branch = git(&root, &["symbolic-ref", "-q", "HEAD"])
        .and_then(|r| git(&root, &["rev-parse", "--git-path", &r]))
        .map(|p| root.join(p));
    let packed = git(&root, &["rev-parse", "--git-path", "packed-refs"]).map(|p| root.join(p));
    // A branch whose ref is packed has no file yet: its first commit creates one in the
    // folder, which cargo watches whole.
    let folder = branch
        .as_ref()
        .and_then(|b| b.parent())
        .map(Path::to_path_buf);
    for path in [head, branch, packed, folder]
        .into_iter()
        .flatten()
        .filter(|p: &PathBuf| p.exists())
    {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
