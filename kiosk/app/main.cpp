// accueil: the self-service check-in kiosk.
//   accueil --config FILE     a configured kiosk
//   accueil --demo            a demo event, store and printer made on the fly
//   accueil --dashboard ...   the organisers' dashboard on that store (read-only)
#include <CLI/CLI.hpp>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/app/modes/dashboard/dashboard.hpp"
#include "kiosk/app/modes/selfservice/selfservice.hpp"
#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/setup/demo.hpp"
#include "kiosk/app/shell/shell.hpp"

int main(int argc, char** argv) {
  using namespace accueil::kiosk;
  CLI::App cli{"accueil: the self-service check-in and badge-printing kiosk"};
  std::string config_path, demo_dir, window, screenshots, trace;
  bool demo = false, fullscreen = false, dashboard = false;
  std::optional<int> rehearsal_day;
  cli.add_option("--config", config_path, "the kiosk's configuration (TOML)");
  cli.add_flag("--demo", demo, "run on a demo event made on the fly (no hardware needed)");
  cli.add_flag("--dashboard", dashboard, "the organisers' live dashboard of the store (read-only; L: language)");
  cli.add_option("--demo-dir", demo_dir, "where --demo builds its event (default $XDG_RUNTIME_DIR/accueil-demo)");
  cli.add_option("--window", window, "a window of WIDTHxHEIGHT instead of the configuration's screen");
  cli.add_flag("--fullscreen", fullscreen, "full screen, whatever the configuration says");
  cli.add_option("--rehearsal-day", rehearsal_day,
                 "rehearse on this event day, whatever the date (the screen says so; default: the event's clock)")
      ->check(CLI::Range(1, 32));
  cli.add_option("--screenshots", screenshots, "write a PNG of every screen into this folder (and on SIGUSR1)");
  cli.add_option("--trace", trace, "append timestamps of scans and screens to this file");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  if (demo == !config_path.empty()) {
    fmt::print(stderr, "accueil: give either --config FILE or --demo\n");
    return 2;
  }

  if (demo) {
    const std::filesystem::path dir = demo_dir.empty() ? default_demo_dir() : std::filesystem::path(demo_dir);
    auto built = build_demo(dir, dashboard);
    if (!built) {
      fmt::print(stderr, "accueil: cannot build the demo: {}\n", built.error().message);
      return 1;
    }
    config_path = built->string();
    fmt::print("accueil: demo event in {}: QR codes to scan in {}, badges printed to {}\n", dir, dir / "tickets",
               dir / "printed");
  }
  auto config = load_kiosk_config(config_path);
  if (!config) {
    fmt::print(stderr, "accueil: {}\n", config.error().message);
    return 1;
  }
  if (rehearsal_day) config->rehearsal_day = rehearsal_day;
  if (fullscreen) config->fullscreen = true;
  if (!window.empty()) {
    int w = 0, h = 0;
    if (std::sscanf(window.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
      fmt::print(stderr, "accueil: --window {}: expected WIDTHxHEIGHT such as 1280x800\n", window);
      return 2;
    }
    config->fullscreen = false;
    config->width = w;
    config->height = h;
  }
  auto shell = Shell::create({*config, screenshots, trace});
  if (!shell) {
    fmt::print(stderr, "accueil: {}\n", shell.error().message);
    return 1;
  }
  if (dashboard) return run_dashboard(**shell, *config);
  // The mode's data first, so that what is wrong is said before a window opens;
  // the mode goes before the shell (it draws with the shell's window).
  auto mode = SelfServiceMode::load(std::move(*config), (*shell)->clock());
  if (!mode) {
    fmt::print(stderr, "accueil: {}\n", mode.error().message);
    return 1;
  }
  if (auto opened = (*shell)->open_window(); !opened) {
    fmt::print(stderr, "accueil: {}\n", opened.error().message);
    return 1;
  }
  (*mode)->start((*shell)->services());
  return (*shell)->run(**mode);
}
