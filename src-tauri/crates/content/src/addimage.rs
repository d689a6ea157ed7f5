//! Putting an image into a post where the generator will publish it, linked the way the built
//! site resolves it: beside a Hugo bundle's `index.md` (a single-file post becomes a bundle
//! first, its address unchanged), under a Jekyll site's `assets/images/<slug>/` through
//! `relative_url`, in a Hexo post's asset folder or `source/images/`.

use serde::Serialize;

use crate::newpost::{SlugStyle, slugify};
use crate::site::Generator;
use crate::{Blog, Error, Result, lock};

/// What adding an image did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImageAdded {
    /// Where the file is, blog-relative.
    pub stored: String,
    /// The Markdown to insert.
    pub markdown: String,
    /// Its address on the built site (with the site's sub-path), when known.
    pub url: Option<String>,
    /// The post's path afterwards (a Hugo single-file post moved into its bundle).
    pub post: String,
    /// The post's path before, when it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub moved_from: Option<String>,
    /// The same bytes were there already: nothing was written.
    pub reused: bool,
}

/// Image types a browser shows, by extension.
const IMAGES: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp"];

/// Whether `bytes` are an image, whatever its extension says of which kind: the signature of
/// a raster format (the `image` crate reads it), or an SVG document for a `.svg`.
fn is_image(bytes: &[u8], file_name: &str) -> bool {
    if file_name.ends_with(".svg") {
        // After whatever prologue, comments and DOCTYPE come first.
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(1 << 20)]);
        return text.to_ascii_lowercase().contains("<svg");
    }
    // AVIF as any brand browsers show (`image` knows the `avif` brand only): an ISO-BMFF
    // `ftyp` box naming an AVIF image or sequence, or HEIF's generic brands in a `.avif`.
    if let Some(brand) = bytes.get(4..12).and_then(|b| b.strip_prefix(b"ftyp")) {
        match brand {
            b"avif" | b"avis" => return true,
            b"mif1" | b"msf1" if file_name.ends_with(".avif") => return true,
            _ => {}
        }
    }
    image::guess_format(bytes).is_ok()
}

/// A URL-safe file name from `name`: lower case, spaces and punctuation one `-`, Chinese kept
/// or as pinyin by `style`; the extension lower-cased. `None` when it is not an image.
pub fn safe_name(name: &str, style: SlugStyle) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    if !IMAGES.contains(&ext.as_str()) {
        return None;
    }
    let stem = slugify(stem, style);
    let stem = if stem.is_empty() {
        "image".into()
    } else {
        stem
    };
    Some(format!("{stem}.{ext}"))
}

/// The image as viewers show it, with nothing about where it was taken: a camera's EXIF
/// orientation applied to the pixels (the image is re-encoded only then), and the EXIF block
/// — GPS position, camera, time — left out. Anything that cannot be read as such an image is
/// stored as it is.
pub fn prepare(bytes: &[u8]) -> Vec<u8> {
    use img_parts::ImageEXIF;
    let Ok(Some(mut container)) =
        img_parts::DynImage::from_bytes(img_parts::Bytes::copy_from_slice(bytes))
    else {
        return bytes.to_vec();
    };
    let Some(exif) = container.exif() else {
        return bytes.to_vec();
    };
    let orientation = image::metadata::Orientation::from_exif_chunk(&exif)
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    if orientation != image::metadata::Orientation::NoTransforms
        && let Some(turned) = reoriented(bytes, orientation)
    {
        return turned;
    }
    container.set_exif(None);
    container.encoder().bytes().to_vec()
}

