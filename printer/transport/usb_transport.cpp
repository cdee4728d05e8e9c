#include <algorithm>
#include <chrono>

#include <fmt/core.h>

#include "printer/transport/usb.hpp"

namespace accueil::printer::usb {

namespace {

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string_view describe(Code code) {
  switch (code) {
    case Code::ok: return "done";
    case Code::timeout: return "timed out";
    case Code::no_device: return "the device is gone (unplugged or switched off)";
    case Code::pipe: return "the printer refused the transfer (endpoint stalled)";
    case Code::busy: return "another program holds the printer";
    case Code::access: return "no permission to use the device (udev rule or group lp missing)";
    case Code::not_found: return "the device or interface was not found";
    case Code::overflow: return "the printer sent more than was asked";
    case Code::io: return "input/output error";
    case Code::other: break;
  }
  return "USB error";
}

std::string device_name(const DeviceInfo& d) {
  std::string name = d.product.empty() ? fmt::format("{:04x}:{:04x}", d.vendor_id, d.product_id)
                                       : fmt::format("{} ({:04x}:{:04x})", d.product, d.vendor_id, d.product_id);
  if (!d.serial.empty()) name += fmt::format(" serial {}", d.serial);
  return name;
}

std::optional<PrinterInterface> find_printer_interface(const DeviceInfo& device) {
  std::optional<PrinterInterface> best;
  int best_rank = -1;
  for (const Interface& i : device.interfaces) {
    if (i.interface_class != k_class_printer) continue;
    PrinterInterface p;
    p.number = i.number;
    p.alt_setting = i.alt_setting;
    bool has_out = false;
    for (const Endpoint& e : i.endpoints) {
      if (!e.bulk()) continue;
      if (e.in() && !p.in_endpoint) p.in_endpoint = e.address;
      if (!e.in() && !has_out) {
        has_out = true;
        p.out_endpoint = e.address;
        p.out_max_packet = e.max_packet ? e.max_packet : 64;
      }
    }
    if (!has_out) continue;
    // Bidirectional with an IN endpoint first (status read-back), then the
    // lowest alternate setting (no switch needed).
    const int rank = (i.protocol == k_protocol_bidirectional && p.in_endpoint ? 2 : 0) + (i.alt_setting == 0 ? 1 : 0);
    if (rank > best_rank) {
      best = p;
      best_rank = rank;
    }
  }
  return best;
}

bool matches(const DeviceInfo& device, const Match& match) {
  if (device.vendor_id != match.vendor_id) return false;
  if (match.product_id && device.product_id != *match.product_id) return false;
  if (match.product_ok && !match.product_ok(device.product_id)) return false;
  if (!match.serial.empty() && device.serial != match.serial) return false;
  return find_printer_interface(device).has_value();
}

UsbTransport::UsbTransport(std::shared_ptr<Bus> bus, Match match, TransportLimits limits, UsbTimeouts timeouts)
    : m_bus(std::move(bus)), m_match(std::move(match)), m_limits(limits), m_timeouts(timeouts) {}

UsbTransport::~UsbTransport() {
  if (m_subscription) m_bus->unwatch(*m_subscription);
  close();
}

std::string UsbTransport::describe() const {
  if (m_device) return fmt::format("USB printer {}", device_name(*m_device));
  if (!m_match.serial.empty()) return fmt::format("USB printer {} serial {}", m_match.label, m_match.serial);
  return fmt::format("USB printer {}", m_match.label);
}

bool UsbTransport::can_read() const { return m_handle && m_interface.in_endpoint.has_value(); }

TransportError UsbTransport::lost(Code code, std::string_view doing, std::size_t sent) {
  std::string message = fmt::format("{}: {} while {}", describe(), usb::describe(code), doing);
  PrinterProblem problem = code == Code::access ? PrinterProblem::other : PrinterProblem::offline;
  close();
  m_rescan = true;
  return TransportError{problem, std::move(message), sent};
}

TransportStatus UsbTransport::open() {
  if (m_handle) return {};
  // The device of last time, where it was: a status check or a job need not
  // list the bus. Anything wrong with it, and the bus is listed as at first.
  if (m_device && !m_rescan.exchange(false)) {
    if (claim(*m_device)) return {};
  }
  m_rescan = false;
  auto devices = m_bus->devices();
  if (!devices) return transport_fail(PrinterProblem::other, devices.error().message);
  auto found = std::find_if(devices->begin(), devices->end(), [&](const DeviceInfo& d) { return matches(d, m_match); });
  if (found == devices->end())
    return transport_fail(PrinterProblem::offline,
                          fmt::format("{} is not connected: plug it in and switch it on", describe()));
  return claim(*found);
}

TransportStatus UsbTransport::claim(const DeviceInfo& device) {
  const PrinterInterface interface = *find_printer_interface(device);
  Code code = Code::ok;
  auto handle = m_bus->open(device, code);
  if (!handle)
    return transport_fail(code == Code::access ? PrinterProblem::other : PrinterProblem::offline,
                          fmt::format("cannot open USB printer {}: {}", device_name(device), usb::describe(code)));
  if (code = handle->claim(interface.number); code != Code::ok)
    return transport_fail(code == Code::access || code == Code::busy ? PrinterProblem::other : PrinterProblem::offline,
                          fmt::format("cannot claim the printer interface {} of {}: {}", interface.number,
                                      device_name(device), usb::describe(code)));
  if (interface.alt_setting != 0) {
    if (code = handle->set_alt_setting(interface.number, interface.alt_setting); code != Code::ok) {
      handle->release(interface.number);
      return transport_fail(PrinterProblem::offline,
                            fmt::format("cannot select alternate setting {} of {}: {}", interface.alt_setting,
                                        device_name(device), usb::describe(code)));
    }
  }
  m_handle = std::move(handle);
  m_device = device;
  m_interface = interface;
  return {};
}

TransportStatus UsbTransport::write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) {
  if (auto opened = open(); !opened) return opened;
  std::size_t sent = 0;
  std::int64_t last_progress = steady_ms();
  // Chunks a whole number of packets long: a short packet ends a transfer.
  const std::size_t packet = m_interface.out_max_packet;
  const std::size_t chunk = std::max(packet, m_limits.chunk_bytes / packet * packet);
  std::vector<std::uint8_t> buffer;
  while (sent < bytes.size()) {
    if (interrupt && interrupt())
      return transport_fail(PrinterProblem::none, fmt::format("{}: stopped", describe()), sent);
    if (steady_ms() - last_progress > m_limits.stall_timeout_ms) {
      std::string message = fmt::format("{} took no data for {} s after {} of {} bytes: it is stuck (paused, out of "
                                        "labels?) or gone", describe(), m_limits.stall_timeout_ms / 1000.0, sent,
                                        bytes.size());
      close();
      return transport_fail(PrinterProblem::offline, std::move(message), sent);
    }
    const std::size_t n = std::min(chunk, bytes.size() - sent);
    // libusb takes a mutable buffer even for OUT transfers.
    buffer.assign(bytes.begin() + static_cast<std::ptrdiff_t>(sent),
                  bytes.begin() + static_cast<std::ptrdiff_t>(sent + n));
    int transferred = 0;
    const Code code = m_handle->bulk_transfer(m_interface.out_endpoint, buffer.data(), static_cast<int>(n), transferred,
                                              m_timeouts.transfer_ms);
    if (transferred > 0) {
      sent += static_cast<std::size_t>(transferred);
      last_progress = steady_ms();
    }
    if (code == Code::ok || code == Code::timeout) continue;  // a timeout with or without progress: try again
    return std::unexpected(lost(code, fmt::format("sending {} of {} bytes", sent, bytes.size()), sent));
  }
  return {};
}

TransportResult<std::vector<std::uint8_t>> UsbTransport::read(std::size_t max_bytes, int timeout_ms) {
  if (auto opened = open(); !opened) return std::unexpected(opened.error());
  if (!m_interface.in_endpoint) return std::vector<std::uint8_t>{};
  std::vector<std::uint8_t> reply(max_bytes);
  int transferred = 0;
  const Code code = m_handle->bulk_transfer(*m_interface.in_endpoint, reply.data(), static_cast<int>(max_bytes),
                                            transferred, static_cast<unsigned>(std::max(timeout_ms, 1)));
  if (code != Code::ok && code != Code::timeout) return std::unexpected(lost(code, "reading the printer's status", 0));
  reply.resize(static_cast<std::size_t>(std::max(transferred, 0)));
  return reply;
}

void UsbTransport::close() {
  if (m_handle) m_handle->release(m_interface.number);
  m_handle.reset();
}

void UsbTransport::on_change(std::function<void()> callback) {
  if (m_subscription) m_bus->unwatch(*m_subscription);
  m_subscription.reset();
  if (callback)
    m_subscription = m_bus->watch([this, callback = std::move(callback)] {
      m_rescan = true;
      callback();
    });
}

}  // namespace accueil::printer::usb
