#!/usr/bin/env bash
# Start REAL local servers for integration tests and development:
#   kafka    Apache Kafka 4.x, single KRaft node (broker + controller in one JVM)
#   dynamodb DynamoDB Local 3.x, in memory
#   s3       S3Proxy 4.x, filesystem backend
#
# Usage: scripts/stack/up.sh [--only kafka,dynamodb,s3] [--owner-pid PID]
#
#   --only       start only these servers (default: all three)
#   --owner-pid  stop the whole stack (scripts/stack/down.sh) as soon as process PID exits; the
#                jest wrapper passes its own PID so a crashed or killed test run leaves no JVMs
#
# Environment:
#   TXGRAPH_STACK_DIR    run dir: configs, data, logs, PIDs, stack.env (default <repo>/.stack)
#   TXGRAPH_STACK_CACHE  downloaded jars (default ~/.cache/txgraph-stack); Maven also uses ~/.m2
#   TXGRAPH_STACK_KAFKA_VERSION / _DYNAMODB_VERSION / _S3PROXY_VERSION  override pom.xml versions
#   TXGRAPH_STACK_KAFKA_AUTO_CREATE  auto.create.topics.enable (default false, see below)
#   TXGRAPH_STACK_JAVA_OPTS          extra JVM options for all three servers
#
# Every server listens on 127.0.0.1 only, on ports picked free at first start. Running up.sh again
# on the same run dir starts only what is not running, on the SAME ports and data (that is how the
# jest wrapper restarts Kafka for outage tests). Output: <run dir>/stack.env (shell syntax).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/pom.xml"
CACHE_DIR="${TXGRAPH_STACK_CACHE:-$HOME/.cache/txgraph-stack}"
RUN_DIR="${TXGRAPH_STACK_DIR:-$REPO_DIR/.stack}"
HOST=127.0.0.1
S3_BUCKET=txgraph-test
ALL_SERVERS=(kafka dynamodb s3)

log() { printf '[stack] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
now_ms() { date +%s%3N; }
secs_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# ---------------------------------------------------------------------------------------------
# Arguments
ONLY="kafka,dynamodb,s3"
OWNER_PID=""
while (($#)); do
  case "$1" in
    --only) ONLY="${2:?--only needs a list}"; shift 2 ;;
    --only=*) ONLY="${1#--only=}"; shift ;;
    --owner-pid) OWNER_PID="${2:?--owner-pid needs a PID}"; shift 2 ;;
    -h | --help) usage 0 ;;
    *) log "unknown argument: $1"; usage 64 ;;
  esac
done
SERVERS=()
IFS=',' read -r -a requested <<<"$ONLY"
for s in "${requested[@]}"; do
  case "$s" in
    kafka | dynamodb | s3) SERVERS+=("$s") ;;
    '') ;;
    *) die "unknown server '$s' (expected kafka, dynamodb, s3)" ;;
  esac
