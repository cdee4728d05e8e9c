// `accueil --demo`: a complete kiosk with nothing to set up. In a folder of
// its own: the sample event moved to today and tomorrow, 1,500 generated
// registrations imported as an export would be, a signing key and a signed
// ticket for everyone (a few as QR images, to try a scanner), and a printer
// that needs no hardware (badges written as Brother QL jobs to a folder).
#pragma once

#include <filesystem>
#include <utility>

#include "shared/base/error.hpp"
#include "shared/store/store_in_use.hpp"

namespace accueil::kiosk {

// A demo folder held by this process for its whole life: an flock on
// .accueil-demo.lock in it, which holds the holder's pid. The system lets
// go of it when the process ends, however it ends.
class DemoLock {
public:
  explicit DemoLock(int fd) : m_fd(fd) {}
  DemoLock(DemoLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  DemoLock& operator=(DemoLock&&) = delete;
  ~DemoLock();

private:
  int m_fd;
};

struct Demo {
  std::filesystem::path config;  // the kiosk configuration written in the folder
  DemoLock lock;                 // keep it while the demo runs
  StoreInUse store_in_use;       // its store's shared hold, likewise
};

// Builds the demo in `dir` (emptied first, only when it is new, empty, or a
// demo folder made here: it holds the file .accueil-demo; anything else is
// refused, untouched; so is a folder another accueil --demo is running on,
// or whose store any accueil has open: StoreInUse)
// and returns the kiosk configuration written there, with the folder's lock. `with_arrivals`: made-up check-ins over the
// last three hours of day 1 (shared/intake/demo_arrivals.hpp), for the
// dashboard's charts.
Result<Demo> build_demo(const std::filesystem::path& dir, bool with_arrivals = false);

// $XDG_RUNTIME_DIR/accueil-demo, else /tmp/accueil-demo-UID.
std::filesystem::path default_demo_dir();

}  // namespace accueil::kiosk
