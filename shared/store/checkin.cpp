#include "shared/store/checkin.hpp"

#include <fmt/core.h>

#include "shared/store/desk.hpp"
#include "shared/store/store_error.hpp"
#include "shared/text/text.hpp"
#include "shared/base/uuid.hpp"

namespace accueil {

namespace {

std::string days_text(DaySet days) {
  auto list = days.days();
  if (list.empty()) return "no day";
  if (list.size() == 1) return fmt::format("day {} only", list.front());
  return fmt::format("days {}", days.to_string());
}


// Inside a write transaction: the rule, then the append when it says ok.
Result<Decision> decide_and_record(Store& store, const Event& event, Attendee attendee,
                                   const CheckinContext& ctx) {
  auto effective = store.effective_checkin(attendee.id, ctx.day);
  if (!effective) return std::unexpected(effective.error());
  Decision d;
  d.outcome = decide(attendee, ctx.day, *effective);
  const std::string who = display_name(attendee);
  switch (d.outcome) {
    case Outcome::ok: {
      CheckinEvent e = new_log_event(attendee.id, ctx, CheckinKind::checkin);
      if (auto s = store.append(e); !s) return std::unexpected(s.error());
      auto see = see_reception_of(store, attendee.id);
      if (!see) return std::unexpected(see.error());
      d.see_reception = std::move(*see);
      d.detail = d.see_reception.empty()
                     ? fmt::format("Checked in {} for day {} at {}.", who, ctx.day, ctx.kiosk)
                     : fmt::format("Checked in {} for day {} at {}; to see reception: {}.", who, ctx.day, ctx.kiosk,
                                   d.see_reception);
      d.recorded = std::move(e);
      break;
    }
    case Outcome::already_checked_in:
      d.previous = *effective;
      d.detail = fmt::format("{} was already checked in for day {} at {} on {}.", who, ctx.day,
                             local_time(d.previous->at_ms, event.timezone), d.previous->kiosk);
      break;
    case Outcome::not_registered_today:
      d.detail = fmt::format("{} is registered for {}, not for day {}.", who, days_text(attendee.days), ctx.day);
      break;
    case Outcome::cancelled:
      d.detail = fmt::format("The registration of {} was cancelled.", who);
      break;
    default:
      break;
  }
  d.attendee = std::move(attendee);
  return d;
}

Decision refusal(Outcome outcome, std::string detail) {
  Decision d;
  d.outcome = outcome;
  d.detail = std::move(detail);
  return d;
}

Attendee attendee_from_claims(const TicketClaims& c) {
  Attendee a;
  a.id = new_uuid();
  a.external_ref = ticket_ref(c.ticket_code);
  a.ticket_code = c.ticket_code;
  a.first_name = c.first_name;
  a.last_name = c.last_name;
  a.first_name_latin = c.first_name_latin;
  a.last_name_latin = c.last_name_latin;
  a.organisation = c.organisation;
  a.category = c.category;
  a.country = c.country;
  a.language = c.language;
  a.days = c.days;
  return a;
}

// Scanners end with Enter and sometimes add a tab or a prefix of control codes.
std::string clean_scan(std::string_view scanned) {
  std::string out;
  for (char c : trim(scanned))
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  return out;
}

// A reprinted badge's code ends in '#' and the badge's number (Store::badge_code):
// the code without it, and the number (0 when there is none).
std::pair<std::string, int> split_badge_number(std::string code) {
  const auto hash = code.rfind('#');
  if (hash == std::string::npos || hash + 1 == code.size() || code.size() - hash > 4) return {std::move(code), 0};
  int number = 0;
  for (char c : std::string_view(code).substr(hash + 1)) {
    if (c < '0' || c > '9') return {std::move(code), 0};
    number = number * 10 + (c - '0');
  }
  code.resize(hash);
  return {std::move(code), number};
}

// Inside a write transaction: a badge that a reprint replaced is refused, and
// the scan is logged. nullopt: the badge is the newest (or carries no number).
Result<std::optional<Decision>> refuse_superseded(Store& store, const Attendee& attendee, int scanned_number,
                                                  const CheckinContext& ctx) {
  if (scanned_number == 0) return std::optional<Decision>();
  auto newest = badge_number(store, attendee.id);
  if (!newest) return std::unexpected(newest.error());
  if (scanned_number >= *newest) return std::optional<Decision>();
  CheckinEvent e = new_log_event(attendee.id, ctx, CheckinKind::superseded,
                             fmt::format("badge {} scanned; badge {} replaced it", scanned_number, *newest));
  if (auto s = store.append(e); !s) return std::unexpected(s.error());
  Decision d;
  d.outcome = Outcome::superseded;
  d.detail = fmt::format("Badge {} of {} was replaced by badge {}.", scanned_number, display_name(attendee), *newest);
  d.recorded = std::move(e);
  d.attendee = attendee;
  return std::optional<Decision>(std::move(d));
}

}  // namespace

Result<Decision> check_in_scan(Store& store, const Event& event, std::string_view scanned,
                               const CheckinContext& ctx) {
  auto [code, badge] = split_badge_number(clean_scan(scanned));
  if (code.empty()) return refusal(Outcome::unknown, "Nothing was scanned.");

  if (!looks_like_signed_ticket(code)) {
    return store.write([&]() -> Result<Decision> {
      auto found = store.attendee_by_ticket(code);
      if (!found) return std::unexpected(found.error());
      if (!*found) return refusal(Outcome::unknown, fmt::format("No attendee has the ticket code \"{}\".", code));
      auto superseded = refuse_superseded(store, **found, badge, ctx);
      if (!superseded) return std::unexpected(superseded.error());
      if (*superseded) return std::move(**superseded);
      return decide_and_record(store, event, std::move(**found), ctx);
    });
  }

  if (event.public_key.empty())
    return refusal(Outcome::invalid_signature,
                   "This store has no public key to verify signed tickets: set public_key in the event file or "
                   "run accueilctl keygen.");
  auto key = public_key_from_text(event.public_key);
  if (!key) return std::unexpected(key.error());
  VerifiedTicket ticket = verify_ticket(code, *key);
  const bool this_event = ticket.claims.event_tag == event_tag(event.id);
  if (ticket.check != TicketCheck::malformed && !this_event)
    return refusal(Outcome::other_event, "This ticket is for another event.");
  if (ticket.check != TicketCheck::valid)
    return refusal(Outcome::invalid_signature,
                   "This ticket does not verify: it was altered or damaged, or signed by another key.");

  return store.write([&]() -> Result<Decision> {
    auto found = store.attendee_by_ticket(ticket.claims.ticket_code);
    if (!found) return std::unexpected(found.error());
    bool created = false;
    if (!*found) {
      // Not in this kiosk's list (registered late, list not synced yet): the
      // signed ticket vouches for the person, so the kiosk takes them in.
      Attendee a = attendee_from_claims(ticket.claims);
      if (auto s = store.insert_attendee(a, AttendeeSource::token); !s) return std::unexpected(s.error());
      *found = std::move(a);
      created = true;
    }
    auto superseded = refuse_superseded(store, **found, badge, ctx);
    if (!superseded) return std::unexpected(superseded.error());
    if (*superseded) return std::move(**superseded);
    // The badge will carry the ticket the person showed.
    if (auto s = store.set_ticket_token((*found)->id, code); !s) return std::unexpected(s.error());
    auto d = decide_and_record(store, event, std::move(**found), ctx);
    if (d) d->attendee_created = created;
    return d;
  });
}

Result<Decision> check_in_attendee(Store& store, const Event& event, std::string_view attendee_id,
                                   const CheckinContext& ctx) {
  return store.write([&]() -> Result<Decision> {
    auto found = store.attendee_by_id(attendee_id);
    if (!found) return std::unexpected(found.error());
    if (!*found) return refusal(Outcome::unknown, fmt::format("No attendee has the id {}.", attendee_id));
    return decide_and_record(store, event, std::move(**found), ctx);
  });
}

Result<CheckinEvent> undo_checkin(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                                  std::string_view reason) {
  return store.write([&]() -> Result<CheckinEvent> {
    auto effective = store.effective_checkin(attendee_id, ctx.day);
    if (!effective) return std::unexpected(effective.error());
    if (!*effective) return fail_said(store_error::nothing_to_undo, {{"day", std::to_string(ctx.day)}},
                                         fmt::format("there is no check-in to undo for day {}", ctx.day));
    CheckinEvent e = new_log_event(attendee_id, ctx, CheckinKind::undo, reason);
    e.undoes = (*effective)->uuid;
    if (auto s = store.append(e); !s) return std::unexpected(s.error());
    return e;
  });
}

Result<CheckinEvent> record_reprint(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                                    std::string_view reason) {
  return store.write([&]() -> Result<CheckinEvent> {
    CheckinEvent e = new_log_event(attendee_id, ctx, CheckinKind::reprint, reason);
    if (auto s = store.append(e); !s) return std::unexpected(s.error());
    return e;
  });
}

CheckinEvent new_log_event(std::string_view attendee_id, const CheckinContext& ctx, CheckinKind kind,
                           std::string_view reason) {
  CheckinEvent e;
  e.uuid = new_uuid();
  e.attendee_id = std::string(attendee_id);
  e.day = ctx.day;
  e.kiosk = ctx.kiosk;
  e.at_ms = ctx.now_ms;
  e.kind = kind;
  e.operator_name = ctx.operator_name;
  e.reason = std::string(reason);
  return e;
}

}  // namespace accueil
