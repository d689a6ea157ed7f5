//! Rendering a 20 KB and a 1 MB Chinese/English technical post: Inkstone's whole pipeline
//! (Markdown, highlighting, sanitizing, word count) re-rendering incrementally after an edit
//! in prose and in code, the whole page with the block cache (the fallback), the whole page
//! in one sanitizing pass (no cache), the Markdown step alone, and comrak on the same
//! documents.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use inkstone_bench::{code_edit, options, post_1m, post_20k, prose_edit};
use inkstone_render::RenderOptions;
use pulldown_cmark::{Options, Parser, html};

fn pulldown_alone(text: &str) -> String {
    let o = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(text, o));
    out
}

fn comrak_html(text: &str) -> String {
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    comrak::markdown_to_html(text, &o)
}

fn group(c: &mut Criterion, name: &str, doc: &str) {
    let mut g = c.benchmark_group(name);
    g.measurement_time(Duration::from_secs(4));
    let opts = options();
    // Warm: the post was rendered once before, as in the app while typing.
    let _ = inkstone_render::render(doc, &opts);
    type Edit = fn(&str, usize) -> String;
    // The preview's path: the incremental renderer holds the post as it was before the
    // keystroke; it returns the changed units' HTML (what the preview patches in) and the
    // page's numbers. Each iteration is a new edit of the same text (made, and the renderer
    // brought back to the text, outside the timing), so code edits miss the cache.
    for (id, edit) in [
        ("inkstone re-render, prose edit", prose_edit as Edit),
        ("inkstone re-render, code edit", code_edit as Edit),
    ] {
        let mut inc = inkstone_render::Incremental::new();
        inc.update(doc, &opts);
        let mut n = 0;
        g.bench_function(id, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    n += 1;
                    let edited = edit(doc, n);
                    let start = std::time::Instant::now();
                    let patch = inc.update(&edited, &opts);
                    total += start.elapsed();
                    assert!(!inc.last_was_whole(), "{id}: rendered whole");
                    std::hint::black_box(patch);
                    inc.update(doc, &opts);
                }
                total
            })
        });
    }
    type Render = fn(&str, &RenderOptions<'_>) -> inkstone_render::Rendered;
    let cases: [(&str, Edit, Render); 2] = [
        (
            "inkstone whole page, prose edit",
            prose_edit,
            inkstone_render::render,
        ),
        (
            "inkstone one pass, prose edit",
            prose_edit,
            inkstone_render::render_whole,
        ),
    ];
    let mut n = 0;
    for (id, edit, render) in cases {
        g.bench_function(id, |b| {
            b.iter_batched(
                || {
                    n += 1;
                    edit(doc, n)
                },
                |t| render(&t, &opts),
                BatchSize::LargeInput,
            )
        });
    }
    g.bench_function("pulldown-cmark alone", |b| b.iter(|| pulldown_alone(doc)));
    g.bench_function("comrak", |b| b.iter(|| comrak_html(doc)));
    g.finish();
}

fn first_render(c: &mut Criterion) {
    let file =
        inkstone_bench::repo().join("posts/content/posts/k8s-cpu-limits-to-cfs-bandwidth.md");
    let mut g = c.benchmark_group("render-first");
    g.sample_size(20);
    g.bench_function("20KB in a fresh process", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_first-render"))
                .arg(&file)
                .output()
                .unwrap();
            assert!(out.status.success());
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    group(c, "render-20KB", &post_20k());
    group(c, "render-1MB", &post_1m());
    first_render(c);
}

criterion_group!(render, benches);
criterion_main!(render);
