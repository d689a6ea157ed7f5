//! Renaming, merging and deleting a tag or category across every post, planned as file
//! changes (shown before they run) that touch only the taxonomy's key.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bulk::FileChange;
use crate::fmedit::{FieldValue, ItemEdit, edit_list, set_field};
use crate::site::Generator;
use crate::{Blog, Error, Result, read_text};

/// Which list of terms.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Taxonomy {
    Tags,
    Categories,
}

impl Taxonomy {
    /// The front-matter keys that can hold it, plural first. Renames touch both, whichever
    /// the generator reads.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Taxonomy::Tags => &["tags", "tag"],
            Taxonomy::Categories => &["categories", "category"],
        }
    }

    /// The taxonomy a whole-list front-matter key (`tags`, `categories`) names.
    pub fn of_key(key: &str) -> Option<Taxonomy> {
        match key {
            "tags" => Some(Taxonomy::Tags),
            "categories" => Some(Taxonomy::Categories),
            _ => None,
        }
    }

    /// The keys of `fm` that `generator` reads this taxonomy from, as it decides:
    /// - Hugo reads the plural alone (`tag:` is just a parameter);
    /// - Jekyll reads a singular that is set (not `~` or `false`) instead of the plural for
    ///   tags (`Utils.pluralized_array_from_hash`), and both for categories;
    /// - Hexo reads the plural when it holds something (JavaScript's truthiness: `[]` does,
    ///   `""` does not), else the singular.
    pub fn read_keys(
        self,
        generator: Generator,
        fm: &serde_json::Map<String, Value>,
    ) -> Vec<&'static str> {
        let [plural, singular] = match self {
            Taxonomy::Tags => ["tags", "tag"],
            Taxonomy::Categories => ["categories", "category"],
        };
        let value = |k: &str| crate::frontmatter::get(fm, k);
        match generator {
            Generator::Hugo => vec![plural],
            Generator::Jekyll => match self {
                Taxonomy::Categories => vec![plural, singular],
                Taxonomy::Tags if value(singular).is_some_and(ruby_truthy) => vec![singular],
                Taxonomy::Tags => vec![plural],
            },
            Generator::Hexo
                if !value(plural).is_some_and(js_truthy)
                    && value(singular).is_some_and(js_truthy) =>
            {
                vec![singular]
            }
            Generator::Hexo => vec![plural],
        }
    }

    /// The key an edit of the whole list is written to: the one the generator reads, so the
    /// edit shows on the site (Jekyll's `tag:` rather than a `tags:` it ignores).
    pub fn write_key(
        self,
        generator: Generator,
        fm: &serde_json::Map<String, Value>,
    ) -> &'static str {
        let keys = self.read_keys(generator, fm);
        match keys.as_slice() {
            [one] => one,
            // Jekyll's categories come from both: the plural unless only the singular is there.
            _ if crate::frontmatter::get(fm, self.keys()[0]).is_none()
                && crate::frontmatter::get(fm, self.keys()[1]).is_some() =>
            {
                self.keys()[1]
            }
            _ => self.keys()[0],
        }
    }
}

/// Ruby's truthiness: all but `nil` and `false`.
fn ruby_truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false))
}

/// JavaScript's truthiness: all but `null`, `false`, `0` and `""` (an empty list is true).
fn js_truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// `key` as the generator reads it in front matter `head`: a whole-list edit of `tags` or
/// `categories` goes to the key the generator reads (see [`Taxonomy::write_key`]); any other
/// key, or front matter that does not parse, is left as it is.
pub fn field_key<'k>(generator: Generator, head: &str, key: &'k str) -> &'k str {
    match (Taxonomy::of_key(key), parsed(generator, head)) {
        (Some(taxonomy), Some(fm)) => taxonomy.write_key(generator, &fm),
        _ => key,
    }
}

/// The front matter of `head`, when it parses.
fn parsed(generator: Generator, head: &str) -> Option<serde_json::Map<String, Value>> {
    let s = crate::frontmatter::split(head, generator == Generator::Hexo).ok()?;
    crate::frontmatter::parse(s.format?, s.inner, 1).ok()
}

/// `head` (everything before the body) with the form's edit of `key` to `value`: a whole-list
/// edit of tags or categories goes to the key the generator reads ([`field_key`]), and where
/// the generator reads the list from two keys (Jekyll's `categories:` and `category:`), the
/// other one is removed, so that a term taken out of the list leaves the site too. Any other
/// key is set as it is.
pub fn set_form_field(
    generator: Generator,
    head: &str,
    key: &str,
    value: &FieldValue,
) -> std::result::Result<String, crate::frontmatter::FmError> {
    let hexo = generator == Generator::Hexo;
    // Parsed once: which key to write, and which others the generator also reads.
    let (Some(taxonomy), Some(fm)) = (Taxonomy::of_key(key), parsed(generator, head)) else {
        return set_field(head, hexo, key, value);
    };
    let write = taxonomy.write_key(generator, &fm);
    let mut out = set_field(head, hexo, write, value)?;
    for other in taxonomy.read_keys(generator, &fm) {
        if other != write && crate::frontmatter::get(&fm, other).is_some() {
            out = set_field(&out, hexo, other, &FieldValue::Remove)?;
        }
    }
    Ok(out)
}

