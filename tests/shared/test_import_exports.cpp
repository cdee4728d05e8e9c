// Exports as organisers really have them (tests/data/import/), imported with no
// option and no mapping file, and the reading of headers and category values
// behind it.
#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "fixtures.hpp"
#include "shared/base/files.hpp"
#include "shared/intake/columns.hpp"
#include "shared/intake/import.hpp"
#include "shared/text/countries.hpp"
#include "shared/text/text.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

std::string export_file(std::string_view name) {
  auto text = read_file(std::string(ACCUEIL_SOURCE_DIR "/tests/data/import/") + std::string(name));
  REQUIRE(text);
  return *text;
}

struct Imported {
  Event event = sample_event();
  Store store = memory_store();
  ImportReport report;

  explicit Imported(std::string_view file, const ImportOptions& options = {}) {
    REQUIRE(store.save_event(event));
    auto r = import_registrations(store, event, export_file(file), file, options);
    if (!r) FAIL(r.error().message);
    report = *r;
  }
  Attendee by_ref(std::string_view ref) {
    auto a = store.attendee_by_ref(std::string(ref));
    REQUIRE(a);
    if (!*a) FAIL("no attendee with reference " << ref);
    return **a;
  }
  const CategoryValue& value(std::string_view v) const {
    for (const CategoryValue& c : report.categories)
      if (c.value == v) return c;
    FAIL("no category value " << v);
    throw std::logic_error("unreachable");
  }
};

Event event_with_aliases() {
  Event event = sample_event();
  for (Category& c : event.categories) {
    if (c.key == "elu") c.aliases = {"Ministre", "Maire"};
    if (c.key == "agent") c.aliases = {"Agent territorial"};
  }
  return event;
}

}  // namespace

TEST_CASE("a French organiser's own spreadsheet (Excel CSV, Windows-1252): nobody is lost to a category",
          "[import][exports]") {
  Imported t("organisateur_fr.csv");
  const ImportReport& r = t.report;
  CHECK(r.encoding == "WINDOWS-1252");
  CHECK(r.inserted == 10);  // every registered person, whatever the category cell says
  CHECK(r.rejected.empty());
  CHECK(r.ignored_columns == std::vector<std::string>{"Observations"});

  Attendee helene = t.by_ref("1");  // "N°" is the reference
  CHECK(helene.last_name == "MONCOND'HUY");  // "NOM Prénom": the upper-case word is the family name
  CHECK(helene.first_name == "Hélène");
  CHECK(helene.organisation == "Ville de Poitiers");  // "Organisme / Collectivité"
  CHECK(helene.category == "elu");
  CHECK(helene.email == "h.moncondhuy@example.org");  // "Courriel"
  CHECK(helene.days == DaySet::all(2));                // "Jours de présence"
  CHECK(t.by_ref("2").category == "elu");              // "Elus": plural, no accent
  Attendee yuki = t.by_ref("3");
  CHECK(yuki.category == "delegation");  // "Délégation du Japon" extends "Délégation"
  CHECK(yuki.language == "en");          // a Japanese delegate, in a fr/en/es event
  Attendee karim = t.by_ref("4");
  CHECK(karim.category == "delegation");  // "délégation": case
  CHECK(karim.language == "fr");          // Lebanon: French
  Attendee lucia = t.by_ref("5");
  CHECK(lucia.category == "delegation");  // "Delegación": the Spanish label
  CHECK(lucia.language == "es");          // Colombia: Spanish
  CHECK(lucia.last_name == "GÓMEZ");
  CHECK(t.by_ref("7").category == "presse");       // "Presse écrite" extends "Presse"
  CHECK(t.by_ref("8").category == "intervenant");  // "Intervenant" for "Intervenant·e"
  CHECK(t.by_ref("8").language == "fr");           // Tunisia: French
  CHECK(t.by_ref("10").last_name == "Œuvray");      // no upper-case word: "NOM Prénom" order
  CHECK(t.by_ref("10").first_name == "Luc");

  // Unknown, ambiguous and empty values: imported with the fallback, flagged, counted.
  CHECK(r.fallback_category == "participant");  // the event's default_category
  CHECK(r.fallback_new == 3);
  CHECK(t.value("Ministre").match.how == CategoryHow::unknown);
  CHECK(t.value("Collectivité partenaire").match.how == CategoryHow::ambiguous);
  CHECK(t.value("Collectivité partenaire").match.candidates == std::vector<std::string>{"agent", "partenaire"});
  CHECK(t.value("").match.how == CategoryHow::empty);
  CHECK(t.value("Élu·e").rows == 1);
  CHECK(t.value("Délégation du Japon").match.how == CategoryHow::extends);
}