done
((${#SERVERS[@]})) || die "--only selected no server"
wants() { [[ " ${SERVERS[*]} " == *" $1 "* ]]; }

command -v java >/dev/null || die "java (17+) is required"
command -v python3 >/dev/null || die "python3 is required"
if wants kafka; then
  command -v node >/dev/null || die "node is required (Kafka readiness probe uses kafkajs)"
  [[ -d "$REPO_DIR/node_modules/kafkajs" ]] || die "node_modules/kafkajs missing: run npm ci first"
fi

# Versions: pom.xml is the source of truth, environment variables override it.
pom_prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$POM" | head -n 1; }
KAFKA_VERSION="${TXGRAPH_STACK_KAFKA_VERSION:-$(pom_prop kafka.version)}"
DYNAMODB_VERSION="${TXGRAPH_STACK_DYNAMODB_VERSION:-$(pom_prop dynamodblocal.version)}"
S3PROXY_VERSION="${TXGRAPH_STACK_S3PROXY_VERSION:-$(pom_prop s3proxy.version)}"

mkdir -p "$CACHE_DIR" "$RUN_DIR"
RUN_DIR="$(cd "$RUN_DIR" && pwd)" # absolute: it ends up in configs and JVM command lines

# Common JVM options. -Dtxgraph.stack.dir tags each JVM with its run dir so down.sh can tell our
# process from an unrelated one that got a recycled PID.
# Start-up speed matters more than peak throughput here (2 shared cores, a fresh broker per jest
# run, restarts in outage tests): C1-only JIT (-XX:TieredStopAtLevel=1) measured 4-6 s to a ready
# Kafka vs 10-14 s with C2 on a loaded machine, and the serial collector keeps GC threads and RSS
# down. TXGRAPH_STACK_JAVA_OPTS comes last, so it can override any of these (the last flag wins),
# e.g. TXGRAPH_STACK_JAVA_OPTS='-XX:TieredStopAtLevel=4 -XX:+UseG1GC -Xmx1g' for a benchmark.
# shellcheck disable=SC2206 # word splitting of TXGRAPH_STACK_JAVA_OPTS is intended
JAVA_COMMON=(-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true "-Dtxgraph.stack.dir=$RUN_DIR"
  ${TXGRAPH_STACK_JAVA_OPTS:-})

# ---------------------------------------------------------------------------------------------
# Download (once): one flat lib dir per server, since their dependency trees clash (Jetty,
# Jackson, Guava, Log4j, SLF4J versions). A lib dir counts as complete only when its .complete
# marker exists; the marker is written last, after every post-processing step succeeded.
lib_dir() {
  case "$1" in
    kafka) echo "$CACHE_DIR/lib-kafka-$KAFKA_VERSION" ;;
    dynamodb) echo "$CACHE_DIR/lib-dynamodb-$DYNAMODB_VERSION" ;;
    s3) echo "$CACHE_DIR/lib-s3proxy-$S3PROXY_VERSION" ;;
  esac
}

# The marker holds a hash of pom.xml and the launcher source: editing the POM (say, a new
# dependency pin) re-resolves, which is quick once ~/.m2 has the jars.
POM_KEY="$(cat "$POM" "$SCRIPT_DIR/DynamoDBLocalLoopback.java" | sha256sum | cut -d' ' -f1)"

prepare() {
  local name="$1" dir tmp t0
  dir="$(lib_dir "$name")"
  [[ "$(head -n 1 "$dir/.complete" 2>/dev/null)" == "$POM_KEY" ]] && return 0
  t0="$(now_ms)"
  tmp="$dir.tmp.$$"
  rm -rf "$tmp"
  log "$name: resolving jars with Maven into $dir (first run only)"
  if ! mvn -q -B -f "$POM" -P "$name" \
    "-Dkafka.version=$KAFKA_VERSION" "-Ddynamodblocal.version=$DYNAMODB_VERSION" \
    "-Ds3proxy.version=$S3PROXY_VERSION" \
    dependency:copy-dependencies "-DoutputDirectory=$tmp/lib" >"$CACHE_DIR/mvn-$name.log" 2>&1; then
    tail -n 30 "$CACHE_DIR/mvn-$name.log" >&2
    rm -rf "$tmp"
    die "$name: Maven could not resolve the artifacts (full log: $CACHE_DIR/mvn-$name.log)"
  fi
  if [[ "$name" == dynamodb ]]; then
    prepare_dynamodb_extras "$tmp"
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir"
  printf '%s\nresolved %s in %ss\n' "$POM_KEY" "$(date -u +%FT%TZ)" "$(secs_since "$t0")" >"$dir/.complete"
  log "$name: jars ready in $(secs_since "$t0")s"
}

prepare_dynamodb_extras() {
  local dir="$1" so
  # sqlite4java loads libsqlite4java-linux-amd64.so from java.library.path; Maven names the
  # native artifact libsqlite4java-linux-amd64-<version>.so, so copy it under the expected name.
  # (DynamoDB Local 3.x also carries a copy inside its jar; the explicit path makes the choice
  # deterministic and matches what the AWS docs describe.)
  so="$(find "$dir/lib" -maxdepth 1 -name 'libsqlite4java-linux-amd64-*.so' | head -n 1)"
  [[ -n "$so" ]] || die "dynamodb: libsqlite4java-linux-amd64 .so not among the resolved artifacts"
  mkdir -p "$dir/native"
  cp "$so" "$dir/native/libsqlite4java-linux-amd64.so"
  # DynamoDB Local has no bind-address option; this launcher binds its Jetty connector to
  # 127.0.0.1 (see DynamoDBLocalLoopback.java). Compiled once here with the JDK's javac.
  command -v javac >/dev/null || die "dynamodb: javac (JDK 17) is required to build the loopback launcher"
  mkdir -p "$dir/launcher"
  javac -nowarn -d "$dir/launcher" -cp "$dir/lib/*" "$SCRIPT_DIR/DynamoDBLocalLoopback.java"
}

