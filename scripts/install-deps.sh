#!/usr/bin/env bash
# Installs the Debian 12 packages GigaTwin needs, skipping what is already there.
# Sourced by run.sh and test.sh; safe to run again.
set -euo pipefail

GIGATWIN_PACKAGES=(
  build-essential cmake pkg-config git
  libsimgrid-dev libeigen3-dev libhdf5-dev hdf5-tools catch2 libyaml-cpp-dev libcli11-dev libboost-dev libsqlite3-dev libnlopt-cxx-dev libpagmo-dev nlohmann-json3-dev libpaho-mqttpp-dev libpaho-mqtt-dev mosquitto mosquitto-clients
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-numpy python3-pandas python3-scipy xvfb xauth
  clang libclang-rt-14-dev
)

missing=()
for p in "${GIGATWIN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "gigatwin: installing missing packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "gigatwin: all required packages are installed"
fi