/// What to do to a term. Terms match case-insensitively, as the generators group them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum TermOp {
    Rename { from: String, to: String },
    Merge { from: Vec<String>, into: String },
    Delete { name: String },
}

impl TermOp {
    fn check(&self) -> Result<()> {
        let blank = |s: &str| s.trim().is_empty();
        let bad = match self {
            TermOp::Rename { from, to } => blank(from) || blank(to),
            TermOp::Merge { from, into } => {
                from.is_empty() || from.iter().any(|f| blank(f)) || blank(into)
            }
            TermOp::Delete { name } => blank(name),
        };
        if bad {
            return Err(Error::Invalid("a term cannot be empty".into()));
        }
        Ok(())
    }

    /// The list after the operation; `None` when it does not change.
    pub fn apply_to(&self, items: &[String]) -> Option<Vec<String>> {
        let edits = self.edits(items)?;
        Some(
            items
                .iter()
                .zip(edits)
                .filter_map(|(item, edit)| match edit {
                    ItemEdit::Keep => Some(item.clone()),
                    ItemEdit::Replace(new) => Some(new),
                    ItemEdit::Delete => None,
                })
                .collect(),
        )
    }

    /// Whether the operation names `item` (as a source or the target).
    fn names(&self, item: &str) -> bool {
        let is = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        match self {
            TermOp::Rename { from, to } => is(item, from) || is(item, to),
            TermOp::Merge { from, into } => is(item, into) || from.iter().any(|f| is(item, f)),
            TermOp::Delete { name } => is(item, name),
        }
    }

    /// What happens to each item of a list (the first of names that end up equal stays, the
    /// later ones go); `None` when nothing changes.
    pub fn edits(&self, items: &[String]) -> Option<Vec<ItemEdit>> {
        let is = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        // Names kept so far, and whether the operation made them: two names that end up equal
        // become one only when the operation made one of them (`[Go, go]` is the writer's own
        // business when neither is renamed).
        let mut kept: Vec<(String, bool)> = Vec::new();
        let mut edits = Vec::with_capacity(items.len());
        for item in items {
            let new = match self {
                TermOp::Rename { from, to } if is(item, from) => Some(to.trim().to_string()),
                TermOp::Merge { from, into } if from.iter().any(|f| is(item, f)) => {
                    Some(into.trim().to_string())
                }
                TermOp::Delete { name } if is(item, name) => None,
                _ => Some(item.clone()),
            };
            let made = new.as_ref().is_some_and(|n| n != item || self.names(item));
            edits.push(match new {
                Some(n) if kept.iter().any(|(k, by_op)| is(k, &n) && (made || *by_op)) => {
                    ItemEdit::Delete
                }
                Some(n) => {
                    let edit = if n == *item {
                        ItemEdit::Keep
                    } else {
                        ItemEdit::Replace(n.clone())
                    };
                    kept.push((n, made));
                    edit
                }
                None => ItemEdit::Delete,
            });
        }
        edits.iter().any(|e| *e != ItemEdit::Keep).then_some(edits)
    }
}

impl Blog {
    /// Every file the operation changes, with its text before and after.
    pub fn plan_terms(&self, taxonomy: Taxonomy, op: &TermOp) -> Result<Vec<FileChange>> {
        op.check()?;
        let ctx = crate::post::Context::new(self.site(), jiff::Timestamp::now());
        let plans = crate::par::map(&self.post_paths(), |rel| {
            self.plan_post(&ctx, taxonomy, op, rel)
        });
        // The first error in the posts' order, as when they were planned one by one.
        plans.into_iter().filter_map(Result::transpose).collect()
    }

