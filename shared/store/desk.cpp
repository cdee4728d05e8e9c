#include "shared/store/desk.hpp"

#include <algorithm>
#include <array>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "shared/base/uuid.hpp"
#include "shared/store/checkin.hpp"
#include "shared/store/present_sql.hpp"
#include "shared/store/store_error.hpp"
#include "shared/text/countries.hpp"
#include "shared/text/text.hpp"

namespace accueil {

namespace {

Status check_operator(const CheckinContext& ctx) {
  if (trim(ctx.operator_name).empty()) return fail("a desk action needs the operator's name");
  return {};
}

Status check_day(const Event& event, int day) {
  if (day < 1 || (event.day_count() > 0 && day > event.day_count()))
    return fail(fmt::format("day {} is not a day of the event (it has {} days)", day, event.day_count()));
  return {};
}

Result<Attendee> attendee_or_fail(Store& store, std::string_view id) {
  auto found = store.attendee_by_id(id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail_said(store_error::no_attendee, {}, fmt::format("no attendee has the id {}", id));
  return std::move(**found);
}

// The record changed on this store: central must hear of it.
Status queue_attendee(Store& store, std::string_view id, std::int64_t at_ms) {
  auto stmt = store.database().prepare("INSERT INTO outbox (topic, ref, created_ms) VALUES ('attendee', ?1, ?2)");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, id).bind(2, at_ms).run();
}

bool is_event_language(const Event& event, std::string_view language) {
  if (event.languages.empty()) return language == "fr" || language == "en" || language == "es";
  return std::ranges::find(event.languages, language) != event.languages.end();
}

std::string folded_name(std::string_view first, std::string_view last) {
  return fold_key(first) + "|" + fold_key(last);
}

bool contains_words(std::string_view haystack_folded, const std::vector<std::string>& words) {
  return std::ranges::all_of(words, [&](const std::string& w) { return haystack_folded.find(w) != std::string::npos; });
}

}  // namespace

// --- Check in, undo ---------------------------------------------------------------------

Result<Decision> desk_check_in(Store& store, const Event& event, std::string_view attendee_id,
                               const CheckinContext& ctx, bool even_if_not_registered) {
  if (auto s = check_operator(ctx); !s) return std::unexpected(s.error());
  if (auto s = check_day(event, ctx.day); !s) return std::unexpected(s.error());
  if (!even_if_not_registered) return check_in_attendee(store, event, attendee_id, ctx);
  return store.write([&]() -> Result<Decision> {
    auto attendee = attendee_or_fail(store, attendee_id);
    if (!attendee) return std::unexpected(attendee.error());
    auto effective = store.effective_checkin(attendee_id, ctx.day);
    if (!effective) return std::unexpected(effective.error());
    Decision d;
    d.outcome = decide(*attendee, ctx.day, *effective);
    if (d.outcome == Outcome::not_registered_today) {
      CheckinEvent e = new_log_event(attendee_id, ctx, CheckinKind::checkin,
                                 fmt::format("not registered for day {}: checked in by the desk", ctx.day));
      if (auto s = store.append(e); !s) return std::unexpected(s.error());
      d.outcome = Outcome::ok;
      d.detail = fmt::format("Checked in {} for day {} (not registered for it) at {} by {}.",
                             display_name(*attendee), ctx.day, ctx.kiosk, ctx.operator_name);
      d.recorded = std::move(e);
    } else if (d.outcome == Outcome::ok) {
      CheckinEvent e = new_log_event(attendee_id, ctx, CheckinKind::checkin);
      if (auto s = store.append(e); !s) return std::unexpected(s.error());
      d.detail = fmt::format("Checked in {} for day {} at {}.", display_name(*attendee), ctx.day, ctx.kiosk);
      d.recorded = std::move(e);
    } else if (d.outcome == Outcome::already_checked_in) {
      d.previous = *effective;
      d.detail = fmt::format("{} was already checked in for day {}.", display_name(*attendee), ctx.day);
    } else {
      d.detail = fmt::format("The registration of {} was cancelled.", display_name(*attendee));
    }
    d.attendee = std::move(*attendee);
    return d;
  });
}

Result<CheckinEvent> desk_undo(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                               std::string_view reason) {
  if (auto s = check_operator(ctx); !s) return std::unexpected(s.error());
  if (trim(reason).empty()) return fail_said(store_error::needs_reason, {}, "undoing a check-in needs a reason");
  if (auto a = attendee_or_fail(store, attendee_id); !a) return std::unexpected(a.error());
  return undo_checkin(store, attendee_id, ctx, trim(reason));
}

namespace {
struct UndoReasonName {
  UndoReason reason;
  std::string_view name, words;
};
constexpr UndoReasonName k_undo_reasons[] = {
    {UndoReason::wrong_person, "wrong-person", "wrong person checked in"},
    {UndoReason::by_mistake, "by-mistake", "checked in by mistake or for the wrong day"},
    {UndoReason::not_attending, "not-attending", "left or not attending after all"},
    {UndoReason::other, "other", "other"},
};
}  // namespace

std::string_view to_string(UndoReason reason) {
  for (const auto& r : k_undo_reasons)
    if (r.reason == reason) return r.name;
  return "other";
}

std::optional<UndoReason> undo_reason_from_string(std::string_view text) {
  for (const auto& r : k_undo_reasons)
    if (r.name == text) return r.reason;
  return std::nullopt;
}

std::string_view undo_reason_words(UndoReason reason) {
  for (const auto& r : k_undo_reasons)
    if (r.reason == reason) return r.words;
  return "other";
}

Result<std::string> undo_reason_text(UndoReason reason, std::string_view other_text) {
  if (reason != UndoReason::other) return std::string(to_string(reason));
  if (trim(other_text).empty())
    return fail_said(store_error::needs_words, {}, "undoing a check-in for another reason needs a few words saying which");
  return fmt::format("other: {}", trim(other_text));
}

Result<CheckinEvent> desk_undo(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                               UndoReason reason, std::string_view other_text) {
  auto text = undo_reason_text(reason, other_text);
  if (!text) return std::unexpected(text.error());
  return desk_undo(store, attendee_id, ctx, *text);
}

// --- Reprints -----------------------------------------------------------------------------

namespace {
constexpr std::array<std::pair<ReprintReason, std::string_view>, 5> k_reprint_reasons{{
    {ReprintReason::lost, "lost"},
    {ReprintReason::damaged, "damaged"},
    {ReprintReason::misprint, "misprint"},
    {ReprintReason::name_corrected, "name-corrected"},
    {ReprintReason::other, "other"},
}};
}  // namespace

std::string_view to_string(ReprintReason reason) {
  for (auto [r, name] : k_reprint_reasons)
    if (r == reason) return name;
  return "other";
}

std::optional<ReprintReason> reprint_reason_from_string(std::string_view text) {
  for (auto [r, name] : k_reprint_reasons)
    if (name == text) return r;
  return std::nullopt;
}

Result<std::string> reprint_reason_text(ReprintReason reason, std::string_view other_text) {
  if (reason != ReprintReason::other) return std::string(to_string(reason));
  if (trim(other_text).empty())
    return fail_said(store_error::needs_words, {}, "a reprint for another reason needs a few words saying which");
  return fmt::format("other: {}", trim(other_text));
}

Result<CheckinEvent> desk_reprint(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                                  ReprintReason reason, std::string_view other_text) {
  if (auto s = check_operator(ctx); !s) return std::unexpected(s.error());
  auto text = reprint_reason_text(reason, other_text);
  if (!text) return std::unexpected(text.error());
  return store.write([&]() -> Result<CheckinEvent> {
    if (auto a = attendee_or_fail(store, attendee_id); !a) return std::unexpected(a.error());
    CheckinEvent e = new_log_event(attendee_id, ctx, CheckinKind::reprint, *text);
    if (auto s = store.append(e); !s) return std::unexpected(s.error());
    return e;
  });
}

Result<bool> ever_checked_in(Store& store, std::string_view attendee_id) {
  auto stmt = store.database().prepare(fmt::format(
      "SELECT count(*) FROM checkins AS c WHERE c.attendee_id = ?1 AND {}", sql_text::k_counts_as_present));
  if (!stmt) return std::unexpected(stmt.error());
  auto n = stmt->bind(1, attendee_id).first_row([](const sql::Statement& s) { return s.integer(0); });
  if (!n) return std::unexpected(n.error());
  return n->value_or(0) > 0;
}

Result<int> badge_number(Store& store, std::string_view attendee_id) {
  auto stmt = store.database().prepare(
      "SELECT count(*) FROM checkins WHERE attendee_id = ?1 AND kind = 'reprint'");
  if (!stmt) return std::unexpected(stmt.error());
  auto n = stmt->bind(1, attendee_id).first_row([](const sql::Statement& s) { return s.integer(0); });
  if (!n) return std::unexpected(n.error());
  return 1 + static_cast<int>(n->value_or(0));
}

// --- Corrections --------------------------------------------------------------------------

namespace {

// Each correctable text field: its name in the log, and where it is in both structs.
struct TextField {
  std::string_view name;
  std::optional<std::string> AttendeeChanges::*change;
  std::string Attendee::*field;
};
constexpr std::array<TextField, 13> k_text_fields{{
    {"civility", &AttendeeChanges::civility, &Attendee::civility},
    {"first_name", &AttendeeChanges::first_name, &Attendee::first_name},
    {"last_name", &AttendeeChanges::last_name, &Attendee::last_name},
    {"first_name_latin", &AttendeeChanges::first_name_latin, &Attendee::first_name_latin},
    {"last_name_latin", &AttendeeChanges::last_name_latin, &Attendee::last_name_latin},
    {"organisation", &AttendeeChanges::organisation, &Attendee::organisation},
    {"function", &AttendeeChanges::function, &Attendee::function},
    {"country", &AttendeeChanges::country, &Attendee::country},
    {"category", &AttendeeChanges::category, &Attendee::category},
    {"language", &AttendeeChanges::language, &Attendee::language},
    {"email", &AttendeeChanges::email, &Attendee::email},
    {"delegation", &AttendeeChanges::delegation, &Attendee::delegation},
    {"staff_note", &AttendeeChanges::staff_note, &Attendee::staff_note},
}};

}  // namespace

Attendee apply_changes(Attendee a, const AttendeeChanges& changes) {
  for (const TextField& f : k_text_fields)
    if (const auto& v = changes.*f.change) a.*f.field = std::string(trim(*v));
  if (changes.vip) a.vip = *changes.vip;
  return a;
}

Status check_changes(const Event& event, const Attendee& before, const AttendeeChanges& changes) {
  const Attendee after = apply_changes(before, changes);
  for (const TextField& f : k_text_fields)
    if (const auto& v = changes.*f.change; v && !is_valid_utf8(*v))
      return fail(fmt::format("the new {} is not valid UTF-8 text", f.name));
  if (trim(after.first_name).empty() && trim(after.last_name).empty())
    return fail_said(store_error::needs_name, {}, "a record needs a first or a last name");
  if (changes.country && !after.country.empty()) {
    auto code = country_code(after.country);
    if (!code || *code != after.country)
      return fail_said(store_error::bad_country, {{"value", after.country}},
                       fmt::format("\"{}\" is not an ISO 3166-1 country code (such as FR, DE, SN){}", after.country,
                                   code ? fmt::format(": did you mean {}?", *code) : ""));
  }
  if (changes.category && !event.category(after.category))
    return fail_said(store_error::bad_category, {{"value", after.category}},
                     fmt::format("\"{}\" is not one of the event's categories", after.category));
  if (changes.language && !is_event_language(event, after.language))
    return fail_said(store_error::bad_language, {{"value", after.language}},
                     fmt::format("\"{}\" is not one of the event's languages", after.language));
  if (changes.email && !after.email.empty() && after.email.find('@') == std::string::npos)
    return fail_said(store_error::bad_email, {{"value", after.email}},
                     fmt::format("\"{}\" is not an e-mail address (no @)", after.email));
  return {};
}

Result<std::optional<CheckinEvent>> desk_correct(Store& store, const Event& event, std::string_view attendee_id,
                                                 const AttendeeChanges& changes, const CheckinContext& ctx) {
  if (auto s = check_operator(ctx); !s) return std::unexpected(s.error());
  return store.write([&]() -> Result<std::optional<CheckinEvent>> {
    auto before = attendee_or_fail(store, attendee_id);
    if (!before) return std::unexpected(before.error());
    if (auto s = check_changes(event, *before, changes); !s) return std::unexpected(s.error());
    const Attendee after = apply_changes(*before, changes);
    nlohmann::ordered_json what = nlohmann::ordered_json::object();
    for (const TextField& f : k_text_fields)
      if ((*before).*f.field != after.*f.field) what[std::string(f.name)] = {(*before).*f.field, after.*f.field};
    if (before->vip != after.vip) what["vip"] = {before->vip, after.vip};
    if (changes.see_reception) {
      auto current = see_reception_of(store, attendee_id);
      if (!current) return std::unexpected(current.error());
      std::string wanted(trim(*changes.see_reception));
      if (*current != wanted) what["see_reception"] = {*current, wanted};
    }
    if (what.empty()) return std::optional<CheckinEvent>();
    if (after != *before) {
      if (auto s = store.update_attendee(after); !s) return std::unexpected(s.error());
      if (auto s = queue_attendee(store, attendee_id, ctx.now_ms); !s) return std::unexpected(s.error());
    }
    CheckinEvent e = new_log_event(attendee_id, ctx, CheckinKind::correction, what.dump());
    if (auto s = store.append(e); !s) return std::unexpected(s.error());
    return std::optional<CheckinEvent>(std::move(e));
  });
}

Result<std::string> see_reception_of(Store& store, std::string_view attendee_id) {
  auto stmt = store.database().prepare(
      "SELECT json_extract(reason, '$.see_reception[1]') FROM checkins WHERE attendee_id = ?1 AND kind = 'correction' "
      "AND json_valid(reason) AND json_type(reason, '$.see_reception') = 'array' ORDER BY at_ms DESC, seq DESC LIMIT 1");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->bind(1, attendee_id).first_row([](const sql::Statement& s) { return s.text(0); });
  if (!row) return std::unexpected(row.error());
  return row->value_or("");
}

// --- Walk-ins -----------------------------------------------------------------------------

namespace {

// fold_key() as an SQL function, so that the store compares names the way
// people read them (case, accents, punctuation ignored) without handing every
// row to C++. Registered on the connection the first time it is needed.
void sql_fold_key(sqlite3_context* ctx, int, sqlite3_value** args) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
  if (!text) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  const std::string folded = fold_key(std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(args[0]))));
  sqlite3_result_text(ctx, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

Status register_fold_key(sql::Database& db) {
  if (sqlite3_create_function_v2(db.handle(), "accueil_fold_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                 sql_fold_key, nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail(fmt::format("database error: cannot register accueil_fold_key: {}", sqlite3_errmsg(db.handle())));
  return {};
}

}  // namespace

Result<std::vector<Attendee>> possible_duplicates(Store& store, const WalkIn& w) {
  const std::string name = folded_name(w.first_name, w.last_name);
  const std::string swapped = folded_name(w.last_name, w.first_name);
  const std::string email = fold(trim(w.email));
  // Candidates by last name (either order) folded in SQL, as fold_key folds
  // them: "LEFEVRE" finds "Lefèvre", "Moncondhuy" finds "Moncond'huy"; then
  // the whole name compared in C++.
  if (auto s = register_fold_key(store.database()); !s) return std::unexpected(s.error());
  auto stmt = store.database().prepare(
      "SELECT id FROM attendees WHERE accueil_fold_key(last_name) IN (?1, ?2) "
      "OR (last_name_latin <> '' AND accueil_fold_key(last_name_latin) IN (?1, ?2)) "
      "OR (?3 <> '' AND lower(email) = lower(?3))");
  if (!stmt) return std::unexpected(stmt.error());
  auto ids = stmt->bind(1, fold_key(w.last_name)).bind(2, fold_key(w.first_name)).bind(3, trim(w.email))
                 .rows([](const sql::Statement& st) { return st.text(0); });
  if (!ids) return std::unexpected(ids.error());
  std::vector<Attendee> found;
  for (const std::string& id : *ids) {
    auto a = store.attendee_by_id(id);
    if (!a) return std::unexpected(a.error());
    if (!*a) continue;
    const std::string n = folded_name((*a)->first_name, (*a)->last_name);
    const std::string nl = folded_name((*a)->first_name_latin, (*a)->last_name_latin);
    if (n == name || n == swapped || (nl != "|" && (nl == name || nl == swapped)) ||
        (!email.empty() && fold(trim((*a)->email)) == email))
      found.push_back(std::move(**a));
  }
  return found;
}

std::string duplicate_warning(const Attendee& existing) {
  if (existing.organisation.empty()) return fmt::format("{} is already registered.", display_name(existing));
  return fmt::format("{}, {}, is already registered.", display_name(existing), existing.organisation);
}

Result<Decision> register_walkin(Store& store, const Event& event, const WalkIn& w, const CheckinContext& ctx) {
  if (auto s = check_operator(ctx); !s) return std::unexpected(s.error());
  if (auto s = check_day(event, ctx.day); !s) return std::unexpected(s.error());
  Attendee a;
  a.id = new_uuid();
  a.external_ref = "walkin:" + a.id;
  // A code a person can read out: W- and the first 8 hex digits of the id.
  a.ticket_code = "W-" + a.id.substr(0, 8);
  for (char& c : a.ticket_code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  a.language = w.language.empty() && !event.languages.empty() ? event.languages.front() : w.language;
  a.days = w.days;
  if (a.days.empty()) a.days.add(ctx.day);
  AttendeeChanges fields;
  fields.civility = w.civility;
  fields.first_name = w.first_name;
  fields.last_name = w.last_name;
  fields.organisation = w.organisation;
  fields.function = w.function;
  fields.country = w.country;
  fields.category = w.category;
  fields.language = a.language;
  fields.email = w.email;
  if (auto s = check_changes(event, a, fields); !s) return std::unexpected(s.error());
  a = apply_changes(std::move(a), fields);
  return store.write([&]() -> Result<Decision> {
    if (auto s = store.insert_attendee(a, AttendeeSource::walkin); !s) return std::unexpected(s.error());
    CheckinEvent e = new_log_event(a.id, ctx, CheckinKind::walkin);
    if (auto s = store.append(e); !s) return std::unexpected(s.error());
    Decision d;
    d.outcome = Outcome::ok;
    d.detail = fmt::format("Registered {} on site and checked them in for day {} at {}.", display_name(a), ctx.day,
                           ctx.kiosk);
    d.recorded = std::move(e);
    d.attendee = a;
    d.attendee_created = true;
    return d;
  });
}

// --- Delegations --------------------------------------------------------------------------

Result<std::vector<std::string>> find_delegations(Store& store, std::string_view query) {
  const std::vector<std::string> words = query_words(query);
  auto stmt = store.database().prepare(
      "SELECT delegation, country, first_name, last_name, first_name_latin, last_name_latin FROM attendees "
      "WHERE delegation <> '' AND status = 'active' ORDER BY delegation, rowid");
  if (!stmt) return std::unexpected(stmt.error());
  auto rows = stmt->rows([](const sql::Statement& s) {
    return std::array<std::string, 6>{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
  });
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::string> found;
  for (const auto& r : *rows) {
    if (!found.empty() && found.back() == r[0]) continue;
    // Spaces kept out, as query_words leaves them out of a word.
    const std::string text = fold_key(r[0]) + " " + fold_key(r[1]) + " " + fold_key(country_name(r[1], "fr")) + " " +
                             fold_key(country_name(r[1], "en")) + " " + fold_key(r[2]) + " " + fold_key(r[3]) + " " +
                             fold_key(r[4]) + " " + fold_key(r[5]);
    if (words.empty() || contains_words(text, words)) found.push_back(r[0]);
  }
  return found;
}

Result<std::vector<Attendee>> delegation_members(Store& store, std::string_view delegation) {
  auto all = store.attendees();
  if (!all) return std::unexpected(all.error());
  std::vector<Attendee> members;
  for (Attendee& a : *all)
    if (a.delegation == delegation && a.status == AttendeeStatus::active) members.push_back(std::move(a));
  return members;
}

std::optional<std::size_t> delegation_head(const std::vector<Attendee>& members) {
  if (members.empty()) return std::nullopt;
  auto first_where = [&](auto&& pred) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < members.size(); ++i)
      if (pred(members[i])) return i;
    return std::nullopt;
  };
  auto function_has = [](const Attendee& a, std::initializer_list<std::string_view> words) {
    const std::string f = fold_key(a.function);
    return std::ranges::any_of(words, [&](std::string_view w) { return f.find(w) != std::string::npos; });
  };
  if (auto i = first_where([&](const Attendee& a) {
        return function_has(a, {"chefdedelegation", "cheffededelegation", "headofdelegation", "jefadedelegacion",
                                "jefedelegacion", "jefededelegacion"});
      }))
    return i;
  if (auto i = first_where([&](const Attendee& a) { return function_has(a, {"ambassad", "embajad"}); })) return i;
  if (auto i = first_where([](const Attendee& a) { return a.vip; })) return i;
  return 0;
}

Result<std::vector<Decision>> check_in_group(Store& store, const Event& event, const std::vector<std::string>& ids,
                                             std::string_view head_id, const CheckinContext& ctx) {
  if (auto s = check_operator(ctx); !s) return std::unexpected(s.error());
  if (auto s = check_day(event, ctx.day); !s) return std::unexpected(s.error());
  if (ids.empty()) return fail("nobody of the delegation is ticked");
  std::vector<std::string> order;
  if (std::ranges::find(ids, head_id) != ids.end()) order.emplace_back(head_id);
  for (const std::string& id : ids)
    if (std::ranges::find(order, id) == order.end()) order.push_back(id);
  return store.write([&]() -> Result<std::vector<Decision>> {
    std::vector<Decision> decisions;
    for (const std::string& id : order) {
      auto attendee = attendee_or_fail(store, id);
      if (!attendee) return std::unexpected(attendee.error());
      auto effective = store.effective_checkin(id, ctx.day);
      if (!effective) return std::unexpected(effective.error());
      Decision d;
      d.outcome = decide(*attendee, ctx.day, *effective);
      // A delegation is checked in by the desk as it arrives, whatever days its members registered for.
      if (d.outcome == Outcome::ok || d.outcome == Outcome::not_registered_today) {
        CheckinEvent e = new_log_event(id, ctx, CheckinKind::checkin,
                                   d.outcome == Outcome::ok ? "" : fmt::format("not registered for day {}: checked in "
                                                                               "with the delegation", ctx.day));
        if (auto s = store.append(e); !s) return std::unexpected(s.error());
        d.outcome = Outcome::ok;
        d.recorded = std::move(e);
        d.detail = fmt::format("Checked in {} with the delegation {}.", display_name(*attendee), attendee->delegation);
      } else if (d.outcome == Outcome::already_checked_in) {
        d.previous = *effective;
        d.detail = fmt::format("{} was already checked in for day {}.", display_name(*attendee), ctx.day);
      } else {
        d.detail = fmt::format("The registration of {} was cancelled.", display_name(*attendee));
      }
      d.attendee = std::move(*attendee);
      decisions.push_back(std::move(d));
    }
    return decisions;
  });
}

// --- The audit ----------------------------------------------------------------------------

Result<std::vector<AuditEntry>> audit_log(Store& store, const AuditFilter& filter) {
  auto stmt = store.database().prepare(
      "SELECT * FROM (SELECT c.uuid, c.attendee_id, c.day, c.kiosk, c.at_ms, c.kind, c.operator, c.undoes, c.reason, "
      "a.first_name, a.last_name, a.first_name_latin, a.last_name_latin, c.seq FROM checkins AS c "
      "LEFT JOIN attendees AS a ON a.id = c.attendee_id WHERE c.at_ms >= ?1 AND (?2 = '' OR c.operator = ?2) "
      "AND (?3 = 0 OR c.operator <> '') ORDER BY c.at_ms DESC, c.seq DESC LIMIT ?4) ORDER BY at_ms, seq");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, filter.since_ms).bind(2, filter.operator_name).bind(3, filter.staff_only).bind(4, filter.limit)
      .rows([](const sql::Statement& s) {
        AuditEntry entry;
        entry.event = read_checkin(s);
        Attendee a;
        a.first_name = s.text(9);
        a.last_name = s.text(10);
        a.first_name_latin = s.text(11);
        a.last_name_latin = s.text(12);
        entry.attendee_name = a.first_name.empty() && a.last_name.empty() ? entry.event.attendee_id : display_name(a);
        return entry;
      });
}

}  // namespace accueil
