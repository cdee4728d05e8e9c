// Printer URIs, media and the [[printers]] TOML tables.
#include <catch2/catch.hpp>

#include "printer/queue/printers_toml.hpp"

using namespace accueil;
using namespace accueil::printer;

TEST_CASE("every URI form of the configuration", "[config]") {
  auto cups = parse_printer_uri("cups:Badges");
  REQUIRE(cups);
  CHECK(cups->connection == Connection::cups);
  CHECK(cups->queue == "Badges");

  auto usb_first = parse_printer_uri("usb:brother-ql");
  REQUIRE(usb_first);
  CHECK(usb_first->connection == Connection::usb);
  CHECK(usb_first->serial.empty());
  CHECK(usb_first->language->language == Language::brother_ql);
  CHECK_FALSE(usb_first->language->model.has_value());

  auto usb_serial = parse_printer_uri("usb:brother-ql-820nwb:000G1Z123456");
  REQUIRE(usb_serial);
  CHECK(usb_serial->serial == "000G1Z123456");
  CHECK(usb_serial->language->model == brother::Model::ql_820nwb);

  auto zebra = parse_printer_uri("usb:zpl-300");
  REQUIRE(zebra);
  CHECK(zebra->language->language == Language::zpl);
  CHECK(zebra->language->dpi == 300);

  auto tcp = parse_printer_uri("tcp:10.0.0.7:9100:zpl");
  REQUIRE(tcp);
  CHECK(tcp->host == "10.0.0.7");
  CHECK(tcp->port == 9100);
  CHECK(tcp->language->dpi == 203);

  auto tcp6 = parse_printer_uri("tcp:[fd00::7]:9101:brother-ql-1110nwb");
  REQUIRE(tcp6);
  CHECK(tcp6->host == "fd00::7");
  CHECK(tcp6->port == 9101);
  CHECK(tcp6->language->model == brother::Model::ql_1110nwb);

  auto file = parse_printer_uri("file:/var/tmp/badges:odd/name.prn:brother-ql-820nwb");
  REQUIRE(file);
  CHECK(file->path == "/var/tmp/badges:odd/name.prn");

  auto lp = parse_printer_uri("lp:/dev/usb/lp0:brother-ql-820nwb");
  REQUIRE(lp);
  CHECK(lp->connection == Connection::lp);
  CHECK(lp->path == "/dev/usb/lp0");

  for (const char* text : {"cups:Badges", "usb:brother-ql", "usb:brother-ql-820nwb:000G1Z123456", "usb:zpl-300",
                           "tcp:10.0.0.7:9100:zpl", "tcp:[fd00::7]:9101:brother-ql-1110nwb",
                           "lp:/dev/usb/lp0:brother-ql-820nwb"})
    CHECK(to_string(*parse_printer_uri(text)) == text);
}

TEST_CASE("a URI that is wrong says what is wrong", "[config]") {
  struct Case {
    const char* uri;
    const char* says;
  };
  const Case cases[] = {
      {"ipp://printer.local/ipp/print", "start with cups:, usb:, tcp:, file: or lp:"},
      {"cups:", "the name of a CUPS queue"},
      {"cups:My Printer", "no spaces"},
      {"usb:epson", "unknown printer language"},
      {"usb:brother-ql-999", "unknown Brother model"},
      {"tcp:printer:9100", "expected tcp:HOST:PORT:LANGUAGE"},
      {"tcp:printer:99999:zpl", "port"},
      {"tcp:printer:9100:brother-ql", "say which Brother model"},
      {"tcp:[fd00::7:9100:zpl", "brackets"},
      {"file:/tmp/x.prn", "expected file:PATH:LANGUAGE"},
      {"lp:/dev/usb/lp0:zpl-250", "152, 203, 300 or 600 dpi"},
  };
  for (const Case& c : cases) {
    INFO(c.uri);
    auto parsed = parse_printer_uri(c.uri);
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error().message, Catch::Contains(c.says) && Catch::Contains(c.uri));
  }
}

TEST_CASE("media: labels, tape, PWG names", "[config]") {
  CHECK(*parse_media("62x100") == MediaSpec{62, 100, ""});
  CHECK(*parse_media("62x100mm") == MediaSpec{62, 100, ""});
  CHECK(*parse_media("62mm") == MediaSpec{62, 0, ""});
  CHECK(parse_media("62")->continuous());
  CHECK(*parse_media("29X90") == MediaSpec{29, 90, ""});
  auto pwg = parse_media("oe_62x100mm_62x100mm");
  REQUIRE(pwg);
  CHECK(pwg->name == "oe_62x100mm_62x100mm");
  CHECK(pwg->width_mm == 62);
  auto inches = parse_media("na_index-4x6_4x6in");
  REQUIRE(inches);
  CHECK(inches->width_mm == Approx(101.6));
  CHECK(inches->length_mm == Approx(152.4));
  for (const char* bad : {"", "A6", "62x", "x100", "-62x100", "62x100cm", "oe_badge"}) {
    INFO(bad);
    CHECK_FALSE(parse_media(bad));
  }
  CHECK(brother_media(*parse_media("62x100")) == brother::Media::die_cut_62x100mm);
  CHECK(brother_media(*parse_media("62")) == brother::Media::continuous_62mm);
  CHECK(brother_media(*parse_media("29x90")) == brother::Media::die_cut_29x90mm);
  CHECK(brother_media(*parse_media("102")) == brother::Media::continuous_102mm);
  CHECK_FALSE(brother_media(*parse_media("62x29")));
}

