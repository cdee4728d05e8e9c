// accueil_move_durability: the desk's side of a move, for the crash test of
// tests/integration/cups_test.sh (case moved_then_killed).
//
//   accueil_move_durability desk STORE PRINTERS REF TO
//
// Does what the desk app does in one process: runs the store's print queue
// for PRINTERS (a printers.toml), queues the badge of the attendee whose
// reference is REF on the first printer, waits until its job is held there by
// printer trouble, then moves it to printer TO exactly as the desk's printers
// screen does (move_request() on a store connection of its own) and says
// "moved N to TO: stopping". Then it runs on until it is killed: the test
// kills it (SIGKILL) at that line, between the move and the print, and starts
// a queue again to see where the badge ends up.
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include <fmt/core.h>

#include "printer/queue/print_queue.hpp"
#include "printer/queue/printers_toml.hpp"
#include "printer/queue/render_adapter.hpp"
#include "printer/queue/request_moves.hpp"
#include "shared/base/files.hpp"

using namespace accueil;
using namespace accueil::printer;

namespace {

int die(const std::string& message) {
  fmt::print(stderr, "accueil_move_durability: {}\n", message);
  return 1;
}

int desk(const std::string& store_path, const std::string& printers_file, const std::string& ref,
         const std::string& to) {
  auto printers = load_printers_file(printers_file);
  if (!printers) return die(printers.error().message);
  if (printers->empty()) return die("no printer in " + printers_file);
  auto store = Store::open(store_path);
  if (!store) return die(store.error().message);
  auto attendee = store->attendee_by_ref(ref);
  if (!attendee) return die(attendee.error().message);
  if (!*attendee) return die("no attendee has the reference " + ref);

  PrintQueueOptions o;
  o.store_path = store_path;
  o.printers = *printers;
  o.program = "accueil_move_durability (the desk)";
  o.renderer = badge_renderers({assets_dir() / "badges", {}});
  o.listener.on_request = [](const RequestUpdate& u) {
    fmt::print("request {} {} on {}{}\n", u.id, to_string(u.state), u.printer, u.detail.empty() ? "" : ": " + u.detail);
    std::fflush(stdout);
  };
  auto queue = PrintQueue::start(std::move(o));
  if (!queue) return die(queue.error().message);
  auto id = (*queue)->submit({.attendee_id = (*attendee)->id, .printer = printers->front().name});
  if (!id) return die(id.error().message);

  // Held: being sent, its job waiting at a printer in trouble.
  RequestStore requests(*store);
  for (int waited_ms = 0;; waited_ms += 20) {
    auto r = requests.get(*id);
    if (!r || !*r) return die(fmt::format("request {} cannot be read", *id));
    if ((*r)->state == RequestState::sending && (*r)->job_id && (*r)->problem != PrinterProblem::none) break;
    if (is_final((*r)->state)) return die(fmt::format("request {} ended {} before it was held", *id, to_string((*r)->state)));
    if (waited_ms > 60'000) return die(fmt::format("request {} was never held by printer trouble", *id));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto moved = move_request(*store, *printers, *id, to, fmt::format("moved to {} at the desk by Camille", to), now_ms());
  if (!moved) return die(moved.error().message);
  fmt::print("moved {} to {}: {}\n", *id, to, to_string(*moved));
  std::fflush(stdout);
  // (The desk also wakes its queue here; not done, so that the test's kill
  // comes before this queue has even looked at the move.)
  for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 6 && std::string(argv[1]) == "desk") return desk(argv[2], argv[3], argv[4], argv[5]);
  std::fputs("usage: accueil_move_durability desk STORE PRINTERS REF TO\n", stderr);
  return 2;
}
