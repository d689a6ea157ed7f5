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
/// [`Blog::writable`] or [`inside`]. It keeps the path as given (what the user and the UI call
/// it) and where it really is once symlinks inside the blog are followed (what is read and
/// written); both passed the gate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlogPath {
    path: String,
    real: String,
}

impl BlogPath {
    /// The blog-relative path, `/`-separated.
    pub fn as_str(&self) -> &str {
        &self.path
    }

    /// Where it really is, relative to the blog: the same unless a symlink inside the blog
    /// leads elsewhere in it.
    pub fn real(&self) -> &str {
        &self.real
    }

    /// The file on disk under `root` (the blog this path was checked against), symlinks
    /// followed: a save through a symlinked post writes the post it points to.
    pub fn under(&self, root: &Path) -> PathBuf {
        self.real
            .split('/')
            .fold(root.to_path_buf(), |p, c| p.join(c))
    }

    /// The lower-cased extension of the file it really is, if any.
    pub fn extension(&self) -> Option<String> {
        extension(&self.real)
    }
}

pub(crate) fn extension(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next()?;
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
}

impl fmt::Display for BlogPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)
    }
}

impl AsRef<str> for BlogPath {
    fn as_ref(&self) -> &str {
        &self.path
    }
}

fn refused(path: &str, reason: &'static str) -> Error {
    Error::Refused {
        path: path.to_string(),
        reason,
    }
}

/// Code points HFS+ ignores when it compares names (git's `is_hfs_dotgit`).
fn hfs_ignorable(c: char) -> bool {
    matches!(c, '\u{200c}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{206a}'..='\u{206f}' | '\u{feff}')
}

/// A name as a case-insensitive file system compares it: HFS+'s ignored code points dropped,
/// trailing dots and spaces dropped (Windows does), lower case.
fn as_compared(name: &str) -> String {
    name.chars()
        .filter(|&c| !hfs_ignorable(c))
        .collect::<String>()
        .trim_end_matches(['.', ' '])
        .to_lowercase()
}

/// Whether a name is `.git` as some file system would read it: any case, trailing dots or
/// spaces, HFS+'s ignored code points, or NTFS's short name `GIT~1`.
fn is_git_dir(name: &str) -> bool {
    let n = as_compared(name);
    n == ".git" || n == "git~1"
}

/// Windows' reserved device names (`con.md` is the console there, whatever the extension).
fn is_windows_device(name: &str) -> bool {
    let stem = as_compared(name);
    let stem = stem.split('.').next().unwrap_or_default();
    matches!(stem, "con" | "prn" | "aux" | "nul" | "conin$" | "conout$")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
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
            n if n.chars().any(|c| {
                c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            }) =>
            {
                return Err(refused(
                    rel,
                    "a control or text-direction character in a name",
                ));
            }
            n if is_git_dir(n) => return Err(refused(rel, "inside .git/, which only git writes")),
            n if n.contains(':') && cfg!(windows) => {
                return Err(refused(rel, "a `:` (an alternate data stream on Windows)"));
            }
            n if cfg!(windows) && (n.ends_with(['.', ' ']) || is_windows_device(n)) => {
                return Err(refused(rel, "a name Windows cannot hold as written"));
            }
            n => out.push(n),
        }
    }
    if out.is_empty() {
        return Err(refused(rel, "the blog folder itself, not a file in it"));
    }
    Ok(out)
}

