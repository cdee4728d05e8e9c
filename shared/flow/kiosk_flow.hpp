// The attendee's path through a kiosk, as a state machine: welcome, scan or
// find my name, check-in, badge printing, done; every refusal has its own
// screen; printer trouble and idle timeouts bring it back to welcome.
//
// Plain data in, plain data out. The app feeds it inputs (a scan, a tap, a
// check-in decision from the store's worker, print progress from the print
// queue, the passing of time) and performs the effects it asks for; views draw
// KioskFlow::state(). Nothing here waits, draws or touches a device, so every
// path is unit-tested with a fake clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/search/search.hpp"

namespace accueil {

enum class Screen {
  welcome,       // event name, "scan your QR code", languages, "no QR code? find my name"
  find_name,     // on-screen keyboard and live results (name and organisation only)
  confirm,       // "is this you?"
  verify,        // after a name search, when the event asks: "the first letters of your e-mail"
  checking,      // the decision is on its way from the store (normally a few ms)
  printing,      // greeting, badge preview, print progress
  done,          // "welcome", the organiser's practical line
  refused,       // an outcome other than ok, with what to do next
  printer_trouble,  // checked in, but the badge will be handed at reception
  out_of_order,  // this kiosk's printer cannot print: "please use the next kiosk"
  closed,        // no check-in today (the eve, between days, after the event): when it opens
};
std::string_view to_string(Screen screen);

// held: the print queue keeps the request back for printer trouble (no
// labels, offline, cover open...): it will not come out while the attendee
// waits, so they are sent to reception at once, not after print_timeout_ms.
enum class PrintStage { waiting, queued, printing, printed, failed, held };

struct FlowOptions {
  std::vector<std::string> languages = {"fr", "en", "es"};  // the first is the default
  std::int64_t idle_timeout_ms = 45'000;    // any screen back to welcome without a touch
  std::int64_t done_ms = 6'000;             // how long "welcome" stays up
  std::int64_t refused_ms = 15'000;         // how long a refusal stays up
  std::int64_t trouble_ms = 15'000;         // how long "badge at reception" stays up
  std::int64_t checking_timeout_ms = 5'000; // no decision by then: send them to reception
  std::int64_t print_timeout_ms = 60'000;   // no badge by then: printer trouble
  std::int64_t bounce_ms = 8'000;           // how long "this kiosk cannot print" answers a scan on out of order
  std::size_t max_results = 6;              // names shown at once on the search screen
  std::size_t min_query_letters = 2;        // before that, no names are shown
  // The event's days (ISO local dates, day 1 first) in `timezone`: a check-in
  // is recorded for the day the clock says when it is asked for, which changes
  // at local midnight; on a day the event does not run the kiosk is closed.
  // Empty: always day 1.
  std::vector<std::string> day_dates;
  std::string timezone = "Europe/Paris";
  std::optional<int> rehearsal_day;         // a fixed day whatever the date: a rehearsal, and it says so
  // The check asked after "find my name" (its `vip` rule is the index's:
  // offered_by_name()). With the organisation as the check, results do not show it.
  NameSearchRules name_search;
  int check_attempts = 3;                   // wrong answers before "please see reception"
};

// One search result as the public screen may show it: no e-mail, no code.
// It holds its own copies, so it outlives the index it came from.
struct NameChoice {
  std::string attendee_id;
  std::string name;          // as printed: native script, Latin form in brackets
  std::string organisation;  // empty when the organisation is what the person must prove
};

struct KioskState {
  Screen screen = Screen::welcome;
  std::string language;                 // of the screens now
  std::string query;                    // what was typed on the search screen
  std::vector<NameChoice> results;
  bool searched = false;                // the query has enough letters and was looked up
  std::optional<NameChoice> chosen;     // on the confirm screen
  std::optional<Decision> decision;     // the check-in answer being shown
  PrintStage print_stage = PrintStage::waiting;
  bool printer_available = true;
  std::int64_t screen_since_ms = 0;
  std::int64_t last_input_ms = 0;
  std::optional<int> day;               // the event day check-ins are recorded for; none: closed today
  std::optional<int> next_day;          // closed: the day check-in opens (none: the event is over)
  bool rehearsal = false;               // the day is fixed (rehearsal_day): every screen says so
  // The person on screen came by "find my name", not with their ticket: a
  // refusal then says only "please see reception" (anyone can type a name),
  // and `decision` keeps the outcome but none of the person's details.
  bool by_name = false;
  std::string answer;                   // verify: what was typed
  bool wrong_answer = false;            // verify: the last answer did not match
  // What the next person scanned while a badge was on its way (never shown):
  // served as soon as the screen is free.
  std::optional<std::string> pending_scan;
  // Out of order: someone scanned anyway. The screen answers them ("your code
  // was read; this kiosk cannot print: next kiosk or reception") until then;
  // nothing is recorded, so the next kiosk checks them in and prints.
  std::optional<std::int64_t> bounced_until_ms;

