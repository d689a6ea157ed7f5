//! `inkstone`: every core action of Inkstone from the command line.

mod github;
mod output;
mod publish;
mod report;
mod site;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use inkstone_content::lock::{self, BlogLock};
use inkstone_content::{Blog, NewPost, SlugStyle, Taxonomy, TermOp};
use inkstone_render::{RenderOptions, render};

use crate::output::Out;

/// Inkstone: write a Hugo, Jekyll or Hexo blog, from the command line.
#[derive(Parser)]
#[command(
    name = "inkstone",
    version = report::VERSION,
    about,
    propagate_version = true,
    after_help = report::EXIT_CODES
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Global {
    /// The blog DIR is in: DIR itself or the nearest folder above it with the generator's
    /// config, like `git -C` (default: the blog the current folder is in, found the same way).
    #[arg(long, global = true, value_name = "DIR")]
    blog: Option<PathBuf>,
    /// Print JSON instead of text: one documented shape per command (see the README).
    #[arg(long, global = true)]
    json: bool,
    /// When to colour text output: on a terminal (`auto`, which honours NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// Say more when something fails: every cause, and a panic's backtrace.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// What Inkstone read of the blog: its generator, the configuration files merged (in
    /// order), its address, content folders, languages and post counts.
    Info,
    /// List every post and draft, newest first.
    List,
    /// Render a post's body to sanitized HTML on standard output.
    Render {
        /// The Markdown file, or `-` for standard input (front matter optional).
        file: PathBuf,
    },
    /// Words, reading time and characters of a post, counted as the site generator does.
    Stats {
        /// The Markdown file, or `-` for standard input.
        file: PathBuf,
    },
    /// Create a new post (never overwrites) and print its path.
    New {
        /// The post's title (Chinese welcome; the file name is made from it).
        #[arg(long)]
        title: String,
        /// A tag; repeat for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// A category; repeat for more.
        #[arg(long = "category", value_name = "CATEGORY")]
        categories: Vec<String>,
        /// Create it as a draft. Without --draft or --no-draft a Hugo post is made as the
        /// site's archetype makes it (with none, a draft, as `hugo new` makes it); a Jekyll or
        /// Hexo post as a post.
        #[arg(long, conflicts_with = "no_draft")]
        draft: bool,
        /// Create it as a post the site shows (`draft: false`), whatever the archetype says.
        #[arg(long)]
        no_draft: bool,
        /// Use this slug instead of one made from the title.
        #[arg(long)]
        slug: Option<String>,
        /// How a Chinese title becomes a file name (default: the blog's `slug_style` in
        /// `.inkstone.toml`, else pinyin).
        #[arg(long, value_enum)]
        slug_style: Option<Style>,
    },
    /// Start a translation of a post (Hugo): a draft in LANG where Hugo pairs it with the
    /// original, with the original's front matter and text to start from; print its path.
    Translate {
        /// The post: relative to the blog (as `list` prints it) or to the current folder.
        file: PathBuf,
        /// The language to translate into: one of the site's `languages`.
        #[arg(long)]
        lang: String,
    },
    /// Images of a post.
    Image {
        #[command(subcommand)]
        action: ImageAction,
    },
    /// Tags with their post counts; rename, merge or delete one across every post.
    Tags {
        #[command(subcommand)]
        action: Option<TermAction>,
    },
    /// Categories with their post counts; rename, merge or delete one across every post.
    Categories {
        #[command(subcommand)]
        action: Option<TermAction>,
    },
    /// Make a post a draft (or publish it with --off) the way the generator expects: Hugo's
    /// `draft` key, Jekyll's `_drafts/` ↔ `_posts/YYYY-MM-DD-…`, Hexo's `source/_drafts/`.
    Draft {
        /// The post: relative to the blog (as `list` prints it) or to the current folder.
        file: PathBuf,
        /// Publish the draft instead.
        #[arg(long)]
        off: bool,
    },
    /// Check every post's images and internal links as the built site will resolve them
    /// (its address, the site's sub-path, heading ids); exit status 1 when something is
    /// wrong. No network: other sites are not fetched.
    Check,
    /// Full-text search over titles, tags and bodies (Chinese matched inside sentences).
    Search {
        /// Words that must all occur (in the title, tags or text); case does not matter.
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Sign in to GitHub: the device flow (a one-time code to enter on GitHub), or a token
    /// read from standard input with --with-token; the token goes to the system keychain.
    /// GitHub Enterprise Server: set INKSTONE_GITHUB_URL (and INKSTONE_GITHUB_API_URL).
    Login {
        /// Read a token (scopes `repo`, `workflow`) from standard input instead.
        #[arg(long)]
        with_token: bool,
    },
    /// Sign out of GitHub: forget the token in the system keychain.
    Logout,
    /// Who the stored GitHub token signs in as, and its scopes.
    Whoami,
    /// The signed-in user's GitHub repositories: those with a Pages site first, then the most
    /// recently pushed.
    Repos,
    /// Clone a GitHub repository (a blog) with the stored token; print its folder.
    ///
    /// DIR (default: the repository's name) must be absent or empty.
    Clone {
        /// OWNER/REPO, e.g. octocat/octocat.github.io.
        repository: String,
        dir: Option<PathBuf>,
    },
    /// Commit every change and push it to the blog's GitHub Pages repository.
    Publish {
        /// The commit message (default: one naming the changed posts).
        #[arg(long, short)]
        message: Option<String>,
        /// Show what would be published, without committing or using the network.
        #[arg(long)]
        dry_run: bool,
        /// Then follow GitHub Pages until the site is live (exit 0) or its build failed (exit
        /// 1, with the failing job and step); prints the published post's live address.
        #[arg(long)]
        wait: bool,
        /// Stop waiting after this many seconds, saying it is still building.
        #[arg(long, value_name = "SECONDS", default_value_t = 600, requires = "wait")]
        wait_limit: u64,
    },
    /// Whether GitHub Pages built and deployed the blog's commit: building, live, failed or
    /// unknown.
    ///
    /// Live gives the address, failed the failing job and step (and exit status 1).
    Status {
        /// Follow it until it is live or failed.
        #[arg(long)]
        wait: bool,
        /// Stop waiting after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 600, requires = "wait")]
        wait_limit: u64,
    },
    /// The generator's GitHub Pages workflow (Hugo, Hexo), shown in full.
    ///
    /// GitHub builds a branch with Jekyll, so a Hugo or Hexo blog needs one to deploy.
    Workflow {
        /// Write it into .github/workflows/ (never over an existing file), to be published.
        #[arg(long)]
        add: bool,
        /// Also rebuild the site every day, so posts dated in the future go live on their date.
        #[arg(long)]
        daily: bool,
    },
    /// The access token used for HTTPS remotes, kept in the system keychain.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Print a shell completion script: `inkstone completions bash > …/inkstone`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `inkstone man | man -l -`.
    Man,
}

#[derive(Subcommand)]
enum TermAction {
    /// Rename a term in every post that has it.
    Rename {
        from: String,
        to: String,
        /// Only list the files that would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Merge terms into one.
    Merge {
        #[arg(required = true)]
        from: Vec<String>,
        #[arg(long)]
        into: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Remove a term from every post.
    Delete {
        name: String,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum ImageAction {
    /// Store an image where the generator publishes it for POST and print the Markdown that
    /// shows it (a Hugo single-file post becomes a bundle first, its address unchanged).
    Add {
        /// The post: relative to the blog (as `list` prints it) or to the current folder.
        post: PathBuf,
        /// The image file.
        file: PathBuf,
        /// The image's alternative text (default: none).
        #[arg(long, default_value = "")]
        alt: String,
        /// How a Chinese file name becomes a URL-safe one (default: the blog's `slug_style` in
        /// `.inkstone.toml`, else pinyin).
        #[arg(long, value_enum)]
        slug_style: Option<Style>,
    },
}

#[derive(Subcommand)]
enum TokenAction {
    /// Save a token read from standard input (never from the command line).
    Set {
        /// The host, e.g. `github.com` (default: the blog's remote).
        #[arg(long)]
        host: Option<String>,
    },
    /// Forget the saved token.
    Delete {
        #[arg(long)]
        host: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Style {
    /// ASCII, Chinese as pinyin: `你好 世界` → `ni-hao-shi-jie`.
    Pinyin,
    /// Hugo's urlize, CJK kept: `你好 世界` → `你好-世界`.
    Cjk,
}

/// The blog `--blog DIR` is in, else the one the current folder is in.
/// A post named on the command line: relative to the blog (as `list` prints them), or to the
/// current folder.
fn post_path(blog: &Blog, file: &std::path::Path) -> Result<String, inkstone_content::Error> {
    if file.is_relative() && blog.root().join(file).is_file() {
        Ok(file.to_string_lossy().replace('\\', "/"))
    } else {
        blog.relative(file)
    }
}

fn open(dir: Option<&Path>) -> Result<Blog> {
    Ok(match dir {
        // In no blog: said as of DIR itself (what a blog's folder holds).
        Some(dir) => match Blog::find(dir) {
            Err(inkstone_content::Error::NoBlogFound(_)) => Blog::open(dir)?,
            found => found?,
        },
        None => Blog::find(".")?,
    })
}

/// Reads FILE or standard input.
fn read_input(file: &Path) -> Result<String> {
    if file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("standard input is not UTF-8 text")?;
        Ok(text)
    } else {
        Ok(inkstone_content::read_text(file)?)
    }
}

/// The post as the blog reads it; outside a blog, as plain CommonMark with Hugo's counting.
/// Without `--blog`, the blog is the one the file (or, for standard input, the current
/// folder) is in.
fn document(
    blog_dir: Option<&Path>,
    file: &Path,
) -> Result<(Option<Blog>, inkstone_content::Document)> {
    let text = read_input(file)?;
    let blog = match blog_dir {
        Some(dir) => Some(Blog::open(dir)?),
        None => {
            let near = match file.parent() {
                Some(p) if file != Path::new("-") && !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            // Outside a blog (or in one that cannot be opened), `render` and `stats` still
            // work on any Markdown file; `--blog` makes the blog's errors count.
            Blog::find(near).ok()
        }
    };
    let rel = match (&blog, file == Path::new("-")) {
        (Some(b), false) => b
            .relative(file)
            .unwrap_or_else(|_| file.display().to_string()),
        _ => "stdin.md".to_string(),
    };
    let doc = match &blog {
        Some(b) => b.read_text_as(&rel, &text)?,
        None => inkstone_content::read_standalone(&rel, &text)?,
    };
    Ok((blog, doc))
}

fn terms(
    out: &mut Out,
    dir: Option<&Path>,
    taxonomy: Taxonomy,
    action: Option<TermAction>,
    json: bool,
) -> Result<()> {
    let blog = open(dir)?;
    let Some(action) = action else {
        let posts = blog.posts();
        let counts = match taxonomy {
            Taxonomy::Tags => blog.tags(&posts),
            Taxonomy::Categories => blog.categories(&posts),
        };
        return output::terms(out, &counts, json);
    };
    let (op, dry_run) = match action {
        TermAction::Rename { from, to, dry_run } => (TermOp::Rename { from, to }, dry_run),
        TermAction::Merge {
            from,
            into,
            dry_run,
        } => (TermOp::Merge { from, into }, dry_run),
        TermAction::Delete { name, dry_run } => (TermOp::Delete { name }, dry_run),
    };
    // Planned and applied under the blog's lock: another writer's change in between would
    // make the plan stale.
    let _lock = if dry_run {
        None
    } else {
        Some(BlogLock::wait(blog.root(), lock::PATIENCE)?)
    };
    let changes = blog.plan_terms(taxonomy, &op)?;
    if changes.is_empty() {
        // A name no post has is most likely a typo: said, not reported as "0 files changed".
        let named: Vec<&str> = match &op {
            TermOp::Rename { from, .. } | TermOp::Delete { name: from } => vec![from.as_str()],
            TermOp::Merge { from, .. } => from.iter().map(String::as_str).collect(),
        };
        let posts = blog.posts();
        let known = match taxonomy {
            Taxonomy::Tags => blog.tags(&posts),
            Taxonomy::Categories => blog.categories(&posts),
        };
        let unknown: Vec<String> = named
            .iter()
            .filter(|n| {
                !known
                    .iter()
                    .any(|k| k.name.to_lowercase() == n.to_lowercase())
            })
            .map(|n| format!("`{n}`"))
            .collect();
        if !unknown.is_empty() {
            let what = match taxonomy {
                Taxonomy::Tags => "tag",
                Taxonomy::Categories => "category",
            };
            anyhow::bail!(
                "no post has the {what} {}: nothing changed",
                unknown.join(" or ")
            );
        }
    }
    if !dry_run {
        blog.apply(&changes)?;
    }
    if json {
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        out.json(&serde_json::json!({ "changed": paths, "applied": !dry_run }))?;
    } else {
        for c in &changes {
            out.line(&c.path)?;
        }
        let _ = if dry_run {
            writeln!(
                std::io::stderr(),
                "{} file(s) would change (--dry-run: nothing was written)",
                changes.len()
            )
        } else {
            writeln!(std::io::stderr(), "{} file(s) changed", changes.len())
        };
    }
    Ok(())
}

fn run(cli: Cli, out: &mut Out) -> Result<()> {
    let dir = cli.global.blog.as_deref();
    let json = cli.global.json;
    match cli.command {
        Command::Image {
            action:
                ImageAction::Add {
                    post,
                    file,
                    alt,
                    slug_style,
                },
        } => {
            let blog = open(dir)?;
            let rel = post_path(&blog, &post)?;
            let bytes = std::fs::read(&file).with_context(|| file.display().to_string())?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let style = match slug_style {
                Some(Style::Pinyin) => SlugStyle::Pinyin,
                Some(Style::Cjk) => SlugStyle::Cjk,
                None => inkstone_content::settings::BlogSettings::read(blog.root())?.slug_style,
            };
            let added = blog.add_image(&rel, &name, &bytes, &alt, style)?;
            if let Some(from) = &added.moved_from {
                // Outside git, or for an untracked file, there is nothing to record.
                let _ = inkstone_git::record_move(blog.root(), from, &added.post);
            }
            if json {
                out.json(&added)
            } else {
                if let Some(from) = &added.moved_from {
                    eprintln!(
                        "inkstone: {from} is now {} (a bundle: its address is unchanged)",
                        added.post
                    );
                }
                out.line(&added.markdown)
            }
        }
        Command::Check => {
            let blog = open(dir)?;
            let findings = blog.check();
            output::findings(out, &findings, json)?;
            if !findings.is_empty() {
                return Err(report::Findings(findings.len()).into());
            }
            Ok(())
        }
        Command::Info => {
            let blog = open(dir)?;
            output::info(out, &blog, json)
        }
        Command::List => {
            let blog = open(dir)?;
            let posts = blog.posts();
            if json {
                out.json(&posts)
            } else {
                output::posts_table(out, &posts)
            }
        }
        Command::Render { file } => {
            let (blog, doc) = document(dir, &file)?;
            let rendered = match &blog {
                Some(b) => b.render_post(&doc, None),
                None => render(
                    &doc.body,
                    &RenderOptions {
                        cjk: doc.post.cjk,
                        line_offset: doc.body_line - 1,
                        ..Default::default()
                    },
                ),
            };
            if json {
                out.json(&serde_json::json!({
                    "path": doc.post.path,
                    "html": rendered.html,
                    "words": rendered.words,
                }))
            } else {
                out.text(&rendered.html)
            }
        }
        Command::Stats { file } => {
            let (_, doc) = document(dir, &file)?;
            output::stats(out, &doc, json)
        }
        Command::New {
            title,
            tags,
            categories,
            draft,
            no_draft,
            slug,
            slug_style,
        } => {
            let blog = open(dir)?;
            let style = match slug_style {
                Some(Style::Pinyin) => SlugStyle::Pinyin,
                Some(Style::Cjk) => SlugStyle::Cjk,
                None => inkstone_content::settings::BlogSettings::read(blog.root())?.slug_style,
            };
            let (rel, note) = blog.new_post_noting(&NewPost {
                title,
                tags,
                categories,
                draft: (draft || no_draft).then_some(draft),
                slug,
                slug_style: style,
            })?;
            if let Some(note) = note {
                eprintln!("inkstone: {note}");
            }
            if json {
                out.json(&serde_json::json!({ "path": rel }))
            } else {
                out.line(rel)
            }
        }
        Command::Translate { file, lang } => {
            let blog = open(dir)?;
            let rel = post_path(&blog, &file)?;
            let new = blog.translate(&rel, &lang)?;
            if json {
                out.json(&serde_json::json!({ "path": new }))
            } else {
                out.line(new)
            }
        }
        Command::Tags { action } => terms(out, dir, Taxonomy::Tags, action, json),
        Command::Categories { action } => terms(out, dir, Taxonomy::Categories, action, json),
        Command::Draft { file, off } => {
            let blog = open(dir)?;
            let rel = post_path(&blog, &file)?;
            let _lock = BlogLock::wait(blog.root(), lock::PATIENCE)?;
            let change = blog.plan_draft(&rel, !off)?;
            blog.apply_draft(&change)?;
            if change.to != change.from {
                // Best effort: outside git, or with the old path untracked, there is nothing to record.
                let _ = inkstone_git::record_move(blog.root(), &change.from, &change.to);
            }
            if json {
                out.json(
                    &serde_json::json!({ "from": change.from, "to": change.to, "draft": !off }),
                )
            } else {
                out.line(&change.to)
            }
        }
        Command::Search { query, limit } => {
            let blog = open(dir)?;
            let index = inkstone_content::search::Index::build(&blog);
            output::hits(out, &index.search(&query, limit), json)
        }
        Command::Login { with_token } => github::login(out, with_token, json),
        Command::Logout => github::logout(json, out),
        Command::Whoami => github::whoami(out, json),
        Command::Repos => github::repos(out, json),
        Command::Clone {
            repository,
            dir: target,
        } => github::clone(out, &repository, target, json),
        Command::Publish {
            message,
            dry_run,
            wait,
            wait_limit,
        } => {
            let blog = open(dir)?;
            let wait = wait.then(|| site::limit(Some(wait_limit)));
            publish::run(out, &blog, message, dry_run, wait, json)
        }
        Command::Status { wait, wait_limit } => {
            let blog = open(dir)?;
            site::status(out, &blog, wait, Some(wait_limit), json)
        }
        Command::Workflow { add, daily } => {
            let blog = open(dir)?;
            site::workflow(out, &blog, add, daily, json)
        }
        Command::Token { action } => {
            // The host comes from --host, else from the blog's remote.
            let root = |dir| open(dir).map(|b| b.root().to_path_buf());
            match action {
                TokenAction::Set { host } => publish::token_set(host, || root(dir)),
                TokenAction::Delete { host } => publish::token_delete(host, || root(dir)),
            }
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "inkstone", &mut script);
            out.text(&String::from_utf8_lossy(&script))
        }
        Command::Man => out.text(&man_page()?),
    }
}

/// The manual page, one page for every command: each command named as it is typed (not as a
/// page of its own, which there is not), with `--help` for its options; the exit status table
/// kept as laid out.
fn man_page() -> Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    let page = String::from_utf8_lossy(&page);
    let mut out = String::with_capacity(page.len() + 256);
    let mut section = "";
    for line in page.lines() {
        if let Some(name) = line.strip_prefix(".SH ") {
            if section == "EXTRA" {
                out.push_str(".fi\n");
            }
            section = if name == "EXTRA" { "EXTRA" } else { "" };
            if name == "SUBCOMMANDS" {
                out.push_str(".SH COMMANDS\n");
                out.push_str("Each command's options: \\fBinkstone\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR.\n");
                continue;
            }
            if name == "EXTRA" {
                out.push_str(".SH EXIT STATUS\n.nf\n");
                continue;
            }
        }
        // The section's own title, said again in its text.
        if section == "EXTRA" && line == "Exit status:" {
            continue;
        }
        // `inkstone\-list(1)`: the command, typed.
        match line
            .strip_prefix("inkstone\\-")
            .and_then(|l| l.strip_suffix("(1)"))
        {
            Some(cmd) => out.push_str(&format!("\\fBinkstone {cmd}\\fR")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    if section == "EXTRA" {
        out.push_str(".fi\n");
    }
    Ok(out)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbose = cli.global.verbose;
    report::install_panic_hook(verbose);
    let color = match cli.global.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let mut out = Out::new(color);
    inkstone_git::init();
    let result = run(cli, &mut out).and_then(|()| out.flush());
    report::finish(result, verbose)
}
