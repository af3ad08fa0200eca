#!/usr/bin/env bash
# raut analyze (faces + emotions) against the Node + onnxruntime-node peer (../shared/peer), in one sitting.
#
#   scripts/speed-vs-peer.sh [--runs N] [--no-engine] [--out FILE]
#
# Needs target/raut.jar (mvn -B -DskipTests package), node + npm, and the model cache (raut models fetch).
# The peer is copied to a temporary folder, installed with `npm ci` and prepared with its ./prepare.sh.
# Then, N times (default 5), interleaved so that a change in the machine's load hits every side alike:
#   the peer on the six 1920-px samples (--detector=back --repeat=5) and on the 766 dev faces (front-128),
#   raut analyze on the same photos (a folder of links that repeats them, so startup is amortised), with
#   --emotion-model mini-xception (the peer's model: the like-for-like ratio) and with the default (blend),
#   plus a one-photo raut run to subtract startup.
# raut's photos/s are given two ways: (T(all) - T(one photo)) / (photos - 1), and the steady state the
# CLI logs (BatchAnalyzer's debug line: startup and the first 10% of results left out). Medians of N.
# Last, the engine's own benchmark (AnalyzeBenchmark, through Maven) on the same photos, unless --no-engine.
# Every figure is printed with the load average, and ratios are only ever taken within this run.
# Environment: RAUT_JAR, PEER_SRC (default ../shared/peer), DEV_IMAGES (default
# ../shared/data/faces-emotion-dev/images), PEER_NPM_CACHE (a folder of the peer's npm pack tarballs,
# default ~/.cache/raut/peer-npm, filled on first use), SAMPLE_LINKS (photos in the samples folder, 300),
# DEV_COPIES (times the dev faces are listed, 2), RAUT_JAVA_OPTS (raut's JVM options; default those of
# the installed raut-cli launcher, -XX:TieredStopAtLevel=1; set it empty for the JVM's defaults).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=5
engine=1
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --no-engine) engine=0; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

jar=${RAUT_JAR:-$root/target/raut.jar}
peer_src=${PEER_SRC:-$root/../shared/peer}
dev=${DEV_IMAGES:-$root/../shared/data/faces-emotion-dev/images}
npm_cache=${PEER_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/raut/peer-npm}
sample_links=${SAMPLE_LINKS:-300}
# the JVM options of the installed command-line launcher (installer/raut-cli.properties)
raut_java_opts=${RAUT_JAVA_OPTS--XX:TieredStopAtLevel=1}
dev_copies=${DEV_COPIES:-2}
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 1; }
[ -d "$peer_src" ] || { echo "no peer at $peer_src (set PEER_SRC)" >&2; exit 1; }
[ -d "$dev" ] || { echo "no dev faces at $dev (set DEV_IMAGES)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/raut-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT
log() { echo "$@" >&2; }
# shellcheck source=scripts/peer-setup.sh
. "$root/scripts/peer-setup.sh"
install_peer
samples="$work/peer/samples"

# raut's inputs: the six samples repeated as links (sorted names keep the six in turn), the dev faces N times
mkdir -p "$work/s" "$work/d" "$work/one"
for i in $(seq -w 1 $(( (sample_links + 5) / 6 ))); do
  for f in "$samples"/*.jpg; do ln -s "$f" "$work/s/$i-$(basename "$f")"; done
done
for c in $(seq 1 "$dev_copies"); do
  for f in "$dev"/*; do ln -s "$f" "$work/d/$c-$(basename "$f")"; done
done
ln -s "$samples/sample1.jpg" "$work/one/sample1.jpg"
n_s=$(ls "$work/s" | wc -l)
n_d=$(ls "$work/d" | wc -l)

# one raut run: prints "seconds steady-per-second faces"
raut_run() {
  local folder=$1; shift
  local start end
  start=$(date +%s.%N)
  # shellcheck disable=SC2086 # the options are words
  java $raut_java_opts -Dorg.slf4j.simpleLogger.log.dev.raut.core.analysis.BatchAnalyzer=debug -jar "$jar" analyze "$folder" "$@" \
    >"$work/out.jsonl" 2>"$work/err.txt"
  end=$(date +%s.%N)
  local steady faces
  steady=$(sed -n 's/.*steady state \([0-9.NaN]*\) per second.*/\1/p' "$work/err.txt" | tail -1)
  faces=$(grep -o '"box"' "$work/out.jsonl" | wc -l)
  echo "$(echo "$end - $start" | bc -l) ${steady:-NaN} $faces"
}

declare -A series
add() { series[$1]="${series[$1]:-} $2"; }
rate() { echo "($2 - 1) / ($1 - $3)" | bc -l; }   # rate SECONDS_ALL PHOTOS SECONDS_ONE

