#include "shared/domain/model.hpp"

#include <array>
#include <utility>

namespace accueil {

DaySet DaySet::all(int day_count) {
  DaySet d;
  for (int day = 1; day <= day_count; ++day) d.add(day);
  return d;
}

std::vector<int> DaySet::days() const {
  std::vector<int> out;
  for (int day = 1; day <= 32; ++day)
    if (contains(day)) out.push_back(day);
  return out;
}

std::string DaySet::to_string() const {
  std::string out;
  for (int day : days()) {
    if (!out.empty()) out += ',';
    out += std::to_string(day);
  }
  return out;
}

namespace {
constexpr std::array<std::pair<CategoryRole, std::string_view>, 9> k_roles{{
    {CategoryRole::local_government, "local_government"},
    {CategoryRole::embassy, "embassy"},
    {CategoryRole::delegation, "delegation"},
    {CategoryRole::speaker, "speaker"},
    {CategoryRole::exhibitor, "exhibitor"},
    {CategoryRole::partner, "partner"},
    {CategoryRole::press, "press"},
    {CategoryRole::organiser, "organiser"},
    {CategoryRole::other, "other"},
}};

constexpr std::array<std::pair<CheckinKind, std::string_view>, 6> k_kinds{{
    {CheckinKind::checkin, "checkin"},
    {CheckinKind::undo, "undo"},
    {CheckinKind::reprint, "reprint"},
    {CheckinKind::walkin, "walkin"},
    {CheckinKind::correction, "correction"},
    {CheckinKind::superseded, "superseded"},
}};
}  // namespace

std::string_view to_string(CategoryRole role) {
  for (auto [r, name] : k_roles)
    if (r == role) return name;
  return "other";
}

std::optional<CategoryRole> category_role_from_string(std::string_view text) {
  for (auto [r, name] : k_roles)
    if (name == text) return r;
  return std::nullopt;
}

std::string_view to_string(CheckinKind kind) {
  for (auto [k, name] : k_kinds)
    if (k == kind) return name;
  return "checkin";
}

std::optional<CheckinKind> checkin_kind_from_string(std::string_view text) {
  for (auto [k, name] : k_kinds)
    if (name == text) return k;
  return std::nullopt;
}

std::string_view to_string(NameSearchRules::Check check) {
  switch (check) {
    case NameSearchRules::Check::none: return "none";
    case NameSearchRules::Check::email: return "email";
    case NameSearchRules::Check::organisation: return "organisation";
  }
  return "none";
}

std::string_view to_string(AttendeeStatus status) {
  return status == AttendeeStatus::cancelled ? "cancelled" : "active";
}

std::string display_name(const Attendee& a) {
  std::string name = a.first_name.empty() ? a.last_name : a.last_name.empty() ? a.first_name : a.first_name + " " + a.last_name;
  const std::string latin = a.first_name_latin.empty() ? a.last_name_latin
                            : a.last_name_latin.empty() ? a.first_name_latin
                                                        : a.first_name_latin + " " + a.last_name_latin;
  if (!latin.empty() && latin != name) name += " (" + latin + ")";
  return name;
}

const std::string& Category::label(std::string_view language) const {
  if (auto it = labels.find(std::string(language)); it != labels.end()) return it->second;
  if (auto it = labels.find("fr"); it != labels.end()) return it->second;
  return key;
}

const Category* Event::category(std::string_view key) const {
  for (const Category& c : categories)
    if (c.key == key) return &c;
  return nullptr;
}

std::optional<int> Event::day_of(std::string_view iso_date) const {
  for (std::size_t i = 0; i < days.size(); ++i)
    if (days[i].date == iso_date) return static_cast<int>(i) + 1;
  return std::nullopt;
}

}  // namespace accueil
