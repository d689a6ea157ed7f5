//! The generators' standard GitHub Pages workflows, and when to offer one.
//!
//! GitHub builds a branch-published (`legacy`) Pages site with Jekyll. A Hugo or Hexo blog
//! pushed that way never deploys as its author expects, so Inkstone offers the generator's own
//! workflow: Hugo's is GitHub's starter workflow (actions/starter-workflows `pages/hugo.yml`),
//! Hexo's the one in Hexo's documentation (hexojs/site `github-pages.md`), both with the
//! default branch filled in. Committing either needs the token's `workflow` scope, and the
//! repository's Pages source must then be "GitHub Actions".

use crate::Pages;

/// The Hugo version the workflow installs when the local one is not known.
pub const HUGO_VERSION: &str = "0.128.0";

/// A workflow file to add: where, and every line of it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Workflow {
    /// `.github/workflows/hugo.yml`, relative to the repository.
    pub path: String,
    pub text: String,
}

/// Why a blog should get its generator's workflow, or `None` when it deploys as it is.
/// `generator` is `hugo`, `jekyll` or `hexo`; `pages` the repository's Pages site (`None`: it
/// has none yet); `has_workflow` whether a workflow in the repository deploys it; `branch` the
/// branch the blog is pushed to.
pub fn offer(
    generator: &str,
    pages: Option<&Pages>,
    has_workflow: bool,
    branch: &str,
) -> Option<String> {
    let name = match generator {
        "hugo" => "Hugo",
        "hexo" => "Hexo",
        _ => return None,
    };
    if has_workflow {
        return None;
    }
    if let Some(source) = pages.and_then(|p| p.source.as_ref())
        && pages.is_some_and(Pages::branch_built)
        && (source.branch != branch || source.path.as_deref().is_some_and(|p| p != "/"))
    {
        // Pages serves a built site (`gh-pages` from `hexo deploy`, `/docs`): Jekyll only
        // copies it.
        return None;
    }
    Some(match pages {
        Some(p) if p.branch_built() => format!(
            "GitHub Pages builds the branch {} with Jekyll, which cannot build a {name} site: add {name}'s Pages workflow and set Settings → Pages → Source to “GitHub Actions”",
            p.source.as_ref().map_or("main", |s| s.branch.as_str())
        ),
        Some(_) => format!(
            "GitHub Pages waits for a workflow to deploy the site, and the repository has none: add {name}'s Pages workflow"
        ),
        None => format!(
            "the repository has no Pages site and no workflow to deploy one: add {name}'s Pages workflow and set Settings → Pages → Source to “GitHub Actions”"
        ),
    })
}

/// The schedule lines that rebuild the site daily, so posts dated in the future appear on
/// their day (cron in UTC).
const DAILY: &str = "\n  # Rebuilds every day, so posts dated in the future go live on their date (UTC).\n  schedule:\n    - cron: \"17 0 * * *\"\n";

/// The Pages workflow of `generator` (`hugo` or `hexo`) for pushes to `branch`; `daily` adds
/// a daily scheduled rebuild.
pub fn pages_workflow(
    generator: &str,
    branch: &str,
    hugo_version: Option<&str>,
    daily: bool,
) -> Option<Workflow> {
    let schedule = if daily { DAILY } else { "" };
    let branch = yaml_string(branch);
    match generator {
        "hugo" => Some(Workflow {
            path: ".github/workflows/hugo.yml".into(),
            text: HUGO
                .replace("{branch}", &branch)
                .replace("{schedule}", schedule)
                .replace("{version}", hugo_version.unwrap_or(HUGO_VERSION)),
        }),
        "hexo" => Some(Workflow {
            path: ".github/workflows/pages.yml".into(),
            text: HEXO
                .replace("{branch}", &branch)
                .replace("{schedule}", schedule),
        }),
        _ => None,
    }
}