log "load average at start: $(load)"
add load "$(load | cut -d' ' -f1)"
for r in $(seq 1 "$runs"); do
  p=$(peer_run samples --repeat=5 --detector=back); add peer_s "$p"
  read -r t_one _ _ < <(raut_run "$work/one" --emotion-model mini-xception)
  read -r t st faces_mini < <(raut_run "$work/s" --emotion-model mini-xception)
  add mini_s "$(rate "$t" "$n_s" "$t_one")"; add mini_s_steady "$st"
  read -r t_one_b _ _ < <(raut_run "$work/one")
  read -r t st faces_def < <(raut_run "$work/s")
  add def_s "$(rate "$t" "$n_s" "$t_one_b")"; add def_s_steady "$st"
  p=$(peer_run "$dev"); add peer_d "$p"
  read -r t st _ < <(raut_run "$work/d" --emotion-model mini-xception)
  add mini_d "$(rate "$t" "$n_d" "$t_one")"; add mini_d_steady "$st"
  read -r t st _ < <(raut_run "$work/d")
  add def_d "$(rate "$t" "$n_d" "$t_one_b")"; add def_d_steady "$st"
  add load "$(load | cut -d' ' -f1)"
  log "run $r of $runs: load $(load); peer samples $(echo ${series[peer_s]} | awk '{print $NF}') photos/s," \
    "raut mini $(echo ${series[mini_s]} | awk '{printf "%.1f", $NF}'), dev: peer $(echo ${series[peer_d]} | awk '{print $NF}')," \
    "raut mini $(echo ${series[mini_d]} | awk '{printf "%.1f", $NF}')"
done

m() { echo "${series[$1]}" | median; }
ratio() { echo "$1 / $2" | bc -l; }

report() {
  echo "raut analyze vs the Node + onnxruntime-node peer, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores,"
  echo "raut JVM options: ${raut_java_opts:-none, the JVM defaults}"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), medians of $runs interleaved runs"
  echo "load average (1 min) at start and after each run: ${series[load]}"
  echo "samples: the six 1920-px photos ($n_s links for raut; the peer --detector=back --repeat=5);"
  echo "dev: faces-emotion-dev ($n_d links for raut, the 766 photos ${dev_copies}x; the peer front-128)"
  echo "raut faces on the samples: $faces_mini with mini-xception, $faces_def with the default (22 per 6 photos expected: $((n_s * 22 / 6)))"
  echo
  printf '%-62s %14s %14s\n' "photos/s (median; ratio to the peer)" "samples" "dev faces"
  printf '%-62s %14.1f %14.1f\n' "peer (one process, intra-op threads = cores)" "$(m peer_s)" "$(m peer_d)"
  for v in mini def; do
    label=$([ $v = mini ] && echo "--emotion-model mini-xception" || echo "default (blend)")
    for kind in "" _steady; do
      what=$([ -z "$kind" ] && echo "(T - T1)/(N-1)" || echo "steady state")
      s=$(m ${v}_s$kind); d=$(m ${v}_d$kind)
      printf '%-62s %7.1f %5.2fx %7.1f %5.2fx\n' "raut analyze $label, $what" "$s" "$(ratio "$s" "$(m peer_s)")" \
        "$d" "$(ratio "$d" "$(m peer_d)")"
    done
  done
  echo
  echo "median of the per-run ratios (each raut run beside the peer run of the same round):"
  for k in mini_s mini_s_steady def_s def_s_steady mini_d mini_d_steady def_d def_d_steady; do
    case $k in *_d|*_d_steady) peer=peer_d ;; *) peer=peer_s ;; esac
    printf '  %-14s %5.2fx\n' "$k" "$(paste -d' ' <(echo ${series[$k]} | tr ' ' '\n') <(echo ${series[$peer]} | tr ' ' '\n') \
      | awk '{printf "%f ", $1 / $2}' | median)"
  done
  echo
  echo "runs (photos/s):"
  for k in peer_s mini_s mini_s_steady def_s def_s_steady peer_d mini_d mini_d_steady def_d def_d_steady; do
    printf '  %-14s' "$k"; for v in ${series[$k]}; do printf ' %7.1f' "$v"; done; echo
  done
}

engine_report() {
  echo
  echo "engine benchmark (AnalyzeBenchmark, in-process, all cores, medians of 5 runs), load $(load):"
  for set in samples dev; do
    folder=$([ $set = samples ] && echo "$samples" || echo "$dev")
    for model in mini-xception blend; do
      echo "  $set, $model:"
      (cd "$root" && mvn -q -B -o -Dstyle.color=never -Draut.skipFetch=true test-compile exec:java -Dexec.classpathScope=test \
        -Dexec.mainClass=dev.raut.bench.AnalyzeBenchmark -Dexec.args="$folder --emotion-model $model" 2>/dev/null) \
        | sed 's/\x1b\[[0-9;]*m//g' | grep -v '^\s*$' | sed 's/^/    /'
      echo "    (load $(load))"
    done
  done
}

{
  report
  if [ "$engine" = 1 ]; then engine_report; fi
} | tee ${out:+"$out"}
