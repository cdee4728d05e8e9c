// USB printers: a small interface over the few libusb calls the USB
// transport uses (usb_libusb.hpp implements it with libusb-1.0; tests fake
// it), and the transport itself: find a printer by vendor, interface class
// and serial number, pick its bulk endpoints from the descriptors, write in
// chunks with timeouts, read status replies back.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "printer/transport/transport.hpp"
#include "shared/base/error.hpp"

namespace accueil::printer::usb {

inline constexpr std::uint8_t k_class_printer = 0x07;  // bInterfaceClass of printers (USB Printer Class 1.1)
inline constexpr std::uint8_t k_protocol_unidirectional = 0x01;
inline constexpr std::uint8_t k_protocol_bidirectional = 0x02;  // bulk OUT and bulk IN
inline constexpr std::uint8_t k_transfer_bulk = 0x02;           // bmAttributes & 0x03
inline constexpr std::uint8_t k_endpoint_in = 0x80;             // bEndpointAddress bit 7: device to host

struct Endpoint {
  std::uint8_t address = 0;     // bEndpointAddress
  std::uint8_t attributes = 0;  // bmAttributes
  std::uint16_t max_packet = 0;
  bool bulk() const { return (attributes & 0x03) == k_transfer_bulk; }
  bool in() const { return address & k_endpoint_in; }
};

// One alternate setting of an interface of the active configuration.
struct Interface {
  int number = 0;
  int alt_setting = 0;
  std::uint8_t interface_class = 0;
  std::uint8_t subclass = 0;
  std::uint8_t protocol = 0;
  std::vector<Endpoint> endpoints;
};

struct DeviceInfo {
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  int bus = 0;
  int address = 0;
  std::string port_path;     // "1-4.2": stable while the device stays in the same socket
  std::string serial;        // iSerialNumber, read when the bus lists devices; "" when it has none
  std::string manufacturer;
  std::string product;
  std::vector<Interface> interfaces;
};

// libusb's outcomes, named.
enum class Code { ok, timeout, no_device, pipe, busy, access, not_found, overflow, io, other };
std::string_view describe(Code code);

// One opened device. Not thread-safe; used by one worker.
class Handle {
public:
  virtual ~Handle() = default;
  // Claims the interface, asking the kernel's driver (usblp) to let go of it
  // for as long as it is claimed (libusb's auto-detach).
  virtual Code claim(int interface_number) = 0;
  virtual Code set_alt_setting(int interface_number, int alt_setting) = 0;
  virtual void release(int interface_number) = 0;
  // One bulk transfer; `transferred` says how much moved even on timeout.
  virtual Code bulk_transfer(std::uint8_t endpoint, std::uint8_t* data, int length, int& transferred,
                             unsigned timeout_ms) = 0;
};

class Bus {
public:
  virtual ~Bus() = default;
  // The devices present now, with their descriptors.
  virtual Result<std::vector<DeviceInfo>> devices() = 0;
  // Opens the device at `device`'s bus and address; fails with not_found or
  // no_device when none is there or it has another vendor or product id.
  virtual std::unique_ptr<Handle> open(const DeviceInfo& device, Code& code) = 0;
  // Calls `callback` (from a thread of the bus) when a device arrives or
  // leaves, until unwatch(). Nothing when the platform has no hotplug: then
  // callers poll.
  virtual std::optional<int> watch(std::function<void()> callback) = 0;
  // After this returns, the callback is not running and is never called again.
  virtual void unwatch(int subscription) = 0;
};

// Which device a configured printer is.
struct Match {
  std::uint16_t vendor_id = 0;
  std::optional<std::uint16_t> product_id;                    // any product of the vendor when absent
  std::function<bool(std::uint16_t product_id)> product_ok;  // e.g. "a Brother QL model we know"; any when empty
  std::string serial;                                         // "" matches the first found
  std::string label;                                          // names it in messages: "Brother QL"
};

// The printer interface of `device` and its endpoints: an interface of class
// 7 with a bulk OUT endpoint, preferring a bidirectional one (protocol 2, with
// a bulk IN endpoint for status replies).
struct PrinterInterface {
  int number = 0;
  int alt_setting = 0;
  std::uint8_t out_endpoint = 0;
  std::optional<std::uint8_t> in_endpoint;
  std::uint16_t out_max_packet = 64;
};
std::optional<PrinterInterface> find_printer_interface(const DeviceInfo& device);

// Whether `device` is the printer `match` names.
bool matches(const DeviceInfo& device, const Match& match);

// How long one bulk transfer may wait; a timeout with progress just continues.
// How long the printer may take nothing before it is called stuck is the
// transport limits' stall_timeout_ms, as for every transport.
struct UsbTimeouts {
  unsigned transfer_ms = 2'000;
};

// The transport. open() finds the first matching device, claims its printer
// interface; close() releases it (usblp gets it back). The device found is
// remembered: the next open() opens it again at its bus address without
// listing the bus (which opens every printer on it to read its strings), and
// lists the bus again only when that fails, after a hotplug event, or after
// the device was lost in a transfer.
class UsbTransport final : public Transport {
public:
  UsbTransport(std::shared_ptr<Bus> bus, Match match, TransportLimits limits = {}, UsbTimeouts timeouts = {});
  ~UsbTransport() override;
  UsbTransport(const UsbTransport&) = delete;
  UsbTransport& operator=(const UsbTransport&) = delete;

  std::string describe() const override;
  TransportStatus open() override;
  TransportStatus write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) override;
  bool can_read() const override;
  TransportResult<std::vector<std::uint8_t>> read(std::size_t max_bytes, int timeout_ms) override;
  void close() override;
  void on_change(std::function<void()> callback) override;

  // The device in use (after open()).
  const std::optional<DeviceInfo>& device() const { return m_device; }

private:
  TransportError lost(Code code, std::string_view doing, std::size_t sent);
  // Opens `device` and claims its printer interface.
  TransportStatus claim(const DeviceInfo& device);

  std::shared_ptr<Bus> m_bus;
  Match m_match;
  TransportLimits m_limits;
  UsbTimeouts m_timeouts;
  std::unique_ptr<Handle> m_handle;
  std::optional<DeviceInfo> m_device;
  PrinterInterface m_interface;
  std::optional<int> m_subscription;
  // m_device may have gone or moved: list the bus at the next open(). Set
  // from the bus's hotplug thread.
  std::atomic<bool> m_rescan{true};
};

// "04f9:209d" and friends, for messages.
std::string device_name(const DeviceInfo& device);

}  // namespace accueil::printer::usb
