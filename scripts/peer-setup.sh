# Sourced by the *-vs-peer.sh scripts: copies the Node + onnxruntime-node peer into $work/peer,
# installs it (npm ci, from the npm pack cache when it has the tarballs) and prepares its models.
# Needs: work, peer_src, npm_cache, log().
install_peer() {
  log "peer: copying $peer_src and installing it in $work/peer"
  cp -r "$peer_src" "$work/peer"
  chmod -R u+w "$work/peer"
  mkdir -p "$work/peer/.cache" "$npm_cache"
  cp "$npm_cache"/*.tgz "$work/peer/.cache/" 2>/dev/null || true
  (cd "$work/peer" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2 && ./prepare.sh >&2)
  cp "$work/peer/.cache"/*.tgz "$npm_cache/" 2>/dev/null || true
}

# the peer's summary line: images/s
peer_run() {
  (cd "$work/peer" && node peer-ort.js "$@" --quiet | tail -1) | sed -n 's/.*"imagesPerSec":\([0-9.]*\).*/\1/p'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "NaN"; else print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
