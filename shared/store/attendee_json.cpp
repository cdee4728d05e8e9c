#include "shared/store/attendee_json.hpp"

#include <string>

namespace accueil {

nlohmann::json attendee_json(const Attendee& a, DaysJson days) {
  return nlohmann::json{{"id", a.id},
                        {"external_ref", a.external_ref},
                        {"ticket_code", a.ticket_code},
                        {"civility", a.civility},
                        {"first_name", a.first_name},
                        {"last_name", a.last_name},
                        {"first_name_latin", a.first_name_latin},
                        {"last_name_latin", a.last_name_latin},
                        {"organisation", a.organisation},
                        {"function", a.function},
                        {"country", a.country},
                        {"category", a.category},
                        {"language", a.language},
                        {"days", days == DaysJson::bits ? nlohmann::json(a.days.bits()) : nlohmann::json(a.days.days())},
                        {"delegation", a.delegation},
                        {"vip", a.vip},
                        {"staff_note", a.staff_note},
                        {"email", a.email},
                        {"status", std::string(to_string(a.status))}};
}

}  // namespace accueil
