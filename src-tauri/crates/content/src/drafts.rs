//! Draft ↔ published the way each generator understands it: Hugo's `draft` (or
//! `published`) key; Jekyll's `_drafts/slug.md` ↔ `_posts/YYYY-MM-DD-slug.md`; Hexo's
//! `source/_drafts` ↔ `source/_posts`. Moving keeps the date in the front matter.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use crate::fmedit::{FieldValue, set_field};
use crate::site::Generator;
use crate::{Blog, Error, Result, post, read_text};

/// What making a post a draft (or publishing it) does.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftChange {
    pub from: String,
    /// The new path (the same when the file does not move).
    pub to: String,
    pub before: String,
    pub after: String,
}

fn split_dir(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

impl Blog {
    /// Plans turning the post at `rel` into a draft (`draft = true`) or publishing it.
    pub fn plan_draft(&self, rel: &str, draft: bool) -> Result<DraftChange> {
        let checked = self.writable(rel)?;
        let rel = checked.as_str();
        if !crate::scan::MARKDOWN.contains(&checked.extension().unwrap_or_default().as_str()) {
            return Err(Error::Refused {
                path: rel.to_string(),
                reason: "not a post: only a Markdown post can be a draft",
            });
        }
        let path = self.file(&checked);
        let text = read_text(&path)?;
        let doc = self.read_text_as(rel, &text)?;
        let hexo = self.site().generator == Generator::Hexo;
        let fm_err = |e: crate::frontmatter::FmError| Error::FrontMatter {
            path: path.clone(),
            line: e.line,
            format: e.format,
            message: e.message,
        };
        let has = |key: &str| doc.front_matter.keys().any(|k| k.eq_ignore_ascii_case(key));
        let mut head = doc.head.clone();
        let mut to = rel.to_string();
        let (dir, file) = split_dir(rel);
        let parent = dir.rsplit('/').next().unwrap_or(dir);
        let ctx = post::Context::new(self.site(), Timestamp::now());
        match self.site().generator {
            Generator::Hugo => {
                if has("published") {
                    head = set_field(&head, false, "published", &FieldValue::Bool(!draft))
                        .map_err(fm_err)?;
                }
                if draft || has("draft") {
                    head = set_field(&head, false, "draft", &FieldValue::Bool(draft))
                        .map_err(fm_err)?;
                }
            }
            Generator::Jekyll | Generator::Hexo => {
                let (posts, drafts) = ("_posts", "_drafts");
                let unpublished = doc
                    .front_matter
                    .iter()
                    .any(|(k, v)| k.eq_ignore_ascii_case("published") && *v == Value::Bool(false));
                if !draft && unpublished {
                    head =
                        set_field(&head, hexo, "published", &FieldValue::Remove).map_err(fm_err)?;
                }
                let base = dir.strip_suffix(parent).unwrap_or("");
                if draft && parent == posts {
                    // Keep the date the file name carried.
                    let date = doc
                        .post
                        .date
                        .as_deref()
                        .and_then(|d| d.get(..10))
                        .map(str::to_string);
                    if !has("date")
                        && let Some(date) = &date
                    {
                        head = set_field(&head, hexo, "date", &FieldValue::Date(date.clone()))
                            .map_err(fm_err)?;
                    }
                    let name = if hexo {
                        file.to_string()
                    } else {
                        strip_date(file).to_string()
                    };
                    to = format!("{base}{drafts}/{name}");
                } else if !draft && parent == drafts {
                    let now = ctx.now.to_zoned(ctx.tz.clone());
                    if !has("date") {
                        let stamp = now.strftime("%Y-%m-%d %H:%M:%S").to_string();
                        head = set_field(&head, hexo, "date", &FieldValue::Date(stamp))
                            .map_err(fm_err)?;
                    }
                    let day = doc
                        .post
                        .date
                        .as_deref()
                        .and_then(|d| d.get(..10))
                        .map(str::to_string)
                        .unwrap_or_else(|| now.strftime("%Y-%m-%d").to_string());
                    let name = if hexo {
                        file.to_string()
                    } else {
                        format!("{day}-{file}")
                    };
                    to = format!("{base}{posts}/{name}");
                } else if draft && !unpublished {
                    // Not in a posts folder (a collection, a page): the key hides it.
                    head = set_field(&head, hexo, "published", &FieldValue::Bool(false))
                        .map_err(fm_err)?;
                }
            }
        }
        Ok(DraftChange {
            from: rel.to_string(),
            to,
            before: text,
            after: format!("{head}{}", doc.body),
        })
    }

    /// Writes a planned draft change: the new file (never over another one), then the old
    /// one removed. A crash in between leaves both, never neither.
    pub fn apply_draft(&self, change: &DraftChange) -> Result<()> {
        let from = self.file(&self.writable(&change.from)?);
        let _lock = crate::lock::BlogLock::wait(self.root(), crate::lock::PATIENCE)?;
        if read_text(&from)? != change.before {
            return Err(Error::Changed(from));
        }
        if change.to == change.from {
            return crate::atomic::write(&from, change.after.as_bytes());
        }
        let to = self.file(&self.writable(&change.to)?);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        crate::newpost::write_new(&to, &change.after)?;
        std::fs::remove_file(&from).map_err(|e| Error::io(&from, e))
    }
}

/// `2024-3-2-slug.md` → `slug.md` (Jekyll's dated name, [`crate::dates::jekyll_post_name`]).
fn strip_date(file: &str) -> &str {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    match crate::dates::jekyll_post_name(stem) {
        Some((_, slug)) => &file[stem.len() - slug.len()..],
        None => file,
    }
}

#[cfg(test)]
mod tests;
