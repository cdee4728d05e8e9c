// accueilctl setup-printer (setup_printer.hpp).
#include "kiosk/cli/setup_printer.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/core.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include "kiosk/cli/common.hpp"
#include "kiosk/cli/usb_printers.hpp"
#include "printer/cups/cups_client.hpp"
#include "printer/queue/printer_config.hpp"
#include "printer/queue/printers_toml.hpp"
#include "printer/render/render.hpp"
#include "shared/base/files.hpp"

namespace accueil::cli {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace accueil::printer;

namespace {

struct Ran {
  int status = -1;     // the exit status; -1 when it could not run or was killed
  std::string output;  // stdout and stderr together
};

// Runs a program (no shell) and collects what it printed.
Ran run_program(const std::vector<std::string>& argv) {
  Ran ran;
  int fds[2];
  if (::pipe(fds) != 0) return ran;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return ran;
  }
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(fds[1]);
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) ran.output.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) ran.status = WEXITSTATUS(status);
  while (!ran.output.empty() && (ran.output.back() == '\n' || ran.output.back() == ' ')) ran.output.pop_back();
  return ran;
}

// The template a medium's badge uses when none is named.
std::string template_for_media(const MediaSpec& media) {
  if (media.name.empty() && media.width_mm == 62 && media.length_mm == 100) return "label-62x100";
  if (media.name.empty() && media.width_mm == 62 && media.length_mm == 0) return "continuous-62";
  if (media.name.empty() && media.width_mm == 102 && media.length_mm == 152) return "label-102x152";
  return {};
}

// A queue name CUPS takes: 1 to 127 printable ASCII characters but space, '/', '#', '\\'.
bool valid_queue_name(std::string_view q) {
  if (q.empty() || q.size() > 127) return false;
  for (char c : q)
    if (c <= ' ' || c > '~' || c == '/' || c == '#' || c == '\\') return false;
  return true;
}

std::string printer_table(const std::string& name, const std::string& uri, const MediaSpec& media,
                          const std::string& template_id) {
  std::string t = fmt::format("[[printers]]\nname = \"{}\"\nuri = \"{}\"\n", name, uri);
  if (!media.name.empty() || media.width_mm > 0) t += fmt::format("media = \"{}\"\n", to_string(media));
  if (!template_id.empty()) t += fmt::format("template = \"{}\"\n", template_id);
  return t;
}

// A test label in the badge's template: what prints, and a QR code a scanner
// reads as "accueil-test-label" (a kiosk answers "unknown").
Result<std::string> test_label_pdf(const std::string& template_id, const std::string& where) {
  render::TemplateShelf shelf(assets_dir() / "badges");
  auto badge = shelf.get(template_id);
  if (!badge) return std::unexpected(badge.error());
  render::BadgeContent content;
  content.language = "fr";
  content.name_language = "fr";
  content.first_name = "Étiquette";
  content.last_name = "TEST";
  content.organisation = where;
  content.function = "accueilctl setup-printer";
  content.category = "Test";
  content.event_name = "Accueil " ACCUEIL_VERSION;
  content.token = "accueil-test-label";
  content.who = "the test label";
  auto typesetter = render::Typesetter::create();
  if (!typesetter) return std::unexpected(typesetter.error());
  auto layout = typesetter->layout(**badge, content);
  if (!layout) return std::unexpected(layout.error());
  return render::render_pdf(*layout);
}

