//! New posts as the generator makes them: Hugo's archetypes (`archetypes/<section>.md`, else
//! `archetypes/default.md`) and Hexo's scaffolds (`scaffolds/post.md`, `scaffolds/draft.md`).
//! The template is filled the way `hugo new` / `hexo new` fill it — the file's own keys,
//! order, quoting, defaults and body — with the post's title and date. Hugo's templates are Go
//! templates: the expressions archetypes use for a new post (`.Date`, `.Name`,
//! `.File.ContentBaseName`, `.Type`, `.Site.Title`, `replace … "-" " " | title`) are
//! understood; an archetype with anything else is not guessed at, and the post is made the
//! default way (the caller says so).

use crate::Generator;

/// What a template is filled with.
#[derive(Debug, Clone)]
pub struct Fill<'a> {
    /// The post's title as the user typed it (the `title` key always gets this).
    pub title: &'a str,
    /// The file's base name (`my-first-post`): Hugo's `.Name`.
    pub name: &'a str,
    /// The date as the generator writes it (RFC 3339 for Hugo, `YYYY-MM-DD HH:MM:SS` for Hexo).
    pub date: &'a str,
    /// The content section (`posts`): Hugo's `.Type` and `.Section`.
    pub section: &'a str,
    pub site_title: Option<&'a str>,
    /// Hugo's `.Site.Params` (the theme's defaults under the site's own).
    pub params: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

/// The template files to try for a new post, in order, relative to the blog: Hugo's own
/// `archetypes/`, then each theme's (`themes` are the theme folders, first named first).
pub fn candidates(
    generator: Generator,
    section: &str,
    draft: bool,
    themes: &[String],
) -> Vec<String> {
    match generator {
        Generator::Hugo => std::iter::once(String::new())
            .chain(
                themes
                    .iter()
                    .map(|t| format!("{}/", t.trim_end_matches('/'))),
            )
            .flat_map(|base| {
                [
                    format!("{base}archetypes/{section}.md"),
                    format!("{base}archetypes/default.md"),
                ]
            })
            .collect(),
        Generator::Hexo if draft => vec!["scaffolds/draft.md".to_string()],
        Generator::Hexo => vec!["scaffolds/post.md".to_string()],
        Generator::Jekyll => Vec::new(),
    }
}

/// Go's `strings.Title`, as Hugo's `title` applies it to a file name: each word's first
/// letter upper-cased.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c.is_whitespace();
    }
    out
}

/// The value of one template expression (the text between `{{` and `}}`), `None` when it is
/// not one Inkstone evaluates.
fn evaluate(expr: &str, fill: &Fill<'_>) -> Option<String> {
    let expr = expr
        .trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    let value = |v: &str| -> Option<String> {
        match v {
            ".Date" => Some(fill.date.to_string()),
            ".Name" | ".File.ContentBaseName" | ".File.BaseFileName" | ".TranslationBaseName" => {
                Some(fill.name.to_string())
            }
            ".Type" | ".Section" => Some(fill.section.to_string()),
            ".Site.Title" => fill.site_title.map(str::to_string),
            // `.Site.Params.author`, `.Site.Params.social.github`: a scalar of the params
            // (keys case-insensitive, as Hugo lower-cases them). A missing key or a list is
            // not guessed at: the archetype is then not filled.
            _ => {
                let path = v.strip_prefix(".Site.Params.")?;
                let mut at = fill.params?;
                let mut keys = path.split('.').peekable();
                while let Some(key) = keys.next() {
                    let found = crate::frontmatter::get(at, key)?;
                    if keys.peek().is_none() {
                        return crate::frontmatter::as_text(found);
                    }
                    at = found.as_object()?;
                }
                None
            }
        }
    };
    if let Some(v) = value(expr) {
        return Some(v);
    }
    // `replace .Name "-" " " | title` (Hugo's default archetype), with or without `| title`.
    let (call, piped) = match expr.split_once('|') {
        Some((call, pipe)) if pipe.trim() == "title" => (call.trim(), true),
        Some(_) => return None,
        None => (expr, false),
    };
    let rest = call.strip_prefix("replace ")?.trim();
    let (arg, strings) = rest.split_once(' ')?;
    let strings: Vec<&str> = strings.split('"').collect();
    // ` "-" " "` splits into ["", "-", " ", " ", ""].
    if strings.len() != 5 || !strings[0].trim().is_empty() || strings[2] != " " {
        return None;
    }
    let replaced = value(arg)?.replace(strings[1], strings[3]);
    Some(if piped {
        title_case(&replaced)
    } else {
        replaced
    })
}

/// The user's title as the value between `quote`s (or bare) that the archetype wrote.
fn quoted_title(title: &str, quote: Option<char>, toml: bool) -> String {
    let basic = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
    match quote {
        Some('"') => basic(title),
        // YAML's single quotes double a quote; TOML's literal strings cannot hold one, so
        // that title gets a basic string instead (the caller swaps the quotes).
        Some('\'') if !toml => title.replace('\'', "''"),
        Some('\'') => title.to_string(),
        _ => format!("\"{}\"", basic(title)),
    }
}

