#include "shared/domain/ticket.hpp"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include <fmt/core.h>
#include <fmt/std.h>

#include "shared/base/base45.hpp"
#include "shared/base/files.hpp"
#include "shared/text/text.hpp"

namespace accueil {

namespace {

constexpr std::uint8_t k_payload_version = 1;
// Above this many payload bytes the QR code gets too dense for a phone screen
// held under a scanner (version 12 and beyond); the organisation is shortened first.
constexpr std::size_t k_max_payload = 200;

void ensure_sodium() {
  static const int ready = sodium_init();
  (void)ready;  // -1 only when the system has no entropy source; signing then fails loudly
}

class Writer {
public:
  void byte(std::uint8_t b) { m_out.push_back(b); }
  void varint(std::uint32_t v) {
    while (v >= 0x80) {
      byte(static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    byte(static_cast<std::uint8_t>(v));
  }
  void u32(std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) byte(static_cast<std::uint8_t>(v >> shift));
  }
  void text(std::string_view s) {
    varint(static_cast<std::uint32_t>(s.size()));
    m_out.insert(m_out.end(), s.begin(), s.end());
  }
  std::vector<std::uint8_t>& bytes() { return m_out; }

private:
  std::vector<std::uint8_t> m_out;
};

class Reader {
public:
  explicit Reader(std::span<const std::uint8_t> in) : m_in(in) {}
  bool ok() const { return m_ok; }
  bool at_end() const { return m_pos == m_in.size(); }
  std::uint8_t byte() {
    if (m_pos >= m_in.size()) { m_ok = false; return 0; }
    return m_in[m_pos++];
  }
  std::uint32_t varint() {
    std::uint32_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      std::uint8_t b = byte();
      // One encoding per number, the Writer's: a last byte 0 after others (a
      // longer form of a smaller number) and bits past 32 are refused, so that
      // a ticket that verifies is the very text its claims sign to.
      if ((shift > 0 && b == 0) || (shift == 28 && b > 0x0F)) break;
      v |= static_cast<std::uint32_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    m_ok = false;
    return 0;
  }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | byte();
    return v;
  }
  std::string text() {
    std::uint32_t n = varint();
    if (!m_ok || n > m_in.size() - m_pos) { m_ok = false; return {}; }
    std::string s(reinterpret_cast<const char*>(m_in.data() + m_pos), n);
    m_pos += n;
    if (!is_valid_utf8(s)) m_ok = false;
    return s;
  }

private:
  std::span<const std::uint8_t> m_in;
  std::size_t m_pos = 0;
  bool m_ok = true;
};

std::vector<std::uint8_t> encode_payload(const TicketClaims& c) {
  Writer w;
  w.byte(k_payload_version);
  w.u32(c.event_tag);
  w.varint(c.days.bits());
  for (const std::string* s : {&c.ticket_code, &c.first_name, &c.last_name, &c.first_name_latin,
                               &c.last_name_latin, &c.organisation, &c.category, &c.country, &c.language})
    w.text(*s);
  return std::move(w.bytes());
}

std::optional<TicketClaims> decode_payload(std::span<const std::uint8_t> bytes) {
  Reader r(bytes);
  if (r.byte() != k_payload_version) return std::nullopt;
  TicketClaims c;
  c.event_tag = r.u32();
  c.days = DaySet::from_bits(r.varint());
  for (std::string* s : {&c.ticket_code, &c.first_name, &c.last_name, &c.first_name_latin,
                         &c.last_name_latin, &c.organisation, &c.category, &c.country, &c.language})
    *s = r.text();
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return c;
}

// Cuts `text` to at most `max_bytes` on a code point boundary.
std::string shorten_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::string to_base64(std::span<const std::uint8_t> bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

template <std::size_t N>
bool from_base64(std::string_view text, std::array<std::uint8_t, N>& out) {
  std::size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), " \t\r\n", &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  return len == N;
}

}  // namespace

std::uint32_t event_tag(std::string_view event_id) {
  ensure_sodium();
  std::array<std::uint8_t, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(event_id.data()),
                     event_id.size(), nullptr, 0);
  return (std::uint32_t{hash[0]} << 24) | (std::uint32_t{hash[1]} << 16) | (std::uint32_t{hash[2]} << 8) | hash[3];
}

TicketClaims claims_for(const Attendee& a, const Event& event) {
  TicketClaims c;
  c.event_tag = event_tag(event.id);
  c.ticket_code = a.ticket_code;
  c.first_name = a.first_name;
  c.last_name = a.last_name;
  c.first_name_latin = a.first_name_latin;
  c.last_name_latin = a.last_name_latin;
  c.organisation = a.organisation;
  c.category = a.category;
  c.country = a.country;
  c.language = a.language;
  c.days = a.days;
  return c;
}

