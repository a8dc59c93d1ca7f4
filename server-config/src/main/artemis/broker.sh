#!/usr/bin/env bash
# The external ActiveMQ Artemis broker of the artemis profile (docs/brokers.md): an instance of the
# unpacked apache-artemis distribution, created afresh (empty) by start, listening on 127.0.0.1:<port>
# (CORE and the other protocols on that one port, no web console), with the user txoutbox/txoutbox,
# the queue txoutbox.events and the topic user-events, and the given broker.properties files appended
# to its etc/broker.properties. stop stops it and waits for its process to end.
#   broker.sh start <artemis home> <instance dir> <port> [broker.properties ...]
#   broker.sh stop  <artemis home> <instance dir>
set -euo pipefail
action=$1
home=$2
instance=$3
case $action in
  start)
    port=$4
    shift 4
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "broker.sh: port $port is taken (a broker left behind? broker.sh stop $home $instance)" >&2
      exit 1
    fi
    rm -rf "$instance"
    bash "$home/bin/artemis" create "$instance" --silent --force --host 127.0.0.1 \
      --default-port "$port" --user txoutbox --password txoutbox --require-login --no-web \
      --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
      --queues txoutbox.events:anycast,txoutbox.test.full:anycast --addresses user-events:multicast \
      --nio --no-autotune >"$instance.create.log" 2>&1
    cat "$@" >"$instance/etc/broker.properties"
    bash "$instance/bin/artemis-service" start
    for _ in $(seq 1 60); do
      if grep -q "AMQ221007" "$instance/log/artemis.log" 2>/dev/null; then
        echo "broker.sh: Artemis is up on 127.0.0.1:$port ($instance)"
        exit 0
      fi
      sleep 1
    done
    echo "broker.sh: Artemis did not start in 60 s; see $instance/log/artemis.log" >&2
    bash "$instance/bin/artemis-service" stop || true
    exit 1
    ;;
  stop)
    if [ -f "$instance/bin/artemis-service" ]; then
      bash "$instance/bin/artemis-service" stop || true
    fi
    ;;
  *)
    echo "usage: broker.sh start|stop <artemis home> <instance dir> [<port> [broker.properties ...]]" >&2
    exit 2
    ;;
esac