TEST_CASE("an Eventbrite attendee summary imports without --category: the ticket type is the category",
          "[import][exports]") {
  Imported t("eventbrite_attendees.csv");
  CHECK(t.report.inserted == 6);
  CHECK(t.report.rejected.empty());
  Attendee aiko = t.by_ref("9912345001");  // "Attendee #", not the order's "Order #"
  CHECK(aiko.first_name == "Aiko");
  CHECK(aiko.last_name == "Sato");
  CHECK(aiko.email == "aiko.sato@example.jp");
  CHECK(aiko.category == "intervenant");  // "Speaker"
  CHECK(aiko.function == "Mayor");        // "Job Title"
  CHECK(aiko.organisation == "City of Sendai");
  CHECK(aiko.country == "JP");  // "Home Country"
  CHECK(aiko.language == "en");
  CHECK(aiko.ticket_code == "9912345001");
  // Two tickets of one order are two people.
  CHECK(t.by_ref("9912345002").first_name == "Maria");
  CHECK(t.by_ref("9912345003").first_name == "João");
  CHECK(t.by_ref("9912345003").language == "en");  // Brazil: Portuguese is not offered
  CHECK(t.by_ref("9912345004").category == "presse");  // "Press Pass"
  CHECK(t.by_ref("9912345005").category == "participant");  // "General Admission": the fallback
  CHECK(t.by_ref("9912345005").language == "es");
  CHECK(t.by_ref("9912345006").status == AttendeeStatus::cancelled);  // "Not Attending"
  CHECK(t.report.fallback_new == 1);
}

TEST_CASE("a French ticketing export: the participant's columns, not the buyer's", "[import][exports]") {
  Imported t("billetterie_fr.csv");
  CHECK(t.report.inserted == 3);
  Attendee johanna = t.by_ref("40012001");  // "Code-barres", and the reference with it
  CHECK(johanna.last_name == "Rolland");    // "Nom participant", not "Nom acheteur"
  CHECK(johanna.first_name == "Johanna");
  CHECK(johanna.email == "j.rolland@nantes.example");
  CHECK(johanna.civility == "Mme");
  CHECK(johanna.category == "elu");  // "Élus et élues" (the "Tarif")
  CHECK(johanna.organisation == "Mairie de Nantes");  // "Facture - Société": nothing better
  Attendee paul = t.by_ref("40012002");
  CHECK(paul.email.empty());  // the buyer's e-mail is not his
  CHECK(paul.category == "agent");  // "Agents des collectivités"
  CHECK(t.by_ref("40012003").category == "ambassade");  // "Ambassades"
  CHECK(t.by_ref("40012003").country == "SN");
  CHECK(t.by_ref("40012003").language == "fr");
}

TEST_CASE("a HelloAsso export: the e-mail is the reference, the tariff the category", "[import][exports]") {
  Imported t("helloasso.csv");
  CHECK(t.report.email_is_reference);
  CHECK(t.report.inserted == 3);
  Attendee sophie = t.by_ref("sophie.lemoine@example.fr");
  CHECK(sophie.last_name == "Lemoine");  // "Nom adhérent"
  CHECK(sophie.category == "partenaire");
  CHECK(sophie.organisation == "Association des maires ruraux");  // "Organisme" (the organiser's question)
  CHECK(sophie.function == "Déléguée générale");
  Attendee lan = t.by_ref("tl.nguyen@example.vn");
  CHECK(lan.first_name == "Thi Lan");
  CHECK(lan.category == "exposant");
  CHECK(t.by_ref("marc.petit@example.fr").status == AttendeeStatus::cancelled);  // "Remboursé"
  // Idempotent: the same file again changes nothing.
  auto again = import_registrations(t.store, t.event, export_file("helloasso.csv"), "helloasso.csv");
  REQUIRE(again);
  CHECK(again->unchanged == 3);
}

