// An attendee as a JSON object, the one form shared by accueilctl's --json
// output and the central import's rows (shared/sync/central_import.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "shared/domain/model.hpp"

namespace accueil {

// How the registered days are written.
enum class DaysJson {
  list,  // [1, 2]: for people and scripts (accueilctl --json)
  bits,  // 3: bit 0 is day 1, as central's `days` column holds them
};

// Every field of `a` (the ticket token and the source left out), keyed by its
// column name; `status` as its word ("active", "cancelled").
nlohmann::json attendee_json(const Attendee& a, DaysJson days);

}  // namespace accueil