PublicKey SecretKey::public_key() const {
  PublicKey pk;
  crypto_sign_ed25519_sk_to_pk(pk.bytes.data(), bytes.data());
  return pk;
}

SecretKey generate_secret_key() {
  ensure_sodium();
  SecretKey sk;
  PublicKey pk;
  crypto_sign_keypair(pk.bytes.data(), sk.bytes.data());
  return sk;
}

std::string public_key_to_text(const PublicKey& key) { return to_base64(key.bytes); }

Result<PublicKey> public_key_from_text(std::string_view text) {
  PublicKey key;
  if (!from_base64(trim(text), key.bytes))
    return fail(fmt::format("\"{}\" is not an Ed25519 public key (44 characters of base64, as printed by "
                            "accueilctl keygen)", text));
  return key;
}

std::string secret_key_to_text(const SecretKey& key) {
  return fmt::format(
      "# Accueil ticket signing key (Ed25519). Keep it with the organiser: whoever holds it can issue\n"
      "# tickets. Kiosks need only the public key: {}\n{}\n",
      public_key_to_text(key.public_key()), to_base64(key.bytes));
}

Result<SecretKey> secret_key_from_text(std::string_view text, std::string_view origin) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    SecretKey key;
    if (!from_base64(line, key.bytes)) break;
    // The second half of libsodium's secret key is the public key: check it matches.
    std::array<std::uint8_t, 32> seed{};
    std::copy_n(key.bytes.begin(), 32, seed.begin());
    PublicKey derived;
    std::array<std::uint8_t, 64> again{};
    crypto_sign_seed_keypair(derived.bytes.data(), again.data(), seed.data());
    if (again != key.bytes) break;
    return key;
  }
  return fail(fmt::format("{} is not an Accueil signing key (expected the file written by accueilctl keygen)", origin));
}

Result<SecretKey> load_secret_key(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return secret_key_from_text(*text, path.string());
}

Result<std::string> sign_ticket(const TicketClaims& claims, const SecretKey& key) {
  ensure_sodium();
  TicketClaims c = claims;
  // A kiosk refuses a ticket whose text is not UTF-8 (decode_payload): one
  // would be issued that no kiosk reads.
  for (const auto& [name, value] : {std::pair{"ticket code", &c.ticket_code}, {"first name", &c.first_name},
                                    {"last name", &c.last_name}, {"Latin first name", &c.first_name_latin},
                                    {"Latin last name", &c.last_name_latin}, {"organisation", &c.organisation},
                                    {"category", &c.category}, {"country", &c.country}, {"language", &c.language}})
    if (!is_valid_utf8(*value))
      return fail(fmt::format("the ticket of {} ({}) cannot be issued: its {} is not valid UTF-8",
                              is_valid_utf8(claims.last_name) ? claims.last_name : std::string("?"),
                              is_valid_utf8(claims.ticket_code) ? claims.ticket_code : std::string("?"), name));
  auto payload = encode_payload(c);
  if (payload.size() > k_max_payload) {
    std::size_t excess = payload.size() - k_max_payload;
    c.organisation = shorten_utf8(c.organisation, c.organisation.size() > excess ? c.organisation.size() - excess : 0);
    payload = encode_payload(c);
  }
  if (payload.size() > k_max_payload)
    return fail(fmt::format("the ticket of {} {} ({}) would hold {} bytes, more than the {} a phone's QR code "
                            "can show well", claims.first_name, claims.last_name, claims.ticket_code,
                            payload.size(), k_max_payload));
  std::vector<std::uint8_t> signed_bytes = payload;
  signed_bytes.resize(payload.size() + crypto_sign_BYTES);
  crypto_sign_detached(signed_bytes.data() + payload.size(), nullptr, payload.data(), payload.size(),
                       key.bytes.data());
  return std::string(k_ticket_prefix) + base45_encode(signed_bytes);
}

bool looks_like_signed_ticket(std::string_view text) { return text.starts_with(k_ticket_prefix); }

VerifiedTicket verify_ticket(std::string_view text, const PublicKey& key) {
  ensure_sodium();
  VerifiedTicket result;
  if (!looks_like_signed_ticket(text)) return result;
  auto bytes = base45_decode(text.substr(k_ticket_prefix.size()));
  // Longer than sign_ticket ever issues: not one of ours.
  if (!bytes || bytes->size() <= crypto_sign_BYTES || bytes->size() - crypto_sign_BYTES > k_max_payload) return result;
  const std::size_t payload_size = bytes->size() - crypto_sign_BYTES;
  auto claims = decode_payload(std::span(*bytes).first(payload_size));
  if (!claims) return result;
  result.claims = std::move(*claims);
  const bool authentic = crypto_sign_verify_detached(bytes->data() + payload_size, bytes->data(), payload_size,
                                                     key.bytes.data()) == 0;
  result.check = authentic ? TicketCheck::valid : TicketCheck::bad_signature;
  return result;
}

}  // namespace accueil
