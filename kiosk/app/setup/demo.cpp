#include "kiosk/app/setup/demo.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <cstdlib>

#include <fmt/core.h>
#include <fmt/std.h>

#include "shared/domain/clock.hpp"
#include "shared/intake/demo_arrivals.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/base/files.hpp"
#include "shared/intake/import.hpp"
#include "shared/base/qr.hpp"
#include "shared/store/store.hpp"
#include "shared/store/store_in_use.hpp"
#include "shared/domain/ticket.hpp"

namespace accueil::kiosk {

namespace fs = std::filesystem;

fs::path default_demo_dir() {
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime) return fs::path(runtime) / "accueil-demo";
  return fs::temp_directory_path() / fmt::format("accueil-demo-{}", ::getuid());
}

namespace {

constexpr const char* k_marker = ".accueil-demo";
// Held (flock) by the accueil running a demo in the folder; never deleted (a
// new lock file would let a third demo in beside the first).
constexpr const char* k_lock = ".accueil-demo.lock";
constexpr const char* k_store = "accueil.db";

// Whether `dir` may be emptied for a new demo: it does not exist, is an empty
// folder, or is a demo folder this program made (it holds the marker). The
// default folder also when it holds a demo made before the marker existed.
Status may_empty(const fs::path& dir) {
  std::error_code ec;
  const auto status = fs::symlink_status(dir, ec);
  if (ec || !fs::exists(status)) return {};
  if (!fs::is_directory(status))
    return fail(fmt::format("{} is not a folder; --demo-dir wants a new or empty folder, or one a demo made", dir));
  if (fs::is_empty(dir, ec) || fs::is_regular_file(dir / k_marker, ec) || fs::is_regular_file(dir / k_lock, ec))
    return {};
  if (dir == default_demo_dir()) {
    auto config = read_file(dir / "accueil.toml");
    if (config && config->find("A printer that needs no hardware") != std::string::npos) return {};
  }
  return fail(fmt::format("{} already holds files, and not a demo Accueil made (no {} in it): nothing was deleted. "
                          "Give --demo-dir a new or empty folder",
                          dir, k_marker));
}

// What a demo makes in its folder, and so what the next demo may delete.
// Anything else someone put there since is kept.
constexpr const char* k_demo_entries[] = {
    k_marker,       "accueil-signing.key", "accueil.db", "accueil.db-wal", "accueil.db-shm", "accueil.db-journal",
    "accueil.db.print-queue.lock", "accueil.toml", "event.toml", "inscriptions.csv", "printed", "tickets"};

Status empty_demo(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return {};
  for (const char* entry : k_demo_entries) {
    fs::remove_all(dir / entry, ec);
    if (ec) return fail(fmt::format("cannot delete {} for a new demo: {}", dir / entry, ec.message()));
  }
  for (const fs::directory_entry& kept : fs::directory_iterator(dir, ec))
    if (kept.path().filename() != k_lock && kept.path().filename() != store_in_use_path(k_store).filename())
      fmt::print(stderr, "accueil: {} was not made by the demo: kept\n", kept.path());
  return {};
}

// Takes the folder's lock, or says who holds it. Before anything in the
// folder is deleted or written: a second demo on a folder in use would
// rebuild the store underneath the first.
Result<DemoLock> lock_demo(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(fmt::format("cannot create {}: {}", dir, ec.message()));
  const fs::path path = dir / k_lock;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return fail(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  DemoLock lock(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) return fail(fmt::format("cannot lock {}: {}", path, std::strerror(errno)));
    std::string holder = read_file(path).value_or("");
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    return fail(fmt::format("{} is in use by another accueil --demo{}: nothing was changed. Stop that one first, "
                            "or give --demo-dir another folder",
                            dir, holder.empty() ? "" : fmt::format(" (pid {})", holder)));
  }
  const std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size()))
    return fail(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  return lock;
}

}  // namespace

DemoLock::~DemoLock() {
  if (m_fd >= 0) ::close(m_fd);
}

