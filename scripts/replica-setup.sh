#!/usr/bin/env bash
# A streaming standby of the local PostgreSQL cluster, on this machine, for REPLICA_DATABASE_URL (docs/deployment.md).
#
#   npm run replica:setup            make it (or say it is there), then prove a row written on the primary arrives
#   npm run replica:setup -- --drop  stop and remove it
#
# Debian's cluster tools: pg_createcluster makes the replica's configuration and port, pg_basebackup -R fills its data
# folder with a copy of the primary and the settings that make it follow it (standby.signal, primary_conninfo).
# Settings (environment): PG_VERSION (15), PRIMARY_PORT (5432), REPLICA_CLUSTER (replica), REPLICA_PORT (5433).
# Runs as root (or as postgres); the primary is reached on 127.0.0.1 as the postgres user.
set -euo pipefail

VERSION="${PG_VERSION:-15}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
NAME="${REPLICA_CLUSTER:-replica}"
PORT="${REPLICA_PORT:-5433}"
DATA="/var/lib/postgresql/${VERSION}/${NAME}"

say() { printf '%s\n' "$*"; }
die() { printf 'replica-setup: %s\n' "$*" >&2; exit 1; }
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
primary() { PGOPTIONS='-c client_min_messages=warning' psql -X -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -Atq "$@"; }
replica() { psql -X -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atq "$@"; }
cluster_status() { pg_lsclusters -h | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n { print $4 }'; }

command -v pg_createcluster >/dev/null || die "pg_createcluster not found: this script uses Debian's postgresql-common"
[ "$(id -u)" = 0 ] || [ "$(id -un)" = postgres ] || die "run as root or as postgres (pg_createcluster writes /etc/postgresql)"

if [ "${1:-}" = "--drop" ]; then
  if [ -z "$(cluster_status)" ]; then say "no cluster ${VERSION}/${NAME}: nothing to drop"; exit 0; fi
  pg_dropcluster "$VERSION" "$NAME" --stop
  say "dropped cluster ${VERSION}/${NAME}"
  exit 0
fi
[ -z "${1:-}" ] || die "unknown argument $1 (only --drop)"

primary -c 'select 1' >/dev/null || die "the primary does not answer on 127.0.0.1:${PRIMARY_PORT}"

# The primary must stream WAL to a standby: wal_level replica (or logical) and a free WAL sender.
wal_level="$(primary -c 'show wal_level')"
[ "$wal_level" != minimal ] || die "the primary has wal_level=minimal; set wal_level=replica and restart it"
[ "$(primary -c 'show max_wal_senders')" -gt 0 ] || die "the primary has max_wal_senders=0; raise it and restart it"

# A replication connection matches only pg_hba lines whose database is "replication" ("all" does not cover it).
if [ "$(primary -c "select count(*) from pg_hba_file_rules where 'replication' = any(database) and type = 'host'
      and (address = '127.0.0.1' or address is null) and auth_method = 'trust' and error is null")" = 0 ]; then
  hba="$(primary -c 'show hba_file')"
  say "adding 'host replication postgres 127.0.0.1/32 trust' to ${hba} and reloading the primary"
  printf '\n# streaming standby on this machine (scripts/replica-setup.sh)\nhost replication postgres 127.0.0.1/32 trust\n' >>"$hba"
  primary -c 'select pg_reload_conf()' >/dev/null
fi

status="$(cluster_status)"
if [ -n "$status" ] && [ ! -f "$DATA/standby.signal" ]; then
  die "cluster ${VERSION}/${NAME} exists but is not a standby (an interrupted setup?); remove it with --drop and run again"
fi
if [ -n "$status" ]; then
  [[ "$status" == online* ]] || { say "starting cluster ${VERSION}/${NAME}"; pg_ctlcluster "$VERSION" "$NAME" start; }
  say "cluster ${VERSION}/${NAME} is there (port ${PORT})"
else
  started=$(date +%s)
  say "creating cluster ${VERSION}/${NAME} on port ${PORT}"
  pg_createcluster "$VERSION" "$NAME" -p "$PORT" >/dev/null
  # Who may connect is the primary's rule on its copy too (a new Debian cluster asks for passwords on TCP).
  install -o postgres -g postgres -m 640 "$(primary -c 'show hba_file')" "/etc/postgresql/${VERSION}/${NAME}/pg_hba.conf"
  # Its fresh data folder is emptied and filled with a copy of the primary that follows it (-R), with the WAL of
  # the copy (-X stream); the folder itself stays, as its parent belongs to root.
  find "$DATA" -mindepth 1 -delete
  say "copying the primary ($(primary -c 'select pg_size_pretty(sum(pg_database_size(datname))) from pg_database'))"
  as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DATA" -R -X stream -c fast
  pg_ctlcluster "$VERSION" "$NAME" start
  say "base backup and start took $(($(date +%s) - started)) s"
fi

# Exports read up to 100,000 rows and may run for seconds: with feedback the primary's vacuum keeps the row versions
# a standby query still reads, instead of replay cancelling that query after max_standby_streaming_delay (30 s).
if [ "$(pg_conftool -s "$VERSION" "$NAME" show hot_standby_feedback 2>/dev/null || true)" != on ]; then
  pg_conftool "$VERSION" "$NAME" set hot_standby_feedback on
  pg_ctlcluster "$VERSION" "$NAME" reload
fi

for _ in $(seq 1 60); do
  [ "$(replica -c 'select pg_is_in_recovery()' 2>/dev/null || true)" = t ] && break
  sleep 0.5
done
[ "$(replica -c 'select pg_is_in_recovery()' 2>/dev/null || true)" = t ] ||
  die "cluster ${VERSION}/${NAME} does not answer as a standby; see /var/log/postgresql/postgresql-${VERSION}-${NAME}.log"

# Proof that it follows: a row written on the primary now is read on the standby.
marker="$(date +%s%N)"
primary -c "create table if not exists hbts_replica_probe (marker text primary key, at timestamptz default now())" \
  -c "insert into hbts_replica_probe (marker) values ('${marker}')"
sent=$(date +%s%N)
for _ in $(seq 1 100); do
  if [ "$(replica -c "select count(*) from hbts_replica_probe where marker = '${marker}'" 2>/dev/null || true)" = 1 ]; then
    primary -c "delete from hbts_replica_probe where marker = '${marker}'"
    say "standby on 127.0.0.1:${PORT} follows the primary: a row written there arrived in $((($(date +%s%N) - sent) / 1000000)) ms"
    say "REPLICA_DATABASE_URL=postgres://postgres@127.0.0.1:${PORT}/<the DATABASE_URL's database>"
    exit 0
  fi
  sleep 0.1
done
die "a row written on the primary did not reach the standby within 10 s; see /var/log/postgresql/postgresql-${VERSION}-${NAME}.log"
