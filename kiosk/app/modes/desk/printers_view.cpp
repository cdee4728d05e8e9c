#include "kiosk/app/modes/desk/printers_view.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "printer/queue/render_adapter.hpp"
#include "printer/queue/request_moves.hpp"
#include "printer/queue/test_label.hpp"
#include "shared/base/files.hpp"

namespace accueil::kiosk {

using namespace accueil::printer;

namespace {

constexpr double k_refresh_ms = 1000;  // the rows are read again this often while the screen shows
constexpr std::size_t k_failed_shown = 10;

std::string name_of(Store& store, const std::string& attendee_id) {
  auto a = store.attendee_by_id(attendee_id);
  return a && *a ? display_name(**a) : attendee_id;
}

}  // namespace

DeskPrinters::DeskPrinters(const KioskConfig& config, const Event& event, std::string language,
                           const ShellServices& shell, Worker<Store>& store)
    : m_config(config), m_event(event), m_language(std::move(language)), m_shell(shell), m_store(store) {
  auto catalogs = Catalogs::load(assets_dir() / "i18n", {m_language});
  if (catalogs) m_catalogs = std::move(*catalogs);
  else fmt::print(stderr, "accueil: the printers screen shows in English: {}\n", catalogs.error().message);
}

DeskPrinters::~DeskPrinters() {
  m_tester.reset();
  if (m_queue) m_queue->stop();
}

void DeskPrinters::test_label(const PrinterConfig& printer) {
  if (!m_tester) m_tester = std::make_unique<Worker<int>>([]() -> Result<int> { return 0; }, m_shell.ui, [](Error) {});
  m_notice = fill(tr("Test label on {printer}: sending…"), {{"printer", printer.name}});
  m_tester->run([this, printer, event = m_event](int&) {
    std::string said;
    auto driver = default_drivers()(printer);
    auto renderer = make_badge_renderer({assets_dir() / "badges", {}});
    if (!driver) said = driver.error().message;
    else if (!renderer) said = renderer.error().message;
    else {
      const Delivery d = print_test_label(event, printer, **driver, **renderer, std::chrono::seconds(60));
      said = d.outcome == DeliveryOutcome::printed ? tr("printed") : d.detail;
    }
    said = fmt::format("{}: {}", fill(tr("Test label on {printer}"), {{"printer", printer.name}}), said);
    m_shell.ui.post([this, said] {
      m_notice = said;
      m_shell.trace.log("printers_notice", said);
    });
  });
}

std::string DeskPrinters::tr(std::string_view english) const {
  return std::string(m_catalogs.translate(m_language, english));
}

std::vector<std::string> DeskPrinters::printer_names() const {
  std::vector<std::string> names;
  if (const PrinterConfig* own = m_config.kiosk_printer()) names.push_back(own->name);
  for (const PrinterConfig& p : m_config.printers)
    if (names.empty() || p.name != names.front()) names.push_back(p.name);
  return names;
}

void DeskPrinters::draw_choice(const DeskButton& button, std::string& chosen) {
  const std::vector<std::string> names = printer_names();
  if (names.size() < 2) return;
  ImGui::TextUnformatted(tr("Print on:").c_str());
  for (const std::string& name : names) {
    const bool on = chosen == name || (chosen.empty() && name == names.front());
    ImGui::SameLine();
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(30, 90, 170, 255));
    if (button("print_on:" + name, name, ImVec2(0, 0))) chosen = name;
    if (on) ImGui::PopStyleColor();
  }
}

void DeskPrinters::wake_queue() {
  if (m_queue) m_queue->wake();
}

void DeskPrinters::start() {
  if (m_config.printers.empty()) return;
  if (PrintQueue::runs_elsewhere(m_config.store)) {
    m_queue_note = "another program runs the print queue";
    m_shell.trace.log("print_queue", "elsewhere");
    return;
  }
  PrintQueueOptions options;
  options.store_path = m_config.store;
  options.printers = m_config.printers;
  options.event = m_event;
  options.program = "accueil desk";
  options.clock = &m_shell.clock;
  options.renderer = badge_renderers({assets_dir() / "badges", {}});
  UiQueue& ui = m_shell.ui;
  options.listener.on_request = [this, &ui](const RequestUpdate&) { ui.post([this] { m_next_refresh = 0; }); };
  options.listener.on_printer = [this, &ui](const PrinterUpdate& u) {
    ui.post([this, u] {
      m_states[u.printer] = u.state;
      m_shell.trace.log("printer_state", fmt::format("{} {}", u.printer, name(u.state.main_problem())));
      m_next_refresh = 0;
    });
  };
  m_store.run([this, &ui, options = std::move(options)](Store&) {
    auto started = std::make_shared<Result<std::unique_ptr<PrintQueue>>>(PrintQueue::start(options));
    ui.post([this, started] {
      if (*started) {
        m_queue = std::move(**started);
        for (auto& [printer, state] : m_queue->printer_states()) m_states[printer] = state;
        m_shell.trace.log("print_queue", "started");
      } else {
        m_queue_note = started->error().message;
        fmt::print(stderr, "accueil: the desk does not run the print queue: {}\n", m_queue_note);
        m_shell.trace.log("print_queue", "elsewhere");
      }
    });
  });
}

