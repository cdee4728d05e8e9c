#include "kiosk/app/app.hpp"

#include <SDL.h>
#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/app/format.hpp"
#include "kiosk/app/renderer.hpp"
#include "kiosk/app/serial_scanner.hpp"
#include "kiosk/app/text_textures.hpp"
#include "kiosk/app/ui_queue.hpp"
#include "kiosk/app/views.hpp"
#include "kiosk/app/worker.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/queue/render_adapter.hpp"
#include "printer/render/render.hpp"
#include "shared/text/catalog.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/base/files.hpp"
#include "shared/flow/keyboard_wedge.hpp"
#include "shared/flow/kiosk_flow.hpp"
#include "shared/search/search.hpp"
#include "shared/store/store.hpp"
#include "shared/text/text.hpp"

namespace accueil::kiosk {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_screenshot_requested{false};
void on_sigusr1(int) { g_screenshot_requested = true; }

double monotonic_ms() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

// "<monotonic ms> <what> <detail>" lines for the benchmark; nothing when no file was given.
class Trace {
public:
  void open(const fs::path& path) {
    if (!path.empty()) m_out.open(path, std::ios::app);
  }
  // Any thread.
  void log(std::string_view what, std::string_view detail = {}) {
    std::lock_guard lock(m_mutex);
    if (!m_out) return;
    m_out << fmt::format("{:.3f} {} {}\n", monotonic_ms(), what, detail) << std::flush;
  }

private:
  std::mutex m_mutex;
  std::ofstream m_out;
};

// A font file of fontconfig's choosing: "Noto Sans:bold".
std::string font_file(const char* pattern_text) {
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(pattern_text));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  std::string file;
  FcChar8* path = nullptr;
  if (match && FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch) file = reinterpret_cast<char*>(path);
  if (match) FcPatternDestroy(match);
  FcPatternDestroy(pattern);
  return file;
}

// The letters the interface's own texts need: French, English, Spanish,
// Portuguese and German, with their punctuation. Names are drawn by Pango.
const ImWchar k_interface_glyphs[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 (é à ç ñ ü ß ¿ ¡ « » ° ·)
    0x0100, 0x017F,  // Latin Extended-A (œ Œ)
    0x1E9E, 0x1E9E,  // ẞ
    0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
    0x202F, 0x203A,  // narrow no-break space (French punctuation), ‰, ‹ ›
    0x20AC, 0x20AC,  // €
    0,
};

// "refused-cancelled-fr": what a screenshot is named after; a new one is taken when it changes.
std::string screen_key(const KioskState& state) {
  std::string key(to_string(state.screen));
  if (state.screen == accueil::Screen::refused)
    key += "-" + std::string(state.by_name ? "private" : state.decision ? to_string(state.decision->outcome) : "failed");
  return key + "-" + state.language;
}

// Badge previews are made on a worker thread with a typesetter of its own.
struct PreviewMaker {
  render::Typesetter typesetter;
  render::TemplateShelf templates{assets_dir() / "badges"};

  Result<render::RgbaImage> make(const Event& event, const Attendee& attendee, std::string code,
                                 const std::string& template_id, double height_px) {
    auto badge = templates.get(template_id);
    if (!badge) return std::unexpected(badge.error());
    // The same layout as the printer's: what no font draws is left out of both.
    auto layout = typesetter.layout(**badge, render::badge_content(event, attendee, std::move(code)));
    if (!layout) return std::unexpected(layout.error());
    return render::render_preview(*layout, height_px / (*badge)->height_mm);
  }
};

}  // namespace

struct App::Impl {
  AppOptions options;
  Event event;
  std::vector<std::string> languages;
  std::string kiosk_id;
  std::string printer_name;
  Catalogs catalogs;
  Trace trace;
  // The system clock; tests move it (ACCUEIL_CLOCK_OFFSET_MS) to drive the kiosk past midnight.
  OffsetClock clock{0};

  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  Fonts fonts;
  std::unique_ptr<UiQueue> ui;
  std::unique_ptr<TextTextures> names;

  std::shared_ptr<const SearchIndex> index;
  // The attendee list's version the index was built from (Store::attendees_version);
  // whether a reload is under way, and whether another was asked for meanwhile.
  std::int64_t index_version = -1;
  bool index_loading = false;
  bool index_recheck = false;
  double next_list_check = 0;  // monotonic_ms
  std::unique_ptr<KioskFlow> flow;
  KeyboardWedge wedge;