TEST_CASE("the [[printers]] tables of a configuration", "[config]") {
  auto printers = parse_printers_text(R"toml(
# Two kiosks' label printers, each the other's spare, and the desk's CUPS queue.
[[printers]]
name = "entree-1"
uri = "usb:brother-ql"
media = "62x100"
template = "label-62x100"
failover = "entree-2"

[[printers]]
name = "entree-2"
uri = "tcp:192.168.1.20:9100:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"
failover = "entree-1"

[[printers]]
name = "desk"
uri = "cups:Badges"
media = "62x100"
template = "label-62x100"
)toml", "printers.toml");
  REQUIRE(printers);
  REQUIRE(printers->size() == 3);
  CHECK((*printers)[0].name == "entree-1");
  CHECK((*printers)[0].uri.connection == Connection::usb);
  CHECK((*printers)[0].failover == "entree-2");
  CHECK((*printers)[1].uri.port == 9100);
  CHECK((*printers)[2].uri.queue == "Badges");
  CHECK((*printers)[2].failover.empty());
  CHECK(find_printer(*printers, "desk") == &(*printers)[2]);

  // Embedded in a kiosk's own configuration: the same array, read from its table.
  toml::table kiosk = toml::parse(R"toml(
kiosk = "accueil-3"
[[printers]]
name = "here"
uri = "lp:/dev/usb/lp0:brother-ql-820nwb"
media = "62"
)toml");
  auto embedded = parse_printers(kiosk, "kiosk.toml");
  REQUIRE(embedded);
  REQUIRE(embedded->size() == 1);
  CHECK(embedded->front().media.continuous());
  CHECK(embedded->front().template_id.empty());
  CHECK(parse_printers(toml::table{}, "empty.toml")->empty());
}

TEST_CASE("configuration mistakes are reported with the file, line and printer", "[config]") {
  struct Case {
    const char* text;
    const char* says;
  };
  const Case cases[] = {
      {"[[printers]]\nname = \"a\"\nuri = \"usb:brother-ql\"\nmedia = \"62x100\"\nfailvoer = \"b\"\n",
       "printers.toml:1: printers[1] (a): unknown key \"failvoer\""},
      {"[[printers]]\nname = \"a\"\nmedia = \"62x100\"\n", "say how to reach the printer"},
      {"[[printers]]\nuri = \"usb:brother-ql\"\n", "every printer needs a name"},
      {"[[printers]]\nname = \"a\"\nuri = \"usb:brother-ql\"\n", "say which labels are loaded"},
      {"[[printers]]\nname = \"a\"\nuri = \"usb:brother-ql\"\nmedia = \"62x29\"\n", "Brother QL printers take media"},
      {"[[printers]]\nname = \"a\"\nuri = \"usb:brother-ql-570\"\nmedia = \"102\"\n", "QL-570 cannot print on"},
      {"[[printers]]\nname = \"a\"\nuri = \"cups:Q\"\nfailover = \"b\"\n", "failover \"b\" is not a printer"},
      {"[[printers]]\nname = \"a\"\nuri = \"cups:Q\"\nfailover = \"a\"\n", "its own failover"},
      {"[[printers]]\nname = \"a\"\nuri = \"cups:Q\"\n[[printers]]\nname = \"a\"\nuri = \"cups:R\"\n",
       "another printer has the name a"},
      {"[[printers]]\nname = \"a b\"\nuri = \"cups:Q\"\n", "letters, digits"},
      {"printers = \"cups:Q\"\n", "array of tables"},
      {"[[printers]]\nname = \"a\"\nuri = \"cups:Q\"\nmedia = 62\n", "media must be a text"},
      {"[[printers]\n", "printers.toml:1:"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto parsed = parse_printers_text(c.text, "printers.toml");
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error().message, Catch::Contains(c.says));
  }
}

TEST_CASE("a printers file that does not exist is named in the error", "[config]") {
  auto loaded = load_printers_file("/nonexistent/printers.toml");
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message, Catch::Contains("/nonexistent/printers.toml"));
}

TEST_CASE("the example configuration in assets/printers reads", "[config]") {
  auto printers = load_printers_file(ACCUEIL_SOURCE_DIR "/assets/printers/example.toml");
  REQUIRE(printers);
  CHECK(printers->size() == 4);
  CHECK(find_printer(*printers, "entree-1")->failover == "entree-2");
  CHECK(find_printer(*printers, "zebra-presse")->uri.serial == "XXRQJ201502");
}
