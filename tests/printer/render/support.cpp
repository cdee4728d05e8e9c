#include "support.hpp"

#include <array>
#include <map>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>

#include <fmt/core.h>

#include "shared/domain/event_file.hpp"

namespace accueil::render::test {

namespace fs = std::filesystem;

namespace {

// A small deterministic generator (xorshift32): the same data on every
// machine and standard library.
class Random {
public:
  explicit Random(unsigned seed) : m_state(seed * 2654435761u + 1u) {}
  std::uint32_t next() {
    m_state ^= m_state << 13;
    m_state ^= m_state >> 17;
    m_state ^= m_state << 5;
    return m_state;
  }

private:
  std::uint32_t m_state;
};

}  // namespace

const Event& sample_event() {
  static const Event event = [] {
    auto e = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
    if (!e) throw std::runtime_error(e.error().message);
    return *e;
  }();
  return event;
}

std::vector<std::string> shipped_template_ids() { return {"a6", "continuous-62", "label-102x152", "label-62x100"}; }

const BadgeTemplate& shipped_template(const std::string& id) {
  static std::map<std::string, BadgeTemplate> cache;
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  auto t = load_template(fs::path(ACCUEIL_SOURCE_DIR "/assets/badges") / (id + ".toml"));
  if (!t) throw std::runtime_error(t.error().message);
  return cache.emplace(id, std::move(*t)).first->second;
}

Typesetter& typesetter() {
  static Typesetter t = [] {
    auto created = Typesetter::create();
    if (!created) throw std::runtime_error(created.error().message);
    return std::move(*created);
  }();
  return t;
}

std::string sample_token(unsigned seed) {
  // Base45 (RFC 9285): each pair of bytes is a number below 65536 written as
  // three base-45 digits, least significant first; a last odd byte as two.
  static constexpr std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  Random random(seed);
  std::vector<std::uint8_t> bytes(133);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(random.next() >> 24);
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    unsigned n = bytes[i] * 256u + bytes[i + 1];
    out += alphabet[n % 45];
    out += alphabet[(n / 45) % 45];
    out += alphabet[n / 2025];
  }
  if (bytes.size() % 2) {
    unsigned n = bytes.back();
    out += alphabet[n % 45];
    out += alphabet[n / 45];
  }
  return out;
}

Attendee person(std::string first, std::string last, std::string organisation, std::string function,
                std::string country, std::string category, std::string language, std::string first_latin,
                std::string last_latin) {
  static int counter = 0;
  Attendee a;
  a.id = fmt::format("00000000-0000-4000-8000-{:012}", ++counter);
  a.external_ref = fmt::format("T-{:04}", counter);
  a.first_name = std::move(first);
  a.last_name = std::move(last);
  a.first_name_latin = std::move(first_latin);
  a.last_name_latin = std::move(last_latin);
  a.organisation = std::move(organisation);
  a.function = std::move(function);
  a.country = std::move(country);
  a.category = std::move(category);
  a.language = std::move(language);
  a.days = DaySet::all(2);
  return a;
}

std::vector<NamedAttendee> worst_cases() {
  return {
      {"long French compound name", person("Marie-Hélène", "Loison-Duforestel", "Montpellier Méditerranée Métropole",
                                           "Vice-présidente déléguée aux relations internationales", "FR", "elu", "fr")},
      {"long Malagasy name", person("Haingonirina", "Andrianarivelo-Razafindrakoto", "Commune urbaine d'Antananarivo",
                                    "Gouverneur de la région Analamanga", "MG", "delegation", "fr")},
      {"long Spanish name", person("María José", "Martínez-Echevarría y Ortiz de Zárate",
                                   "Federación Española de Municipios y Provincias",
                                   "Concejal de Cooperación Internacional", "ES", "elu", "es")},
      {"absurdly long organisation", person("François-Xavier", "de La Rochefoucauld-Montbel",
                                            "Syndicat intercommunal à vocation multiple du canton de Saint-Amand-Montrond-Orval "
                                            "et des communes associées de la vallée du Cher",
                                            "Premier adjoint au maire, délégué aux finances, au budget et à la "
                                            "commande publique, président de la commission d'appel d'offres",
                                            "FR", "agent", "fr")},
      {"one unbreakable word longer than any box", person("Fanomezantsoa", "Razafindrakotomanantsoambolamanana",
                                                          "Région Analamanga", "Maire", "MG", "delegation", "fr")},
      {"Vietnamese with stacked diacritics", person("Thị Hương", "Nguyễn", "Ủy ban Nhân dân Thành phố Hồ Chí Minh",
                                                    "Phó Chủ tịch", "VN", "delegation", "vi")},
      {"Arabic with its Latin form", person("عبد الرحمن", "بن عبد الله", "مجلس جهة الرباط سلا القنيطرة",
                                            "رئيس المجلس الجماعي", "MA", "ambassade", "ar", "Abderrahmane",
                                            "Ben Abdallah")},
  };
}

