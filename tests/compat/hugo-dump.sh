#!/usr/bin/env bash
# Dump what Hugo itself computes for every regular page of a site, as JSON.
#
# usage: tests/compat/hugo-dump.sh SITE_DIR OUT_JSON
#
# The site is copied into a fresh temporary directory (nothing is written into
# SITE_DIR), tests/compat/hugo/layouts/index.inkstonedump.json is added, and
# Hugo is run with the site's own config merged with tests/compat/hugo/compat.toml
# plus --buildDrafts --buildFuture --buildExpired. OUT_JSON receives a JSON array,
# one object per page with .Kind == "page" (all sections, all languages), sorted
# bytewise by `path`:
#   path            source file relative to the site root, "/"-separated
#   title           .Title
#   date            .Date as 2006-01-02T15:04:05-07:00, or null if zero
#   publish_date    .PublishDate, same format or null
#   expiry_date     .ExpiryDate, same format or null
#   draft           .Draft
#   tags            .Params.tags as written (a lone string becomes [string])
#   categories      .Params.categories, likewise
#   words           .WordCount
#   reading_minutes .ReadingTime
# Needs only hugo and coreutils; works offline.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SITE_DIR OUT_JSON" >&2
  exit 2
fi
site_src=$1
out_json=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
compat_dir="$here/hugo"

if [[ ! -d "$site_src" ]]; then
  echo "hugo-dump: not a directory: $site_src" >&2
  exit 2
fi
command -v hugo >/dev/null || { echo "hugo-dump: hugo not found in PATH" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/inkstone-hugo-dump.XXXXXX")
tmp=$(cd "$tmp" && pwd -P)
trap 'rm -rf -- "$tmp"' EXIT

site="$tmp/site"
mkdir "$site"
# -a keeps mtimes (frontmatter config may use :fileModTime) and .git (enableGitInfo).
cp -a -- "$site_src/." "$site/"
# Leftovers of a previous local build must not leak into ours.
rm -rf -- "$site/.hugo_build.lock"
mkdir -p "$site/layouts"
cp -- "$compat_dir/layouts/index.inkstonedump.json" "$site/layouts/index.inkstonedump.json"

# Hugo's own lookup order for the site config file (0.110+). A site that only
# uses a config/ directory gets just compat.toml (the config dir is still read).
site_cfg=""
for f in hugo.toml hugo.yaml hugo.yml hugo.json config.toml config.yaml config.yml config.json; do
  if [[ -f "$site/$f" ]]; then site_cfg="$f"; break; fi
done
if [[ -z "$site_cfg" && ! -d "$site/config" ]]; then
  echo "hugo-dump: $site_src is not a Hugo site (no hugo.*/config.* file, no config/ directory)" >&2
  exit 1
fi
# --config takes a comma-separated list: keep our file on a comma-free path.
cp -- "$compat_dir/compat.toml" "$tmp/inkstone-compat.toml"
cfg_arg="$tmp/inkstone-compat.toml"
if [[ -n "$site_cfg" ]]; then
  cfg_arg="$site/$site_cfg,$tmp/inkstone-compat.toml"
fi

# - HUGO_PARAMS_INKSTONEDUMPROOT: absolute root of the copy, so the template can
#   turn .File.Filename into a site-relative path.
# - HUGO_OUTPUTS_HOME: files in a config/ directory are merged *after* the
#   --config files, so a config/_default/*.toml that sets outputs.home would
#   drop our output format; OS env overrides are applied last and win.
log="$tmp/hugo.log"
if ! HUGO_PARAMS_INKSTONEDUMPROOT="$site/" HUGO_OUTPUTS_HOME=inkstonedump hugo \
    --source "$site" \
    --config "$cfg_arg" \
    --destination "$tmp/public" \
    --cacheDir "$tmp/cache" \
    --buildDrafts --buildFuture --buildExpired \
    --noBuildLock \
    >"$log" 2>&1; then
  echo "hugo-dump: hugo failed for $site_src:" >&2
  sed "s#$tmp/site/##g" "$log" >&2
  exit 1
fi

# Hugo logs some problems as ERROR and still exits 0: pass them on.
grep -E '^ERROR' "$log" | sed -e "s#$tmp/site/##g" -e 's/^/hugo-dump: hugo said: /' >&2 || true

# Multilingual sites render the dump once per language (all identical: the
# template walks every site); take the shortest path, i.e. the root one.
dump=$(find "$tmp/public" -name inkstone-dump.json -type f | awk '{ print length, $0 }' | sort -n | head -n 1 | cut -d' ' -f2-)
if [[ -z "$dump" ]]; then
  echo "hugo-dump: hugo produced no inkstone-dump.json (home page kind disabled?)" >&2
  sed "s#$tmp/site/##g" "$log" >&2
  exit 1
fi

# Lines are "<path>\t<json>"; sort bytewise on the path, keep the JSON.
sorted="$tmp/sorted"
{ grep -v -e '^[[:space:]]*$' -e '^#inkstone-dump$' "$dump" || true; } |
  LC_ALL=C sort -t $'\t' -k1,1 -u | cut -f2- >"$sorted"
{
  printf '['
  first=1
  while IFS= read -r line; do
    if [[ $first -eq 1 ]]; then printf '\n  %s' "$line"; first=0; else printf ',\n  %s' "$line"; fi
  done <"$sorted"
  printf '\n]\n'
} >"$tmp/out.json"

mkdir -p -- "$(dirname -- "$out_json")"
cp -- "$tmp/out.json" "$out_json"
