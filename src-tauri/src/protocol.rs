//! The `inkstone:` URI scheme: the preview's local images, served only from inside the open
//! blog and only if they are images. `inkstone://localhost/<path>` on Linux and macOS,
//! `http://inkstone.localhost/<path>` on Windows.

use std::path::{Path, PathBuf};

use inkstone_content::gate;
use inkstone_content::images::percent_decode;
use tauri::http::{Response, StatusCode, header};

pub const SCHEME: &str = "inkstone";

/// The URL prefix the renderer puts before a blog-relative image path.
pub fn image_base() -> &'static str {
    if cfg!(windows) {
        "http://inkstone.localhost/"
    } else {
        "inkstone://localhost/"
    }
}

/// The file a request path names, if it is an image inside `root`: the path goes through the
/// one path gate (no `..`, no `.git/`, no symlink out of the blog), then must be an image.
pub fn resolve(root: &Path, uri_path: &str, alone: bool) -> Option<(PathBuf, &'static str)> {
    let root = dunce::canonicalize(root).ok()?;
    let rel = percent_decode(uri_path.trim_start_matches('/'));
    let checked = gate::inside(&root, &rel).ok()?;
    // Beside a file opened alone (its folder may be the home folder): no hidden folder or file.
    let hidden = |p: &str| p.split('/').any(|c| c.starts_with('.'));
    if alone && (hidden(checked.as_str()) || hidden(checked.real())) {
        return None;
    }
    let mime = gate::image_mime(&checked.extension()?)?;
    let full = checked.under(&root);
    full.is_file().then_some((full, mime))
}

/// Answers one request of the scheme.
pub fn respond(root: Option<(PathBuf, bool)>, uri_path: &str) -> Response<Vec<u8>> {
    let found = root
        .as_ref()
        .and_then(|(r, alone)| resolve(r, uri_path, *alone));
    let built = match found.and_then(|(path, mime)| std::fs::read(path).ok().map(|b| (b, mime))) {
        Some((bytes, mime)) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, mime)
            .header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'",
            )
            .header(header::CACHE_CONTROL, "no-cache")
            .body(bytes),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Vec::new()),
    };
    built.unwrap_or_else(|_| Response::new(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_images_inside_the_blog_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blog");
        std::fs::create_dir_all(root.join("content/p/images")).unwrap();
        std::fs::write(root.join("content/p/images/a b.png"), b"png").unwrap();
        std::fs::write(root.join("content/p/index.md"), b"md").unwrap();
        std::fs::write(dir.path().join("secret.png"), b"no").unwrap();
        assert!(resolve(&root, "/content/p/images/a%20b.png", false).is_some());
        assert!(
            resolve(&root, "/content/p/index.md", false).is_none(),
            "not an image"
        );
        assert!(resolve(&root, "/../secret.png", false).is_none());
        assert!(resolve(&root, "/content/../../secret.png", false).is_none());
        assert!(resolve(&root, "/%2e%2e/secret.png", false).is_none());
        assert!(resolve(&root, "/content/p/images/missing.png", false).is_none());
        let ok = respond(Some((root.clone(), false)), "/content/p/images/a%20b.png");
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "image/png");
        assert_eq!(respond(None, "/x.png").status(), StatusCode::NOT_FOUND);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_blog_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blog");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("outside.png"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.png"), root.join("link.png")).unwrap();
        assert!(resolve(&root, "/link.png", false).is_none());
    }

    /// Beside a Markdown file opened alone (in the home folder, say), images in its folder
    /// show, and nothing in a hidden folder does.
    #[test]
    fn beside_a_file_opened_alone_no_hidden_folder_is_served() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path();
        std::fs::create_dir_all(home.join("images")).unwrap();
        std::fs::create_dir_all(home.join(".cache/thumbnails")).unwrap();
        std::fs::write(home.join("images/diagram.png"), b"png").unwrap();
        std::fs::write(home.join(".cache/thumbnails/private.png"), b"png").unwrap();
        assert!(resolve(home, "/images/diagram.png", true).is_some());
        assert!(resolve(home, "/.cache/thumbnails/private.png", true).is_none());
        // Nor through a link to it.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                home.join(".cache/thumbnails/private.png"),
                home.join("images/link.png"),
            )
            .unwrap();
            assert!(resolve(home, "/images/link.png", true).is_none());
        }
        // In a blog, its own hidden folders are the blog's business (the gate's rules).
        assert!(resolve(home, "/.cache/thumbnails/private.png", false).is_some());
    }
}
