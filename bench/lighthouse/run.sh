#!/usr/bin/env bash
# Lighthouse (npm lighthouse 12.2.3, mobile form factor, the system Chromium) for every reader page
# of the demo blog and the studio's pages signed out; prints the four category scores per page and
# writes docs/lighthouse.md. Called by `bin/bench lighthouse`.
#   bin/bench lighthouse                      # starts the local stack with the demo blog on a port
#                                             # of its own, measures, stops it
#   bin/bench lighthouse --base http://127.0.0.1:3000   # a running stack (bin/run-local) instead
#   bin/bench lighthouse --runs 3 --pages home,post     # best of 3 per page, some pages only
#   --out FILE (docs/lighthouse.md; --out - prints only)  --keep DIR (keeps the JSON reports)
# Lighthouse is installed once into .local/tools/lighthouse (git-ignored) with npm i -E.
# BLOGHOME_SKIP_BUILD=1 reuses the last build (bin/run-local's).
set -euo pipefail
cd "$(dirname "$0")/../.."

LIGHTHOUSE_VERSION=12.2.3
base=""
runs=1
pages=""
out="docs/lighthouse.md"
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="${2%/}"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --pages) pages="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "bench lighthouse: unknown option $1 (--base URL, --runs N, --pages a,b, --out FILE, --keep DIR)" >&2; exit 64 ;;
  esac
done

tools=".local/tools/lighthouse"
cli="$tools/node_modules/lighthouse/cli/index.js"
if ! command -v node >/dev/null; then
  echo "bench lighthouse: node (20 or newer) is needed" >&2
  exit 2
fi
if [ ! -f "$cli" ] || ! grep -q "\"version\": \"$LIGHTHOUSE_VERSION\"" "$tools/node_modules/lighthouse/package.json"; then
  echo "bench lighthouse: installing lighthouse@$LIGHTHOUSE_VERSION into $tools"
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private":true}' >"$tools/package.json"
  (cd "$tools" && npm i -E --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null)
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

work="$(mktemp -d)"
stack_pid=""
cleanup() {
  if [ -n "$stack_pid" ]; then
    kill "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$base" ]; then
  port="${BLOGHOME_LIGHTHOUSE_PORT:-3187}"
  base="http://127.0.0.1:$port"
  echo "bench lighthouse: starting the local stack with the demo blog on $base (log: $work/stack.log)"
  # Lambda timeouts scaled: on a shared 2-core machine the demo import can pass 10 s.
  BLOGHOME_API_PORT="$port" BLOGHOME_LAMBDA_TIMEOUT_SCALE="${BLOGHOME_LAMBDA_TIMEOUT_SCALE:-3}" \
    bin/run-local >"$work/stack.log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 900); do
    if grep -q "Demo blog ready" "$work/stack.log"; then break; fi
    if ! kill -0 "$stack_pid" 2>/dev/null || grep -q "seeding failed" "$work/stack.log"; then
      grep -v WARNING "$work/stack.log" | tail -20 >&2
      echo "bench lighthouse: the local stack did not come up" >&2
      exit 2
    fi
    sleep 1
  done
  grep "Demo blog ready" "$work/stack.log" || { echo "bench lighthouse: no demo blog after 15 minutes" >&2; exit 2; }
fi

# The pages: the demo blog's newest post (code, headings enough for a table of contents), its
# first category and tag, its month, a search that finds posts, a page that does not exist.
node - "$base" >"$work/urls.tsv" <<'EOF'
const base = process.argv[2];
const get = async (p) => { const r = await fetch(base + p); if (!r.ok) throw new Error(p + ': ' + r.status); return r.json(); };
(async () => {
  const list = await get('/users/demo/posts?limit=1');
  const post = list.items[0];
  const full = await get('/posts/' + post.postId);
  const cat = (full.categories || post.categories || ['Java 后端'])[0];
  const tag = (full.tags || post.tags || ['Java'])[0];
  const cst = new Date(Date.parse(full.publishedAt || post.publishedAt) + 8 * 3600 * 1000);
  const month = cst.toISOString().slice(0, 7);
  const rows = [
    ['home', '/u/demo'],
    ['post', '/p/' + post.postId],
    ['category', '/u/demo/category/' + encodeURIComponent(cat)],
    ['tag', '/u/demo/tag/' + encodeURIComponent(tag)],
    ['archive', '/u/demo/archive/' + month],
    ['search', '/u/demo/search?q=' + encodeURIComponent('Redis 分布式锁')],
    ['404 (error page)', '/u/demo/no-such-page'],
    ['write (signed out)', '/write'],
    ['studio (signed out)', '/studio'],
    ['profile (signed out)', '/studio/profile'],
    ['favorites (signed out)', '/studio/favorites'],
  ];
  for (const [name, path] of rows) console.log(name + '\t' + path);
})().catch((e) => { console.error('bench lighthouse: ' + e.message); process.exit(2); });
EOF

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
while IFS=$'\t' read -r name path; do
  short="${name%% *}"
  if [ -n "$pages" ] && [[ ",$pages," != *",$short,"* ]]; then continue; fi
  # Through a proxy that compresses as CloudFront does and, for the error page only, answers it
  # 200 (Lighthouse audits no document answered 4xx): cdn-proxy.mjs.
  error_path=""
  if [ "$short" = "404" ]; then error_path="$path"; fi
  rm -f "$work/proxy.port"
  node bench/lighthouse/cdn-proxy.mjs "$base" $error_path >"$work/proxy.port" &
  proxy_pid=$!
  for _ in $(seq 50); do [ -s "$work/proxy.port" ] && break; sleep 0.1; done
  url="http://127.0.0.1:$(cat "$work/proxy.port")$path"
  # Warm the functions first: a cold JVM on the local stack answers in seconds, and Lighthouse
  # would score this machine's start-up, not the page.
  for _ in 1 2 3; do curl -s -o /dev/null "$url" || true; done
  for run in $(seq "$runs"); do
    report="$work/${short}-${run}.json"
    echo "bench lighthouse: $name $path (run $run of $runs)" >&2
    node "$cli" "$url" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox" >/dev/null 2>"$work/lh.err" || {
        echo "bench lighthouse: lighthouse failed on $path:" >&2
        tail -5 "$work/lh.err" >&2
      }
  done
  kill "$proxy_pid" 2>/dev/null || true
  printf '%s\t%s\n' "$name" "$path" >>"$work/measured.tsv"
done <"$work/urls.tsv"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  cp "$work"/*.json "$keep"/ 2>/dev/null || true
fi

node bench/lighthouse/summarize.mjs "$work" "$runs" "$started" "$load_before" "$load_after" \
  "$(nproc)" "$("$CHROME_PATH" --version 2>/dev/null | head -1)" "$out"
