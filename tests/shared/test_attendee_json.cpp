// The one JSON form of an attendee, as accueilctl --json prints it (days as a
// list) and as the central import compares and writes rows (days as bits).
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/store/attendee_json.hpp"

using namespace accueil;

TEST_CASE("an attendee's JSON: every field, the days as a list or as bits", "[attendee_json]") {
  Attendee a = testing::make_attendee("R-7", "Ana", "Pérez", "Ville de Dijon");
  a.id = "0b7e2c1a-0000-4000-8000-000000000007";
  a.days = DaySet::from_bits(0b101);
  a.vip = true;
  a.status = AttendeeStatus::cancelled;
  const std::string rest =
      R"("delegation":"","email":"","external_ref":"R-7","first_name":"Ana","first_name_latin":"","function":"",)"
      R"("id":"0b7e2c1a-0000-4000-8000-000000000007","language":")" + a.language +
      R"(","last_name":"Pérez","last_name_latin":"","organisation":"Ville de Dijon","staff_note":"","status":"cancelled",)"
      R"("ticket_code":")" + a.ticket_code + R"(","vip":true})";
  const std::string head = R"({"category":")" + a.category + R"(","civility":"","country":")" + a.country + R"(",)";
  CHECK(attendee_json(a, DaysJson::list).dump() == head + R"("days":[1,3],)" + rest);
  CHECK(attendee_json(a, DaysJson::bits).dump() == head + R"("days":5,)" + rest);
}
