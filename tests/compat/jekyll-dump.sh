#!/usr/bin/env bash
# Dump what Jekyll itself computes for every post of a site, as JSON.
#
# usage: [TZ=...] tests/compat/jekyll-dump.sh SITE_DIR OUT_JSON
#
# The site is copied into a fresh temporary directory (nothing is written into
# SITE_DIR), tests/compat/jekyll/inkstone-dump.json is added at its root, and
#   jekyll build --safe --drafts --future --unpublished --disable-disk-cache
# is run offline. OUT_JSON receives a JSON array, one object per entry of
# site.posts (_posts/ anywhere in the tree, plus _drafts/ and unpublished and
# future posts), sorted bytewise by `path`:
#   path            source file relative to the site root, "/"-separated
#   title           post.title (Jekyll derives it from the slug when missing)
#   date            post.date | date_to_xmlschema (local time: _config.yml
#                   `timezone`, else the caller's TZ)
#   draft           file is under a _drafts/ folder, or `published: false`
#   tags            post.tags (Jekyll's array: a string is split on spaces)
#   categories      post.categories (includes folders above _posts/)
#   words           post.content | strip_html | number_of_words: "auto"
#   reading_minutes ceil(words / 200), at least 1
#   url             post.url | relative_url (the address with `baseurl`)
# TZ is passed through unchanged. Needs only jekyll (Debian's 4.3.1 works).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SITE_DIR OUT_JSON" >&2
  exit 2
fi
site_src=$1
out_json=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
dump_page="$here/jekyll/inkstone-dump.json"

if [[ ! -d "$site_src" ]]; then
  echo "jekyll-dump: not a directory: $site_src" >&2
  exit 2
fi
command -v jekyll >/dev/null || { echo "jekyll-dump: jekyll not found in PATH" >&2; exit 2; }

# Jekyll happily "builds" any folder; refuse folders that are clearly not a site.
if ! compgen -G "$site_src/_config.*" >/dev/null && [[ -z "$(find "$site_src" -type d \( -name _posts -o -name _drafts \) -print -quit)" ]]; then
  echo "jekyll-dump: $site_src is not a Jekyll site (no _config.*, no _posts/ or _drafts/)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/inkstone-jekyll-dump.XXXXXX")
tmp=$(cd "$tmp" && pwd -P)
trap 'rm -rf -- "$tmp"' EXIT

site="$tmp/site"
mkdir "$site"
# -a keeps mtimes: a draft without a date gets its file's mtime as post.date.
cp -a -- "$site_src/." "$site/"
rm -rf -- "$site/.jekyll-cache" "$site/.jekyll-metadata" "$site/_site"
if [[ -e "$site/inkstone-dump.json" ]]; then
  echo "jekyll-dump: the site already has an inkstone-dump.json" >&2
  exit 1
fi
cp -- "$dump_page" "$site/inkstone-dump.json"
mkdir "$tmp/home"

log="$tmp/jekyll.log"
# - JEKYLL_NO_BUNDLER_REQUIRE: a Gemfile in the site would make Jekyll call
#   Bundler.setup, which needs a resolvable bundle (and maybe the network).
# - --safe: no custom plugins (GitHub Pages' classic builder runs the same way).
# - HOME: keep anything a gem might cache away from the real home directory.
if ! (cd "$site" && HOME="$tmp/home" JEKYLL_NO_BUNDLER_REQUIRE=true jekyll build \
    --source "$site" \
    --destination "$tmp/_site" \
    --safe --drafts --future --unpublished \
    --disable-disk-cache \
    --quiet \
    >"$log" 2>&1); then
  echo "jekyll-dump: jekyll failed for $site_src:" >&2
  sed "s#$site/##g" "$log" >&2
  exit 1
fi

# Jekyll reports some per-file problems (YAML errors, invalid UTF-8: the file is
# skipped or read without front matter) and still exits 0: pass them on.
if [[ -s "$log" ]]; then
  sed -e "s#$site/##g" -e 's/^/jekyll-dump: jekyll said: /' "$log" >&2
fi

dump="$tmp/_site/inkstone-dump.json"
if [[ ! -f "$dump" ]]; then
  echo "jekyll-dump: jekyll produced no inkstone-dump.json (excluded by _config.yml?)" >&2
  sed "s#$site/##g" "$log" >&2
  exit 1
fi

mkdir -p -- "$(dirname -- "$out_json")"
cp -- "$dump" "$out_json"