/// The gate for reading: `rel` checked against the blog at `root` (canonical), and so is
/// where it really is: every symlink on the way (as far as the path exists) is followed, must
/// stay inside the blog, and the path it leads to is checked again (a link to `.git/` is
/// refused like `.git/` itself).
pub fn inside(root: &Path, rel: &str) -> Result<BlogPath> {
    let names = components(rel)?;
    let mut full = root.to_path_buf();
    let mut rest = names.iter();
    for name in rest.by_ref() {
        full.push(name);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let real = dunce::canonicalize(&full).map_err(|e| Error::io(&full, e))?;
                if !real.starts_with(root) {
                    return Err(refused(rel, "a symlink in it leads outside the blog"));
                }
                full = real;
            }
            Ok(_) => {}
            // What does not exist yet cannot lead anywhere: the rest is as written.
            Err(_) => break,
        }
    }
    for name in rest {
        full.push(name);
    }
    let real = full
        .strip_prefix(root)
        .map_err(|_| refused(rel, "a symlink in it leads outside the blog"))?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let real = match components(&real) {
        Ok(names) => names.join("/"),
        Err(_) => {
            return Err(refused(
                rel,
                "a symlink in it leads into .git/ or to the blog folder itself",
            ));
        }
    };
    Ok(BlogPath {
        path: names.join("/"),
        real,
    })
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
/// really inside the blog (a symlinked folder is followed and checked where it leads), or
/// refused at open with the key named, never followed.
pub fn config_dir(root: &Path, config: &Path, key: &str, value: &str) -> Result<String> {
    let trimmed = value.trim_end_matches(['/', '\\']);
    if trimmed.is_empty() || trimmed == "." {
        return Ok(String::new());
    }
    let root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    inside(&root, trimmed)
        .map(|p| p.as_str().to_string())
        .map_err(|e| {
            let why = match &e {
                Error::Refused { reason, .. } => (*reason).to_string(),
                other => other.to_string(),
            };
            Error::Config {
                path: config.to_path_buf(),
                line: 1,
                message: format!(
                    "{key} = {value:?} is refused ({why}): Inkstone only opens folders inside the blog"
                ),
            }
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
        let path = inside(self.root(), rel)?;
        // A file opened alone: its folder is no blog, and nothing else in it is the app's.
        match self.alone_file() {
            Some(name) if path.as_str() != name => Err(refused(
                rel,
                "only the file opened alone is read or written",
            )),
            _ => Ok(path),
        }
    }

    /// The write gate: `rel` inside this blog, a post (Markdown) or an image, in a folder the
    /// generator reads posts, drafts or assets from. Everything else — `.github/`, the config,
    /// themes, scripts — is refused, whoever asks.
    pub fn writable(&self, rel: &str) -> Result<BlogPath> {
        let path = self.inside(rel)?;
        // Where it is written, and what it is called: both must be a post or image in the
        // generator's folders (a symlinked post leads to another post, nowhere else).
        self.may_write(rel, path.as_str())?;
        self.may_write(rel, path.real())?;
        Ok(path)
    }

    fn may_write(&self, rel: &str, p: &str) -> Result<()> {
        let ext = extension(p).unwrap_or_default();
        let post = crate::scan::MARKDOWN.contains(&ext.as_str());
        let image = image_mime(&ext).is_some();
        if !post && !image {
            return Err(refused(
                rel,
                "not a post or an image (Inkstone writes only Markdown and image files)",
            ));
        }
        // Hidden folders and files (`.github/`, `.inkstone/`, `.obsidian/`) are no one's posts.
        if p.split('/').any(|c| c.starts_with('.')) {
            return Err(refused(rel, "inside a hidden folder or a hidden file"));
        }
        // A file opened alone is the one file written: not an image beside it, not another post.
        if let Some(name) = self.alone_file() {
            return if post && p == name {
                Ok(())
            } else {
                Err(refused(
                    rel,
                    "only the file opened alone is read or written",
                ))
            };
        }
        let site = self.site();
        let allowed = match site.generator {
            Generator::Hugo => {
                under(p, &site.content_dir)
                    || site.languages.content_dirs().any(|d| under(p, d))
                    || (image
                        && (site.static_dirs.iter().any(|d| under(p, d)) || under(p, "assets")))
            }
            Generator::Jekyll => {
                p.split('/').any(|c| c == "_posts" || c == "_drafts")
                    || (image && ["assets", "images", "img"].iter().any(|d| under(p, d)))
            }
            Generator::Hexo => under(p, &site.content_dir),
        };
        // Build output and dependencies (the one junk rule), themes and Hugo's resources are
        // never the user's posts; `content/resources/` may well be a section.
        let top = p.split('/').next().unwrap_or_default();
        let generated =
            matches!(top, "resources" | "themes") || crate::junk::Junk::shared().is_junk(p, false);
        if !allowed || generated {
            return Err(refused(
                rel,
                "outside the folders the generator reads posts and images from",
            ));
        }
        Ok(())
    }

    /// The file a checked path names in this blog.
    pub fn file(&self, path: &BlogPath) -> PathBuf {
        path.under(self.root())
    }
}

#[cfg(test)]
mod tests;