  // The badge on screen, and the print requests the flow waits for.
  Picture badge;
  std::string badge_of;  // the attendee whose badge it is
  // The badge preview of the person the screen is about, if it has come.
  const Picture* badge_shown() const {
    const KioskState& s = flow->state();
    const bool theirs = s.decision && s.decision->attendee && s.decision->attendee->id == badge_of;
    return badge.texture && theirs ? &badge : nullptr;
  }
  std::map<printer::RequestId, std::uint64_t> print_tickets;  // request -> flow ticket
  // Updates that came before submit() returned, in the order they came: the
  // queue's worker can report "printed" before submit() has said "queued".
  // Only while a submit() is under way: other requests of the store (a desk's
  // reprint, one settled after a crash) are not this kiosk's to follow.
  std::map<printer::RequestId, std::vector<printer::RequestUpdate>> early_updates;
  int submits_under_way = 0;
  // The request of each print ticket until it printed; tickets whose attendee
  // was sent to reception before submit() answered.
  std::map<std::uint64_t, printer::RequestId> request_of_ticket;
  std::set<std::uint64_t> hand_over_when_queued;

  std::map<std::string, std::string> widgets;  // touch targets last traced: id -> "x y w h"

  // Screenshots: the screen last captured, and when the current one began.
  std::string captured_key;
  int frames_on_screen = 0;
  double screen_since = 0;
  int screenshot_count = 0;

  // Threads last: they are stopped first, while what they post to still exists.
  std::unique_ptr<Worker<Store>> store_worker;
  std::unique_ptr<Worker<PreviewMaker>> preview_worker;
  // "Find my name": reads and indexes the attendee list on a connection of its
  // own (WAL: it never waits for the writer, nor the writer for it), since a
  // 100,000-name list takes a second, which must hold up no check-in.
  std::unique_ptr<Worker<Store>> index_worker;
  std::unique_ptr<printer::PrintQueue> print_queue;
  // While another program runs the store's print queue (a desk's accueilctl
  // print, another kiosk on a shared store), start() is tried again every
  // print_queue_retry_ms on a thread of its own (a start settles requests cut
  // by a crash, which may ask CUPS); a queue it starts waits in the slot for
  // the UI thread. Meanwhile people are checked in and sent to reception for
  // their badge (apply()).
  printer::PrintQueueOptions queue_options;
  std::string queue_trouble;          // why it is not running here, for the log
  double next_queue_try = 0;          // monotonic_ms; 0 while a try is under way or the queue runs
  std::mutex queue_slot_mutex;
  std::unique_ptr<printer::PrintQueue> queue_slot;
  std::unique_ptr<Worker<int>> queue_starter;
  std::vector<std::unique_ptr<SerialScanner>> serial_scanners;

  ~Impl();
  Status start_sdl();
  void load_fonts();
  void start_threads();
  void apply(const Effects& effects);
  void on_decision(std::uint64_t ticket, const Result<Decision>& d, std::string code);
  void on_print_update(const printer::RequestUpdate& u);
  void hand_over(std::uint64_t ticket);
  void show_badge(const Attendee& attendee, std::string code);
  void handle_key(const SDL_KeyboardEvent& key);
  void handle_wedge(std::vector<WedgeOutput> outputs);
  void apply_intents(const Intents& intents);
  bool draw_frame();
  void check_attendee_list();
  void on_queue_start(Result<std::unique_ptr<printer::PrintQueue>> started);
  void try_queue_again();
  bool capture_pending() const;
  void maybe_screenshot();
  int timeout_ms() const;
};

App::Impl::~Impl() {
  // The store's jobs first: a check-in under way is written and its badge
  // submitted, and they hand work to the other threads, which then finish.
  serial_scanners.clear();
  store_worker.reset();
  index_worker.reset();
  preview_worker.reset();
  queue_starter.reset();
  queue_slot.reset();
  print_queue.reset();
  if (badge.texture) SDL_DestroyTexture(badge.texture);
  names.reset();
  if (renderer) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_DestroyRenderer(renderer);
  }
  if (window) SDL_DestroyWindow(window);
  SDL_Quit();
}

