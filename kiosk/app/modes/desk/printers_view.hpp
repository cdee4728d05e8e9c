// The desk's printers screen (DeskScreen::reception): every configured
// printer with its state in the common vocabulary (printer_state.hpp), its
// queue (waiting, sending, held by trouble), the reception list (badges a
// kiosk could not print, to hand over) and the requests that failed. Staff
// retry, cancel, move a request to another printer, print a reception badge
// on a printer of their choice, or mark it handed. The moves are the print
// queue's own (printer/queue/request_moves.hpp, request_store.hpp), done on
// the desk's store worker and kept in the store (a move that must first stop
// a job is finished by whoever runs the queue, after a restart too); the rows
// are read again every second while the screen shows, and at once when the
// queue says a request changed.
//
// The desk runs the store's print queue for its configured printers (its
// reprints print), unless another program runs it (a kiosk on this store):
// then that program prints, and the states shown come from the requests.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/shell/mode.hpp"
#include "kiosk/app/shell/worker.hpp"
#include "printer/queue/print_queue.hpp"
#include "shared/store/store.hpp"
#include "shared/text/catalog.hpp"

namespace accueil::kiosk {

// Draws a touch target and says whether it was pressed (the desk's button()).
using DeskButton = std::function<bool(std::string_view id, const std::string& label, ImVec2 size)>;

// A request as the screen shows it.
struct DeskRequestRow {
  printer::RequestRecord request;
  std::string name;  // the attendee's
};

// What the store worker read for the screen.
struct PrintersSnapshot {
  std::vector<DeskRequestRow> open;       // queued and sending, oldest first
  std::vector<DeskRequestRow> reception;  // the reception list, oldest first
  std::vector<DeskRequestRow> failed;     // the last ones that failed, newest first
  std::optional<printer::QueueHolder> holder;  // who runs the queue
};

class DeskPrinters {
public:
  DeskPrinters(const KioskConfig& config, const Event& event, std::string language, const ShellServices& shell,
               Worker<Store>& store);
  ~DeskPrinters();

  // Starts the print queue here, off the UI thread, unless another program runs it.
  void start();
  // A badge was just queued in the store: the queue, when it runs here, looks
  // now instead of at its next round (up to a second later). UI thread.
  void wake_queue();
  // Once per turn: reads the rows again when due; `shown`: the screen is on.
  void tick(bool shown);
  // Draws the screen; actions are done by `operator_name` on the store worker.
  void draw(const Frame& frame, const DeskButton& button, const std::string& operator_name);
  std::optional<std::int64_t> next_wake_ms(bool shown) const;
  // "Print on: [desk] [spare]": which printer a reprint goes to; `chosen`
  // empty is the desk's own. Nothing drawn with one printer or none.
  void draw_choice(const DeskButton& button, std::string& chosen);
  // The printers a badge may be printed on, the desk's own first.
  std::vector<std::string> printer_names() const;
  // When the rows on screen were read (monotonic ms; 0: never): a screenshot waits for them.
  double snapshot_at() const { return m_snapshot_at; }
  // The notice of the last action ("Request 12 moved to spare."), and whether it failed.
  const std::string& notice() const { return m_notice; }

private:
  std::string tr(std::string_view english) const;
  std::string state_text(const std::string& printer) const;
  void refresh();
  void test_label(const printer::PrinterConfig& printer);
  void act(std::function<std::string(Store&, std::int64_t now)> action);
  void draw_row(const DeskRequestRow& row, const DeskButton& button, const std::string& who, bool at_reception,
                float width);

  const KioskConfig& m_config;
  const Event& m_event;
  std::string m_language;
  ShellServices m_shell;
  Worker<Store>& m_store;
  Catalogs m_catalogs;
  std::unique_ptr<printer::PrintQueue> m_queue;  // none while another program runs it
  std::string m_queue_note;                      // why the queue does not run here
  std::map<std::string, printer::PrinterState> m_states;
  PrintersSnapshot m_snapshot;
  std::string m_notice;
  std::string m_traced;        // the rows as last traced
  double m_next_refresh = 0;   // monotonic ms
  bool m_refreshing = false;
  double m_snapshot_at = 0;
  // Test labels go straight to a printer and may wait for it: a thread of their own.
  std::unique_ptr<Worker<int>> m_tester;
};

}  // namespace accueil::kiosk
