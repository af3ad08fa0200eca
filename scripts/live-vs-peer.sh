#!/usr/bin/env bash
# raut live --pace max on a 640x480 one-face Motion-JPEG clip against the Node + onnxruntime-node
# peer (../shared/peer) on the same frames extracted as JPEGs, in one sitting.
#
#   scripts/live-vs-peer.sh [--runs N] [--frames N] [--out FILE]
#
# Needs target/raut.jar (mvn -B -DskipTests package), the test classes (the clip is made by
# dev.raut.core.camera.LiveBenchmark --write-clip, through Maven), node + npm and the model cache.
# N times (default 5), interleaved: the peer on the clip's 300 frames (front-128, its default,
# --repeat=3) and raut live --source clip.avi --loop --pace max --frames F (default 3000; front
# detector, mini-Xception: the same models as the peer). raut's figure is its own stats line's
# analysisFps (analysed frames over the run's wall time, startup excluded), with its latency p95.
# Medians of N, with the load average; ratios only within this run. Environment as speed-vs-peer.sh.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=5
frames=3000
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --frames) frames=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

jar=${RAUT_JAR:-$root/target/raut.jar}
peer_src=${PEER_SRC:-$root/../shared/peer}
npm_cache=${PEER_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/raut/peer-npm}
raut_java_opts=${RAUT_JAVA_OPTS--XX:TieredStopAtLevel=1}
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 1; }
[ -d "$peer_src" ] || { echo "no peer at $peer_src (set PEER_SRC)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/raut-live-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT
log() { echo "$@" >&2; }
# shellcheck source=scripts/peer-setup.sh
. "$root/scripts/peer-setup.sh"
install_peer

log "making the clip"
(cd "$root" && mvn -q -B -o -Dstyle.color=never -Draut.skipFetch=true test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.raut.core.camera.LiveBenchmark -Dexec.args="--write-clip $work/clip" >&2)
n_frames=$(ls "$work/clip/frames" | wc -l)

declare -A series
add() { series[$1]="${series[$1]:-} $2"; }
stat() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$work/live.jsonl" | tail -1; }

add load "$(load | cut -d' ' -f1)"
for r in $(seq 1 "$runs"); do
  add peer "$(peer_run "$work/clip/frames" --repeat=3)"
  # shellcheck disable=SC2086 # the options are words
  java $raut_java_opts -jar "$jar" live --source "$work/clip/clip.avi" --loop --pace max --frames "$frames" \
    --detector front >"$work/live.jsonl" 2>"$work/live.err"
  add raut "$(stat analysisFps)"; add p95 "$(stat latencyMsP95)"
  add faces "$(grep -c '"box"' "$work/live.jsonl" || true)"
  add load "$(load | cut -d' ' -f1)"
  log "run $r of $runs: load $(load); peer $(echo ${series[peer]} | awk '{print $NF}') photos/s," \
    "raut live $(echo ${series[raut]} | awk '{print $NF}') analysed frames/s"
done

m() { echo "${series[$1]}" | median; }
{
  echo "raut live --pace max vs the Node + onnxruntime-node peer, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), medians of $runs interleaved runs"
  echo "raut JVM options: ${raut_java_opts:-none, the JVM defaults}"
  echo "load average (1 min) at start and after each run: ${series[load]}"
  echo "clip: 640x480, one face, Motion-JPEG, 300 frames; the peer on its $n_frames frames as JPEGs (front-128, --repeat=3);"
  echo "raut live --loop --pace max --frames $frames --detector front (emotion: mini-Xception, Live's default)"
  echo
  printf '%-52s %8.1f\n' "peer photos/s" "$(m peer)"
  printf '%-52s %8.1f  (%.2fx the peer)\n' "raut live analysed frames/s" "$(m raut)" "$(echo "$(m raut) / $(m peer)" | bc -l)"
  printf '%-52s %8.1f\n' "raut live latency p95, ms (max pace: frames queue)" "$(m p95)"
  echo
  echo "runs: peer${series[peer]}; raut${series[raut]}; p95${series[p95]}; faces per run${series[faces]}"
} | tee ${out:+"$out"}
