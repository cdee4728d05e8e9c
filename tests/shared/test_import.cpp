#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/core.h>

#include "fixtures.hpp"
#include "shared/store/checkin.hpp"
#include "shared/intake/csv.hpp"
#include "shared/intake/import.hpp"
#include "shared/search/search.hpp"
#include "shared/text/text.hpp"

#include <map>
#include <set>

using namespace accueil;
using namespace accueil::testing;

namespace {

const char* k_french_export =
    "\xEF\xBB\xBF"
    "Référence;Code billet;Civilité;Prénom;Nom;Organisme;Fonction;Pays;Catégorie;E-mail;Langue;Jours;Délégation;VIP\r\n"
    "R-001;RIC-001;Mme;Hélène;Moncond'huy;Ville de Poitiers;Maire de Poitiers;France;Élu·e;h@example.org;Français;1,2;;oui\r\n"
    "R-002;RIC-002;M.;François;Rebsamen;\"Dijon Métropole; Ville de Dijon\";Maire de Dijon;FR;elu;;;J2;;\r\n"
    "R-003;RIC-003;M.;Aram;Petrosyan;\"Mairie\nd'Erevan\";Adjoint au maire;Arménie;Délégation;;anglais;tous;Arménie;\r\n"
    "R-004;RIC-004;Mme;Fatou;Diop;Ambassade du Sénégal;Conseillère;Senegal;Embassy;;en;2026-12-04;;\r\n";

Store store_with_event(Event& event) {
  Store store = memory_store();
  event = sample_event();
  REQUIRE(store.save_event(event));
  return store;
}

ImportReport import_ok(Store& store, const Event& event, std::string_view bytes, const ImportOptions& options = {}) {
  auto report = import_registrations(store, event, bytes, "test.csv", options);
  if (!report) FAIL(report.error().message);
  return *report;
}

std::string to_windows_1252(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c == 0xC3) out += static_cast<char>(static_cast<unsigned char>(utf8[++i]) + 0x40);  // U+00C0..U+00FF
    else if (c == 0xC2) out += utf8[++i];                                                   // U+00A0..U+00BF
    else out += static_cast<char>(c);
  }
  return out;
}

// Windows-1252 bytes for UTF-8 text, from the code page's table (not iconv,
// which the importer decodes with): U+00A0..U+00FF are the byte itself, and
// the typography Windows adds at 0x80..0x9F.
std::string cp1252_from_table(std::string_view utf8) {
  static const std::map<char32_t, unsigned char> k_high{
      {U'€', 0x80}, {U'‚', 0x82}, {U'„', 0x84}, {U'…', 0x85}, {U'Š', 0x8A}, {U'Œ', 0x8C}, {U'Ž', 0x8E},
      {U'‘', 0x91}, {U'’', 0x92}, {U'“', 0x93}, {U'”', 0x94}, {U'•', 0x95}, {U'–', 0x96}, {U'—', 0x97},
      {U'š', 0x9A}, {U'œ', 0x9C}, {U'ž', 0x9E}, {U'Ÿ', 0x9F}};
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += n;
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) out += static_cast<char>(cp);
    else if (auto it = k_high.find(cp); it != k_high.end()) out += static_cast<char>(it->second);
    else FAIL("not in Windows-1252: U+" << std::hex << static_cast<unsigned>(cp));
  }
  return out;
}

}  // namespace

TEST_CASE("a French export with BOM, semicolons and quoted fields imports", "[import]") {
  Event event;
  Store store = store_with_event(event);
  ImportReport r = import_ok(store, event, k_french_export);
  CHECK(r.encoding == "UTF-8");
  CHECK(r.separator == ';');
  CHECK(r.inserted == 4);
  CHECK(r.rejected.empty());
  CHECK(r.ignored_columns.empty());

  auto helene = store.attendee_by_ref("R-001").value().value();
  CHECK(helene.first_name == "Hélène");
  CHECK(helene.ticket_code == "RIC-001");
  CHECK(helene.category == "elu");  // matched on the French label
  CHECK(helene.country == "FR");
  CHECK(helene.language == "fr");
  CHECK(helene.vip);
  CHECK(helene.days == DaySet::all(2));

  auto francois = store.attendee_by_ref("R-002").value().value();
  CHECK(francois.organisation == "Dijon Métropole; Ville de Dijon");
  CHECK(francois.days == DaySet::from_bits(0b10));
  CHECK(francois.language == "fr");  // empty: the event's first language

  auto aram = store.attendee_by_ref("R-003").value().value();
  CHECK(aram.organisation == "Mairie d'Erevan");  // line break inside quotes becomes a space
  CHECK(aram.country == "AM");
  CHECK(aram.language == "en");
  CHECK(aram.delegation == "Arménie");

  auto fatou = store.attendee_by_ref("R-004").value().value();
  CHECK(fatou.category == "ambassade");  // matched on the English label
  CHECK(fatou.days == DaySet::from_bits(0b10));  // a date
}

