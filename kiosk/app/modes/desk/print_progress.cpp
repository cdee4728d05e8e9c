#include "kiosk/app/modes/desk/print_progress.hpp"

#include "printer/queue/request_store.hpp"

namespace accueil::kiosk {

using printer::RequestState;

Result<PrintProgress> read_print_progress(Store& store, const std::vector<std::int64_t>& requests) {
  PrintProgress p;
  printer::RequestStore rows(store);
  for (std::int64_t id : requests) {
    auto r = rows.get(id);
    if (!r) return std::unexpected(r.error());
    if (!*r) continue;
    if (p.printer.empty()) p.printer = (*r)->printer;
    switch ((*r)->state) {
      case RequestState::queued:
      case RequestState::sending:
        ++p.waiting;
        if (p.problem.empty() && (*r)->problem != printer::PrinterProblem::none)
          p.problem = std::string(printer::name((*r)->problem));
        break;
      case RequestState::printed:
      case RequestState::handed: ++p.printed; break;
      case RequestState::failed:
      case RequestState::cancelled: ++p.failed; break;
      case RequestState::reception: ++p.at_reception; break;
    }
  }
  return p;
}

}  // namespace accueil::kiosk
