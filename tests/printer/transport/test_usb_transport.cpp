// The USB transport against a fake bus: which device and endpoints it picks,
// how it chunks, what timeouts and an unplugged printer do.
#include <catch2/catch.hpp>

#include <chrono>
#include <numeric>

#include "fake_usb.hpp"
#include "printer/encode/brother_ql.hpp"

using namespace accueil;
using namespace accueil::printer;
using accueil::testing::FakeBus;
using accueil::testing::printer_device;

namespace {

constexpr std::uint16_t brother_vid = brother::k_usb_vendor_brother;
constexpr std::uint16_t ql_820nwb = 0x209D;

usb::Match brother_ql(std::string serial = "") {
  usb::Match m;
  m.vendor_id = brother_vid;
  m.product_ok = [](std::uint16_t pid) { return brother::model_from_usb(brother_vid, pid).has_value(); };
  m.serial = std::move(serial);
  m.label = "Brother QL";
  return m;
}

std::vector<std::uint8_t> bytes(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  std::iota(v.begin(), v.end(), std::uint8_t{0});
  return v;
}

const Interrupt never = [] { return false; };

}  // namespace

TEST_CASE("the USB transport picks the first known printer of the vendor, or the one with the serial", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto scanner = bus->add(printer_device(0x05E0, 0x1200, "S1"));             // another vendor
  auto unknown = bus->add(printer_device(brother_vid, 0x0001, "S2"));            // a Brother that is no QL
  auto first = bus->add(printer_device(brother_vid, ql_820nwb, "000A1"));
  auto second = bus->add(printer_device(brother_vid, 0x20A7 /* QL-1100 */, "000B2"));
  usb::DeviceInfo no_printer_class = printer_device(brother_vid, ql_820nwb, "000C3");
  no_printer_class.interfaces[0].interface_class = 0xFF;  // vendor-specific only
  bus->add(no_printer_class);

  SECTION("first found") {
    usb::UsbTransport t(bus, brother_ql());
    REQUIRE(t.open());
    CHECK(t.device()->serial == "000A1");
    CHECK(first->claimed == std::vector<int>{0});
    CHECK(scanner->opens == 0);
    CHECK(unknown->opens == 0);
  }
  SECTION("by serial number") {
    usb::UsbTransport t(bus, brother_ql("000B2"));
    REQUIRE(t.open());
    CHECK(t.device()->product_id == 0x20A7);
    CHECK(first->opens == 0);
  }
  SECTION("a serial number nobody has: offline, saying so") {
    usb::UsbTransport t(bus, brother_ql("000C3"));
    auto opened = t.open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().problem == PrinterProblem::offline);
    CHECK_THAT(opened.error().message, Catch::Contains("serial 000C3") && Catch::Contains("not connected"));
  }
  SECTION("closing releases the interface for usblp") {
    usb::UsbTransport t(bus, brother_ql());
    REQUIRE(t.open());
    t.close();
    CHECK(first->released == std::vector<int>{0});
  }
}

TEST_CASE("the USB transport takes its endpoints from the descriptors", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  usb::DeviceInfo d = printer_device(brother_vid, ql_820nwb, "X");
  // Interface 0 alt 0: unidirectional (OUT 0x01 only); alt 1: bidirectional
  // with its own endpoints, listed IN first. The bidirectional one is chosen.
  d.interfaces.clear();
  usb::Interface uni{0, 0, usb::k_class_printer, 1, usb::k_protocol_unidirectional, {{0x01, usb::k_transfer_bulk, 512}}};
  usb::Interface bi{0, 1, usb::k_class_printer, 1, usb::k_protocol_bidirectional,
                    {{0x83, 0x03 /* interrupt */, 8}, {0x82, usb::k_transfer_bulk, 512}, {0x03, usb::k_transfer_bulk, 512}}};
  d.interfaces = {uni, bi};
  auto dev = bus->add(d);
  usb::UsbTransport t(bus, brother_ql());
  REQUIRE(t.open());
  CHECK(dev->alt_settings == std::vector<std::pair<int, int>>{{0, 1}});
  CHECK(t.can_read());
  REQUIRE(t.write(bytes(100), never));
  CHECK(dev->out_endpoints_used == std::vector<std::uint8_t>{0x03});
  dev->replies.push_back({0x80, 0x20, 0x42});
  auto reply = t.read(32, 100);
  REQUIRE(reply);
  CHECK(*reply == std::vector<std::uint8_t>{0x80, 0x20, 0x42});

  auto interface = usb::find_printer_interface(d);
  REQUIRE(interface);
  CHECK(interface->in_endpoint == 0x82);
  CHECK(interface->out_max_packet == 512);
}

