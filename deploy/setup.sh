#!/usr/bin/env bash
# Installs the Debian 12 packages Accueil needs, only those missing.
#   deploy/setup.sh build   what building needs (libraries, compiler, fonts)
#   deploy/setup.sh test    build + the real components the tests run against
#   deploy/setup.sh fuzz    build + clang 19 for the libFuzzer targets (deploy/fuzz.sh)
#   deploy/setup.sh test fuzz   both, in one apt run (deploy/test.sh)
# Runs as root, or through sudo when it is available.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config git
  libsqlite3-dev libsodium-dev libuchardet-dev libicu-dev libutf8proc-dev libcsv-dev
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libfmt-dev libspdlog-dev
  libqrencode-dev libpng-dev libcairo2-dev libpango1.0-dev librsvg2-dev libfreetype-dev
  libcups2-dev libusb-1.0-0-dev
  libpq-dev  # shared/sync: the central list on PostgreSQL
  libzxing-dev libturbojpeg0-dev  # the camera's QR codes (zxing-cpp 1.4), its MJPEG frames
  libsdl2-dev libimgui-dev libstb-dev
  catch2 libbenchmark-dev gettext libgettextpo-dev
  fonts-noto-core fonts-noto-ui-core fonts-noto-cjk
  libfontconfig-dev  # accueil_render gives Pango a fontconfig configuration of its own
  libsystemd-dev  # the kiosk tells systemd it is up and pings its watchdog (sd_notify)
)

test_packages=(
  sqlite3 jq zbar-tools poppler-utils
  cups cups-client cups-bsd cups-ipp-utils avahi-daemon dbus
  xvfb xdotool x11-xkb-utils x11-apps
  printer-driver-ptouch glabels procps psmisc
  postgresql  # the central list's tests start their own server (tests/integration/pg_lib.sh)
  socat  # ... and cut a kiosk off from it with a TCP relay they stop and start
  lintian udev cage  # the appliance's package: lintian, udevadm test of its rules, dpkg -i with its dependencies
  chromium  # the after-event report's HTML page, opened headless (tests/integration/report_test.sh)
)

# deploy/fuzz.sh: libFuzzer. Clang 19, not bookworm's default 14: clang 14 cannot
# compile GCC 12's <expected> (it needs P0848, conditionally trivial destructors).
# deploy/test.sh asks for it beside the test profile (setup.sh test fuzz) for its
# bounded fuzz pass, unless ACCUEIL_TEST_FUZZ_SECONDS=0.
fuzz_packages=(clang-19 libclang-rt-19-dev)

profiles=("${@:-build}")
wanted=("${build_packages[@]}")
for profile in "${profiles[@]}"; do
  case "$profile" in
    build) ;;
    test) wanted+=("${test_packages[@]}") ;;
    fuzz) wanted+=("${fuzz_packages[@]}") ;;
    *) echo "usage: $0 build|test|fuzz [test|fuzz]" >&2; exit 2 ;;
  esac
done
testing=no
[[ " ${profiles[*]} " == *" test "* ]] && testing=yes

# Node.js and npm run zpl-renderer-js. Machines that carry NodeSource's nodejs
# (which bundles npm) must not get Debian's npm, which conflicts with it.
if [[ $testing == yes ]] && ! command -v npm >/dev/null; then
  wanted+=(nodejs npm)
fi

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

sudo=()
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null; then sudo=(sudo); fi

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#wanted[@]} packages are installed"
else
  echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]] && ((${#sudo[@]} == 0)); then
    echo "setup: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages the tests run against, installed (never at build or test time)
# into gitignored node_modules folders of the checkout, from their lock files.
if [[ $testing == yes ]]; then
  root=$(cd "$(dirname "$0")/.." && pwd)
  # tests/printer/encode: zpl-renderer-js renders our ZPL (zpl-render-check.sh).
  npm_dir=$root/tests/printer/encode
  if [[ -d $npm_dir/node_modules/zpl-renderer-js ]]; then
    echo "setup: npm packages of tests/printer/encode are installed"
  else
    echo "setup: npm ci in tests/printer/encode"
    npm ci --prefix "$npm_dir" --no-audit --no-fund --loglevel=error
  fi
fi
