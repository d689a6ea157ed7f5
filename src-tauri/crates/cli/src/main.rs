//! `inkstone`: every core action of Inkstone from the command line.

mod output;
mod publish;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use inkstone_content::{Blog, NewPost, SlugStyle, Taxonomy, TermOp};
use inkstone_render::{RenderOptions, render};

/// Inkstone: write a Hugo, Jekyll or Hexo blog, from the command line.
#[derive(Parser)]
#[command(name = "inkstone", version, about, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Global {
    /// The blog's root folder.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    blog: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// List every post and draft, newest first.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Render a post's body to sanitized HTML on standard output.
    Render {
        /// The Markdown file, or `-` for standard input (front matter optional).
        file: PathBuf,
    },
    /// Words, reading time and characters of a post, counted as the site generator does.
    Stats {
        /// The Markdown file, or `-` for standard input.
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Create a new post (never overwrites) and print its path.
    New {
        #[arg(long)]
        title: String,
        /// A tag; repeat for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// A category; repeat for more.
        #[arg(long = "category", value_name = "CATEGORY")]
        categories: Vec<String>,
        /// Create it as a draft.
        #[arg(long)]
        draft: bool,
        /// Use this slug instead of one made from the title.
        #[arg(long)]
        slug: Option<String>,
        /// How a Chinese title becomes a file name.
        #[arg(long, value_enum, default_value_t = Style::Pinyin)]
        slug_style: Style,
    },
    /// Tags with their post counts; rename, merge or delete one across every post.
    Tags {
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        action: Option<TermAction>,
    },
    /// Categories with their post counts; rename, merge or delete one across every post.
    Categories {
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        action: Option<TermAction>,
    },
    /// Make a post a draft (or publish it with --off) the way the generator expects: Hugo's
    /// `draft` key, Jekyll's `_drafts/` ↔ `_posts/YYYY-MM-DD-…`, Hexo's `source/_drafts/`.
    Draft {
        file: PathBuf,
        /// Publish the draft instead.
        #[arg(long)]
        off: bool,
    },
    /// Full-text search over titles, tags and bodies (Chinese matched inside sentences).
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Commit every change and push it to the blog's GitHub Pages repository.
    Publish {
        /// The commit message (default: one naming the changed posts).
        #[arg(long, short)]
        message: Option<String>,
        /// Show what would be published, without committing or using the network.
        #[arg(long)]
        dry_run: bool,
        /// Print the plan or the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The access token used for HTTPS remotes, kept in the system keychain.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
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

fn open(dir: &Path) -> Result<Blog> {
    Ok(Blog::open(dir)?)
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
fn document(blog_dir: &Path, file: &Path) -> Result<(Option<Blog>, inkstone_content::Document)> {
    let text = read_input(file)?;
    let blog = match Blog::open(blog_dir) {
        Ok(b) => Some(b),
        // Outside a blog, `render` and `stats` still work on any Markdown file.
        Err(_) if blog_dir == Path::new(".") => None,
        Err(e) => return Err(e.into()),
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

fn terms(dir: &Path, taxonomy: Taxonomy, action: Option<TermAction>, json: bool) -> Result<()> {
    let blog = open(dir)?;
    let Some(action) = action else {
        let posts = blog.posts();
        let counts = match taxonomy {
            Taxonomy::Tags => blog.tags(&posts),
            Taxonomy::Categories => blog.categories(&posts),
        };
        return output::terms(&counts, json);
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
    let changes = blog.plan_terms(taxonomy, &op)?;
    if json {
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        output::json(&serde_json::json!({ "changed": paths, "applied": !dry_run }))?;
    } else {
        for c in &changes {
            println!("{}", c.path);
        }
    }
    if !dry_run {
        blog.apply(&changes)?;
        if !json {
            eprintln!("{} file(s) changed", changes.len());
        }
    }
    Ok(())
}

fn run(cli: Cli) -> Result<()> {
    let dir = &cli.global.blog;
    match cli.command {
        Command::List { json } => {
            let blog = open(dir)?;
            let posts = blog.posts();
            if json {
                output::json(&posts)
            } else {
                output::posts_table(&posts)
            }
        }
        Command::Render { file } => {
            let (blog, doc) = document(dir, &file)?;
            let html = match &blog {
                Some(b) => b.render_post(&doc, None).html,
                None => {
                    render(
                        &doc.body,
                        &RenderOptions {
                            cjk: doc.post.cjk,
                            line_offset: doc.body_line - 1,
                            ..Default::default()
                        },
                    )
                    .html
                }
            };
            print!("{html}");
            Ok(())
        }
        Command::Stats { file, json } => {
            let (_, doc) = document(dir, &file)?;
            output::stats(&doc, json)
        }
        Command::New {
            title,
            tags,
            categories,
            draft,
            slug,
            slug_style,
        } => {
            let blog = open(dir)?;
            let style = match slug_style {
                Style::Pinyin => SlugStyle::Pinyin,
                Style::Cjk => SlugStyle::Cjk,
            };
            let rel = blog.new_post(&NewPost {
                title,
                tags,
                categories,
                draft,
                slug,
                slug_style: style,
            })?;
            println!("{rel}");
            Ok(())
        }
        Command::Tags { json, action } => terms(dir, Taxonomy::Tags, action, json),
        Command::Categories { json, action } => terms(dir, Taxonomy::Categories, action, json),
        Command::Draft { file, off } => {
            let blog = open(dir)?;
            // A path relative to the blog (as `list` prints them), or to the current folder.
            let rel = if file.is_relative() && blog.root().join(&file).is_file() {
                file.to_string_lossy().replace('\\', "/")
            } else {
                blog.relative(&file)?
            };
            let change = blog.plan_draft(&rel, !off)?;
            blog.apply_draft(&change)?;
            if change.to != change.from {
                // Best effort: outside git, or with the old path untracked, there is nothing to record.
                let _ = inkstone_git::record_move(blog.root(), &change.from, &change.to);
            }
            println!("{}", change.to);
            Ok(())
        }
        Command::Search { query, json, limit } => {
            let blog = open(dir)?;
            let index = inkstone_content::search::Index::build(&blog);
            output::hits(&index.search(&query, limit), json)
        }
        Command::Publish {
            message,
            dry_run,
            json,
        } => publish::run(dir, message, dry_run, json),
        Command::Token { action } => match action {
            TokenAction::Set { host } => publish::token_set(dir, host),
            TokenAction::Delete { host } => publish::token_delete(dir, host),
        },
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    inkstone_git::init();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}").replace('\n', " ");
            eprintln!("inkstone: {msg}");
            ExitCode::FAILURE
        }
    }
}