/// Writes `wf` into the repository at `workdir` (its `.github/workflows/` made as needed),
/// never over an existing file; returns the file.
pub fn add(workdir: &std::path::Path, wf: &Workflow) -> std::io::Result<std::path::PathBuf> {
    use std::io::Write;
    // A cloned repository may hold `.github` as a link to anywhere: each folder on the way is
    // a real folder inside the repository, or is made as one.
    let mut dir = workdir.to_path_buf();
    let folders: Vec<&str> = wf.path.split('/').collect();
    for name in &folders[..folders.len().saturating_sub(1)] {
        dir.push(name);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "{} is not a folder (a link?): nothing was written",
                        dir.display()
                    ),
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir(&dir)?,
            Err(e) => return Err(e),
        }
    }
    let path = workdir.join(&wf.path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    file.write_all(wf.text.as_bytes())?;
    file.sync_all()?;
    Ok(path)
}

/// A branch name as a YAML flow scalar: quoted, with `"` and `\` escaped.
fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The `x.y.z` of `hugo version` output (`hugo v0.111.3+extended linux/amd64 …`).
pub fn hugo_version_of(output: &str) -> Option<String> {
    let word = output.split_whitespace().find(|w| w.starts_with('v'))?;
    let v: String = word[1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    (v.split('.').count() == 3 && v.split('.').all(|p| !p.is_empty())).then_some(v)
}

const HUGO: &str = r#"# Builds the Hugo site and deploys it to GitHub Pages (GitHub's starter workflow,
# added by Inkstone). Needs Settings → Pages → Source: "GitHub Actions".
name: Deploy Hugo site to Pages

on:
  # Runs on pushes to the blog's branch
  push:
    branches: [{branch}]

  # Allows you to run this workflow manually from the Actions tab
  workflow_dispatch:
{schedule}
# Sets permissions of the GITHUB_TOKEN to allow deployment to GitHub Pages
permissions:
  contents: read
  pages: write
  id-token: write

# Allow only one concurrent deployment, skipping runs queued between the run in-progress and latest queued.
# However, do NOT cancel in-progress runs as we want to allow these production deployments to complete.
concurrency:
  group: "pages"
  cancel-in-progress: false

# Default to bash
defaults:
  run:
    shell: bash

jobs:
  # Build job
  build:
    runs-on: ubuntu-latest
    env:
      HUGO_VERSION: {version}
    steps:
      - name: Install Hugo CLI
        run: |
          wget -O ${{ runner.temp }}/hugo.deb https://github.com/gohugoio/hugo/releases/download/v${HUGO_VERSION}/hugo_extended_${HUGO_VERSION}_linux-amd64.deb \
          && sudo dpkg -i ${{ runner.temp }}/hugo.deb
      - name: Install Dart Sass
        run: sudo snap install dart-sass
      - name: Checkout
        uses: actions/checkout@v4
        with:
          submodules: recursive
      - name: Setup Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Install Node.js dependencies
        run: "[[ -f package-lock.json || -f npm-shrinkwrap.json ]] && npm ci || true"
      - name: Build with Hugo
        env:
          HUGO_CACHEDIR: ${{ runner.temp }}/hugo_cache
          HUGO_ENVIRONMENT: production
        run: |
          hugo \
            --minify \
            --baseURL "${{ steps.pages.outputs.base_url }}/"
      - name: Upload artifact
        uses: actions/upload-pages-artifact@v3
        with:
          path: ./public

  # Deployment job
  deploy:
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    runs-on: ubuntu-latest
    needs: build
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"#;

const HEXO: &str = r#"# Builds the Hexo site and deploys it to GitHub Pages (the workflow of Hexo's documentation,
# added by Inkstone). Needs Settings → Pages → Source: "GitHub Actions".
name: Pages

on:
  push:
    branches: [{branch}]
  workflow_dispatch:
{schedule}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          token: ${{ secrets.GITHUB_TOKEN }}
          # If your repository depends on submodule, please see: https://github.com/actions/checkout
          submodules: recursive
      - name: Use Node.js 20
        uses: actions/setup-node@v4
        with:
          node-version: "20"
      - name: Cache NPM dependencies
        uses: actions/cache@v4
        with:
          path: node_modules
          key: ${{ runner.OS }}-npm-cache
          restore-keys: |
            ${{ runner.OS }}-npm-cache
      - name: Install Dependencies
        run: npm install
      - name: Build
        run: npm run build
      - name: Upload Pages artifact
        uses: actions/upload-pages-artifact@v3
        with:
          path: ./public
  deploy:
    needs: build
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    runs-on: ubuntu-latest
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_and_hexo_on_a_branch_built_site_get_the_offer_jekyll_does_not() {
        let legacy: Pages = serde_json::from_str(
            r#"{"html_url":"https://o.github.io/","build_type":"legacy","status":"built","source":{"branch":"main","path":"/"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let offer_hugo = offer("hugo", Some(&legacy), false, "main").unwrap_or_default();
        assert!(
            offer_hugo.contains("builds the branch main with Jekyll"),
            "{offer_hugo}"
        );
        assert!(offer("hexo", Some(&legacy), false, "main").is_some());
        assert_eq!(offer("jekyll", Some(&legacy), false, "main"), None);
        assert_eq!(offer("hugo", Some(&legacy), true, "main"), None);
        assert!(offer("hugo", None, false, "main").is_some());
        // `hexo deploy` pushes built HTML to gh-pages; `/docs` holds a built site.
        assert_eq!(offer("hexo", Some(&legacy), false, "source"), None);
        let docs: Pages = serde_json::from_str(
            r#"{"build_type":"legacy","source":{"branch":"main","path":"/docs"}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(offer("hugo", Some(&docs), false, "main"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_github_folder_is_not_followed_out_of_the_repository() {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (repo, outside) = (root.path().join("repo"), root.path().join("outside"));
        std::fs::create_dir_all(&repo).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(&outside).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&outside, repo.join(".github"))
            .unwrap_or_else(|e| panic!("{e}"));
        let wf = pages_workflow("hugo", "main", None, false).unwrap_or_else(|| panic!());
        let e = add(&repo, &wf)
            .err()
            .unwrap_or_else(|| panic!("written through the link"));
        assert!(e.to_string().contains("is not a folder"), "{e}");
        assert_eq!(
            std::fs::read_dir(&outside).map(|d| d.count()).unwrap_or(1),
            0
        );
        // A plain repository gets the file.
        std::fs::remove_file(repo.join(".github")).unwrap_or_else(|e| panic!("{e}"));
        let path = add(&repo, &wf).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read_to_string(path).unwrap_or_default(), wf.text);
        assert!(add(&repo, &wf).is_err(), "never over a file");
    }

    #[test]
    fn the_workflow_names_the_branch_and_the_schedule_only_when_asked() {
        let w = pages_workflow("hugo", "main", Some("0.111.3"), false).unwrap_or_else(|| panic!());
        assert_eq!(w.path, ".github/workflows/hugo.yml");
        assert!(w.text.contains("branches: [\"main\"]"));
        assert!(w.text.contains("HUGO_VERSION: 0.111.3"));
        assert!(!w.text.contains("schedule"));
        assert!(!w.text.contains('{') || w.text.contains("${{"));
        let d = pages_workflow("hexo", "source", None, true).unwrap_or_else(|| panic!());
        assert!(d.text.contains("cron: \"17 0 * * *\""));
        assert!(d.text.contains("branches: [\"source\"]"));
        assert_eq!(pages_workflow("jekyll", "main", None, false), None);
        // Both are YAML that GitHub can read, with the branch and schedule where they belong.
        for (g, daily) in [
            ("hugo", true),
            ("hugo", false),
            ("hexo", true),
            ("hexo", false),
        ] {
            let w = pages_workflow(g, "my \"blog\"", None, daily).unwrap_or_else(|| panic!());
            let v: yaml_serde::Value =
                yaml_serde::from_str(&w.text).unwrap_or_else(|e| panic!("{g}: {e}\n{}", w.text));
            let on = &v["on"];
            assert_eq!(
                on["push"]["branches"][0].as_str(),
                Some("my \"blog\""),
                "{g}"
            );
            assert_eq!(on["schedule"].is_sequence(), daily, "{g}");
            assert!(v["jobs"]["deploy"]["steps"].is_sequence(), "{g}");
        }
        assert_eq!(
            hugo_version_of("hugo v0.111.3+extended linux/amd64 BuildDate=unknown"),
            Some("0.111.3".into())
        );
        assert_eq!(hugo_version_of("nonsense"), None);
    }
}
