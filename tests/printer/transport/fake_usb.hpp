// A fake USB bus at the libusb boundary: devices are descriptors, a device's
// behaviour is a script (how much each OUT transfer takes, when it times out
// or disappears, what the IN endpoint answers). Records every call.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "printer/transport/usb.hpp"

namespace accueil::testing {

namespace usb = printer::usb;

struct FakeDevice {
  usb::DeviceInfo info;
  // Per OUT transfer: the most bytes it takes (0: none). When the script runs
  // out, every transfer takes all it is given.
  std::deque<int> takes;
  // Per OUT transfer, in step with `takes`: the code it returns (ok unless set).
  std::deque<usb::Code> out_codes;
  // Gone after this many bytes were taken (unplugged mid-job); -1 never.
  long unplug_after_bytes = -1;
  // Replies the IN endpoint gives, one per read; a read with none times out.
  std::deque<std::vector<std::uint8_t>> replies;
  // Called with the bytes of each OUT transfer (e.g. to queue a reply).
  std::function<void(const std::vector<std::uint8_t>&)> on_out;

  // What happened.
  std::vector<std::uint8_t> received;
  std::vector<int> transfer_sizes;  // length asked per OUT transfer
  std::vector<unsigned> transfer_timeouts;
  std::vector<int> claimed, released;
  std::vector<std::pair<int, int>> alt_settings;
  std::vector<std::uint8_t> out_endpoints_used;
  bool present = true;
  int opens = 0;
};

inline usb::DeviceInfo printer_device(std::uint16_t vendor, std::uint16_t product, std::string serial,
                                      bool bidirectional = true) {
  usb::DeviceInfo d;
  d.vendor_id = vendor;
  d.product_id = product;
  d.bus = 1;
  d.address = static_cast<int>(product & 0x7f) + static_cast<int>(serial.size());
  d.serial = std::move(serial);
  d.product = "Fake printer";
  usb::Interface i;
  i.number = 0;
  i.interface_class = usb::k_class_printer;
  i.subclass = 1;
  i.protocol = bidirectional ? usb::k_protocol_bidirectional : usb::k_protocol_unidirectional;
  i.endpoints.push_back({0x02, usb::k_transfer_bulk, 64});  // bulk OUT 2
  if (bidirectional) i.endpoints.push_back({0x81, usb::k_transfer_bulk, 64});  // bulk IN 1
  d.interfaces.push_back(i);
  return d;
}

class FakeBus final : public usb::Bus {
public:
  std::vector<std::shared_ptr<FakeDevice>> devices_present;
  bool hotplug = true;
  int listings = 0;  // calls of devices(): each lists the bus (and opens every printer on it)

  std::shared_ptr<FakeDevice> add(usb::DeviceInfo info) {
    auto d = std::make_shared<FakeDevice>();
    d->info = std::move(info);
    devices_present.push_back(d);
    return d;
  }
  void unplug(const std::shared_ptr<FakeDevice>& d) {
    d->present = false;
    std::erase(devices_present, d);
    notify();
  }
  void plug(const std::shared_ptr<FakeDevice>& d) {
    d->present = true;
    devices_present.push_back(d);
    notify();
  }
  void notify() {
    std::lock_guard lock(m_mutex);
    for (auto& [id, w] : m_watchers) w();
  }

  Result<std::vector<usb::DeviceInfo>> devices() override {
    ++listings;
    std::vector<usb::DeviceInfo> out;
    for (auto& d : devices_present) out.push_back(d->info);
    return out;
  }

  std::unique_ptr<usb::Handle> open(const usb::DeviceInfo& info, usb::Code& code) override;

  std::optional<int> watch(std::function<void()> callback) override {
    if (!hotplug) return std::nullopt;
    std::lock_guard lock(m_mutex);
    m_watchers.emplace(m_next, std::move(callback));
    return m_next++;
  }
  void unwatch(int id) override {
    std::lock_guard lock(m_mutex);
    m_watchers.erase(id);
  }
  std::size_t watchers() {
    std::lock_guard lock(m_mutex);
    return m_watchers.size();
  }

private:
  std::mutex m_mutex;
  std::map<int, std::function<void()>> m_watchers;
  int m_next = 1;
};

class FakeHandle final : public usb::Handle {
public:
  explicit FakeHandle(std::shared_ptr<FakeDevice> d) : m_d(std::move(d)) {}
  usb::Code claim(int n) override {
    if (!m_d->present) return usb::Code::no_device;
    m_d->claimed.push_back(n);
    return usb::Code::ok;
  }
  usb::Code set_alt_setting(int n, int alt) override {
    m_d->alt_settings.emplace_back(n, alt);
    return usb::Code::ok;
  }
  void release(int n) override { m_d->released.push_back(n); }
  usb::Code bulk_transfer(std::uint8_t endpoint, std::uint8_t* data, int length, int& transferred,
                          unsigned timeout_ms) override {
    transferred = 0;
    if (!m_d->present) return usb::Code::no_device;
    if (endpoint & usb::k_endpoint_in) {
      if (m_d->replies.empty()) return usb::Code::timeout;
      auto reply = std::move(m_d->replies.front());
      m_d->replies.pop_front();
      const int n = std::min(length, static_cast<int>(reply.size()));
      std::copy_n(reply.begin(), n, data);
      transferred = n;
      return usb::Code::ok;
    }
    m_d->out_endpoints_used.push_back(endpoint);
    m_d->transfer_sizes.push_back(length);
    m_d->transfer_timeouts.push_back(timeout_ms);
    int take = length;
    usb::Code code = usb::Code::ok;
    if (!m_d->takes.empty()) {
      take = std::min(length, m_d->takes.front());
      m_d->takes.pop_front();
      code = take < length ? usb::Code::timeout : usb::Code::ok;
    }
    if (!m_d->out_codes.empty()) {
      code = m_d->out_codes.front();
      m_d->out_codes.pop_front();
    }
    if (m_d->unplug_after_bytes >= 0 &&
        static_cast<long>(m_d->received.size()) + take > m_d->unplug_after_bytes) {
      take = std::max(0, static_cast<int>(m_d->unplug_after_bytes - static_cast<long>(m_d->received.size())));
      m_d->present = false;
      code = usb::Code::no_device;
    }
    // A transfer that does not take everything waits its timeout out, as libusb does.
    if (code == usb::Code::timeout) std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
    std::vector<std::uint8_t> chunk(data, data + take);
    m_d->received.insert(m_d->received.end(), chunk.begin(), chunk.end());
    transferred = take;
    if (m_d->on_out) m_d->on_out(chunk);
    return code;
  }

private:
  std::shared_ptr<FakeDevice> m_d;
};

inline std::unique_ptr<usb::Handle> FakeBus::open(const usb::DeviceInfo& info, usb::Code& code) {
  for (auto& d : devices_present)
    if (d->info.bus == info.bus && d->info.address == info.address) {
      if (d->info.vendor_id != info.vendor_id || d->info.product_id != info.product_id) break;  // another device
      ++d->opens;
      code = usb::Code::ok;
      return std::make_unique<FakeHandle>(d);
    }
  code = usb::Code::no_device;
  return nullptr;
}

}  // namespace accueil::testing