# ---------------------------------------------------------------------------------------------
# Process helpers
free_port() { python3 "$SCRIPT_DIR/probe.py" free-port; }

# True if the PID file names a live JVM of THIS run dir.
running() {
  local pidfile="$RUN_DIR/$1/pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "-Dtxgraph.stack.dir=$RUN_DIR"
}

# launch NAME CMD...: run CMD detached (own session, so a Ctrl-C or SIGHUP aimed at the caller does
# not hit it), stdout+stderr to <run>/<name>/server.log, PID to <run>/<name>/pid. The PID is
# written by the process itself right before it execs the JVM, so it is the JVM's PID.
launch() {
  local name="$1" d="$RUN_DIR/$1"
  shift
  rm -f "$d/pid"
  echo "=== $(date -u +%FT%TZ) starting: $*" >>"$d/server.log"
  (
    cd "$d"
    # shellcheck disable=SC2016 # $$ and $@ are expanded by the inner bash
    exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$d/pid" "$@" >>"$d/server.log" 2>&1 </dev/null
  ) &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$d/pid" ]] && return 0
    sleep 0.05
  done
  die "$name: process did not start"
}

# ---------------------------------------------------------------------------------------------
# Kafka
start_kafka() {
  local d="$RUN_DIR/kafka" lib port cport cid
  lib="$(lib_dir kafka)/lib"
  mkdir -p "$d/data" "$d/logs"
  # Ports are chosen once per run dir and reused on restart, so clients reconnect to the same
  # address after an outage test restarts the broker.
  if [[ ! -f "$d/ports" ]]; then
    printf 'KAFKA_PORT=%s\nKAFKA_CONTROLLER_PORT=%s\n' "$(free_port)" "$(free_port)" >"$d/ports"
  fi
  # shellcheck source=/dev/null
  source "$d/ports"
  port="$KAFKA_PORT"
  cport="$KAFKA_CONTROLLER_PORT"

  cat >"$d/server.properties" <<EOF
# Generated by scripts/stack/up.sh: single-node KRaft (broker + controller), loopback only.
process.roles=broker,controller
node.id=1
# Dynamic quorum (KIP-853, Kafka 4.x): bootstrap servers + 'format --standalone'.
controller.quorum.bootstrap.servers=$HOST:$cport
listeners=PLAINTEXT://$HOST:$port,CONTROLLER://$HOST:$cport
advertised.listeners=PLAINTEXT://$HOST:$port,CONTROLLER://$HOST:$cport
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$d/data

# One broker: every replication factor and min ISR is 1.
num.partitions=4
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Internal topics are created on first use; 4 partitions instead of 50 make that (and the first
# consumer-group join in every test run) take well under a second.
offsets.topic.num.partitions=4
transaction.state.log.num.partitions=4
# Consumers in tests join at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
# Topics must be created explicitly (admin.createTopics), as in production: a typo in a topic
# name fails fast in tests instead of silently creating a new topic. Override with
# TXGRAPH_STACK_KAFKA_AUTO_CREATE=true.
auto.create.topics.enable=${TXGRAPH_STACK_KAFKA_AUTO_CREATE:-false}
delete.topic.enable=true
# Lower memory: the log cleaner (compacted __consumer_offsets) allocates 128 MiB by default.
log.cleaner.dedupe.buffer.size=16777216
# Start-up: the broker moves STARTING -> RECOVERY -> RUNNING on heartbeat responses, every 2 s by
# default; 500 ms saves a few seconds per (re)start.
broker.heartbeat.interval.ms=500
# After a crash (down.sh --hard), the restarted controller first waits for the dead incarnation's
# session to expire before the broker may serve: 9 s by default. 4 s still tolerates 3.5 s stalls
# of a starved JVM on a busy 2-core box without fencing the broker mid-test.
broker.session.timeout.ms=4000
# 2-core machine: fewer threads than the defaults (3 network, 8 I/O).
num.network.threads=2
num.io.threads=4
EOF

  cat >"$d/log4j2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/stack/up.sh: WARN and above to kafka.log in this directory. -->
<Configuration status="WARN">
  <Appenders>
    <File name="file" fileName="$d/kafka.log" append="true">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Root level="WARN"><AppenderRef ref="file"/></Root>
  </Loggers>
</Configuration>
EOF

  local jvm=("${JAVA_COMMON[@]}" "-Dlog4j2.configurationFile=$d/log4j2.xml" "-Dkafka.logs.dir=$d/logs"
    -cp "$lib/*")
  if [[ ! -f "$d/data/meta.properties" ]]; then
    # Kafka cluster id = 16 random bytes, URL-safe base64 without padding (what
    # 'StorageTool random-uuid' prints); generated here to save one JVM start.
    cid="$(python3 -c 'import base64, os
while True:
    s = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")
    if not s.startswith("-"):
        print(s); break')"
    java "${jvm[@]}" kafka.tools.StorageTool format --standalone --cluster-id "$cid" \
      --config "$d/server.properties" >>"$d/format.log" 2>&1 ||
      {
        cat "$d/format.log" >&2
        die "kafka: storage format failed"
      }
  fi
  launch kafka java "${jvm[@]}" kafka.Kafka "$d/server.properties"
  printf 'KAFKA_BROKERS=%s:%s\n' "$HOST" "$port" >"$d/env"
}

wait_kafka() {
  PROBE_PID="$(cat "$RUN_DIR/kafka/pid")" node "$SCRIPT_DIR/wait-kafka.mjs" "$HOST:$KAFKA_PORT" 120
}

# ---------------------------------------------------------------------------------------------
# DynamoDB Local
start_dynamodb() {
  local d="$RUN_DIR/dynamodb" dir port
  dir="$(lib_dir dynamodb)"
  mkdir -p "$d"
  [[ -f "$d/ports" ]] || printf 'DYNAMODB_PORT=%s\n' "$(free_port)" >"$d/ports"
  # shellcheck source=/dev/null
  source "$d/ports"
  port="$DYNAMODB_PORT"
  # -inMemory: tests create their own tables; nothing survives a restart.
  # -sharedDb: one database whatever the access key / region of the client.
  # -disableTelemetry: DynamoDB Local otherwise reports usage to AWS (non-loopback traffic).
  DDB_LOCAL_TELEMETRY=0 launch dynamodb java "${JAVA_COMMON[@]}" \
    "-Djava.library.path=$dir/native" "-Dsqlite4java.library.path=$dir/native" \
    -cp "$dir/lib/*:$dir/launcher" DynamoDBLocalLoopback "$HOST" \
    -inMemory -sharedDb -disableTelemetry -port "$port"
  printf 'DYNAMODB_ENDPOINT=http://%s:%s\n' "$HOST" "$port" >"$d/env"
}

wait_dynamodb() {
  PROBE_PID="$(cat "$RUN_DIR/dynamodb/pid")" \
    python3 "$SCRIPT_DIR/probe.py" wait-dynamodb "http://$HOST:$DYNAMODB_PORT" 60
}

# ---------------------------------------------------------------------------------------------
# S3Proxy
start_s3() {
  local d="$RUN_DIR/s3" lib port
  lib="$(lib_dir s3)/lib"
  mkdir -p "$d/data"
  [[ -f "$d/ports" ]] || printf 'S3_PORT=%s\n' "$(free_port)" >"$d/ports"
  # shellcheck source=/dev/null
  source "$d/ports"
  port="$S3_PORT"
  cat >"$d/s3proxy.properties" <<EOF
# Generated by scripts/stack/up.sh. Objects are plain files under data/<bucket>/.
s3proxy.endpoint=http://$HOST:$port
# No signature checks: clients may sign with any key (tests use local/local).
s3proxy.authorization=none
jclouds.provider=filesystem
jclouds.filesystem.basedir=$d/data
# Not used for authorization=none, but S3Proxy insists on them.
jclouds.identity=local
jclouds.credential=local
EOF
  cat >"$d/logback.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/stack/up.sh: WARN and above to stdout (server.log). -->
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>[%d] %level %msg \(%logger\)%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
EOF
  launch s3 java "${JAVA_COMMON[@]}" "-Dlogback.configurationFile=$d/logback.xml" \
    -cp "$lib/*" org.gaul.s3proxy.Main --properties "$d/s3proxy.properties"
  printf 'S3_ENDPOINT=http://%s:%s\nS3_BUCKET=%s\n' "$HOST" "$port" "$S3_BUCKET" >"$d/env"
}

wait_s3() {
  local url="http://$HOST:$S3_PORT"
  PROBE_PID="$(cat "$RUN_DIR/s3/pid")" python3 "$SCRIPT_DIR/probe.py" wait-s3 "$url" 60 &&
    python3 "$SCRIPT_DIR/probe.py" s3-create-bucket "$url" "$S3_BUCKET"
}

# ---------------------------------------------------------------------------------------------
# Main
exec 9>"$CACHE_DIR/.lock"
flock 9 # two up.sh runs at once must not download into the same cache dir
for s in "${SERVERS[@]}"; do prepare "$s"; done
flock -u 9

STARTED=()
on_exit() {
  local rc=$?
  if ((rc != 0)) && ((${#STARTED[@]})); then
    local IFS=,
    log "start-up failed: stopping ${STARTED[*]}"
    TXGRAPH_STACK_DIR="$RUN_DIR" "$SCRIPT_DIR/down.sh" --only "${STARTED[*]}" >&2 || true
  fi
}
trap on_exit EXIT

declare -A T0
for s in "${SERVERS[@]}"; do
  if running "$s"; then
    log "$s: already running (pid $(cat "$RUN_DIR/$s/pid"))"
    # shellcheck source=/dev/null
    source "$RUN_DIR/$s/ports"
    continue
  fi
  T0[$s]="$(now_ms)"
  "start_$s"
  STARTED+=("$s")
done

# Wait for all started servers in parallel; each wait is bounded by its own timeout.
declare -A WAITPID
for s in "${STARTED[@]}"; do
  (
    if "wait_$s" >"$RUN_DIR/$s/wait.log" 2>&1; then
      log "$s: ready in $(secs_since "${T0[$s]}")s (pid $(cat "$RUN_DIR/$s/pid"))"
    else
      exit 1
    fi
  ) &
  WAITPID[$s]=$!
done
failed=()
for s in "${STARTED[@]}"; do
  wait "${WAITPID[$s]}" || failed+=("$s")
done
if ((${#failed[@]})); then
  for s in "${failed[@]}"; do
    log "$s: not ready: $(tail -n 3 "$RUN_DIR/$s/wait.log" 2>/dev/null | tr '\n' ' ')"
    log "$s: last lines of $RUN_DIR/$s/server.log:"
    tail -n 20 "$RUN_DIR/$s/server.log" >&2 || true
    [[ -f "$RUN_DIR/$s/kafka.log" ]] && tail -n 20 "$RUN_DIR/$s/kafka.log" >&2
  done
  exit 1
fi

# stack.env: every server whose env fragment exists in this run dir (so a later
# 'up.sh --only kafka' restart does not drop the DynamoDB/S3 lines).
{
  echo "# Generated by scripts/stack/up.sh at $(date -u +%FT%TZ); source it or read it."
  for s in "${ALL_SERVERS[@]}"; do
    [[ -f "$RUN_DIR/$s/env" ]] && running "$s" && cat "$RUN_DIR/$s/env"
  done
  echo "AWS_REGION=us-east-1"
  echo "AWS_ACCESS_KEY_ID=local"
  echo "AWS_SECRET_ACCESS_KEY=local"
} >"$RUN_DIR/stack.env.tmp"
mv "$RUN_DIR/stack.env.tmp" "$RUN_DIR/stack.env"

if [[ -n "$OWNER_PID" ]]; then
  if [[ -f "$RUN_DIR/watchdog.pid" ]] && kill -0 "$(cat "$RUN_DIR/watchdog.pid")" 2>/dev/null; then
    : # already watching (e.g. a Kafka restart during an outage test)
  else
    (
      exec setsid "$SCRIPT_DIR/watchdog.sh" "$OWNER_PID" "$RUN_DIR" \
        >>"$RUN_DIR/watchdog.log" 2>&1 </dev/null
    ) &
    echo $! >"$RUN_DIR/watchdog.pid"
  fi
fi

trap - EXIT
log "stack up; environment in $RUN_DIR/stack.env:"
cat "$RUN_DIR/stack.env"
