//! The documents and blogs the benchmarks measure, built the same way for every tool.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use inkstone_render::{Counting, RenderOptions};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn body(text: &str) -> &str {
    // The sample posts open with YAML or TOML front matter.
    for delim in ["---\n", "+++\n"] {
        if let Some(rest) = text.strip_prefix(delim)
            && let Some(end) = rest.find(&format!("\n{delim}"))
        {
            return &rest[end + 1 + delim.len()..];
        }
    }
    text
}

/// The sample blog's longest post (a 20 KB Chinese/English walkthrough with Go, shell and
/// YAML blocks), without its front matter.
pub fn post_20k() -> String {
    let text = std::fs::read_to_string(
        repo().join("posts/content/posts/k8s-cpu-limits-to-cfs-bandwidth.md"),
    )
    .unwrap();
    body(&text).to_string()
}

/// About 1 MB: every sample post's body, again and again, each copy's code made distinct
/// (a comment naming the part), so no tool gets a cache hit a real long post would not give.
pub fn post_1m() -> String {
    let mut bodies = Vec::new();
    let mut dirs = vec![repo().join("posts/content/posts")];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let path = e.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "md") {
                bodies.push(body(&std::fs::read_to_string(&path).unwrap()).to_string());
            }
        }
    }
    let mut out = String::new();
    let mut part = 0;
    while out.len() < 1_000_000 {
        for b in &bodies {
            part += 1;
            out.push_str(&format!("\n## 第 {part} 部分 Part {part}\n\n"));
            for line in b.lines() {
                out.push_str(line);
                out.push('\n');
                if line.starts_with("```") && line.len() > 3 {
                    out.push_str(&format!("# part {part}\n"));
                }
            }
        }
    }
    out
}

/// `text` with a few characters (`n` in digits) typed in the middle of its prose.
pub fn prose_edit(text: &str, n: usize) -> String {
    let mut in_code = false;
    edit_at(text, n, move |line| {
        if line.starts_with("```") {
            in_code = !in_code;
            return false;
        }
        !in_code
            && !line.trim().is_empty()
            && !line.starts_with([' ', '`', '#', '|', '-', '$', '>', '<', '!', '['])
    })
}

/// `text` with a few characters (`n` in digits) typed inside a fenced code block.
pub fn code_edit(text: &str, n: usize) -> String {
    let mut in_code = false;
    edit_at(text, n, move |line| {
        if line.starts_with("```") {
            in_code = !in_code;
            return false;
        }
        in_code && !line.trim().is_empty()
    })
}

fn edit_at(text: &str, n: usize, mut pick: impl FnMut(&str) -> bool) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let candidates: Vec<usize> = (0..lines.len()).filter(|&i| pick(lines[i])).collect();
    let target = candidates[candidates.len() / 2];
    let mut out = String::with_capacity(text.len() + 8);
    for (i, l) in lines.iter().enumerate() {
        if i == target {
            let l = l.trim_end_matches('\n');
            out.push_str(l);
            // A different edit each time: code edits must miss the highlight cache.
            out.push_str(&n.to_string());
            out.push('\n');
        } else {
            out.push_str(l);
        }
    }
    out
}

/// The options the app renders a Hugo post's preview with.
pub fn options() -> RenderOptions<'static> {
    RenderOptions {
        counting: Counting::Hugo,
        flavor: inkstone_render::Flavor::hugo(),
        cjk: true,
        typographer: true,
        raw_html_is_content: false,
        line_offset: 5,
        images: None,
        image_base: Some("inkstone://localhost/"),
        base_path: None,
    }
}

/// Writes a Hugo blog of `n` posts (front matter with tags and categories, a few paragraphs
/// of Chinese and English with a code block) into `root`.
pub fn generate_blog(root: &Path, n: usize) {
    std::fs::write(
        root.join("hugo.toml"),
        "baseURL = 'https://example.github.io/'\ntitle = 'Bench'\nhasCJKLanguage = true\n",
    )
    .unwrap();
    let posts = root.join("content/posts");
    std::fs::create_dir_all(&posts).unwrap();
    let tags = [
        "go",
        "linux",
        "kubernetes",
        "ebpf",
        "tcp",
        "rust",
        "网络",
        "内核",
    ];
    for i in 0..n {
        let t1 = tags[i % tags.len()];
        let t2 = tags[(i / 8) % tags.len()];
        let text = format!(
            "---\ntitle: \"第 {i} 篇 Post number {i}\"\ndate: 2024-{m:02}-{d:02}T10:00:00+08:00\ndraft: {draft}\ntags:\n  - {t1}\n  - {t2}\ncategories:\n  - 源码分析\n---\n\n\
             这是第 {i} 篇文章，讲的是 {t1} 和 {t2} 的源码。The reconcile loop of controller {i} \
             requeues with backoff.\n\n```go\nfunc reconcile{i}(ctx context.Context) error {{\n\treturn nil\n}}\n```\n\n\
             拥塞窗口 cwnd 在慢启动阶段指数增长，post {i} measures it with `ss -tin`.\n",
            m = i % 12 + 1,
            d = i % 28 + 1,
            draft = i % 10 == 0,
        );
        std::fs::write(posts.join(format!("post-{i:05}.md")), text).unwrap();
    }
}

/// A photo-like JPEG (smooth light with sensor noise, quality 90) of `width` × `height`;
/// `seed` changes every pixel's noise, so two seeds never give the same bytes.
pub fn photo_jpeg(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let noise = ((state >> 59) as i32) - 16;
        let fx = x as f32 / width as f32;
        let fy = y as f32 / height as f32;
        let base = [
            120.0 + 100.0 * (fx * 6.0).sin() * fy,
            90.0 + 80.0 * (fy * 4.0).cos(),
            60.0 + 120.0 * fx * fy,
        ];
        image::Rgb(base.map(|c| (c as i32 + noise).clamp(0, 255) as u8))
    });
    let mut out = std::io::Cursor::new(Vec::new());
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    image::DynamicImage::ImageRgb8(img)
        .write_with_encoder(encoder)
        .expect("encoding a JPEG in memory");
    out.into_inner()
}
