// The dashboard's labels in the languages of the sample events (the texts
// added since are in the catalogs, assets/i18n).
#pragma once

#include <string_view>

namespace accueil::kiosk {

struct Words {
  const char* today;
  const char* event;
  const char* arrived_of;  // "{} of {}"
  const char* foreign;
  const char* authorities;
  const char* countries;
  const char* delegations;
  const char* embassies;
  const char* arrivals;
  const char* per_10_min;
  const char* not_arrived;
  const char* peak;
  const char* rate;
  const char* clears;
  const char* cleared;
  const char* not_clearing;
  const char* by_category;
  const char* by_country;
  const char* protocol;
  const char* expected;
  const char* stations;
  const char* kiosk_last;
  const char* queue_of;
  const char* no_queue;
  const char* reception;
  const char* outbox;
  const char* refused;
  const char* day;
  const char* nothing_yet;
  const char* not_today;  // the queue's end, at the present rate, falls on a later day
};

// The labels of `language`; French for any language without its own.
const Words& words(std::string_view language);

}  // namespace accueil::kiosk
