#!/usr/bin/env bash
# Builds static/widget.js (the one file a page embeds) and static/widget.css from src/ and the
# vendored socket.io client in vendor/. Plain concatenation: no npm needed, except with
# --fetch, which first re-downloads socket.io-client $SOCKET_IO_VERSION from the npm registry
# (to upgrade: change the version, run `./build.sh --fetch`, commit vendor/ and static/).
#   OUT_DIR=/some/dir ./build.sh   writes the build elsewhere (the tests compare it with static/)
set -euo pipefail
cd "$(dirname "$0")"
SOCKET_IO_VERSION=4.8.4
OUT_DIR=${OUT_DIR:-static}

if [ "${1:-}" = "--fetch" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "socket.io-client@$SOCKET_IO_VERSION" >/dev/null \
    && tar xzf "socket.io-client-$SOCKET_IO_VERSION.tgz")
  # The source map is not shipped, so neither is the comment that would make browsers fetch it.
  grep -v '^//# sourceMappingURL=' "$work/package/dist/socket.io.min.js" > vendor/socket.io.min.js
  cp "$work/package/LICENSE" vendor/socket.io-client.LICENSE
fi

mkdir -p "$OUT_DIR"
# UI texts as pure ASCII (\u escapes): the bundle then reads the same on pages in any encoding
# (many municipal sites still use Shift_JIS) and whatever charset a server announces.
texts=$(python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin), ensure_ascii=True))' \
  < src/texts.json)
{
  echo "/*! Chiba resident assistant: website chat widget. Built by connectors/webchat/build.sh; do not edit."
  echo " * Includes socket.io-client $SOCKET_IO_VERSION, under this licence:"
  echo " *"
  awk '{ line = " * " $0; sub(/ +$/, "", line); print line }' vendor/socket.io-client.LICENSE
  echo " */"
  echo "(function () {"
  echo "// socket.io-client's UMD bundle sees a CommonJS module here: it neither sets a global"
  echo "// \`io\` nor calls the host page's AMD \`define\`."
  echo "var module = {exports: {}}, exports = module.exports;"
  cat vendor/socket.io.min.js
  echo "var io = module.exports;"
  echo "var TEXTS = $texts;"
  cat src/widget.js
  echo "})();"
} > "$OUT_DIR/widget.js"
cp src/widget.css "$OUT_DIR/widget.css"