/// [`prepare`], then what the blog's settings ask: scaled down to `max_width` (Lanczos3,
/// the height in proportion) and stored as WebP (a PNG lossless, a JPEG at quality 82).
/// Only PNG and JPEG images are changed (a GIF may move, an SVG has no pixels). Returns the
/// bytes and, when the format changed, the new extension.
pub fn prepare_with(
    bytes: &[u8],
    settings: &crate::settings::ImageSettings,
) -> (Vec<u8>, Option<&'static str>) {
    let upright = prepare(bytes);
    let limit = settings.max_width.filter(|w| *w > 0);
    if limit.is_none() && !settings.webp {
        return (upright, None);
    }
    let format = match image::guess_format(&upright) {
        Ok(f @ (image::ImageFormat::Png | image::ImageFormat::Jpeg)) => f,
        _ => return (upright, None),
    };
    let Ok(mut img) = image::load_from_memory_with_format(&upright, format) else {
        return (upright, None);
    };
    let too_wide = limit.filter(|w| img.width() > *w);
    let webp = settings.webp && img.width() <= WEBP_MAX && img.height() <= WEBP_MAX;
    if too_wide.is_none() && !webp {
        return (upright, None);
    }
    if let Some(width) = too_wide {
        let height = (u64::from(img.height()) * u64::from(width) / u64::from(img.width())).max(1);
        let mut scaled =
            image::DynamicImage::new(width, u32::try_from(height).unwrap_or(1), img.color());
        let options = fast_image_resize::ResizeOptions::new().resize_alg(
            fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
        );
        if fast_image_resize::Resizer::new()
            .resize(&img, &mut scaled, &options)
            .is_err()
        {
            return (upright, None);
        }
        img = scaled;
    }
    // WebP holds at most 16383 pixels a side: a longer screenshot stays PNG or JPEG.
    if settings.webp && img.width() <= WEBP_MAX && img.height() <= WEBP_MAX {
        let (w, h) = (img.width(), img.height());
        let encoded = if format == image::ImageFormat::Png {
            let rgba = img.to_rgba8();
            webp::Encoder::from_rgba(&rgba, w, h)
                .encode_lossless()
                .to_vec()
        } else {
            let rgb = img.to_rgb8();
            webp::Encoder::from_rgb(&rgb, w, h).encode(82.0).to_vec()
        };
        return (encoded, Some("webp"));
    }
    match encode(&img, format) {
        Some(out) => (out, None),
        None => (upright, None),
    }
}

/// The largest width or height a WebP image can have.
const WEBP_MAX: u32 = 16383;

/// An image encoded in `format` (JPEG at quality 92), without metadata.
fn encode(img: &image::DynamicImage, format: image::ImageFormat) -> Option<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    match format {
        image::ImageFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92);
            img.to_rgb8().write_with_encoder(encoder).ok()?;
        }
        other => img.write_to(&mut out, other).ok()?,
    }
    Some(out.into_inner())
}

/// The image decoded, turned by `orientation` and encoded again in its own format (JPEG at
/// quality 92), without metadata.
fn reoriented(bytes: &[u8], orientation: image::metadata::Orientation) -> Option<Vec<u8>> {
    let format = image::guess_format(bytes).ok()?;
    let mut img = image::load_from_memory_with_format(bytes, format).ok()?;
    img.apply_orientation(orientation);
    encode(&img, format)
}

