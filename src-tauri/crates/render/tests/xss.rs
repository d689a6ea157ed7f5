//! Raw HTML and links in a post never reach the preview as anything that can run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_render::{Flavor, RenderOptions, render};
use regex::Regex;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" ONERROR=\"alert(1)\">",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"  javascript:alert(1)\">x</a>",
    "<a href=\"java&#x09;script:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "[md link](javascript:alert(1))",
    "[md link](<javascript:alert(1)>)",
    "![md image](javascript:alert(1))",
    "![md image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"x.swf\"></object>",
    "<embed src=\"x.swf\">",
    "<form action=\"https://evil.example\"><input name=q><button>go</button></form>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<link rel=stylesheet href=\"https://evil.example/x.css\">",
    "<style>body{background:url(https://evil.example/t)}</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p onmouseover=\"alert(1)\">hover</p>",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<input type=\"text\" value=\"typed\">",
    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
    "<img src=\"x\" srcset=\"javascript:alert(1) 1x\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<template><script>alert(1)</script></template>",
    "<a href=\"https://ok.example\" target=\"_top\">ok</a>",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "<math href=\"javascript:alert(1)\"><mi>x</mi></math>",
    "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>",
    "<math><mrow style=\"background:url(javascript:alert(1))\">x</mrow></math>",
    // Math, diagrams and template tags on a site that renders them.
    "$\\href{javascript:alert(1)}{x}$",
    "$\\text{<img src=x onerror=alert(1)>}$ and $$\\text{</math><script>alert(1)</script>}$$",
    "```mermaid\ngraph TD; A[\"<img src=x onerror=alert(1)>\"]\n```",
    "{{< figure src=\"javascript:alert(1)\" caption=\"<script>alert(1)</script>\" >}}",
    "{{< youtube \"\\\"><script>alert(1)</script>\" >}}",
    "[x]({{< ref \"javascript:alert(1)\" >}})",
    "![x]({{ 'javascript:alert(1)' | relative_url }})",
    "{% include \"<img src=x onerror=alert(1)>\" %}",
    "{% asset_img \"x.png\" <script>alert(1)</script> %}",
];

fn tags(html: &str) -> Vec<String> {
    let re = Regex::new(r"(?s)<[A-Za-z!/][^>]*>").unwrap();
    re.find_iter(html)
        .map(|m| m.as_str().to_ascii_lowercase())
        .collect()
}

fn assert_inert(payload: &str) {
    for flavor in [
        Flavor::hugo(),
        Flavor {
            math: true,
            math_inline_dollar: true,
            math_parens: true,
            mermaid: true,
            ..Flavor::hugo()
        },
        Flavor {
            math: true,
            ..Flavor::kramdown()
        },
        Flavor::hexo(),
    ] {
        let options = RenderOptions {
            flavor,
            ..RenderOptions::default()
        };
        assert_inert_html(payload, &render(payload, &options).html);
    }
}

fn assert_inert_html(payload: &str, html: &str) {
    // MathML is allowed (the math typesetter writes it), never anything that can run.
    let forbidden_tags = [
        "script", "iframe", "object", "embed", "form", "base", "meta", "link", "style", "svg",
        "button", "template", "noscript", "body", "maction",
    ];
    let attr = Regex::new(r#"\s([a-z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#).unwrap();
    for tag in tags(html) {
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert!(
            !forbidden_tags.contains(&name.as_str()),
            "payload {payload:?} left <{name}> in {html}"
        );
        for cap in attr.captures_iter(&tag) {
            let (key, value) = (&cap[1], cap[2].trim_matches(['"', '\'']).trim());
            assert!(
                !key.starts_with("on"),
                "payload {payload:?} left handler {key} in {html}"
            );
            assert!(
                !matches!(key, "style" | "srcset" | "srcdoc" | "formaction" | "target")
                    || tag.starts_with("<th")
                    || tag.starts_with("<td")
                    || (tag.starts_with("<m") && key == "style" && !value.contains("url(")),
                "payload {payload:?} left {key} in {html}"
            );
            if matches!(
                key,
                "href" | "src" | "action" | "data" | "poster" | "background"
            ) {
                // The scheme as a browser reads it: tabs, line breaks and controls dropped,
                // up to the first `:` before any `/`, `?` or `#`.
                let v: String = value
                    .to_ascii_lowercase()
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect();
                let scheme = v
                    .split_once(':')
                    .map(|(s, _)| s)
                    .filter(|s| !s.contains(['/', '?', '#']))
                    .unwrap_or_default();
                assert!(
                    !matches!(scheme, "javascript" | "vbscript" | "data"),
                    "payload {payload:?} left {key}={value} in {html}"
                );
            }
        }
        if name == "input" {
            assert!(
                tag.contains("disabled"),
                "payload {payload:?} left an editable input: {tag}"
            );
            assert!(
                !tag.contains("type=") || tag.contains("type=\"checkbox\""),
                "payload {payload:?} left a non-checkbox input: {tag}"
            );
        }
    }
}

#[test]
fn payloads_come_out_inert() {
    for payload in PAYLOADS {
        assert_inert(payload);
        // The same payloads inside a list item, a table cell and a blockquote.
        assert_inert(&format!("- {payload}\n"));
        assert_inert(&format!(
            "| a |\n|---|\n| {} |\n",
            payload.replace('\n', " ")
        ));
        assert_inert(&format!("> {payload}\n"));
    }
}

#[test]
fn code_shows_payloads_as_text() {
    let html = render(
        "```html\n<script>alert(1)</script>\n```\n",
        &RenderOptions::default(),
    )
    .html;
    assert!(html.contains("&lt;") && html.contains("script"), "{html}");
    let html = render("`<img src=x onerror=alert(1)>`", &RenderOptions::default()).html;
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn safe_markup_survives() {
    let html = render(
        "<details><summary>More</summary>\n\nText\n\n</details>\n\n<kbd>Ctrl</kbd>\n\n- [x] done\n",
        &RenderOptions::default(),
    )
    .html;
    for needle in [
        "<details>",
        "<summary>",
        "<kbd>Ctrl</kbd>",
        "type=\"checkbox\"",
    ] {
        assert!(html.contains(needle), "{needle} missing in {html}");
    }
}
