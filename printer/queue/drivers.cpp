// default_drivers(): configured printers to real drivers.
#include <memory>
#include <mutex>

#include <fmt/core.h>

#include "printer/queue/cups_driver.hpp"
#include "printer/queue/direct_driver.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/transport/file_transport.hpp"
#include "printer/transport/tcp_transport.hpp"
#include "printer/transport/usb.hpp"
#include "printer/transport/usb_libusb.hpp"

namespace accueil::printer {

namespace {

constexpr std::uint16_t k_usb_vendor_zebra = 0x0A5F;  // Zebra Technologies

usb::Match usb_match(const PrinterUri& uri) {
  usb::Match m;
  m.serial = uri.serial;
  if (uri.language->language == Language::zpl) {
    m.vendor_id = k_usb_vendor_zebra;
    m.label = "Zebra";
    return m;
  }
  m.vendor_id = brother::k_usb_vendor_brother;
  if (uri.language->model) {
    m.product_id = brother::info(*uri.language->model).usb_product_id;
    m.label = fmt::format("Brother {}", brother::info(*uri.language->model).name);
  } else {
    m.product_ok = [](std::uint16_t pid) { return brother::model_from_usb(brother::k_usb_vendor_brother, pid).has_value(); };
    m.label = "Brother QL";
  }
  return m;
}

}  // namespace

DriverFactory default_drivers() {
  // One libusb context for every USB printer, made when the first needs it.
  struct Shared {
    std::mutex mutex;
    std::shared_ptr<usb::Bus> bus;
  };
  auto shared = std::make_shared<Shared>();
  return [shared](const PrinterConfig& p) -> Result<std::unique_ptr<PrinterDriver>> {
    const PrinterUri& uri = p.uri;
    if (uri.connection == Connection::cups) {
      CupsDriverOptions o;
      o.queue = uri.queue;
      o.media = p.media;
      return std::unique_ptr<PrinterDriver>(std::make_unique<CupsDriver>(std::move(o)));
    }
    DirectOptions o;
    o.language = *uri.language;
    o.media = p.media;
    std::unique_ptr<Transport> transport;
    switch (uri.connection) {
      case Connection::usb: {
        std::shared_ptr<usb::Bus> bus;
        {
          std::lock_guard lock(shared->mutex);
          if (!shared->bus) {
            auto opened = usb::open_libusb_bus();
            if (!opened) return std::unexpected(opened.error());
            shared->bus = *opened;
          }
          bus = shared->bus;
        }
        auto t = std::make_unique<usb::UsbTransport>(bus, usb_match(uri));
        usb::UsbTransport* raw = t.get();
        if (o.language.language == Language::brother_ql && !o.language.model)
          o.detect_model = [raw]() -> std::optional<brother::Model> {
            if (!raw->device()) return std::nullopt;
            return brother::model_from_usb(raw->device()->vendor_id, raw->device()->product_id);
          };
        transport = std::move(t);
        break;
      }
      case Connection::lp: transport = std::make_unique<LpTransport>(uri.path); break;
      case Connection::tcp:
        transport = std::make_unique<TcpTransport>(uri.host, uri.port);
        // Brother QL network models print from port 9100 but answer nothing there.
        o.ask_status = o.language.language == Language::zpl;
        break;
      case Connection::file:
        transport = std::make_unique<FileTransport>(uri.path);
        o.ask_status = false;
        break;
      case Connection::cups: break;
    }
    return std::unique_ptr<PrinterDriver>(std::make_unique<DirectDriver>(std::move(transport), std::move(o)));
  };
}

}  // namespace accueil::printer
