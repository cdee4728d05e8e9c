// The self-service mode's loop side: setting up, what comes in (scans, keys,
// touches), time, the screens, and the attendee list for "find my name".
#include <malloc.h>
#include <unistd.h>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/app/modes/selfservice/kiosk_mode.hpp"
#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "shared/base/files.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/text/text.hpp"

namespace accueil::kiosk {

Result<std::unique_ptr<SelfServiceMode>> SelfServiceMode::load(KioskConfig config, const Clock& clock) {
  if (auto printer = config.check_kiosk_printer(); !printer) return std::unexpected(printer.error());
  auto mode = std::make_unique<SelfService>(std::move(config), clock);
  const KioskConfig& c = mode->config;
  // The event, read once at start (the store worker owns the store afterwards).
  {
    auto store = Store::open(c.store);
    if (!store) return std::unexpected(store.error());
    auto stored = store->event();
    if (!stored) return std::unexpected(stored.error());
    auto anyone = store->has_attendees();  // not a count: it would read the whole list at 100,000
    if (!anyone) return std::unexpected(anyone.error());
    mode->store_was_empty = !*anyone;
    if (!c.event_file.empty()) {
      auto event = load_event_file(c.event_file);
      if (!event) return std::unexpected(event.error());
      mode->event = std::move(*event);
      if (auto keyed = store->complete_public_key(mode->event); !keyed) return std::unexpected(keyed.error());
    } else if (*stored) {
      mode->event = std::move(**stored);
    } else {
      return fail(fmt::format("the store {} has no event: run accueilctl init --event FILE, or set event in the "
                              "configuration", c.store));
    }
  }
  // The day follows the event's clock (KioskFlow); a fixed day is a rehearsal.
  if (c.rehearsal_day && *c.rehearsal_day > mode->event.day_count())
    return fail(fmt::format("rehearsal_day = {}: {} has {} day(s)", *c.rehearsal_day, mode->event.name,
                            mode->event.day_count()));
  mode->languages = c.languages.empty() ? mode->event.languages : c.languages;
  if (mode->languages.empty()) mode->languages = {"fr", "en"};
  auto catalogs = Catalogs::load(assets_dir() / "i18n", mode->languages);
  if (!catalogs) return std::unexpected(catalogs.error());
  mode->catalogs = std::move(*catalogs);
  if (c.kiosk_id.empty()) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    mode->kiosk_id = *host ? host : "kiosk";
  } else {
    mode->kiosk_id = c.kiosk_id;
  }
  const printer::PrinterConfig* printer = c.kiosk_printer();
  if (!printer) return fail("no printer is configured for this kiosk");
  mode->printer_name = printer->name;
  return std::unique_ptr<SelfServiceMode>(std::move(mode));
}

SelfService::~SelfService() {
  // The store's jobs first: a check-in under way is written and its badge
  // submitted, and they hand work to the other threads, which then finish.
  store_worker.reset();
  index_worker.reset();
  preview_worker.reset();
  queue_starter.reset();
  queue_slot.reset();
  print_queue.reset();
  if (badge.texture) SDL_DestroyTexture(badge.texture);
}

void SelfService::start(const ShellServices& services) {
  shell.emplace(services);
  FlowOptions flow_options;
  flow_options.languages = languages;
  flow_options.idle_timeout_ms = config.idle_timeout_ms;
  flow_options.print_timeout_ms = config.print_timeout_ms;
  for (const EventDay& d : event.days) flow_options.day_dates.push_back(d.date);
  flow_options.timezone = event.timezone;
  flow_options.rehearsal_day = config.rehearsal_day;
  flow_options.name_search = event.name_search;
  flow = std::make_unique<KioskFlow>(flow_options, clock, nullptr);

  UiQueue& ui = shell->ui;
  store_worker = std::make_unique<Worker<Store>>(
      [path = config.store] { return Store::open(path); }, ui,
      [](Error e) { fmt::print(stderr, "accueil: {}\n", e.message); });
  preview_worker = std::make_unique<Worker<PreviewMaker>>(
      []() -> Result<PreviewMaker> {
        auto t = render::Typesetter::create();
        if (!t) return std::unexpected(t.error());
        return PreviewMaker{std::move(*t)};
      },
      ui, [](Error e) { fmt::print(stderr, "accueil: badge previews: {}\n", e.message); });
  index_worker = std::make_unique<Worker<Store>>(
      [path = config.store]() -> Result<Store> {
        auto store = Store::open(path);
        // It reads the list from end to end: a page cache would only hold memory.
        if (store) (void)store->set_cache_mb(1);
        return store;
      },
      ui, [](Error e) { fmt::print(stderr, "accueil: find my name: {}\n", e.message); });
  check_attendee_list();
  start_print_queue();
}

void SelfService::follow_first_pull(std::function<FirstPull()> progress) {
  first_pull = std::move(progress);
  if (store_was_empty && first_pull) list_load = ListLoad::pulling;
}

