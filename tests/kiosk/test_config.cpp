#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "kiosk/app/setup/config.hpp"

using namespace accueil;
using namespace accueil::kiosk;

namespace {
const char* k_config = R"(
store = "accueil.db"
kiosk = "entree-1"
rehearsal_day = 2
languages = ["fr", "en"]
idle_timeout_s = 30
list_check_s = 2
printer = "entree-1"
[templates]
presse = "a6"
[done_message]
fr = "Plénière à 9 h 30"
[scanner]
layout = "fr"
serial = ["/dev/ttyACM0"]
max_gap_ms = 40
max_pause_ms = 400
[camera]
device = "/dev/video2"
fps = 8
[screen]
fullscreen = false
width = 1024
height = 768
[[printers]]
name = "entree-1"
uri = "cups:Kiosque1"
media = "62x100"
template = "continuous-62"
failover = "accueil"
[[printers]]
name = "accueil"
uri = "file:/tmp/badges:brother-ql-820nwb"
media = "62x100"
)";
}  // namespace

TEST_CASE("a kiosk configuration is read, paths relative to it", "[config]") {
  auto c = parse_kiosk_config(k_config, "/etc/accueil/kiosk.toml");
  REQUIRE(c);
  CHECK(c->store == "/etc/accueil/accueil.db");
  CHECK(c->kiosk_id == "entree-1");
  CHECK(c->rehearsal_day == 2);
  CHECK(c->languages == std::vector<std::string>{"fr", "en"});
  CHECK(c->idle_timeout_ms == 30'000);
  CHECK(c->list_check_ms == 2'000);
  CHECK(c->scanner_layout == ScannerLayout::fr);
  CHECK(c->serial_scanners == std::vector<std::string>{"/dev/ttyACM0"});
  CHECK(c->scanner_max_gap_ms == 40);
  CHECK(c->scanner_max_pause_ms == 400);
  CHECK(c->camera_device == "/dev/video2");
  CHECK(c->camera_width == 640);
  CHECK(c->camera_fps == 8);
  CHECK_FALSE(c->fullscreen);
  CHECK(c->width == 1024);
  REQUIRE(c->printers.size() == 2);
  REQUIRE(c->kiosk_printer() != nullptr);
  CHECK(c->kiosk_printer()->name == "entree-1");
  CHECK(c->template_for("presse") == "a6");            // per category
  CHECK(c->template_for("elu") == "continuous-62");    // the printer's (not the built-in default)
  CHECK(c->done_message.at("fr") == "Plénière à 9 h 30");
}

TEST_CASE("the camera is off unless the configuration names one", "[config]") {
  auto c = parse_kiosk_config("store = \"a.db\"\n[[printers]]\nname = \"p\"\nuri = \"cups:Q\"\nmedia = \"62x100\"\n",
                              "kiosk.toml");
  REQUIRE(c);
  CHECK(c->camera_device.empty());
}

TEST_CASE("kiosk configuration errors say where and why", "[config]") {
  auto error_of = [](std::string text) {
    auto c = parse_kiosk_config(text, "kiosk.toml");
    REQUIRE_FALSE(c);
    return c.error().message;
  };
  const std::string printer = "\n[[printers]]\nname = \"p\"\nuri = \"cups:Q\"\nmedia = \"62x100\"\n";
  CHECK_THAT(error_of("kiosk = \"x\"" + printer), Catch::Contains("kiosk.toml: store"));
  // No [[printers]]: a dashboard's configuration; the self-service kiosk says what it lacks.
  auto dashboard = parse_kiosk_config("store = \"a.db\"\nprinter = \"entree-1\"\n", "dashboard.toml");
  REQUIRE(dashboard);
  CHECK(dashboard->printers.empty());
  REQUIRE_FALSE(dashboard->check_kiosk_printer());
  CHECK_THAT(dashboard->check_kiosk_printer().error().message,
             Catch::Contains("dashboard.toml: printers") && Catch::Contains("[[printers]]"));
  CHECK_THAT(error_of("store = \"a.db\"\nprinter = \"nope\"" + printer), Catch::Contains("\"nope\""));
  CHECK_THAT(error_of("store = \"a.db\"\n[scanner]\nlayout = \"dvorak\"" + printer), Catch::Contains("scanner.layout"));
  CHECK_THAT(error_of("store = \"a.db\"\n[scanner]\nmax_gap_ms = 1" + printer), Catch::Contains("scanner.max_gap_ms"));
  CHECK_THAT(error_of("store = \"a.db\"\n[scanner]\nmax_pause_ms = 10" + printer), Catch::Contains("scanner.max_pause_ms"));
  CHECK_THAT(error_of("store = \"a.db\"\nlist_check_s = 0" + printer), Catch::Contains("list_check_s"));
  CHECK_THAT(error_of("store = \"a.db\"\n[camera]\nfps = 10" + printer), Catch::Contains("kiosk.toml: camera.device"));
  CHECK_THAT(error_of("store = \"a.db\"\n[camera]\ndevice = \"/dev/video0\"\nfps = 60" + printer),
             Catch::Contains("camera.fps"));
  CHECK_THAT(error_of("store = \"a.db\"\n[camera]\ndevice = \"/dev/video0\"\nwidth = 8000" + printer),
             Catch::Contains("kiosk.toml: camera: expected a width"));
  CHECK_THAT(error_of("store = \"a.db\"\nrehearsal_day = 0" + printer), Catch::Contains("rehearsal_day"));
  // Numbers that must be whole: a float is refused, whatever its size (toml++
  // cast 761e38 to an integer, undefined; found by fuzz_kiosk_toml).
  CHECK_THAT(error_of("store = \"a.db\"\n[screen]\nheight = 761e38" + printer),
             Catch::Contains("kiosk.toml: screen: expected a width and a height in whole pixels"));
  CHECK_THAT(error_of("store = \"a.db\"\n[screen]\nwidth = 1280.0" + printer), Catch::Contains("kiosk.toml: screen"));
  CHECK_THAT(error_of("store = \"a.db\"\n[screen]\nwidth = 4294968576" + printer),
             Catch::Contains("the window is too large"));
  CHECK_THAT(error_of("store = \"a.db\"\n[scanner]\nmax_gap_ms = 1e300" + printer), Catch::Contains("scanner.max_gap_ms"));
  CHECK_THAT(error_of("store = \"a.db\"\n[camera]\ndevice = \"/dev/video0\"\nfps = -1e40" + printer),
             Catch::Contains("camera.fps"));
  CHECK_THAT(error_of("store = \"a.db\"\nrehearsal_day = 1e99" + printer), Catch::Contains("rehearsal_day"));
  // A fixed day is a rehearsal, said so: the old `day = N` would stick for the whole event.
  CHECK_THAT(error_of("store = \"a.db\"\nday = 1" + printer),
             Catch::Contains("kiosk.toml: day") && Catch::Contains("rehearsal_day = N"));
  CHECK_THAT(error_of("store = \"a.db\"\n[[printers]]\nname = \"p\"\nuri = \"fax:123\"\nmedia = \"62x100\"\n"),
             Catch::Contains("kiosk.toml"));
  CHECK_THAT(error_of("store = "), Catch::Contains("kiosk.toml:1"));
  // A mistyped key would silently not apply: refused, with the keys there are.
  CHECK_THAT(error_of("store = \"a.db\"\nprint_timout_s = 60" + printer),
             Catch::Contains("kiosk.toml: print_timout_s: unknown key") && Catch::Contains("print_timeout_s"));
  CHECK_THAT(error_of("store = \"a.db\"\n[screen]\nfulscreen = false" + printer),
             Catch::Contains("kiosk.toml: screen.fulscreen: unknown key") && Catch::Contains("fullscreen"));
}

TEST_CASE("the staff screens' on-screen keyboard: auto unless said, a bad value refused", "[config][keyboard]") {
  const std::string printer = "\n[[printers]]\nname = \"p\"\nuri = \"cups:Q\"\nmedia = \"62x100\"\n";
  auto plain = parse_kiosk_config("store = \"a.db\"" + printer, "kiosk.toml");
  REQUIRE(plain);
  CHECK(plain->touch_keyboard == TouchKeyboard::automatic);
  for (auto [text, want] : {std::pair{"auto", TouchKeyboard::automatic}, std::pair{"on", TouchKeyboard::on},
                            std::pair{"off", TouchKeyboard::off}}) {
    auto c = parse_kiosk_config(fmt::format("store = \"a.db\"\n[screen]\ntouch_keyboard = \"{}\"{}", text, printer),
                                "kiosk.toml");
    REQUIRE(c);
    CHECK(c->touch_keyboard == want);
  }
  for (const char* bad : {"\"yes\"", "true", "1"}) {
    auto c = parse_kiosk_config(fmt::format("store = \"a.db\"\n[screen]\ntouch_keyboard = {}{}", bad, printer),
                                "kiosk.toml");
    REQUIRE_FALSE(c);
    CHECK_THAT(c.error().message, Catch::Contains("kiosk.toml: screen.touch_keyboard: expected \"auto\""));
  }
  // A mistyped key is refused, naming this one among the keys there are.
  auto typo = parse_kiosk_config("store = \"a.db\"\n[screen]\ntouch_keybord = \"on\"" + printer, "kiosk.toml");
  REQUIRE_FALSE(typo);
  CHECK_THAT(typo.error().message, Catch::Contains("screen.touch_keybord: unknown key") && Catch::Contains("touch_keyboard"));
}
