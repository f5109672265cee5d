#!/usr/bin/env bash
# A BillForU cluster on this machine without Docker: MariaDB and Redis from Debian's packages, librdkafka's
# mock Kafka brokers, and N silos in cluster mode, all on loopback, state in $BILLFORU_CLUSTER_DIR.
#   scripts/local-cluster.sh start [N]   start the services and N silos (default 2)
#   scripts/local-cluster.sh stop        stop everything it started
#   scripts/local-cluster.sh env         print the environment a further silo or the CLI needs
# Then, for example:  source "$BILLFORU_CLUSTER_DIR/cluster.env" &&
#   env "$BILLFORU_KAFKA_MOCK_SETTING" dotnet src/Silo/bin/Release/net10.0/BillForU.Silo.dll --exit --users 20000 --silo-port 11200 --gateway-port 30200
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BILLFORU_CLUSTER_DIR:-/tmp/billforu-cluster}
mysql_port=${BILLFORU_MYSQL_PORT:-3317}
redis_port=${BILLFORU_REDIS_PORT:-6390}
export PATH="$PATH:/usr/sbin"

install_missing() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "error: ${missing[*]} missing; install them as root first." >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

start_services() {
  mkdir -p "$dir/logs"
  if [ ! -d "$dir/mysql" ]; then
    local user_arg=""; [ "$(id -u)" = 0 ] && user_arg="--user=root"
    mariadb-install-db --no-defaults --datadir="$dir/mysql" $user_arg --auth-root-authentication-method=normal --skip-test-db >"$dir/logs/mariadb-install.log" 2>&1
  fi
  local user_arg=""; [ "$(id -u)" = 0 ] && user_arg="--user=root"
  mariadbd --no-defaults --datadir="$dir/mysql" --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --port="$mysql_port" \
    --bind-address=127.0.0.1 $user_arg --local-infile=1 --innodb-buffer-pool-size=2G --innodb-log-file-size=512M \
    --innodb-flush-log-at-trx-commit=2 --skip-name-resolve --log-error="$dir/logs/mariadb.log" >/dev/null 2>&1 &
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/logs/redis.log"
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$mysql_port" -uroot ping >/dev/null 2>&1 && break; sleep 0.2
  done
  rm -f "$dir/kafka.bootstrap"
  # The mock keeps serving after its stdin closes, until it is signalled.
  nohup dotnet tools/KafkaMockCluster/bin/Release/net10.0/BillForU.KafkaMockCluster.dll --bootstrap-file "$dir/kafka.bootstrap" \
    --topic billing-event-topic:3 --topic billing-event-failover:3 --topic billing-event-dlt:1 </dev/null >"$dir/logs/kafka.log" 2>&1 &
  echo $! > "$dir/kafka.pid"
  for _ in $(seq 1 100); do [ -s "$dir/kafka.bootstrap" ] && break; sleep 0.1; done
  [ -s "$dir/kafka.bootstrap" ] || { echo "error: the Kafka mock did not start; see $dir/logs/kafka.log" >&2; exit 1; }
}

write_env() {
  [ -f "$dir/pii.env" ] || python3 - > "$dir/pii.env" <<'PY'
import base64, os
print(f"export BillForU__Pii__Keys=v1:{base64.b64encode(os.urandom(32)).decode()}")
print(f"export BillForU__Pii__HashKey={base64.b64encode(os.urandom(32)).decode()}")
PY
  cat > "$dir/cluster.env" <<ENV
export BillForU__Mode=Cluster
export BillForU__Sql__Provider=MySql
export BillForU__Sql__ConnectionString="Server=127.0.0.1;Port=$mysql_port;User ID=root;Database=billforu;AllowLoadLocalInfile=true"
export BillForU__Redis=127.0.0.1:$redis_port
export BillForU__Kafka__BootstrapServers=$(cat "$dir/kafka.bootstrap")
export BillForU__Kafka__CreateTopics=false
export BillForU__Kafka__ReplicationFactor=1
# A shell cannot export a name with dots: pass it with env(1), as start_silos does. The mock holds an empty
# fetch for the whole wait (500 ms by default), so consumers ask it to answer within 10 ms.
export BILLFORU_KAFKA_MOCK_SETTING="BillForU__Kafka__ConsumerSettings__fetch.wait.max.ms=10"
# The mock keeps ~5 MiB a partition and drops the rest: the silos read a settlement's backlog into memory before it
# is dropped (a real broker keeps it, and the silos' defaults leave it there).
export BillForU__Kafka__CacheSize=4096
export BillForU__Kafka__ReceiverBufferBytes=4294967296
export BillForU__Orleans__AdvertisedAddress=127.0.0.1
export BillForU__DataDirectory=$dir/data
ENV
  cat "$dir/pii.env" >> "$dir/cluster.env"
}

start_silos() {
  local count=$1
  dotnet build -c Release src/Silo -v q >/dev/null
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  for i in $(seq 1 "$count"); do
    nohup env "$BILLFORU_KAFKA_MOCK_SETTING" dotnet src/Silo/bin/Release/net10.0/BillForU.Silo.dll serve --silo-port $((11110 + i)) --gateway-port $((30010 + i)) \
      </dev/null >"$dir/logs/silo$i.log" 2>&1 &
    echo $! > "$dir/silo$i.pid"
  done
  for i in $(seq 1 "$count"); do
    for _ in $(seq 1 300); do grep -q "serving in cluster mode" "$dir/logs/silo$i.log" 2>/dev/null && break; sleep 0.1; done
    grep -q "serving in cluster mode" "$dir/logs/silo$i.log" || { echo "error: silo $i did not start; see $dir/logs/silo$i.log" >&2; tail -5 "$dir/logs/silo$i.log" >&2; exit 1; }
    grep "serving" "$dir/logs/silo$i.log"
  done
}

stop_all() {
  for pidfile in "$dir"/silo*.pid "$dir/kafka.pid"; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  [ -f "$dir/mysqld.pid" ] && kill "$(cat "$dir/mysqld.pid")" 2>/dev/null || true
  echo "stopped (state kept in $dir; delete it for a fresh cluster)"
}

case "${1:-}" in
  start)
    install_missing
    dotnet build -c Release tools/KafkaMockCluster -v q >/dev/null
    start_services
    write_env
    start_silos "${2:-2}"
    echo "cluster up: source $dir/cluster.env to run more silos or the CLI against it" ;;
  stop) stop_all ;;
  env) cat "$dir/cluster.env" ;;
  *) echo "usage: $0 start [N] | stop | env" >&2; exit 2 ;;
esac