// The first pull's progress, read from the sync worker (a copy under its
// lock: nothing here waits for the network); once it is over, the list read
// and indexed before the doors open.
void SelfService::follow_list_load() {
  if (list_load == ListLoad::pulling) {
    FirstPull now = first_pull();
    if (now.done != pull_progress.done || now.total != pull_progress.total)
      shell->trace.log("list", fmt::format("{} / {}", now.done, now.total));
    pull_progress = std::move(now);
    if (!pull_progress.over) return;
    if (!pull_progress.why_not.empty()) {
      // One line for the journal (libpq's messages span several).
      std::string why;
      for (char ch : pull_progress.why_not)
        if (ch == '\n' || ch == '\t') {
          if (!why.empty() && why.back() != ' ') why += ' ';
        } else {
          why += ch;
        }
      while (!why.empty() && why.back() == ' ') why.pop_back();
      fmt::print(stderr,
                 "accueil: the central list could not be loaded ({}): the kiosk opens without it; signed tickets are "
                 "still checked, and the sync keeps trying\n",
                 why);
      shell->trace.log("list", "offline");
      list_load = ListLoad::none;
      return;
    }
    list_load = ListLoad::indexing;
    list_read_wanted = list_reads_started + 1;
    check_attendee_list();
    return;
  }
  if (list_load == ListLoad::indexing && list_reads_done >= list_read_wanted) {
    fmt::print(stderr, "accueil: the central list is here: {} names to find\n", index ? index->size() : 0);
    shell->trace.log("list", "loaded");
    list_load = ListLoad::none;
  }
}

// --- What comes in ------------------------------------------------------------------------------

void SelfService::on_scan(const std::string& code) {
  if (list_load != ListLoad::none) {
    shell->trace.log("scan", "loading");  // the loading screen stays: "check-in opens in a moment"
    return;
  }
  flow->scan(code);
  // Answered, not dropped: the tests read it in the trace.
  if (flow->state().screen == accueil::Screen::out_of_order && flow->state().bounced_until_ms)
    shell->trace.log("scan", "bounced");
}

void SelfService::on_key(SDL_Scancode sc) {
  if (list_load != ListLoad::none) return;
  const accueil::Screen screen = flow->state().screen;
  if (sc == SDL_SCANCODE_BACKSPACE) flow->backspace();
  else if (sc == SDL_SCANCODE_ESCAPE) flow->back();
  else if (sc == SDL_SCANCODE_RETURN && screen == accueil::Screen::verify) flow->submit_answer();
  else if (screen == accueil::Screen::find_name || screen == accueil::Screen::verify) {
    SDL_Keycode k = SDL_GetKeyFromScancode(sc);
    if (k >= 0x20 && k < 0x110000 && !(k & SDLK_SCANCODE_MASK)) {
      std::string utf8;
      append_utf8(utf8, static_cast<char32_t>(k));
      flow->type(utf8);
    }
  } else {
    flow->touch();
  }
}

void SelfService::apply_intents(const Intents& in) {
  if (in.language) flow->choose_language(*in.language);
  if (in.find_my_name) flow->find_my_name();
  if (!in.typed.empty()) flow->type(in.typed);
  if (in.backspace) flow->backspace();
  if (in.clear) flow->clear_query();
  if (in.pick) flow->pick(*in.pick);
  if (in.confirm) flow->confirm(*in.confirm);
  if (in.submit_answer) flow->submit_answer();
  if (in.back) flow->back();
  if (in.touched) flow->touch();
}

// --- Time ---------------------------------------------------------------------------------------

void SelfService::tick() {
  if (list_load != ListLoad::none) follow_list_load();
  if (monotonic_ms() >= next_list_check) check_attendee_list();
  if (next_queue_try > 0 && monotonic_ms() >= next_queue_try) try_queue_again();
  flow->tick();
  apply(flow->take_effects());
  // The event day, and what "find my name" found, for the tests that read the trace.
  const KioskState& now = flow->state();
  const std::string day = now.day ? fmt::format("{}{}", *now.day, now.rehearsal ? " rehearsal" : "")
                                  : now.next_day ? fmt::format("none next {}", *now.next_day) : "none";
  if (day != last_day) {
    shell->trace.log("day", day);
    last_day = day;
  }
  const std::string results = now.searched ? std::to_string(now.results.size()) : "";
  if (results != last_results && !results.empty()) shell->trace.log("results", results);
  last_results = results;
  // Back on welcome after someone: what rendering their badge freed goes
  // back to the system, off the UI thread.
  const std::string shown = screen();
  if (shown != last_screen && now.screen == accueil::Screen::welcome && index_worker)
    index_worker->run([](Store&) { ::malloc_trim(0); });
  last_screen = shown;
}

