//! The `inkstone` command line as a Unix citizen: closed pipes, one-line errors, exit codes,
//! the blog found from any folder inside it, `--json` everywhere with one shape per command,
//! colour only when asked or on a terminal, completions, a man page, the version's commit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::repo;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A private copy of the sample blog.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let blog = dir.path().join("blog");
    copy_dir(&repo().join("posts"), &blog);
    (dir, blog)
}

fn inkstone(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "100")
        .output()
        .unwrap()
}

const POST: &str = "content/posts/linux-tcp-congestion-ops.md";

/// Every command that prints something, as run from inside the blog's `content/posts/`.
fn printing_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["list"],
        vec!["tags"],
        vec!["categories"],
        vec!["search", "tcp"],
        vec!["stats", "linux-tcp-congestion-ops.md"],
        vec!["render", "linux-tcp-congestion-ops.md"],
        vec!["tags", "rename", "tcp", "TCP", "--dry-run"],
        vec!["new", "--title", "Pipe test"],
        vec!["draft", "linux-tcp-congestion-ops.md"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
        vec!["--version"],
    ]
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    for json in [false, true] {
        let (_dir, blog) = sample();
        let cwd = blog.join("content/posts");
        for args in printing_commands() {
            let mut args = args.clone();
            if json {
                args.push("--json");
            }
            // The reading end is closed before the command writes a byte: every write fails.
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
                .args(&args)
                .current_dir(&cwd)
                .stdout(writer)
                .stderr(Stdio::piped())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            // `--help` and `--version` are clap's own; they end at once, also quietly.
            assert!(
                code == Some(141) || (code == Some(0) && args[0].starts_with("--")),
                "{args:?}: status {code:?}, stderr {stderr}"
            );
            assert!(
                !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
                "{args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn a_closed_pipe_in_a_shell_pipeline_is_quiet() {
    let (_dir, blog) = sample();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' list --json | head -c1; echo; '{0}' tags | head -n1",
            env!("CARGO_BIN_EXE_inkstone")
        ))
        .current_dir(&blog)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on stderr"
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("[\n"));
}

#[test]
fn the_blog_is_found_from_any_folder_inside_it_and_blog_still_wins() {
    let (dir, blog) = sample();
    let from_root = inkstone(&blog, &["list", "--json"]);
    assert!(from_root.status.success());
    for sub in [
        "content",
        "content/posts",
        "content/posts/ebpf-tcp-retransmit-tracing",
    ] {
        let out = inkstone(&blog.join(sub), &["list", "--json"]);
        assert_eq!(out.stdout, from_root.stdout, "from {sub}");
    }
    // --blog wins over where the command runs.
    let out = inkstone(dir.path(), &["list", "--json", "--blog", "blog"]);
    assert_eq!(out.stdout, from_root.stdout);
    // A post given by a path is read in the blog it is in.
    let out = inkstone(dir.path(), &["stats", &format!("blog/{POST}"), "--json"]);
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["path"], POST);
}

#[test]
fn outside_any_blog_the_error_names_the_folders_looked_in() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    let out = inkstone(&deep, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("inkstone: not inside a Hugo, Jekyll or Hexo blog"));
    let deep = deep.canonicalize().unwrap();
    for looked in [&deep, deep.parent().unwrap()] {
        assert!(stderr.contains(&looked.display().to_string()), "{stderr}");
    }
    assert!(stderr.contains("--blog"), "{stderr}");
}

#[test]
fn every_error_is_one_line_naming_what_and_where_with_each_cause_once() {
    let (dir, blog) = sample();
    std::fs::write(
        blog.join("content/posts/broken.md"),
        "---\ntitle: [unclosed\n---\nbody\n",
    )
    .unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["render", "/nonexistent/x.md"], "/nonexistent/x.md"),
        (&["stats", "content/posts/broken.md"], "YAML front matter"),
        (
            &["list", "--blog", "/nonexistent"],
            "/nonexistent: no such folder",
        ),
        (&["draft", "content/posts/nope.md"], "nope.md"),
    ];
    for (args, words) in cases {
        let out = inkstone(&blog, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("inkstone: "), "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {stderr}");
        // No cause printed twice.
        let parts: Vec<&str> = stderr.trim().split(": ").collect();
        for w in parts.windows(2) {
            assert_ne!(w[0], w[1], "{args:?}: {stderr}");
        }
    }
    let verbose = inkstone(dir.path(), &["render", "/nonexistent/x.md", "--verbose"]);
    assert!(String::from_utf8_lossy(&verbose.stderr).contains("details"));
}

#[test]
fn exit_codes_are_documented_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let help = inkstone(dir.path(), &["--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    for line in ["Exit status:", "  0 ", "  1 ", "  2 ", "  141 "] {
        assert!(help.contains(line), "{line}: {help}");
    }
    assert_eq!(inkstone(dir.path(), &["nosuch"]).status.code(), Some(2));
    assert_eq!(
        inkstone(dir.path(), &["list", "--nosuch"]).status.code(),
        Some(2)
    );
    assert_eq!(inkstone(dir.path(), &["new"]).status.code(), Some(2));
    assert_eq!(inkstone(dir.path(), &["list"]).status.code(), Some(1));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_dir, blog) = sample();
    let plain = inkstone(&blog, &["list"]);
    assert!(!plain.stdout.contains(&0x1b), "no escapes into a pipe");
    let always = inkstone(&blog, &["list", "--color=always"]);
    assert!(always.stdout.contains(&0x1b));
    let never = inkstone(&blog, &["list", "--color=never"]);
    assert_eq!(never.stdout, plain.stdout);
    // The columns line up: every path starts in the same display column.
    let text = String::from_utf8(plain.stdout).unwrap();
    let columns: Vec<usize> = text
        .lines()
        .map(|l| {
            let at = l.find("content/").unwrap();
            unicode_columns(&l[..at])
        })
        .collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
}

