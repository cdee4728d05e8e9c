#include "shared/flow/desk_flow.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "shared/text/text.hpp"

namespace accueil {

std::string_view to_string(DeskScreen screen) {
  switch (screen) {
    case DeskScreen::self_service: return "self_service";
    case DeskScreen::pin: return "pin";
    case DeskScreen::find: return "find";
    case DeskScreen::person: return "person";
    case DeskScreen::correct: return "correct";
    case DeskScreen::reprint: return "reprint";
    case DeskScreen::undo: return "undo";
    case DeskScreen::walkin: return "walkin";
    case DeskScreen::delegation: return "delegation";
    case DeskScreen::reception: return "reception";
  }
  return "pin";
}

std::string_view to_string(DeskActionKind kind) {
  switch (kind) {
    case DeskActionKind::check_in: return "check_in";
    case DeskActionKind::undo: return "undo";
    case DeskActionKind::reprint: return "reprint";
    case DeskActionKind::correct: return "correct";
    case DeskActionKind::walk_in: return "walk_in";
    case DeskActionKind::group_check_in: return "group_check_in";
  }
  return "check_in";
}

// --- Performing an action ---------------------------------------------------------------

namespace {

NoticeArg text(std::string_view name, std::string value) { return {std::string(name), std::move(value)}; }
NoticeArg number(std::string_view name, std::size_t value) { return {std::string(name), std::to_string(value)}; }

// A reprint's reason as the log records it: one of the list's is translated;
// of "other: <text>", the words staff typed are shown as typed.
NoticeArg reason_arg(const std::string& reason) {
  if (reprint_reason_from_string(reason)) return {"reason", reason, NoticeArg::Kind::message};
  constexpr std::string_view other = "other: ";
  if (reason.starts_with(other)) return text("reason", reason.substr(other.size()));
  return text("reason", reason);
}

// An undo's reason as the log records it: one of the list's in its words, translated; of
// "other: <text>", the words typed.
NoticeArg undo_reason_arg(const std::string& reason) {
  if (auto r = undo_reason_from_string(reason)) return {"reason", std::string(undo_reason_words(*r)), NoticeArg::Kind::message};
  constexpr std::string_view other = "other: ";
  if (reason.starts_with(other)) return text("reason", reason.substr(other.size()));
  return text("reason", reason);
}

// What the desk says of a check-in decision (desk_check_in, register_walkin, check_in_group).
NoticeMessage decision_message(const Decision& d, const CheckinContext& ctx, bool walk_in, bool unregistered) {
  const std::string name = d.attendee ? display_name(*d.attendee) : std::string();
  const NoticeArg day = number("day", static_cast<std::size_t>(ctx.day));
  switch (d.outcome) {
    case Outcome::ok:
      if (walk_in) return message(desk_notice::walked_in, {text("name", name), day, text("terminal", ctx.kiosk)});
      return message(unregistered ? desk_notice::checked_in_unregistered : desk_notice::checked_in,
                     {text("name", name), day, text("terminal", ctx.kiosk)});
    case Outcome::already_checked_in: return message(desk_notice::already_checked_in, {text("name", name), day});
    case Outcome::not_registered_today: return message(desk_notice::not_registered, {text("name", name), day});
    case Outcome::cancelled: return message(desk_notice::cancelled, {text("name", name)});
    default:
      // No record behind the id (removed by a new import since it was found): say so, not a nameless sentence.
      if (!d.attendee) return message(store_error::no_attendee);
      return message(desk_notice::not_checked_in, {text("name", name)});
  }
}

// A reprint replaces a badge that was handed over: someone checked in on any
// day of the event (a badge serves every day). Someone never checked in gets
// their first badge from a check-in, which the dashboard counts; a reprint
// would print it without saying they came. A record that is gone is left to
// the action's own "no longer on the list".
Status reprint_allowed(Store& store, std::string_view attendee_id) {
  auto found = store.attendee_by_id(attendee_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return {};
  auto checked_in = ever_checked_in(store, attendee_id);
  if (!checked_in) return std::unexpected(checked_in.error());
  if (!*checked_in)
    return fail_said(store_error::never_checked_in, {},
                     fmt::format("no reprint for {}: not checked in on any day; check them in instead", attendee_id));
  return {};
}

}  // namespace

NoticeMessage duplicate_message(const Attendee& existing) {
  if (existing.organisation.empty())
    return message(desk_notice::duplicate_no_organisation, {text("name", display_name(existing))});
  return message(desk_notice::duplicate,
                 {text("name", display_name(existing)), text("organisation", existing.organisation)});
}

Result<DeskOutcome> perform_desk_action(Store& store, const Event& event, const DeskAction& action,
                                        const CheckinContext& ctx) {
  DeskOutcome out;
  out.printer = action.printer;
  auto decided = [&](Decision d, bool walk_in, bool unregistered) {
    out.done = d.outcome == Outcome::ok;
    out.notice.said = decision_message(d, ctx, walk_in, unregistered);
    if (d.recorded) out.events.push_back(*d.recorded);
    if (out.done && d.attendee) out.to_print.push_back(d.attendee->id);
    out.decisions.push_back(std::move(d));
  };
  auto finish = [&]() -> Result<DeskOutcome> {
    out.notice.tone = out.done ? NoticeTone::done : NoticeTone::refused;
    return out;
  };
  switch (action.kind) {
    case DeskActionKind::check_in: {
      auto d = desk_check_in(store, event, action.attendee_id, ctx, action.even_if_not_registered);
      if (!d) return std::unexpected(d.error());
      const bool unregistered = d->recorded && !d->recorded->reason.empty();
      decided(std::move(*d), false, unregistered);
      return finish();
    }
    case DeskActionKind::undo: {
      if (!action.undo_reason) return fail_said(store_error::needs_reason, {}, "undoing a check-in needs a reason: choose one");
      auto e = desk_undo(store, action.attendee_id, ctx, *action.undo_reason, action.other_text);
      if (!e) return std::unexpected(e.error());
      out.done = true;
      out.notice.said = message(desk_notice::undone, {number("day", static_cast<std::size_t>(ctx.day)), undo_reason_arg(e->reason)});
      out.events.push_back(std::move(*e));
      return finish();
    }
    case DeskActionKind::reprint: {
      if (auto allowed = reprint_allowed(store, action.attendee_id); !allowed) return std::unexpected(allowed.error());
      auto e = desk_reprint(store, action.attendee_id, ctx, action.reprint_reason, action.other_text);
      if (!e) return std::unexpected(e.error());
      out.done = true;
      out.notice.said = message(desk_notice::reprinted, {reason_arg(e->reason)});
      out.print_reason = e->reason;
      out.to_print.push_back(action.attendee_id);
      out.events.push_back(std::move(*e));
      return finish();
    }
    case DeskActionKind::correct: {
      // Checked before the correction is written, so that a refusal changes nothing.
      if (action.print)
        if (auto allowed = reprint_allowed(store, action.attendee_id); !allowed) return std::unexpected(allowed.error());
      auto e = desk_correct(store, event, action.attendee_id, action.changes, ctx);
      if (!e) return std::unexpected(e.error());
      if (!*e) {
        out.notice.said = message(desk_notice::nothing_to_change);
        return finish();
      }
      out.done = true;
      out.notice.said = message(desk_notice::corrected);
      out.events.push_back(std::move(**e));
      // The corrected badge is a reprint: it gets the next number, and the old one stops passing.
      if (action.print) {
        auto r = desk_reprint(store, action.attendee_id, ctx, ReprintReason::name_corrected);
        if (!r) return std::unexpected(r.error());
        out.notice.said = message(desk_notice::corrected_prints);
        out.print_reason = r->reason;
        out.to_print.push_back(action.attendee_id);
        out.events.push_back(std::move(*r));
      }
      return finish();
    }
    case DeskActionKind::walk_in: {
      if (!action.despite_duplicates) {
        auto dups = possible_duplicates(store, action.walkin);
        if (!dups) return std::unexpected(dups.error());
        if (!dups->empty()) {
          out.notice.said = duplicate_message(dups->front());
          out.duplicates = std::move(*dups);
          return finish();
        }
      }
      auto d = register_walkin(store, event, action.walkin, ctx);
      if (!d) return std::unexpected(d.error());
      decided(std::move(*d), true, false);
      return finish();
    }
    case DeskActionKind::group_check_in: {
      auto ds = check_in_group(store, event, action.group, action.head_id, ctx);
      if (!ds) return std::unexpected(ds.error());
      std::size_t checked = 0;
      for (Decision& d : *ds) {
        if (d.recorded) out.events.push_back(*d.recorded);
        if (d.outcome == Outcome::ok && d.attendee) {
          out.to_print.push_back(d.attendee->id);
          ++checked;
        }
        out.decisions.push_back(std::move(d));
      }
      out.done = checked > 0;
      out.notice.said = message(desk_notice::group, {number("checked", checked), number("count", ds->size())});
      return finish();
    }
  }
  return fail("unknown desk action");
}

// --- The flow ---------------------------------------------------------------------------

DeskFlow::DeskFlow(DeskOptions options, const Clock& clock, const DeskIndex* index)
    : m_options(std::move(options)), m_clock(clock), m_index(index) {
  m_state.screen = m_options.on_kiosk ? DeskScreen::self_service : DeskScreen::pin;
  m_state.last_input_ms = m_screen_since_ms = m_clock.now_ms();
}

DeskEffects DeskFlow::take_effects() { return std::exchange(m_effects, {}); }

void DeskFlow::set_index(const DeskIndex* index) {
  m_index = index;
  if (m_state.screen == DeskScreen::find) refresh_results();
}

void DeskFlow::input() { m_state.last_input_ms = m_clock.now_ms(); }

void DeskFlow::become_locked(bool by_idle) {
  m_pin.assign(m_pin.size(), '\0');
  m_pin.clear();
  const std::string name = m_state.pin_name;
  const PinNotice notice = m_state.pin_notice;
  const std::int64_t wait = m_state.pin_wait_until_ms;
  m_state = DeskState{};
  // A wait or lockout outlives the lock: it is the terminal's, not the person's.
  if (m_clock.now_ms() < wait) {
    m_state.pin_notice = notice;
    m_state.pin_wait_until_ms = wait;
  }
  m_state.pin_name = m_options.on_kiosk ? "" : name;
  m_state.screen = m_options.on_kiosk ? DeskScreen::self_service : DeskScreen::pin;
  m_state.locked_by_idle = by_idle;
  m_state.last_input_ms = m_screen_since_ms = m_clock.now_ms();
  m_pin_ticket = m_action_ticket = 0;
  m_corner_since_ms.reset();
}

void DeskFlow::corner_press() {
  if (!m_options.on_kiosk || m_state.screen != DeskScreen::self_service) return;
  m_corner_since_ms = m_clock.now_ms();
}

void DeskFlow::corner_release() { m_corner_since_ms.reset(); }

void DeskFlow::choose_staff(std::string_view name) {
  if (m_state.screen != DeskScreen::pin || m_state.pin_checking) return;
  input();
  m_state.pin_name = std::string(name);
  m_pin.clear();
  m_state.pin_digits = 0;
  if (m_state.pin_notice == PinNotice::wrong || m_state.pin_notice == PinNotice::needs_admin)
    m_state.pin_notice = PinNotice::none;
}

void DeskFlow::pin_digit(char digit) {
  if (m_state.screen != DeskScreen::pin || m_state.pin_checking || digit < '0' || digit > '9') return;
  input();
  if (m_pin.size() >= 12) return;
  m_pin += digit;
  m_state.pin_digits = m_pin.size();
}

void DeskFlow::pin_backspace() {
  if (m_state.screen != DeskScreen::pin || m_state.pin_checking || m_pin.empty()) return;
  input();
  m_pin.back() = '\0';
  m_pin.pop_back();
  m_state.pin_digits = m_pin.size();
}

void DeskFlow::pin_submit() {
  if (m_state.screen != DeskScreen::pin || m_state.pin_checking || m_pin.empty() || m_state.pin_name.empty()) return;
  input();
  m_pin_ticket = next_ticket();
  m_effects.pin_checks.push_back({m_pin_ticket, m_state.pin_name, std::exchange(m_pin, {})});
  m_state.pin_digits = 0;
  m_state.pin_checking = true;
}

void DeskFlow::on_pin_checked(std::uint64_t ticket, const PinCheck& check) {
  if (ticket != m_pin_ticket || m_state.screen != DeskScreen::pin) return;
  m_state.pin_checking = false;
  input();
  if (check.outcome == PinOutcome::right && check.member) {
    m_state.staff = check.member;
    m_state.pin_notice = PinNotice::none;
    m_state.pin_wait_until_ms = 0;
    m_state.locked_by_idle = false;
    m_state.screen = DeskScreen::find;
    m_screen_since_ms = m_clock.now_ms();
    return;
  }
  m_state.pin_wait_until_ms = check.allowed_from_ms;
  m_state.pin_notice = check.locked ? PinNotice::locked
                       : check.outcome == PinOutcome::refused ? PinNotice::wait
                                                              : PinNotice::wrong;
}

void DeskFlow::on_pin_failed(std::uint64_t ticket) {
  if (ticket != m_pin_ticket) return;
  m_state.pin_checking = false;
  m_state.pin_notice = PinNotice::wrong;
}

void DeskFlow::lock() {
  if (m_state.screen == DeskScreen::self_service) return;
  become_locked(false);
}

void DeskFlow::request_quit() {
  input();
  if (m_state.staff && m_state.staff->role == StaffRole::admin) {
    m_effects.quit = true;
    return;
  }
  // Not an admin at the desk: say so on the PIN screen (an admin must unlock first).
  if (m_state.staff) {
    m_state.notice = Notice{.said = message(desk_notice::admin_only), .tone = NoticeTone::refused};
  } else if (m_state.screen == DeskScreen::pin) {
    m_state.pin_notice = PinNotice::needs_admin;
  }
}

void DeskFlow::go(DeskScreen screen) {
  if (!unlocked() || screen == DeskScreen::pin || screen == DeskScreen::self_service) return;
  input();
  if ((screen == DeskScreen::person || screen == DeskScreen::correct || screen == DeskScreen::reprint ||
       screen == DeskScreen::undo) &&
      m_state.selected_id.empty())
    return;
  // Back from the delegation screen, the search starts afresh: the query typed
  // before it spoke of someone else, and its results would be stale.
  if (m_state.screen == DeskScreen::delegation && screen == DeskScreen::find) {
    m_state.query.clear();
    m_state.results.clear();
    m_state.highlighted = 0;
  }
  m_state.screen = screen;
  m_state.duplicates.clear();
  m_state.notice = {};  // it spoke of what was done on the screen left
  m_state.print_requests.clear();
  m_screen_since_ms = m_clock.now_ms();
  if (screen == DeskScreen::find) refresh_results();
}

void DeskFlow::set_query(std::string_view query) {
  if (!unlocked()) return;
  input();
  m_state.query = std::string(query);
  if (m_state.screen != DeskScreen::find) {
    m_state.screen = DeskScreen::find;
    m_screen_since_ms = m_clock.now_ms();
  }
  refresh_results();
}

void DeskFlow::refresh_results() {
  m_state.results.clear();
  m_state.highlighted = 0;
  if (!m_index || trim(m_state.query).empty()) return;
  for (const DeskIndexHit& h : m_index->search(m_state.query, m_options.max_results))
    m_state.results.push_back({std::string(m_index->id(h.index)), std::string(m_index->name(h.index)),
                               std::string(m_index->organisation(h.index)), std::string(h.matched)});
}

void DeskFlow::highlight(std::size_t result) {
  if (!unlocked() || result >= m_state.results.size()) return;
  input();
  m_state.highlighted = result;
}

void DeskFlow::select(std::string_view attendee_id) {
  if (!unlocked() || attendee_id.empty()) return;
  input();
  m_state.selected_id = std::string(attendee_id);
  m_state.screen = DeskScreen::person;
  m_screen_since_ms = m_clock.now_ms();
}

void DeskFlow::select_highlighted() {
  if (m_state.screen != DeskScreen::find || m_state.highlighted >= m_state.results.size()) return;
  select(m_state.results[m_state.highlighted].attendee_id);
}

void DeskFlow::request(DeskAction action) {
  if (!unlocked() || m_state.busy) return;
  input();
  m_action_ticket = next_ticket();
  m_action_kind = action.kind;
  m_state.busy = true;
  m_state.notice = {};
  m_state.print_requests.clear();
  m_effects.actions.push_back({m_action_ticket, std::move(action), m_state.staff->name});
}

void DeskFlow::on_action_done(std::uint64_t ticket, const Result<DeskOutcome>& outcome) {
  if (ticket != m_action_ticket || !m_state.busy) return;
  m_state.busy = false;
  if (!outcome) {
    m_state.notice = Notice{.said = error_message(outcome.error()), .tone = NoticeTone::refused};
    return;
  }
  m_state.notice = outcome->notice;
  m_state.print_requests = outcome->print_requests;
  m_action_notice = outcome->notice;
  m_state.duplicates = outcome->duplicates;
  // A walk-in registered: the desk shows the new person.
  if (outcome->done && m_state.screen == DeskScreen::walkin && !outcome->decisions.empty() &&
      outcome->decisions.front().attendee) {
    m_state.selected_id = outcome->decisions.front().attendee->id;
    m_state.screen = DeskScreen::person;
    m_screen_since_ms = m_clock.now_ms();
  } else if (outcome->done && (m_state.screen == DeskScreen::correct || m_state.screen == DeskScreen::reprint ||
                                m_state.screen == DeskScreen::undo)) {
    m_state.screen = DeskScreen::person;
    m_screen_since_ms = m_clock.now_ms();
  }
}

void DeskFlow::on_print_progress(const std::vector<std::int64_t>& requests, const PrintProgress& p) {
  if (requests.empty() || requests != m_state.print_requests || m_state.busy) return;
  Notice n = m_action_notice;
  std::vector<NoticeArg> args;
  args.push_back(NoticeArg{"printer", p.printer, NoticeArg::Kind::text});
  // Held, failed or on the reception list: the reprinted badge has not come out, whatever the log says.
  const bool not_out = (p.waiting > 0 && !p.problem.empty()) || (p.waiting == 0 && (p.failed > 0 || p.at_reception > 0));
  if (not_out && m_action_kind == DeskActionKind::reprint) n.said.id = std::string(desk_notice::reprint_recorded);
  if (p.waiting > 0) {
    if (!p.problem.empty()) {
      args.push_back(NoticeArg{"problem", p.problem, NoticeArg::Kind::printer_problem});
      if (p.waiting == 1) {
        n.print = message(desk_notice::badge_held, std::move(args));
      } else {
        args.push_back(NoticeArg{"waiting", std::to_string(p.waiting), NoticeArg::Kind::text});
        n.print = message(desk_notice::badges_held, std::move(args));
      }
      n.tone = NoticeTone::waiting;
    }
    m_state.notice = std::move(n);  // held, or printing again once the printer came back
    return;
  }
  m_state.print_requests.clear();
  if (p.failed > 0) {
    n.print = message(desk_notice::badge_failed, std::move(args));
    n.tone = NoticeTone::refused;
  } else if (p.at_reception > 0) {
    n.print = message(desk_notice::badge_at_reception);
    n.tone = NoticeTone::waiting;
  } else if (p.printed == 1) {
    n.print = message(desk_notice::badge_printed, std::move(args));
  } else if (p.printed > 1) {
    args.push_back(NoticeArg{"printed", std::to_string(p.printed), NoticeArg::Kind::text});
    n.print = message(desk_notice::badges_printed, std::move(args));
  }
  m_state.notice = std::move(n);
}

void DeskFlow::touch() { input(); }

void DeskFlow::tick() {
  const std::int64_t now = m_clock.now_ms();
  if (m_corner_since_ms && now - *m_corner_since_ms >= m_options.gesture_hold_ms &&
      m_state.screen == DeskScreen::self_service) {
    m_corner_since_ms.reset();
    m_state.screen = DeskScreen::pin;
    m_state.last_input_ms = m_screen_since_ms = now;
    return;
  }
  if (unlocked()) {
    // An action under way finishes first; its answer then counts as input.
    if (!m_state.busy && now - m_state.last_input_ms >= m_options.idle_lock_ms) become_locked(true);
    return;
  }
  if (m_state.screen == DeskScreen::pin) {
    if (m_options.on_kiosk && !m_state.pin_checking && now - m_state.last_input_ms >= m_options.pin_screen_ms) {
      become_locked(false);
      return;
    }
    if ((m_state.pin_notice == PinNotice::wait || m_state.pin_notice == PinNotice::locked) &&
        now >= m_state.pin_wait_until_ms)
      m_state.pin_notice = PinNotice::none;
  }
}

std::optional<std::int64_t> DeskFlow::next_deadline_ms() const {
  std::optional<std::int64_t> next;
  auto consider = [&](std::int64_t t) { next = next ? std::min(*next, t) : t; };
  if (m_corner_since_ms) consider(*m_corner_since_ms + m_options.gesture_hold_ms);
  if (unlocked() && !m_state.busy) consider(m_state.last_input_ms + m_options.idle_lock_ms);
  if (m_state.screen == DeskScreen::pin) {
    if (m_options.on_kiosk) consider(m_state.last_input_ms + m_options.pin_screen_ms);
    if (m_state.pin_notice == PinNotice::wait || m_state.pin_notice == PinNotice::locked)
      consider(m_state.pin_wait_until_ms);
  }
  return next;
}

}  // namespace accueil
