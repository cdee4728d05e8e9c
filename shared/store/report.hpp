// The event's figures (shared/domain/figures.hpp) from the store: the attendee
// list and the check-ins that count, read here and handed to figures_of.
#pragma once

#include <string_view>

#include "shared/base/error.hpp"
#include "shared/domain/figures.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"

namespace accueil {

Result<EventReport> build_report(Store& store, const Event& event, std::string_view language = "fr");

}  // namespace accueil
