#!/usr/bin/env bash
# Writes .env for docker-compose.yml from .env.example, filling every empty secret with a fresh random value.
# Refuses to replace an existing .env: its PII keys decrypt the contacts already stored, new ones could not.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -e .env ]; then
  echo "error: .env exists. Keep it, or delete it together with the data it protects (docker compose down -v) first." >&2
  exit 1
fi
hex() { openssl rand -hex "$1"; }
base64_32() { openssl rand -base64 32; }
umask 077
# base64 never contains '|' or '&', so it is safe inside these sed replacements.
sed -e "s|^MYSQL_ROOT_PASSWORD=\$|MYSQL_ROOT_PASSWORD=$(hex 24)|" \
    -e "s|^MYSQL_PASSWORD=\$|MYSQL_PASSWORD=$(hex 24)|" \
    -e "s|^REDIS_PASSWORD=\$|REDIS_PASSWORD=$(hex 24)|" \
    -e "s|^BILLFORU_PII_KEYS=\$|BILLFORU_PII_KEYS=v1:$(base64_32)|" \
    -e "s|^BILLFORU_PII_HASH_KEY=\$|BILLFORU_PII_HASH_KEY=$(base64_32)|" \
    -e "s|^BILLFORU_ADMIN_OPERATOR_KEY=\$|BILLFORU_ADMIN_OPERATOR_KEY=$(hex 32)|" \
    -e "s|^BILLFORU_ADMIN_READER_KEY=\$|BILLFORU_ADMIN_READER_KEY=$(hex 32)|" \
    .env.example > .env
echo "wrote .env (readable by you only); back up its PII keys. The admin keys: grep ADMIN_ .env"