TEST_CASE("importing the same file twice changes nothing", "[import]") {
  Event event;
  Store store = store_with_event(event);
  import_ok(store, event, k_french_export);
  auto before = store.attendees().value();
  auto stamps = [&] {
    auto stmt = store.database().prepare("SELECT group_concat(updated_ms) FROM attendees");
    REQUIRE(stmt->step().value());
    return stmt->text(0);
  };
  std::string stamps_before = stamps();

  ImportReport again = import_ok(store, event, k_french_export);
  CHECK(again.inserted == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 4);
  CHECK(store.attendees().value() == before);
  CHECK(stamps() == stamps_before);
}

TEST_CASE("a changed row updates the attendee and keeps its id and check-ins", "[import]") {
  Event event;
  Store store = store_with_event(event);
  import_ok(store, event, k_french_export);
  auto helene = store.attendee_by_ref("R-001").value().value();
  REQUIRE(check_in_attendee(store, event, helene.id, {1, "k", "", 0})->outcome == Outcome::ok);

  std::string changed = k_french_export;
  changed.replace(changed.find("Ville de Poitiers"), 17, "Grand Poitiers");
  ImportReport r = import_ok(store, event, changed);
  CHECK(r.updated == 1);
  CHECK(r.unchanged == 3);
  auto after = store.attendee_by_ref("R-001").value().value();
  CHECK(after.id == helene.id);
  CHECK(after.organisation == "Grand Poitiers");
  CHECK(store.effective_checkin(helene.id, 1).value().has_value());
}

TEST_CASE("Windows-1252 and UTF-16 exports are detected and decoded", "[import]") {
  Event event;
  Store store = store_with_event(event);
  std::string utf8 = "Nom,Prénom,Code,Catégorie,Pays\r\nMoncond'huy,Hélène,C1,Élu·e,Sénégal\r\nLefèvre,Chloé,C2,elu,Côte d'Ivoire\r\n";
  // "·" (U+00B7) is in Windows-1252 too, at 0xB7.
  std::string cp1252 = to_windows_1252(utf8);
  REQUIRE_FALSE(is_valid_utf8(cp1252));
  ImportReport r = import_ok(store, event, cp1252);
  CHECK((r.encoding == "WINDOWS-1252" || r.encoding == "ISO-8859-1" || r.encoding == "ISO-8859-15"));
  CHECK(store.attendee_by_ref("C1").value()->first_name == "Hélène");
  CHECK(store.attendee_by_ref("C2").value()->country == "CI");

  std::string utf16 = "\xFF\xFE";
  // Build UTF-16LE from code points (the sample is in the Basic Multilingual Plane).
  std::u16string wide = u"Nom\tPr\u00e9nom\tCode\tCat\u00e9gorie\r\nOk\t\u00c9lise\tC3\telu\r\n";
  for (char16_t ch : wide) {
    utf16 += static_cast<char>(ch & 0xFF);
    utf16 += static_cast<char>(ch >> 8);
  }
  ImportReport r16 = import_ok(store, event, utf16);
  CHECK(r16.encoding == "UTF-16LE");
  CHECK(r16.separator == '\t');
  CHECK(store.attendee_by_ref("C3").value()->first_name == "Élise");
}

