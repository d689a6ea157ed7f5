//! `inkstone check`: every image and internal link of every post, resolved as the built site
//! will resolve it (the post's address, the site's sub-path, what the generator publishes),
//! with the heading ids the generator makes. No network: other sites are not fetched.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::served::{Lookup, Served, Target, lookup, target};
use crate::site::Generator;
use crate::{Blog, Post, Status};

/// What is wrong.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// An image the site does not serve.
    MissingImage,
    /// A link to an address where the site serves nothing.
    MissingLink,
    /// The file exists with another case in its name: found on macOS and Windows, missing on
    /// GitHub Pages.
    Case,
    /// A `ref`/`relref` shortcode, `post_url`/`link` or `post_link` tag naming no post.
    MissingPost,
    /// `#id` with no heading (or element) of that id on the page.
    MissingAnchor,
    /// `/path` on a site served under a sub-path: the generator does not rewrite it.
    RootRelative,
    /// A link to a post's Markdown file, which the site does not serve.
    SourceLink,
    /// A post the generator cannot read (its front matter, its encoding): Hugo stops the
    /// site's build on a front matter it cannot read, Jekyll publishes the text bare.
    Unreadable,
    /// A published post links to (or names, with `ref` and the like) a post the site does not
    /// publish — a draft, a scheduled or an expired one: a 404 until it is published, and
    /// Hugo's build stops on a `ref` to it.
    Unpublished,
}

/// One finding, printed as `file:line: kind: target — message`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    /// The post, blog-relative.
    pub file: String,
    /// 1-based line of the file.
    pub line: usize,
    pub kind: FindingKind,
    /// As written in the post.
    pub target: String,
    /// What to do.
    pub message: String,
}

/// A page of the site: its file and the ids a `#fragment` can name.
struct Page {
    path: String,
    ids: Vec<String>,
    status: Status,
}