    /// What the operation changes in the post at `rel`: `None` when nothing (or when the post
    /// cannot be read: the library shows its error).
    fn plan_post(
        &self,
        ctx: &crate::post::Context<'_>,
        taxonomy: Taxonomy,
        op: &TermOp,
        rel: &str,
    ) -> Result<Option<FileChange>> {
        let hexo = self.site().generator == Generator::Hexo;
        let jekyll = self.site().generator == Generator::Jekyll;
        let path = self.root().join(rel);
        let Ok(text) = read_text(&path) else {
            return Ok(None);
        };
        // Only the front matter matters here: no word count or summary.
        let Ok(doc) = ctx.read_uncounted(rel, &text) else {
            return Ok(None);
        };
        let mut head = doc.head.clone();
        for key in taxonomy.keys() {
            let Some((written, value)) = doc
                .front_matter
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
            else {
                continue;
            };
            let (items, style) = match value {
                // A list inside the list: which item is which is the writer's; say so
                // rather than flatten it.
                Value::Array(a) if a.iter().any(|v| v.is_array() || v.is_object()) => {
                    return Err(Error::FrontMatter {
                        path: path.clone(),
                        line: 1,
                        format: doc
                            .post
                            .format
                            .map_or("front matter", crate::frontmatter::Format::name),
                        message: format!(
                            "`{written}` holds a nested list; edit it in the raw front matter"
                        ),
                    });
                }
                // An empty item (`~`) stays as it is: it names no term.
                Value::Array(a) => (
                    a.iter()
                        .map(|v| crate::frontmatter::as_text(v).unwrap_or_else(|| NO_TERM.into()))
                        .collect::<Vec<_>>(),
                    Style::List,
                ),
                Value::String(s) if jekyll && s.contains(' ') => (
                    s.split_whitespace().map(str::to_string).collect(),
                    Style::Spaces,
                ),
                Value::String(s) => (vec![s.clone()], Style::One),
                _ => continue,
            };
            let Some(edits) = op.edits(&items) else {
                continue;
            };
            let fm_error = |e: crate::frontmatter::FmError| Error::FrontMatter {
                path: path.clone(),
                line: e.line,
                format: e.format,
                message: e.message,
            };
            // A list is edited item by item where it is written, so its comments,
            // quoting and layout stay; one written some other way is rewritten whole.
            if let Style::List = style
                && let Some(edited) = edit_list(&head, hexo, written, &edits).map_err(fm_error)?
            {
                head = edited;
                continue;
            }
            let new: Vec<String> = op
                .apply_to(&items)
                .unwrap_or_default()
                .into_iter()
                .filter(|t| t != NO_TERM)
                .collect();
            let value = match (style, new.len()) {
                (Style::Spaces, _) => FieldValue::Text(new.join(" ")),
                (Style::One, 0) => FieldValue::Remove,
                (Style::One, 1) => FieldValue::Text(new[0].clone()),
                _ => FieldValue::List(new),
            };
            head = set_field(&head, hexo, written, &value).map_err(fm_error)?;
        }
        Ok((head != doc.head).then(|| FileChange {
            path: rel.to_string(),
            after: format!("{head}{}", doc.body),
            before: text,
        }))
    }
}

/// Stands for a list item that is no term (`~`, null): never matches one, never written.
const NO_TERM: &str = "\u{0}";

#[derive(Clone, Copy)]
enum Style {
    List,
    /// Jekyll's `tags: go k8s`.
    Spaces,
    One,
}

#[cfg(test)]
mod tests {
    use super::{Taxonomy, TermOp, field_key, set_form_field};
    use crate::fmedit::FieldValue;
    use crate::site::Generator;

    fn fm(yaml: &str) -> serde_json::Map<String, serde_json::Value> {
        crate::frontmatter::parse(crate::Format::Yaml, yaml, 1).unwrap()
    }

    /// Each generator's own rule, checked against Jekyll 4.3 and Hexo 7's post processor.
    #[test]
    fn each_generator_reads_its_own_tag_key() {
        use Generator::*;
        let both = fm("tag: one two\ntags: [bar]\n");
        assert_eq!(Taxonomy::Tags.read_keys(Hugo, &both), ["tags"]);
        assert_eq!(Taxonomy::Tags.read_keys(Jekyll, &both), ["tag"]);
        assert_eq!(Taxonomy::Tags.read_keys(Hexo, &both), ["tags"]);
        // A singular that is not set leaves Jekyll with the plural.
        for unset in ["tag: ~\ntags: [bar]\n", "tag: false\ntags: [bar]\n"] {
            assert_eq!(
                Taxonomy::Tags.read_keys(Jekyll, &fm(unset)),
                ["tags"],
                "{unset}"
            );
        }
        // Hexo falls back to the singular only when the plural holds nothing.
        let empty = fm("tags: ''\ntag: x\n");
        assert_eq!(Taxonomy::Tags.read_keys(Hexo, &empty), ["tag"]);
        assert_eq!(
            Taxonomy::Tags.read_keys(Hexo, &fm("tags: []\ntag: x\n")),
            ["tags"]
        );
        assert_eq!(Taxonomy::Tags.read_keys(Hugo, &fm("tag: x\n")), ["tags"]);
        // Jekyll's categories come from both keys.
        let cats = fm("category: Web Dev\ncategories: a b\n");
        assert_eq!(
            Taxonomy::Categories.read_keys(Jekyll, &cats),
            ["categories", "category"]
        );
        assert_eq!(Taxonomy::Categories.read_keys(Hugo, &cats), ["categories"]);
        assert_eq!(
            Taxonomy::Categories.write_key(Jekyll, &fm("category: Web Dev\n")),
            "category"
        );
    }