Result<std::unique_ptr<App>> App::create(AppOptions options) {
  // Memory: glibc gives each thread that allocates its own arena, which keeps
  // what it freed; the store, preview, index and print threads would each
  // keep tens of megabytes after rendering badges. Two arenas are plenty for
  // a kiosk (measured: -45 MB after 200 badges, scan latency unchanged).
  ::mallopt(M_ARENA_MAX, 2);
  auto impl = std::make_unique<Impl>();
  impl->trace.open(options.trace);
  impl->trace.log("start");
  const KioskConfig& config = options.config;

  if (auto offset = clock_offset_from_environment(); !offset) {
    return std::unexpected(offset.error());
  } else if (*offset != 0) {
    impl->clock = OffsetClock(*offset);
    fmt::print(stderr, "accueil: ACCUEIL_CLOCK_OFFSET_MS: the clock is moved by {} ms (tests only): it is now {} UTC\n",
               *offset, local_date_time(impl->clock.now_ms(), "UTC"));
  }
  // The event, read once at start (the store worker owns the store afterwards).
  {
    auto store = Store::open(config.store);
    if (!store) return std::unexpected(store.error());
    auto stored = store->event();
    if (!stored) return std::unexpected(stored.error());
    if (!config.event_file.empty()) {
      auto event = load_event_file(config.event_file);
      if (!event) return std::unexpected(event.error());
      impl->event = std::move(*event);
      if (auto keyed = store->complete_public_key(impl->event); !keyed) return std::unexpected(keyed.error());
    } else if (*stored) {
      impl->event = std::move(**stored);
    } else {
      return fail(fmt::format("the store {} has no event: run accueilctl init --event FILE, or set event in the "
                              "configuration", config.store));
    }
  }
  // The day follows the event's clock (KioskFlow); a fixed day is a rehearsal.
  if (config.rehearsal_day && *config.rehearsal_day > impl->event.day_count())
    return fail(fmt::format("rehearsal_day = {}: {} has {} day(s)", *config.rehearsal_day, impl->event.name,
                            impl->event.day_count()));
  impl->languages = config.languages.empty() ? impl->event.languages : config.languages;
  if (impl->languages.empty()) impl->languages = {"fr", "en"};
  auto catalogs = Catalogs::load(assets_dir() / "i18n", impl->languages);
  if (!catalogs) return std::unexpected(catalogs.error());
  impl->catalogs = std::move(*catalogs);
  if (config.kiosk_id.empty()) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    impl->kiosk_id = *host ? host : "kiosk";
  } else {
    impl->kiosk_id = config.kiosk_id;
  }
  const printer::PrinterConfig* printer = config.kiosk_printer();
  if (!printer) return fail("no printer is configured for this kiosk");
  impl->printer_name = printer->name;
  impl->wedge = KeyboardWedge({config.scanner_layout, config.scanner_max_gap_ms, 6, config.scanner_max_pause_ms});
  impl->options = std::move(options);

  if (auto s = impl->start_sdl(); !s) return std::unexpected(s.error());
  FlowOptions flow_options;
  flow_options.languages = impl->languages;
  flow_options.idle_timeout_ms = impl->options.config.idle_timeout_ms;
  flow_options.print_timeout_ms = impl->options.config.print_timeout_ms;
  for (const EventDay& d : impl->event.days) flow_options.day_dates.push_back(d.date);
  flow_options.timezone = impl->event.timezone;
  flow_options.rehearsal_day = impl->options.config.rehearsal_day;
  flow_options.name_search = impl->event.name_search;
  impl->flow = std::make_unique<KioskFlow>(flow_options, impl->clock, nullptr);
  impl->start_threads();
  return std::unique_ptr<App>(new App(std::move(impl)));
}