TEST_CASE("a pretix check-in list: name parts, product, secret", "[import][exports]") {
  Imported t("pretix_checkin.csv");
  CHECK(t.report.inserted == 3);
  Attendee olena = t.by_ref("h7x2mqk5vd3ea9wpt6nbgyc4f8");
  CHECK(olena.ticket_code == "h7x2mqk5vd3ea9wpt6nbgyc4f8");
  CHECK(olena.first_name == "Olena");  // "Attendee name: Given name"
  CHECK(olena.last_name == "Kovalenko");
  CHECK(olena.civility == "Dr.");  // "Attendee name: Title"
  CHECK(olena.category == "intervenant");  // "Speaker – Early bird" extends "Speaker"
  CHECK(olena.organisation == "Kyiv City Council");
  CHECK(t.by_ref("p3k9rn2wfz7tq5mhv8cxbd4ja6").category == "delegation");
  CHECK(t.by_ref("m5v8bq2kx9wdn4rj7tzh3cfe6a").category == "presse");
  CHECK(t.by_ref("m5v8bq2kx9wdn4rj7tzh3cfe6a").language == "fr");  // no country: the event's first language
}

TEST_CASE("an Indico registrations export", "[import][exports]") {
  Imported t("indico_registrations.csv");
  CHECK(t.report.inserted == 3);
  Attendee nadia = t.by_ref("1");
  CHECK(nadia.first_name == "Nadia");  // "First Name", not split from "Name"
  CHECK(nadia.last_name == "El Amrani");
  CHECK(nadia.civility == "Ms");
  CHECK(nadia.organisation == "Commune de Rabat");  // "Affiliation"
  CHECK(nadia.function == "Vice-présidente");       // "Position"
  CHECK(nadia.country == "MA");
  CHECK(nadia.language == "fr");  // Morocco
  CHECK(nadia.category == "elu");  // "Elected official": the English label
  CHECK(t.by_ref("2").category == "delegation");
  CHECK(t.by_ref("3").category == "intervenant");  // "Speakers"
  CHECK(t.by_ref("3").status == AttendeeStatus::cancelled);  // "Withdrawn"
}

TEST_CASE("Google Forms and Microsoft Forms answers: question headers, timestamps, full names", "[import][exports]") {
  Imported g("google_forms_fr.csv");
  CHECK(g.report.inserted == 3);
  CHECK(g.report.email_is_reference);
  Attendee claire = g.by_ref("claire.dubois@example.fr");
  CHECK(claire.function == "Vice-présidente");  // "Quelle est votre fonction ?"
  CHECK(claire.organisation == "Conseil départemental du Gers");
  CHECK(claire.category == "elu");  // "Élu(e) local(e)", asked as "Vous êtes :"
  CHECK(claire.days == DaySet::all(2));  // "Quels jours serez-vous présent(e) ?"
  Attendee youssef = g.by_ref("youssef.benali@example.tn");  // the e-mail as reference, case aside
  CHECK(youssef.email == "Youssef.Benali@Example.TN");
  CHECK(youssef.category == "agent");
  CHECK(youssef.language == "fr");
  CHECK(g.report.fallback_new == 1);  // "Autre"
  CHECK(std::ranges::none_of(g.report.ignored_columns, [](const std::string& h) { return h == "Horodateur"; }));

  Imported m("microsoft_forms.csv");
  CHECK(m.report.inserted == 2);
  Attendee priya = m.by_ref("1");
  CHECK(priya.first_name == "Priya");  // "Name": the full name, first name first
  CHECK(priya.last_name == "Sharma");
  CHECK(priya.email.empty());  // "anonymous"
  CHECK(priya.category == "delegation");
  CHECK(priya.language == "en");
  Attendee kwame = m.by_ref("2");
  CHECK(kwame.last_name == "MENSAH");
  CHECK(kwame.category == "elu");  // "Elected officials"
}

