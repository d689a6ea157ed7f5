//! A Jekyll or Hexo post's address on the site, as the generator computes it from the site's
//! `permalink` pattern and the post's name, date, categories and front matter (Hugo's rules
//! live with its languages, in [`crate::languages`]).

pub mod hexo;
pub mod jekyll;

/// How the site makes post addresses.
#[derive(Debug, Clone, Default)]
pub enum Permalinks {
    /// Hugo (see [`crate::languages`]), or a site whose addresses are not computed.
    #[default]
    None,
    Jekyll(jekyll::Settings),
    Hexo(hexo::Settings),
}

/// What a post's address is made from.
pub struct Fields<'a> {
    /// Relative to the generator's source folder (Jekyll's `collections_dir`, Hexo's
    /// `source_dir`), `/`-separated: `_posts/2024-01-05-hello.md`.
    pub rel: &'a str,
    pub front_matter: &'a serde_json::Map<String, serde_json::Value>,
    /// The post's date in the site's time zone (the one the generator formats it in).
    pub date: Option<&'a jiff::Zoned>,
    /// As the generator reads them: Jekyll's folders above `_posts` then the front matter's;
    /// Hexo's hierarchies, each joined with `/`.
    pub categories: &'a [String],
    /// The front matter's `title` as written (empty when it has none).
    pub title: &'a str,
}

impl Permalinks {
    /// The post's address, site-relative with the site's sub-path (`/blog/2024/01/05/x/`);
    /// `None` when it cannot be known here (a pattern the generator refuses, a random id).
    pub fn url(&self, fields: &Fields<'_>) -> Option<String> {
        match self {
            Permalinks::None => None,
            Permalinks::Jekyll(s) => s.url(fields),
            Permalinks::Hexo(s) => s.url(fields),
        }
    }
}
