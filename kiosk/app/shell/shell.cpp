#include "kiosk/app/shell/shell.hpp"

#include <SDL.h>
#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <malloc.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <map>
#include <vector>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/app/shell/camera_preview.hpp"
#include "kiosk/app/shell/file_camera.hpp"
#include "kiosk/app/shell/key_times.hpp"
#include "kiosk/app/shell/renderer.hpp"
#include "kiosk/app/shell/serial_scanner.hpp"
#include "kiosk/app/shell/service_manager.hpp"
#include "kiosk/app/shell/text_textures.hpp"
#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "kiosk/app/shell/v4l2_camera.hpp"
#include "printer/render/render.hpp"
#include "shared/base/files.hpp"
#include "shared/flow/keyboard_wedge.hpp"

namespace accueil::kiosk {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_screenshot_requested{false};
void on_sigusr1(int) { g_screenshot_requested = true; }

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

}  // namespace

struct Shell::Impl {
  ShellOptions options;
  Trace trace;
  // The system clock; tests move it (ACCUEIL_CLOCK_OFFSET_MS) to drive the kiosk past midnight.
  OffsetClock clock{0};

  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  Fonts fonts;
  std::unique_ptr<UiQueue> ui;
  std::unique_ptr<TextTextures> names;

  Mode* mode = nullptr;  // while run() runs
  ServiceManager service;  // systemd: ready, and the watchdog's pings
  KeyboardWedge wedge;
  KeyTimes key_times;  // when each key was pressed, for the wedge
  std::vector<std::unique_ptr<SerialScanner>> serial_scanners;
  std::shared_ptr<CameraFeed> camera_feed;  // with a [camera] in the configuration
  std::unique_ptr<CameraPreview> camera_preview;
  std::unique_ptr<CameraScanner> camera;

  std::map<std::string, std::string> widgets;  // touch targets last traced: id -> "x y w h"

  // Screenshots: the screen last captured, and when the current one began.
  std::string captured_key;
  int frames_on_screen = 0;
  double screen_since = 0;
  int screenshot_count = 0;

  ~Impl();
  Status start_sdl();
  void load_fonts();
  void handle_key(const SDL_KeyboardEvent& key);
  void handle_wedge(std::vector<WedgeOutput> outputs);
  bool draw_frame();
  bool capture_pending() const;
  void maybe_screenshot();
  int timeout_ms() const;
  void start_camera();
};

