// A realistic registration list for trying Accueil out and for benchmarks:
// French local authorities with their elected officials and staff, embassies,
// foreign delegations from more than 30 countries, speakers, exhibitors,
// partners, press and organisers. Names carry accents, apostrophes and
// hyphens; some are in Arabic, Japanese, Armenian, Greek, Cyrillic, Georgian,
// Korean, Chinese or Hebrew script with a Latin form; Malagasy names run long.
// The same seed always gives the same list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/domain/model.hpp"

namespace accueil {

struct DemoOptions {
  std::size_t count = 1500;
  std::uint64_t seed = 1;
};

// Attendees for `event`, whose categories are chosen by role. Ids are left
// empty: the store assigns them on import.
std::vector<Attendee> generate_demo_attendees(const Event& event, const DemoOptions& options);

// The list as a registration platform would export it: UTF-8 with a byte order
// mark, ';' separators, French headers, countries and categories as words.
std::string demo_export_csv(const std::vector<Attendee>& attendees, const Event& event);

}  // namespace accueil