void DeskPrinters::tick(bool shown) {
  if (shown && !m_refreshing && monotonic_ms() >= m_next_refresh) refresh();
}

std::optional<std::int64_t> DeskPrinters::next_wake_ms(bool shown) const {
  if (!shown) return std::nullopt;
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(m_next_refresh - monotonic_ms()));
}

void DeskPrinters::refresh() {
  m_refreshing = true;
  m_store.run([this](Store& store) {
    RequestStore requests(store);
    auto snapshot = std::make_shared<PrintersSnapshot>();
    auto rows = [&](RequestState state, std::vector<DeskRequestRow>& into) {
      if (auto found = requests.in_state(state))
        for (RequestRecord& r : *found) into.push_back({r, name_of(store, r.attendee_id)});
    };
    rows(RequestState::queued, snapshot->open);
    rows(RequestState::sending, snapshot->open);
    std::sort(snapshot->open.begin(), snapshot->open.end(),
              [](const DeskRequestRow& a, const DeskRequestRow& b) { return a.request.id < b.request.id; });
    rows(RequestState::reception, snapshot->reception);
    rows(RequestState::failed, snapshot->failed);
    std::reverse(snapshot->failed.begin(), snapshot->failed.end());
    if (snapshot->failed.size() > k_failed_shown) snapshot->failed.resize(k_failed_shown);
    if (auto h = queue_holder(store); h) snapshot->holder = *h;
    m_shell.ui.post([this, snapshot] {
      m_snapshot = std::move(*snapshot);
      m_snapshot_at = monotonic_ms();
      m_refreshing = false;
      m_next_refresh = monotonic_ms() + k_refresh_ms;
      // One trace line per change of the rows, for the tests.
      std::string shown;
      for (const auto* list : {&m_snapshot.open, &m_snapshot.reception})
        for (const DeskRequestRow& r : *list)
          shown += fmt::format("{}{}:{}:{}:{}", shown.empty() ? "" : " ", r.request.id, to_string(r.request.state),
                               r.request.printer, name(r.request.problem));
      if (shown != m_traced) m_shell.trace.log("print_requests", shown.empty() ? "none" : shown);
      m_traced = shown;
    });
  });
}

void DeskPrinters::act(std::function<std::string(Store&, std::int64_t now)> action) {
  m_store.run([this, action = std::move(action), now = m_shell.clock.now_ms()](Store& store) {
    std::string said = action(store, now);
    m_shell.ui.post([this, said] {
      m_notice = said;
      m_shell.trace.log("printers_notice", said);
      m_next_refresh = 0;
      if (m_queue) m_queue->wake();
    });
  });
}

// The printer's state in the common vocabulary: the queue's own when it runs
// here; otherwise the trouble its requests last met.
std::string DeskPrinters::state_text(const std::string& printer) const {
  if (auto it = m_states.find(printer); it != m_states.end()) {
    const PrinterState& s = it->second;
    if (s.readiness == Readiness::needs_attention)
      return fmt::format("{} ({})", describe(s.main_problem(), m_language), s.main_detail());
    return s.readiness == Readiness::busy ? tr("Printing") : tr("Ready");
  }
  for (const DeskRequestRow& r : m_snapshot.open)
    if (r.request.printer == printer && r.request.problem != PrinterProblem::none)
      return std::string(describe(r.request.problem, m_language));
  if (m_snapshot.holder && m_snapshot.holder->serves(printer))
    return fmt::format("{} {}", tr("Printed by"), m_snapshot.holder->program);
  return tr("Not known: no program prints on it now");
}