TEST_CASE("files that cannot be read change nothing and say why", "[import]") {
  Event event;
  Store store = store_with_event(event);
  auto error_of = [&](std::string_view bytes) {
    auto r = import_registrations(store, event, bytes, "inscrits.csv");
    REQUIRE_FALSE(r);
    CHECK(store.attendee_count().value() == 0);
    CHECK_FALSE(store.has_attendees().value());
    return r.error().message;
  };
  CHECK_THAT(error_of(""), Catch::Contains("inscrits.csv") && Catch::Contains("empty"));
  CHECK_THAT(error_of(" \r\n \r\n"), Catch::Contains("empty"));
  CHECK_THAT(error_of(std::string("Nom\0Pr", 6)), Catch::Contains("NUL"));
  CHECK_THAT(error_of("Nom,Code,Catégorie\nH\xE9l\xE8ne,C1,elu\n"),
             Catch::Contains("line 2") && Catch::Contains("mixes two encodings"));
  CHECK_THAT(error_of("Nom,Code,Catégorie\nA,C1,elu\n\"B,C2,elu\nC,C3,elu\n"),
             Catch::Contains("line 3") && Catch::Contains("never closed"));
  CHECK_THAT(error_of("Téléphone,Ville\n0102,Paris\n"), Catch::Contains("no column gives the name"));
  CHECK_THAT(error_of("Nom,Prénom,Catégorie\nA,B,elu\n"), Catch::Contains("no column gives a reference"));
}

TEST_CASE("bad rows are rejected with line, field and reason; good rows still import", "[import]") {
  Event event;
  Store store = store_with_event(event);
  const std::string big(10 * 1024 * 1024, 'x');
  std::string file =
      "Ref,Nom,Prénom,Organisme,Pays,Catégorie,Jours,VIP,Téléphone\n"  // line 1
      "A1,Dupont,Jean,Mairie,France,elu,1,non,0102\n"                   // 2 ok
      "A2,Durand,Marie,Mairie,Atlantide,elu,1,,\n"                      // 3 country
      "A3,Martin,Paul,Mairie,FR,ministre,1,,\n"                         // 4 unknown category: imported, flagged
      "A4,Bernard,Luc,Mairie,FR,elu,7,,\n"                              // 5 day out of range
      "A5,Petit,Anne,Mairie,FR,elu,1,peut-être,\n"                      // 6 vip
      "A6,Roux,Zoé,Mairie,FR,elu\n"                                     // 7 ragged (too few)
      "A7,Moreau,Léa,Mairie,FR,elu,1,,,extra\n"                         // 8 too many: imported, flagged
      "A1,Dupont,Jeanne,Mairie,FR,elu,1,,\n"                            // 9 duplicate reference
      ",Fournier,Eva,Mairie,FR,elu,1,,\n"                               // 10 empty reference
      "A9,Girard,Hugo,\"" + big + "\",FR,elu,1,,\n"                     // 11 10 MB field
      "A10,,,Mairie,FR,elu,1,,\n"                                       // 12 no name
      "A11,Lambert,Inès,Mairie,FR,elu,2,,;;\n"                          // 13 ok
      "A12,Fontaine,Théo,Mairie,FR,elu,1,,,\n"                          // 14 ok: one trailing empty field
      "\n"                                                              // 15 blank, skipped
      ",,,,,,,,\n";                                                     // 16 empty row, skipped
  ImportReport r = import_ok(store, event, file);
  CHECK(r.ignored_columns == std::vector<std::string>{"Téléphone"});
  CHECK(r.inserted == 5);
  REQUIRE(r.rejected.size() == 8);
  auto expect = [&](std::size_t i, std::size_t line, std::string field, std::string reason) {
    INFO("rejected[" << i << "]: line " << r.rejected[i].line << " " << r.rejected[i].field << ": " << r.rejected[i].reason);
    CHECK(r.rejected[i].line == line);
    CHECK(r.rejected[i].field == field);
    CHECK_THAT(r.rejected[i].reason, Catch::Contains(reason));
  };
  expect(0, 3, "Pays", "Atlantide");
  expect(1, 5, "Jours", "day 7");
  expect(2, 6, "VIP", "peut-être");
  expect(3, 7, "", "6 fields where the header has 9");
  expect(4, 9, "external_ref", "already used on line 2");
  expect(5, 10, "Ref", "reference is empty");
  expect(6, 11, "Organisme", "10485760 characters");
  expect(7, 12, "Nom", "name is empty");
  // A value beyond the header's columns: the person is imported, the row flagged with it.
  REQUIRE(store.attendee_by_ref("A7").value().has_value());
  CHECK(store.attendee_by_ref("A7").value()->last_name == "Moreau");
  const auto flagged = std::ranges::find_if(r.warnings, [](const RowIssue& w) { return w.line == 8; });
  REQUIRE(flagged != r.warnings.end());
  CHECK_THAT(flagged->reason, Catch::Contains("10 fields where the header has 9") && Catch::Contains("\"extra\""));
  CHECK(store.attendee_by_ref("A3").value()->category == "participant");  // the event's default_category
  CHECK(r.fallback_new == 1);
  CHECK(store.attendee_by_ref("A1").value()->first_name == "Jean");
}

