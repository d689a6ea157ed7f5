//! The one place the CLI writes its output: JSON for scripts, aligned text for people,
//! coloured only on a terminal (`--color`, `NO_COLOR`). Every write returns its error, so a
//! closed pipe (`inkstone list | head -1`) ends the command quietly instead of panicking.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use anyhow::Result;
use inkstone_content::search::Hit;
use inkstone_content::{Document, Post, Status, TermCount};
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
