#include "printer/transport/usb_libusb.hpp"

#include <libusb.h>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/core.h>

namespace accueil::printer::usb {

namespace {

Code code_of(int rc) {
  switch (rc) {
    case LIBUSB_SUCCESS: return Code::ok;
    case LIBUSB_ERROR_TIMEOUT: return Code::timeout;
    case LIBUSB_ERROR_NO_DEVICE: return Code::no_device;
    case LIBUSB_ERROR_PIPE: return Code::pipe;
    case LIBUSB_ERROR_BUSY: return Code::busy;
    case LIBUSB_ERROR_ACCESS: return Code::access;
    case LIBUSB_ERROR_NOT_FOUND: return Code::not_found;
    case LIBUSB_ERROR_OVERFLOW: return Code::overflow;
    case LIBUSB_ERROR_IO: return Code::io;
    default: return Code::other;
  }
}

std::string string_descriptor(libusb_device_handle* h, std::uint8_t index) {
  if (!h || index == 0) return {};
  std::array<unsigned char, 256> text{};
  int n = libusb_get_string_descriptor_ascii(h, index, text.data(), static_cast<int>(text.size()));
  if (n <= 0) return {};
  return std::string(reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(n));
}

class LibusbHandle final : public Handle {
public:
  explicit LibusbHandle(libusb_device_handle* h) : m_h(h) {}
  ~LibusbHandle() override { libusb_close(m_h); }
  LibusbHandle(const LibusbHandle&) = delete;
  LibusbHandle& operator=(const LibusbHandle&) = delete;

  Code claim(int interface_number) override { return code_of(libusb_claim_interface(m_h, interface_number)); }
  Code set_alt_setting(int interface_number, int alt_setting) override {
    return code_of(libusb_set_interface_alt_setting(m_h, interface_number, alt_setting));
  }
  void release(int interface_number) override { libusb_release_interface(m_h, interface_number); }
  Code bulk_transfer(std::uint8_t endpoint, std::uint8_t* data, int length, int& transferred,
                     unsigned timeout_ms) override {
    transferred = 0;
    return code_of(libusb_bulk_transfer(m_h, endpoint, data, length, &transferred, timeout_ms));
  }

private:
  libusb_device_handle* m_h;
};

class LibusbBus final : public Bus {
public:
  explicit LibusbBus(libusb_context* ctx) : m_ctx(ctx) {}
  ~LibusbBus() override {
    m_stop = true;
    if (m_hotplug) libusb_hotplug_deregister_callback(m_ctx, *m_hotplug);  // wakes the event thread
    if (m_events.joinable()) m_events.join();
    libusb_exit(m_ctx);
  }
  LibusbBus(const LibusbBus&) = delete;
  LibusbBus& operator=(const LibusbBus&) = delete;

  Result<std::vector<DeviceInfo>> devices() override {
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(m_ctx, &list);
    if (count < 0)
      return fail(fmt::format("cannot list USB devices: {}", libusb_strerror(static_cast<int>(count))));
    std::vector<DeviceInfo> out;
    for (ssize_t i = 0; i < count; ++i)
      if (auto info = describe_device(list[i])) out.push_back(std::move(*info));
    libusb_free_device_list(list, 1);
    return out;
  }

  std::unique_ptr<Handle> open(const DeviceInfo& wanted, Code& code) override {
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(m_ctx, &list);
    if (count < 0) {
      code = code_of(static_cast<int>(count));
      return nullptr;
    }
    std::unique_ptr<Handle> handle;
    code = Code::not_found;
    for (ssize_t i = 0; i < count; ++i) {
      libusb_device* d = list[i];
      if (libusb_get_bus_number(d) != wanted.bus || libusb_get_device_address(d) != wanted.address) continue;
      // Another device may have the address now (unplugged and replaced).
      libusb_device_descriptor desc{};
      if (libusb_get_device_descriptor(d, &desc) != LIBUSB_SUCCESS || desc.idVendor != wanted.vendor_id ||
          desc.idProduct != wanted.product_id)
        break;
      libusb_device_handle* h = nullptr;
      code = code_of(libusb_open(d, &h));
      if (code == Code::ok) {
        // usblp binds to printer interfaces: detach it while we hold the
        // interface, give it back on release. Not supported everywhere.
        libusb_set_auto_detach_kernel_driver(h, 1);
        handle = std::make_unique<LibusbHandle>(h);
      }
      break;
    }
    libusb_free_device_list(list, 1);
    return handle;
  }

