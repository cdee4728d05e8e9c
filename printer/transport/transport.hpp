// Transports: how printer bytes reach a printer that speaks a printer language
// (Brother QL raster, ZPL). A USB printer (libusb), a usblp device node
// (/dev/usb/lp0), a raw TCP socket (port 9100) or a file. CUPS is not a
// transport: it takes documents, not printer bytes (see printer/cups/).
//
// A transport's failures say where the trouble lies in the common vocabulary
// (PrinterProblem: mostly `offline`) and how far a write got, so that the
// queue knows whether any of a job reached the printer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "printer/encode/printer_state.hpp"

namespace accueil::printer {

struct TransportError {
  PrinterProblem problem = PrinterProblem::offline;
  std::string message;         // what, where, why: "USB printer QL-820NWB (serial 0001) was unplugged"
  std::size_t bytes_sent = 0;  // of the write that failed, how many bytes the transport took
};

template <class T>
using TransportResult = std::expected<T, TransportError>;
using TransportStatus = std::expected<void, TransportError>;

inline std::unexpected<TransportError> transport_fail(PrinterProblem problem, std::string message,
                                                      std::size_t bytes_sent = 0) {
  return std::unexpected(TransportError{problem, std::move(message), bytes_sent});
}

// Asked between chunks: true stops the write (cancel, shutdown).
using Interrupt = std::function<bool()>;

struct TransportLimits {
  std::size_t chunk_bytes = 16 * 1024;  // a write is split into chunks of at most this size
  int stall_timeout_ms = 10'000;        // no byte taken for this long: the printer is stuck or gone
  int connect_timeout_ms = 3'000;       // TCP connect
};

class Transport {
public:
  virtual ~Transport() = default;

  // Names the printer and the way to it, for messages: "TCP 10.0.0.7:9100".
  virtual std::string describe() const = 0;
  // Reaches the printer: connects, finds and claims the USB interface, opens
  // the file. Cheap when already open.
  virtual TransportStatus open() = 0;
  // Hands all of `bytes` to the printer, or fails saying how many it took.
  // `interrupt` is asked between chunks; when it says stop, the write fails
  // with problem `none` and the bytes taken so far.
  virtual TransportStatus write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) = 0;
  // Whether the printer can answer (status read-back).
  virtual bool can_read() const { return false; }
  // Up to `max_bytes` of the printer's reply; empty after `timeout_ms` with
  // nothing to read.
  virtual TransportResult<std::vector<std::uint8_t>> read(std::size_t max_bytes, int timeout_ms) {
    (void)max_bytes;
    (void)timeout_ms;
    return std::vector<std::uint8_t>{};
  }
  // Ends the job: flushes, closes the connection or releases the interface.
  virtual void close() = 0;
  // What the transport can tell of the printer without a printer language
  // (a usblp device's paper-out line); ready when it cannot tell.
  virtual PrinterState line_status() { return {}; }
  // Called (from any thread) when the printer may have come or gone, e.g.
  // USB hotplug; the queue's worker then checks it at once. An empty
  // callback stops the calls; when this returns, none is running.
  virtual void on_change(std::function<void()> callback) { (void)callback; }
};

}  // namespace accueil::printer
