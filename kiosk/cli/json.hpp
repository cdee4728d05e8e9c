// JSON forms of the domain's values, for `accueilctl --json`.
#pragma once

#include <nlohmann/json.hpp>

#include "shared/store/checkin.hpp"
#include "shared/intake/import.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/report.hpp"

namespace accueil::cli {

nlohmann::json to_json(const Attendee& a);
nlohmann::json to_json(const CheckinEvent& e, const Event& event);
nlohmann::json to_json(const Decision& d, const Event& event);
nlohmann::json to_json(const ImportReport& r);
nlohmann::json to_json(const EventReport& r);

}  // namespace accueil::cli