TEST_CASE("an unknown category never drops a person; a mapping file then places them in place", "[import][exports]") {
  Imported t("organisateur_fr.csv");
  const auto ids_before = [&] {
    std::map<std::string, std::string> ids;
    const auto all = t.store.attendees().value();
    for (const Attendee& a : all) ids[a.external_ref] = a.id;
    return ids;
  }();
  CHECK(t.by_ref("6").category == "participant");  // "Ministre": the fallback

  // The mapping file the preview writes, edited as the organiser would.
  std::string mapping = mapping_file_for(t.report, t.event);
  CHECK_THAT(mapping, Catch::Contains("# \"Ministre\" = \"participant\"  # UNKNOWN"));
  CHECK_THAT(mapping, Catch::Contains("\"Délégation du Japon\" = \"delegation\""));
  CHECK_THAT(mapping, Catch::Contains("\"NOM Prénom\" = \"full_name\""));
  CHECK_THAT(mapping, Catch::Contains("\"Observations\" = \"ignore\""));
  REQUIRE(parse_mapping(mapping, "as written"));  // readable as it is
  auto replace = [&](std::string_view from, std::string_view to) {
    auto at = mapping.find(from);
    REQUIRE(at != std::string::npos);
    mapping.replace(at, from.size(), to);
  };
  replace("# \"Ministre\" = \"participant\"", "\"Ministre\" = \"organisation\"");
  replace("# \"Collectivité partenaire\" = \"participant\"", "\"Collectivité partenaire\" = \"partenaire\"");
  auto parsed = parse_mapping(mapping, "mapping.toml");
  REQUIRE(parsed);
  ImportOptions options{&*parsed, ""};

  auto second = import_registrations(t.store, t.event, export_file("organisateur_fr.csv"), "o.csv", options);
  REQUIRE(second);
  CHECK(second->inserted == 0);
  CHECK(second->updated == 2);
  CHECK(t.by_ref("6").category == "organisation");
  CHECK(t.by_ref("9").category == "partenaire");
  const auto after = t.store.attendees().value();
  for (const Attendee& a : after) CHECK(ids_before.at(a.external_ref) == a.id);
  auto third = import_registrations(t.store, t.event, export_file("organisateur_fr.csv"), "o.csv", options);
  REQUIRE(third);
  CHECK(third->unchanged == 10);

  // Without the mapping again, the unknown value does not undo the organiser's placement.
  auto fourth = import_registrations(t.store, t.event, export_file("organisateur_fr.csv"), "o.csv");
  REQUIRE(fourth);
  CHECK(fourth->fallback_kept == 3);  // "Ministre", "Collectivité partenaire" and the empty cell
  CHECK(t.by_ref("6").category == "organisation");
}