TEST_CASE("line numbers count the lines inside quoted fields", "[import]") {
  auto table = parse_csv("a,b\n\"1\n2\n3\",x\n\ny,z\n", "t.csv");
  REQUIRE(table);
  REQUIRE(table->records.size() == 3);
  CHECK(table->records[0].line == 1);
  CHECK(table->records[1].line == 2);
  CHECK(table->records[1].fields[0] == "1\n2\n3");
  CHECK(table->records[2].line == 6);
}

TEST_CASE("a mapping file names the columns of any export", "[import]") {
  Event event;
  Store store = store_with_event(event);
  auto mapping = parse_mapping(R"(
[columns]
"N° dossier" = "external_ref"
"Nom complet de famille" = "last_name"
"Employeur public" = "organisation"
"Téléphone" = "ignore"
[categories]
"Maire" = "elu"
"Adjoint" = "elu"
[defaults]
language = "en"
)", "mapping.toml");
  REQUIRE(mapping);
  ImportOptions options{&*mapping, ""};
  ImportReport r = import_ok(store, event,
                             "N° dossier;Nom complet de famille;Employeur public;Type;Téléphone\n"
                             "D1;Rebsamen;Ville de Dijon;Maire;0380\n"
                             "D2;Moncond'huy;Ville de Poitiers;Adjoint;0549\n", options);
  CHECK(r.inserted == 2);
  CHECK(r.ignored_columns.empty());
  auto d1 = store.attendee_by_ref("D1").value().value();
  CHECK(d1.organisation == "Ville de Dijon");
  CHECK(d1.category == "elu");
  CHECK(d1.language == "en");
  CHECK(d1.ticket_code == "D1");  // no ticket column: the reference is the code

  auto bad = parse_mapping("[columns]\n\"X\" = \"shoe_size\"\n", "m.toml");
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::Contains("m.toml") && Catch::Contains("shoe_size"));
}

TEST_CASE("a ticket code already held by another attendee is rejected", "[import]") {
  Event event;
  Store store = store_with_event(event);
  import_ok(store, event, "Ref,Code,Nom,Catégorie\nA1,C1,Dupont,elu\n");
  ImportReport r = import_ok(store, event, "Ref,Code,Nom,Catégorie\nB1,C1,Durand,elu\n");
  REQUIRE(r.rejected.size() == 1);
  CHECK(r.rejected[0].line == 2);
  CHECK_THAT(r.rejected[0].reason, Catch::Contains("already belongs to") && Catch::Contains("A1"));
  CHECK(store.attendee_count().value() == 1);
  CHECK(store.has_attendees().value());
}

TEST_CASE("an import completes a record created from a signed ticket", "[import]") {
  Event event;
  Store store = store_with_event(event);
  SecretKey key = generate_secret_key();
  event.public_key = public_key_to_text(key.public_key());
  Attendee late = make_attendee("X", "Aram", "Petrosyan");
  late.ticket_code = "RIC-900";
  std::string token = sign_ticket(claims_for(late, event), key).value();
  auto d = check_in_scan(store, event, token, {1, "k", "", 0});
  REQUIRE(d->outcome == Outcome::ok);
  REQUIRE(d->attendee_created);

  ImportReport r = import_ok(store, event, "Ref,Code,Nom,Prénom,Catégorie\nR-900,RIC-900,Petrosyan,Aram,delegation\n");
  CHECK(r.updated == 1);
  CHECK(r.inserted == 0);
  auto merged = store.attendee_by_ref("R-900").value().value();
  CHECK(merged.id == d->attendee->id);
  CHECK(store.effective_checkin(merged.id, 1).value().has_value());
}

TEST_CASE("CSV records are written with quotes where needed", "[import]") {
  std::string out;
  append_csv_record(out, {"a", "b;c", "d\"e", "f\ng", ""}, ';');
  CHECK(out == "a;\"b;c\";\"d\"\"e\";\"f\ng\";\r\n");
  auto back = parse_csv(out, "x");
  REQUIRE(back);
  CHECK(back->records[0].fields == std::vector<std::string>{"a", "b;c", "d\"e", "f\ng", ""});
}

