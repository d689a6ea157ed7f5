//! The one path gate: every path that comes from outside the core — the webview, the command
//! line, the site's config, the repository's own files (the operation journal) — becomes a
//! [`BlogPath`] here before anything reads or writes it, or is refused with the path named.
//!
//! A `BlogPath` is relative to the open blog, `/`-separated, made only of ordinary names (no
//! root, drive, `.` or `..`), never inside `.git/` (whatever its case, or NTFS's `git~1`), and
//! no symlink on its way leaves the blog. [`Blog::writable`] adds what may be written: a post
//! or an image, inside the generator's content, drafts or asset folders. The same rules as
//! git's `verify_path()` (hardened after CVE-2014-9390) and gitoxide's `gix-validate`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::site::Generator;
use crate::{Blog, Error, Result};

/// A path inside the open blog, checked by the gate. Made only by [`Blog::inside`],
/// [`Blog::writable`] or [`inside`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlogPath(String);

impl BlogPath {
    /// The blog-relative path, `/`-separated.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file on disk under `root` (the blog this path was checked against).
    pub fn under(&self, root: &Path) -> PathBuf {
        self.0.split('/').fold(root.to_path_buf(), |p, c| p.join(c))
    }

    /// The folder part (`content/posts` of `content/posts/a.md`; empty at the root).
    pub fn parent(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// The lower-cased extension, if any.
    pub fn extension(&self) -> Option<String> {
        let name = self.0.rsplit('/').next()?;
        let (stem, ext) = name.rsplit_once('.')?;
        (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
    }
}

impl fmt::Display for BlogPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for BlogPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

fn refused(path: &str, reason: &'static str) -> Error {
    Error::Refused {
        path: path.to_string(),
        reason,
    }
}

/// Whether a name is `.git` as some file system would read it: any case, trailing dots or
/// spaces (Windows drops them), or NTFS's short name `GIT~1`.
fn is_git_dir(name: &str) -> bool {
    let trimmed = name.trim_end_matches(['.', ' ']);
    trimmed.eq_ignore_ascii_case(".git") || name.eq_ignore_ascii_case("git~1")
}

/// The lexical half of the gate: `rel`'s names, or why it is refused. Both `/` and `\` separate
/// (a `\` is a separator on Windows, so it is one everywhere); `.` names are dropped.
pub fn components(rel: &str) -> Result<Vec<&str>> {
    if rel.is_empty() {
        return Err(refused(rel, "an empty path"));
    }
    if rel.contains('\0') {
        return Err(refused(rel, "a NUL byte in the path"));
    }
    if rel.starts_with(['/', '\\']) {
        return Err(refused(
            rel,
            "an absolute path; paths are relative to the blog",
        ));
    }
    let bytes = rel.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        return Err(refused(rel, "a drive path; paths are relative to the blog"));
    }
    let mut out = Vec::new();
    for name in rel.split(['/', '\\']) {
        match name {
            "" | "." => continue,
            ".." => return Err(refused(rel, "`..` leaves the blog folder")),
            n if is_git_dir(n) => return Err(refused(rel, "inside .git/, which only git writes")),
            n if n.contains(':') && cfg!(windows) => {
                return Err(refused(rel, "a `:` (an alternate data stream on Windows)"));
            }
            n => out.push(n),
        }
    }
    if out.is_empty() {
        return Err(refused(rel, "the blog folder itself, not a file in it"));
    }
    Ok(out)
}

/// The gate for reading: `rel` checked against the blog at `root` (canonical), following
/// symlinks on the way as far as the path exists.
pub fn inside(root: &Path, rel: &str) -> Result<BlogPath> {
    let names = components(rel)?;
    let mut full = root.to_path_buf();
    for name in &names {
        full.push(name);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let real = dunce::canonicalize(&full).map_err(|e| Error::io(&full, e))?;
                if !real.starts_with(root) {
                    return Err(refused(rel, "a symlink in it leads outside the blog"));
                }
            }
            Ok(_) => {}
            // What does not exist yet cannot lead anywhere.
            Err(_) => break,
        }
    }
    Ok(BlogPath(names.join("/")))
}

/// Whether the lower-cased extension `ext` is an image the preview may show.
pub fn image_mime(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        _ => return None,
    })
}

/// A folder named in the site's config (`contentDir`, `staticDir`, `source_dir`): relative and
/// inside the blog, or refused at open with the key named, never followed.
pub fn config_dir(config: &Path, key: &str, value: &str) -> Result<String> {
    let trimmed = value.trim_end_matches(['/', '\\']);
    if trimmed.is_empty() || trimmed == "." {
        return Ok(String::new());
    }
    components(trimmed)
        .map(|names| names.join("/"))
        .map_err(|e| Error::Config {
            path: config.to_path_buf(),
            line: 1,
            message: format!(
                "{key} = {value:?} is refused: {e}; Inkstone only opens folders inside the blog"
            ),
        })
}

fn under(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

impl Blog {
    /// The read gate: `rel` as a path inside this blog (see [`inside`]).
    pub fn inside(&self, rel: &str) -> Result<BlogPath> {
        inside(self.root(), rel)
    }

    /// The write gate: `rel` inside this blog, a post (Markdown) or an image, in a folder the
    /// generator reads posts, drafts or assets from. Everything else — `.github/`, the config,
    /// themes, scripts — is refused, whoever asks.
    pub fn writable(&self, rel: &str) -> Result<BlogPath> {
        let path = self.inside(rel)?;
        let ext = path.extension().unwrap_or_default();
        let post = crate::scan::MARKDOWN.contains(&ext.as_str());
        let image = image_mime(&ext).is_some();
        if !post && !image {
            return Err(refused(
                rel,
                "not a post or an image (Inkstone writes only Markdown and image files)",
            ));
        }
        let site = self.site();
        let p = path.as_str();
        let allowed = match site.generator {
            Generator::Hugo => {
                under(p, &site.content_dir)
                    || (image
                        && (site.static_dirs.iter().any(|d| under(p, d)) || under(p, "assets")))
            }
            Generator::Jekyll => {
                p.split('/').any(|c| c == "_posts" || c == "_drafts")
                    || (image && ["assets", "images", "img"].iter().any(|d| under(p, d)))
            }
            Generator::Hexo => under(p, &site.content_dir),
        };
        // Build output and dependencies are never the user's posts.
        let generated = p.split('/').any(|c| {
            matches!(
                c,
                "node_modules" | "public" | "_site" | "resources" | "themes" | ".inkstone"
            )
        });
        if !allowed || generated {
            return Err(refused(
                rel,
                "outside the folders the generator reads posts and images from",
            ));
        }
        Ok(path)
    }

    /// The file a checked path names in this blog.
    pub fn file(&self, path: &BlogPath) -> PathBuf {
        path.under(self.root())
    }
}

#[cfg(test)]
mod tests;
