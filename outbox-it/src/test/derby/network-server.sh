#!/usr/bin/env bash
# -Dit.schema on Derby (outbox-it/pom.xml): a Derby Network Server on 127.0.0.1:<port>, so that the
# Maven plugins of Flyway and Liquibase and the fixture SQL reach, through Derby's network client,
# the database that the Liberty test server then opens embedded. start deletes the database folder
# (the test database starts empty, as PostgreSQL's is dropped and created), starts the server and
# waits until it answers; stop shuts it down and waits for its process to end, which releases the
# database before Liberty opens it. A watcher shuts the server down also when the Maven process that
# ran start ends first (a failed build stops before stop).
#   network-server.sh start <java> <lib dir> <port> <database dir> <work dir>
#   network-server.sh stop  <java> <lib dir> <port> <database dir> <work dir>
set -euo pipefail
action=$1
java=$2
lib=$3
port=$4
database=$5
work=$6
classpath="$lib/derbynet.jar:$lib/derby.jar:$lib/derbyshared.jar:$lib/derbytools.jar"
control() {
  "$java" -cp "$classpath" org.apache.derby.drda.NetworkServerControl "$@" -h 127.0.0.1 -p "$port"
}
case $action in
  start)
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "network-server.sh: port $port is taken (-Dit.derby.port=<another>, or a server left" \
        "behind: network-server.sh stop ...)" >&2
      exit 1
    fi
    rm -rf "$database"
    mkdir -p "$work" "$(dirname "$database")"
    maven=$PPID
    (
      "$java" -Dderby.system.home="$work" -Dderby.stream.error.file="$work/derby.log" \
        -cp "$classpath" org.apache.derby.drda.NetworkServerControl start -h 127.0.0.1 -p "$port" &
      server=$!
      echo "$server" >"$work/server.pid"
      while kill -0 "$server" 2>/dev/null; do
        if ! kill -0 "$maven" 2>/dev/null; then
          echo "network-server.sh: Maven ended before stop; shutting the server down"
          control shutdown || kill "$server"
        fi
        sleep 1
      done
    ) </dev/null >"$work/server.log" 2>&1 &
    for _ in $(seq 1 60); do
      if control ping >/dev/null 2>&1; then
        echo "network-server.sh: Derby is up on 127.0.0.1:$port ($database)"
        exit 0
      fi
      sleep 1
    done
    echo "network-server.sh: Derby did not start in 60 s; see $work/server.log" >&2
    exit 1
    ;;
  stop)
    control shutdown || true
    if [ -f "$work/server.pid" ]; then
      server=$(cat "$work/server.pid")
      for _ in $(seq 1 60); do
        kill -0 "$server" 2>/dev/null || exit 0
        sleep 1
      done
      echo "network-server.sh: Derby's process $server did not end in 60 s" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: network-server.sh start|stop <java> <lib dir> <port> <database dir> <work dir>" >&2
    exit 2
    ;;
esac
