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

Result<DeskOutcome> perform_desk_action(Store& store, const Event& event, const DeskAction& action,
                                        const CheckinContext& ctx) {
  DeskOutcome out;
  out.printer = action.printer;
  auto decided = [&](Decision d) {
    out.done = d.outcome == Outcome::ok;
    out.message = d.detail;
    if (d.recorded) out.events.push_back(*d.recorded);
    if (out.done && d.attendee) out.to_print.push_back(d.attendee->id);
    out.decisions.push_back(std::move(d));
  };
  switch (action.kind) {
    case DeskActionKind::check_in: {
      auto d = desk_check_in(store, event, action.attendee_id, ctx, action.even_if_not_registered);
      if (!d) return std::unexpected(d.error());
      decided(std::move(*d));
      return out;
    }
    case DeskActionKind::undo: {
      auto e = desk_undo(store, action.attendee_id, ctx, action.reason);
      if (!e) return std::unexpected(e.error());
      out.done = true;
      out.message = fmt::format("Check-in of day {} undone: {}.", ctx.day, e->reason);
      out.events.push_back(std::move(*e));
      return out;
    }
    case DeskActionKind::reprint: {
      auto e = desk_reprint(store, action.attendee_id, ctx, action.reprint_reason, action.other_text);
      if (!e) return std::unexpected(e.error());
      out.done = true;
      out.message = fmt::format("Badge reprinted ({}).", e->reason);
      out.print_reason = e->reason;
      out.to_print.push_back(action.attendee_id);
      out.events.push_back(std::move(*e));
      return out;
    }
    case DeskActionKind::correct: {
      auto e = desk_correct(store, event, action.attendee_id, action.changes, ctx);
      if (!e) return std::unexpected(e.error());
      if (!*e) {
        out.message = "Nothing to change.";
        return out;
      }
      out.done = true;
      out.message = "Record corrected.";
      out.events.push_back(std::move(**e));
      // The corrected badge is a reprint: it gets the next number, and the old one stops passing.
      if (action.print) {
        auto r = desk_reprint(store, action.attendee_id, ctx, ReprintReason::name_corrected);
        if (!r) return std::unexpected(r.error());
        out.message = "Record corrected; the corrected badge prints.";
        out.print_reason = r->reason;
        out.to_print.push_back(action.attendee_id);
        out.events.push_back(std::move(*r));
      }
      return out;
    }
    case DeskActionKind::walk_in: {
      if (!action.despite_duplicates) {
        auto dups = possible_duplicates(store, action.walkin);
        if (!dups) return std::unexpected(dups.error());
        if (!dups->empty()) {
          out.message = duplicate_warning(dups->front());
          out.duplicates = std::move(*dups);
          return out;
        }
      }
      auto d = register_walkin(store, event, action.walkin, ctx);
      if (!d) return std::unexpected(d.error());
      decided(std::move(*d));
      return out;
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
      out.message = fmt::format("{} of {} checked in; their badges print as one batch.", checked, ds->size());
      return out;
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
    m_state.notice = "Only an admin may quit the app.";
    m_state.notice_is_error = true;
  } else if (m_state.screen == DeskScreen::pin) {
    m_state.pin_notice = PinNotice::needs_admin;
  }
}

void DeskFlow::go(DeskScreen screen) {
  if (!unlocked() || screen == DeskScreen::pin || screen == DeskScreen::self_service) return;
  input();
  if ((screen == DeskScreen::person || screen == DeskScreen::correct || screen == DeskScreen::reprint) &&
      m_state.selected_id.empty())
    return;
  m_state.screen = screen;
  m_state.duplicates.clear();
  m_state.notice.clear();  // it spoke of what was done on the screen left
  m_state.notice_is_error = false;
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
  m_state.busy = true;
  m_state.notice.clear();
  m_state.notice_is_error = false;
  m_effects.actions.push_back({m_action_ticket, std::move(action), m_state.staff->name});
}

void DeskFlow::on_action_done(std::uint64_t ticket, const Result<DeskOutcome>& outcome) {
  if (ticket != m_action_ticket || !m_state.busy) return;
  m_state.busy = false;
  if (!outcome) {
    m_state.notice = outcome.error().message;
    m_state.notice_is_error = true;
    return;
  }
  m_state.notice = outcome->message;
  m_state.notice_is_error = !outcome->done;
  m_state.duplicates = outcome->duplicates;
  // A walk-in registered: the desk shows the new person.
  if (outcome->done && m_state.screen == DeskScreen::walkin && !outcome->decisions.empty() &&
      outcome->decisions.front().attendee) {
    m_state.selected_id = outcome->decisions.front().attendee->id;
    m_state.screen = DeskScreen::person;
    m_screen_since_ms = m_clock.now_ms();
  } else if (outcome->done && (m_state.screen == DeskScreen::correct || m_state.screen == DeskScreen::reprint)) {
    m_state.screen = DeskScreen::person;
    m_screen_since_ms = m_clock.now_ms();
  }
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
