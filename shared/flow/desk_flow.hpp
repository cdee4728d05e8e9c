// The reception desk's path, as a state machine beside the kiosk's
// (kiosk_flow.hpp): locked behind a PIN, then staff screens until "lock" or
// an idle timeout locks it again. On a self-service kiosk the desk is reached
// by a gesture attendees do not make by chance (a long press in a corner)
// followed by the PIN, and locking goes back to self-service.
//
// Plain data in, plain data out: the app feeds it taps, keys, search results,
// answers from its store worker and the passing of time, and performs the
// effects it asks for (check a PIN, perform a staff action). Every staff
// action leaves as one DeskActionEffect that carries the operator's name; the
// flow never asks for one while locked. The PIN digits typed are held here
// only until they leave in a VerifyPinEffect: never in DeskState, so that no
// view, screenshot or trace can show them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/domain/clock.hpp"
#include "shared/flow/desk_notice.hpp"
#include "shared/search/desk_index.hpp"
#include "shared/store/desk.hpp"
#include "shared/store/staff.hpp"

namespace accueil {

enum class DeskScreen {
  self_service,  // on a kiosk: staff mode is closed, the kiosk flow has the screen
  pin,           // choose your name, type your PIN
  find,          // search anyone, the results
  person,        // one attendee: record, staff note, VIP, see reception, check-in history, actions
  correct,       // change fields with the badge preview, then print
  reprint,       // why, and on which printer
  undo,          // why today's check-in is undone
  walkin,        // register someone on site
  delegation,    // find a delegation, tick who is here, check in and print as one batch
  reception,     // the badges waiting at reception, printers and their queues
};
std::string_view to_string(DeskScreen screen);

enum class DeskActionKind { check_in, undo, reprint, correct, walk_in, group_check_in };
std::string_view to_string(DeskActionKind kind);

// One staff action, as the screens fill it in.
struct DeskAction {
  DeskActionKind kind = DeskActionKind::check_in;
  std::string attendee_id{};
  int day = 1;                           // the event day it is for
  bool even_if_not_registered = false;   // check_in: for a day the person is not registered for
  std::optional<UndoReason> undo_reason{};  // undo: why (required)
  ReprintReason reprint_reason = ReprintReason::lost;
  std::string other_text{};              // reprint or undo for another reason: which
  AttendeeChanges changes{};             // correct
  bool print = false;                    // correct: print the corrected badge (a reprint, "name corrected")
  WalkIn walkin{};                       // walk_in
  bool despite_duplicates = false;       // walk_in: staff saw the warning and register anyway
  std::vector<std::string> group{};      // group_check_in: who is here
  std::string head_id{};                 // group_check_in: printed first
  std::string printer{};                 // where the badges print; empty: the desk's own
};

// What an action did.
struct DeskOutcome {
  bool done = false;                       // false: refused or warned, nothing written
  Notice notice;                           // for the screen's status line, said in the desk's language
  std::vector<CheckinEvent> events;        // appended to the log, one per person acted on
  std::vector<Decision> decisions;         // check-ins, walk-in, delegation: per person
  std::vector<std::string> to_print;       // attendees whose badges to print now, in this order
  std::string printer;                     // on which printer ("" = the desk's own)
  std::string print_reason;                // the reprint reason recorded with the print requests
  std::vector<Attendee> duplicates;        // walk_in refused for them (despite_duplicates unset)
  std::vector<std::int64_t> print_requests; // set by the app: the print requests it queued for to_print
};

// The notice's message for a walk-in that may be `existing` ("Marie Dupont, Mairie de Lyon, is already registered.").
NoticeMessage duplicate_message(const Attendee& existing);

// What became of the badges an action queued (DeskState::print_requests), as
// the app read them from the print queue's store.
struct PrintProgress {
  std::string printer{};        // where they print
  std::size_t waiting = 0;      // queued or being sent
  std::size_t printed = 0;
  std::size_t failed = 0;       // failed or cancelled
  std::size_t at_reception = 0; // moved to the reception list
  std::string problem{};        // the trouble one that waits met: a PrinterProblem name ("media_empty"); empty: none
};

// Performs `action` by `ctx.operator_name` at `ctx.kiosk`, on the store, in
// one write transaction. Bad input is an error that names the field.
Result<DeskOutcome> perform_desk_action(Store& store, const Event& event, const DeskAction& action,
                                        const CheckinContext& ctx);

struct DeskOptions {
  std::string terminal = "desk";        // this kiosk's or desk's name, in the log
  bool on_kiosk = false;                // a self-service kiosk: staff mode opens by the gesture
  std::int64_t idle_lock_ms = 120'000;  // staff screens lock after this long without input
  std::int64_t gesture_hold_ms = 3'000; // the long press in the top-left corner that opens the PIN screen
  std::int64_t pin_screen_ms = 30'000;  // on a kiosk, the PIN screen goes back to self-service after this
  std::size_t max_results = 12;
};

// One search result: the desk sees everything (no public-screen limits).
struct DeskHit {
  std::string attendee_id;
  std::string name;
  std::string organisation;
  std::string matched;  // what else matched: "e-mail", "ticket", "delegation", "note"; empty for a name
};

enum class PinNotice { none, wrong, wait, locked, needs_admin };

// Effects the app performs. `ticket` ties the answer to its request.
struct VerifyPinEffect { std::uint64_t ticket; std::string name; std::string pin; };  // app: wipe pin after use
struct DeskActionEffect { std::uint64_t ticket; DeskAction action; std::string operator_name; };
struct DeskEffects {
  std::vector<VerifyPinEffect> pin_checks;
  std::vector<DeskActionEffect> actions;
  bool quit = false;          // an admin asked to quit the app (or leave full screen)
  bool empty() const { return pin_checks.empty() && actions.empty() && !quit; }
};

struct DeskState {
  DeskScreen screen = DeskScreen::pin;
  // The PIN screen.
  std::string pin_name;             // the staff member chosen
  std::size_t pin_digits = 0;       // how many digits are typed (drawn as dots)
  bool pin_checking = false;        // on its way to the worker (Argon2id takes about 0.1 s)
  PinNotice pin_notice = PinNotice::none;
  std::int64_t pin_wait_until_ms = 0;  // wait / locked: the next try is taken from then
  // Unlocked.
  std::optional<StaffMember> staff;  // who is at the desk; none: locked
  std::int64_t last_input_ms = 0;
  std::string query;
  std::vector<DeskHit> results;
  std::size_t highlighted = 0;       // the result Enter selects
  std::string selected_id;           // the attendee on the person, correct, reprint and undo screens
  bool busy = false;                 // an action is under way
  Notice notice;                     // the last action's outcome
  std::vector<std::int64_t> print_requests;  // its badges still followed: the app reads them and says on_print_progress()
  std::vector<Attendee> duplicates;  // walk-in: who may be the same person (warned, not written)
  bool locked_by_idle = false;       // the last lock came from the idle timeout
};

class DeskFlow {
public:
  DeskFlow(DeskOptions options, const Clock& clock, const DeskIndex* index);

