#!/usr/bin/env bash
# Start or stop the embedded Neo4j 5.26 Community test server.
#
#   tests/neo4j-server/run.sh start   build if needed, start, wait until Bolt is up, then print
#                                     NEO4J_URI=bolt://127.0.0.1:PORT
#                                     NEO4J_PASSWORD=...
#                                     NEO4J_IMPORT_DIR=...   (LOAD CSV root for file:/// URLs)
#   tests/neo4j-server/run.sh stop    stop it and delete its data
#   tests/neo4j-server/run.sh status  print the lines above if it is running, else exit 1
#
# Usage in a shell:  export $(tests/neo4j-server/run.sh start)
#
# Auth is enabled: user neo4j, password $NEO4J_PASSWORD (default "graphbuild-test").
# Environment: NEO4J_PORT (default: a free port), NEO4J_START_TIMEOUT (seconds, default 180).
# The first start downloads Neo4j from Maven Central into ~/.m2; later starts build offline.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PID_FILE="$DIR/server.pid"
LOG="$DIR/server.log"
BUILD_LOG="$DIR/build.log"
JAR="$DIR/target/neo4j-test-server-1.0.jar"
CLASSPATH_FILE="$DIR/target/classpath.txt"
DATA_ROOT="$DIR/data"
PASSWORD="${NEO4J_PASSWORD:-graphbuild-test}"
TIMEOUT="${NEO4J_START_TIMEOUT:-180}"

die() {
    echo "run.sh: $*" >&2
    exit 1
}

running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

needs_build() {
    [[ -f "$JAR" && -f "$CLASSPATH_FILE" ]] || return 0
    [[ -n "$(find "$DIR/pom.xml" "$DIR/src" -newer "$JAR" -type f -print -quit)" ]]
}

build() {
    local goals=(-B -q package dependency:build-classpath "-Dmdep.outputFile=$CLASSPATH_FILE")
    # offline first so a warm ~/.m2 never touches the network; online only if something is missing
    if ! (cd "$DIR" && mvn -o "${goals[@]}") >"$BUILD_LOG" 2>&1; then
        echo "run.sh: offline build failed, resolving from Maven Central (first run?)" >&2
        (cd "$DIR" && mvn "${goals[@]}") >>"$BUILD_LOG" 2>&1 || {
            tail -n 30 "$BUILD_LOG" >&2
            die "maven build failed; full log in $BUILD_LOG"
        }
    fi
}

print_env() {
    grep -E '^NEO4J_URI=' "$LOG" | head -n 1
    echo "NEO4J_PASSWORD=$PASSWORD"
    grep -E '^NEO4J_IMPORT_DIR=' "$LOG" | head -n 1
}

start() {
    if running_pid >/dev/null; then
        grep -q '^NEO4J_URI=' "$LOG" 2>/dev/null || die "a server is starting (pid $(cat "$PID_FILE")); try again"
        print_env
        return 0
    fi
    command -v java >/dev/null || die "java not found: install a JDK 17"
    command -v mvn >/dev/null || die "mvn not found: install Maven 3.8+"
    if needs_build; then
        build
    fi
    mkdir -p "$DATA_ROOT"
    local data
    data="$(mktemp -d "$DATA_ROOT/run.XXXXXX")"
    echo "$data" >"$DATA_ROOT/current"
    rm -f "$LOG"  # so the wait below cannot see the previous run's lines
    NEO4J_DATA_DIR="$data" NEO4J_PASSWORD="$PASSWORD" \
        setsid java -Xmx1g -XX:+UseG1GC -cp "$JAR:$(cat "$CLASSPATH_FILE")" \
        graphbuild.testserver.Launcher >"$LOG" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$PID_FILE"
    local waited=0
    while ! grep -q '^NEO4J_URI=' "$LOG" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$LOG" >&2
            rm -f "$PID_FILE"
            die "the server exited during start-up; log: $LOG"
        fi
        if ((waited >= TIMEOUT * 2)); then
            tail -n 40 "$LOG" >&2
            stop >/dev/null 2>&1 || true
            die "Bolt was not ready after ${TIMEOUT}s; log: $LOG"
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    print_env
}

stop() {
    local pid
    if pid="$(running_pid)"; then
        kill -TERM "$pid"
        for _ in $(seq 1 120); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "run.sh: server $pid ignored SIGTERM for 60s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        echo "stopped neo4j test server (pid $pid)"
    else
        echo "no neo4j test server running"
    fi
    rm -f "$PID_FILE"
    if [[ -f "$DATA_ROOT/current" ]]; then
        rm -rf "$(cat "$DATA_ROOT/current")"
        rm -f "$DATA_ROOT/current"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) running_pid >/dev/null && grep -q '^NEO4J_URI=' "$LOG" && print_env ;;
    *) die "usage: $0 start|stop|status" ;;
esac
