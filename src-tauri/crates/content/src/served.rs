//! What the built site serves, and where a post's reference lands on it: one resolver for the
//! preview and `inkstone check`. A reference is resolved as the browser will on the published
//! page (against the post's address), and the address is mapped back to the blog file the
//! generator publishes there: Hugo's static folders and page-bundle resources, every file of
//! a Jekyll site outside its `_` folders, Hexo's `source/` and post asset folders.

use std::path::Path;

use crate::Post;
use crate::site::{Generator, Site};

/// Where a reference in a page points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site (`https:`, `mailto:`, `//host`, `data:`): not checked.
    External,
    /// `#id` on the same page.
    Anchor(String),
    /// A path on the host (percent-decoded), with its `#fragment`.
    Path {
        path: String,
        fragment: Option<String>,
    },
    /// A relative reference in a page whose address is not known.
    Unknown,
}

/// Where `reference`, written in the page at `page_url` (a host path such as
/// `/blog/posts/a/`), points.
pub fn target(page_url: Option<&str>, reference: &str) -> Target {
    let reference = reference.trim();
    let scheme = reference.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    });
    if scheme || reference.starts_with("//") {
        return Target::External;
    }
    let (rest, fragment) = match reference.split_once('#') {
        Some((r, f)) => (r, Some(crate::images::percent_decode(f))),
        None => (reference, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    if rest.is_empty() {
        return match fragment {
            Some(f) => Target::Anchor(f),
            None => Target::External,
        };
    }
    let joined = if rest.starts_with('/') {
        rest.to_string()
    } else {
        let Some(page) = page_url else {
            return Target::Unknown;
        };
        let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{rest}")
    };
    Target::Path {
        path: dot_segments(&crate::images::percent_decode(&joined)),
        fragment,
    }
}

/// An image's `src` as the generator writes it into the page: Hexo's Markdown renderer
/// (hexo-renderer-marked, `prependRoot` on by default) passes every local image through
/// `url_for`, which puts `root` before it, relative or not (`arch.png` → `/blog/arch.png`);
/// Hugo and Jekyll leave it as written.
pub fn image_src(site: &Site, src: &str) -> String {
    let external = src.starts_with('#')
        || src.starts_with("//")
        || src.starts_with('\\')
        || matches!(target(None, src), Target::External);
    let crate::permalink::Permalinks::Hexo(hexo) = &site.permalinks else {
        return src.to_string();
    };
    // With `postAsset`, a relative image is the post's asset, at the post's own address.
    let relative_asset = hexo.post_asset && !src.starts_with('/');
    if external || !hexo.images_under_root || relative_asset {
        return src.to_string();
    }
    let mut out = String::new();
    for c in format!("{}{src}", site.base_path()).chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// RFC 3986's `remove_dot_segments` for an absolute path.
fn dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// A file looked up on disk by its name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Blog-relative path of the file.
    Found(String),
    /// Only a file whose name differs in case exists (it works on macOS and Windows, and is
    /// missing on GitHub Pages): its real path.
    CaseDiffers(String),
    Missing,
}

/// Looks `rel` up component by component, names compared exactly, never outside the blog.
pub fn lookup(root: &Path, rel: &str) -> Lookup {
    let canonical = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut real: Vec<String> = Vec::new();
    let mut case = false;
    let names: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    if names.is_empty() {
        return Lookup::Missing;
    }
    for name in &names {
        let dir = real.iter().fold(root.to_path_buf(), |p, n| p.join(n));
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Lookup::Missing;
        };
        let entries: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        if entries.iter().any(|e| e == name) {
            real.push((*name).to_string());
        } else if let Some(e) = entries
            .iter()
            .find(|e| e.to_lowercase() == name.to_lowercase())
        {
            case = true;
            real.push(e.clone());
        } else {
            return Lookup::Missing;
        }
    }
    let path = real.join("/");
    match crate::gate::inside(&canonical, &path) {
        Ok(p) if p.under(&canonical).is_file() => {
            if case {
                Lookup::CaseDiffers(path)
            } else {
                Lookup::Found(path)
            }
        }
        _ => Lookup::Missing,
    }
}

/// The files the built site serves, by address.
pub struct Served<'a> {
    root: &'a Path,
    site: &'a Site,
    /// The site's path on the host (`/blog/`).
    base: String,
    /// Folders published at an address of their own: (address, blog folder) — Hugo bundles,
    /// Hexo post asset folders — longest address first.
    folders: Vec<(String, String)>,
}

impl<'a> Served<'a> {
    /// `posts`: the blog's listing (their addresses place bundles and asset folders).
    pub fn new(root: &'a Path, site: &'a Site, posts: &[Post]) -> Self {
        let mut folders: Vec<(String, String)> = Vec::new();
        for p in posts {
            let Some(url) = p.url.as_deref() else {
                continue;
            };
            let Some((dir, file)) = p.path.rsplit_once('/') else {
                continue;
            };
            let folder = match site.generator {
                Generator::Hugo if file.starts_with("index.") || file.starts_with("_index.") => {
                    Some(dir.to_string())
                }
                Generator::Hexo if site.post_asset_folder => {
                    p.path.rsplit_once('.').map(|(stem, _)| stem.to_string())
                }
                _ => None,
            };
            if let Some(folder) = folder {
                // Addresses are kept percent-encoded; references are compared decoded.
                let url = crate::images::percent_decode(url);
                let url = if url.ends_with('/') {
                    url
                } else {
                    format!("{url}/")
                };
                folders.push((url, folder));
            }
        }
        folders.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        Served {
            root,
            site,
            base: site.base_path(),
            folders,
        }
    }

