#!/usr/bin/env bash
# Dump what Hexo itself computes for every post of a site, as JSON.
#
# usage: [TZ=...] tests/compat/hexo-dump.sh SITE_DIR OUT_JSON
#
# The site is copied into a fresh temporary directory (nothing is written into SITE_DIR),
# given the Hexo of tests/package.json (`make test` installs it: `cd tests && npm ci`) and a
# script that registers a generator for inkstone-dump.json, and
#   hexo generate --draft
# is run offline. OUT_JSON receives a JSON array, one object per post (drafts included),
# sorted by `path`:
#   path    source file relative to the site root ("source/_posts/x.md")
#   title   post.title
#   date    post.date, ISO 8601 with offset, in the site's `timezone` (else the machine's)
#   draft   under _drafts/, or `published: false`
#   url     url_for(post.path): the address with `root`, encoded, after pretty_urls
# With HEXO_DUMP_PUBLIC=DIR, the built site (Hexo's public/) is copied to DIR as well.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SITE_DIR OUT_JSON" >&2
  exit 2
fi
site_src=$1
out_json=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
modules="$here/../node_modules"
[[ -x "$modules/hexo/bin/hexo" ]] || { echo "hexo-dump: $modules/hexo missing: run \`cd tests && npm ci\`" >&2; exit 2; }
[[ -f "$site_src/_config.yml" ]] || { echo "hexo-dump: $site_src has no _config.yml" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/inkstone-hexo-dump.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
site="$tmp/site"
mkdir "$site"
cp -a -- "$site_src/." "$site/"
rm -rf -- "$site/public" "$site/db.json" "$site/node_modules"
# Hexo loads the plugins the site's package.json depends on: the renderer, so `.md` is a post.
version=$(node -p "require('$modules/hexo/package.json').version")
cat >"$site/package.json" <<JSON
{"name": "site", "private": true, "hexo": {"version": "$version"},
 "dependencies": {"hexo": "$version", "hexo-renderer-marked": "*"}}
JSON
ln -s "$modules" "$site/node_modules"
mkdir -p "$site/scripts"
cat >"$site/scripts/inkstone-dump.js" <<'JS'
hexo.extend.generator.register('inkstone-dump', function (locals) {
  const urlFor = hexo.extend.helper.get('url_for').bind(hexo);
  const posts = locals.posts.toArray().map((p) => ({
    path: 'source/' + p.source,
    title: p.title,
    date: (hexo.config.timezone ? p.date.clone().tz(hexo.config.timezone) : p.date).format(),
    draft: p.published === false,
    url: urlFor(p.path),
  }));
  posts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { path: 'inkstone-dump.json', data: JSON.stringify(posts) };
});
JS
log="$tmp/hexo.log"
if ! (cd "$site" && HOME="$tmp" node node_modules/hexo/bin/hexo generate --draft --silent >"$log" 2>&1); then
  echo "hexo-dump: hexo failed for $site_src:" >&2
  cat "$log" >&2
  exit 1
fi
mkdir -p -- "$(dirname -- "$out_json")"
cp -- "$site/public/inkstone-dump.json" "$out_json"
# The built site too, when asked for (the images tests look at its pages and files).
if [[ -n "${HEXO_DUMP_PUBLIC:-}" ]]; then
  rm -rf -- "$HEXO_DUMP_PUBLIC"
  cp -a -- "$site/public" "$HEXO_DUMP_PUBLIC"
fi
