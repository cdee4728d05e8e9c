// The desk's walk-in from "register" to the badge's bytes at a printer: see
// desk_print_bench.cpp.
#pragma once

#include <filesystem>

#include "shared/domain/model.hpp"

namespace accueil::bench {

// Registers `count` walk-ins on the store at `store_path` as the desk does and
// prints the time from the register action to the badge's last byte at a
// Brother QL-820NWB on TCP (a listener of this program on loopback), p50/p99.
// Returns 0, or 1 when something failed (said on stderr).
int walkin_to_printer(const std::filesystem::path& store_path, const Event& event, int count);

}  // namespace accueil::bench
