// The self-service mode's effects: what the flow asks for, done on the worker
// threads (check-ins on the store's, badge previews on the typesetter's,
// print requests through the print queue), and their answers back to the flow.
#include <chrono>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/app/modes/selfservice/kiosk_mode.hpp"
#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "printer/queue/render_adapter.hpp"
#include "shared/base/files.hpp"
#include "shared/store/checkin.hpp"

namespace accueil::kiosk {

Result<render::RgbaImage> PreviewMaker::make(const Event& event, const Attendee& attendee, std::string code,
                                             const std::string& template_id, double height_px) {
  auto badge = templates.get(template_id);
  if (!badge) return std::unexpected(badge.error());
  // The same layout as the printer's: what no font draws is left out of both.
  auto layout = typesetter.layout(**badge, render::badge_content(event, attendee, std::move(code)));
  if (!layout) return std::unexpected(layout.error());
  return render::render_preview(*layout, height_px / (*badge)->height_mm);
}

// --- The print queue ----------------------------------------------------------------------------

void SelfService::start_print_queue() {
  printer::PrintQueueOptions& queue = queue_options;
  queue.store_path = config.store;
  queue.printers = config.printers;
  queue.event = event;
  queue.program = fmt::format("accueil kiosk {}", kiosk_id);
  queue.renderer = printer::badge_renderers({assets_dir() / "badges", {}});
  // Badges of this kiosk still queued from before it started (a crash, a
  // restart) and older than print_timeout_s: whoever asked for them has left
  // (the screen would have sent them to reception by then). They go to the
  // reception list instead of printing to a kiosk nobody stands at.
  const std::int64_t started_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch()).count();
  queue.stale = printer::StaleRequests{
      started_ms - config.print_timeout_ms, {printer_name},
      fmt::format("kiosk {} restarted: this badge was queued on {} before, and nobody may be waiting at the kiosk for "
                  "it; the attendee collects it at reception",
                  kiosk_id, printer_name)};
  queue.listener.on_request = [this](const printer::RequestUpdate& u) {
    // What a badge left out (characters no font draws), in the kiosk's log; the request keeps it too.
    for (const std::string& w : printer::request_warnings(u.detail))
      fmt::print(stderr, "accueil: print request {}: warning: {}\n", u.id, w);
    shell->ui.post([this, u] { on_print_update(u); });
  };
  queue.listener.on_printer = [this](const printer::PrinterUpdate& u) {
    if (u.printer != printer_name) return;
    const bool available = u.state.readiness != printer::Readiness::needs_attention;
    shell->ui.post([this, available] {
      shell->trace.log("printer", available ? "available" : "unavailable");
      flow->on_printer_available(available);
    });
  };
  queue_starter = std::make_unique<Worker<int>>([]() -> Result<int> { return 0; }, shell->ui, [](Error) {});
  try_queue_again();  // off the UI thread: the first frame does not wait for it
}

// The print queue started, or not: then people are still checked in (their
// badge is for reception, apply() says so) and it is tried again.
void SelfService::on_queue_start(Result<std::unique_ptr<printer::PrintQueue>> started) {
  if (!started) {
    const std::string why = started.error().message;
    if (why != queue_trouble)  // once per reason, not at every try
      fmt::print(stderr, "accueil: the print queue is not running here, tried again every {:.1f} s; meanwhile people "
                         "are checked in and told their badge is at reception: {}\n",
                 static_cast<double>(config.print_queue_retry_ms) / 1000.0, why);
    if (why != queue_trouble) shell->trace.log("print_queue", "waiting");
    queue_trouble = why;
    next_queue_try = monotonic_ms() + static_cast<double>(config.print_queue_retry_ms);
  } else {
    print_queue = std::move(*started);
    next_queue_try = 0;
    if (!queue_trouble.empty()) fmt::print(stderr, "accueil: the print queue runs here now; badges print again\n");
    queue_trouble.clear();
    shell->trace.log("print_queue", "started");
    if (auto state = print_queue->printer_state(printer_name))
      flow->on_printer_available(state->readiness != printer::Readiness::needs_attention);
  }
  // Badges asked for while the first try was under way go where they would have gone.
  queue_first_try = false;
  for (auto& [ticket, request] : std::exchange(prints_before_queue, {})) {
    const bool handed_over = hand_over_when_queued.erase(ticket) > 0;  // its time ran out meanwhile
    print(ticket, std::move(request), handed_over);
  }
}

