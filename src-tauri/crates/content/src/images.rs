//! Where an image of a post lives in the blog, the way the built site will serve it.

use std::cell::OnceCell;
use std::path::{Component, Path, PathBuf};

use inkstone_render::ImageResolver;

use crate::served::{Lookup, Served, Target};
use crate::site::{Generator, Site};
use crate::{Blog, Document};

/// Resolves a post's image references to files inside the blog, never outside it: as the
/// browser resolves them on the published page (against the post's address) and to the file
/// the generator publishes there ([`crate::served`]), so the preview shows an image exactly
/// when the site will.
pub struct BlogImages<'a> {
    blog: &'a Blog,
    doc: &'a Document,
    /// The post's address, worked out at the first image (most keystrokes render none).
    page: OnceCell<Option<String>>,
    root: &'a Path,
    /// What the site serves, made at the first image.
    served: OnceCell<Served<'a>>,
    site: &'a Site,
    /// The post's folder, relative to the root.
    post_dir: PathBuf,
    /// Hexo post asset folder (`source/_posts/<name>/`).
    asset_dir: Option<PathBuf>,
}

impl<'a> BlogImages<'a> {
    pub fn new(blog: &'a Blog, doc: &'a Document) -> Self {
        let (root, site) = (blog.root(), blog.site());
        let post = Path::new(&doc.post.path);
        let post_dir = post.parent().map(Path::to_path_buf).unwrap_or_default();
        let asset_dir = (site.generator == Generator::Hexo && site.post_asset_folder)
            .then(|| post.with_extension(""));
        BlogImages {
            blog,
            doc,
            page: OnceCell::new(),
            root,
            served: OnceCell::new(),
            site,
            post_dir,
            asset_dir,
        }
    }

    fn existing(&self, rel: &Path) -> Option<String> {
        let clean = normalize(rel)?;
        let full = self.root.join(&clean);
        if !full.is_file() {
            return None;
        }
        // A symlink may point out of the blog: compare real paths.
        let real = dunce::canonicalize(&full).ok()?;
        let root = dunce::canonicalize(self.root).ok()?;
        real.starts_with(&root).then(|| to_slash(&clean))
    }
}

/// Removes `.` and resolves `..` lexically; `None` when it climbs above the root.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn to_slash(p: &Path) -> String {
    p.components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// Decodes `%XX` escapes of a URL path (`percent-encoding`); a `%` not followed by two hex
/// digits stays as written, and bytes that are not UTF-8 leave the whole text as written.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| d.into_owned())
}

impl ImageResolver for BlogImages<'_> {
    fn resolve(&self, src: &str) -> Option<String> {
        self.resolve_as(&crate::served::image_src(self.site, src))
    }

    fn resolve_verbatim(&self, src: &str) -> Option<String> {
        self.resolve_as(src)
    }
}

impl BlogImages<'_> {
    /// The file the site serves at `src` (as the page writes it).
    fn resolve_as(&self, src: &str) -> Option<String> {
        let page = self.page.get_or_init(|| self.blog.url_of(self.doc));
        if let Some(url) = page {
            return match crate::served::target(Some(url), src) {
                Target::Path { path, .. } => {
                    let served = self.served.get_or_init(|| {
                        let mut post = self.doc.post.clone();
                        post.url = Some(url.clone());
                        Served::new(self.root, self.site, std::slice::from_ref(&post))
                    });
                    match served.file_at(&path) {
                        Lookup::Found(f) => Some(f),
                        Lookup::CaseDiffers(_) | Lookup::Missing => None,
                    }
                }
                _ => None,
            };
        }
        // A post without an address (outside a blog, a page Hugo does not render): the
        // image beside it, or under the static folder.
        self.beside(src)
    }

    fn beside(&self, src: &str) -> Option<String> {
        let src = src.split(['?', '#']).next().unwrap_or_default();
        let src = percent_decode(src);
        if let Some(abs) = src.strip_prefix('/') {
            let base = self.site.base_path();
            let abs = format!("/{abs}")
                .strip_prefix(base.as_str())
                .map_or(abs.to_string(), str::to_string);
            return self
                .site
                .static_dirs
                .iter()
                .find_map(|d| self.existing(&Path::new(d).join(&abs)))
                .or_else(|| {
                    // Hugo also publishes page-bundle resources at their content path.
                    (self.site.generator == Generator::Hugo)
                        .then(|| self.existing(&Path::new(&self.site.content_dir).join(&abs)))
                        .flatten()
                });
        }
        let candidates = [
            self.asset_dir.as_ref().map(|d| d.join(&src)),
            Some(self.post_dir.join(&src)),
            self.site
                .static_dirs
                .first()
                .map(|d| Path::new(d).join(&src)),
        ];
        candidates
            .into_iter()
            .flatten()
            .find_map(|c| self.existing(&c))
    }
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn percent_escapes_decode_and_malformed_ones_stay_as_written() {
        assert_eq!(percent_decode("a%20b%E5%9B%BE.png"), "a b图.png");
        // `%+1` is no escape (it was read as byte 1 once), nor is a lone `%`.
        assert_eq!(percent_decode("x%+1.png"), "x%+1.png");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%2e%2e/secret.png"), "../secret.png");
        // Bytes that are not UTF-8: the text as written.
        assert_eq!(percent_decode("%FF.png"), "%FF.png");
    }
}
