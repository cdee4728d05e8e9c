// CSV import: encoding detection, separators, quoting, header mapping, rows,
// then the store. The first byte picks the options (dry run, cancel missing,
// a mapping file); the rest is the export.
//
// Invariant: an import that fails (or a dry run) leaves the attendee table
// byte for byte as it was.
#include <cstdlib>

#include "shared/domain/event_file.hpp"
#include "shared/intake/import.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/fuzz_store.hpp"
#include "tests/fuzz/store_hash.hpp"

using namespace accueil;

namespace {

const Event& event() {
  static const Event e = [] {
    auto parsed = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
    if (!parsed) { std::fprintf(stderr, "%s\n", parsed.error().message.c_str()); std::abort(); }
    return *parsed;
  }();
  return e;
}

const ColumnMapping& mapping() {
  static const ColumnMapping m = [] {
    auto parsed = parse_mapping(R"toml([columns]
"Structure" = "organisation"
"Qualité" = "function"
"Code" = "ticket_code"
"Commentaire" = "ignore"
[categories]
"Élu(e)" = "elu"
"Ambassade" = "ambassade"
[defaults]
category = "elu"
language = "fr"
)toml", "fuzz mapping");
    if (!parsed) { std::fprintf(stderr, "%s\n", parsed.error().message.c_str()); std::abort(); }
    return *parsed;
  }();
  return m;
}

// Registrations already in the store before the fuzzed file comes.
constexpr std::string_view k_earlier =
    "Référence;Prénom;Nom;Organisation;Pays;Catégorie;Code\r\n"
    "R-1;Anne;Dupont;Mairie de Dijon;FR;elu;T-1\r\n"
    "R-2;Karim;Haddad;Ambassade du Maroc;MA;ambassade;T-2\r\n"
    "R-3;Ana;Petrosyan;Erevan;AM;delegation;T-3\r\n";

// The store each input starts from: empty, or holding the earlier import.
Store& fresh_store(bool with_earlier) {
  static fuzz::FuzzStore empty(event());
  static fuzz::FuzzStore earlier(event(), [](Store& s) {
    return import_registrations(s, event(), k_earlier, "earlier.csv").has_value();
  });
  return with_earlier ? earlier.reset() : empty.reset();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const std::uint8_t choice = in.byte();
  ImportOptions options;
  if (choice & 0x08) options.mapping = &mapping();
  if (choice & 0x10) options.default_category = "partenaire";
  ApplyOptions apply;
  apply.dry_run = (choice & 0x01) != 0;
  apply.cancel_missing = (choice & 0x02) != 0;
  apply.cancel_many = (choice & 0x04) != 0;

  Store* store = &fresh_store((choice & 0x20) != 0);

  const std::uint64_t before = fuzz::table_hash(*store, "attendees");
  auto report = import_registrations(*store, event(), in.rest(), "fuzz.csv", options, apply);
  const std::uint64_t after = fuzz::table_hash(*store, "attendees");
  if (!report) {
    ACCUEIL_FUZZ_CHECK(!report.error().message.empty(), "a failed import says why");
    ACCUEIL_FUZZ_CHECK(before == after, "a failed import leaves the attendee table as it was");
  } else if (apply.dry_run) {
    ACCUEIL_FUZZ_CHECK(before == after, "a dry run leaves the attendee table as it was");
  } else {
    // Importing the same file again changes nothing.
    auto again = import_registrations(*store, event(), in.rest(), "fuzz.csv", options, ApplyOptions{});
    if (again) ACCUEIL_FUZZ_CHECK(again->inserted == 0 && again->updated == 0, "a second import of a file changes nothing");
  }
  return 0;
}
