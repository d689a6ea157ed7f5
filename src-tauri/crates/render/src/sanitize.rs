//! The one sanitizing pass (ammonia) over rendered HTML: raw HTML in a post may render only
//! as safe markup: no script, event handlers, `javascript:`/`data:` URLs, frames, forms.

use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::Builder;

/// The URL scheme of local images served by the desktop app.
pub const IMAGE_SCHEME: &str = "inkstone";

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags([
        "input",
        "details",
        "summary",
        "kbd",
        "figure",
        "figcaption",
        "section",
        "abbr",
    ])
    .add_generic_attribute_prefixes(["data-"])
    .add_tag_attributes("h1", ["id", "class"])
    .add_tag_attributes("h2", ["id", "class"])
    .add_tag_attributes("h3", ["id", "class"])
    .add_tag_attributes("h4", ["id", "class"])
    .add_tag_attributes("h5", ["id", "class"])
    .add_tag_attributes("h6", ["id", "class"])
    .add_tag_attributes("span", ["class"])
    .add_tag_attributes("code", ["class"])
    .add_tag_attributes("pre", ["class"])
    .add_tag_attributes("div", ["class", "id"])
    .add_tag_attributes("li", ["id"])
    .add_tag_attributes("sup", ["id", "class"])
    .add_tag_attributes("a", ["id", "class"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("th", ["style"])
    .add_tag_attributes("td", ["style"])
    .add_tag_attributes("img", ["loading"])
    .filter_style_properties(HashSet::from(["text-align"]))
    .add_url_schemes([IMAGE_SCHEME])
    .attribute_filter(|element, attribute, value| match (element, attribute) {
        // Task-list checkboxes only, and never editable.
        ("input", "type") => (value == "checkbox").then(|| value.into()),
        _ => Some(value.into()),
    })
    .set_tag_attribute_value("input", "disabled", "");
    b
});

/// Sanitizes a rendered HTML fragment.
pub(crate) fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}