// The attendee list's check always comes, so there is always a bound.
std::optional<std::int64_t> SelfService::next_wake_ms() const {
  std::int64_t until = static_cast<std::int64_t>(next_list_check - monotonic_ms());
  if (next_queue_try > 0) until = std::min(until, static_cast<std::int64_t>(next_queue_try - monotonic_ms()));
  if (auto deadline = flow->next_deadline_ms()) until = std::min(until, *deadline - clock.now_ms());
  return until;
}

// --- The screens --------------------------------------------------------------------------------

const Picture* SelfService::badge_shown() const {
  const KioskState& s = flow->state();
  const bool theirs = s.decision && s.decision->attendee && s.decision->attendee->id == badge_of;
  return badge.texture && theirs ? &badge : nullptr;
}

bool SelfService::draw(const Frame& frame) {
  if (list_load != ListLoad::none) {
    ViewContext context{flow->state(), event, catalogs, config.done_message, languages, shell->fonts, shell->names,
                        std::nullopt, frame.width, frame.height, frame.seconds, frame.report_widget, nullptr};
    const std::int64_t total = pull_progress.total;
    draw_loading_screen(context, list_load == ListLoad::indexing ? std::max(total, pull_progress.done) : pull_progress.done,
                        total);
    return false;
  }
  std::optional<Picture> picture;
  if (const Picture* shown = badge_shown()) picture = *shown;
  ViewContext context{flow->state(),
                      event,
                      catalogs,
                      config.done_message,
                      languages,
                      shell->fonts,
                      shell->names,
                      picture,
                      frame.width,
                      frame.height,
                      frame.seconds,
                      frame.report_widget,
                      shell->camera};
  intents = draw_screen(context);
  const Intents& in = intents;
  return in.language || in.find_my_name || !in.typed.empty() || in.backspace || in.clear || in.pick || in.confirm ||
         in.submit_answer || in.back || in.touched;
}

void SelfService::after_frame() {
  apply_intents(std::exchange(intents, {}));
  // The intents of that frame changed the state: show it at once.
  apply(flow->take_effects());
}

std::string SelfService::screen() const {
  return list_load != ListLoad::none ? "loading" : std::string(to_string(flow->state().screen));
}

// "refused-cancelled-fr": what a screenshot is named after; a new one is taken when it changes.
std::string SelfService::screen_key() const {
  const KioskState& state = flow->state();
  if (list_load != ListLoad::none) return "loading-" + state.language;
  std::string key(to_string(state.screen));
  if (state.screen == accueil::Screen::out_of_order && state.bounced_until_ms) key += "-scanned";
  if (state.screen == accueil::Screen::refused)
    key += "-" + std::string(state.by_name ? "private" : state.decision ? to_string(state.decision->outcome) : "failed");
  return key + "-" + state.language;
}

// The printing screen waits for the badge preview when it is on its way.
bool SelfService::ready_to_capture(double ms_on_screen) const {
  return flow->state().screen != accueil::Screen::printing || badge_shown() || ms_on_screen > 1500;
}

bool SelfService::animates() const { return list_load != ListLoad::none || screen_animates(flow->state()); }

// --- The attendee list for "find my name" -------------------------------------------------------

// Its version read (one row), and when it moved (an import, a walk-in
// registered at the desk, someone from a signed ticket) the list read and
// indexed, on the index thread; swapped in on the UI's.
void SelfService::check_attendee_list() {
  next_list_check = monotonic_ms() + static_cast<double>(config.list_check_ms);
  if (index_loading) {
    index_recheck = true;
    return;
  }
  index_loading = true;
  index_worker->run([this, known = index_version, read = ++list_reads_started](Store& store) {
    auto done = [this, read] {
      index_loading = false;
      list_reads_done = read;
      if (std::exchange(index_recheck, false)) check_attendee_list();
    };
    auto version = store.attendees_version();
    if (version && *version == known) return shell->ui.post(done);
    Result<std::vector<Attendee>> attendees = std::unexpected(Error{});
    if (version) attendees = store.attendees();
    if (!version || !attendees) {
      fmt::print(stderr, "accueil: cannot read the attendee list: {}\n",
                 (version ? attendees.error() : version.error()).message);
      return shell->ui.post(done);
    }
    // A public screen: only the people "find my name" may offer (not cancelled; VIPs if the event allows).
    std::erase_if(*attendees, [this](const Attendee& a) { return !offered_by_name(a, event.name_search); });
    auto built = std::make_shared<const SearchIndex>(*attendees, event.name_search);
    // The index keeps what a screen may show; the full records go, and their
    // memory back to the system (glibc keeps freed memory otherwise).
    std::vector<Attendee>().swap(*attendees);
    ::malloc_trim(0);
    shell->ui.post([this, done, built, v = *version] {
      index = built;
      index_version = v;
      flow->set_index(index.get());
      shell->trace.log("index", std::to_string(index->size()));
      done();
    });
  });
}

}  // namespace accueil::kiosk
