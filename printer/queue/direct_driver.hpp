// A printer that speaks a printer language (Brother QL raster, ZPL) over a
// transport: render a 1-bit bitmap of the media's printable area, encode it,
// send it. When the printer answers (USB, usblp; ZPL over TCP), its status is
// asked before a job (trouble: nothing is sent, the job waits or fails over)
// and, for Brother, its "printing completed" reply is awaited after.
#pragma once

#include <memory>
#include <optional>

#include "printer/encode/brother_ql.hpp"
#include "printer/encode/zpl.hpp"
#include "printer/queue/printer_config.hpp"
#include "printer/queue/printer_driver.hpp"
#include "printer/transport/transport.hpp"

namespace accueil::printer {

struct DirectOptions {
  LanguageSpec language;
  MediaSpec media;
  // Ask the printer's status before each job and (Brother) await its
  // completion reply. Off for printers that answer nothing on this transport
  // (Brother on TCP 9100) and for files.
  bool ask_status = true;
  int status_timeout_ms = 1'000;       // a status reply should come within this
  int completion_timeout_ms = 20'000;  // Brother: "printing completed" within this after the last byte
  brother::JobOptions brother;
  zpl::LabelOptions zpl;
  // Given the USB product id of the device found, the Brother model (for
  // usb:brother-ql without a model).
  std::function<std::optional<brother::Model>()> detect_model;
};

class DirectDriver final : public PrinterDriver {
public:
  DirectDriver(std::unique_ptr<Transport> transport, DirectOptions options);

  std::string describe() const override;
  RenderTarget target() const override;
  PrinterState check() override;
  Delivery deliver(const RenderedBadge& badge, JobContext& context) override;
  void on_change(std::function<void()> callback) override;

  // The printer bytes for one badge (for the benchmark and tests). Brother
  // needs the model: from the options, else from `model`. A ZPL job starts
  // with ~JX, which drops the unfinished format of a job cut off before.
  Result<std::vector<std::uint8_t>> encode(const MonoBitmap& badge, std::optional<brother::Model> model = {}) const;

private:
  struct Asked {
    bool answered = false;  // the printer replied
    PrinterState state;
    std::optional<brother::Model> model;  // Brother: from the reply
  };
  Asked ask_state();
  std::optional<brother::Model> model();

  std::unique_ptr<Transport> m_transport;
  DirectOptions m_options;
  std::optional<brother::Model> m_model;  // known or learnt
};

}  // namespace accueil::printer