std::vector<NamedAttendee> script_samples() {
  return {
      {"French", person("Éloïse", "Œhmichen", "Région Provence-Alpes-Côte d'Azur", "Maire de Dijon", "FR", "elu", "fr")},
      {"Spanish", person("Íñigo", "Núñez", "Ayuntamiento de Santiago de Compostela", "Alcaldesa", "ES", "elu", "es")},
      {"Vietnamese", person("Quỳnh Như", "Đặng", "Sở Ngoại vụ Đà Nẵng", "Giám đốc Sở Ngoại vụ", "VN", "delegation", "vi")},
      {"Malagasy", person("Fanomezantsoa", "Ratsimbazafy", "Commune urbaine de Fianarantsoa", "Maire", "MG", "delegation", "fr")},
      {"Arabic", person("فاطمة", "الحسيني", "بلدية الدار البيضاء", "مستشارة", "MA", "ambassade", "ar", "Fatima", "El Husseini")},
      {"Japanese", person("花子", "佐藤", "京都市国際交流協会", "一等書記官", "JP", "intervenant", "ja", "Hanako", "Satō")},
      {"Chinese", person("小明", "王", "北京市人民政府外事办公室", "副主任", "CN", "delegation", "zh", "Xiaoming", "Wang")},
      {"Korean", person("서연", "이", "부산광역시 국제협력과", "국제협력관", "KR", "delegation", "ko", "Seoyeon", "Lee")},
      {"Armenian", person("Անահիտ", "Հովհաննիսյան", "Երևանի քաղաքապետարան", "Քաղաքապետ", "AM", "elu", "hy", "Anahit", "Hovhannisyan")},
      {"Greek", person("Δημήτρης", "Αλεξανδρόπουλος", "Δήμος Θεσσαλονίκης", "Αντιδήμαρχος Διεθνών Σχέσεων", "GR", "elu", "el", "Dimitris", "Alexandropoulos")},
      {"Cyrillic", person("Анастасія", "Григоренко-Ярошевська", "Київська міська державна адміністрація", "Радниця", "UA", "delegation", "uk", "Anastasiia", "Hryhorenko-Yaroshevska")},
      {"Hebrew", person("מיכל", "לוי", "עיריית תל אביב-יפו", "יועצת", "IL", "partenaire", "he", "Michal", "Levi")},
      {"Georgian", person("ნინო", "კაპანაძე", "თბილისის მერია", "მრჩეველი", "GE", "elu", "ka", "Nino", "Kapanadze")},
  };
}

BadgeContent content_of(const Attendee& attendee, unsigned token_seed) {
  return badge_content(sample_event(), attendee, sample_token(token_seed));
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "accueil-render-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory in " + fs::temp_directory_path().string());
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string quote(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::vector<std::string> zbar_decode(const fs::path& image) {
  // --raw: the decoded text only; one symbol per line.
  CommandResult r = run("zbarimg --quiet --raw -Sdisable -Sqrcode.enable " + quote(image));
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < r.out.size()) {
    std::size_t end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    if (end > start) out.push_back(r.out.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string pdf_text(const fs::path& pdf) { return run("pdftotext -enc UTF-8 " + quote(pdf) + " -").out; }

std::string squeeze(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      ++i;
      continue;
    }
    // U+200E, U+200F and U+202A..U+202E are E2 80 8E/8F/AA..AE; U+2066..U+2069 are E2 81 A6..A9.
    if (c == 0xE2 && i + 2 < text.size()) {
      auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
          (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 3;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

bool is_right_to_left(const std::string& text) {
  // Hebrew and Arabic letters are U+0590..U+08FF: UTF-8 lead bytes D6 to E0 A3.
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xD6 && c <= 0xDF) return true;
    if (c == 0xE0 && static_cast<unsigned char>(text[i + 1]) >= 0xA0 && static_cast<unsigned char>(text[i + 1]) <= 0xA3) return true;
  }
  return false;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == '-') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

}  // namespace accueil::render::test
