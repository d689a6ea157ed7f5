//! A blog of 10,000 generated posts: open and list it, bring the list up to date after one
//! post changed on disk, build the search index, search it, and rename a tag across every post
//! (all or nothing, journaled, synced).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use inkstone_content::listing::Listing;
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
    // One post changed on disk (another editor's save, a `git pull`): the watcher names it,
    // that file is read again and the list settled (statuses, translations, newest first).
    // Each iteration changes the file first, outside the measure. Sending the list to the
    // window (copying and serializing it) is not counted here.
    let mut listing = Listing::read(&blog);
    let changed = blog.post_paths()[POSTS / 2].clone();
    let file = dir.path().join(&changed);
    let original = std::fs::read_to_string(&file).unwrap();
    let mut longer = false;
    g.bench_function("one post changed: list up to date", |b| {
        b.iter_batched(
            || {
                longer = !longer;
                let text = if longer {
                    format!("{original}\nOne more line, 多一行.\n")
                } else {
                    original.clone()
                };
                std::fs::write(&file, text).unwrap();
            },
            |()| {
                listing.refresh(&blog, std::slice::from_ref(&changed));
                let posts = listing.settle(&blog, jiff::Timestamp::now());
                assert_eq!(posts.len(), POSTS);
            },
            BatchSize::PerIteration,
        )
    });
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
