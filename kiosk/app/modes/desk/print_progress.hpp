// What became of the badges a desk action queued: read from the print
// requests table, for DeskFlow::on_print_progress(). On the store's thread.
#pragma once

#include <cstdint>
#include <vector>

#include "shared/flow/desk_flow.hpp"
#include "shared/store/store.hpp"

namespace accueil::kiosk {

// The requests' states summed up; the problem is the first one a waiting request met.
Result<PrintProgress> read_print_progress(Store& store, const std::vector<std::int64_t>& requests);

}  // namespace accueil::kiosk