void SelfService::try_queue_again() {
  next_queue_try = 0;  // one try at a time
  queue_starter->run([this](int&) {
    auto started = printer::PrintQueue::start(queue_options);
    std::optional<Error> error;
    if (started) {
      std::lock_guard lock(queue_slot_mutex);
      queue_slot = std::move(*started);
    } else {
      error = started.error();
    }
    shell->ui.post([this, error] {
      if (error) return on_queue_start(std::unexpected(*error));
      std::unique_ptr<printer::PrintQueue> queue;
      {
        std::lock_guard lock(queue_slot_mutex);
        queue = std::move(queue_slot);
      }
      if (queue) on_queue_start(std::move(queue));
    });
  });
}

// --- Check-ins ----------------------------------------------------------------------------------

// The answer to a check-in, on the UI's thread.
void SelfService::on_decision(std::uint64_t ticket, const Result<Decision>& d, std::string code) {
  if (!d) {
    fmt::print(stderr, "accueil: check-in not recorded: {}\n", d.error().message);
    flow->on_check_in_failed(ticket);
    return;
  }
  shell->trace.log("decision", to_string(d->outcome));
  flow->on_decision(ticket, *d);
  if (d->attendee_created) check_attendee_list();  // someone from a signed ticket, now findable by name
  if (d->outcome == Outcome::ok && d->attendee) show_badge(*d->attendee, std::move(code));
}

void SelfService::apply(const Effects& effects) {
  // A check-in on the store's thread; its answer, with the code the badge
  // preview's QR code holds when it is ok, to the UI's.
  // The day is the flow's, when the person asked: a scan at 23:59:59 is for that day.
  auto check_in = [this](std::uint64_t ticket, int day, auto decide) {
    store_worker->run([this, ticket, day, decide](Store& store) {
      const CheckinContext ctx{day, kiosk_id, "", clock.now_ms()};
      Result<Decision> d = decide(store, ctx);
      std::string code;
      if (d && d->outcome == Outcome::ok && d->attendee) code = store.badge_code(d->attendee->id).value_or(std::string());
      shell->ui.post([this, ticket, d = std::move(d), code = std::move(code)] { on_decision(ticket, d, code); });
    });
  };
  for (const CheckInScanEffect& e : effects.check_in_scans)
    check_in(e.ticket, e.day, [this, code = e.code](Store& store, const CheckinContext& ctx) {
      return check_in_scan(store, event, code, ctx);
    });
  for (const CheckInAttendeeEffect& e : effects.check_in_attendees)
    check_in(e.ticket, e.day, [this, id = e.attendee_id](Store& store, const CheckinContext& ctx) {
      return check_in_attendee(store, event, id, ctx);
    });
  for (const PrintBadgeEffect& e : effects.prints) {
    printer::PrintRequest request;
    request.attendee_id = e.attendee_id;
    request.printer = printer_name;
    const std::string category = flow->state().decision && flow->state().decision->attendee
                                     ? flow->state().decision->attendee->category
                                     : std::string();
    request.template_id = config.template_for(category);
    print(e.ticket, std::move(request), e.to_reception);
  }
  for (const HandOverEffect& e : effects.hand_overs) hand_over(e.ticket);
}

// --- Badges -------------------------------------------------------------------------------------

void SelfService::print(std::uint64_t ticket, printer::PrintRequest request, bool to_reception) {
  if (queue_first_try && !to_reception) {  // the queue is starting: its answer says where the badge goes
    prints_before_queue.emplace_back(ticket, std::move(request));
    return;
  }
  if (!to_reception && print_queue) return submit(ticket, std::move(request));
  // The printer is down (or no queue runs here): the badge goes straight
  // to the reception list, which is what the screen tells the attendee.
  request.to_reception = true;
  request.reception_reason =
      print_queue ? fmt::format("kiosk {}: printer {} could not print when the attendee checked in; they were "
                                "told to collect their badge at reception",
                                kiosk_id, printer_name)
                  : fmt::format("kiosk {}: its print queue was not running ({}); the attendee was told to "
                                "collect their badge at reception",
                                kiosk_id, queue_trouble);
  store_worker->run([this, ticket, request](Store& store) {
    auto id = printer::queue_request(store, config.printers, request, clock.now_ms());
    shell->ui.post([this, ticket, id] {
      if (!id) fmt::print(stderr, "accueil: the badge cannot be put on the reception list: {}\n", id.error().message);
      else shell->trace.log("print", "reception");
      flow->on_print(ticket, PrintStage::failed);
    });
  });
}

