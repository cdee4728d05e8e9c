// The central list's attendee rows as the kiosk's pull reads them (columns 0..18
// as attendee_of_row reads them, 19 the ticket token), applied to a local store
// with sync::apply_attendee_row, as sync::pull does. No PostgreSQL: the rows are a PGresult made with
// libpq's own PQmakeEmptyPGresult/PQsetvalue. The input is fields separated by
// 0x1F (unit separator), rows by 0x1E; byte 0 says which columns are NULL.
// Invariant: a row the store refuses leaves the attendee table as it was.
#include <libpq-fe.h>

#include <array>
#include <vector>

#include "shared/domain/event_file.hpp"
#include "shared/sync/local.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/fuzz_store.hpp"
#include "tests/fuzz/store_hash.hpp"

using namespace accueil;

namespace {

constexpr int k_columns = 20;
constexpr std::array<const char*, k_columns> k_names{
    "id", "external_ref", "ticket_code", "civility", "first_name", "last_name", "first_name_latin",
    "last_name_latin", "organisation", "function", "country", "category", "language", "days", "delegation",
    "vip", "staff_note", "email_start", "status", "ticket_token"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Event event = [] {
    auto parsed = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
    if (!parsed) std::abort();
    return *parsed;
  }();
  fuzz::Input in(data, size);
  const std::uint8_t nulls = in.byte();
  const std::string_view text = in.rest();

  PGresult* result = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
  ACCUEIL_FUZZ_CHECK(result, "libpq makes an empty result");
  std::array<PGresAttDesc, k_columns> attrs{};
  for (int c = 0; c < k_columns; ++c) {
    attrs[c].name = const_cast<char*>(k_names[c]);
    attrs[c].format = 0;  // text
    attrs[c].typid = 25;  // text
    attrs[c].typlen = -1;
    attrs[c].atttypmod = -1;
  }
  ACCUEIL_FUZZ_CHECK(PQsetResultAttrs(result, k_columns, attrs.data()), "libpq takes the columns");
  int row = 0;
  for (std::size_t start = 0; start <= text.size() && row < 16; ++row) {
    std::size_t end = text.find('\x1e', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    std::size_t f = 0;
    for (int c = 0; c < k_columns; ++c) {
      std::size_t next = line.find('\x1f', f);
      if (next == std::string_view::npos) next = line.size();
      const std::string_view value = f <= line.size() ? line.substr(f, next - f) : std::string_view();
      // NULL where byte 0 says so (for the first 8 columns), else the text.
      const bool null = c < 8 && ((nulls >> c) & 1) && row == 0;
      ACCUEIL_FUZZ_CHECK(PQsetvalue(result, row, c, null ? nullptr : const_cast<char*>(value.data()),
                                    null ? -1 : static_cast<int>(value.size())),
                         "libpq takes the value");
      f = next + 1;
    }
    start = end + 1;
  }
  pg::Rows rows(result);

  static fuzz::FuzzStore empty(event);
  Store* store = &empty.reset();
  for (int r = 0; r < rows.size(); ++r) {
    const std::uint64_t before = fuzz::table_hash(*store, "attendees");
    auto applied = store->write([&]() -> Status { return sync::apply_attendee_row(*store, rows, r); });
    if (!applied) {
      ACCUEIL_FUZZ_CHECK(!applied.error().message.empty(), "a refused row says why");
      ACCUEIL_FUZZ_CHECK(fuzz::table_hash(*store, "attendees") == before, "a refused row changes nothing");
    }
  }
  return 0;
}