TEST_CASE("a unidirectional printer is written to and never read", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X", false));
  usb::UsbTransport t(bus, brother_ql());
  REQUIRE(t.open());
  CHECK_FALSE(t.can_read());
  auto reply = t.read(32, 10);
  REQUIRE(reply);
  CHECK(reply->empty());
}

TEST_CASE("the USB transport writes in chunks of whole packets and keeps every byte in order", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X"));
  TransportLimits limits;
  limits.chunk_bytes = 1000;  // not a multiple of the 64-byte packet: 960 is used
  usb::UsbTransport t(bus, brother_ql(), limits);
  const auto job = bytes(5000);
  REQUIRE(t.write(job, never));
  CHECK(dev->received == job);
  CHECK(dev->transfer_sizes == std::vector<int>{960, 960, 960, 960, 960, 200});
  CHECK(dev->transfer_timeouts.front() == usb::UsbTimeouts{}.transfer_ms);
}

TEST_CASE("a transfer that times out after taking part of a chunk goes on from there", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X"));
  TransportLimits limits;
  limits.chunk_bytes = 512;
  dev->takes = {512, 100, 0, 412, 512};  // the printer is busy for a moment in the second chunk
  usb::UsbTimeouts timeouts;
  timeouts.transfer_ms = 1;
  usb::UsbTransport t(bus, brother_ql(), limits, timeouts);
  const auto job = bytes(1536);
  REQUIRE(t.write(job, never));
  CHECK(dev->received == job);
  CHECK(dev->transfer_sizes == std::vector<int>{512, 512, 512, 512, 512});
}

TEST_CASE("a printer that takes nothing for the stall time is reported stuck, with how far the job got", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X"));
  TransportLimits limits;
  limits.chunk_bytes = 64;
  usb::UsbTimeouts timeouts;
  timeouts.transfer_ms = 5;
  limits.stall_timeout_ms = 50;
  dev->takes = {64};
  for (int i = 0; i < 100000; ++i) dev->takes.push_back(0);
  usb::UsbTransport t(bus, brother_ql(), limits, timeouts);
  auto written = t.write(bytes(640), never);
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::offline);
  CHECK(written.error().bytes_sent == 64);
  CHECK_THAT(written.error().message, Catch::Contains("took no data") && Catch::Contains("64 of 640 bytes"));
}

TEST_CASE("a printer unplugged in the middle of a job: offline, bytes counted, reopened when it is back", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X"));
  dev->unplug_after_bytes = 3000;
  TransportLimits limits;
  limits.chunk_bytes = 1024;
  usb::UsbTransport t(bus, brother_ql(), limits);
  auto written = t.write(bytes(8192), never);
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::offline);
  CHECK(written.error().bytes_sent == 3000);
  CHECK_THAT(written.error().message, Catch::Contains("unplugged"));

  bus->unplug(dev);
  auto again = t.open();
  REQUIRE_FALSE(again);
  CHECK_THAT(again.error().message, Catch::Contains("not connected"));

  dev->unplug_after_bytes = -1;
  dev->received.clear();
  bus->plug(dev);
  REQUIRE(t.write(bytes(8192), never));
  CHECK(dev->received.size() == 8192);
}

TEST_CASE("an interrupted USB write stops between chunks", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X"));
  TransportLimits limits;
  limits.chunk_bytes = 64;
  usb::UsbTransport t(bus, brother_ql(), limits);
  int asked = 0;
  auto written = t.write(bytes(640), [&] { return ++asked > 3; });
  REQUIRE_FALSE(written);
  CHECK(written.error().problem == PrinterProblem::none);
  CHECK(written.error().bytes_sent == 192);
}

