// The event file: a TOML description of the event (days, languages, categories
// with colours and translated labels). Its format is documented in
// assets/events/README.md.
#pragma once

#include <filesystem>
#include <string_view>

#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"

namespace accueil {

// Parses an event file's text. `origin` names it in error messages.
Result<Event> parse_event(std::string_view toml_text, std::string_view origin);
Result<Event> load_event_file(const std::filesystem::path& path);

// The event as TOML, in the format parse_event reads.
std::string event_to_toml(const Event& event);

}  // namespace accueil
