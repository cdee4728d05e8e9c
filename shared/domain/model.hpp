// The domain model: the event, its attendees and the check-in event log.
// Plain data; rules live in checkin.hpp, persistence in store.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accueil {

// The days an attendee is registered for. Day numbers are 1-based (day 1 is the
// event's first day); at most 32 days.
class DaySet {
public:
  constexpr DaySet() = default;
  static constexpr DaySet from_bits(std::uint32_t bits) { DaySet d; d.m_bits = bits; return d; }
  static DaySet all(int day_count);

  constexpr bool contains(int day) const { return day >= 1 && day <= 32 && (m_bits >> (day - 1)) & 1u; }
  constexpr void add(int day) { if (day >= 1 && day <= 32) m_bits |= 1u << (day - 1); }
  constexpr bool empty() const { return m_bits == 0; }
  constexpr std::uint32_t bits() const { return m_bits; }
  std::vector<int> days() const;
  std::string to_string() const;  // "1,2"
  friend constexpr bool operator==(DaySet, DaySet) = default;

private:
  std::uint32_t m_bits = 0;
};

// What a category stands for, for the organiser's report.
enum class CategoryRole {
  local_government,  // elected officials and staff of local authorities
  embassy,
  delegation,        // foreign delegations
  speaker,
  exhibitor,
  partner,
  press,
  organiser,
  other,
};
std::string_view to_string(CategoryRole role);
std::optional<CategoryRole> category_role_from_string(std::string_view text);

struct Category {
  std::string key;                            // stable identifier used in exports and tickets: "elu"
  std::map<std::string, std::string> labels;  // language code -> label shown on badges and screens
  std::string colour = "#808080";             // "#RRGGBB", the badge's colour band
  CategoryRole role = CategoryRole::other;
  // Other names registration exports give this category ("Élus locaux",
  // "Ministre"), matched by the import as labels are.
  std::vector<std::string> aliases;

  // The label in `language`, else in French, else the key.
  const std::string& label(std::string_view language) const;
};

struct EventDay {
  std::string date;                           // ISO 8601 local date, "2026-12-03"
  std::map<std::string, std::string> labels;  // language code -> "Country-group meetings"
};

// "Find my name" at a public kiosk (the event file's [name_search]): whom a
// stranger at the screen may find, and what the person found must prove.
struct NameSearchRules {
  enum class Check { none, email, organisation };
  bool vip = false;           // VIPs may be found by name; otherwise they scan or see reception
  Check check = Check::none;  // asked after "is this you?", before anything is printed
  int check_letters = 3;      // how many first letters of the e-mail or organisation
};
std::string_view to_string(NameSearchRules::Check check);

struct Event {
  std::string id;          // short stable identifier, signed into tickets: "rencontres-2026"
  std::string name;
  std::string venue;
  std::string country = "FR";          // host country (ISO 3166-1 alpha-2): who counts as foreign
  std::string timezone = "Europe/Paris";
  std::vector<std::string> languages;  // ISO 639-1, first is the default: {"fr", "en", "es"}
  std::vector<EventDay> days;          // days[0] is day 1
  std::vector<Category> categories;
  // The category an import gives a registration whose category it cannot
  // tell (flagged in its summary); empty: see intake's fallback rule.
  std::string default_category;
  std::string public_key;              // Ed25519 public key (base64) that signs tickets; may be empty
  NameSearchRules name_search;

  const Category* category(std::string_view key) const;
  int day_count() const { return static_cast<int>(days.size()); }
  // The day number whose date is `iso_date`, if the event runs that day.
  std::optional<int> day_of(std::string_view iso_date) const;
};

enum class AttendeeStatus { active, cancelled };
std::string_view to_string(AttendeeStatus status);

struct Attendee {
  std::string id;            // UUID assigned by Accueil; stable across re-imports
  std::string external_ref;  // the registration platform's reference; the upsert key
  std::string ticket_code;   // what the confirmation's QR code holds
  std::string civility;
  std::string first_name;    // in the native script
  std::string last_name;
  std::string first_name_latin;  // Latin form when the native script is not Latin; else empty
  std::string last_name_latin;
  std::string organisation;
  std::string function;      // "Maire de Dijon"
  std::string country;       // ISO 3166-1 alpha-2, or empty when unknown
  std::string category;      // a Category::key of the event
  std::string language;      // ISO 639-1, the badge's and the screens' language
  DaySet days;
  std::string delegation;
  bool vip = false;
  std::string staff_note;
  std::string email;
  AttendeeStatus status = AttendeeStatus::active;

  friend bool operator==(const Attendee&, const Attendee&) = default;
};

// The name as badges and screens show it: "Hélène Moncond'huy", or the native
// script with its Latin form, "Արամ Պետրոսյան (Aram Petrosyan)".
std::string display_name(const Attendee& attendee);

enum class CheckinKind {
  checkin,  // the attendee arrived (kiosk or desk)
  undo,     // cancels an earlier check-in (`undoes`)
  reprint,  // a badge printed again; does not change presence
  walkin,   // registered on site and checked in at once
  correction,  // the desk changed an attendee's record: `reason` holds what, as JSON
               // {"field": ["before", "after"], ...}; does not change presence
  superseded,  // a badge replaced by a reprint was scanned at a kiosk and refused
};
std::string_view to_string(CheckinKind kind);
std::optional<CheckinKind> checkin_kind_from_string(std::string_view text);

// One entry of the append-only check-in log. Carries a UUID so that kiosks can
// replicate it to a central store idempotently.
struct CheckinEvent {
  std::string uuid;
  std::string attendee_id;
  int day = 0;
  std::string kiosk;          // which kiosk or desk recorded it
  std::int64_t at_ms = 0;     // Unix time, milliseconds, UTC
  CheckinKind kind = CheckinKind::checkin;
  std::string operator_name;  // staff member for desk actions; empty at a self-service kiosk
  std::string undoes;         // for kind undo: the UUID of the check-in it cancels
  std::string reason;         // for undo and reprint: why; for correction: what changed (JSON)

  friend bool operator==(const CheckinEvent&, const CheckinEvent&) = default;
};

}  // namespace accueil