Result<Demo> build_demo(const fs::path& dir, bool with_arrivals) {
  // What an earlier demo made is deleted first: only when the folder is clearly
  // a demo of ours, and no other accueil runs on it.
  if (auto allowed = may_empty(dir); !allowed) return std::unexpected(allowed.error());
  auto lock = lock_demo(dir);
  if (!lock) return std::unexpected(lock.error());
  // Nor any accueil started with --config on the folder's accueil.toml: it
  // keeps the store open, and would go on writing into a deleted file.
  auto in_use = StoreInUse::take(dir / k_store);
  if (!in_use)
    return fail(fmt::format("{} is in use: {}: nothing was changed. Stop it first, or give --demo-dir another folder",
                            dir, in_use.error().message));
  if (auto emptied = empty_demo(dir); !emptied) return std::unexpected(emptied.error());
  std::error_code ec;
  fs::create_directories(dir / "tickets", ec);
  fs::create_directories(dir / "printed", ec);
  if (ec) return fail(fmt::format("cannot create {}: {}", dir, ec.message()));
  if (auto marked = write_file(dir / k_marker, "A demo folder made by accueil --demo: the next demo empties it.\n");
      !marked)
    return std::unexpected(marked.error());

  auto event = load_event_file(assets_dir() / "events" / "rencontres-2026.toml");
  if (!event) return std::unexpected(event.error());
  // The demo runs today: day 1 is today, day 2 tomorrow.
  const std::int64_t now = SystemClock().now_ms();
  event->days[0].date = local_date(now, event->timezone);
  if (event->days.size() > 1) event->days[1].date = local_date(now + 24 * 3600 * 1000LL, event->timezone);
  SecretKey key = generate_secret_key();
  event->public_key = public_key_to_text(key.public_key());
  if (auto s = write_file_atomic(dir / "accueil-signing.key", secret_key_to_text(key), 0600); !s)
    return std::unexpected(s.error());
  if (auto s = write_file(dir / "event.toml", event_to_toml(*event)); !s) return std::unexpected(s.error());

  auto store = Store::open(dir / k_store);
  if (!store) return std::unexpected(store.error());
  if (auto s = store->save_event(*event); !s) return std::unexpected(s.error());
  const std::string csv = demo_export_csv(generate_demo_attendees(*event, {1500, 1}), *event);
  if (auto s = write_file(dir / "inscriptions.csv", csv); !s) return std::unexpected(s.error());
  auto imported = import_registrations(*store, *event, csv, "inscriptions.csv");
  if (!imported) return std::unexpected(imported.error());

  // Everyone's signed ticket, for their badge; twenty as images to show to a scanner.
  auto attendees = store->attendees();
  if (!attendees) return std::unexpected(attendees.error());
  int images = 0;
  auto issued = store->write([&]() -> Status {
    for (const Attendee& a : *attendees) {
      auto token = sign_ticket(claims_for(a, *event), key);
      if (!token) return std::unexpected(token.error());
      if (auto s = store->set_ticket_token(a.id, *token); !s) return s;
      if (images < 20 && a.status == AttendeeStatus::active) {
        auto qr = encode_qr(*token);
        if (!qr) return std::unexpected(qr.error());
        if (auto s = write_qr_png(*qr, dir / "tickets" / fmt::format("{}.png", a.external_ref)); !s) return s;
        ++images;
      }
    }
    return {};
  });
  if (!issued) return std::unexpected(issued.error());
  if (with_arrivals) {
    if (auto s = record_demo_arrivals(*store, generate_demo_arrivals(*attendees, {.day = 1, .now_ms = now}));
        !s)
      return std::unexpected(s.error());
  }

  const fs::path config = dir / "accueil.toml";
  const std::string text = fmt::format(
      R"(# The demo kiosk's configuration (see README.md for every key).
store = "accueil.db"
kiosk = "demo"
idle_timeout_s = 45
printer = "demo"

[done_message]
fr = "Plénière d'ouverture à 9 h 30, salle Bordeaux. Wi-Fi : Rencontres2026"
en = "Opening plenary at 9:30 in room Bordeaux. Wi-Fi: Rencontres2026"
es = "Plenaria de apertura a las 9:30 en la sala Bordeaux. Wi-Fi: Rencontres2026"

[scanner]
layout = "us"

[screen]
fullscreen = false
width = 1280
height = 800

# A printer that needs no hardware: each badge is a Brother QL-820NWB job in printed/.
[[printers]]
name = "demo"
uri = "file:{}:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"
)",
      (dir / "printed").string() + "/");  // a folder: never a file of that name
  if (auto s = write_file(config, text); !s) return std::unexpected(s.error());
  if (auto shared = in_use->share_now(); !shared) return std::unexpected(shared.error());
  return Demo{config, std::move(*lock), std::move(*in_use)};
}

}  // namespace accueil::kiosk
