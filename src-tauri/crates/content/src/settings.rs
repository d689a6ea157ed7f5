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

    /// Writes the settings into the blog's `.inkstone.toml` (atomically), changing only the
    /// values that differ: comments, order and keys written by hand stay. A value equal to the
    /// default is left out of a new file. A file that does not parse is an error and is not
    /// touched.
    pub fn write(&self, root: &std::path::Path) -> Result<()> {
        let canonical = dunce::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let Ok(checked) = crate::gate::inside(&canonical, FILE) else {
            return Err(Error::Config {
                path: root.join(FILE),
                line: 1,
                message: "not written: it leads outside the blog".into(),
            });
        };
        let path = checked.under(&canonical);
        let old = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let bad = |text: &str, e: toml_edit::TomlError| Error::Config {
            line: e
                .span()
                .map_or(1, |s| crate::frontmatter::line_at(text, s.start)),
            path: path.clone(),
            message: e.message().to_string(),
        };
        let mut doc: toml_edit::DocumentMut = old.parse().map_err(|e| bad(&old, e))?;
        let was = Self::read(root)?;
        let defaults = Self::default();
        let wanted: toml_edit::DocumentMut = self
            .to_toml()
            .parse()
            .map_err(|e| bad(&self.to_toml(), e))?;
        // One key: set when it differs from what the file says (or the file lacks a key whose
        // value is not the default), removed when it is absent from the new settings.
        let mut set = |table: Option<&str>, key: &str, differs: bool, is_default: bool| {
            let new = match table {
                Some(t) => wanted.get(t).and_then(|v| v.get(key)),
                None => wanted.get(key),
            };
            let has = match table {
                Some(t) => doc.get(t).and_then(|v| v.get(key)).is_some(),
                None => doc.get(key).is_some(),
            };
            if !differs && (has || is_default) {
                return;
            }
            let target = match table {
                Some(t) => {
                    if doc.get(t).is_none() {
                        doc[t] = toml_edit::table();
                    }
                    &mut doc[t]
                }
                None => doc.as_item_mut(),
            };
            match new.and_then(|v| v.as_value()) {
                Some(v) => {
                    // Keep the comment and spacing around the old value.
                    let decor = target
                        .get(key)
                        .and_then(|i| i.as_value())
                        .map(|old| old.decor().clone());
                    let mut v = v.clone();
                    if let Some(d) = decor {
                        *v.decor_mut() = d;
                    } else {
                        v.decor_mut().clear();
                    }
                    target[key] = toml_edit::value(v);
                }
                None => {
                    if let Some(t) = target.as_table_like_mut() {
                        t.remove(key);
                    }
                }
            }
        };
        set(
            None,
            "slug_style",
            self.slug_style != was.slug_style,
            self.slug_style == defaults.slug_style,
        );
        let (i, w, d) = (&self.images, &was.images, &defaults.images);
        set(
            Some("images"),
            "hugo_location",
            i.hugo_location != w.hugo_location,
            i.hugo_location == d.hugo_location,
        );
        set(
            Some("images"),
            "max_width",
            i.max_width != w.max_width,
            i.max_width == d.max_width,
        );
        set(Some("images"), "webp", i.webp != w.webp, i.webp == d.webp);
        let text = doc.to_string();
        if text == old {
            return Ok(());
        }
        crate::atomic::write(&path, text.as_bytes())
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

    /// A cloned blog's `.inkstone.toml` that is a symlink to a file outside it (a hostile
    /// repository pointing at `~/.bashrc`) is neither read nor written through; the file it
    /// points at stays as it was.
    #[cfg(unix)]
    #[test]
    fn a_symlinked_settings_file_leading_outside_is_not_read_or_written() {
        let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = outside.path().join("bashrc");
        std::fs::write(&target, "[images]\nwebp = true\n").unwrap_or_else(|e| panic!("{e}"));
        let blog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&target, blog.path().join(FILE))
            .unwrap_or_else(|e| panic!("{e}"));
        let read = BlogSettings::read(blog.path());
        assert!(
            read.as_ref().map_or(true, |s| !s.images.webp),
            "read through the symlink: {read:?}"
        );
        let err = BlogSettings::default()
            .write(blog.path())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("outside the blog"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&target).unwrap_or_default(),
            "[images]\nwebp = true\n"
        );
    }

    #[test]
    fn a_write_changes_only_the_values_that_differ_and_keeps_comments() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = tmp.path().join(FILE);
        let ok = |r: Result<()>| r.unwrap_or_else(|e| panic!("{e}"));
        let read = || BlogSettings::read(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        // A new file holds only what is not the default.
        let mut s = BlogSettings::default();
        s.images.webp = true;
        ok(s.write(tmp.path()));
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert_eq!(text.trim(), "[images]\nwebp = true", "{text}");
        assert_eq!(read(), s);
        // A hand-written file keeps its comments and order; only the changed value moves.
        let hand = "# how names are made\nslug_style = \"cjk\" # keep Chinese\n\n# phone photos are huge\n[images]\n# scaled on the way in\nmax_width = 1600\nwebp = true\n";
        std::fs::write(&file, hand).unwrap_or_else(|e| panic!("{e}"));
        let mut s = read();
        s.images.max_width = Some(1200);
        ok(s.write(tmp.path()));
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert_eq!(text, hand.replace("1600", "1200"));
        // Never scaling removes the key (with the comment on its line above); switching to the
        // default slug style writes it.
        s.images.max_width = None;
        s.slug_style = SlugStyle::Pinyin;
        ok(s.write(tmp.path()));
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text.contains("max_width") && text.contains("slug_style = \"pinyin\" # keep Chinese"),
            "{text}"
        );
        assert!(text.contains("# phone photos are huge\n[images]"), "{text}");
        assert!(!text.contains("# scaled"), "{text}");
        assert_eq!(read(), s);
        // A file that does not parse is named and left as it was.
        std::fs::write(&file, "slug_style = [\n").unwrap_or_else(|e| panic!("{e}"));
        let e = s
            .write(tmp.path())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains(".inkstone.toml"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap_or_default(),
            "slug_style = [\n"
        );
    }
}