TEST_CASE("French Excel exports in Windows-1252 decode to the right text, whatever uchardet calls them", "[import][encoding]") {
  struct Person {
    std::string first, last, organisation, function;
  };
  // Row sets as French registration exports hold them. The first has no
  // accented letter at all, only ’ apostrophes.
  const std::vector<std::vector<Person>> row_sets{
      {{"Awa", "N’Diaye", "Mairie d’Aubervilliers", "Conseillere d’arrondissement"},
       {"Sean", "O’Neill", "Conseil d’administration", "President"},
       {"Marco", "Dell’Acqua", "Citta d’Aosta", "Assessore"}},
      {{"Awa", "N’Diaye", "Mairie d’Aubervilliers", "Maire"}, {"Sean", "O’Neill", "Conseil", "President"}},
      {{"Marie", "Œillet", "Les Œuvres sociales", "Chargée de l’œuvre"}},
      {{"Marie", "Œillet", "Mairie de Sète", "Adjointe déléguée"},
       {"André", "Lévy", "Conseil régional", "Vice-président"},
       {"Céline", "Guérin", "Département de l’Hérault", "Élue"}},
      {{"Renée", "Durand", "“Villes amies” …", "Trésorière – budget 12 000 €"},
       {"Jérôme", "Martin", "Cités unies — France", "Chargé de mission « Europe »"}},
      {{"Yves", "Cœurdacier", "Sœurs de la Charité", "Bœuf & cie"},
       {"Luka", "Šmid", "Grad Šibenik", "Župan"},
       {"Anne", "Lefèvre", "Mairie de L’Haÿ-les-Roses", "Maire"},
       {"Zoé", "Ÿvon", "Œcuménisme • Paix", "Déléguée"}},
      {{"Marie", "Œillet", "Ville d’Œting", "Maire – 2e mandat"},
       {"François", "Blériot", "Conseil départemental…", "Président “délégué”"},
       {"Hélène", "Moncond’huy", "Ville de Poitiers", "Maire"},
       {"Awa", "N’Diaye", "Ambassade du Sénégal", "Conseillère"},
       {"Chloé", "Bœuf", "Métropole", "Budget : 3 500 €"}},
  };
  struct Header {
    std::vector<std::string> names;
  };
  const std::vector<Header> headers{
      {{"Référence", "Prénom", "Nom", "Organisme", "Fonction", "Catégorie"}},
      {{"Ref", "Prenom", "Nom", "Organisation", "Fonction", "Categorie"}},
  };
  std::set<std::string> verdicts;
  int variants = 0;
  for (char separator : {';', ',', '\t'})
    for (std::string_view line_end : {"\r\n", "\n"})
      for (const Header& header : headers)
        for (std::size_t set = 0; set < row_sets.size(); ++set) {
          const auto& rows = row_sets[set];
          std::string utf8;
          auto add = [&](const std::vector<std::string>& fields) {
            std::string record;
            append_csv_record(record, fields, separator);
            utf8 += record.substr(0, record.size() - 2);
            utf8 += line_end;
          };
          add(header.names);
          for (std::size_t i = 0; i < rows.size(); ++i)
            add({fmt::format("R{}", i), rows[i].first, rows[i].last, rows[i].organisation, rows[i].function, "elu"});
          const std::string bytes = cp1252_from_table(utf8);
          verdicts.insert(detect_charset(bytes));
          ++variants;
          INFO("variant " << variants << ": set " << set << ", separator " << int(separator) << ", uchardet says "
                          << detect_charset(bytes));

          Event event;
          Store store = store_with_event(event);
          auto report = import_registrations(store, event, bytes, "export.csv");
          REQUIRE(report);
          CHECK(report->encoding == "WINDOWS-1252");
          CHECK(report->inserted == rows.size());
          CHECK(report->rejected.empty());
          for (std::size_t i = 0; i < rows.size(); ++i) {
            auto a = store.attendee_by_ref(fmt::format("R{}", i)).value();
            REQUIRE(a);
            CHECK(a->first_name == rows[i].first);
            CHECK(a->last_name == rows[i].last);
            CHECK(a->organisation == rows[i].organisation);
            CHECK(a->function == rows[i].function);
          }
          const auto attendees = store.attendees().value();
          const SearchIndex index(attendees);
          for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].last != "Œillet") continue;
            for (std::string_view query : {"Œillet", "oeillet", "œillet marie"}) {
              auto hits = index.search(query, 5);
              REQUIRE_FALSE(hits.empty());
              CHECK(attendees[hits.front().index].last_name == "Œillet");
            }
          }
        }
  CHECK(variants == 84);
  // The corpus holds files uchardet misnames, so that it tests what went wrong.
  CHECK(verdicts.contains("ISO-8859-1"));
  CHECK(verdicts.contains("WINDOWS-1250"));
}

