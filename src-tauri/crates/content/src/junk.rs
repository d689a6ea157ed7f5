//! The one rule for files that are nobody's writing: the generators' build output and caches,
//! dependencies, editor backups and temp files, Inkstone's own temp files, and whatever the
//! blog's `.gitignore` leaves out. The watcher, publish and the post scan all ask here.
//! Written in `.gitignore` syntax and matched by the `ignore` crate (ripgrep's).

use std::path::Path;
use std::sync::OnceLock;

use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// Inkstone's own rules, in `.gitignore` syntax.
const RULES: &[&str] = &[
    // Build output and caches of Hugo, Jekyll and Hexo.
    "/public/",
    "/resources/_gen/",
    "/_site/",
    ".jekyll-cache/",
    ".jekyll-metadata",
    ".sass-cache/",
    ".deploy_git/",
    ".hugo_build.lock",
    "node_modules/",
    // git's own folder, and Inkstone's journal of a bulk operation.
    ".git/",
    ".inkstone/",
    // Editors: vim's swap files and its `4913` probe, `~` backups, emacs' lock and autosave
    // files, Office's owner files; download and copy temp files; OS litter.
    "*.swp",
    "*.swo",
    "*.swx",
    "*~",
    ".#*",
    "\\#*#",
    "4913",
    "~$*",
    "*.crdownload",
    "*.part",
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
    // Inkstone's atomic writes (a temp file renamed over the post).
    ".inkstone-*.tmp",
];

/// The rule, compiled once per blog.
#[derive(Debug, Clone)]
pub struct Junk {
    builtin: Gitignore,
    blog: Option<Gitignore>,
}

fn builtin() -> Gitignore {
    let mut b = GitignoreBuilder::new("");
    for rule in RULES {
        // The rules are ours and valid; one that were not would only match nothing.
        let _ = b.add_line(None, rule);
    }
    b.build().unwrap_or_else(|_| Gitignore::empty())
}

impl Junk {
    /// Inkstone's rules alone (for a file that belongs to no blog, and in tests).
    pub fn builtin() -> Junk {
        Junk {
            builtin: builtin(),
            blog: None,
        }
    }

    /// Inkstone's rules alone, compiled once for the process.
    pub fn shared() -> &'static Junk {
        static SHARED: OnceLock<Junk> = OnceLock::new();
        SHARED.get_or_init(Junk::builtin)
    }

    /// Inkstone's rules and the blog's own top-level `.gitignore`. An unreadable or partly
    /// invalid `.gitignore` counts for what of it could be read.
    pub fn for_blog(root: &Path) -> Junk {
        let file = root.join(".gitignore");
        let blog = file.is_file().then(|| {
            let mut b = GitignoreBuilder::new(root);
            let _ = b.add(&file);
            b.build().unwrap_or_else(|_| Gitignore::empty())
        });
        Junk {
            builtin: builtin(),
            blog,
        }
    }

    /// Whether `rel` (relative to the blog, `/`-separated) is junk, or inside a folder that is.
    pub fn is_junk(&self, rel: &str, is_dir: bool) -> bool {
        let rel = rel.trim_start_matches('/');
        if rel.is_empty() {
            return false;
        }
        let path = Path::new(rel);
        self.builtin
            .matched_path_or_any_parents(path, is_dir)
            .is_ignore()
            || self
                .blog
                .as_ref()
                .is_some_and(|g| g.matched_path_or_any_parents(path, is_dir).is_ignore())
    }

    /// Whether a file name alone is junk wherever it stands (an editor's temp file).
    pub fn is_junk_name(&self, name: &str) -> bool {
        self.builtin.matched(Path::new(name), false).is_ignore()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_output_and_editor_temp_files_are_junk_posts_are_not() {
        let junk = Junk::builtin();
        for path in [
            "public/index.html",
            "_site/feed.xml",
            "resources/_gen/images/a.png",
            ".hugo_build.lock",
            ".jekyll-cache/x",
            "node_modules/hexo/index.js",
            ".git/index",
            ".inkstone/operation.json",
            "content/posts/.a.md.swp",
            "content/posts/a.md~",
            "content/posts/.#a.md",
            "content/posts/#a.md#",
            "content/posts/4913",
            "content/posts/.inkstone-1a2b.tmp",
            "content/posts/~$draft.docx",
            "static/.DS_Store",
        ] {
            assert!(junk.is_junk(path, false), "{path}");
        }
        for path in [
            "content/posts/a.md",
            "content/posts/#hashtag.md",
            "static/images/public.png",
            "content/public/x.md",
            "publications/x.md",
            "resources/images/a.png",
            ".github/workflows/pages.yml",
        ] {
            assert!(!junk.is_junk(path, false), "{path}");
        }
    }

    #[test]
    fn the_blogs_gitignore_counts_too() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".gitignore"),
            "# local notes\nnotes/\n*.bak\n!keep.bak\n",
        )
        .unwrap();
        let junk = Junk::for_blog(dir.path());
        assert!(junk.is_junk("notes/idea.md", false));
        assert!(junk.is_junk("content/posts/a.md.bak", false));
        assert!(!junk.is_junk("content/posts/keep.bak", false));
        assert!(!junk.is_junk("content/posts/a.md", false));
        // Without a .gitignore, only the built-in rules.
        let bare = tempfile::tempdir().unwrap();
        assert!(!Junk::for_blog(bare.path()).is_junk("notes/idea.md", false));
    }
}