  std::optional<int> watch(std::function<void()> callback) override {
    if (!libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) return std::nullopt;
    std::lock_guard lock(m_mutex);
    if (!m_hotplug) {
      libusb_hotplug_callback_handle handle = 0;
      const int rc = libusb_hotplug_register_callback(
          m_ctx, static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
          LIBUSB_HOTPLUG_NO_FLAGS, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
          &LibusbBus::on_hotplug, this, &handle);
      if (rc != LIBUSB_SUCCESS) return std::nullopt;
      m_hotplug = handle;
      m_events = std::thread([this] {
        timeval tv{0, 200'000};
        while (!m_stop) libusb_handle_events_timeout_completed(m_ctx, &tv, nullptr);
      });
    }
    const int id = m_next_id++;
    m_watchers.emplace(id, std::move(callback));
    return id;
  }

  void unwatch(int subscription) override {
    std::lock_guard lock(m_mutex);
    m_watchers.erase(subscription);
  }

private:
  static int on_hotplug(libusb_context*, libusb_device*, libusb_hotplug_event, void* self) {
    auto* bus = static_cast<LibusbBus*>(self);
    std::lock_guard lock(bus->m_mutex);
    for (auto& [id, watcher] : bus->m_watchers) watcher();
    return 0;  // stay registered
  }

  std::optional<DeviceInfo> describe_device(libusb_device* d) {
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(d, &desc) != LIBUSB_SUCCESS) return std::nullopt;
    DeviceInfo info;
    info.vendor_id = desc.idVendor;
    info.product_id = desc.idProduct;
    info.bus = libusb_get_bus_number(d);
    info.address = libusb_get_device_address(d);
    std::array<std::uint8_t, 8> ports{};
    const int depth = libusb_get_port_numbers(d, ports.data(), static_cast<int>(ports.size()));
    info.port_path = std::to_string(info.bus);
    for (int i = 0; i < depth; ++i) info.port_path += (i == 0 ? "-" : ".") + std::to_string(ports[static_cast<std::size_t>(i)]);

    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(d, &config) != LIBUSB_SUCCESS &&
        libusb_get_config_descriptor(d, 0, &config) != LIBUSB_SUCCESS)
      return info;
    bool printer = false;
    for (int i = 0; i < config->bNumInterfaces; ++i) {
      const libusb_interface& itf = config->interface[i];
      for (int a = 0; a < itf.num_altsetting; ++a) {
        const libusb_interface_descriptor& alt = itf.altsetting[a];
        Interface out;
        out.number = alt.bInterfaceNumber;
        out.alt_setting = alt.bAlternateSetting;
        out.interface_class = alt.bInterfaceClass;
        out.subclass = alt.bInterfaceSubClass;
        out.protocol = alt.bInterfaceProtocol;
        for (int e = 0; e < alt.bNumEndpoints; ++e)
          out.endpoints.push_back({alt.endpoint[e].bEndpointAddress, alt.endpoint[e].bmAttributes,
                                   alt.endpoint[e].wMaxPacketSize});
        printer = printer || out.interface_class == k_class_printer;
        info.interfaces.push_back(std::move(out));
      }
    }
    libusb_free_config_descriptor(config);
    // Strings need the device opened: only for printers, and only when we may.
    if (printer) {
      libusb_device_handle* h = nullptr;
      if (libusb_open(d, &h) == LIBUSB_SUCCESS) {
        info.serial = string_descriptor(h, desc.iSerialNumber);
        info.manufacturer = string_descriptor(h, desc.iManufacturer);
        info.product = string_descriptor(h, desc.iProduct);
        libusb_close(h);
      }
    }
    return info;
  }

  libusb_context* m_ctx;
  std::mutex m_mutex;  // m_watchers, m_hotplug setup
  std::map<int, std::function<void()>> m_watchers;
  int m_next_id = 1;
  std::optional<libusb_hotplug_callback_handle> m_hotplug;
  std::atomic<bool> m_stop{false};
  std::thread m_events;
};

}  // namespace

Result<std::shared_ptr<Bus>> open_libusb_bus() {
  libusb_context* ctx = nullptr;
  if (int rc = libusb_init(&ctx); rc != LIBUSB_SUCCESS)
    return fail(fmt::format("cannot start libusb: {}", libusb_strerror(rc)));
  return std::shared_ptr<Bus>(std::make_shared<LibusbBus>(ctx));
}

}  // namespace accueil::printer::usb