Shell::Impl::~Impl() {
  serial_scanners.clear();
  camera.reset();
  camera_preview.reset();
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

Result<std::unique_ptr<Shell>> Shell::create(ShellOptions options) {
  // Memory: glibc gives each thread that allocates its own arena, which keeps
  // what it freed; the store, preview, index and print threads would each
  // keep tens of megabytes after rendering badges. Two arenas are plenty for
  // a kiosk (measured: -45 MB after 200 badges, scan latency unchanged).
  ::mallopt(M_ARENA_MAX, 2);
  auto impl = std::make_unique<Impl>();
  impl->trace.open(options.trace);
  impl->trace.log("start");
  if (auto offset = clock_offset_from_environment(); !offset) {
    return std::unexpected(offset.error());
  } else if (*offset != 0) {
    impl->clock = OffsetClock(*offset);
    fmt::print(stderr, "accueil: ACCUEIL_CLOCK_OFFSET_MS: the clock is moved by {} ms (tests only): it is now {} UTC\n",
               *offset, local_date_time(impl->clock.now_ms(), "UTC"));
  }
  const KioskConfig& config = options.config;
  impl->wedge = KeyboardWedge({config.scanner_layout, config.scanner_max_gap_ms, 6, config.scanner_max_pause_ms});
  impl->key_times = KeyTimes(config.scanner_max_gap_ms);
  impl->options = std::move(options);
  return std::unique_ptr<Shell>(new Shell(std::move(impl)));
}

Shell::Shell(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Shell::~Shell() = default;

Trace& Shell::trace() { return m_impl->trace; }
const OffsetClock& Shell::clock() const { return m_impl->clock; }
Status Shell::open_window() { return m_impl->start_sdl(); }
ShellServices Shell::services() {
  Impl& a = *m_impl;
  return {*a.ui, a.trace, a.clock, a.renderer, a.fonts, *a.names, a.camera_preview.get()};
}

Status Shell::Impl::start_sdl() {
  const KioskConfig& config = options.config;
  SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return fail(fmt::format("cannot start SDL: {}", SDL_GetError()));
  // With no display, SDL falls back to drawing off screen: the app would run
  // on with nobody able to see it. Only a deliberate SDL_VIDEODRIVER may do that.
  if (const char* driver = SDL_GetCurrentVideoDriver();
      driver && (std::string_view(driver) == "offscreen" || std::string_view(driver) == "dummy") &&
      !std::getenv("SDL_VIDEODRIVER")) {
    SDL_Quit();
    return fail("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): start it in the "
                "screen's session (the appliance's units run it under cage), or set SDL_VIDEODRIVER=offscreen "
                "to run it without a screen on purpose");
  }
  const Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (config.fullscreen ? Uint32{SDL_WINDOW_FULLSCREEN_DESKTOP} : Uint32{0});
  window = SDL_CreateWindow("Accueil", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, config.width, config.height, flags);
  if (!window) return fail(fmt::format("cannot open the window: {}", SDL_GetError()));
  renderer = create_renderer(window);
  if (!renderer) return fail(fmt::format("cannot draw in the window: {}", SDL_GetError()));
  if (SDL_RendererInfo info{}; SDL_GetRendererInfo(renderer, &info) == 0) trace.log("renderer", info.name);
  if (config.fullscreen) SDL_ShowCursor(SDL_DISABLE);  // a touch screen: no pointer
  SDL_StopTextInput();  // scanners and the on-screen keyboard, no input method
  key_times.start();
  trace.log("key_times", key_times.server_times() ? "server" : "read");

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
  if (!config.camera_device.empty()) {
    camera_feed = std::make_shared<CameraFeed>();
    camera_preview = std::make_unique<CameraPreview>(renderer, camera_feed);
  }
  std::signal(SIGUSR1, on_sigusr1);
  return {};
}

void Shell::Impl::load_fonts() {
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

void Shell::Impl::handle_key(const SDL_KeyboardEvent& key) {
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
  press.ctrl = (key.keysym.mod & KMOD_CTRL) != 0;
  const KeyTimes::KeyTime when = key_times.of(key);
  press.at_ms = when.at_ms;
  press.read_late = when.read_late;
  handle_wedge(wedge.press(press));
}

// What the scanner decoder made of the keys: a scanner's code, or a person's keys.
void Shell::Impl::handle_wedge(std::vector<WedgeOutput> outputs) {
  for (WedgeOutput& o : outputs) {
    if (o.kind == WedgeOutput::Kind::scan) {
      trace.log("scan", std::to_string(o.text.size()));
      mode->on_scan(o.text);
    } else {
      mode->on_key_with(static_cast<SDL_Scancode>(o.key.usage), {o.key.shift, o.key.ctrl, o.key.altgr});
    }
  }
}

// Draws one frame; returns whether the person did something in it.
bool Shell::Impl::draw_frame() {
  names->begin_frame();
  if (camera_preview) camera_preview->begin_frame();
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer, &w, &h);
  Frame frame{static_cast<float>(w), static_cast<float>(h), SDL_GetTicks64() / 1000.0, {}};
  if (trace.enabled())
    frame.report_widget = [this](std::string_view id, ImVec2 min, ImVec2 max) {
      const std::string rect = fmt::format("{:.0f} {:.0f} {:.0f} {:.0f}", min.x, min.y, max.x - min.x, max.y - min.y);
      auto [it, fresh] = widgets.try_emplace(std::string(id), rect);
      if (!fresh && it->second == rect) return;
      it->second = rect;
      trace.log("widget", fmt::format("{} {}", id, rect));
    };
  const bool acted = mode->draw(frame);
  ImGui::Render();
  SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
  SDL_RenderClear(renderer);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  maybe_screenshot();
  SDL_RenderPresent(renderer);
  mode->after_frame();
  return acted;
}

bool Shell::Impl::capture_pending() const {
  if (options.screenshots.empty()) return false;
  return g_screenshot_requested || mode->screen_key() != captured_key;
}

void Shell::Impl::maybe_screenshot() {
  if (options.screenshots.empty()) return;
  const std::string key = mode->screen_key();
  ++frames_on_screen;
  // Let the new screen settle: two frames, and what the mode still waits for.
  const bool settled = frames_on_screen >= 2 && mode->ready_to_capture(monotonic_ms() - screen_since);
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
int Shell::Impl::timeout_ms() const {
  std::int64_t until = 60'000;
  if (auto wake = mode->next_wake_ms()) until = std::min(until, *wake);
  if (mode->animates()) until = std::min<std::int64_t>(until, 50);  // the spinner turns
  if (auto scan = wedge.next_deadline_ms()) until = std::min(until, *scan - static_cast<std::int64_t>(SDL_GetTicks64()));
  if (!options.screenshots.empty()) until = std::min<std::int64_t>(until, 250);  // SIGUSR1 is polled
  if (camera_preview && camera_preview->shown()) until = std::min<std::int64_t>(until, 40);  // its next frame
  if (auto watchdog = service.max_sleep_ms()) until = std::min(until, *watchdog);  // ping systemd in time
  return static_cast<int>(std::clamp<std::int64_t>(until, 1, 60'000));
}

// The camera, when the configuration names one: its codes go where a serial
// scanner's go. Says in the log why there is no picture.
void Shell::Impl::start_camera() {
  const KioskConfig& config = options.config;
  if (config.camera_device.empty()) {
    fmt::print(stderr, "accueil: camera: off (no [camera] device in the configuration)\n");
    return;
  }
  CameraOptions camera_options;
  camera_options.name = config.camera_device;
  camera_options.fps = config.camera_fps;
  const V4l2Request request{config.camera_device, config.camera_width, config.camera_height, config.camera_fps};
  FrameSourceOpener opener = [request] { return open_v4l2_camera(request); };
  if (is_file_camera(config.camera_device)) {
    // A picture file filmed (tests, benchmarks): the trace says when it changes.
    FileCameraRequest file{config.camera_device, config.camera_width, config.camera_height, config.camera_fps,
                           [this](bool shown) { trace.log("camera", shown ? "picture" : "blank"); }};
    opener = [file] { return open_file_camera(file); };
  }
  camera = std::make_unique<CameraScanner>(
      camera_options, opener, camera_feed,
      [this](std::string code) {
        trace.log("scan", "camera");
        ui->post([this, code = std::move(code)] { mode->on_scan(code); });
      },
      [](const std::string& line) { fmt::print(stderr, "accueil: {}\n", line); });
}

int Shell::run(Mode& mode) {
  Impl& a = *m_impl;
  a.mode = &mode;
  for (const std::string& device : a.options.config.serial_scanners)
    a.serial_scanners.push_back(std::make_unique<SerialScanner>(device, [&a](std::string code) {
      // Stamped as it is read, on the scanner's thread: a UI thread slow to
      // take it up shows in the benchmark's scan-to-screen figure.
      a.trace.log("scan", "serial");
      a.ui->post([&a, code = std::move(code)] { a.mode->on_scan(code); });
    }));
  a.start_camera();
  struct StopScanners {  // before the mode goes: they post to it
    Impl& a;
    ~StopScanners() {
      a.serial_scanners.clear();
      a.camera.reset();
    }
  } stop_scanners{a};

  bool close_asked = false;  // the window's close event came, its SDL_QUIT not yet
  bool first_frame = true;
  int frames_to_draw = 2;
  std::string last_screen, last_shown;
  for (;;) {
    // 1. Wait: for an event, a worker's result, or the next deadline; not
    //    spinning at 60 frames a second on an idle welcome screen.
    //    While the scanner decoder holds keys, a burst may be arriving: no
    //    frame is drawn until it ends, so every key is read as it comes
    //    (SDL stamps a key when it is read, and a frame drawn in the middle
    //    of a burst would look like a pause in it, cutting the scan in two;
    //    key_times reads the display's events itself to know when keys came).
    SDL_Event event;
    const bool burst = a.wedge.next_deadline_ms().has_value();
    a.key_times.pump();
    bool have_event = false;
    if (frames_to_draw > 0 && !burst) {
      have_event = SDL_PollEvent(&event) != 0;
    } else {
      have_event = SDL_WaitEventTimeout(&event, a.timeout_ms()) != 0;
      a.key_times.listened(have_event ? &event : nullptr);
    }
    // 2. Events: touches to ImGui, keys to the scanner decoder.
    for (; have_event; a.key_times.pump(), have_event = SDL_PollEvent(&event) != 0) {
      if (a.key_times.take(event)) continue;  // the X server's copy of an event: its time only
      // SDL sends SDL_QUIT after the last window's close event, and on
      // SIGTERM or SIGINT alone (or when a mode pushes it): only a close asks the mode.
      if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE) close_asked = true;
      if (event.type == SDL_QUIT) {
        if (!std::exchange(close_asked, false) || mode.on_close_request()) return 0;
        a.trace.log("quit", "refused");
      }
      if (event.type == SDL_KEYDOWN) a.handle_key(event.key);
      else if (event.type != SDL_KEYUP && event.type != SDL_TEXTINPUT && !a.ui->is_wake_event(event))
        ImGui_ImplSDL2_ProcessEvent(&event);
      frames_to_draw = std::max(frames_to_draw, 2);
    }
    // 3. The loop is alive (systemd's watchdog); what the workers finished, then time.
    a.service.alive(static_cast<std::int64_t>(SDL_GetTicks64()));
    if (a.ui->drain()) frames_to_draw = std::max(frames_to_draw, 2);
    a.handle_wedge(a.wedge.poll(static_cast<std::int64_t>(SDL_GetTicks64())));
    mode.tick();
    // 4. Draw when something changed or moves.
    const std::string screen = mode.screen();
    if (screen != last_screen) {
      a.trace.log("screen", screen);
      last_screen = screen;
      a.frames_on_screen = 0;
      a.screen_since = monotonic_ms();
      frames_to_draw = std::max(frames_to_draw, 2);
    }
    if (mode.animates() || a.capture_pending()) frames_to_draw = std::max(frames_to_draw, 1);
    if (a.camera_preview && a.camera_preview->shown() && a.camera_preview->stale())
      frames_to_draw = std::max(frames_to_draw, 1);  // the live picture moves
    if (frames_to_draw == 0 || a.wedge.next_deadline_ms()) continue;
    const bool acted = a.draw_frame();
    --frames_to_draw;
    if (acted) frames_to_draw = std::max(frames_to_draw, 2);
    if (first_frame) {
      a.trace.log("first_frame");
      a.service.ready();
      first_frame = false;
    }
    if (screen != last_shown) {  // presented: what the benchmark's figures end on
      a.trace.log("shown", screen);
      last_shown = screen;
    }
  }
}

}  // namespace accueil::kiosk
