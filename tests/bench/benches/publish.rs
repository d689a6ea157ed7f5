//! Publishing one changed post in a repository of 10,000 posts to a git server on loopback
//! (lighttpd + git-http-backend, token auth, started here): what changed, the commit, the
//! fetch of the remote and the push, through libgit2 as the app and the CLI do it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use inkstone_git::{Auth, Options, TokenSource, publish};
use inkstone_testserver::{HttpOptions, HttpServer, Sandbox};

const POSTS: usize = 10_000;
const TOKEN: &str = "ghp_bench_0123456789abcdefghijklmnopqrstuvwx";

struct Token;
impl TokenSource for Token {
    fn token(&self, _host: &str) -> Option<String> {
        Some(TOKEN.into())
    }
}

fn benches(c: &mut Criterion) {
    inkstone_git::init();
    let sb = Sandbox::new();
    let server = HttpServer::start(
        &sb,
        HttpOptions {
            user: "x-access-token".into(),
            token: TOKEN.into(),
            tls: false,
        },
    );
    let bare = sb.bare_repo("blog");
    let blog = sb.root.path().join("blog");
    std::fs::create_dir_all(&blog).unwrap();
    inkstone_bench::generate_blog(&blog, POSTS);
    let bare_path = bare.to_str().unwrap();
    sb.git(&blog, &["init", "-q", "-b", "main"]);
    // The identity in the repository: libgit2 here reads the user's global config.
    sb.git(&blog, &["config", "user.name", "Inkstone Bench"]);
    sb.git(&blog, &["config", "user.email", "bench@inkstone.invalid"]);
    sb.git(&blog, &["add", "-A"]);
    sb.git(&blog, &["commit", "-qm", "10,000 posts"]);
    sb.git(&blog, &["push", "-q", bare_path, "main"]);
    let url = server.url("blog.git").replace("127.0.0.1", "localhost");
    sb.git(&blog, &["remote", "add", "origin", &url]);
    sb.git(
        &blog,
        &["fetch", "-q", bare_path, "main:refs/remotes/origin/main"],
    );
    sb.git(&blog, &["branch", "-q", "--set-upstream-to=origin/main"]);
    let auth = Auth {
        tokens: Some(Box::new(Token)),
        ssh_dir: None,
        known_hosts: vec![],
        passphrase: None,
        trust_fingerprint: None,
    };
    let post = blog.join("content/posts/post-04321.md");
    let mut g = c.benchmark_group("publish-10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    let mut n = 0;
    g.bench_function("publish one changed post", |b| {
        b.iter_batched(
            || {
                n += 1;
                let mut text = std::fs::read_to_string(&post).unwrap();
                text.push_str(&format!("\nedit {n}\n"));
                std::fs::write(&post, text).unwrap();
            },
            |()| {
                let out = publish(&blog, &Options::default(), &auth, &|_| {}).unwrap();
                assert!(out.published);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    let log = sb.git(&blog, &["--git-dir", bare_path, "log", "--oneline", "-1"]);
    assert!(!log.is_empty());
}

criterion_group!(publish_10k, benches);
criterion_main!(publish_10k);
