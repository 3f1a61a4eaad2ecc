#!/usr/bin/env bash
# Executes every notebook headless (npm run notebooks); a failing cell fails the run. Each
# executed copy goes to results/notebooks/<name>.ipynb and is exported to <name>.html, which
# must keep every chart the notebook drew (each image/svg+xml output as an inline <svg>).
# Needs: Debian's jupyter-nbconvert, python3-nbclient, python3-ipykernel; the `deno` binary
# (npm devDependency "deno", or on PATH). The notebooks import the package "rtolab" (dist/, via
# package.json "exports"), so dist/ is built first when it is missing or older than src/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
export PATH="$repo/node_modules/.bin:$PATH"
command -v deno >/dev/null || { echo "notebooks: deno not found (npm install --save-dev deno)" >&2; exit 2; }
command -v jupyter >/dev/null || { echo "notebooks: jupyter not found (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)" >&2; exit 2; }
# Deno's Jupyter kernel, installed for this user once.
if ! jupyter kernelspec list 2>/dev/null | grep -q '^\s*deno\s' && [ ! -d "${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels/deno" ]; then
  deno jupyter --install >/dev/null
fi
if [ ! -f "$repo/dist/index.js" ] || [ -n "$(find "$repo/src" -newer "$repo/dist/index.js" -print -quit)" ]; then
  echo "notebooks: building dist/ (npm run build): the notebooks import rtolab from it"
  (cd "$repo" && npm run build >/dev/null)
fi
out="$repo/results/notebooks"
mkdir -p "$out"
status=0
for notebook in "$here"/*.ipynb; do
  echo "notebooks: $(basename "$notebook")"
  # --execute stops at the first failing cell and exits non-zero.
  (cd "$here" && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=deno \
    --ExecutePreprocessor.timeout=900 --output-dir "$out" "$notebook") || { status=1; continue; }
  executed="$out/$(basename "$notebook")"
  jupyter nbconvert --to html --log-level WARN --output-dir "$out" "$executed" || { status=1; continue; }
  python3 "$here/check_html.py" "$executed" "${executed%.ipynb}.html" || status=1
done
exit $status
