// accueil: the self-service check-in kiosk.
//   accueil --config FILE     a configured kiosk
//   accueil --demo            a demo event, store and printer made on the fly
//   accueil --desk ...        the reception desk (staff screens behind a PIN)
//   accueil --dashboard ...   the organisers' dashboard on that store (read-only)
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <optional>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/app/modes/desk/desk_mode.hpp"
#include "kiosk/app/modes/desk/kiosk_gate.hpp"
#include "kiosk/app/modes/dashboard/dashboard.hpp"
#include "kiosk/app/modes/selfservice/selfservice.hpp"
#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/setup/demo.hpp"
#include "kiosk/app/shell/shell.hpp"
#include "shared/base/files.hpp"
#include "shared/sync/sync_worker.hpp"
#include "shared/store/staff.hpp"
#include "shared/store/store_in_use.hpp"

int main(int argc, char** argv) {
  using namespace accueil::kiosk;
  CLI::App cli{"accueil: the self-service check-in and badge-printing kiosk"};
  std::string config_path, demo_dir, window, screenshots, trace;
  bool demo = false, fullscreen = false, desk = false, dashboard = false, check_config = false;
  std::optional<int> rehearsal_day;
  // The version and the assets it found: an installed kiosk says /usr/share/accueil/assets.
  cli.set_version_flag("--version", fmt::format("accueil {} (assets {})", ACCUEIL_VERSION, accueil::assets_dir().string()));
  cli.add_option("--config", config_path, "the kiosk's configuration (TOML)");
  cli.add_flag("--check-config", check_config, "read the configuration, say what is wrong or what it names, and exit");
  cli.add_flag("--desk", desk, "the reception desk: staff screens behind a PIN (accueilctl staff add)");
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

  std::optional<Demo> demo_built;  // its folder's lock, held until the app ends
  if (demo) {
    const std::filesystem::path dir = demo_dir.empty() ? default_demo_dir() : std::filesystem::path(demo_dir);
    auto built = build_demo(dir, dashboard);
    if (!built) {
      fmt::print(stderr, "accueil: cannot build the demo: {}\n", built.error().message);
      return 1;
    }
    demo_built.emplace(std::move(*built));
    config_path = demo_built->config.string();
    if (desk) {
      // The demo's desk opens with a PIN everyone knows: it is a demo.
      auto demo_config = load_kiosk_config(config_path);
      auto store = demo_config ? accueil::Store::open(demo_config->store) : accueil::Result<accueil::Store>(
                                                                              std::unexpected(demo_config.error()));
      if (store && staff_members(*store).value_or(std::vector<accueil::StaffMember>{}).empty())
        (void)add_staff(*store, "Démo", accueil::StaffRole::admin, "0000");
      fmt::print("accueil: demo desk: staff \"Démo\", PIN 0000\n");
    }
    fmt::print("accueil: demo event in {}: QR codes to scan in {}, badges printed to {}\n", dir, dir / "tickets",
               dir / "printed");
  }
  auto config = load_kiosk_config(config_path);
  if (!config) {
    fmt::print(stderr, "accueil: {}\n", config.error().message);
    return 1;
  }
  if (check_config) {
    const auto* printer = config->kiosk_printer();
    fmt::print("{}: store {}{}, printer {} ({}), {} printer(s) configured\n", config_path, config->store.string(),
               std::filesystem::exists(config->store) ? "" : " (not made yet: accueilctl init)",
               printer ? printer->name : "none", printer ? accueil::printer::to_string(printer->uri) : "",
               config->printers.size());
    return 0;
  }
  // Held for the app's life, by every mode: a new --demo on this folder must
  // not delete the store under it (shared/store/store_in_use.hpp).
  auto store_in_use = accueil::StoreInUse::share(config->store);
  if (!store_in_use) {
    fmt::print(stderr, "accueil: {}\n", store_in_use.error().message);
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
  // The central list: a sync thread of its own while the app runs (shared/sync/sync_worker.hpp).
  std::optional<accueil::sync::SyncWorker> central;
  if (!config->central.empty()) {
    char host[256] = "kiosk";
    if (config->kiosk_id.empty()) gethostname(host, sizeof host - 1);
    accueil::sync::SyncOptions sync_options;
    sync_options.store = config->store;
    sync_options.central_url = config->central;
    sync_options.kiosk = config->kiosk_id.empty() ? std::string(host) : config->kiosk_id;
    sync_options.printers_from_store = true;  // its heartbeat carries the print queue's printers
    central.emplace(std::move(sync_options));
    central->start();
  }
  auto shell = Shell::create({*config, screenshots, trace});
  if (!shell) {
    fmt::print(stderr, "accueil: {}\n", shell.error().message);
    return 1;
  }
  if (dashboard) return run_dashboard(**shell, *config);
  // The mode's data first, so that what is wrong is said before a window opens;
  // the mode goes before the shell (it draws with the shell's window).
  if (desk) {
    auto desk_mode = DeskMode::load(std::move(*config), (*shell)->clock());
    if (!desk_mode) {
      fmt::print(stderr, "accueil: {}\n", desk_mode.error().message);
      return 1;
    }
    if (auto opened = (*shell)->open_window(); !opened) {
      fmt::print(stderr, "accueil: {}\n", opened.error().message);
      return 1;
    }
    (*desk_mode)->start((*shell)->services());
    return (*shell)->run(**desk_mode);
  }
  // Staff reach the desk's screens from the kiosk by a gesture and a PIN
  // (kiosk_gate.hpp), once the store has staff.
  auto staff_screens = DeskMode::load(*config, (*shell)->clock(), true);
  auto mode = SelfServiceMode::load(std::move(*config), (*shell)->clock());
  if (!mode) {
    fmt::print(stderr, "accueil: {}\n", mode.error().message);
    return 1;
  }
  if (central) {
    // First start: the list comes from central before the doors open, or
    // they open without it when central cannot be reached (the worker keeps trying).
    (*mode)->follow_first_pull([&worker = *central] {
      const accueil::sync::SyncStatus s = worker.status();
      FirstPull p;
      p.done = s.pulled_attendees;
      p.total = s.list_size;
      p.over = s.first_pull_done || !s.running || (!s.connected && !s.last_error.empty());
      if (!s.first_pull_done) p.why_not = s.last_error.empty() ? "the sync stopped" : s.last_error;
      return p;
    });
  }
  if (auto opened = (*shell)->open_window(); !opened) {
    fmt::print(stderr, "accueil: {}\n", opened.error().message);
    return 1;
  }
  if (!staff_screens) {
    fmt::print(stderr, "accueil: no staff screens on this kiosk: {}\n", staff_screens.error().message);
    (*mode)->start((*shell)->services());
    return (*shell)->run(**mode);
  }
  KioskGate gate(std::move(*mode), std::move(*staff_screens));
  gate.start((*shell)->services());
  return (*shell)->run(gate);
}