    /// Whether `file` (blog-relative) is in a folder, or below one, that holds a leaf bundle's
    /// `index.md` (in any language).
    fn in_leaf_bundle(&self, file: &str) -> bool {
        let content = self.site.content_dir.as_str();
        let mut dir = file.rsplit_once('/').map_or("", |(d, _)| d);
        while dir.len() > content.len() {
            let is_bundle = std::fs::read_dir(self.root.join(dir)).is_ok_and(|d| {
                d.filter_map(|e| e.ok())
                    .any(|e| e.file_name().to_string_lossy().starts_with("index."))
            });
            if is_bundle {
                return true;
            }
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        }
        false
    }

    /// The site's path on the host (`/` or `/blog/`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The blog file served at host path `path` (decoded, from `/`).
    pub fn file_at(&self, path: &str) -> Lookup {
        let Some(inner) = path.strip_prefix(self.base.as_str()).or_else(|| {
            (path.len() + 1 == self.base.len() && self.base.starts_with(path)).then_some("")
        }) else {
            return Lookup::Missing;
        };
        let mut candidates: Vec<String> = Vec::new();
        // Pages are not files the site serves as they are (a bundle's `notes.md`, `index.md`).
        let page = [".md", ".markdown", ".mdown", ".mkd", ".mkdn"]
            .iter()
            .any(|e| path.to_ascii_lowercase().ends_with(e));
        for (url, folder) in &self.folders {
            if let Some(rest) = path.strip_prefix(url.as_str())
                && !page
            {
                candidates.push(format!("{folder}/{rest}"));
            }
        }
        let hidden = |p: &str| {
            p.split('/')
                .any(|s| s.starts_with('_') || s.starts_with('.'))
        };
        match self.site.generator {
            Generator::Hugo => {
                // A section's files that are not pages are its resources, published at their
                // path in the content folder — unless they belong to a leaf bundle, which
                // publishes them at its own address.
                let mut files = vec![format!("{}/{inner}", self.site.content_dir)];
                // A language's own content folder, at its address (under `/<lang>/` unless
                // it is the default language at the root).
                let langs = &self.site.languages;
                for l in &langs.list {
                    let Some(dir) = &l.content_dir else { continue };
                    let prefix = if l.code == langs.default && !langs.default_in_subdir {
                        String::new()
                    } else {
                        format!("{}/", l.code)
                    };
                    if let Some(rest) = inner.strip_prefix(prefix.as_str()) {
                        files.push(format!("{dir}/{rest}"));
                    }
                }
                for file in files {
                    if !page && !self.in_leaf_bundle(&file) {
                        candidates.push(file);
                    }
                }
                for d in &self.site.static_dirs {
                    candidates.push(if d.is_empty() {
                        inner.to_string()
                    } else {
                        format!("{d}/{inner}")
                    });
                }
            }
            Generator::Jekyll if !hidden(inner) => {
                candidates.push(inner.to_string());
                // Stylesheets are built from Sass.
                if let Some(stem) = inner.strip_suffix(".css") {
                    candidates.push(format!("{stem}.scss"));
                    candidates.push(format!("{stem}.sass"));
                }
            }
            Generator::Hexo if !hidden(inner) => {
                candidates.push(format!("{}/{inner}", self.site.content_dir))
            }
            _ => {}
        }
        // A folder's address serves its `index.html`.
        if path.ends_with('/') {
            let with_index: Vec<String> = candidates
                .iter()
                .map(|c| format!("{c}index.html"))
                .collect();
            candidates.extend(with_index);
        }
        let mut case = None;
        for c in candidates {
            match lookup(self.root, &c) {
                Lookup::Found(f) => return Lookup::Found(f),
                Lookup::CaseDiffers(f) if case.is_none() => case = Some(f),
                _ => {}
            }
        }
        case.map_or(Lookup::Missing, Lookup::CaseDiffers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_as_the_browser_resolves_them() {
        let page = Some("/blog/posts/hello/");
        assert_eq!(
            target(page, "img/a%20b.png?x=1"),
            Target::Path {
                path: "/blog/posts/hello/img/a b.png".into(),
                fragment: None
            }
        );
        assert_eq!(
            target(page, "../other/#安装"),
            Target::Path {
                path: "/blog/posts/other/".into(),
                fragment: Some("安装".into())
            }
        );
        assert_eq!(
            target(Some("/2024/01/05/x.html"), "./a.png"),
            Target::Path {
                path: "/2024/01/05/a.png".into(),
                fragment: None
            }
        );
        assert_eq!(target(page, "#top"), Target::Anchor("top".into()));
        assert_eq!(target(page, "https://x.org/a.png"), Target::External);
        assert_eq!(target(page, "//cdn.x.org/a.png"), Target::External);
        assert_eq!(target(page, "mailto:me@x.org"), Target::External);
        assert_eq!(target(None, "a.png"), Target::Unknown);
        assert_eq!(dot_segments("/a/../../b/./c/.."), "/b/");
    }
}