void DeskPrinters::draw_row(const DeskRequestRow& row, const DeskButton& button, const std::string& who,
                            bool at_reception, float width) {
  const RequestRecord& r = row.request;
  std::string what = r.state == RequestState::sending ? tr("sending")
                     : r.state == RequestState::queued ? tr("waiting")
                     : r.state == RequestState::failed ? tr("failed")
                                                       : tr("to hand over");
  if (r.problem != PrinterProblem::none && !at_reception) what += fmt::format(" — {}", tr("held by printer trouble"));
  ImGui::PushTextWrapPos(width);
  ImGui::TextWrapped("#%lld  %s  [%s]  %s%s", static_cast<long long>(r.id), row.name.c_str(), r.printer.c_str(),
                     what.c_str(), r.detail.empty() ? "" : fmt::format(": {}", r.detail).c_str());
  ImGui::PopTextWrapPos();
  const std::string tag = fmt::format("req:{}", r.id);
  if (at_reception) {
    if (button(tag + ":handed", tr("Handed over"), ImVec2(0, 0))) {
      act([this, id = r.id, who](Store& store, std::int64_t now) {
        auto done = RequestStore(store).hand_over(id, fmt::format("handed at reception by {}", who), now);
        if (!done) return done.error().message;
        return fill(tr(*done ? "Badge {id} handed over." : "Badge {id} is no longer on the reception list."),
                    {{"id", std::to_string(id)}});
      });
    }
    ImGui::SameLine();
  } else if (r.state != RequestState::sending) {
    if (button(tag + ":retry", tr("Retry now"), ImVec2(0, 0))) {
      act([id = r.id, who](Store& store, std::int64_t now) {
        auto done = retry_request(store, id, fmt::format("tried again at the desk by {}", who), now);
        if (!done) return done.error().message;
        return fmt::format("#{}: {}", id, to_string(*done));
      });
    }
    ImGui::SameLine();
  }
  if (!at_reception && button(tag + ":cancel", tr("Cancel"), ImVec2(0, 0))) {
    act([id = r.id](Store& store, std::int64_t now) {
      auto done = RequestStore(store).cancel(id, now);
      if (!done) return done.error().message;
      return fmt::format("#{}: {}", id,
                         *done == CancelResult::cancelled   ? "cancelled"
                         : *done == CancelResult::requested ? "cancel asked (it is being sent)"
                                                            : "too late (it already ended)");
    });
  }
  for (const PrinterConfig& p : m_config.printers) {
    if (p.name == r.printer && !at_reception && r.state != RequestState::failed) continue;
    ImGui::SameLine();
    if (button(fmt::format("{}:move:{}", tag, p.name), fmt::format("{} {}", tr("Print on"), p.name), ImVec2(0, 0))) {
      // A request being sent is stopped first; the move is kept with it in the
      // store, and whoever runs the queue finishes it, even after a restart.
      act([id = r.id, to = p.name, who, printers = m_config.printers](Store& store, std::int64_t now) {
        auto done = move_request(store, printers, id, to, fmt::format("moved to {} at the desk by {}", to, who), now);
        if (!done) return done.error().message;
        return fmt::format("#{} → {}: {}", id, to, to_string(*done));
      });
    }
  }
}

void DeskPrinters::draw(const Frame& frame, const DeskButton& button, const std::string& operator_name) {
  const float width = frame.width - 40;
  ImGui::PushFont(m_shell.fonts.large);
  ImGui::TextUnformatted(tr("Printers").c_str());
  ImGui::PopFont();
  if (!m_queue_note.empty())
    ImGui::TextWrapped("%s: %s", tr("This desk does not print itself").c_str(), m_queue_note.c_str());
  for (const PrinterConfig& p : m_config.printers) {
    int waiting = 0, sending = 0, held = 0;
    for (const DeskRequestRow& r : m_snapshot.open) {
      if (r.request.printer != p.name) continue;
      (r.request.state == RequestState::sending ? sending : waiting) += 1;
      if (r.request.problem != PrinterProblem::none) ++held;
    }
    if (button("test:" + p.name, tr("Test label"), ImVec2(0, 0))) test_label(p);
    ImGui::SameLine();
    ImGui::TextWrapped("%s — %s — %s: %d, %s: %d, %s: %d", p.name.c_str(), state_text(p.name).c_str(),
                       tr("waiting").c_str(), waiting, tr("sending").c_str(), sending,
                       tr("held by printer trouble").c_str(), held);
  }
  ImGui::Separator();
  ImGui::TextUnformatted(fmt::format("{} ({})", tr("In the printers' queues"), m_snapshot.open.size()).c_str());
  for (const DeskRequestRow& r : m_snapshot.open) draw_row(r, button, operator_name, false, width);
  ImGui::Separator();
  ImGui::PushFont(m_shell.fonts.large);
  ImGui::TextUnformatted(
      fmt::format("{} ({})", tr("To be handed at reception"), m_snapshot.reception.size()).c_str());
  ImGui::PopFont();
  if (m_snapshot.reception.empty()) ImGui::TextUnformatted(tr("Nobody's badge waits at reception.").c_str());
  for (const DeskRequestRow& r : m_snapshot.reception) draw_row(r, button, operator_name, true, width);
  if (!m_snapshot.failed.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted(tr("Failed").c_str());
    for (const DeskRequestRow& r : m_snapshot.failed) draw_row(r, button, operator_name, false, width);
  }
  if (!m_notice.empty()) {
    ImGui::Separator();
    ImGui::TextWrapped("%s", m_notice.c_str());
  }
}

}  // namespace accueil::kiosk