TEST_CASE("single-byte files in other scripts are still refused", "[import][encoding]") {
  Event event;
  Store store = store_with_event(event);
  // Polish (Windows-1250): "Łódź", "Wrocław"; Russian (Windows-1251): "Привет", "Москва".
  for (std::string_view bytes : {std::string_view("Ref;Nom;Organisme\r\nA1;\xA3\xF3" "d\x9F;Urz\xB9" "d Miasta Wroc\xB3" "aw\r\n"),
                                 std::string_view("Ref;Nom;Organisme\r\nA1;\xCF\xF0\xE8\xE2\xE5\xF2;\xCC\xEE\xF1\xEA\xE2\xE0\r\n")}) {
    auto r = import_registrations(store, event, bytes, "other.csv", {nullptr, "elu"});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("other.csv") && Catch::Contains("save it as CSV UTF-8"));
  }
  CHECK(store.attendee_count().value() == 0);
}

TEST_CASE("a re-import with fewer columns leaves the fields it does not give alone", "[import][columns]") {
  Event event;
  Store store = store_with_event(event);
  import_ok(store, event,
            "Ref;Code;Nom;Prénom;Organisme;Fonction;Catégorie;Jours;VIP;Statut\n"
            "R1;RIC-1;Dupont;Jean;Mairie de Lyon;Adjoint;elu;1;oui;annulé\n"
            "R2;RIC-2;Durand;Marie;Ambassade;Conseillère;ambassade;2;;\n"
            "R3;RIC-3;Martin;Paul;Métropole;Chargé de mission;agent;1,2;;\n");
  const Attendee r1 = store.attendee_by_ref("R1").value().value();
  REQUIRE(r1.status == AttendeeStatus::cancelled);

  // An update file from the platform: references and names only.
  ImportReport r = import_ok(store, event, "Ref;Nom;Prénom\nR1;Dupont;Jeanne\nR3;Martin;Paul\nR4;Petit;Anne\n",
                             {nullptr, "agent"});
  CHECK(r.updated == 1);
  CHECK(r.unchanged == 1);
  CHECK(r.inserted == 1);
  Attendee after = store.attendee_by_ref("R1").value().value();
  CHECK(after.first_name == "Jeanne");
  CHECK(after.status == AttendeeStatus::cancelled);
  CHECK(after.organisation == "Mairie de Lyon");
  CHECK(after.function == "Adjoint");
  CHECK(after.days == DaySet::from_bits(0b01));
  CHECK(after.ticket_code == "RIC-1");
  CHECK(after.category == "elu");  // the default category is for new rows
  CHECK(after.vip);
  after.first_name = r1.first_name;
  CHECK(after == r1);
  // A new row gets the defaults of the columns the file lacks.
  Attendee anne = store.attendee_by_ref("R4").value().value();
  CHECK(anne.status == AttendeeStatus::active);
  CHECK(anne.days == DaySet::all(2));
  CHECK(anne.ticket_code == "R4");
  CHECK(anne.category == "agent");
  // R2 is not in the file: reported, left alone.
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0].external_ref == "R2");
  CHECK(r.missing[0].name == "Marie Durand");
  CHECK(r.cancelled == 0);
  CHECK(store.attendee_by_ref("R2").value()->status == AttendeeStatus::active);

  // A file with ticket codes and no references is matched on the code.
  ImportReport by_code = import_ok(store, event, "Code;Statut;Fonction\nRIC-2;annulée;Consule\n");
  CHECK(by_code.updated == 1);
  CHECK(by_code.inserted == 0);
  Attendee marie = store.attendee_by_ref("R2").value().value();
  CHECK(marie.status == AttendeeStatus::cancelled);
  CHECK(marie.function == "Consule");
  CHECK(marie.organisation == "Ambassade");
  CHECK(marie.category == "ambassade");
}

