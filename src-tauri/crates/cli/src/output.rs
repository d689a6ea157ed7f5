//! The one place the CLI writes its output: JSON for scripts, aligned text for people,
//! coloured only on a terminal (`--color`, `NO_COLOR`). Every write returns its error, so a
//! closed pipe (`inkstone list | head -1`) ends the command quietly instead of panicking.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use inkstone_content::search::Hit;
use inkstone_content::{Blog, Document, Post, Status, TermCount};
use serde::Serialize;

/// Standard output, with colours stripped unless they are wanted.
pub struct Out {
    w: anstream::AutoStream<std::io::Stdout>,
}

const DIM: Style = AnsiColor::BrightBlack.on_default();
const DRAFT: Style = AnsiColor::Yellow.on_default();
const SCHEDULED: Style = AnsiColor::Cyan.on_default();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const BOLD: Style = Style::new().bold();

impl Out {
    pub fn new(color: anstream::ColorChoice) -> Out {
        Out {
            w: anstream::AutoStream::new(std::io::stdout(), color),
        }
    }

    /// One value as pretty JSON and a newline.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.w, value)?;
        writeln!(self.w)?;
        Ok(())
    }

    /// Text as it is (rendered HTML, a path).
    pub fn text(&mut self, text: &str) -> Result<()> {
        self.w.write_all(text.as_bytes())?;
        Ok(())
    }

    /// One line of text.
    pub fn line(&mut self, line: impl std::fmt::Display) -> Result<()> {
        writeln!(self.w, "{line}")?;
        Ok(())
    }

    /// `text` in `style` (nothing added when colours are off).
    fn styled(&mut self, style: Style, text: &str) -> Result<()> {
        write!(self.w, "{style}{text}{style:#}")?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }
}

fn badge(p: &Post) -> (&'static str, Style) {
    if p.error.is_some() {
        return ("error", ERROR);
    }
    match p.status {
        Status::Published => ("", Style::new()),
        Status::Draft => ("draft", DRAFT),
        Status::Scheduled => ("scheduled", SCHEDULED),
        Status::Expired => ("expired", DIM),
    }
}