impl Blog {
    /// Stores `bytes` (an image called `name`) for the post at `rel` and returns the Markdown
    /// that shows it: upright, without EXIF, scaled and converted as the blog's
    /// `.inkstone.toml` asks ([`prepare_with`]), where its `images.hugo_location` says for a
    /// Hugo single-file post. Never overwrites: the same bytes already in the folder are used
    /// again, a different file of that name gets `-2`, `-3`…
    pub fn add_image(
        &self,
        rel: &str,
        name: &str,
        bytes: &[u8],
        alt: &str,
        style: SlugStyle,
    ) -> Result<ImageAdded> {
        let settings = crate::settings::BlogSettings::read(&self.root)?;
        let file_name = safe_name(name, style).ok_or_else(|| {
            Error::Invalid(format!(
                "{name}: not an image Inkstone can add (one of {})",
                IMAGES.join(", ")
            ))
        })?;
        if !is_image(bytes, &file_name) {
            return Err(Error::Invalid(format!(
                "{name}: not an image (its bytes are no {}); nothing was added",
                IMAGES.join(", ")
            )));
        }
        let source = self.inside(rel)?.as_str().to_string();
        let posts = self.posts();
        let Some(post) = posts.iter().find(|p| p.path == source) else {
            return Err(Error::Invalid(format!("{source}: not a post of this blog")));
        };
        let _lock = lock::BlogLock::wait(&self.root, lock::PATIENCE)?;
        let (dir, file) = source.rsplit_once('/').unwrap_or(("", source.as_str()));
        let mut post_path = source.clone();
        // Prepared before anything moves: a failure leaves the post where it was.
        let (prepared, new_ext) = prepare_with(bytes, &settings.images);
        let mut moved_from = None;
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let hugo_static = self.site.generator == Generator::Hugo
            && !(file.starts_with("index.") || file.starts_with("_index."))
            && settings.images.hugo_location == crate::settings::HugoImageLocation::Static;
        let folder = match self.site.generator {
            Generator::Hugo if hugo_static => {
                // `slug.en.md`: the images of both languages in one folder.
                let base = match stem.rsplit_once('.') {
                    Some((b, l)) if post.lang.as_deref() == Some(l) => b,
                    _ => stem,
                };
                let static_dir = self
                    .site
                    .static_dirs
                    .first()
                    .map_or("static", String::as_str);
                format!("{static_dir}/images/{}", slugify(base, style))
            }
            Generator::Hugo => {
                if file.starts_with("index.") || file.starts_with("_index.") {
                    dir.to_string()
                } else {
                    // `slug.md` → `slug/index.md`, `slug.en.md` → `slug/index.en.md`: the
                    // same address, and a folder of its own for the image.
                    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
                    let ext = file.rsplit_once('.').map_or("md", |(_, e)| e);
                    let (base, lang) = match stem.rsplit_once('.') {
                        Some((b, l)) if post.lang.as_deref() == Some(l) => (b, format!(".{l}")),
                        _ => (stem, String::new()),
                    };
                    let folder = if dir.is_empty() {
                        base.to_string()
                    } else {
                        format!("{dir}/{base}")
                    };
                    let index = format!("{folder}/index{lang}.{ext}");
                    let to = self.writable(&index)?;
                    let target = self.file(&to);
                    if target.exists() {
                        return Err(Error::Exists(target));
                    }
                    let from = self.file(&self.writable(&source)?);
                    if let Some(parent) = target.parent() {
                        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                    }
                    std::fs::rename(&from, &target).map_err(|e| Error::io(&from, e))?;
                    moved_from = Some(source.clone());
                    post_path = to.as_str().to_string();
                    folder
                }
            }
            Generator::Jekyll => {
                let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
                let slug = crate::dates::jekyll_post_name(stem).map_or(stem, |(_, s)| s);
                format!("assets/images/{}", slugify(slug, style))
            }
            Generator::Hexo if self.site.post_asset_folder => source
                .rsplit_once('.')
                .map_or(source.clone(), |(s, _)| s.to_string()),
            Generator::Hexo => format!("{}/images", self.site.content_dir),
        };
        let folder = folder.trim_matches('/').to_string();
        let bytes = prepared.as_slice();
        let file_name = match new_ext {
            Some(ext) => format!(
                "{}.{ext}",
                file_name
                    .rsplit_once('.')
                    .map_or(file_name.as_str(), |(s, _)| s)
            ),
            None => file_name,
        };
        let (stored_name, reused) = self.place_for(&folder, &file_name, bytes)?;
        let stored = if folder.is_empty() {
            stored_name.clone()
        } else {
            format!("{folder}/{stored_name}")
        };
        if !reused {
            let path = self.writable(&stored)?;
            let file = self.file(&path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            crate::atomic::write(&file, bytes)?;
        }
        let encoded = crate::languages::escape_path(&stored_name);
        let base = self.site.base_path();
        let post_url = || {
            posts
                .iter()
                .find(|p| p.path == source)
                .and_then(|p| p.url.clone())
        };
        let (target, url) = match self.site.generator {
            Generator::Hugo if hugo_static => {
                // Served from the static folder's root, under the site's sub-path.
                let static_dir = self
                    .site
                    .static_dirs
                    .first()
                    .map_or("static", String::as_str);
                let inside = folder
                    .strip_prefix(static_dir.trim_matches('/'))
                    .unwrap_or(&folder)
                    .trim_start_matches('/');
                let served = format!("{base}{inside}/{encoded}");
                (served.clone(), Some(served))
            }
            Generator::Hugo => (encoded.clone(), post_url().map(|u| format!("{u}{encoded}"))),
            Generator::Jekyll => {
                let site_path = format!("/{folder}/{encoded}");
                (
                    format!("{{{{ '{site_path}' | relative_url }}}}"),
                    Some(format!("{}{}", base.trim_end_matches('/'), site_path)),
                )
            }
            // Hexo's renderer puts `root` before a local image itself (`url_for`): the path
            // is written without it, and a relative one would land at the root.
            Generator::Hexo if self.site.post_asset_folder => {
                let url = post_url().map(|u| format!("{u}{encoded}"));
                let written = url
                    .as_deref()
                    .and_then(|u| u.strip_prefix(base.trim_end_matches('/')))
                    .map_or_else(|| encoded.clone(), str::to_string);
                (written, url)
            }
            Generator::Hexo => (
                format!("/images/{encoded}"),
                Some(format!("{base}images/{encoded}")),
            ),
        };
        let alt = alt.replace(['[', ']'], "").replace('\n', " ");
        Ok(ImageAdded {
            stored,
            markdown: format!("![{alt}]({target})"),
            url,
            post: post_path,
            moved_from,
            reused,
        })
    }

    /// The name to store `bytes` under in `folder`: a file there with the same bytes (reused),
    /// else `name`, else `name-2`… — never one that holds something else.
    fn place_for(&self, folder: &str, name: &str, bytes: &[u8]) -> Result<(String, bool)> {
        let dir = self.root.join(folder);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let same_size = e
                    .metadata()
                    .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
                if same_size
                    && std::fs::read(e.path()).is_ok_and(|b| b == bytes)
                    && let Some(n) = e.file_name().to_str()
                    && safe_name(n, SlugStyle::Cjk).is_some()
                {
                    return Ok((n.to_string(), true));
                }
            }
        }
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "png"));
        (1..10_000)
            .map(|n| {
                if n == 1 {
                    name.to_string()
                } else {
                    format!("{stem}-{n}.{ext}")
                }
            })
            .find(|c| !dir.join(c).exists())
            .map(|c| (c, false))
            .ok_or_else(|| Error::Invalid(format!("{folder}: no free name for {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use img_parts::ImageEXIF;

    /// TIFF-format EXIF (little-endian): IFD0 with Orientation and a GPS IFD holding
    /// GPSLatitudeRef = "N".
    fn exif(orientation: u8) -> Vec<u8> {
        let mut e = b"II*\0\x08\0\0\0".to_vec();
        e.extend([2, 0]);
        e.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0]);
        e.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
        e.extend([0, 0, 0, 0]);
        e.extend([1, 0]);
        e.extend([1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
        e.extend([0, 0, 0, 0]);
        e
    }

    /// A 2×1 JPEG (red, blue) with `exif` in it.
    fn photo(exif: Vec<u8>) -> Vec<u8> {
        let img = image::RgbImage::from_fn(2, 1, |x, _| {
            image::Rgb(if x == 0 { [255, 0, 0] } else { [0, 0, 255] })
        });
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut out, image::ImageFormat::Jpeg)
            .unwrap();
        let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(out.into_inner().into()).unwrap();
        jpeg.set_exif(Some(exif.into()));
        jpeg.encoder().bytes().to_vec()
    }

    fn has_exif(bytes: &[u8]) -> bool {
        img_parts::jpeg::Jpeg::from_bytes(img_parts::Bytes::copy_from_slice(bytes))
            .unwrap()
            .exif()
            .is_some()
    }

    #[test]
    fn bytes_that_are_no_image_are_refused_and_the_post_stays_where_it_was() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("hugo.toml"), "title = 'x'\n").unwrap();
        std::fs::create_dir_all(dir.path().join("content/posts")).unwrap();
        let post = dir.path().join("content/posts/a.md");
        std::fs::write(&post, "---\ntitle: A\n---\nbody\n").unwrap();
        let blog = Blog::open(dir.path()).unwrap();
        let add = |post: &str, name: &str, bytes: &[u8]| {
            blog.add_image(post, name, bytes, "", SlugStyle::Pinyin)
        };
        let err = add(
            "content/posts/a.md",
            "fake.png",
            b"# notes, not a picture\n",
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("fake.png: not an image"),
            "{err}"
        );
        assert!(post.is_file() && !dir.path().join("content/posts/a").exists());
        // An SVG is text, and an image (the post becomes a bundle for it); a PNG named .jpg is
        // still an image.
        let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";
        let bundle = add("content/posts/a.md", "d.svg", svg).unwrap().post;
        assert_eq!(bundle, "content/posts/a/index.md");
        assert!(add(&bundle, "notes.svg", b"<html>no</html>").is_err());
        let long = format!(
            "<!-- {} -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "x".repeat(8000)
        );
        assert!(add(&bundle, "long.svg", long.as_bytes()).is_ok());
        // An animated AVIF (brand `avis`) and one of HEIF's generic brand.
        assert!(add(&bundle, "a.avif", b"\0\0\0\x1cftypavis\0\0\0\0avisavifmsf1").is_ok());
        assert!(add(&bundle, "b.avif", b"\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf").is_ok());
        assert!(add(&bundle, "c.avif", b"\0\0\0\x1cftypisom\0\0\0\0isomiso2mp41").is_err());
        let mut png = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image::RgbImage::new(1, 1))
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        assert!(add(&bundle, "shot.jpg", &png.into_inner()).is_ok());
    }

    #[test]
    fn a_turned_photo_is_stored_upright_without_exif() {
        let turned = photo(exif(6));
        assert!(has_exif(&turned));
        let out = prepare(&turned);
        let img = image::load_from_memory(&out).unwrap();
        assert_eq!((img.width(), img.height()), (1, 2), "rotated 90°");
        assert!(!has_exif(&out), "no EXIF, so no GPS position");
    }

    #[test]
    fn an_upright_photo_loses_its_exif_and_nothing_else() {
        let upright = photo(exif(1));
        let out = prepare(&upright);
        assert!(!has_exif(&out));
        let before = image::load_from_memory(&upright).unwrap().to_rgb8();
        let after = image::load_from_memory(&out).unwrap().to_rgb8();
        assert_eq!(before, after, "the pixels as they were (no re-encoding)");
        // Without EXIF, or not an image at all: the bytes as given.
        let plain = prepare(&out);
        assert_eq!(plain, out);
        assert_eq!(prepare(b"<svg/>"), b"<svg/>");
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| image::Rgba([x as u8, y as u8, 128, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgba8(img)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn wide_images_are_scaled_down_and_webp_is_lossless_for_png() {
        use crate::settings::ImageSettings;
        let wide = png(400, 100);
        let settings = ImageSettings {
            max_width: Some(200),
            ..ImageSettings::default()
        };
        let (out, ext) = prepare_with(&wide, &settings);
        assert_eq!(ext, None, "still a PNG");
        let img = image::load_from_memory(&out).unwrap();
        assert_eq!((img.width(), img.height()), (200, 50));
        // Narrow enough and no WebP: the bytes as given.
        assert_eq!(prepare_with(&png(100, 10), &settings).0, png(100, 10));
        let (webp, ext) = prepare_with(
            &png(64, 32),
            &ImageSettings {
                webp: true,
                ..ImageSettings::default()
            },
        );
        assert_eq!(ext, Some("webp"));
        let back = image::load_from_memory(&webp).unwrap().to_rgba8();
        let orig = image::load_from_memory(&png(64, 32)).unwrap().to_rgba8();
        assert_eq!(back, orig, "lossless");
        // A JPEG photo becomes a lossy WebP of the same size.
        let (jpeg_webp, _) = prepare_with(
            &photo(exif(1)),
            &ImageSettings {
                webp: true,
                ..ImageSettings::default()
            },
        );
        let img = image::load_from_memory(&jpeg_webp).unwrap();
        assert_eq!((img.width(), img.height()), (2, 1));
        // Longer than WebP allows: kept as a PNG, never a failure.
        let (tall, ext) = prepare_with(
            &png(1, 20_000),
            &ImageSettings {
                webp: true,
                ..ImageSettings::default()
            },
        );
        assert_eq!(ext, None);
        assert_eq!(tall, png(1, 20_000));
    }
}
