use super::*;

fn html(md: &str) -> String {
    render(md, &RenderOptions::default()).html
}

#[test]
fn blocks_carry_source_lines() {
    let out = html("# Title\n\nPara one\ncontinues.\n\n- a\n- b\n\n```go\nfunc main() {}\n```\n");
    assert!(out.contains(r#"<h1 id="title" data-line="1">"#), "{out}");
    assert!(out.contains(r#"<p data-line="3">"#), "{out}");
    assert!(out.contains(r#"<li data-line="7">"#), "{out}");
    assert!(
        out.contains(r#"<pre class="code" data-line="9" data-lang="go">"#),
        "{out}"
    );
}

#[test]
fn every_line_ending_reads_alike_and_keeps_its_line_numbers() {
    let lf = "a\n\n```go\nx := 1\n```\n\n## H\n\nb \"c\"\n";
    let o = RenderOptions {
        cjk: true,
        typographer: true,
        ..Default::default()
    };
    let want = render(lf, &o);
    assert!(
        want.html.contains(r#"<h2 id="h" data-line="7">"#),
        "{}",
        want.html
    );
    // Windows (CRLF) and old Mac (a lone CR) files, and a mix of the three.
    for text in [
        lf.replace('\n', "\r\n"),
        lf.replace('\n', "\r"),
        lf.replacen('\n', "\r", 3).replacen('\n', "\r\n", 2),
    ] {
        let got = render(&text, &o);
        assert_eq!(got.html, want.html, "{text:?}");
        assert_eq!(got.toc, want.toc, "{text:?}");
        assert_eq!(got.words, want.words, "{text:?}");
        assert_eq!(render_whole(&text, &o).html, want.html, "{text:?}");
    }
}

#[test]
fn line_offset_shifts_every_line() {
    let opts = RenderOptions {
        line_offset: 10,
        ..Default::default()
    };
    let out = render("para\n\n## H\n", &opts);
    assert!(out.html.contains(r#"data-line="11""#));
    assert_eq!(out.toc[0].line, 13);
}

#[test]
fn heading_ids_are_hugo_style_and_unique() {
    let out = render(
        "## Hello, World!\n\n## Hello, World!\n\n## 调谐 循环\n\n## Custom {#mine}\n",
        &RenderOptions::default(),
    );
    let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["hello-world", "hello-world-1", "调谐-循环", "mine"]);
}

#[test]
fn code_is_highlighted_with_classes() {
    let out = html("```go\npackage main\n```\n");
    assert!(
        out.contains(r#"class="hl-source hl-go""#) || out.contains("hl-keyword"),
        "{out}"
    );
    assert!(!out.contains("style="), "{out}");
}

#[test]
fn unknown_language_is_plain_with_a_warning() {
    let out = render("```nosuchlang\na < b\n```\n", &RenderOptions::default());
    assert!(out.html.contains("a &lt; b"), "{}", out.html);
    assert_eq!(out.warnings[0].kind, WarningKind::UnknownLanguage);
}

#[test]
fn shell_prompts_are_marked_and_output_kept_plain() {
    let out = html("```shell\n$ kubectl get pods\nNAME   READY\nweb-1  1/1\n```\n");
    assert!(out.contains(r#"<span class="prompt">$ </span>"#), "{out}");
    assert!(
        out.contains(r#"<span class="output">NAME   READY</span>"#),
        "{out}"
    );
}

#[test]
fn required_languages_are_known() {
    for lang in [
        "go",
        "c",
        "cpp",
        "rust",
        "bash",
        "sh",
        "shell",
        "console",
        "yaml",
        "yml",
        "json",
        "toml",
        "python",
        "javascript",
        "js",
        "typescript",
        "ts",
        "dockerfile",
        "Dockerfile",
        "diff",
        "sql",
    ] {
        assert!(known_language(lang), "{lang}");
    }
    assert!(!known_language("nosuchlang"));
}

#[test]
fn highlight_css_has_both_themes() {
    let light = highlight_css(Theme::Light);
    let dark = highlight_css(Theme::Dark);
    assert!(light.contains(".hl-"), "{light}");
    assert_ne!(light, dark);
}

#[test]
fn more_divider_becomes_a_marker() {
    let out = render("intro\n\n<!--more-->\n\nrest\n", &RenderOptions::default());
    assert_eq!(out.summary_divider_line, Some(3));
    assert!(
        out.html
            .contains(r#"<div class="summary-divider" data-line="3"></div>"#),
        "{}",
        out.html
    );
}

#[test]
fn a_more_line_that_closes_a_comment_is_the_comments_end_not_a_divider() {
    // `<!--more--` with no `>` opens a comment that the later `<!--more-->` line closes
    // (CommonMark's HTML block type 2): the text after it is on the page, whole or block-wise.
    let text = "intro\n\n<!--more--  draft note\n\nstill in the comment\n<!--more-->\n\nrest\n";
    let options = RenderOptions::default();
    let (blocks, whole) = (render(text, &options), crate::render_whole(text, &options));
    assert_eq!(blocks.html, whole.html);
    assert!(whole.html.contains(">rest</p>"), "{}", whole.html);
    assert!(
        !whole.html.contains("still in the comment"),
        "{}",
        whole.html
    );
    assert_eq!(whole.summary_divider_line, None);
}

struct Blog;
impl ImageResolver for Blog {
    fn resolve(&self, src: &str) -> Option<String> {
        match src {
            "images/arch.png" => Some("content/posts/x/images/arch.png".to_string()),
            "images/%E6%9E%B6%E6%9E%84%20(v2)%23.png" => {
                Some("content/posts/x/images/架构 (v2)#.png".to_string())
            }
            _ => None,
        }
    }
}

#[test]
fn a_local_image_with_spaces_and_chinese_in_its_name_is_one_percent_encoded_address() {
    let opts = RenderOptions {
        images: Some(&Blog),
        image_base: Some("inkstone://localhost/"),
        ..Default::default()
    };
    let out = render("![架构](images/%E6%9E%B6%E6%9E%84%20(v2)%23.png)\n", &opts);
    // UTF-8 bytes, the space, `(`, `)` and `#` escaped; letters, `-._~` and `/` kept.
    assert!(
        out.html.contains(
            r#"src="inkstone://localhost/content/posts/x/images/%E6%9E%B6%E6%9E%84%20%28v2%29%23.png""#
        ),
        "{}",
        out.html
    );
}

#[test]
fn local_images_resolve_and_rewrite() {
    let opts = RenderOptions {
        images: Some(&Blog),
        image_base: Some("inkstone://localhost/"),
        ..Default::default()
    };
    let out = render(
        "![arch](images/arch.png)\n\n![gone](nope.png)\n\n![web](https://example.com/a.png)\n",
        &opts,
    );
    assert!(
        out.html
            .contains(r#"src="inkstone://localhost/content/posts/x/images/arch.png""#),
        "{}",
        out.html
    );
    assert_eq!(out.images.len(), 3);
    assert_eq!(
        out.images[0].local.as_deref(),
        Some("content/posts/x/images/arch.png")
    );
    assert_eq!(out.images[1].local, None);
    assert_eq!(
        out.warnings
            .iter()
            .filter(|w| w.kind == WarningKind::MissingImage)
            .count(),
        1
    );
}

#[test]
fn hugo_words_plain_and_cjk() {
    assert_eq!(words::hugo_words("hello world foo", false), 3);
    assert_eq!(words::hugo_words("调谐循环 in Go", true), 6);
    assert_eq!(words::hugo_reading_minutes(213, false), 1);
    assert_eq!(words::hugo_reading_minutes(214, false), 2);
    assert_eq!(words::hugo_reading_minutes(501, true), 1);
    assert_eq!(words::hugo_reading_minutes(502, true), 2);
}

#[test]
fn typographer_entities_count_in_cjk_mode() {
    let opts = RenderOptions {
        cjk: true,
        typographer: true,
        ..Default::default()
    };
    // `"中文"` becomes `&ldquo;中文&rdquo;` in Hugo's HTML: 7 + 2 + 7 characters.
    assert_eq!(words::stats("\"中文\"\n", &opts).words, 16);
    // Full-width quotes are left alone.
    assert_eq!(words::stats("“中文”\n", &opts).words, 4);
    // Without the typographer Hugo writes `&quot;`.
    let plain = RenderOptions {
        cjk: true,
        ..Default::default()
    };
    assert_eq!(words::stats("\"中文\"\n", &plain).words, 14);
}

#[test]
fn code_and_tables_count_images_do_not() {
    let md = "Intro text here.\n\n| a | b |\n|---|---|\n| c | d |\n\n![alt words](x.png)\n\n```go\nfunc main() {}\n```\n";
    assert_eq!(words::stats(md, &RenderOptions::default()).words, 3 + 4 + 3);
}

#[test]
fn jekyll_auto_counts_cjk_characters_and_runs() {
    assert_eq!(words::auto_words("hello world"), 2);
    assert_eq!(words::auto_words("调谐 loop，ok 说"), 3 + 1);
}

#[test]
fn summaries_follow_hugo() {
    let (s, t) = words::summary_by_sentence("One two three. Four five six.\nSeven", 2);
    assert_eq!((s.as_str(), t), ("One two three.", true));
    let (s, t) = words::summary_by_rune("调谐循环 is fun", 3);
    assert_eq!((s.as_str(), t), ("调谐循", true));
}

#[test]
fn code_highlighted_on_several_cores_equals_one_block_at_a_time() {
    // Distinct code (so nothing comes from the cache), enough of it to be shared out, in
    // several languages, an unknown one and none.
    let langs = [
        Some("go"),
        Some("c"),
        Some("yaml"),
        Some("sh"),
        Some("nosuchlang"),
        None,
    ];
    let codes: Vec<(Option<&str>, String)> = (0..48)
        .map(|i| {
            let lang = langs[i % langs.len()];
            let code = match lang {
                Some("go") => {
                    format!("func f{i}(ctx context.Context) error {{\n\treturn nil // {i}\n}}\n")
                }
                Some("c") => format!("static int tcp_{i}(struct sock *sk) {{ return {i}; }}\n"),
                Some("yaml") => format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\n"),
                Some("sh") => format!("$ kubectl get pods -n ns{i}\nNAME READY\n"),
                _ => format!("plain text {i} <b>not bold</b>\n"),
            };
            (lang, code.repeat(8))
        })
        .collect();
    let jobs: Vec<(Option<&str>, &str)> = codes.iter().map(|(l, c)| (*l, c.as_str())).collect();
    assert!(jobs.iter().map(|j| j.1.len()).sum::<usize>() > 8 << 10);
    let together = highlight::code_blocks(&jobs);
    assert_eq!(together.len(), jobs.len());
    for (job, block) in jobs.iter().zip(&together) {
        // One thread, no cache.
        let alone = highlight::build(job.0, job.1);
        assert_eq!(block.html, alone.html, "{job:?}");
        assert_eq!(block.known, job.0 != Some("nosuchlang"), "{job:?}");
        assert!(!block.html.contains("<b>"), "{}", block.html);
    }
    // In a page: the same HTML as the reference render, warnings in document order.
    let md: String = codes
        .iter()
        .map(|(l, c)| format!("Para.\n\n```{}\n{c}```\n\n", l.unwrap_or_default()))
        .collect();
    let page = render(
        &format!("{md}\n<!-- fresh -->\n"),
        &RenderOptions::default(),
    );
    let reference = render_whole(
        &format!("{md}\n<!-- fresh -->\n"),
        &RenderOptions::default(),
    );
    assert_eq!(page.html, reference.html);
    assert_eq!(page.warnings, reference.warnings);
    let lines: Vec<usize> = page.warnings.iter().map(|w| w.line).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}

/// A URL goldmark does not try (right after a CJK letter) stays text even when the same URL
/// is linked later in the paragraph.
#[test]
fn a_link_goes_on_the_url_that_was_matched() {
    let out = html("见https://go.dev/doc 或 https://go.dev/doc");
    assert!(
        out.contains(r#"见https://go.dev/doc 或 <a href="https://go.dev/doc""#),
        "{out}"
    );
}

/// The parser matches footnote labels without regard to case: one note, shown once.
#[test]
fn footnote_labels_meet_whatever_their_case() {
    let out = html("a[^Note] b[^note]\n\n[^note]: the note\n");
    assert_eq!(out.matches("<li id=").count(), 1, "{out}");
    assert!(out.contains("the note"), "{out}");
}

/// kramdown numbers duplicate ids by count: the incremental preview replays the headings in
/// order, so an edit that keeps the set of ids but changes their order is caught.
#[test]
fn kramdown_ids_after_an_edit_equal_a_whole_render() {
    let o = RenderOptions {
        counting: Counting::Jekyll,
        flavor: Flavor::kramdown(),
        ..Default::default()
    };
    let mut inc = Incremental::new();
    inc.update("# a\n\n# a\n\ntext\n\n# a\n", &o);
    let edited = "# a\n\n# a-1\n\ntext\n\n# a\n";
    inc.update(edited, &o);
    let ids = |r: &Rendered| r.toc.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&inc.page(&o).unwrap()), ids(&render_whole(edited, &o)));
    assert_eq!(ids(&render_whole(edited, &o)), ["a", "a-1", "a-1"]);
}

fn site(flavor: crate::Flavor, md: &str) -> String {
    let opts = RenderOptions {
        flavor,
        ..Default::default()
    };
    render(md, &opts).html
}

#[test]
fn math_is_mathml_where_the_site_typesets_it_and_source_with_a_note_elsewhere() {
    let md = "Inline $e^{i\\pi}+1=0$ and \\(x_1\\).\n\n$$\n\\sum_{i=0}^n i\n$$\n";
    let on = site(
        crate::Flavor {
            math: true,
            math_inline_dollar: true,
            math_parens: true,
            ..crate::Flavor::hugo()
        },
        md,
    );
    assert!(on.contains("<math"), "{on}");
    assert_eq!(on.matches("<math").count(), 3, "{on}");
    assert!(on.contains("<munderover>") && !on.contains("$$"), "{on}");
    let off = site(crate::Flavor::hugo(), md);
    assert!(!off.contains("<math"), "{off}");
    assert!(off.contains("class=\"site-note\""), "{off}");
    assert!(off.contains("$$"), "{off}");
}

#[test]
fn mermaid_is_marked_for_drawing_or_noted() {
    let md = "```mermaid\ngraph TD; A-->B\n```\n";
    let on = site(
        crate::Flavor {
            mermaid: true,
            ..crate::Flavor::hugo()
        },
        md,
    );
    assert!(on.contains("class=\"mermaid\""), "{on}");
    assert!(on.contains("data-mermaid=\"graph TD; A--&gt;B\n\""), "{on}");
    let off = site(crate::Flavor::hugo(), md);
    assert!(
        off.contains("site-note") && !off.contains("data-mermaid"),
        "{off}"
    );
}

#[test]
fn shortcodes_show_as_cards_or_what_they_make_never_braces() {
    let md = "See [the intro]({{< ref \"intro.md\" >}}) and {{< youtube dQw4w9WgXcQ >}}.\n\n{{< figure src=\"/img/a.png\" caption=\"Flow\" >}}\n\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\n{{< unknown x=1 >}}\n\n`{{< ref \"x\" >}}`\n";
    let html = site(crate::Flavor::hugo(), md);
    assert!(
        !html.contains("{{&lt;") || html.contains("<code>{{&lt; ref"),
        "{html}"
    );
    assert!(html.contains("href=\"intro.md\""), "{html}");
    assert!(
        html.contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        "{html}"
    );
    assert!(html.contains("<img src=\"/img/a.png\""), "{html}");
    assert!(html.contains("class=\"tpl-caption\">Flow"), "{html}");
    assert!(html.contains("data-lang=\"go\""), "{html}");
    assert!(html.contains("data-tpl=\"unknown\""), "{html}");
    assert!(
        html.contains("<code>{{&lt; ref \"x\" &gt;}}</code>"),
        "{html}"
    );
    // The same text on a site without templates keeps its braces.
    let plain = site(crate::Flavor::gfm(), "{{< youtube x >}}\n");
    assert!(plain.contains("{{&lt; youtube x &gt;}}"), "{plain}");
}

#[test]
fn liquid_and_nunjucks_tags_preview_as_the_site_builds_them() {
    let md = "![arch]({{ '/assets/images/p/arch.png' | relative_url }})\n\n{% include note.html %}\n\n{% highlight c %}\nint x;\n{% endhighlight %}\n";
    let html = site(crate::Flavor::kramdown(), md);
    assert!(
        html.contains("<img src=\"/assets/images/p/arch.png\""),
        "{html}"
    );
    assert!(html.contains("data-tpl=\"include\""), "{html}");
    assert!(html.contains("data-lang=\"c\""), "{html}");
    let hexo = site(
        crate::Flavor::hexo(),
        "{% asset_img diagram.png The flow %}\n\n{% post_link other-post %}\n",
    );
    assert!(
        hexo.contains("<img src=\"diagram.png\" alt=\"The flow\""),
        "{hexo}"
    );
    assert!(hexo.contains("data-tpl=\"post_link\""), "{hexo}");
}

#[test]
fn template_tags_found_by_attack_render_as_the_site_would() {
    let hugo = crate::Flavor::hugo();
    // Full-width quotes (a Chinese input method's) in a highlight tag: same offsets.
    let md = "{{< highlight \u{201c}go\u{201d} >}}\nx := 1\n{{< /highlight >}}\n\n# After\n";
    let html = site(hugo, md);
    assert!(
        html.contains("x := 1") && html.contains("data-line=\"5\""),
        "{html}"
    );
    // A pair inside a list item and a quote keeps its container.
    let md = "- item\n\n  {{< highlight go >}}\n  x := 1\n  {{< /highlight >}}\n- next\n";
    let html = site(hugo, md);
    assert_eq!(html.matches("<ul").count(), 1, "{html}");
    let md = "> {{< highlight go >}}\n> # not a heading\n> {{< /highlight >}}\n";
    let html = site(hugo, md);
    assert!(
        !html.contains("<h1") && html.contains("<pre class=\"code\""),
        "{html}"
    );
    // Short tags never share a token; titles show the tag as written.
    let html = site(
        crate::Flavor::kramdown(),
        "x `{{a}}` and `{{c}}` y [l](/p \"see {{b}}\")\n",
    );
    assert!(
        html.contains("<code>{{a}}</code>") && html.contains("<code>{{c}}</code>"),
        "{html}"
    );
    assert!(html.contains("title=\"see {{b}}\""), "{html}");
    // A post holding the marks the masking would use still gets its tags shown as cards.
    let html = site(hugo, "\u{e000}abcZ and \u{1} {{< youtube x >}}\n");
    assert!(html.contains("data-tpl=\"YouTube\""), "{html}");
    // Hugo's comment syntax in code shows what Hugo writes there.
    let html = site(hugo, "`{{</* figure src=\"a.png\" */>}}`\n");
    assert!(
        html.contains("<code>{{&lt; figure src=\"a.png\" &gt;}}</code>"),
        "{html}"
    );
    // A `$` on a kramdown site with math is money, not math; `\\(` is `(`.
    let kd = crate::Flavor {
        math: true,
        ..crate::Flavor::kramdown()
    };
    let html = site(kd, "Use $HOME/$USER and \\(x\\).\n\n$$\na^2\n$$\n");
    assert!(
        html.contains("$HOME/$USER") && html.contains("(x)"),
        "{html}"
    );
    assert_eq!(html.matches("<math").count(), 1, "{html}");
    // Many unclosed tags on one line: linear, and left as text.
    let line = "{{< ".repeat(20_000);
    let html = site(hugo, &line);
    assert!(html.len() > line.len(), "rendered");
}