// submit() writes to the store: on the store's thread, never the UI's.
void SelfService::submit(std::uint64_t ticket, printer::PrintRequest request) {
  ++submits_under_way;
  store_worker->run([this, ticket, request](Store&) {
    auto id = print_queue->submit(request);
    shell->ui.post([this, ticket, id] {
      if (--submits_under_way == 0) {
        // What is left after the last answer is someone else's: only ours is replayed.
        std::optional<std::vector<printer::RequestUpdate>> ours;
        if (id)
          if (auto early = early_updates.find(*id); early != early_updates.end()) ours = std::move(early->second);
        early_updates.clear();
        if (ours) early_updates[*id] = std::move(*ours);
      }
      if (!id) {
        fmt::print(stderr, "accueil: the badge cannot be queued: {}\n", id.error().message);
        flow->on_print(ticket, PrintStage::failed);
        return;
      }
      print_tickets[*id] = ticket;
      request_of_ticket[ticket] = *id;
      if (hand_over_when_queued.erase(ticket) > 0) hand_over(ticket);
      if (auto early = early_updates.find(*id); early != early_updates.end()) {
        std::vector<printer::RequestUpdate> updates = std::move(early->second);
        early_updates.erase(early);
        for (const printer::RequestUpdate& u : updates) on_print_update(u);
      }
    });
  });
}

// The attendee of this print ticket was told their badge will be handed at
// reception: its request goes to the reception list (a CUPS job still waiting
// is cancelled), so that it does not print here, unattended, later.
void SelfService::hand_over(std::uint64_t ticket) {
  auto it = request_of_ticket.find(ticket);
  if (it == request_of_ticket.end()) {
    if (submits_under_way > 0 || !prints_before_queue.empty())
      hand_over_when_queued.insert(ticket);  // its submit() has not answered yet, or not begun
    return;
  }
  const printer::RequestId id = it->second;
  request_of_ticket.erase(it);
  const std::string why = fmt::format(
      "kiosk {}: the badge did not come out on {} in time; the attendee was told to collect it at reception",
      kiosk_id, printer_name);
  store_worker->run([this, id, why](Store& store) {
    auto moved = print_queue ? print_queue->to_reception(id, why)
                             : printer::RequestStore(store).to_reception(id, why, clock.now_ms());
    if (!moved) fmt::print(stderr, "accueil: badge {} cannot be put on the reception list: {}\n", id, moved.error().message);
  });
}

void SelfService::on_print_update(const printer::RequestUpdate& u) {
  auto it = print_tickets.find(u.id);
  if (it == print_tickets.end()) {
    if (submits_under_way > 0) early_updates[u.id].push_back(u);  // submit()'s answer may still be on its way
    return;
  }
  shell->trace.log("print", printer::to_string(u.state));
  PrintStage stage = PrintStage::queued;
  switch (u.state) {
    case printer::RequestState::queued: stage = PrintStage::queued; break;
    case printer::RequestState::sending: stage = PrintStage::printing; break;
    // Printed by the failover printer: the badge waits at reception, not here.
    case printer::RequestState::printed: stage = u.printer == printer_name ? PrintStage::printed : PrintStage::failed; break;
    case printer::RequestState::failed:
    case printer::RequestState::cancelled:
    case printer::RequestState::reception:
    case printer::RequestState::handed: stage = PrintStage::failed; break;
  }
  const bool waiting = u.state == printer::RequestState::queued || u.state == printer::RequestState::sending;
  if (waiting && u.printer != printer_name) {
    // Moved to its failover printer (at reception): the attendee is sent
    // there now, and the badge prints there; it is not handed over.
    stage = PrintStage::failed;
    request_of_ticket.erase(it->second);
  } else if (waiting && u.problem != printer::PrinterProblem::none) {
    // Held back by printer trouble (no labels, offline...): it will not come
    // out while the attendee waits, so they are sent to reception now.
    stage = PrintStage::held;
  }
  if (u.state == printer::RequestState::printed || u.state == printer::RequestState::cancelled)
    request_of_ticket.erase(it->second);  // nothing to hand over any more
  flow->on_print(it->second, stage);
  if (printer::is_final(u.state) || u.state == printer::RequestState::reception) print_tickets.erase(it);
}

void SelfService::show_badge(const Attendee& attendee, std::string code) {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(shell->renderer, &w, &h);
  const double height_px = h * 0.8;
  const std::string template_id = config.template_for(attendee.category);
  preview_worker->run([this, attendee, code = std::move(code), template_id, height_px](PreviewMaker& maker) mutable {
    auto image = maker.make(event, attendee, std::move(code), template_id, height_px);
    if (!image) {
      fmt::print(stderr, "accueil: badge preview: {}\n", image.error().message);
      return;
    }
    shell->ui.post([this, attendee_id = attendee.id, image = std::move(*image)] {
      if (badge.texture) SDL_DestroyTexture(badge.texture);
      badge = {};
      SDL_Texture* t = SDL_CreateTexture(shell->renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                         image.width, image.height);
      if (!t) return;
      SDL_UpdateTexture(t, nullptr, image.pixels.data(), image.pitch());
      SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
      badge = {t, image.width, image.height};
      badge_of = attendee_id;
    });
  });
}

}  // namespace accueil::kiosk