/// Display width in a terminal: CJK and other wide characters take two columns.
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` followed by spaces up to `columns`.
fn padded(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(width(s))))
}

/// `date  status  words  min  path  title`, the columns aligned.
pub fn posts_table(out: &mut Out, posts: &[Post]) -> Result<()> {
    let words: Vec<String> = posts.iter().map(|p| p.words.to_string()).collect();
    let word_col = words.iter().map(|w| w.len()).max().unwrap_or(0).max(5);
    let path_col = posts.iter().map(|p| width(&p.path)).max().unwrap_or(0);
    for (p, w) in posts.iter().zip(&words) {
        let date = p
            .date
            .as_deref()
            .and_then(|d| d.get(..10))
            .unwrap_or("----------");
        let (badge, style) = badge(p);
        out.styled(DIM, date)?;
        out.text("  ")?;
        out.styled(style, &padded(badge, 9))?;
        out.text(&format!(
            "  {w:>word_col$} words {:>3} min  ",
            p.reading_minutes
        ))?;
        out.text(&padded(&p.path, path_col))?;
        out.text("  ")?;
        match &p.error {
            Some(e) => out.styled(ERROR, e)?,
            None => out.styled(BOLD, &p.title)?,
        }
        out.line("")?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Stats<'a> {
    path: &'a str,
    words: usize,
    reading_minutes: usize,
    /// Characters of the text, white space excluded.
    characters: usize,
    cjk: bool,
}

pub fn stats(out: &mut Out, doc: &Document, as_json: bool) -> Result<()> {
    let characters = inkstone_render::words::plain_text(&doc.body, &Default::default(), false)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    let s = Stats {
        path: &doc.post.path,
        words: doc.post.words,
        reading_minutes: doc.post.reading_minutes,
        characters,
        cjk: doc.post.cjk,
    };
    if as_json {
        return out.json(&s);
    }
    out.line(format_args!(
        "words: {}\nreading_minutes: {}\ncharacters: {}",
        s.words, s.reading_minutes, s.characters
    ))
}

pub fn terms(out: &mut Out, terms: &[TermCount], as_json: bool) -> Result<()> {
    if as_json {
        return out.json(terms);
    }
    let col = terms
        .iter()
        .map(|t| t.posts.to_string().len())
        .max()
        .unwrap_or(0)
        .max(4);
    for t in terms {
        out.text(&format!("{:>col$}  ", t.posts))?;
        out.styled(BOLD, &t.name)?;
        if t.unpublished > 0 {
            out.styled(DIM, &format!(" (+{} unpublished)", t.unpublished))?;
        }
        out.line("")?;
    }
    Ok(())
}

pub fn hits(out: &mut Out, hits: &[Hit], as_json: bool) -> Result<()> {
    if as_json {
        return out.json(hits);
    }
    for h in hits {
        out.text(&format!("{}  ", h.path))?;
        out.styled(BOLD, &h.title)?;
        out.line("")?;
        out.styled(DIM, &format!("    {}", h.snippet))?;
        out.line("")?;
    }
    Ok(())
}

/// `inkstone info`: what was read of the blog, and how its posts count up.
pub fn info(out: &mut Out, blog: &Blog, as_json: bool) -> Result<()> {
    let site = blog.site();
    let posts = blog.posts();
    let langs = &site.languages;
    let drafts = posts.iter().filter(|p| p.draft).count();
    let mut per_language: Vec<(String, usize)> = Vec::new();
    for p in &posts {
        if let Some(lang) = &p.lang {
            match per_language.iter_mut().find(|(l, _)| l == lang) {
                Some((_, n)) => *n += 1,
                None => per_language.push((lang.clone(), 1)),
            }
        }
    }
    let languages: Vec<serde_json::Value> = langs
        .list
        .iter()
        .map(|l| {
            serde_json::json!({
                "code": l.code,
                "name": l.name,
                "weight": l.weight,
                "content_dir": l.content_dir.clone().unwrap_or_else(|| site.content_dir.clone()),
                "default": l.code == langs.default,
            })
        })
        .collect();
    let generator = match site.generator {
        inkstone_content::Generator::Hugo => "hugo",
        inkstone_content::Generator::Jekyll => "jekyll",
        inkstone_content::Generator::Hexo => "hexo",
    };
    if as_json {
        return out.json(&serde_json::json!({
            "root": blog.root().to_string_lossy(),
            "generator": generator,
            "config_files": site.config_files,
            "title": site.title,
            "base_url": site.base_url,
            "base_path": site.base_path(),
            "content_dir": site.content_dir,
            "languages": languages,
            "default_language": (site.generator == inkstone_content::Generator::Hugo).then_some(&langs.default),
            "default_language_in_subdir": langs.default_in_subdir,
            "has_cjk_language": site.has_cjk_language,
            "time_zone": site.time_zone,
            "author": site.author,
            "posts": posts.len(),
            "drafts": drafts,
            "math": site.markdown.math,
            "mermaid": site.markdown.mermaid,
            "posts_by_language": per_language.iter().map(|(l, n)| (l.clone(), serde_json::Value::from(*n))).collect::<serde_json::Map<_, _>>(),
        }));
    }
    let row = |out: &mut Out, key: &str, value: &str| -> Result<()> {
        out.styled(DIM, &format!("{key:<12}"))?;
        out.line(value)
    };
    row(out, "blog", &blog.root().display().to_string())?;
    row(out, "generator", generator)?;
    row(out, "config", &site.config_files.join(", "))?;
    if let Some(title) = &site.title {
        row(out, "title", title)?;
    }
    row(
        out,
        "address",
        site.base_url
            .as_deref()
            .unwrap_or("(no base URL: addresses start at /)"),
    )?;
    row(
        out,
        "content",
        if site.content_dir.is_empty() {
            "."
        } else {
            &site.content_dir
        },
    )?;
    if !langs.list.is_empty() {
        let list: Vec<String> = langs
            .list
            .iter()
            .map(|l| {
                let mut notes: Vec<String> = Vec::new();
                if let Some(n) = &l.name {
                    notes.push(n.clone());
                }
                if l.code == langs.default {
                    notes.push(if langs.default_in_subdir {
                        "default, under /".to_string() + &l.code + "/"
                    } else {
                        "default, at the root".into()
                    });
                }
                if let Some(d) = &l.content_dir {
                    notes.push(d.clone());
                }
                if notes.is_empty() {
                    l.code.clone()
                } else {
                    format!("{} ({})", l.code, notes.join(", "))
                }
            })
            .collect();
        row(out, "languages", &list.join(", "))?;
    }
    if let Some(tz) = &site.time_zone {
        row(out, "time zone", tz)?;
    }
    let shows = |on: bool| {
        if on {
            "rendered by the site"
        } else {
            "not rendered (a post can ask with front matter)"
        }
    };
    row(out, "math", shows(site.markdown.math))?;
    row(out, "mermaid", shows(site.markdown.mermaid))?;
    let by_language = if per_language.len() > 1 {
        let parts: Vec<String> = per_language
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        format!(" ({})", parts.join(", "))
    } else {
        String::new()
    };
    row(
        out,
        "posts",
        &format!("{}{by_language}, {drafts} draft(s)", posts.len()),
    )
}

/// `inkstone check`: `file:line: kind: target — message`, one a line.
pub fn findings(
    out: &mut Out,
    findings: &[inkstone_content::check::Finding],
    as_json: bool,
) -> Result<()> {
    if as_json {
        return out.json(findings);
    }
    for f in findings {
        let kind = serde_json::to_value(f.kind)?
            .as_str()
            .unwrap_or_default()
            .to_string();
        out.styled(BOLD, &format!("{}:{}", f.file, f.line))?;
        out.text(": ")?;
        out.styled(ERROR, &kind)?;
        // A finding about the whole file (one that cannot be read) has no target.
        if f.target.is_empty() {
            out.line(format!(": {}", f.message))?;
        } else {
            out.line(format!(": {} — {}", f.target, f.message))?;
        }
    }
    Ok(())
}
