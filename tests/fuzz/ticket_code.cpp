// What a scanner hands the kiosk: a plain ticket code of the registration
// platform (or a signed ticket), checked in against a store with a few
// attendees (fuzz_store.hpp: the same list and an empty log for every input),
// as the kiosk does. The first byte picks the day.
// Invariants: the log grows by one event exactly when the check-in is ok, and
// the attendee list changes only when a signed ticket brought someone new.
#include <cstdlib>

#include "shared/domain/event_file.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/checkin.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/fuzz_key.hpp"
#include "tests/fuzz/fuzz_store.hpp"
#include "tests/fuzz/store_hash.hpp"

using namespace accueil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Event event = [] {
    auto parsed = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
    if (!parsed) std::abort();
    parsed->public_key = public_key_to_text(fuzz::fuzz_secret_key().public_key());
    return *parsed;
  }();
  fuzz::Input in(data, size);
  CheckinContext ctx;
  ctx.day = 1 + in.byte() % 3;
  ctx.kiosk = "fuzz-kiosk";
  ctx.now_ms = 1'780'000'000'000;

  // The list, imported once; each input starts from it with an empty log.
  static fuzz::FuzzStore list(event, [](Store& s) {
    return import_registrations(s, event,
                                "Référence,Prénom,Nom,Code,Catégorie,Pays\r\n"
                                "R-1,Anne,Dupont,T-0001,elu,FR\r\n"
                                "R-2,Karim,Haddad,AB12CD34,ambassade,MA\r\n"
                                "R-3,Ana,Petrosyan,T-0003,delegation,AM\r\n",
                                "list.csv")
        .has_value();
  });
  Store* store = &list.reset();
  const std::uint64_t attendees_before = fuzz::table_hash(*store, "attendees");
  const auto log_before = store->log_size();
  auto decision = check_in_scan(*store, event, in.rest(), ctx);
  const auto log_after = store->log_size();
  ACCUEIL_FUZZ_CHECK(log_before && log_after, "the log can be counted");
  if (!decision) {
    ACCUEIL_FUZZ_CHECK(*log_after == *log_before, "a failed check-in writes nothing to the log");
    ACCUEIL_FUZZ_CHECK(fuzz::table_hash(*store, "attendees") == attendees_before, "a failed check-in adds nobody");
    return 0;
  }
  const bool recorded = decision->recorded.has_value();
  ACCUEIL_FUZZ_CHECK(*log_after == *log_before + (recorded ? 1 : 0), "the log grows by one event exactly when one is recorded");
  if (!decision->attendee_created)
    ACCUEIL_FUZZ_CHECK(fuzz::table_hash(*store, "attendees") == attendees_before, "a scan adds nobody unless a signed ticket brings them");
  return 0;
}