TEST_CASE("category values are read the way a person reads them; ambiguity is said, not guessed", "[import][categories]") {
  const Event event = event_with_aliases();
  CategoryMatcher m(event, nullptr, "agent");
  auto key = [&](std::string_view v) { return m.match(v).key; };
  auto how = [&](std::string_view v) { return m.match(v).how; };
  CHECK(key("ELU") == "elu");
  CHECK(key("élu·e") == "elu");
  CHECK(key("Élu.e.s") == "elu");
  CHECK(key("Élus") == "elu");
  CHECK(key("elu(e)s") == "elu");
  CHECK(key("Elected officials") == "elu");
  CHECK(key("Cargo electo") == "elu");  // Spanish label
  CHECK(key("MAIRE") == "elu");         // alias
  CHECK(key("Ministres") == "elu");     // alias, plural
  CHECK(how("Ministres") == CategoryHow::reading);
  CHECK(key("Agent territorial") == "agent");
  CHECK(key("Intervenant·es") == "intervenant");
  CHECK(key("Délégation de la ville de Séoul") == "delegation");
  CHECK(how("Délégation de la ville de Séoul") == CategoryHow::extends);
  CHECK(key("Presse - radio") == "presse");
  CHECK(key("exposants") == "exposant");
  CHECK(key("Organisation") == "organisation");
  CHECK(how("Ambassade partenaire") == CategoryHow::ambiguous);
  CHECK(key("Ambassade partenaire") == "agent");  // the fallback
  CHECK(m.match("Ambassade partenaire").candidates == std::vector<std::string>{"ambassade", "partenaire"});
  CHECK(how("Bénévole") == CategoryHow::unknown);
  CHECK(how("  ") == CategoryHow::empty);

  ColumnMapping mapping;
  mapping.categories[fold_key("Bénévole")] = "organisation";
  CategoryMatcher mapped(event, &mapping, "agent");
  CHECK(mapped.match("bénévole").key == "organisation");
  CHECK(mapped.match("bénévole").how == CategoryHow::mapping);
}

TEST_CASE("headers are read as exported: combined, numbered, questions, platforms", "[import][headers]") {
  auto field = [](std::string_view h) { return match_header(h).field; };
  CHECK(field("Organisme / Collectivité") == Field::organisation);
  CHECK(field("Organisme ou collectivité") == Field::organisation);
  CHECK(field("Fonction (Job title)") == Field::function);
  CHECK(field("Adresse email (Contact) (Relation)") == Field::email);
  CHECK(field("N°") == Field::external_ref);
  CHECK(field("#") == Field::external_ref);
  CHECK(field("No.") == Field::external_ref);
  CHECK(field("N° d'inscription") == Field::external_ref);
  CHECK(field("Numéro de billet") == Field::ticket_code);
  CHECK(field("Barcode #") == Field::ticket_code);
  CHECK(field("Attendee #") == Field::external_ref);
  CHECK(field("Quel est votre nom de famille ?") == Field::last_name);
  CHECK(field("Votre prénom") == Field::first_name);
  CHECK(field("Catégories") == Field::category);
  CHECK(field("Type de billet") == Field::category);
  CHECK(field("Ticket Type") == Field::category);
  CHECK(field("Horodateur") == Field::timestamp);
  CHECK(field("Nom Prénom") == Field::full_name);
  CHECK(match_header("Nom Prénom").last_name_first);
  CHECK(field("Nom / Prénom") == Field::full_name);
  CHECK(match_header("NOM / Prénom").last_name_first);
  CHECK_FALSE(match_header("Prénom et nom").last_name_first);
  CHECK(field("Attendee name: Family name") == Field::last_name);
  CHECK(match_header("Nom participant").rank == HeaderRank::attendee);
  CHECK(match_header("Email payeur").rank == HeaderRank::buyer);
  CHECK_FALSE(field("Souhaitez-vous recevoir la newsletter par e-mail ?"));
  CHECK(match_header("Order #").rank == HeaderRank::buyer);  // an order holds several tickets: never the reference
  CHECK_FALSE(choose_columns({"Order #", "Nom", "Code"}).by_field.contains(Field::external_ref));
  auto both = match_header("Pays / Fonction");
  CHECK_FALSE(both.field);
  CHECK_THAT(both.problem, Catch::Contains("could be"));
  // A buyer's column feeds a field only where the attendee's is missing, never the reference.
  ColumnChoice c = choose_columns({"Référence commande", "Nom payeur", "Nom participant", "Email payeur", "Code-barres"});
  CHECK(c.by_field.at(Field::last_name) == std::vector<std::size_t>{2});
  CHECK(c.by_field.at(Field::email) == std::vector<std::size_t>{3});
  CHECK_FALSE(c.by_field.contains(Field::external_ref));
}

