//! What the CLI's test files share.

use std::path::{Path, PathBuf};

/// The repository's root (the sample blog is `posts/` there).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .unwrap()
}
