#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine for skiff: the Debian packages, a running dockerd (the reference),
# the local test registry, and the rootless test user. Idempotent; run as root.
set -euo pipefail

TEST_USER=${SKIFF_TEST_USER:-skiffuser}
REGISTRY_PORT=${SKIFF_REGISTRY_PORT:-5000}

install_packages() {
  local pkgs=(runc conmon uidmap catatonit netavark aardvark-dns slirp4netns golang-github-containers-common
    busybox-static docker-registry docker.io iptables util-linux procps attr podman
    docker-compose python3-docker systemd
    chromium) # chromium: conformance/report/report-html.int.test.ts opens report.html headless
  local missing=()
  for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

start_dockerd() {
  if docker -H unix:///var/run/docker.sock version >/dev/null 2>&1; then return; fi
  mkdir -p /var/log
  (setsid dockerd >/var/log/skiff-dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do
    docker -H unix:///var/run/docker.sock version >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "dockerd did not start; see /var/log/skiff-dockerd.log" >&2
  tail -20 /var/log/skiff-dockerd.log >&2 || true
}

start_registry() {
  if (exec 3<>/dev/tcp/127.0.0.1/"$REGISTRY_PORT") 2>/dev/null; then return; fi
  mkdir -p /var/lib/skiff-test-registry
  cat >/etc/skiff-test-registry.yml <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/skiff-test-registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${REGISTRY_PORT}
YML
  (setsid docker-registry serve /etc/skiff-test-registry.yml >/var/log/skiff-test-registry.log 2>&1 &)
  for _ in $(seq 1 40); do
    (exec 3<>/dev/tcp/127.0.0.1/"$REGISTRY_PORT") 2>/dev/null && return
    sleep 0.25
  done
  echo "the test registry did not start; see /var/log/skiff-test-registry.log" >&2
}

configure_podman() {
  # Podman is the peer benchmarks and the conformance suite compare with; stock Podman puts rlimits in
  # every spec that this host's hard limits refuse, and crun cannot run on hybrid cgroups.
  mkdir -p /etc/containers
  if ! grep -q 'default_ulimits' /etc/containers/containers.conf 2>/dev/null; then
    printf '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n' >>/etc/containers/containers.conf
  fi
}

create_test_user() {
  id "$TEST_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$TEST_USER"
  local uid; uid=$(id -u "$TEST_USER")
  grep -q "^$TEST_USER:" /etc/subuid 2>/dev/null || echo "$TEST_USER:200000:65536" >>/etc/subuid
  grep -q "^$TEST_USER:" /etc/subgid 2>/dev/null || echo "$TEST_USER:200000:65536" >>/etc/subgid
  mkdir -p "/run/user/$uid"
  chown "$TEST_USER:$TEST_USER" "/run/user/$uid"
  chmod 0700 "/run/user/$uid"
  [ -e /dev/net/tun ] || { mkdir -p /dev/net; mknod /dev/net/tun c 10 200; }
  chmod 0666 /dev/net/tun
}

install_packages
configure_podman
start_dockerd
start_registry
create_test_user
echo "host ready: dockerd $(docker -H unix:///var/run/docker.sock version -f '{{.Server.Version}}' 2>/dev/null || echo 'not running'), registry 127.0.0.1:$REGISTRY_PORT, rootless user $TEST_USER"
