// The mapping file (TOML: [columns], [categories], [defaults]). A mapping that
// parses is then used to plan a small export, as `accueilctl import --mapping`
// does.
#include <cstdlib>

#include "shared/domain/event_file.hpp"
#include "shared/intake/import.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Event event = [] {
    auto parsed = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
    if (!parsed) std::abort();
    return *parsed;
  }();
  auto mapping = parse_mapping(fuzz::as_text(data, size), "fuzz-mapping.toml");
  if (!mapping) {
    ACCUEIL_FUZZ_CHECK(!mapping.error().message.empty(), "a refused mapping says why");
    return 0;
  }
  ImportOptions options;
  options.mapping = &*mapping;
  auto plan = plan_import("Structure,Nom,Prénom,Statut,Code,Commentaire\r\n"
                          "Mairie de Lyon,Martin,Claire,Élu(e),C-1,\r\n"
                          "Ambassade du Japon,Sato,Yuki,Ambassade,C-2,VIP\r\n",
                          "mapped.csv", event, options);
  (void)plan;
  return 0;
}