TEST_CASE("hotplug events reach the transport's watcher until it is gone", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X"));
  int changes = 0;
  {
    usb::UsbTransport t(bus, brother_ql());
    t.on_change([&] { ++changes; });
    bus->unplug(dev);
    bus->plug(dev);
    CHECK(changes == 2);
  }
  CHECK(bus->watchers() == 0);
  bus->unplug(dev);
  CHECK(changes == 2);
}

TEST_CASE("the USB transport lists the bus once, not on every job and status check", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  bus->add(printer_device(0x05E0, 0x1200, "S1"));
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "000A1"));
  usb::UsbTransport t(bus, brother_ql("000A1"));
  t.on_change([] {});
  for (int job = 0; job < 5; ++job) {
    REQUIRE(t.open());  // a status check: open, ask, close
    t.close();
    REQUIRE(t.write(bytes(100), never));  // a job
    t.close();
  }
  CHECK(bus->listings == 1);
  CHECK(dev->opens == 10);
  CHECK(dev->received.size() == 500);

  SECTION("a hotplug event makes it look again") {
    bus->notify();
    REQUIRE(t.open());
    CHECK(bus->listings == 2);
    t.close();
    REQUIRE(t.open());
    CHECK(bus->listings == 2);
  }
  SECTION("unplugged between jobs with no hotplug: found again where it is now") {
    bus->hotplug = false;
    usb::UsbTransport polled(bus, brother_ql("000A1"));
    REQUIRE(polled.open());
    polled.close();
    const int before = bus->listings;
    bus->unplug(dev);
    dev->info.address += 1;  // plugged back in, the bus gives it a new address
    bus->plug(dev);
    REQUIRE(polled.open());
    CHECK(bus->listings == before + 1);
    CHECK(polled.device()->address == dev->info.address);
  }
  SECTION("another device at the printer's old address is not taken for it") {
    bus->hotplug = false;
    usb::UsbTransport polled(bus, brother_ql("000A1"));
    REQUIRE(polled.open());
    polled.close();
    bus->unplug(dev);
    usb::DeviceInfo other = printer_device(0x05E0, 0x1300, "Z");
    other.bus = dev->info.bus;
    other.address = dev->info.address;
    auto intruder = bus->add(other);
    auto opened = polled.open();
    REQUIRE_FALSE(opened);
    CHECK_THAT(opened.error().message, Catch::Contains("not connected"));
    CHECK(intruder->opens == 0);
  }
  SECTION("a printer lost in the middle of a job is looked for again") {
    usb::UsbTransport polled(bus, brother_ql("000A1"));  // no hotplug watch
    REQUIRE(polled.open());
    const int before = bus->listings;
    dev->unplug_after_bytes = static_cast<long>(dev->received.size()) + 10;
    REQUIRE_FALSE(polled.write(bytes(100), never));
    dev->unplug_after_bytes = -1;
    dev->present = true;  // back, at the same address
    REQUIRE(polled.open());
    CHECK(bus->listings == before + 1);
  }
}

TEST_CASE("the USB transport gives up on a stuck printer after the transport limits' stall time", "[usb]") {
  auto bus = std::make_shared<FakeBus>();
  auto dev = bus->add(printer_device(brother_vid, ql_820nwb, "X"));
  TransportLimits limits;
  limits.chunk_bytes = 64;
  limits.stall_timeout_ms = 60;
  usb::UsbTimeouts timeouts;
  timeouts.transfer_ms = 5;
  dev->takes = {64};
  for (int i = 0; i < 4000; ++i) dev->takes.push_back(0);  // 20 s of timeouts at most
  usb::UsbTransport t(bus, brother_ql(), limits, timeouts);
  const auto start = std::chrono::steady_clock::now();
  auto written = t.write(bytes(640), never);
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(written);
  CHECK(written.error().bytes_sent == 64);
  CHECK_THAT(written.error().message, Catch::Contains("took no data for 0.06 s"));
  CHECK(took < std::chrono::seconds(2));
}