App::App(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
App::~App() = default;

Status App::Impl::start_sdl() {
  const KioskConfig& config = options.config;
  SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return fail(fmt::format("cannot start SDL: {}", SDL_GetError()));
  const Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (config.fullscreen ? Uint32{SDL_WINDOW_FULLSCREEN_DESKTOP} : Uint32{0});
  window = SDL_CreateWindow("Accueil", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, config.width, config.height, flags);
  if (!window) return fail(fmt::format("cannot open the window: {}", SDL_GetError()));
  renderer = create_renderer(window);
  if (!renderer) return fail(fmt::format("cannot draw in the window: {}", SDL_GetError()));
  if (SDL_RendererInfo info{}; SDL_GetRendererInfo(renderer, &info) == 0) trace.log("renderer", info.name);
  if (config.fullscreen) SDL_ShowCursor(SDL_DISABLE);  // a touch screen: no pointer
  SDL_StopTextInput();  // scanners and the on-screen keyboard, no input method

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini on a kiosk
  ImGui_ImplSDL2_InitForSDLRenderer(window);
  ImGui_ImplSDLRenderer_Init(renderer);
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.FrameRounding = 10;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_Button] = ImVec4(0.93f, 0.94f, 0.96f, 1);
  style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.86f, 0.90f, 0.96f, 1);
  style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.76f, 0.84f, 0.94f, 1);
  style.Colors[ImGuiCol_Text] = ImVec4(0.10f, 0.10f, 0.10f, 1);
  load_fonts();
  ui = std::make_unique<UiQueue>();
  names = std::make_unique<TextTextures>(renderer);
  std::signal(SIGUSR1, on_sigusr1);
  return {};
}

void App::Impl::load_fonts() {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  const std::string regular = font_file("Noto Sans:regular");
  const std::string bold = font_file("Noto Sans:bold");
  // Sizes follow the screen: readable from a step back on any kiosk.
  const float unit = static_cast<float>(h) / 100.0f;
  auto add = [&](const std::string& file, float size) -> ImFont* {
    if (file.empty()) return io.Fonts->AddFontDefault();
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    return io.Fonts->AddFontFromFileTTF(file.c_str(), size, &cfg, k_interface_glyphs);
  };
  fonts.body = add(regular, unit * 3.4f);
  fonts.large = add(regular, unit * 4.4f);
  fonts.title = add(bold, unit * 6.2f);
  io.FontDefault = fonts.body;
}

void App::Impl::start_threads() {
  const KioskConfig& config = options.config;
  store_worker = std::make_unique<Worker<Store>>(
      [path = config.store] { return Store::open(path); }, *ui,
      [this](Error e) { fmt::print(stderr, "accueil: {}\n", e.message); });
  preview_worker = std::make_unique<Worker<PreviewMaker>>(
      []() -> Result<PreviewMaker> {
        auto t = render::Typesetter::create();
        if (!t) return std::unexpected(t.error());
        return PreviewMaker{std::move(*t)};
      },
      *ui, [](Error e) { fmt::print(stderr, "accueil: badge previews: {}\n", e.message); });
  index_worker = std::make_unique<Worker<Store>>(
      [path = config.store]() -> Result<Store> {
        auto store = Store::open(path);
        // It reads the list from end to end: a page cache would only hold memory.
        if (store) (void)store->set_cache_mb(1);
        return store;
      },
      *ui,
      [](Error e) { fmt::print(stderr, "accueil: find my name: {}\n", e.message); });

  check_attendee_list();

  printer::PrintQueueOptions& queue = queue_options;
  queue.store_path = config.store;
  queue.printers = config.printers;
  queue.event = event;
  queue.program = fmt::format("accueil kiosk {}", kiosk_id);
  queue.renderer = printer::badge_renderers({assets_dir() / "badges", {}});
  queue.listener.on_request = [this](const printer::RequestUpdate& u) {
    // What a badge left out (characters no font draws), in the kiosk's log; the request keeps it too.
    for (const std::string& w : printer::request_warnings(u.detail))
      fmt::print(stderr, "accueil: print request {}: warning: {}\n", u.id, w);
    ui->post([this, u] { on_print_update(u); });
  };
  queue.listener.on_printer = [this](const printer::PrinterUpdate& u) {
    if (u.printer != printer_name) return;
    const bool available = u.state.readiness != printer::Readiness::needs_attention;
    ui->post([this, available] {
      trace.log("printer", available ? "available" : "unavailable");
      flow->on_printer_available(available);
    });
  };
  queue_starter = std::make_unique<Worker<int>>([]() -> Result<int> { return 0; }, *ui, [](Error) {});
  on_queue_start(printer::PrintQueue::start(queue_options));

  for (const std::string& device : config.serial_scanners)
    serial_scanners.push_back(std::make_unique<SerialScanner>(device, [this](std::string code) {
      // Stamped as it is read, on the scanner's thread: a UI thread slow to
      // take it up shows in the benchmark's scan-to-screen figure.
      trace.log("scan", "serial");
      ui->post([this, code = std::move(code)] { flow->scan(code); });
    }));
}

