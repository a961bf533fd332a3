#!/usr/bin/env bash
# Long fuzzing of the store's readers with AFL++ and SharpFuzz (see docs/reliability.md).
#
#   tests/Aot.Storage.Fuzz/fuzz.sh [target|all] [seconds per target]
#
# Needs afl++ (apt-get install afl++) and the SharpFuzz.CommandLine dotnet tool (installed here if missing).
# Output under $AOT_STORAGE_FUZZ_OUT (default artifacts/fuzz): the instrumented build, the seeds (golden files
# plus tests/Aot.Storage.Fuzz/corpus/<target>/), and afl-fuzz's findings per target. Exits 1 if any target has
# a crash or a hang.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${1:-all}"
seconds="${2:-60}"
out="${AOT_STORAGE_FUZZ_OUT:-$repo/artifacts/fuzz}"
golden="$repo/tests/Aot.Storage.Tests/TestVectors/golden"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null

# Build once, then instrument the library (only Aot.Storage.dll: the code under test).
if [ ! -f "$out/bin/.instrumented" ]; then
  rm -rf "$out/bin"
  dotnet publish "$here/Aot.Storage.Fuzz.csproj" -c Release -o "$out/bin" --nologo -v quiet
  sharpfuzz "$out/bin/Aot.Storage.dll"
  touch "$out/bin/.instrumented"
fi

harness="$out/bin/Aot.Storage.Fuzz.dll"
if [ "$target" = all ]; then
  mapfile -t targets < <(dotnet "$harness" list)
else
  targets=("$target")
fi

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export DOTNET_EnableDiagnostics=0 DOTNET_TieredPGO=0
status=0
for t in "${targets[@]}"; do
  seeds="$out/seeds/$t"
  rm -rf "$seeds"
  dotnet "$harness" seeds "$t" "$golden" "$seeds"
  if [ -d "$here/corpus/$t" ]; then cp "$here/corpus/$t"/* "$seeds/"; fi
  findings="$out/findings/$t"
  rm -rf "$findings"
  mkdir -p "$out/findings"
  echo "== $t: $(ls "$seeds" | wc -l) seeds, ${seconds}s"
  afl-fuzz -V "$seconds" -i "$seeds" -o "$findings" -x "$here/json.dict" -t 5000 -m none -- dotnet "$harness" "$t" >"$out/afl-$t.log" 2>&1 || true
  stats="$findings/default/fuzzer_stats"
  if [ -f "$stats" ]; then
    grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time) ' "$stats" | tr -s ' ' | paste -sd ' '
  else
    echo "afl-fuzz did not start; see $out/afl-$t.log" >&2
    status=1
    continue
  fi
  crashes=$(find "$findings/default/crashes" "$findings/default/hangs" -type f ! -name README.txt 2>/dev/null | wc -l)
  if [ "$crashes" -gt 0 ]; then
    echo "$t: $crashes crashing or hanging inputs in $findings/default/{crashes,hangs}; replay: dotnet $harness replay $t <file>" >&2
    status=1
  fi
done
exit $status
