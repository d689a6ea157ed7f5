//! Adding a 4,000 × 3,000 photo to a post (what a paste does in the core): stored as it is
//! (EXIF stripped), scaled down to 1,600 px wide, and scaled as WebP; then the post's
//! preview with the image resolved. The peer measured in the same run is the `image` crate
//! decoding the photo alone, the floor any scaling pays.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use inkstone_content::{Blog, SlugStyle};

const POST: &str = "content/posts/p/index.md";

/// A one-post Hugo blog with `settings` as its `.inkstone.toml`.
fn blog(settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("hugo.toml"), "title = 'x'\n").unwrap();
    std::fs::write(root.join(".inkstone.toml"), settings).unwrap();
    std::fs::create_dir_all(root.join("content/posts/p")).unwrap();
    std::fs::write(root.join(POST), "---\ntitle: P\n---\nA photo:\n").unwrap();
    dir
}

fn benches(c: &mut Criterion) {
    let photo = inkstone_bench::photo_jpeg(4000, 3000, 1);
    let mut g = c.benchmark_group("image-4000x3000");
    g.sample_size(10);
    for (name, settings) in [
        ("add, stored as is", ""),
        ("add, scaled to 1600", "[images]\nmax_width = 1600\n"),
        (
            "add, scaled to 1600 as WebP",
            "[images]\nmax_width = 1600\nwebp = true\n",
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || blog(settings),
                |dir| {
                    let blog = Blog::open(dir.path()).unwrap();
                    let added = blog
                        .add_image(POST, "photo.jpg", &photo, "", SlugStyle::Pinyin)
                        .unwrap();
                    // The post with the image's Markdown, rendered as the preview renders it.
                    let path = dir.path().join(POST);
                    let text = std::fs::read_to_string(&path).unwrap();
                    std::fs::write(&path, format!("{text}{}\n", added.markdown)).unwrap();
                    let doc = blog.read_post(POST).unwrap();
                    let rendered = blog.render_post(&doc, Some("inkstone://localhost/"));
                    assert_eq!(rendered.images.len(), 1);
                    assert!(rendered.images[0].local.is_some());
                    dir
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.bench_function("peer: decode the photo alone (image crate)", |b| {
        b.iter(|| image::load_from_memory(&photo).unwrap())
    });
    g.finish();
}

criterion_group!(images, benches);
criterion_main!(images);