// The print queue started, or not: then people are still checked in (their
// badge is for reception, apply() says so) and it is tried again.
void App::Impl::on_queue_start(Result<std::unique_ptr<printer::PrintQueue>> started) {
  if (!started) {
    const std::string why = started.error().message;
    if (why != queue_trouble)  // once per reason, not at every try
      fmt::print(stderr, "accueil: the print queue is not running here, tried again every {:.1f} s; meanwhile people "
                         "are checked in and told their badge is at reception: {}\n",
                 static_cast<double>(options.config.print_queue_retry_ms) / 1000.0, why);
    if (why != queue_trouble) trace.log("print_queue", "waiting");
    queue_trouble = why;
    next_queue_try = monotonic_ms() + static_cast<double>(options.config.print_queue_retry_ms);
    return;
  }
  print_queue = std::move(*started);
  next_queue_try = 0;
  if (!queue_trouble.empty()) fmt::print(stderr, "accueil: the print queue runs here now; badges print again\n");
  queue_trouble.clear();
  trace.log("print_queue", "started");
  if (auto state = print_queue->printer_state(printer_name))
    flow->on_printer_available(state->readiness != printer::Readiness::needs_attention);
}

void App::Impl::try_queue_again() {
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
    ui->post([this, error] {
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

// The attendee list for "find my name": its version read (one row), and when
// it moved (an import, a walk-in registered at the desk, someone from a signed
// ticket) the list read and indexed, on the index thread; swapped in on the UI's.
void App::Impl::check_attendee_list() {
  next_list_check = monotonic_ms() + static_cast<double>(options.config.list_check_ms);
  if (index_loading) {
    index_recheck = true;
    return;
  }
  index_loading = true;
  index_worker->run([this, known = index_version](Store& store) {
    auto done = [this] {
      index_loading = false;
      if (std::exchange(index_recheck, false)) check_attendee_list();
    };
    auto version = store.attendees_version();
    if (version && *version == known) return ui->post(done);
    Result<std::vector<Attendee>> attendees = std::unexpected(Error{});
    if (version) attendees = store.attendees();
    if (!version || !attendees) {
      fmt::print(stderr, "accueil: cannot read the attendee list: {}\n",
                 (version ? attendees.error() : version.error()).message);
      return ui->post(done);
    }
    // A public screen: only the people "find my name" may offer (not cancelled; VIPs if the event allows).
    std::erase_if(*attendees, [this](const Attendee& a) { return !offered_by_name(a, event.name_search); });
    auto built = std::make_shared<const SearchIndex>(*attendees, event.name_search);
    // The index keeps what a screen may show; the full records go, and their
    // memory back to the system (glibc keeps freed memory otherwise).
    std::vector<Attendee>().swap(*attendees);
    ::malloc_trim(0);
    ui->post([this, done, built, v = *version] {
      index = built;
      index_version = v;
      flow->set_index(index.get());
      trace.log("index", std::to_string(index->size()));
      done();
    });
  });
}

// The answer to a check-in, on the UI's thread.
void App::Impl::on_decision(std::uint64_t ticket, const Result<Decision>& d, std::string code) {
  if (!d) {
    fmt::print(stderr, "accueil: check-in not recorded: {}\n", d.error().message);
    flow->on_check_in_failed(ticket);
    return;
  }
  trace.log("decision", to_string(d->outcome));
  flow->on_decision(ticket, *d);
  if (d->attendee_created) check_attendee_list();  // someone from a signed ticket, now findable by name
  if (d->outcome == Outcome::ok && d->attendee) show_badge(*d->attendee, std::move(code));
}

void App::Impl::apply(const Effects& effects) {
  // A check-in on the store's thread; its answer, with the code the badge
  // preview's QR code holds when it is ok, to the UI's.
  // The day is the flow's, when the person asked: a scan at 23:59:59 is for that day.
  auto check_in = [this](std::uint64_t ticket, int day, auto decide) {
    store_worker->run([this, ticket, day, decide](Store& store) {
      const CheckinContext ctx{day, kiosk_id, "", clock.now_ms()};
      Result<Decision> d = decide(store, ctx);
      std::string code;
      if (d && d->outcome == Outcome::ok && d->attendee) code = store.badge_code(d->attendee->id).value_or(std::string());
      ui->post([this, ticket, d = std::move(d), code = std::move(code)] { on_decision(ticket, d, code); });
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
    request.template_id = options.config.template_for(category);
    if (e.to_reception || !print_queue) {
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
      store_worker->run([this, e, request](Store& store) {
        auto id = printer::queue_request(store, options.config.printers, request, clock.now_ms());
        ui->post([this, e, id] {
          if (!id) fmt::print(stderr, "accueil: the badge cannot be put on the reception list: {}\n", id.error().message);
          else trace.log("print", "reception");
          flow->on_print(e.ticket, PrintStage::failed);
        });
      });
      continue;
    }
    // submit() writes to the store: on the store's thread, never the UI's.
    ++submits_under_way;
    store_worker->run([this, e, request](Store&) {
      auto id = print_queue->submit(request);
      ui->post([this, e, id] {
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
          flow->on_print(e.ticket, PrintStage::failed);
          return;
        }
        print_tickets[*id] = e.ticket;
        request_of_ticket[e.ticket] = *id;
        if (hand_over_when_queued.erase(e.ticket) > 0) hand_over(e.ticket);
        if (auto early = early_updates.find(*id); early != early_updates.end()) {
          std::vector<printer::RequestUpdate> updates = std::move(early->second);
          early_updates.erase(early);
          for (const printer::RequestUpdate& u : updates) on_print_update(u);
        }
      });
    });
  }
  for (const HandOverEffect& e : effects.hand_overs) hand_over(e.ticket);
}

// The attendee of this print ticket was told their badge will be handed at
// reception: its request goes to the reception list (a CUPS job still waiting
// is cancelled), so that it does not print here, unattended, later.
void App::Impl::hand_over(std::uint64_t ticket) {
  auto it = request_of_ticket.find(ticket);
  if (it == request_of_ticket.end()) {
    if (submits_under_way > 0) hand_over_when_queued.insert(ticket);  // its submit() has not answered yet
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

void App::Impl::on_print_update(const printer::RequestUpdate& u) {
  auto it = print_tickets.find(u.id);
  if (it == print_tickets.end()) {
    if (submits_under_way > 0) early_updates[u.id].push_back(u);  // submit()'s answer may still be on its way
    return;
  }
  trace.log("print", printer::to_string(u.state));
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
  if (u.state == printer::RequestState::printed || u.state == printer::RequestState::cancelled)
    request_of_ticket.erase(it->second);  // nothing to hand over any more
  flow->on_print(it->second, stage);
  if (printer::is_final(u.state) || u.state == printer::RequestState::reception) print_tickets.erase(it);
}

void App::Impl::show_badge(const Attendee& attendee, std::string code) {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  const double height_px = h * 0.8;
  const std::string template_id = options.config.template_for(attendee.category);
  preview_worker->run([this, attendee, code = std::move(code), template_id, height_px](PreviewMaker& maker) mutable {
    auto image = maker.make(event, attendee, std::move(code), template_id, height_px);
    if (!image) {
      fmt::print(stderr, "accueil: badge preview: {}\n", image.error().message);
      return;
    }
    ui->post([this, attendee_id = attendee.id, image = std::move(*image)] {
      if (badge.texture) SDL_DestroyTexture(badge.texture);
      badge = {};
      SDL_Texture* t = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, image.width, image.height);
      if (!t) return;
      SDL_UpdateTexture(t, nullptr, image.pixels.data(), image.pitch());
      SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
      badge = {t, image.width, image.height};
      badge_of = attendee_id;
    });
  });
}

void App::Impl::handle_key(const SDL_KeyboardEvent& key) {
  if (key.repeat) return;
  const SDL_Scancode sc = key.keysym.scancode;
  switch (sc) {
    case SDL_SCANCODE_LSHIFT: case SDL_SCANCODE_RSHIFT: case SDL_SCANCODE_LCTRL: case SDL_SCANCODE_RCTRL:
    case SDL_SCANCODE_LALT: case SDL_SCANCODE_RALT: case SDL_SCANCODE_LGUI: case SDL_SCANCODE_RGUI:
    case SDL_SCANCODE_MODE: case SDL_SCANCODE_CAPSLOCK:
      return;  // modifiers travel with the keys they change
    default: break;
  }
  KeyPress press;
  press.usage = static_cast<int>(sc);
  press.shift = (key.keysym.mod & KMOD_SHIFT) != 0;
  press.altgr = (key.keysym.mod & (KMOD_RALT | KMOD_MODE)) != 0;
  press.at_ms = static_cast<std::int64_t>(key.timestamp);
  handle_wedge(wedge.press(press));
}

void App::Impl::handle_wedge(std::vector<WedgeOutput> outputs) {
  for (WedgeOutput& o : outputs) {
    if (o.kind == WedgeOutput::Kind::scan) {
      trace.log("scan", std::to_string(o.text.size()));
      flow->scan(o.text);
      continue;
    }
    // A person's key, read in the system's own layout.
    const SDL_Scancode sc = static_cast<SDL_Scancode>(o.key.usage);
    if (sc == SDL_SCANCODE_BACKSPACE) flow->backspace();
    else if (sc == SDL_SCANCODE_ESCAPE) flow->back();
    else if (sc == SDL_SCANCODE_RETURN && flow->state().screen == accueil::Screen::verify) flow->submit_answer();
    else if (flow->state().screen == accueil::Screen::find_name || flow->state().screen == accueil::Screen::verify) {
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
}

void App::Impl::apply_intents(const Intents& in) {
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

// Draws one frame; returns whether the person did something in it.
bool App::Impl::draw_frame() {
  names->begin_frame();
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  const KioskState& state = flow->state();
  std::optional<Picture> picture;
  if (const Picture* shown = badge_shown()) picture = *shown;
  ViewContext context{state,
                      event,
                      catalogs,
                      options.config.done_message,
                      languages,
                      fonts,
                      *names,
                      picture,
                      static_cast<float>(w),
                      static_cast<float>(h),
                      SDL_GetTicks64() / 1000.0,
                      {}};
  if (!options.trace.empty())
    context.report_widget = [this](std::string_view id, ImVec2 min, ImVec2 max) {
      const std::string rect = fmt::format("{:.0f} {:.0f} {:.0f} {:.0f}", min.x, min.y, max.x - min.x, max.y - min.y);
      auto [it, fresh] = widgets.try_emplace(std::string(id), rect);
      if (!fresh && it->second == rect) return;
      it->second = rect;
      trace.log("widget", fmt::format("{} {}", id, rect));
    };
  Intents intents = draw_screen(context);
  ImGui::Render();
  SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
  SDL_RenderClear(renderer);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  maybe_screenshot();
  SDL_RenderPresent(renderer);
  apply_intents(intents);
  return intents.language || intents.find_my_name || !intents.typed.empty() || intents.backspace || intents.clear ||
         intents.pick || intents.confirm || intents.submit_answer || intents.back || intents.touched;
}

bool App::Impl::capture_pending() const {
  if (options.screenshots.empty()) return false;
  return g_screenshot_requested || screen_key(flow->state()) != captured_key;
}

void App::Impl::maybe_screenshot() {
  if (options.screenshots.empty()) return;
  const KioskState& state = flow->state();
  const std::string key = screen_key(state);
  ++frames_on_screen;
  const double waited = monotonic_ms() - screen_since;
  // Let the new screen settle: two frames, and the badge preview when it is on its way.
  const bool settled = frames_on_screen >= 2 && (state.screen != accueil::Screen::printing || badge_shown() || waited > 1500);
  const bool requested = g_screenshot_requested.exchange(false);
  if (!requested && (key == captured_key || !settled)) return;
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  render::RgbaImage image;
  image.width = w;
  image.height = h;
  image.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, image.pixels.data(), image.pitch()) != 0) return;
  for (std::size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;
  auto png = render::encode_png(image);
  if (!png) return;
  std::error_code ec;
  fs::create_directories(options.screenshots, ec);
  const fs::path path = options.screenshots / fmt::format("{:02}-{}.png", ++screenshot_count, key);
  if (write_file(path, *png)) trace.log("screenshot", path.filename().string());
  captured_key = key;
}

// How long the loop may sleep: until the next thing that happens by itself.
// The attendee list's check always comes, so there is always a bound.
int App::Impl::timeout_ms() const {
  std::int64_t until = static_cast<std::int64_t>(next_list_check - monotonic_ms());
  if (next_queue_try > 0) until = std::min(until, static_cast<std::int64_t>(next_queue_try - monotonic_ms()));
  if (screen_animates(flow->state())) until = std::min<std::int64_t>(until, 50);  // the spinner turns
  if (auto deadline = flow->next_deadline_ms()) until = std::min(until, *deadline - clock.now_ms());
  if (auto scan = wedge.next_deadline_ms()) until = std::min(until, *scan - static_cast<std::int64_t>(SDL_GetTicks64()));
  if (!options.screenshots.empty()) until = std::min<std::int64_t>(until, 250);  // SIGUSR1 is polled
  return static_cast<int>(std::clamp<std::int64_t>(until, 1, 60'000));
}

int App::run() {
  Impl& a = *m_impl;
  bool first_frame = true;
  int frames_to_draw = 2;
  std::string last_screen, last_shown, last_day, last_results;
  for (;;) {
    // 1. Wait: for an event, a worker's result, or the next deadline; not
    //    spinning at 60 frames a second on an idle welcome screen.
    //    While the scanner decoder holds keys, a burst may be arriving: no
    //    frame is drawn until it ends, so every key is read as it comes
    //    (SDL stamps a key when it is read, and a frame drawn in the middle
    //    of a burst would look like a pause in it, cutting the scan in two).
    SDL_Event event;
    const bool burst = a.wedge.next_deadline_ms().has_value();
    bool have_event = frames_to_draw > 0 && !burst ? SDL_PollEvent(&event) != 0
                                                   : SDL_WaitEventTimeout(&event, a.timeout_ms()) != 0;
    // 2. Events: touches to ImGui, keys to the scanner decoder.
    while (have_event) {
      if (event.type == SDL_QUIT) return 0;
      if (event.type == SDL_KEYDOWN) a.handle_key(event.key);
      else if (event.type != SDL_KEYUP && event.type != SDL_TEXTINPUT && !a.ui->is_wake_event(event))
        ImGui_ImplSDL2_ProcessEvent(&event);
      frames_to_draw = std::max(frames_to_draw, 2);
      have_event = SDL_PollEvent(&event) != 0;
    }
    // 3. What the workers finished, then time.
    if (a.ui->drain()) frames_to_draw = std::max(frames_to_draw, 2);
    a.handle_wedge(a.wedge.poll(static_cast<std::int64_t>(SDL_GetTicks64())));
    if (monotonic_ms() >= a.next_list_check) a.check_attendee_list();
    if (a.next_queue_try > 0 && monotonic_ms() >= a.next_queue_try) a.try_queue_again();
    a.flow->tick();
    a.apply(a.flow->take_effects());
    // The event day, and what "find my name" found, for the tests that read the trace.
    const KioskState& now = a.flow->state();
    const std::string day = now.day ? fmt::format("{}{}", *now.day, now.rehearsal ? " rehearsal" : "")
                                    : now.next_day ? fmt::format("none next {}", *now.next_day) : "none";
    if (day != last_day) {
      a.trace.log("day", day);
      last_day = day;
    }
    const std::string results = now.searched ? std::to_string(now.results.size()) : "";
    if (results != last_results && !results.empty()) a.trace.log("results", results);
    last_results = results;
    // 4. Draw when something changed or moves.
    const std::string screen(to_string(a.flow->state().screen));
    if (screen != last_screen) {
      a.trace.log("screen", screen);
      last_screen = screen;
      // Back on welcome after someone: what rendering their badge freed goes
      // back to the system, off the UI thread.
      if (a.flow->state().screen == accueil::Screen::welcome && a.index_worker)
        a.index_worker->run([](Store&) { ::malloc_trim(0); });
      a.frames_on_screen = 0;
      a.screen_since = monotonic_ms();
      frames_to_draw = std::max(frames_to_draw, 2);
    }
    if (screen_animates(a.flow->state()) || a.capture_pending()) frames_to_draw = std::max(frames_to_draw, 1);
    if (frames_to_draw == 0 || a.wedge.next_deadline_ms()) continue;
    const bool acted = a.draw_frame();
    --frames_to_draw;
    if (acted) frames_to_draw = std::max(frames_to_draw, 2);
    if (first_frame) {
      a.trace.log("first_frame");
      first_frame = false;
    }
    if (screen != last_shown) {  // presented: what the benchmark's figures end on
      a.trace.log("shown", screen);
      last_shown = screen;
    }
    // The intents of that frame changed the state: show it at once.
    a.apply(a.flow->take_effects());
  }
}

}  // namespace accueil::kiosk
