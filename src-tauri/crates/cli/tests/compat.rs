//! "Exactly as the generator computes it": the real `hugo` and `jekyll` build the fixture
//! sites and dump what they think of every post; `inkstone list --json` must agree.
//! `make test` installs Debian's hugo and jekyll.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::generators::{compare, ours, write_all};
use common::{inkstone, repo};
use std::path::Path;

use serde_json::Value;

#[test]
fn hugo_agrees_on_the_sample_blog() {
    compare("hugo-dump.sh", &repo().join("posts"), 9);
}

#[test]
fn hugo_agrees_on_edge_cases() {
    compare(
        "hugo-dump.sh",
        &repo().join("tests/fixtures/hugo-mixed"),
        10,
    );
}

#[test]
fn jekyll_agrees() {
    compare("jekyll-dump.sh", &repo().join("tests/fixtures/jekyll"), 6);
}

/// The Hexo fixture built by the real Hexo. Its draft gets a date: without one Hexo dates it
/// by the file's creation time, which a copy made for the build resets.
#[test]
fn hexo_agrees() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("tests/fixtures/hexo"), &site);
    let draft = site.join("source/_drafts/wasm-component-model.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(!text.contains("\ndate:"), "the fixture's draft has no date");
    std::fs::write(
        &draft,
        text.replacen("---\n", "---\ndate: 2024-05-01 09:00:00\n", 1),
    )
    .unwrap();
    compare("hexo-dump.sh", &site, 4);
}

fn term_counts(site: &Path, which: &str) -> Vec<(String, u64, u64)> {
    let v: Vec<Value> = serde_json::from_str(&inkstone(site, &[which, "--json"])).unwrap();
    v.iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["posts"].as_u64().unwrap(),
                t["unpublished"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn count_of(counts: &[(String, u64, u64)], name: &str) -> Option<(u64, u64)> {
    counts
        .iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, p, u)| (*p, *u))
}

#[test]
fn tag_operations_leave_a_site_hugo_builds_with_the_new_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("posts"), &site);
    let before = term_counts(&site, "tags");
    let tcp = count_of(&before, "tcp").unwrap();
    let go = count_of(&before, "go").unwrap();

    // The dry run lists files and writes nothing.
    let listed = inkstone(&site, &["tags", "rename", "tcp", "networking", "--dry-run"]);
    assert_eq!(listed.lines().count() as u64, tcp.0 + tcp.1);
    assert_eq!(term_counts(&site, "tags"), before);

    inkstone(&site, &["tags", "rename", "tcp", "networking"]);
    inkstone(
        &site,
        &["tags", "merge", "go", "concurrency", "--into", "golang"],
    );
    inkstone(&site, &["tags", "delete", "内核"]);
    inkstone(&site, &["categories", "rename", "网络", "Networking"]);
    let after = term_counts(&site, "tags");
    assert_eq!(count_of(&after, "networking"), Some(tcp));
    assert_eq!(count_of(&after, "tcp"), None);
    assert_eq!(count_of(&after, "内核"), None);
    let golang = count_of(&after, "golang").unwrap();
    assert!(golang.0 + golang.1 >= go.0 + go.1, "{after:?}");
    assert!(count_of(&term_counts(&site, "categories"), "Networking").is_some());
    assert!(!site.join(".inkstone").exists(), "no journal left behind");
    // Hugo builds the changed site and sees exactly the tags we list.
    compare("hugo-dump.sh", &site, 9);
}

#[test]
fn tag_operations_leave_a_site_jekyll_builds_with_the_new_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("tests/fixtures/jekyll"), &site);
    let tcp = count_of(&term_counts(&site, "tags"), "tcp").unwrap();
    inkstone(&site, &["tags", "rename", "tcp", "networking"]);
    assert_eq!(
        count_of(&term_counts(&site, "tags"), "networking"),
        Some(tcp)
    );
    // `tags: linux tcp kernel` stays a space-separated string.
    let text = std::fs::read_to_string(site.join("_posts/2024-03-18-tcp-retransmit.md")).unwrap();
    assert!(text.contains("tags: linux networking kernel\n"), "{text}");
    compare("jekyll-dump.sh", &site, 6);
}