fn unicode_columns(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let out = inkstone(dir.path(), &["--version"]);
    let version = String::from_utf8(out.stdout).unwrap();
    let head = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .current_dir(repo())
        .output()
        .unwrap();
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    assert_eq!(
        version.trim(),
        format!("inkstone {} ({head})", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completion_scripts_load_and_the_man_page_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, checker) in [("bash", "bash"), ("zsh", "zsh"), ("fish", "fish")] {
        let out = inkstone(dir.path(), &["completions", shell]);
        assert!(out.status.success());
        let script = dir.path().join(format!("inkstone.{shell}"));
        std::fs::write(&script, &out.stdout).unwrap();
        let check = match checker {
            "fish" => Command::new("fish")
                .arg("--no-execute")
                .arg(&script)
                .output(),
            _ => Command::new(checker).arg("-n").arg(&script).output(),
        };
        match check {
            Ok(c) => assert!(
                c.status.success(),
                "{shell}: {}",
                String::from_utf8_lossy(&c.stderr)
            ),
            // zsh and fish are checked where they are installed; bash always is.
            Err(_) => assert_ne!(shell, "bash", "bash is needed to check the script"),
        }
        assert!(String::from_utf8_lossy(&out.stdout).contains("publish"));
    }
    let man = inkstone(dir.path(), &["man"]);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH inkstone"),
        "{page}"
    );
    for cmd in [
        "list", "render", "stats", "new", "tags", "draft", "search", "publish",
    ] {
        assert!(page.contains(&format!("\\fBinkstone {cmd}\\fR")), "{cmd}");
    }
    // No page is named that does not exist (`inkstone-list(1)`), and the exit status table
    // keeps its lines.
    assert!(!page.contains("(1)"), "{page}");
    let nf = page
        .find(".SH EXIT STATUS\n.nf\n")
        .expect("an EXIT STATUS section, unfilled");
    assert!(
        page[nf..].contains("\n  141  standard output was closed early"),
        "{page}"
    );
}

#[test]
fn help_is_what_the_readme_documents() {
    let dir = tempfile::tempdir().unwrap();
    let help = inkstone(dir.path(), &["--help"]);
    insta::assert_snapshot!(
        "help",
        String::from_utf8_lossy(&help.stdout).replace(env!("CARGO_PKG_VERSION"), "VERSION")
    );
}

/// The shape of a JSON value: its type, and for objects the shape of each key; the elements of
/// an array are merged into one shape (`string|null` where they differ).
fn shape(v: &Value) -> Value {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "bool".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        Value::Array(items) => {
            let mut merged = Value::Null;
            let mut seen = false;
            for item in items {
                let s = shape(item);
                merged = if seen { merge(&merged, &s) } else { s };
                seen = true;
            }
            Value::Array(if seen { vec![merged] } else { Vec::new() })
        }
        Value::Object(map) => {
            let sorted: BTreeMap<_, _> = map.iter().map(|(k, v)| (k.clone(), shape(v))).collect();
            serde_json::to_value(sorted).unwrap()
        }
    }
}

fn merge(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut out: BTreeMap<String, Value> = BTreeMap::new();
            for k in x.keys().chain(y.keys()) {
                let v = match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => merge(p, q),
                    (Some(p), None) | (None, Some(p)) => merge(p, &"absent".into()),
                    (None, None) => unreachable!(),
                };
                out.insert(k.clone(), v);
            }
            serde_json::to_value(out).unwrap()
        }
        (Value::Array(x), Value::Array(y)) => match (x.first(), y.first()) {
            (Some(p), Some(q)) => Value::Array(vec![merge(p, q)]),
            (Some(p), None) | (None, Some(p)) => Value::Array(vec![p.clone()]),
            (None, None) => Value::Array(Vec::new()),
        },
        _ if a == b => a.clone(),
        _ => {
            let mut kinds: Vec<String> = [a, b]
                .iter()
                .flat_map(|v| match v {
                    Value::String(s) => s.split('|').map(str::to_string).collect(),
                    other => vec![other.to_string()],
                })
                .collect();
            kinds.sort();
            kinds.dedup();
            kinds.join("|").into()
        }
    }
}

#[test]
fn every_json_shape_is_the_documented_one() {
    let (_dir, blog) = sample();
    let mut shapes = BTreeMap::new();
    for args in [
        &["list"][..],
        &["tags"],
        &["categories"],
        &["search", "tcp"],
        &["stats", POST],
        &["render", POST],
        &["tags", "rename", "tcp", "TCP", "--dry-run"],
        &["new", "--title", "Shape"],
        &["draft", POST],
    ] {
        let out = inkstone(&blog, &[args, &["--json"]].concat());
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        shapes.insert(args.join(" "), shape(&value));
    }
    insta::assert_json_snapshot!("json_shapes", shapes);
}