/// An address without `index.html` and with its trailing `/`, so links to a page match it.
fn page_key(url: &str) -> String {
    let url = url.strip_suffix("index.html").unwrap_or(url);
    if url.ends_with('/') || url.ends_with(".html") {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

impl Blog {
    /// Checks every post's images and internal links; findings by file and line.
    pub fn check(&self) -> Vec<Finding> {
        static ID_ATTR: LazyLock<Option<Regex>> =
            LazyLock::new(|| Regex::new(r#"<[a-zA-Z][^>]*\sid\s*=\s*"([^"]+)""#).ok());
        let posts = self.posts();
        let served = Served::new(&self.root, &self.site, &posts);
        let mut docs = Vec::new();
        let mut pages: HashMap<String, Page> = HashMap::new();
        let mut ids_of: HashMap<String, Vec<String>> = HashMap::new();
        for post in posts.iter().filter(|p| p.error.is_none()) {
            let Ok(doc) = self.read_post(&post.path) else {
                continue;
            };
            let rendered = self.render_post(&doc, None);
            let mut ids: Vec<String> = rendered.toc.iter().map(|t| t.id.clone()).collect();
            if let Some(re) = ID_ATTR.as_ref() {
                ids.extend(re.captures_iter(&rendered.html).map(|c| c[1].to_string()));
            }
            // Raw HTML's anchors, where the generator keeps raw HTML.
            if self.site.unsafe_html {
                ids.extend(inkstone_render::raw_ids(&doc.body, &self.site.markdown));
            }
            if let Some(url) = &post.url {
                pages.insert(
                    page_key(&crate::images::percent_decode(url)),
                    Page {
                        path: post.path.clone(),
                        ids: ids.clone(),
                        status: post.status,
                    },
                );
            }
            ids_of.insert(post.path.clone(), ids);
            docs.push((post, doc));
        }
        let mut out = Vec::new();
        for post in &posts {
            let Some(error) = &post.error else { continue };
            // What the site makes of it, where known (checked with the real generators).
            let front_matter = error.contains(" front matter: ");
            let outcome = match self.site.generator {
                Generator::Hugo if front_matter => "hugo stops the site's build on it",
                Generator::Jekyll if front_matter => {
                    "jekyll publishes its text without its title, date and layout"
                }
                _ => "the site cannot show it as written",
            };
            // The reason names its file and line (`path:line: why`): said once, as a finding.
            let rest = error
                .strip_prefix(&format!("{}:", post.path))
                .unwrap_or(error);
            let (line, why) = match rest.split_once(": ") {
                Some((n, why)) if n.parse::<usize>().is_ok() => (n.parse().unwrap_or(1), why),
                _ => (1, rest.trim_start_matches(": ")),
            };
            out.push(Finding {
                file: post.path.clone(),
                line,
                kind: FindingKind::Unreadable,
                target: String::new(),
                message: format!("{why}; {outcome}"),
            });
        }
        let base_path = self.site.base_path();
        for (post, doc) in &docs {
            let ids = &ids_of[&post.path];
            let line_of = |l: usize| doc.body_line - 1 + l;
            let mut find = |line: usize, kind: FindingKind, target: &str, message: String| {
                out.push(Finding {
                    file: post.path.clone(),
                    line,
                    kind,
                    target: target.to_string(),
                    message,
                })
            };
            for r in inkstone_render::references(&doc.body, &self.site.markdown, &base_path) {
                let image = r.kind == inkstone_render::RefKind::Image;
                let line = line_of(r.line);
                // Liquid and shortcodes in a destination are the generator's to fill in.
                if r.target.contains("{{") || r.target.contains("{%") {
                    continue;
                }
                let written = if image && !r.html {
                    crate::served::image_src(&self.site, &r.target)
                } else {
                    r.target.clone()
                };
                // Hugo's `relativeURLs`/`canonifyURLs` put the site's address before `/path`.
                let written = if self.site.rewrites_root_links
                    && written.starts_with('/')
                    && !written.starts_with("//")
                {
                    format!("{}{}", self.site.base_path(), &written[1..])
                } else {
                    written
                };
                match target(post.url.as_deref(), &written) {
                    Target::External | Target::Unknown => {}
                    Target::Anchor(id) => {
                        // An empty fragment and `#top` are the top of the page (HTML).
                        if !id.is_empty() && !id.eq_ignore_ascii_case("top") && !ids.contains(&id) {
                            find(
                                line,
                                FindingKind::MissingAnchor,
                                &r.target,
                                format!(
                                    "no heading with the id `{id}` on this page{}",
                                    nearest(&id, ids)
                                ),
                            );
                        }
                    }
                    Target::Path { path, fragment } => {
                        let base = served.base();
                        let at_base = format!("{path}/") == base;
                        if written.starts_with('/')
                            && base != "/"
                            && !path.starts_with(base)
                            && !at_base
                            && !self.site.rewrites_root_links
                        {
                            find(
                                line,
                                FindingKind::RootRelative,
                                &r.target,
                                format!(
                                    "the site lives under {base}, and the generator does not rewrite a link that starts with `/`: write {base}{} or a relative path",
                                    r.target.trim_start_matches('/')
                                ),
                            );
                            continue;
                        }
                        if !image && let Some(page) = pages.get(&page_key(&path)) {
                            if post.status == Status::Published
                                && let Some(why) = unpublished(&self.site, &page.path, page.status)
                            {
                                find(
                                    line,
                                    FindingKind::Unpublished,
                                    &r.target,
                                    format!("{why}: the link is a 404 until it is published"),
                                );
                                continue;
                            }
                            let empty = fragment
                                .as_deref()
                                .is_none_or(|f| f.is_empty() || f.eq_ignore_ascii_case("top"));
                            if empty {
                                continue;
                            }
                            if let Some(f) = fragment
                                && !page.ids.contains(&f)
                            {
                                find(
                                    line,
                                    FindingKind::MissingAnchor,
                                    &r.target,
                                    format!(
                                        "{} has no heading with the id `{f}`{}",
                                        page.path,
                                        nearest(&f, &page.ids)
                                    ),
                                );
                            }
                            continue;
                        }
                        match served.file_at(&path) {
                            Lookup::Found(_) => {}
                            Lookup::CaseDiffers(real) => find(
                                line,
                                FindingKind::Case,
                                &r.target,
                                format!(
                                    "the file is {real}: names differ in case, which works on macOS and Windows and is missing on GitHub Pages"
                                ),
                            ),
                            Lookup::Missing => {
                                let missing = if image {
                                    FindingKind::MissingImage
                                } else {
                                    FindingKind::MissingLink
                                };
                                let near = self.source_beside(post, &r.target);
                                let near_post = near
                                    .as_deref()
                                    .and_then(|n| posts.iter().find(|p| p.path == n));
                                match (image, near_post, near) {
                                    (false, Some(p), _) => find(
                                        line,
                                        FindingKind::SourceLink,
                                        &r.target,
                                        match &p.url {
                                            Some(u) => format!(
                                                "links to the Markdown file {}, which the site does not serve: link to its address {u}",
                                                p.path
                                            ),
                                            None => format!(
                                                "links to the Markdown file {}, which the site does not serve",
                                                p.path
                                            ),
                                        },
                                    ),
                                    (_, _, Some(file)) => find(
                                        line,
                                        missing,
                                        &r.target,
                                        format!(
                                            "{file} is in the blog, but the site serves nothing at {path}: {}",
                                            self.where_to_put()
                                        ),
                                    ),
                                    // A page's address (a section, a tag, the home
                                    // page, an alias, a page of the site's own): the
                                    // generator makes more pages than the posts Inkstone
                                    // lists, so such a link is not called broken.
                                    (false, _, None) if page_like(&path) => {}
                                    _ => find(
                                        line,
                                        missing,
                                        &r.target,
                                        format!("the site serves nothing at {path}"),
                                    ),
                                }
                            }
                        }
                    }
                }
            }
            for (line, kind, target, message) in self.named_posts(post, doc, &posts, &ids_of) {
                find(line_of(line), kind, &target, message);
            }
        }
        out.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        out
    }

    /// The blog file a relative reference names beside the post (the preview's old reading,
    /// and what an editor on disk shows), when there is one.
    fn source_beside(&self, post: &Post, reference: &str) -> Option<String> {
        if reference.starts_with('/') {
            return None;
        }
        // The post's folder as if it were a page's address: `target` joins, drops `?`/`#`,
        // decodes and resolves `..` once.
        let dir = post.path.rsplit_once('/').map_or("", |(d, _)| d);
        let Target::Path { path, .. } = target(Some(&format!("/{dir}/")), reference) else {
            return None;
        };
        match lookup(&self.root, path.trim_start_matches('/')) {
            Lookup::Found(f) | Lookup::CaseDiffers(f) => Some(f),
            Lookup::Missing => None,
        }
    }

    fn where_to_put(&self) -> &'static str {
        match self.site.generator {
            Generator::Hugo => {
                "put it in the post's bundle folder (beside index.md) or under static/"
            }
            Generator::Jekyll => {
                "put it in a folder the site copies (not one starting with _), such as assets/"
            }
            Generator::Hexo => {
                "put it in the post's asset folder (post_asset_folder) or under source/images/"
            }
        }
    }

    /// Posts named by the generator's own syntax: Hugo `ref`/`relref`, Jekyll `post_url` and
    /// `link`, Hexo `post_link`; (line in the body, what was named, why it is wrong).
    fn named_posts(
        &self,
        post: &Post,
        doc: &crate::Document,
        posts: &[Post],
        ids_of: &HashMap<String, Vec<String>>,
    ) -> Vec<(usize, FindingKind, String, String)> {
        static NAMED: LazyLock<Option<Regex>> = LazyLock::new(|| {
            Regex::new(
                r#"\{\{[<%]\s*(?:rel)?ref\s+"([^"]*)"\s*[%>]\}\}|\{%-?\s*(post_url|link|post_link)\s+("[^"]*"|'[^']*'|[^\s%]+)[^%]*-?%\}"#,
            )
            .ok()
        });
        let Some(re) = NAMED.as_ref() else {
            return Vec::new();
        };
        let content = self.site.content_dir.as_str();
        let mut out = Vec::new();
        // Hugo runs shortcodes even in code; Liquid and Hexo's tags are text inside code
        // (fenced or inline) and inside `{% raw %}`.
        let tags_in_code = self.site.generator == Generator::Hugo;
        let mut fence: Option<String> = None;
        let mut raw = false;
        for (i, text) in doc.body.lines().enumerate() {
            if !tags_in_code {
                let t = text.trim_start();
                if let Some(f) = &fence {
                    if t.starts_with(f.as_str())
                        && t.trim_start_matches(['`', '~']).trim().is_empty()
                    {
                        fence = None;
                    }
                    continue;
                }
                if t.starts_with("```") || t.starts_with("~~~") {
                    fence = Some(t.chars().take_while(|c| *c == '`' || *c == '~').collect());
                    continue;
                }
                if text.contains("{% raw %}") || text.contains("{%- raw -%}") {
                    raw = true;
                }
                if raw {
                    if text.contains("endraw") {
                        raw = false;
                    }
                    continue;
                }
            }
            for c in re.captures_iter(text) {
                let start = c.get(0).map_or(0, |m| m.start());
                if !tags_in_code && text[..start].matches('`').count() % 2 == 1 {
                    continue;
                }
                let (named, what) = match (c.get(1), c.get(2), c.get(3)) {
                    (Some(r), _, _) => (r.as_str().to_string(), "ref"),
                    (None, Some(tag), Some(arg)) => (
                        arg.as_str().trim_matches(['"', '\'']).to_string(),
                        tag.as_str(),
                    ),
                    _ => continue,
                };
                // A Liquid variable names nothing Inkstone can know.
                if named.contains("{{") {
                    continue;
                }
                let (name, fragment) = match named.split_once('#') {
                    Some((n, f)) => (n.to_string(), Some(f.to_string())),
                    None => (named.clone(), None),
                };
                let stem = |p: &str| p.rsplit_once('.').map_or(p, |(s, _)| s).to_string();
                let found: Option<&Post> = match what {
                    "ref" if name.is_empty() => Some(post),
                    "ref" => {
                        let dir = post.path.rsplit_once('/').map_or("", |(d, _)| d);
                        let name = name.trim_start_matches('/');
                        // `x.md` names the bundle `x/index.md` too, as Hugo finds it.
                        let bare = [".md", ".markdown"]
                            .iter()
                            .find_map(|ext| name.strip_suffix(ext))
                            .unwrap_or(name);
                        let is = |cand: &str| {
                            cand == name
                                || stem(cand) == name
                                || stem(cand) == bare
                                || stem(cand) == format!("{bare}/index")
                                || stem(cand) == format!("{bare}/_index")
                        };
                        // Where Hugo looks, in its order: beside the page, from the content
                        // folder, then by the page's own name (a bundle's is its folder's),
                        // a published page first where several have it.
                        let beside = |p: &&Post| under(&p.path, dir).is_some_and(&is);
                        let inner = |p: &&Post| under(&p.path, content).is_some_and(&is);
                        let own = |p: &&Post| {
                            let mut parts = p.path.rsplit('/');
                            let file = parts.next().unwrap_or("");
                            let own_name = match (stem(file).as_str(), parts.next()) {
                                ("index" | "_index", Some(folder)) => folder.to_string(),
                                (s, _) => s.to_string(),
                            };
                            !name.contains('/') && (stem(file) == stem(name) || own_name == bare)
                        };
                        posts
                            .iter()
                            .find(beside)
                            .or_else(|| posts.iter().find(inner))
                            .or_else(|| {
                                let named: Vec<&Post> = posts.iter().filter(own).collect();
                                named
                                    .iter()
                                    .find(|p| p.status == Status::Published)
                                    .or(named.first())
                                    .copied()
                            })
                    }
                    // `2024-01-06-b`, `sub/2024-01-06-b` (in `_posts/sub/`), `cat/2024-…`
                    // (in `cat/_posts/`), with or without a leading `/`.
                    "post_url" => {
                        let name = name.trim_start_matches('/');
                        posts.iter().find(|p| {
                            p.path.split_once("_posts/").is_some_and(|(before, r)| {
                                let before = before.trim_end_matches('/');
                                stem(r) == name
                                    || (!before.is_empty()
                                        && format!(
                                            "{}/{}",
                                            before.rsplit('/').next().unwrap_or(before),
                                            stem(r)
                                        ) == name)
                            })
                        })
                    }
                    // Hexo: the post's slug, else its title.
                    "post_link" => posts.iter().find(|p| {
                        p.path.split_once("_posts/").is_some_and(|(_, r)| {
                            stem(r) == name || stem(r.rsplit('/').next().unwrap_or(r)) == name
                        }) || p.title == name
                    }),
                    _ => {
                        // `{% link path %}`: a file of the site, named exactly (Jekyll fails
                        // the build otherwise).
                        match lookup(&self.root, name.trim_start_matches('/')) {
                            Lookup::Found(_) => {}
                            Lookup::CaseDiffers(real) => out.push((
                                i + 1,
                                FindingKind::MissingPost,
                                named.clone(),
                                format!("the file is {real}: names differ in case"),
                            )),
                            Lookup::Missing => out.push((
                                i + 1,
                                FindingKind::MissingPost,
                                named.clone(),
                                format!("no file {name} in the blog"),
                            )),
                        }
                        continue;
                    }
                };
                // Hugo: a section (its `_index.md`, or only its folder) is a page too.
                let section = what == "ref"
                    && found.is_none()
                    && self
                        .root
                        .join(content)
                        .join(stem(name.trim_start_matches('/')).trim_end_matches("/_index"))
                        .is_dir();
                if section {
                    continue;
                }
                match found {
                    None => out.push((
                        i + 1,
                        FindingKind::MissingPost,
                        named.clone(),
                        format!("no post `{name}` in the blog ({what})"),
                    )),
                    Some(p) => {
                        if post.status == Status::Published
                            && let Some(why) = unpublished(&self.site, &p.path, p.status)
                        {
                            let outcome = match what {
                                "ref" => {
                                    "Hugo's build stops on a ref to a page it does not publish (REF_NOT_FOUND)"
                                }
                                "post_url" => {
                                    "Jekyll's build stops on a post_url to a post it does not publish (Could not find post)"
                                }
                                _ => "the link is a 404 until it is published",
                            };
                            out.push((
                                i + 1,
                                FindingKind::Unpublished,
                                named.clone(),
                                format!("{why}: {outcome}"),
                            ));
                        } else if let Some(f) = fragment
                            && !ids_of.get(&p.path).is_some_and(|ids| ids.contains(&f))
                        {
                            out.push((
                                i + 1,
                                FindingKind::MissingAnchor,
                                named.clone(),
                                format!("{} has no heading with the id `{f}`", p.path),
                            ));
                        }
                    }
                }
            }
        }
        out
    }
}

/// `path` below the folder `dir` (blog-relative, `""` for the blog's root), relative to it.
fn under<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    if dir.is_empty() {
        return Some(path);
    }
    path.strip_prefix(dir)?.strip_prefix('/')
}

/// Why the site does not publish the post at `path` now, or `None` when it does.
fn unpublished(site: &crate::site::Site, path: &str, status: Status) -> Option<String> {
    match status {
        Status::Published => None,
        // `buildDrafts`, `show_drafts`, `render_drafts`: the site publishes drafts too.
        Status::Draft if site.build_drafts => None,
        Status::Draft => Some(format!("{path} is a draft")),
        Status::Scheduled => Some(format!("{path} is dated in the future")),
        Status::Expired => Some(format!("{path} has expired")),
    }
}

/// An address that names a page rather than a file: a folder (`/tags/go/`), a name without
/// an extension, or an `.html` page.
fn page_like(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    last.is_empty()
        || !last.contains('.')
        || last.to_ascii_lowercase().ends_with(".html")
        || last.to_ascii_lowercase().ends_with(".htm")
        || last.to_ascii_lowercase().ends_with(".xml")
}

/// `: did you mean `x`?` for the closest id, when one is close.
fn nearest(id: &str, ids: &[String]) -> String {
    let lower = id.to_lowercase();
    ids.iter()
        .find(|i| i.to_lowercase() == lower || i.replace('-', "") == lower.replace('-', ""))
        .map(|i| format!(" (did you mean `#{i}`?)"))
        .unwrap_or_default()
}