  const DeskState& state() const { return m_state; }
  bool unlocked() const { return m_state.staff.has_value(); }
  DeskEffects take_effects();
  void set_index(const DeskIndex* index);

  // --- Getting in ----------------------------------------------------------------------
  // On a kiosk: the press in the corner began / ended. Held gesture_hold_ms: the PIN screen.
  void corner_press();
  void corner_release();
  void choose_staff(std::string_view name);
  void pin_digit(char digit);        // '0'..'9'; others are ignored
  void pin_backspace();
  void pin_submit();
  void on_pin_checked(std::uint64_t ticket, const PinCheck& check);
  void on_pin_failed(std::uint64_t ticket);  // the store could not be read
  void lock();                       // "lock", or leaving the desk
  void request_quit();               // quit / leave full screen: an admin only

  // --- The staff screens ----------------------------------------------------------------
  void go(DeskScreen screen);        // only while unlocked (find, reception, walkin, delegation)
  void set_query(std::string_view query);
  void highlight(std::size_t result);
  void select(std::string_view attendee_id);  // to the person screen
  void select_highlighted();         // Enter on the find screen
  void request(DeskAction action);   // leaves as a DeskActionEffect with the operator
  void on_action_done(std::uint64_t ticket, const Result<DeskOutcome>& outcome);
  // The badges of `requests` (the state's print_requests when asked) as the
  // queue has them: a printer that holds them turns the notice amber and says
  // why, in the printers screen's words; once none waits, the notice says
  // how they ended and they are no longer followed.
  void on_print_progress(const std::vector<std::int64_t>& requests, const PrintProgress& progress);
  void touch();                      // any other input: keeps staff mode open

  // --- Time -----------------------------------------------------------------------------
  void tick();
  std::optional<std::int64_t> next_deadline_ms() const;

private:
  void input();
  void become_locked(bool by_idle);
  void refresh_results();
  std::uint64_t next_ticket() { return ++m_last_ticket; }

  DeskOptions m_options;
  const Clock& m_clock;
  const DeskIndex* m_index;
  DeskState m_state;
  DeskEffects m_effects;
  std::string m_pin;                  // the digits typed, until they leave for the check
  std::uint64_t m_last_ticket = 0;
  std::uint64_t m_pin_ticket = 0;
  std::uint64_t m_action_ticket = 0;
  DeskActionKind m_action_kind = DeskActionKind::check_in;  // of the action under way or last done
  Notice m_action_notice;             // the last action's notice as it came, before what its badges did
  std::optional<std::int64_t> m_corner_since_ms;
  std::int64_t m_screen_since_ms = 0;
};

}  // namespace accueil