    #[test]
    fn a_tag_edit_goes_where_the_generator_reads() {
        let head = "---\ntag: one\ntags: [bar]\n---\n";
        assert_eq!(field_key(Generator::Jekyll, head, "tags"), "tag");
        assert_eq!(field_key(Generator::Hugo, head, "tags"), "tags");
        assert_eq!(field_key(Generator::Jekyll, head, "title"), "title");
        // Front matter that does not parse keeps the key asked for.
        assert_eq!(
            field_key(Generator::Jekyll, "---\ntag: [\n---\n", "tags"),
            "tags"
        );
    }

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// What the generator shows for the front matter of `head`.
    fn shown(generator: Generator, taxonomy: Taxonomy, head: &str) -> Vec<String> {
        let s = crate::frontmatter::split(head, false).unwrap();
        let fm = crate::frontmatter::parse(s.format.unwrap(), s.inner, 1).unwrap();
        let mut out = Vec::new();
        for key in taxonomy.read_keys(generator, &fm) {
            match crate::frontmatter::get(&fm, key) {
                Some(serde_json::Value::Array(items)) => {
                    out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_string)))
                }
                Some(serde_json::Value::String(one)) => out.push(one.clone()),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn a_list_edit_replaces_every_key_the_generator_reads_it_from() {
        // Jekyll reads categories from both keys: taking `b` out of the list takes it off the
        // site, and the list is written to one key.
        let head = "---\ntitle: T\ncategories: [a]\ncategory: b\nlayout: post\n---\n";
        let out = set_form_field(
            Generator::Jekyll,
            head,
            "categories",
            &FieldValue::List(v(&["a", "c"])),
        )
        .unwrap();
        assert_eq!(
            shown(Generator::Jekyll, Taxonomy::Categories, &out),
            v(&["a", "c"])
        );
        assert!(!out.contains("category:"), "{out}");
        assert!(
            out.contains("title: T\n") && out.contains("layout: post\n"),
            "{out}"
        );
        // Emptied: neither key is left.
        let out =
            set_form_field(Generator::Jekyll, head, "categories", &FieldValue::Remove).unwrap();
        assert!(
            shown(Generator::Jekyll, Taxonomy::Categories, &out).is_empty(),
            "{out}"
        );
        // Hugo reads `categories` alone: a `category:` field is someone else's, and stays.
        let out = set_form_field(
            Generator::Hugo,
            head,
            "categories",
            &FieldValue::List(v(&["c"])),
        )
        .unwrap();
        assert!(out.contains("category: b\n"), "{out}");
        // Other keys are set as they are.
        let out = set_form_field(
            Generator::Jekyll,
            head,
            "title",
            &FieldValue::Text("U".into()),
        )
        .unwrap();
        assert_eq!(out, head.replace("title: T", "title: U"));
    }

    #[test]
    fn operations_on_one_list() {
        let rename = TermOp::Rename {
            from: "K8S".into(),
            to: "kubernetes".into(),
        };
        assert_eq!(
            rename.apply_to(&v(&["go", "k8s"])),
            Some(v(&["go", "kubernetes"]))
        );
        assert_eq!(rename.apply_to(&v(&["go"])), None);
        // Renaming onto a tag the post already has leaves one.
        assert_eq!(
            rename.apply_to(&v(&["kubernetes", "k8s"])),
            Some(v(&["kubernetes"]))
        );
        let merge = TermOp::Merge {
            from: v(&["ebpf", "bpf"]),
            into: "eBPF".into(),
        };
        assert_eq!(
            merge.apply_to(&v(&["bpf", "linux", "ebpf"])),
            Some(v(&["eBPF", "linux"]))
        );
        let delete = TermOp::Delete {
            name: "内核".into(),
        };
        assert_eq!(delete.apply_to(&v(&["内核", "tcp"])), Some(v(&["tcp"])));
        // Two names equal but for case are the writer's business while neither is touched.
        assert_eq!(delete.apply_to(&v(&["Go", "go"])), None);
        let rename = TermOp::Rename {
            from: "golang".into(),
            to: "Go".into(),
        };
        assert_eq!(rename.apply_to(&v(&["golang", "go"])), Some(v(&["Go"])));
    }
}
