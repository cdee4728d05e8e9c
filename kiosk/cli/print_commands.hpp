// accueilctl's printing commands, a file each (what they share: print_support.hpp):
//   printers      what is connected (USB) and what CUPS offers, with their state;
//                 and the configured printers' state               printers_command.cpp
//   print         prints one badge and waits for the outcome         print_command.cpp
//   print-queue   the print requests in the store; runs the queue;   print_queue_command.cpp
//                 cancels
//   reception     the reception list: badges a person must print or  reception_command.cpp
//                 hand over
//
// Exit codes: 0 done (print: printed), 1 an error (bad input, no such printer,
// unreadable configuration, a queue run elsewhere that does not serve the
// printer), 3 refused (print: one printed, handed, queued, being sent or on the
// reception list already: --reprint; reception: not on the list),
// 4 print: not printed (failed, cancelled, on the reception list, or still
// waiting at --timeout).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/cli/commands.hpp"

namespace accueil::cli {

struct PrintersOptions {
  std::string printers_file;  // --printers, else $ACCUEIL_PRINTERS, else ./printers.toml when there is one
  bool usb = true;            // --no-usb
  bool cups = true;           // --no-cups
  std::string language = "fr";
};

struct PrintOptions {
  std::string attendee;       // id, ticket code or external reference
  std::string printer;        // a configured printer's name
  std::string template_id;    // --template; the printer's own when empty
  std::string printers_file;
  std::string reprint;        // --reprint REASON: print again (recorded in the check-in log)
  double timeout_s = 60;      // give up waiting after this
  bool no_wait = false;       // queue it and return (a running queue prints it)
  std::optional<int> day;     // for the check-in log of a reprint (default: today's)
  std::string kiosk;
  std::string operator_name;
  std::string language = "fr";  // of the sentences about printer trouble
  std::string templates_dir;  // --templates, else the assets' badges folder ($ACCUEIL_ASSETS/badges)
};

struct PrintQueueCommandOptions {
  std::string printers_file;
  bool run = false;           // run the queue until nothing is queued or sending
  double timeout_s = 600;     // --run: give up after this
  std::vector<std::int64_t> cancel;
  std::string state;          // list only requests in this state
  int limit = 50;
  std::string language = "fr";
  std::string templates_dir;
};

struct ReceptionOptions {
  std::string action = "list";  // list, print, done, take
  std::int64_t id = 0;
  std::string printer;          // print: where
  std::string printers_file;
  std::string operator_name;
  std::string reason;
  double timeout_s = 60;
  bool no_wait = false;
  std::string language = "fr";
  std::string templates_dir;
};

int run_printers(const Globals&, const PrintersOptions&);
int run_print(const Globals&, const PrintOptions&);
int run_print_queue(const Globals&, const PrintQueueCommandOptions&);
int run_reception(const Globals&, const ReceptionOptions&);

}  // namespace accueil::cli
