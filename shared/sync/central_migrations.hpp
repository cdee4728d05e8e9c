// The central schema's migrations after the first three (central.cpp holds
// those): kept apart so that neither file grows past reading.
#pragma once

#include <span>

namespace accueil::central {

// Migration 4 onwards, in order: later_migrations()[0] is version 4.
std::span<const char* const> later_migrations();

}  // namespace accueil::central