  bool next_scan_waiting() const { return pending_scan.has_value(); }
};

// What the app must do for the flow. `ticket` ties a later answer to its
// request, so that a late answer to an abandoned request is ignored.
// `day` is the event day the check-in is recorded for: the day when it was asked.
struct CheckInScanEffect { std::uint64_t ticket; std::string code; int day = 1; };
struct CheckInAttendeeEffect { std::uint64_t ticket; std::string attendee_id; int day = 1; };
// to_reception: the printer is known to be down, the attendee is told their
// badge will be handed at reception: the request goes straight to the
// reception list, not to the printer.
struct PrintBadgeEffect { std::uint64_t ticket; std::string attendee_id; bool to_reception = false; };
// The attendee was told their badge will be handed at reception while its
// print (this ticket) was under way: put the request on the reception list,
// so that it does not print here later.
struct HandOverEffect { std::uint64_t ticket; };
struct Effects {
  std::vector<CheckInScanEffect> check_in_scans;
  std::vector<CheckInAttendeeEffect> check_in_attendees;
  std::vector<PrintBadgeEffect> prints;
  std::vector<HandOverEffect> hand_overs;
  bool empty() const {
    return check_in_scans.empty() && check_in_attendees.empty() && prints.empty() && hand_overs.empty();
  }
};

class KioskFlow {
public:
  KioskFlow(FlowOptions options, const Clock& clock, const SearchIndex* index);

  const KioskState& state() const { return m_state; }
  // The effects asked for since the last call.
  Effects take_effects();
  // The index searched by "find my name" (replaced when the list is updated).
  void set_index(const SearchIndex* index);

  // --- From the attendee ------------------------------------------------------------
  void scan(std::string_view code);        // a complete scan, from any screen
  void choose_language(std::string_view language);
  void find_my_name();
  void type(std::string_view text);        // appended to the query (or the check's answer)
  void backspace();                        // removes the last character
  void clear_query();
  void pick(std::size_t result);           // a name from the results
  void confirm(bool yes);                  // "is this you?"
  void submit_answer();                    // verify: the answer typed is complete
  void back();                             // to welcome, forgetting everything
  void touch();                            // any other touch: keeps the screen alive

  // --- From the workers ---------------------------------------------------------------
  void on_decision(std::uint64_t ticket, const Decision& decision);
  void on_check_in_failed(std::uint64_t ticket);  // the store could not be written
  void on_print(std::uint64_t ticket, PrintStage stage);
  void on_printer_available(bool available);

  // --- Time -----------------------------------------------------------------------------
  // Also follows the clock to the next event day (local midnight).
  void tick();
  // When the flow next needs tick(), for an app that sleeps until then.
  std::optional<std::int64_t> next_deadline_ms() const;

private:
  void go(Screen screen);
  void badge_to_reception();
  void reset_to_welcome();
  void forget_person();
  void input();
  void start_scan(std::string code);
  void refresh_results();
  void update_day();
  void check_in_chosen();
  std::optional<std::int64_t> screen_deadline_ms() const;
  std::uint64_t next_ticket() { return ++m_last_ticket; }

  FlowOptions m_options;
  const Clock& m_clock;
  const SearchIndex* m_index;
  KioskState m_state;
  Effects m_effects;
  std::uint64_t m_last_ticket = 0;
  std::uint64_t m_waiting_ticket = 0;   // the check-in or print the screen waits for
  std::string m_current_code;           // the scan being served (duplicate scans are ignored)
  std::int64_t m_day_until_ms = 0;      // when the day may change (the next local midnight)
  std::int64_t m_day_checked_ms = 0;    // when it was last worked out (a clock set back is noticed)
  std::vector<std::string> m_result_checks;  // what each result's person must type (never shown)
  std::string m_chosen_check;           // verify: what the chosen person must type
  int m_attempts_left = 0;
};

}  // namespace accueil