TEST_CASE("the table of recognised headers is whole and agrees with itself", "[import][headers]") {
  auto md = read_file(ACCUEIL_SOURCE_DIR "/shared/intake/headers.md");
  REQUIRE(md);
  std::size_t rows = 0;
  for (std::size_t at = md->find("\n| "); at != std::string::npos; at = md->find("\n| ", at + 1)) ++rows;
  CHECK(known_headers().size() == rows - 2);  // every row but the title and rule rows names a field the code knows
  for (const KnownHeader& h : known_headers()) {
    INFO(h.header);
    CHECK(match_header(h.header).field == h.field);  // no two rows read alike with different fields
    CHECK_FALSE(h.source.empty());
  }
}

TEST_CASE("full names split on the family name as written", "[import][headers]") {
  using P = std::pair<std::string, std::string>;
  CHECK(split_full_name("DUPONT Jean", true) == P{"Jean", "DUPONT"});
  CHECK(split_full_name("Jean DUPONT", true) == P{"Jean", "DUPONT"});
  CHECK(split_full_name("Jean Pierre DE LA TOUR", false) == P{"Jean Pierre", "DE LA TOUR"});
  CHECK(split_full_name("Dupont Jean", true) == P{"Jean", "Dupont"});
  CHECK(split_full_name("Charles de Gaulle", false) == P{"Charles", "de Gaulle"});
  CHECK(split_full_name("Madonna", false) == P{"", "Madonna"});
}

TEST_CASE("a guest's language defaults from the country among the event's languages", "[import][language]") {
  CHECK(country_languages("CO").front() == "es");
  CHECK(country_languages("JP").front() == "ja");
  auto lb = country_languages("LB");
  CHECK(std::ranges::find(lb, "fr") != lb.end());
  Event event;
  Store store = memory_store();
  event = sample_event();
  REQUIRE(store.save_event(event));
  auto r = import_registrations(store, event,
                                "Ref;Nom;Catégorie;Pays;Langue\n1;A;elu;Colombie;\n2;B;elu;Liban;\n3;C;elu;Tunisie;\n"
                                "4;D;elu;Japon;\n5;E;elu;France;\n6;F;elu;Japon;espagnol\n7;G;elu;;\n",
                                "l.csv");
  REQUIRE(r);
  auto lang = [&](const char* ref) { return store.attendee_by_ref(ref).value()->language; };
  CHECK(lang("1") == "es");
  CHECK(lang("2") == "fr");
  CHECK(lang("3") == "fr");
  CHECK(lang("4") == "en");
  CHECK(lang("5") == "fr");
  CHECK(lang("6") == "es");  // the export says otherwise
  CHECK(lang("7") == "fr");  // no country: the event's first language
}

TEST_CASE("the event file lists aliases and a default category", "[event][categories]") {
  Event with_aliases = event_with_aliases();
  with_aliases.default_category.clear();  // the sample's own, replaced below
  std::string text = event_to_toml(with_aliases);
  CHECK_THAT(text, Catch::Contains("aliases"));
  auto parsed = parse_event("default_category = \"agent\"\n" + text, "e.toml");
  REQUIRE(parsed);
  CHECK(parsed->category("elu")->aliases == std::vector<std::string>{"Ministre", "Maire"});
  CHECK(parsed->default_category == "agent");
  auto round = parse_event(event_to_toml(*parsed), "again.toml");
  REQUIRE(round);
  CHECK(round->default_category == "agent");
  auto bad = parse_event("default_category = \"nope\"\n" + text, "e.toml");
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::Contains("default_category") && Catch::Contains("nope"));
  std::string plain = event_to_toml(sample_event());
  auto at = plain.find("[[categories]]\n");
  REQUIRE(at != std::string::npos);
  plain.insert(at + 15, "aliases = 3\n");
  auto bad_alias = parse_event(plain, "e.toml");
  REQUIRE_FALSE(bad_alias);
  CHECK_THAT(bad_alias.error().message, Catch::Contains("aliases") && Catch::Contains("list of texts"));
}
