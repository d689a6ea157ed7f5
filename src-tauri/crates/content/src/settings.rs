//! A blog's own Inkstone settings, in `.inkstone.toml` at its root: kept with the blog (and
//! its repository), so the app, the command line and a second machine do the same. No
//! generator publishes the file (Hugo and Hexo read nothing at the root but their config,
//! Jekyll leaves out dotfiles). Every setting is optional; a missing file is all defaults.
//!
//! ```toml
//! # How a title or an image's name becomes a file name: "pinyin" (default) or "cjk".
//! slug_style = "pinyin"
//!
//! [images]
//! # Hugo, single-file posts: "bundle" (default: the post becomes `slug/index.md`, the
//! # image goes beside it) or "static" (`static/images/<slug>/`, the post stays put).
//! hugo_location = "bundle"
//! # Images wider than this many pixels are scaled down to it (0 or absent: never).
//! max_width = 1600
//! # Store PNG and JPEG images as WebP (PNG lossless, JPEG at quality 82).
//! webp = false
//! ```

use serde::{Deserialize, Serialize};

use crate::newpost::SlugStyle;
use crate::{Error, Result};

/// The settings file, relative to the blog's root.
pub const FILE: &str = ".inkstone.toml";

/// Where a Hugo single-file post's images go.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HugoImageLocation {
    /// The post becomes a leaf bundle (`slug/index.md`, same address) and the image goes
    /// beside it, linked by its bare name.
    #[default]
    Bundle,
    /// `static/images/<slug>/`, linked with the path the site serves it at (the base path
    /// of a project site included).
    Static,
}

/// How images are stored.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImageSettings {
    pub hugo_location: HugoImageLocation,
    /// Wider images are scaled down to this width in pixels (`None` or 0: never).
    pub max_width: Option<u32>,
    /// PNG and JPEG images are stored as WebP.
    pub webp: bool,
}

/// Everything `.inkstone.toml` can set.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BlogSettings {
    pub slug_style: SlugStyle,
    pub images: ImageSettings,
}

impl BlogSettings {
    /// Reads the blog's settings (defaults when there is no file). The file is read only
    /// inside the blog; a malformed one is an error that names it and the line.
    pub fn read(root: &std::path::Path) -> Result<BlogSettings> {
        let canonical = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let Ok(checked) = crate::gate::inside(&canonical, FILE) else {
            return Err(Error::Config {
                path: root.join(FILE),
                line: 1,
                message: "not read: it leads outside the blog".into(),
            });
        };
        let path = checked.under(&canonical);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        toml::from_str(&text).map_err(|e| Error::Config {
            line: e
                .span()
                .map_or(1, |s| crate::frontmatter::line_at(&text, s.start)),
            path,
            message: e.message().to_string(),
        })
    }

    /// The settings as the file would hold them.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_defaults_and_a_typo_is_named_with_its_line() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            BlogSettings::read(tmp.path()).ok(),
            Some(BlogSettings::default())
        );
        std::fs::write(
            tmp.path().join(FILE),
            "slug_style = \"cjk\"\n[images]\nmax_width = 1200\nwebp = true\nhugo_location = \"static\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let s = BlogSettings::read(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.slug_style, SlugStyle::Cjk);
        assert_eq!(s.images.max_width, Some(1200));
        assert!(s.images.webp);
        assert_eq!(s.images.hugo_location, HugoImageLocation::Static);
        std::fs::write(tmp.path().join(FILE), "[images]\nmax_widht = 3\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let e = BlogSettings::read(tmp.path()).err().map(|e| e.to_string());
        let e = e.unwrap_or_default();
        assert!(
            e.contains(".inkstone.toml") && e.contains("max_widht"),
            "{e}"
        );
    }
}
