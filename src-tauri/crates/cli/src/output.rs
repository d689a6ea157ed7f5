//! How the CLI prints: JSON for scripts, aligned text for people.

use anyhow::Result;
use inkstone_content::search::Hit;
use inkstone_content::{Document, Post, Status, TermCount};
use serde::Serialize;

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn badge(p: &Post) -> &'static str {
    if p.error.is_some() {
        return "error";
    }
    match p.status {
        Status::Published => "",
        Status::Draft => "draft",
        Status::Scheduled => "scheduled",
        Status::Expired => "expired",
    }
}

pub fn posts_table(posts: &[Post]) -> Result<()> {
    for p in posts {
        let date = p
            .date
            .as_deref()
            .and_then(|d| d.get(..10))
            .unwrap_or("----------");
        let what = match &p.error {
            Some(e) => e.clone(),
            None => format!(
                "{}  ({} words, {} min)",
                p.title, p.words, p.reading_minutes
            ),
        };
        println!("{date}  {:<9}  {what}  {}", badge(p), p.path);
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

pub fn stats(doc: &Document, as_json: bool) -> Result<()> {
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
        return json(&s);
    }
    println!(
        "words: {}\nreading_minutes: {}\ncharacters: {}",
        s.words, s.reading_minutes, s.characters
    );
    Ok(())
}

pub fn terms(terms: &[TermCount], as_json: bool) -> Result<()> {
    if as_json {
        return json(terms);
    }
    for t in terms {
        let extra = if t.unpublished > 0 {
            format!(" (+{} unpublished)", t.unpublished)
        } else {
            String::new()
        };
        println!("{:>4}  {}{extra}", t.posts, t.name);
    }
    Ok(())
}

pub fn hits(hits: &[Hit], as_json: bool) -> Result<()> {
    if as_json {
        return json(hits);
    }
    for h in hits {
        println!("{}  {}\n    {}", h.path, h.title, h.snippet);
    }
    Ok(())
}
