//! The sample blog (`posts/`) is built into the app; with no blog given, Inkstone opens a
//! private copy of it, so the checkout (or the installed app) is never written to.

use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};

static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../posts");

/// Build output that may sit in a developer's `posts/`; never copied.
fn skipped(path: &Path) -> bool {
    path.components().next().is_some_and(|c| {
        matches!(
            c.as_os_str().to_str(),
            Some("public" | "resources" | ".hugo_build.lock")
        )
    })
}

fn extract(dir: &Dir<'_>, dest: &Path) -> std::io::Result<()> {
    for entry in dir.entries() {
        if skipped(entry.path()) {
            continue;
        }
        match entry {
            DirEntry::Dir(d) => {
                std::fs::create_dir_all(dest.join(d.path()))?;
                extract(d, dest)?;
            }
            DirEntry::File(f) => {
                let target = dest.join(f.path());
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(target, f.contents())?;
            }
        }
    }
    Ok(())
}

/// The private copy of the sample blog under `data_dir`, made on first use.
pub fn sample_blog(data_dir: &Path) -> std::io::Result<PathBuf> {
    let dest = data_dir.join("sample-blog");
    if !dest.join("hugo.toml").is_file() {
        std::fs::create_dir_all(&dest)?;
        extract(&SAMPLE, &dest)?;
    }
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_is_a_blog_with_the_sample_posts() {
        let dir = tempfile::tempdir().unwrap();
        let root = sample_blog(dir.path()).unwrap();
        let blog = inkstone_content::Blog::open(&root).unwrap();
        assert!(blog.posts().len() >= 8);
        // A second call keeps the user's edits.
        std::fs::write(
            root.join("content/posts/mine.md"),
            "---\ntitle: mine\n---\n",
        )
        .unwrap();
        sample_blog(dir.path()).unwrap();
        assert!(root.join("content/posts/mine.md").is_file());
    }
}
