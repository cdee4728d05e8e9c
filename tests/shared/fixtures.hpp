// Shared test data: the sample event and a few attendees.
#pragma once

#include <catch2/catch.hpp>

#include "shared/domain/event_file.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"
#include "shared/base/uuid.hpp"

namespace accueil::testing {

inline Event sample_event() {
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  REQUIRE(event);
  return *event;
}

inline Attendee make_attendee(std::string ref, std::string first, std::string last, std::string organisation = "",
                              DaySet days = DaySet::all(2)) {
  Attendee a;
  a.id = new_uuid();
  a.external_ref = ref;
  a.ticket_code = "T-" + ref;
  a.first_name = std::move(first);
  a.last_name = std::move(last);
  a.organisation = std::move(organisation);
  a.country = "FR";
  a.category = "elu";
  a.language = "fr";
  a.days = days;
  return a;
}

inline Store memory_store() {
  auto store = Store::open_in_memory();
  REQUIRE(store);
  return std::move(*store);
}

// A temporary directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "accueil-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace accueil::testing