// Prints the test label on the queue and waits for its job to end.
Status print_test_label(const std::string& queue, const cups::MediaChoice& media, const std::string& template_id,
                        double timeout_s) {
  auto pdf = test_label_pdf(template_id, fmt::format("CUPS {} · {}", queue, media.name));
  if (!pdf) return std::unexpected(pdf.error());
  auto client = cups::Client::connect();
  if (!client) return fail(client.error().message);
  auto job = client->create_job(queue, "Accueil test label", {{"media", media.name}});
  if (!job) return fail(fmt::format("the test label: {}", job.error().message));
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(pdf->data());
  if (auto sent = client->send_document(queue, *job, "test-label.pdf", "application/pdf", {bytes, pdf->size()}); !sent)
    return fail(fmt::format("the test label: {}", sent.error().message));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
  for (;;) {
    auto status = client->job_status(*job);
    if (!status) return fail(fmt::format("the test label (job {}): {}", *job, status.error().message));
    if (status->state == cups::JobState::completed) return {};
    if (cups::is_terminal(status->state))
      return fail(fmt::format("the test label (job {}) was {}: {}", *job, to_string(status->state),
                              status->printer_message.empty() ? "the queue gives no reason" : status->printer_message));
    if (std::chrono::steady_clock::now() >= deadline)
      return fail(fmt::format("the test label (job {}) is still {} after {} s; the queue's printer says: {}", *job,
                              to_string(status->state), timeout_s,
                              status->printer_message.empty() ? "nothing" : status->printer_message));
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

}  // namespace

Status write_printer_table(const fs::path& path, std::string_view name, std::string_view table) {
  std::error_code ec;
  std::string text;
  mode_t mode = 0644;
  if (fs::exists(path, ec)) {
    auto read = read_file(path);
    if (!read) return std::unexpected(read.error());
    text = std::move(*read);
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
    if (auto before = parse_printers_text(text, path.string()); !before)
      return fail(fmt::format("{} is not a configuration to add a printer to: {}", path, before.error().message));
  }
  // Lines; a [[printers]] table runs from its header to the next header.
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  static const std::regex header(R"(^\s*\[.*)");
  static const std::regex printers_header(R"(^\s*\[\[\s*printers\s*\]\].*)");
  static const std::regex name_line(R"(^\s*name\s*=\s*"([^"]*)\".*)");
  std::size_t begin = lines.size(), end = lines.size();
  for (std::size_t i = 0; i < lines.size() && begin == lines.size(); ++i) {
    if (!std::regex_match(lines[i], printers_header)) continue;
    std::size_t j = i + 1;
    while (j < lines.size() && !std::regex_match(lines[j], header)) ++j;
    for (std::size_t k = i + 1; k < j; ++k) {
      std::smatch m;
      if (std::regex_match(lines[k], m, name_line) && m[1].str() == name) {
        begin = i;
        end = j;
      }
    }
  }
  std::string out;
  if (begin < lines.size()) {
    // In place: the new table, then the old one's comment lines (commented keys, notes).
    for (std::size_t i = 0; i < begin; ++i) out += lines[i] + "\n";
    out += table;
    for (std::size_t i = begin + 1; i < end; ++i) {
      const auto first = lines[i].find_first_not_of(" \t");
      if (first != std::string::npos && lines[i][first] == '#') out += lines[i] + "\n";
    }
    for (std::size_t i = end; i < lines.size(); ++i) out += lines[i] + "\n";
  } else {
    out = text;
    if (!out.empty() && out.back() != '\n') out += "\n";
    if (!out.empty()) out += "\n";
    out += table;
  }
  auto after = parse_printers_text(out, path.string());
  if (!after) return fail(fmt::format("{} would not read with the new printer: {}; left unchanged", path, after.error().message));
  return write_file_atomic(path, out, mode);
}

int run_setup_printer(const Globals& g, const SetupPrinterOptions& o) {
  if (o.usb == !o.cups_queue.empty()) return report_error(g, "setup-printer: give either --cups QUEUE or --usb");
  const std::string name = o.name.empty() ? "badges" : o.name;
  auto media = parse_media(o.media.empty() ? (o.usb ? "" : "62x100") : o.media);
  if (!o.media.empty() || !o.usb) {
    if (!media) return report_error(g, fmt::format("--media {}: {}", o.media, media.error().message));
  }
  json doc = {{"name", name}};
  std::string uri, template_id = o.template_id;

  if (!o.cups_queue.empty()) {
    const std::string& queue = o.cups_queue;
    if (!valid_queue_name(queue))
      return report_error(g, fmt::format("--cups \"{}\": a CUPS queue name is 1 to 127 printable characters with no "
                                         "space, '/', '#' or '\\'", queue));
    if (template_id.empty()) template_id = template_for_media(*media);
    if (template_id.empty())
      return report_error(g, fmt::format("--media {}: no badge template of that size; name one with --template", o.media));
    // 1. The queue, driverless: CUPS asks the printer for what it supports (IPP Everywhere).
    // A queue made here is removed again when a later step fails: a failed
    // setup leaves CUPS as it was (a queue that existed is left configured).
    bool made_here = false;
    if (!o.device_uri.empty()) {
      auto listing = cups::Client::connect();
      if (!listing) return report_error(g, listing.error().message);
      auto queues = listing->queues();
      if (!queues) return report_error(g, queues.error().message);
      made_here = std::none_of(queues->begin(), queues->end(), [&](const cups::QueueInfo& q) { return q.name == queue; });
      Ran made = run_program({"lpadmin", "-p", queue, "-E", "-v", o.device_uri, "-m", "everywhere"});
      if (made.status != 0)
        return report_error(g, fmt::format("lpadmin could not make queue {} for {} as a driverless (IPP Everywhere) "
                                           "queue; the printer must answer IPP at that address: {}",
                                           queue, o.device_uri, made.output.empty() ? "no message" : made.output));
      fmt::print(stderr, "setup-printer: queue {} {} for {} (driverless, IPP Everywhere)\n", queue,
                 made_here ? "made" : "set up again", o.device_uri);
    }
    auto give_up = [&](std::string message) {
      if (made_here) {
        Ran removed = run_program({"lpadmin", "-x", queue});
        message += removed.status == 0 ? fmt::format(" (queue {} removed again)", queue)
                                       : fmt::format(" (queue {} could not be removed: {})", queue, removed.output);
      }
      return report_error(g, message);
    };
    // 2. The badge's media as the queue's default.
    auto client = cups::Client::connect();
    if (!client) return give_up(client.error().message);
    auto chosen = client->choose_media(queue, media->width_mm, media->length_mm, media->name);
    // lpadmin -m everywhere sometimes makes a queue with no media at all (the
    // printer's attributes not read in time; seen with ippeveprinter): a queue
    // made here is made again, twice at most, each time on a fresh connection
    // (libcups keeps what it learnt of a queue per connection).
    for (int again = 0; made_here && !chosen && again < 2; ++again) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      run_program({"lpadmin", "-p", queue, "-E", "-v", o.device_uri, "-m", "everywhere"});
      client = cups::Client::connect();
      if (!client) return give_up(client.error().message);
      chosen = client->choose_media(queue, media->width_mm, media->length_mm, media->name);
    }
    if (!chosen) {
      if (o.device_uri.empty() && chosen.error().problem == PrinterProblem::offline)
        return report_error(g, fmt::format("{}; to make the queue, give --device-uri (lpinfo -v lists them)",
                                           chosen.error().message));
      if (made_here)
        return give_up(fmt::format("{} (did the printer answer at {}?)", chosen.error().message, o.device_uri));
      return report_error(g, chosen.error().message);
    }
    Ran set = run_program({"lpadmin", "-p", queue, "-o", "media=" + chosen->name});
    if (set.status != 0)
      return give_up(fmt::format("lpadmin could not make {} the default media of {}: {}", chosen->name, queue,
                                 set.output.empty() ? "no message" : set.output));
    fmt::print(stderr, "setup-printer: default media of {}: {}\n", queue, chosen->name);
    doc["queue"] = queue;
    doc["media_default"] = chosen->name;
    // 3. A test label.
    if (o.test_label) {
      if (auto printed = print_test_label(queue, *chosen, template_id, o.timeout_s); !printed)
        return give_up(printed.error().message);
      fmt::print(stderr, "setup-printer: test label printed on {}\n", queue);
      doc["test_label"] = "printed";
    }
    uri = "cups:" + queue;
  } else {
    auto found = usb_printers();
    if (!found) return report_error(g, fmt::format("cannot look for USB printers: {}", found.error().message));
    std::vector<UsbFound> ours;
    for (UsbFound& f : *found)
      if (!f.language.empty() && (o.serial.empty() || f.device.serial == o.serial)) ours.push_back(std::move(f));
    if (ours.empty())
      return report_error(g, o.serial.empty()
                                 ? "no Brother QL or Zebra printer found on USB: check it is on and plugged in, "
                                   "and that this user may open it (the package's udev rules give the accueil group access); "
                                   "`accueilctl printers` lists what is connected"
                                 : fmt::format("no Brother QL or Zebra printer with serial {} on USB", o.serial));
    if (ours.size() > 1) {
      std::string list;
      for (const UsbFound& f : ours) list += fmt::format("\n  {} serial {}", usb::device_name(f.device), f.device.serial);
      return report_error(g, fmt::format("{} label printers on USB; choose one with --serial:{}", ours.size(), list));
    }
    const UsbFound& f = ours.front();
    uri = fmt::format("usb:{}{}", f.language, f.device.serial.empty() ? "" : ":" + f.device.serial);
    if (o.media.empty()) media = parse_media(f.language == "zpl" ? "102x152" : "62x100");
    if (template_id.empty()) template_id = template_for_media(*media);
    if (template_id.empty())
      return report_error(g, fmt::format("--media {}: no badge template of that size; name one with --template", o.media));
    fmt::print(stderr, "setup-printer: found {} ({})\n", usb::device_name(f.device), uri);
    doc["usb"] = {{"product", f.device.product}, {"serial", f.device.serial}, {"language", f.language}};
  }

  const std::string table = printer_table(name, uri, *media, template_id);
  doc["uri"] = uri;
  doc["table"] = table;
  if (!o.config.empty()) {
    if (auto written = write_printer_table(o.config, name, table); !written) {
      if (!o.cups_queue.empty() && !o.device_uri.empty())
        return report_error(g, fmt::format("{} (queue {} is set up; run again without --device-uri once the file is right)",
                                           written.error().message, o.cups_queue));
      return report_error(g, written.error().message);
    }
    doc["config"] = o.config;
    fmt::print(stderr, "setup-printer: printer \"{}\" written to {}\n", name, o.config);
  }
  if (g.json) print_json(doc);
  else fmt::print("{}", table);
  return 0;
}

}  // namespace accueil::cli