/// Fills `template`: every expression evaluated, the `title` line given the user's title.
/// `None` when an expression is one Inkstone does not evaluate.
pub fn fill(template: &str, fill: &Fill<'_>) -> Option<String> {
    // Hexo's scaffolds use `{{ title }}` and `{{ date }}`.
    let template = template.replace('\r', "");
    let mut out = String::with_capacity(template.len() + 64);
    let toml = template.starts_with("+++");
    for line in template.split_inclusive('\n') {
        let key = line
            .split([':', '='])
            .next()
            .map(str::trim)
            .unwrap_or_default();
        let is_title = key == "title" || key == "\"title\"";
        let mut rest = line;
        let mut new = String::new();
        while let Some(open) = rest.find("{{") {
            let close = rest[open..].find("}}")? + open;
            let before = &rest[..open];
            let expr = &rest[open + 2..close];
            let after = &rest[close + 2..];
            if is_title {
                let quote = before.chars().last().filter(|c| *c == '"' || *c == '\'');
                let mut value = quoted_title(fill.title, quote, toml);
                let mut before = before.to_string();
                let mut after = after.to_string();
                if toml && quote == Some('\'') && fill.title.contains('\'') {
                    before.pop();
                    before.push('"');
                    after = after.replacen('\'', "\"", 1);
                    value = fill.title.replace('\\', "\\\\").replace('"', "\\\"");
                }
                new.push_str(&before);
                new.push_str(&value);
                // One title per line: the rest of it is kept as written.
                rest = "";
                new.push_str(&after);
                break;
            }
            new.push_str(before);
            new.push_str(&match expr.trim() {
                "title" => fill.title.to_string(),
                "date" => fill.date.to_string(),
                other => evaluate(other, fill)?,
            });
            rest = after;
        }
        new.push_str(rest);
        out.push_str(&new);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f<'a>(title: &'a str) -> Fill<'a> {
        Fill {
            title,
            name: "my-first-post",
            date: "2026-12-01T10:00:00+08:00",
            section: "posts",
            site_title: Some("Notes"),
            params: None,
        }
    }

    #[test]
    fn site_params_fill_an_archetype_and_a_theme_archetype_is_the_fallback() {
        let params: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
            r#"{"author": "Ada", "Social": {"github": "ada"}, "tags": ["a"]}"#,
        )
        .unwrap_or_default();
        let with = Fill {
            params: Some(&params),
            ..f("x")
        };
        assert_eq!(
            fill(
                "author: {{ .Site.Params.author }}
gh: {{ .Site.Params.social.github }}
",
                &with
            )
            .as_deref(),
            Some(
                "author: Ada
gh: ada
"
            )
        );
        // A missing key, or a list, is not guessed at.
        assert_eq!(
            fill(
                "a: {{ .Site.Params.missing }}
",
                &with
            ),
            None
        );
        assert_eq!(
            fill(
                "a: {{ .Site.Params.tags }}
",
                &with
            ),
            None
        );
        assert_eq!(
            candidates(Generator::Hugo, "posts", false, &["themes/PaperMod".into()]),
            [
                "archetypes/posts.md",
                "archetypes/default.md",
                "themes/PaperMod/archetypes/posts.md",
                "themes/PaperMod/archetypes/default.md"
            ]
        );
    }

    #[test]
    fn hugos_default_archetype_is_filled_as_hugo_new_fills_it() {
        let t = "---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\ndraft: true\n---\n";
        assert_eq!(
            fill(t, &f("My First Post")).as_deref(),
            Some(
                "---\ntitle: \"My First Post\"\ndate: 2026-12-01T10:00:00+08:00\ndraft: true\n---\n"
            )
        );
        // The user's title, escaped for the quotes the archetype chose.
        assert_eq!(
            fill(t, &f("say \"hi\" 你好"))
                .as_deref()
                .and_then(|s| s.lines().nth(1)),
            Some("title: \"say \\\"hi\\\" 你好\"")
        );
        let toml = "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = {{ .Date }}\nslug = \"{{ .Name }}\"\nsection = '{{ .Type }} of {{ .Site.Title }}'\n+++\n\n## TL;DR\n";
        let filled = fill(toml, &f("It's BBR")).unwrap_or_default();
        assert!(filled.contains("title = \"It's BBR\"\n"), "{filled}");
        assert!(filled.contains("slug = \"my-first-post\"\n"), "{filled}");
        assert!(filled.contains("section = 'posts of Notes'\n"), "{filled}");
        assert!(filled.ends_with("+++\n\n## TL;DR\n"), "{filled}");
        assert_eq!(
            evaluate("replace .Name \"-\" \" \" | title", &f("x")).as_deref(),
            Some("My First Post")
        );
    }

    #[test]
    fn what_is_not_understood_is_not_guessed() {
        assert_eq!(fill("author: {{ .Site.Params.author }}\n", &f("x")), None);
        assert_eq!(fill("d: {{ now.Format \"2006\" }}\n", &f("x")), None);
        assert_eq!(fill("open: {{ .Date \n", &f("x")), None);
        // Hexo's scaffold placeholders.
        assert_eq!(
            fill("title: {{ title }}\ndate: {{ date }}\ntags:\n", &f("Hello")).as_deref(),
            Some("title: \"Hello\"\ndate: 2026-12-01T10:00:00+08:00\ntags:\n")
        );
    }
}
