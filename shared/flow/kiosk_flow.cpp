#include "shared/flow/kiosk_flow.hpp"

#include <algorithm>
#include <climits>

#include "shared/text/text.hpp"

namespace accueil {

std::string_view to_string(Screen screen) {
  switch (screen) {
    case Screen::welcome: return "welcome";
    case Screen::find_name: return "find_name";
    case Screen::confirm: return "confirm";
    case Screen::verify: return "verify";
    case Screen::checking: return "checking";
    case Screen::printing: return "printing";
    case Screen::done: return "done";
    case Screen::refused: return "refused";
    case Screen::printer_trouble: return "printer_trouble";
    case Screen::out_of_order: return "out_of_order";
    case Screen::closed: return "closed";
  }
  return "welcome";
}

KioskFlow::KioskFlow(FlowOptions options, const Clock& clock, const SearchIndex* index)
    : m_options(std::move(options)), m_clock(clock), m_index(index) {
  if (m_options.languages.empty()) m_options.languages = {"fr"};
  m_state.language = m_options.languages.front();
  m_state.screen_since_ms = m_state.last_input_ms = m_clock.now_ms();
  update_day();
}

// The event day by the clock; at a change, the kiosk closes or opens between people.
void KioskFlow::update_day() {
  const std::int64_t now = m_clock.now_ms();
  m_day_checked_ms = now;
  if (m_options.rehearsal_day) {
    m_state.day = m_options.rehearsal_day;
    m_state.next_day.reset();
    m_state.rehearsal = true;
    m_day_until_ms = INT64_MAX;
  } else if (m_options.day_dates.empty()) {
    m_state.day = 1;
    m_day_until_ms = INT64_MAX;
  } else {
    const EventToday today = event_today(m_options.day_dates, m_options.timezone, now);
    m_state.day = today.day;
    m_state.next_day = today.next_day;
    m_day_until_ms = today.until_ms;
  }
  switch (m_state.screen) {
    case Screen::welcome:
    case Screen::find_name:
    case Screen::confirm:
    case Screen::verify:
    case Screen::out_of_order:
      // Nobody is being served: the next one starts on the new day's terms.
      if (!m_state.day) {
        forget_person();
        m_state.pending_scan.reset();
        go(Screen::closed);
      }
      break;
    case Screen::closed:
      if (m_state.day) reset_to_welcome();
      break;
    default:
      break;  // whoever is served finishes; reset_to_welcome() looks at the day
  }
}

Effects KioskFlow::take_effects() { return std::exchange(m_effects, {}); }

void KioskFlow::set_index(const SearchIndex* index) {
  m_index = index;
  // The results come again from the new list (someone just registered may be
  // in it); a person already on "is this you?" keeps their choice.
  if (m_state.screen == Screen::find_name) refresh_results();
}

void KioskFlow::go(Screen screen) {
  if (screen != m_state.screen) m_state.bounced_until_ms.reset();
  m_state.screen = screen;
  m_state.screen_since_ms = m_clock.now_ms();
}

// The badge under way will not come out here: the attendee is told it will
// be handed at reception, and the app moves the request there.
void KioskFlow::badge_to_reception() {
  m_effects.hand_overs.push_back({m_waiting_ticket});
  go(Screen::printer_trouble);
}

void KioskFlow::input() { m_state.last_input_ms = m_clock.now_ms(); }

// Forgets the person's search, choice and answer.
void KioskFlow::forget_person() {
  m_state.query.clear();
  m_state.results.clear();
  m_state.searched = false;
  m_state.chosen.reset();
  m_state.decision.reset();
  m_state.print_stage = PrintStage::waiting;
  m_state.by_name = false;
  m_state.answer.clear();
  m_state.wrong_answer = false;
  m_chosen_check.clear();
  m_result_checks.clear();
}

void KioskFlow::reset_to_welcome() {
  forget_person();
  m_state.language = m_options.languages.front();
  m_waiting_ticket = 0;
  m_current_code.clear();
  if (!m_state.day) {
    m_state.pending_scan.reset();
    go(Screen::closed);
    return;
  }
  if (!m_state.printer_available) {
    // Whoever scanned meanwhile is better served by the next kiosk.
    m_state.pending_scan.reset();
    go(Screen::out_of_order);
    return;
  }
  go(Screen::welcome);
  if (m_state.pending_scan) {
    std::string code = std::move(*m_state.pending_scan);
    m_state.pending_scan.reset();
    start_scan(std::move(code));
  }
}

void KioskFlow::start_scan(std::string code) {
  forget_person();
  m_current_code = code;
  m_waiting_ticket = next_ticket();
  m_effects.check_in_scans.push_back({m_waiting_ticket, std::move(code), m_state.day.value_or(1)});
  go(Screen::checking);
}

void KioskFlow::scan(std::string_view raw) {
  std::string code(trim(raw));
  if (code.empty()) return;
  input();
  switch (m_state.screen) {
    case Screen::out_of_order:
      // No badge can be printed here. The person is answered, not ignored:
      // "this kiosk cannot print, use the next kiosk or go to reception".
      // Nothing is recorded: checked in here, the next kiosk would refuse
      // them as "already checked in" and they would queue at reception.
      m_state.bounced_until_ms = m_clock.now_ms() + m_options.bounce_ms;
      return;
    case Screen::closed:
      return;  // no check-in today: the screen says when it opens
    case Screen::checking:
    case Screen::printing:
      // A scanner that reads the same code twice is not a second person.
      if (code == m_current_code) return;
      m_state.pending_scan = std::move(code);
      return;
    default:
      start_scan(std::move(code));  // a scan wins over whatever was on screen
      return;
  }
}

void KioskFlow::choose_language(std::string_view language) {
  input();
  if (std::ranges::find(m_options.languages, language) != m_options.languages.end())
    m_state.language = std::string(language);
}

void KioskFlow::find_my_name() {
  input();
  if (m_state.screen != Screen::welcome && m_state.screen != Screen::refused && m_state.screen != Screen::done) return;
  forget_person();
  go(Screen::find_name);
}

void KioskFlow::type(std::string_view text) {
  input();
  if (m_state.screen == Screen::verify) {
    m_state.answer += text;
    return;
  }
  if (m_state.screen != Screen::find_name) return;
  m_state.query += text;
  refresh_results();
}

void KioskFlow::backspace() {
  input();
  const bool verifying = m_state.screen == Screen::verify;
  if (m_state.screen != Screen::find_name && !verifying) return;
  std::string& q = verifying ? m_state.answer : m_state.query;
  if (q.empty()) return;
  std::size_t cut = q.size() - 1;
  while (cut > 0 && (static_cast<unsigned char>(q[cut]) & 0xC0) == 0x80) --cut;  // a whole code point
  q.erase(cut);
  if (!verifying) refresh_results();
}

void KioskFlow::clear_query() {
  input();
  if (m_state.screen == Screen::verify) {
    m_state.answer.clear();
    return;
  }
  if (m_state.screen != Screen::find_name) return;
  m_state.query.clear();
  refresh_results();
}

void KioskFlow::refresh_results() {
  m_state.results.clear();
  m_result_checks.clear();
  m_state.searched = false;
  if (!m_index) return;
  std::size_t letters = 0;
  for (const std::string& w : query_words(m_state.query)) letters += utf8_length(w);
  if (letters < m_options.min_query_letters) return;
  m_state.searched = true;
  // The organisation is not shown when it is what the person must prove.
  const bool show_organisation = m_options.name_search.check != NameSearchRules::Check::organisation;
  for (const SearchHit& hit : m_index->search(m_state.query, m_options.max_results)) {
    m_state.results.push_back({std::string(m_index->id(hit.index)), std::string(m_index->name(hit.index)),
                               show_organisation ? std::string(m_index->organisation(hit.index)) : std::string()});
    m_result_checks.emplace_back(m_index->check_key(hit.index));
  }
}

void KioskFlow::pick(std::size_t result) {
  input();
  if (m_state.screen != Screen::find_name || result >= m_state.results.size()) return;
  m_state.chosen = m_state.results[result];
  m_chosen_check = m_result_checks[result];
  go(Screen::confirm);
}

void KioskFlow::confirm(bool yes) {
  input();
  if (m_state.screen != Screen::confirm || !m_state.chosen) return;
  if (!yes) {
    m_state.chosen.reset();
    go(Screen::find_name);
    refresh_results();  // from the list as it is now
    return;
  }
  m_state.by_name = true;
  if (m_options.name_search.check == NameSearchRules::Check::none) return check_in_chosen();
  m_state.answer.clear();
  m_state.wrong_answer = false;
  m_attempts_left = std::max(1, m_options.check_attempts);
  if (m_chosen_check.empty()) {
    // Nothing on record to check against: reception checks them in.
    m_state.decision.reset();
    go(Screen::refused);
    return;
  }
  go(Screen::verify);
}

void KioskFlow::submit_answer() {
  input();
  if (m_state.screen != Screen::verify || !m_state.chosen) return;
  // As many letters as the key holds (fewer only when the key itself is shorter).
  const std::string typed = fold_key(m_state.answer);
  if (!typed.empty() && typed.starts_with(m_chosen_check) && utf8_length(typed) == utf8_length(m_chosen_check))
    return check_in_chosen();
  m_state.answer.clear();
  m_state.wrong_answer = true;
  if (--m_attempts_left > 0) return;
  m_state.decision.reset();  // "please see reception"
  go(Screen::refused);
}

void KioskFlow::check_in_chosen() {
  m_current_code.clear();
  m_waiting_ticket = next_ticket();
  m_effects.check_in_attendees.push_back({m_waiting_ticket, m_state.chosen->attendee_id, m_state.day.value_or(1)});
  go(Screen::checking);
}

void KioskFlow::back() {
  input();
  switch (m_state.screen) {
    case Screen::checking:
    case Screen::printing:
    case Screen::out_of_order:
    case Screen::closed:
      return;  // what is under way finishes; out of order ends with the printer's trouble, closed with the day
    default:
      reset_to_welcome();
  }
}

void KioskFlow::touch() { input(); }

void KioskFlow::on_decision(std::uint64_t ticket, const Decision& decision) {
  if (ticket != m_waiting_ticket || m_state.screen != Screen::checking) return;  // abandoned meanwhile
  if (m_state.by_name && decision.outcome != Outcome::ok) {
    // Whoever typed a name learns nothing about that person: no time, place,
    // days or cancellation; the screen says "please see reception".
    m_waiting_ticket = 0;
    m_state.decision = Decision{};
    m_state.decision->outcome = decision.outcome;
    go(Screen::refused);
    return;
  }
  m_state.decision = decision;
  // Greet people in their own language when the event speaks it.
  if (decision.attendee) {
    const std::string& theirs = decision.attendee->language;
    if (std::ranges::find(m_options.languages, theirs) != m_options.languages.end()) m_state.language = theirs;
  }
  // Not ok; or checked in, but the desk asked to see them first: no badge here.
  if (decision.outcome != Outcome::ok || !decision.see_reception.empty()) {
    m_waiting_ticket = 0;
    go(Screen::refused);
    return;
  }
  m_waiting_ticket = next_ticket();
  // A printer known to be down gets no badge: it would print into an
  // unattended tray once it is back.
  m_effects.prints.push_back(
      {m_waiting_ticket, decision.attendee ? decision.attendee->id : std::string(), !m_state.printer_available});
  m_state.print_stage = PrintStage::waiting;
  go(m_state.printer_available ? Screen::printing : Screen::printer_trouble);
}

void KioskFlow::on_check_in_failed(std::uint64_t ticket) {
  if (ticket != m_waiting_ticket || m_state.screen != Screen::checking) return;
  m_waiting_ticket = 0;
  m_state.decision.reset();  // refused without a decision: "please go to reception"
  go(Screen::refused);
}

void KioskFlow::on_print(std::uint64_t ticket, PrintStage stage) {
  if (ticket != m_waiting_ticket) return;
  m_state.print_stage = stage;
  if (m_state.screen != Screen::printing) return;
  if (stage == PrintStage::failed || stage == PrintStage::held) {
    // Failed, or held by printer trouble: it will not come out while they
    // wait. The check-in stays recorded; the badge goes to reception.
    badge_to_reception();
    return;
  }
  if (stage != PrintStage::printed) return;
  m_waiting_ticket = 0;
  if (m_state.pending_scan) {
    // Someone is waiting with their ticket: serve them now.
    reset_to_welcome();
    return;
  }
  go(Screen::done);
}

void KioskFlow::on_printer_available(bool available) {
  m_state.printer_available = available;
  if (!available) {
    if (m_state.screen == Screen::welcome || m_state.screen == Screen::find_name || m_state.screen == Screen::confirm ||
        m_state.screen == Screen::verify) {
      forget_person();
      go(Screen::out_of_order);
    }
    return;
  }
  if (m_state.screen == Screen::out_of_order) reset_to_welcome();
}

void KioskFlow::tick() {
  const std::int64_t now = m_clock.now_ms();
  if (now >= m_day_until_ms || now < m_day_checked_ms) update_day();
  const std::int64_t on_screen = now - m_state.screen_since_ms;
  const std::int64_t idle = now - m_state.last_input_ms;
  switch (m_state.screen) {
    case Screen::welcome:
      // A language chosen by someone who walked away is not the next person's.
      if (idle >= m_options.idle_timeout_ms && m_state.language != m_options.languages.front())
        m_state.language = m_options.languages.front();
      break;
    case Screen::find_name:
    case Screen::confirm:
    case Screen::verify:
      if (idle >= m_options.idle_timeout_ms) reset_to_welcome();
      break;
    case Screen::checking:
      if (on_screen >= m_options.checking_timeout_ms) {
        m_waiting_ticket = 0;
        m_state.decision.reset();
        go(Screen::refused);
      }
      break;
    case Screen::printing:
      if (on_screen >= m_options.print_timeout_ms) badge_to_reception();
      break;
    case Screen::done:
      if (on_screen >= m_options.done_ms) reset_to_welcome();
      break;
    case Screen::refused:
      if (on_screen >= m_options.refused_ms && idle >= std::min(m_options.refused_ms, m_options.idle_timeout_ms))
        reset_to_welcome();
      break;
    case Screen::printer_trouble:
      if (on_screen >= m_options.trouble_ms) reset_to_welcome();
      break;
    case Screen::out_of_order:
      if (m_state.bounced_until_ms && now >= *m_state.bounced_until_ms) m_state.bounced_until_ms.reset();
      break;  // ends when the printer can print again
    case Screen::closed:
      break;  // ends with the day (update_day)
  }
}

std::optional<std::int64_t> KioskFlow::next_deadline_ms() const {
  // The day may change at the next local midnight, whatever the screen.
  std::optional<std::int64_t> screen = screen_deadline_ms();
  if (m_day_until_ms == INT64_MAX) return screen;
  return screen ? std::min(*screen, m_day_until_ms) : m_day_until_ms;
}

std::optional<std::int64_t> KioskFlow::screen_deadline_ms() const {
  const std::int64_t since = m_state.screen_since_ms;
  const std::int64_t last = m_state.last_input_ms;
  switch (m_state.screen) {
    case Screen::welcome:
      if (m_state.language != m_options.languages.front()) return last + m_options.idle_timeout_ms;
      return std::nullopt;
    case Screen::find_name:
    case Screen::confirm:
    case Screen::verify: return last + m_options.idle_timeout_ms;
    case Screen::checking: return since + m_options.checking_timeout_ms;
    case Screen::printing: return since + m_options.print_timeout_ms;
    case Screen::done: return since + m_options.done_ms;
    case Screen::refused:
      return std::max(since + m_options.refused_ms, last + std::min(m_options.refused_ms, m_options.idle_timeout_ms));
    case Screen::printer_trouble: return since + m_options.trouble_ms;
    case Screen::out_of_order: return m_state.bounced_until_ms;
    case Screen::closed: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace accueil