TEST_CASE("new rows without a category column get the fallback category, flagged; known ones keep theirs",
          "[import][columns]") {
  Event event;
  Store store = store_with_event(event);
  event.default_category = "agent";
  import_ok(store, event, "Ref;Nom;Catégorie\nR1;Dupont;presse\n");
  ImportReport r = import_ok(store, event, "Ref;Nom\nR1;Dupond\nR2;Durand\n");
  CHECK(r.fallback_new == 1);
  CHECK(r.fallback_category == "agent");
  CHECK(store.attendee_by_ref("R1").value()->category == "presse");
  CHECK(store.attendee_by_ref("R1").value()->last_name == "Dupond");
  CHECK(store.attendee_by_ref("R2").value()->category == "agent");
  auto before = store.attendees().value();
  auto nameless = import_registrations(store, event, "Ref;Catégorie\nR1;agent\nR3;elu\n", "maj.csv");
  REQUIRE_FALSE(nameless);
  CHECK_THAT(nameless.error().message, Catch::Contains("no column gives the name") && Catch::Contains("line 3"));
  CHECK(store.attendees().value() == before);
}

TEST_CASE("registrations a full export no longer lists are cancelled only when asked (cancel_missing)", "[import][columns]") {
  Event event;
  Store store = store_with_event(event);
  const std::string full = "Ref;Nom;Catégorie\nR1;Dupont;elu\nR2;Durand;elu\nR3;Martin;elu\n";
  import_ok(store, event, full);
  // A walk-in registered at the desk is no export's row: never missing.
  Attendee walkin = make_attendee("walkin:1", "Luc", "Bernard");
  REQUIRE(store.insert_attendee(walkin, AttendeeSource::walkin));

  const std::string without_r2 = "Ref;Nom;Catégorie\nR1;Dupont;elu\nR3;Martin;elu\n";
  ImportReport dry = import_ok(store, event, without_r2);
  REQUIRE(dry.missing.size() == 1);
  CHECK(store.attendee_by_ref("R2").value()->status == AttendeeStatus::active);

  auto dry_run = import_registrations(store, event, without_r2, "x.csv", {}, {.dry_run = true, .cancel_missing = true});
  REQUIRE(dry_run);
  CHECK(dry_run->cancelled == 1);
  CHECK(store.attendee_by_ref("R2").value()->status == AttendeeStatus::active);

  // A rejected row's person would look missing: refused as a whole.
  auto with_rejected = import_registrations(store, event, "Ref;Nom;Catégorie;Pays\nR1;Dupont;elu;FR\nR3;Martin;elu;Atlantide\n",
                                            "x.csv", {}, {.cancel_missing = true});
  REQUIRE_FALSE(with_rejected);
  CHECK_THAT(with_rejected.error().message, Catch::Contains("line 3") && Catch::Contains("--cancel-missing"));
  CHECK(store.attendee_by_ref("R2").value()->status == AttendeeStatus::active);

  // Another event's file would cancel the whole list: refused unless asked for (cancel_many).
  const std::string other_event = "Ref;Nom;Catégorie\nX1;Autre;elu\n";
  for (bool dry_only : {true, false}) {
    auto wiped = import_registrations(store, event, other_event, "x.csv", {}, {.dry_run = dry_only, .cancel_missing = true});
    REQUIRE_FALSE(wiped);
    CHECK_THAT(wiped.error().message, Catch::Contains("would cancel 3 of the 3") && Catch::Contains("--cancel-many"));
  }
  CHECK(store.attendee_by_ref("R1").value()->status == AttendeeStatus::active);
  CHECK_FALSE(store.attendee_by_ref("X1").value());

  auto cancelled = import_registrations(store, event, without_r2, "x.csv", {}, {.cancel_missing = true});
  REQUIRE(cancelled);
  CHECK(cancelled->cancelled == 1);
  CHECK(store.attendee_by_ref("R2").value()->status == AttendeeStatus::cancelled);
  CHECK(store.attendee_by_ref("walkin:1").value()->status == AttendeeStatus::active);
  // Once cancelled, no longer reported. Back in a file without a status
  // column, still cancelled (the file does not say otherwise); with one, active.
  CHECK(import_ok(store, event, without_r2).missing.empty());
  import_ok(store, event, full);
  CHECK(store.attendee_by_ref("R2").value()->status == AttendeeStatus::cancelled);
  import_ok(store, event, "Ref;Nom;Catégorie;Statut\nR1;Dupont;elu;\nR2;Durand;elu;confirmé\nR3;Martin;elu;\n");
  CHECK(store.attendee_by_ref("R2").value()->status == AttendeeStatus::active);
}

