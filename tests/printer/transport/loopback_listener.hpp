// A TCP listener on 127.0.0.1 and a free port, standing in for a port-9100
// printer: it keeps what each connection sent, can answer a query, can stop
// reading, and can hang up after some bytes.
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace accueil::testing {

struct ListenerBehaviour {
  bool read = true;                  // false: accept and never read (a stuck printer)
  long hang_up_after = -1;           // close the connection after this many bytes
  int receive_buffer = 0;            // SO_RCVBUF, to make a stall come sooner
  // Given what a connection sent so far, what to answer (once per call that returns text).
  std::function<std::string(const std::string&)> reply = {};
};

class LoopbackListener {
public:
  using Behaviour = ListenerBehaviour;


  explicit LoopbackListener(Behaviour behaviour = {}) : m_behaviour(std::move(behaviour)) {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(m_fd >= 0);
    int one = 1;
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (m_behaviour.receive_buffer > 0)
      ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &m_behaviour.receive_buffer, sizeof m_behaviour.receive_buffer);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(m_fd, 8) == 0);
    socklen_t len = sizeof a;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] { run(); });
  }
  ~LoopbackListener() {
    m_stop = true;
    m_thread.join();
    ::close(m_fd);
  }
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  int port() const { return m_port; }

  // What each finished connection sent, in order.
  std::vector<std::string> jobs() {
    std::lock_guard lock(m_mutex);
    return m_jobs;
  }
  // Waits until `n` connections have ended.
  bool wait_for_jobs(std::size_t n, int timeout_ms = 5000) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return m_jobs.size() >= n; });
  }

private:
  void run() {
    while (!m_stop) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      serve(c);
    }
  }

  void serve(int c) {
    std::string got;
    char buffer[65536];
    while (!m_stop) {
      if (!m_behaviour.read) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      ssize_t n = ::recv(c, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.append(buffer, static_cast<std::size_t>(n));
      if (m_behaviour.reply) {
        std::string answer = m_behaviour.reply(got);
        if (!answer.empty()) ::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
      }
      if (m_behaviour.hang_up_after >= 0 && static_cast<long>(got.size()) >= m_behaviour.hang_up_after) {
        got.resize(static_cast<std::size_t>(m_behaviour.hang_up_after));
        linger l{1, 0};  // reset, as a printer switched off would
        ::setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        break;
      }
    }
    ::close(c);
    std::lock_guard lock(m_mutex);
    m_jobs.push_back(std::move(got));
    m_changed.notify_all();
  }

  Behaviour m_behaviour;
  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::string> m_jobs;
};

}  // namespace accueil::testing
