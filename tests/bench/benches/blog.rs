//! A blog of 10,000 generated posts: open and list it, build the search index, search it,
//! and rename a tag across every post (all or nothing, journaled, synced).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use inkstone_content::search::Index;
use inkstone_content::{Blog, Taxonomy, TermOp};

const POSTS: usize = 10_000;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    inkstone_bench::generate_blog(dir.path(), POSTS);
    let mut g = c.benchmark_group("blog-10k");
    g.sample_size(10);
    g.bench_function("open and list", |b| {
        b.iter(|| {
            let blog = Blog::open(dir.path()).unwrap();
            assert_eq!(blog.posts().len(), POSTS);
        })
    });
    let blog = Blog::open(dir.path()).unwrap();
    g.bench_function("build the search index", |b| b.iter(|| Index::build(&blog)));
    let index = Index::build(&blog);
    g.bench_function("search (indexed)", |b| {
        b.iter(|| {
            let hits = index.search("拥塞窗口 backoff", 50);
            assert!(!hits.is_empty());
        })
    });
    // Each iteration renames the tag one way and the next one back: every post carrying it
    // changes each time.
    let mut forward = true;
    g.bench_function("rename a tag", |b| {
        b.iter(|| {
            let (from, to) = if forward {
                ("go", "golang")
            } else {
                ("golang", "go")
            };
            forward = !forward;
            let op = TermOp::Rename {
                from: from.into(),
                to: to.into(),
            };
            let changes = blog.plan_terms(Taxonomy::Tags, &op).unwrap();
            assert!(changes.len() > POSTS / 8);
            inkstone_content::bulk::apply(&blog, &changes).unwrap();
        })
    });
    g.finish();
}

criterion_group!(blog, benches);
criterion_main!(blog);