TEST_CASE("days are read the way a person writes them, against the event's dates", "[import][days]") {
  Event event;
  Store store = store_with_event(event);  // 2026-12-03 (a Thursday) and 2026-12-04
  const std::string file =
      "Ref,Nom,Prénom,Catégorie,Jours\n"
      "D1,A,a,elu,3 et 4 décembre\n"       // 2
      "D2,B,b,elu,04/12\n"                 // 3 dd/mm
      "D3,C,c,elu,jeudi 3\n"               // 4
      "D4,D,d,elu,Jeudi 3 décembre\n"      // 5
      "D5,E,e,elu,3-4 décembre\n"          // 6 a range
      "D6,F,f,elu,Dec 4\n"                 // 7
      "D7,G,g,elu,4th December\n"          // 8
      "D8,H,h,elu,vendredi\n"              // 9 a weekday alone
      "D9,I,i,elu,\"3, 4\"\n"              // 10 days of the month
      "D10,J,j,elu,Thursday and Friday\n"  // 11
      "D11,K,k,elu,du 3 au 4 déc.\n"       // 12
      "D12,L,l,elu,J1\n"                   // 13 still an event day number
      "D13,M,m,elu,2026-12-04\n"           // 14
      "D14,N,n,elu,peut-être\n"            // 15 unreadable: all days, flagged
      "D15,O,o,elu,5 décembre\n"           // 16 outside the event: rejected
      "D16,P,p,elu,05/12/2026\n"           // 17 outside the event: rejected
      "D17,Q,q,elu,samedi\n";              // 18 not a weekday of the event: rejected
  ImportReport r = import_ok(store, event, file);
  auto days = [&](const char* ref) { return store.attendee_by_ref(ref).value().value().days; };
  const DaySet both = DaySet::all(2), first = DaySet::from_bits(0b01), second = DaySet::from_bits(0b10);
  CHECK(days("D1") == both);
  CHECK(days("D2") == second);
  CHECK(days("D3") == first);
  CHECK(days("D4") == first);
  CHECK(days("D5") == both);
  CHECK(days("D6") == second);
  CHECK(days("D7") == second);
  CHECK(days("D8") == second);
  CHECK(days("D9") == both);
  CHECK(days("D10") == both);
  CHECK(days("D11") == both);
  CHECK(days("D12") == first);
  CHECK(days("D13") == second);
  CHECK(days("D14") == both);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].line == 15);
  CHECK(r.warnings[0].field == "Jours");
  CHECK_THAT(r.warnings[0].reason, Catch::Contains("\"peut-être\"") && Catch::Contains("imported for all days") &&
                                       Catch::Contains("3 décembre"));
  CHECK(r.inserted == 14);
  REQUIRE(r.rejected.size() == 3);
  CHECK(r.rejected[0].line == 16);
  CHECK_THAT(r.rejected[0].reason, Catch::Contains("outside the event"));
  CHECK(r.rejected[1].line == 17);
  CHECK_THAT(r.rejected[1].reason, Catch::Contains("outside the event"));
  CHECK(r.rejected[2].line == 18);
  CHECK_THAT(r.rejected[2].reason, Catch::Contains("weekday"));
}

TEST_CASE("inclusive writing of a category alias matches in any case", "[import][categories]") {
  Event event;
  Store store = store_with_event(event);
  ImportReport r = import_ok(store, event,
                             "Ref,Nom,Catégorie\n"
                             "C1,A,délégué.e.s\n"
                             "C2,B,DÉLÉGUÉ·E·S\n"
                             "C3,C,Délégué(e)s\n"
                             "C4,D,Déléguée\n"
                             "C5,E,Délégué.e.s\n"
                             "C6,F,ministre\n");
  for (const char* ref : {"C1", "C2", "C3", "C4", "C5"}) {
    INFO(ref);
    CHECK(store.attendee_by_ref(ref).value().value().category == "delegation");
  }
  // An unknown value: the sample event's neutral default, not an elected-official badge.
  CHECK(store.attendee_by_ref("C6").value().value().category == "participant");
  CHECK(r.fallback_category == "participant");
  CHECK(r.fallback_new == 1);
}