/// Which files Jekyll takes as posts and drafts, and their dates: generated names and folders
/// (short dates, two-digit years, rolled-over days, nested folders, special first characters,
/// `exclude` with Jekyll's defaults), built by the real `jekyll` and compared with our list.
#[test]
fn jekyll_reads_the_same_files_as_posts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let post = |title: &str| format!("---\ntitle: \"{title}\"\ntags: [t]\n---\nSome words here.\n");
    let mut files: Vec<(String, String)> = vec![(
        "_config.yml".into(),
        "title: names\ntimezone: Asia/Shanghai\nexclude: [archive, \"old-*\"]\n".into(),
    )];
    // Names: the date matcher, `\d{2,4}-\d{1,2}-\d{1,2}-`, and what is not dated.
    for name in [
        "2024-03-09-full.md",
        "2024-3-5-short.md",
        "2024-03-5-mixed.md",
        "24-1-2-two-digit-year.md",
        "99-12-31-last-century.md",
        "2024-02-30-rolled-over.md",
        "2024-01-01-.md",
        "2024-1-1-中文-标题.md",
        "2024-01-01-dots.in.name.md",
        "2024-01-01-upper.MD",
        "2024-01-01-x.markdown",
        "20240101-no-dashes.md",
        "2024-01-01.md",
        "not-dated.md",
        "_2024-01-01-underscore.md",
        "#2024-01-01-hash.md",
        "~2024-01-01-tilde.md",
        ".2024-01-01-dot.md",
    ] {
        files.push((format!("_posts/{name}"), post(name)));
    }
    // Folders: nested inside _posts, categories above it, special and excluded ones.
    for path in [
        "_posts/2024/2024-04-01-nested.md",
        "_posts/2024/05/2024-5-1-deeper.md",
        "_posts/_private/2024-04-02-private.md",
        "_posts/2024/_wip/2024-04-02-wip-inside.md",
        "_posts/.hidden/2024-04-03-hidden.md",
        "notes/_posts/2024-04-04-category.md",
        "a/b/_posts/2024-4-5-two-categories.md",
        "_layouts/_posts/2024-04-06-special-folder.md",
        "archive/_posts/2024-04-07-excluded.md",
        "old-2019/_posts/2019-04-07-excluded-glob.md",
        "node_modules/_posts/2024-04-08-default-excluded.md",
        "vendor/bundle/_posts/2024-04-09-vendor-bundle.md",
        "vendor/_posts/2024-04-10-vendor-itself.md",
        "public/_posts/2024-04-11-public-is-a-folder-like-any.md",
        "_drafts/draft-one.md",
        "_drafts/2024-04-12-dated-draft.md",
        "_drafts/sub/nested-draft.md",
        "notes/_drafts/category-draft.md",
    ] {
        files.push((path.into(), post(path)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&site, &files);
    compare("jekyll-dump.sh", &site, 15);
}

/// `tag:` beside `tags:` and `category:` beside `categories:`: Hugo reads the plural alone,
/// Jekyll a singular tag that is set instead of the plural (and both for categories). The real
/// generators list the posts' terms, and so must we.
#[test]
fn singular_and_plural_term_keys_read_as_each_generator_reads_them() {
    let tmp = tempfile::tempdir().unwrap();
    let shapes = [
        (
            "both",
            "tag: one two\ntags: [bar, baz]\ncategory: Web Dev\ncategories: a b\n",
        ),
        (
            "unset",
            "tag: ~\ntags: p q\ncategory: ~\ncategories: [c d]\n",
        ),
        ("false", "tag: false\ntags: [m]\n"),
        ("singular", "tag: [x, y]\ncategory: only\n"),
    ];
    let hugo = tmp.path().join("hugo");
    let jekyll = tmp.path().join("jekyll");
    let mut hugo_files = vec![(
        "hugo.toml".to_string(),
        "baseURL = 'https://example.org/'\ntitle = 'keys'\n".to_string(),
    )];
    let mut jekyll_files = vec![("_config.yml".to_string(), "title: keys\n".to_string())];
    for (i, (name, keys)) in shapes.iter().enumerate() {
        let text = format!(
            "---\ntitle: {name}\ndate: 2024-01-0{}\n{keys}---\nSome words.\n",
            i + 1
        );
        hugo_files.push((format!("content/posts/{name}.md"), text.clone()));
        jekyll_files.push((format!("_posts/2024-01-0{}-{name}.md", i + 1), text));
    }
    for (site, files) in [(&hugo, &hugo_files), (&jekyll, &jekyll_files)] {
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        write_all(site, &files);
    }
    compare("hugo-dump.sh", &hugo, 4);
    compare("jekyll-dump.sh", &jekyll, 4);
    // What the generators answered, spelled out.
    let tags_of = |site: &Path, name: &str| -> Value {
        ours(site)
            .into_iter()
            .find(|p| p["title"] == name)
            .map(|p| p["tags"].clone())
            .unwrap()
    };
    assert_eq!(tags_of(&jekyll, "both"), serde_json::json!(["one two"]));
    assert_eq!(tags_of(&hugo, "both"), serde_json::json!(["bar", "baz"]));
    assert_eq!(tags_of(&jekyll, "unset"), serde_json::json!(["p", "q"]));
}

/// Which files Hugo takes as pages: leaf and branch bundles, headless bundles, `ignoreFiles`,
/// names Hugo skips, exact suffixes, nested sections. (A page kept out of every list with
/// `_build: {list: never}` is still a page Hugo renders, so the library lists it; no template
/// can list it, so it is not compared here.)
#[test]
fn hugo_reads_the_same_files_as_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let page = |title: &str, extra: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndate: 2024-01-01T00:00:00+08:00\n{extra}---\nSome words.\n"
        )
    };
    let mut files: Vec<(String, String)> = vec![(
        "hugo.toml".into(),
        "baseURL = 'https://example.org/'\ntitle = 'pages'\nignoreFiles = ['\\.private\\.md$', '/scratch/']\n"
            .into(),
    )];
    for (path, extra) in [
        ("content/posts/plain.md", ""),
        ("content/posts/_index.md", ""),
        ("content/posts/leaf/index.md", ""),
        ("content/posts/leaf/notes.md", ""),
        ("content/posts/branch/_index.md", ""),
        ("content/posts/branch/child.md", ""),
        ("content/posts/branch/deeper/grandchild.md", ""),
        ("content/posts/headless/index.md", "headless: true\n"),
        ("content/posts/headless/part.md", ""),
        ("content/posts/unrendered.md", "_build:\n  render: never\n"),
        ("content/posts/secret.private.md", ""),
        ("content/scratch/idea.md", ""),
        ("content/posts/.hidden.md", ""),
        ("content/posts/#autosave.md", ""),
        ("content/posts/backup.md~", ""),
        ("content/about.md", ""),
        ("content/notes/2024-01-01-dated.md", ""),
        ("content/posts/upper.MD", ""),
        ("content/posts/old.mkd", ""),
        ("content/posts/mdown/index.mdown", ""),
        ("content/posts/mdown/part.md", ""),
        ("content/posts/page.markdown", ""),
    ] {
        files.push((path.into(), page(path, extra)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&site, &files);
    compare("hugo-dump.sh", &site, 6);
}

/// Tag edits on every list shape (YAML block and flow lists, TOML and JSON arrays, one line
/// or many, with comments, commented-out items and mixed quoting): only the renamed, merged
/// or deleted items' lines change, and Hugo reads the tags we list.
#[test]
fn tag_edits_on_every_list_shape_leave_what_hugo_reads() {
    let yaml = |tags: &str| {
        format!(
            "---\ntitle: \"T\"   # 标题\ndate: 2024-01-01T00:00:00+08:00\n# 分类\n{tags}keywords: [k8s, ebpf]\n---\n正文 k8s。\n"
        )
    };
    let toml = |tags: &str| {
        format!(
            "+++\ntitle = \"T\"  # 标题\ndate = 2024-01-01T00:00:00+08:00\n{tags}keywords = ['k8s']\n+++\n正文 k8s。\n"
        )
    };
    let shapes = [
        yaml("tags:\n  - k8s     # 旧写法，待统一\n  - eBPF\n  # - 草稿标签\n\n  - 'bpf'\n"),
        yaml("tags:\n- \"k8s\"\n- linux # 内核\n- BPF\n"),
        yaml("tags: [k8s, 'eBPF', \"bpf\"]  # 行尾注释\n"),
        yaml("tags: [\n  k8s,   # 一\n  eBPF,\n  linux\n]\n"),
        toml("tags = [\"k8s\", 'bpf', \"linux\"]  # 注释\n"),
        toml("tags = [\n  \"k8s\", # 一\n  'eBPF',\n  # \"草稿\",\n  \"linux\",\n]\n"),
        "{\n  \"title\": \"T\",\n  \"date\": \"2024-01-01T00:00:00+08:00\",\n  \"tags\": [\"k8s\", \"bpf\", \"linux\"],\n  \"keywords\": [\"k8s\"]\n}\n正文 k8s。\n".to_string(),
        "{\n  \"title\": \"T\",\n  \"date\": \"2024-01-01T00:00:00+08:00\",\n  \"tags\": [\n    \"eBPF\",\n    \"k8s\"\n  ]\n}\n正文。\n".to_string(),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let mut files = vec![(
        "hugo.toml".to_string(),
        "baseURL = 'https://example.org/'\ntitle = 'shapes'\nhasCJKLanguage = true\n".to_string(),
    )];
    for (i, text) in shapes.iter().enumerate() {
        files.push((format!("content/posts/s{i}.md"), text.clone()));
    }
    let files_ref: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&site, &files_ref);
    inkstone(&site, &["tags", "rename", "k8s", "Kubernetes"]);
    inkstone(&site, &["tags", "merge", "bpf", "--into", "eBPF"]);
    inkstone(&site, &["tags", "delete", "linux"]);
    for (i, before) in shapes.iter().enumerate() {
        let after = std::fs::read_to_string(site.join(format!("content/posts/s{i}.md"))).unwrap();
        // Every line that holds none of the edited tags is as it was, in order.
        let edited = |l: &str| {
            ["k8s", "bpf", "linux", "kubernetes"]
                .iter()
                .any(|t| l.to_lowercase().contains(t))
                && !l.starts_with("keywords")
                && !l.contains("\"keywords\"")
                && !l.starts_with("正文")
        };
        let kept = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !edited(l))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(kept(&after), kept(before), "s{i}:\n{before}\n=>\n{after}");
        assert!(after.contains("正文"), "the body stays");
        assert!(
            !after.contains("\"linux\"") && !after.contains("- linux"),
            "s{i}: {after}"
        );
    }
    compare("hugo-dump.sh", &site, shapes.len());
    let listed = ours(&site);
    for post in &listed {
        let tags: Vec<&str> = post["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            !tags.iter().any(|t| ["k8s", "bpf", "linux"].contains(t)),
            "{tags:?}"
        );
    }
}
