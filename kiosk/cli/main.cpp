// accueilctl: the organiser's and the reception desk's command line.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>

#include <fmt/core.h>

#include "kiosk/cli/central_commands.hpp"
#include "kiosk/cli/commands.hpp"
#include "kiosk/cli/desk_commands.hpp"
#include "kiosk/cli/print_commands.hpp"
#include "kiosk/cli/setup_printer.hpp"
#include "shared/base/files.hpp"

int main(int argc, char** argv) {
  using namespace accueil::cli;
  CLI::App app{"accueilctl: prepare an event, import registrations, check people in, print reports"};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("accueilctl {} (assets {})", ACCUEIL_VERSION, accueil::assets_dir().string()));
  app.fallthrough();  // --db and --json may come after the command too
  Globals globals;
  const char* env_db = std::getenv("ACCUEIL_DB");
  globals.db = env_db && *env_db ? env_db : "accueil.db";
  app.add_option("--db", globals.db, "the store (default $ACCUEIL_DB, else ./accueil.db)");
  app.add_flag("--json", globals.json, "print one JSON document");

  InitOptions init;
  auto* init_cmd = app.add_subcommand("init", "create the store for an event, or update its event description");
  init_cmd->add_option("--event", init.event_file, "the event file (TOML)")->required();

  DemoDataOptions demo;
  auto* demo_cmd = app.add_subcommand("demo-data", "write a realistic registration export for trying things out");
  demo_cmd->add_option("--count", demo.count, "how many attendees")->check(CLI::Range(1, 1'000'000));
  demo_cmd->add_option("--seed", demo.seed, "the same seed gives the same list");
  demo_cmd->add_option("--out", demo.out, "the CSV file to write")->required();
  demo_cmd->add_option("--event", demo.event_file, "event file whose categories to use (default: the store's event)");

  ImportOptions import;
  auto* import_cmd = app.add_subcommand("import", "import a registration export (CSV); re-importing updates");
  import_cmd->add_option("file", import.file, "the CSV export")->required();
  import_cmd->add_option("--mapping", import.mapping, "a mapping file (TOML) for unrecognised headers");
  import_cmd->add_option("--category", import.category, "category for rows without one");
  import_cmd->add_flag("--dry-run", import.dry_run, "read and report (columns, categories, rejected rows), change nothing");
  import_cmd->add_option("--write-mapping", import.write_mapping, "write a mapping file (TOML) of what was read, to edit");
  import_cmd->add_flag("--cancel-missing", import.cancel_missing,
                       "the file is a full export: cancel earlier imported registrations it no longer lists");
  import_cmd->add_flag("--cancel-many", import.cancel_many,
                       "with --cancel-missing: allow cancelling more than half of the imported registrations");

  SearchOptions search;
  auto* search_cmd = app.add_subcommand("search", "find attendees by name, organisation or ticket code");
  search_cmd->add_option("query", search.query, "what to look for")->required();
  search_cmd->add_option("--limit", search.limit, "at most this many results")->check(CLI::Range(1, 10000));

  CheckinOptions checkin;
  auto* checkin_cmd = app.add_subcommand("checkin", "check someone in by ticket (signed or plain code) or id");
  checkin_cmd->add_option("code", checkin.code, "what the QR code holds, a ticket code, or an attendee id")->required();
  checkin_cmd->add_option("--day", checkin.day, "event day (default: today's)")->check(CLI::Range(1, 32));
  checkin_cmd->add_option("--kiosk", checkin.kiosk, "where (default $ACCUEIL_KIOSK, else the host name)");
  checkin_cmd->add_option("--operator", checkin.operator_name, "who, at a desk");

  UndoOptions undo;
  auto* undo_cmd = app.add_subcommand("undo", "cancel the check-in of an attendee (id, ticket code or reference)");
  undo_cmd->add_option("attendee", undo.attendee, "id, ticket code or reference")->required();
  undo_cmd->add_option("--day", undo.day, "event day (default: today's)")->check(CLI::Range(1, 32));
  undo_cmd->add_option("--kiosk", undo.kiosk, "where (default $ACCUEIL_KIOSK, else the host name)");
  undo_cmd->add_option("--operator", undo.operator_name, "who");
  undo_cmd->add_option("--reason", undo.reason, "why");

  TicketsOptions tickets;
  auto* tickets_cmd = app.add_subcommand("tickets", "write a signed QR ticket per attendee (PNG, SVG) and a mail-merge CSV");
  tickets_cmd->add_option("--out", tickets.out, "directory to write into")->required();
  tickets_cmd->add_option("--key", tickets.key, "the signing key (default $ACCUEIL_SIGNING_KEY, else ./accueil-signing.key)");

  ReportOptions report;
  auto* report_cmd = app.add_subcommand("report", "attendance figures per day and in total");
  report_cmd->add_option("--central", report.central, "over the central list (postgresql://...): every kiosk's check-ins");
  report_cmd->add_option("--event-id", report.event_id, "with --central: which event, when central holds several");
  report_cmd->add_option("--language", report.language, "language of labels and country names (default: the event's first)")
      ->check(CLI::IsMember({"fr", "en", "es"}));
  const auto a_file_name = [](const std::string& v) { return v.empty() ? std::string("an empty file name") : std::string(); };
  report_cmd->add_option("--pdf", report.pdf, "write the after-event report as a PDF (A4) to this file")
      ->check(a_file_name);
  report_cmd->add_option("--html", report.html, "write the after-event report as one self-contained HTML page to this file")
      ->check(a_file_name);

  BadgeOptions badge;
  auto* badge_cmd = app.add_subcommand("badge", "render one attendee's badge to a file (.pdf, .png, .pbm, .pgm)");
  badge_cmd->add_option("attendee", badge.attendee, "id, ticket code or reference")->required();
  badge_cmd->add_option("--template", badge.template_name, "badge template: a name in assets/badges or a file");
  badge_cmd->add_option("--out", badge.out, "the file to write; its extension chooses the format")->required();
  badge_cmd->add_option("--dpi", badge.dpi, "resolution of .png, .pbm and .pgm")->check(CLI::IsMember({203, 300, 600}));

  BadgesOptions badges;
  auto* badges_cmd = app.add_subcommand("badges", "lay many badges out on A4 sheets with crop marks (PDF)");
  badges_cmd->add_option("--category", badges.category, "only this category");
  badges_cmd->add_option("--day", badges.day, "only people registered for this day")->check(CLI::Range(1, 32));
  badges_cmd->add_flag("--vip", badges.vip, "only VIPs");
  badges_cmd->add_option("--template", badges.template_name, "badge template: a name in assets/badges or a file");
  badges_cmd->add_option("--out", badges.out, "the PDF to write")->required();

  KeygenOptions keygen;
  auto* keygen_cmd = app.add_subcommand("keygen", "create the ticket signing key pair (kept by the organiser)");
  keygen_cmd->add_option("--secret", keygen.secret, "where to write the secret key");
  keygen_cmd->add_option("--public", keygen.public_key, "where to write the public key");
  keygen_cmd->add_flag("--force", keygen.force, "replace an existing secret key");

  PrintersOptions printers;
  auto* printers_cmd = app.add_subcommand("printers", "list USB printers and CUPS queues, and the configured printers, with their state");
  printers_cmd->add_option("--printers", printers.printers_file, "the printers' configuration (default $ACCUEIL_PRINTERS, else ./printers.toml)");
  printers_cmd->add_flag("!--no-usb", printers.usb, "do not look on USB");
  printers_cmd->add_flag("!--no-cups", printers.cups, "do not ask CUPS");
  printers_cmd->add_option("--language", printers.language, "language of the sentences about printer trouble")->check(CLI::IsMember({"fr", "en", "es"}));

  SetupPrinterOptions setup_printer;
  auto* setup_printer_cmd = app.add_subcommand(
      "setup-printer", "make a printer ready for badges: a driverless CUPS queue with the badge's media as default and a "
                       "test label, or the label printer on USB; with --config, write its [[printers]] table");
  setup_printer_cmd->add_option("--cups", setup_printer.cups_queue, "the CUPS queue to make or set up");
  setup_printer_cmd->add_option("--device-uri", setup_printer.device_uri,
                                "--cups: where CUPS reaches the printer, ipp://HOST/ipp/print (lpinfo -v lists them); "
                                "without it the queue must exist");
  setup_printer_cmd->add_flag("--usb", setup_printer.usb, "the Brother QL or Zebra plugged in by USB");
  setup_printer_cmd->add_option("--serial", setup_printer.serial, "--usb: the printer with this serial number");
  setup_printer_cmd->add_option("--media", setup_printer.media,
                                "the labels: 62x100 (default; 102x152 for a Zebra), 62, 102x152, or a PWG media name for CUPS");
  setup_printer_cmd->add_option("--name", setup_printer.name, "its name in [[printers]] (default: badges)");
  setup_printer_cmd->add_option("--template", setup_printer.template_id, "its badge template (default: the media's)");
  setup_printer_cmd->add_option("--config", setup_printer.config,
                                "write the [[printers]] table into this kiosk.toml or printers.toml (same name: replaced)");
  setup_printer_cmd->add_flag("!--no-test-label", setup_printer.test_label, "--cups: do not print a test label");
  setup_printer_cmd->add_option("--timeout", setup_printer.timeout_s, "seconds to wait for the test label (default 60)")
      ->check(CLI::PositiveNumber);

  PrintOptions print;
  auto* print_cmd = app.add_subcommand("print", "print one badge and wait until it is printed (exit 0) or not (4, with why)");
  print_cmd->add_option("attendee", print.attendee, "id, ticket code or reference")->required();
  print_cmd->add_option("--printer", print.printer, "a printer of the printers' configuration")->required();
  print_cmd->add_option("--template", print.template_id, "badge template (default: the printer's)");
  print_cmd->add_option("--printers", print.printers_file, "the printers' configuration (default $ACCUEIL_PRINTERS, else ./printers.toml)");
  print_cmd->add_option("--reprint", print.reprint, "print a badge printed before; why (recorded in the check-in log)");
  print_cmd->add_option("--timeout", print.timeout_s, "seconds to wait for the printer (default 60)")->check(CLI::PositiveNumber);
  print_cmd->add_flag("--no-wait", print.no_wait, "queue it and return: the program running the print queue prints it");
  print_cmd->add_option("--day", print.day, "event day, for the check-in log of a reprint (default: today's)")->check(CLI::Range(1, 32));
  print_cmd->add_option("--kiosk", print.kiosk, "where (default $ACCUEIL_KIOSK, else the host name)");
  print_cmd->add_option("--operator", print.operator_name, "who, for a reprint");
  print_cmd->add_option("--language", print.language, "language of the sentences about printer trouble")->check(CLI::IsMember({"fr", "en", "es"}));
  print_cmd->add_option("--templates", print.templates_dir, "badge templates folder (default: the assets' badges)");

  PrintQueueCommandOptions print_queue;
  auto* print_queue_cmd = app.add_subcommand("print-queue", "list print requests; cancel some; print what is queued");
  print_queue_cmd->add_flag("--run", print_queue.run, "print what is queued for the configured printers, until nothing is");
  print_queue_cmd->add_option("--timeout", print_queue.timeout_s, "--run: give up after this many seconds (default 600)")->check(CLI::PositiveNumber);
  print_queue_cmd->add_option("--printers", print_queue.printers_file, "the printers' configuration (default $ACCUEIL_PRINTERS, else ./printers.toml)");
  print_queue_cmd->add_option("--templates", print_queue.templates_dir, "badge templates folder");
  print_queue_cmd->add_option("--cancel", print_queue.cancel, "cancel these requests (ids)");
  print_queue_cmd->add_option("--state", print_queue.state, "only requests in this state (queued, sending, printed, failed, cancelled, reception, handed)");
  print_queue_cmd->add_option("--limit", print_queue.limit, "at most this many of the newest")->check(CLI::Range(1, 100000));
  print_queue_cmd->add_option("--language", print_queue.language, "language of the sentences about printer trouble")->check(CLI::IsMember({"fr", "en", "es"}));

  ReceptionOptions reception;
  auto* reception_cmd = app.add_subcommand(
      "reception", "the reception list: badges not printed at their printer (a kiosk sent the attendee to reception, "
                   "or they waited too long), which print only when a person says so");
  reception_cmd->require_subcommand(0, 1);
  reception_cmd->add_option("--language", reception.language, "language of the sentences about printer trouble")->check(CLI::IsMember({"fr", "en", "es"}));
  auto* reception_list = reception_cmd->add_subcommand("list", "the badges waiting at reception (the default)");
  auto* reception_print = reception_cmd->add_subcommand("print", "print a badge of the list, on a printer you name");
  auto* reception_done = reception_cmd->add_subcommand("done", "say a badge of the list was handed over: it never prints");
  auto* reception_take = reception_cmd->add_subcommand("take", "put a queued badge on the reception list (a CUPS job waiting is cancelled)");
  for (auto* sub : {reception_print, reception_done, reception_take})
    sub->add_option("id", reception.id, "the print request (accueilctl reception list, print-queue)")->required();
  reception_print->add_option("--printer", reception.printer, "a printer of the printers' configuration")->required();
  reception_print->add_option("--printers", reception.printers_file, "the printers' configuration (default $ACCUEIL_PRINTERS, else ./printers.toml)");
  reception_print->add_option("--timeout", reception.timeout_s, "seconds to wait for the printer (default 60)")->check(CLI::PositiveNumber);
  reception_print->add_flag("--no-wait", reception.no_wait, "queue it and return: the program running the print queue prints it");
  reception_print->add_option("--templates", reception.templates_dir, "badge templates folder (default: the assets' badges)");
  for (auto* sub : {reception_print, reception_done, reception_take}) {
    sub->add_option("--operator", reception.operator_name, "who");
    sub->add_option("--reason", reception.reason, "why (recorded with the request)");
  }
  (void)reception_list;

  // The central list on PostgreSQL (kiosk/cli/central_commands.cpp).
  CentralInitOptions central_init;
  CentralImportOptions central_import;
  auto* central_cmd = app.add_subcommand("central", "the central registration list on PostgreSQL");
  central_cmd->require_subcommand(1);
  auto* central_init_cmd = central_cmd->add_subcommand("init", "create or migrate its schema and roles, record the event");
  central_init_cmd->add_option("--url,--central", central_init.url, "postgresql://... (default $ACCUEIL_CENTRAL)");
  central_init_cmd->add_option("--event", central_init.event_file, "the event file (TOML)");
  central_init_cmd->add_option("--organiser", central_init.organisers, "logins to make organisers (created without password when missing)");
  central_init_cmd->add_option("--kiosk", central_init.kiosks, "logins to make kiosks of this event");
  central_init_cmd->add_option("--viewer", central_init.viewers, "logins that may read the counts only");
  central_init_cmd->add_flag("--print-grants", central_init.print_grants, "show what each role may do");
  auto* central_import_cmd = central_cmd->add_subcommand("import", "import a registration export (CSV) into the central list");
  central_import_cmd->add_option("file", central_import.file, "the CSV export")->required();
  central_import_cmd->add_option("--url,--central", central_import.url, "postgresql://... (default $ACCUEIL_CENTRAL)");
  central_import_cmd->add_option("--event-id", central_import.event_id, "which event, when central holds several");
  central_import_cmd->add_option("--mapping", central_import.mapping, "a mapping file (TOML) for unrecognised headers");
  central_import_cmd->add_option("--category", central_import.category, "category for rows without one");
  central_import_cmd->add_flag("--dry-run", central_import.dry_run, "read and report, change nothing");
  central_import_cmd->add_flag("--cancel-missing", central_import.cancel_missing, "the file is a full export: cancel registrations it no longer lists");
  central_import_cmd->add_flag("--cancel-many", central_import.cancel_many, "with --cancel-missing: allow cancelling more than half of the imported registrations");
  CentralConflictsOptions central_conflicts;
  auto* central_conflicts_cmd = central_cmd->add_subcommand("conflicts", "people checked in twice for one day by kiosks cut off from each other");
  central_conflicts_cmd->add_option("--url,--central", central_conflicts.url, "postgresql://... (default $ACCUEIL_CENTRAL)");
  central_conflicts_cmd->add_option("--event-id", central_conflicts.event_id, "which event, when central holds several");
  SyncOptions sync;
  auto* sync_cmd = app.add_subcommand("sync", "push this store's outbox to the central list and pull the other kiosks' changes");
  sync_cmd->add_option("--central,--url", sync.url, "postgresql://... (default $ACCUEIL_CENTRAL)");
  sync_cmd->add_option("--kiosk", sync.kiosk, "this kiosk's name in heartbeats (default $ACCUEIL_KIOSK, else the host name)");
  sync_cmd->add_flag("--follow", sync.follow, "keep syncing (the kiosk's worker) until interrupted");
  WalkinOptions walkin;
  auto* walkin_cmd = app.add_subcommand("walkin", "register someone on site and check them in (the desk's walk-in)");
  walkin_cmd->add_option("--first-name", walkin.first_name, "first name");
  walkin_cmd->add_option("--last-name", walkin.last_name, "last name");
  walkin_cmd->add_option("--civility", walkin.civility, "civility");
  walkin_cmd->add_option("--organisation", walkin.organisation, "organisation");
  walkin_cmd->add_option("--function", walkin.function, "function");
  walkin_cmd->add_option("--country", walkin.country, "ISO 3166-1 alpha-2 code");
  walkin_cmd->add_option("--category", walkin.category, "one of the event's categories")->required();
  walkin_cmd->add_option("--email", walkin.email, "e-mail address");
  walkin_cmd->add_option("--language", walkin.language, "one of the event's languages");
  walkin_cmd->add_option("--day", walkin.day, "event day (default: today's)")->check(CLI::Range(1, 32));
  walkin_cmd->add_option("--kiosk", walkin.kiosk, "where (default $ACCUEIL_KIOSK, else the host name)");
  walkin_cmd->add_option("--operator", walkin.operator_name, "who")->required();
  walkin_cmd->add_flag("--anyway", walkin.anyway,
                       "register even when someone of that name or e-mail is already registered (the desk's \"not the same person\")");
  CorrectOptions correct;
  auto* correct_cmd = app.add_subcommand("correct", "correct an attendee's record (the desk's correction)");
  correct_cmd->add_option("attendee", correct.attendee, "id, ticket code or reference")->required();
  correct_cmd->add_option("--set", correct.set, "FIELD=VALUE, for each field to change")->required();
  correct_cmd->add_option("--day", correct.day, "event day the log records (default: today's)")->check(CLI::Range(1, 32));
  correct_cmd->add_option("--kiosk", correct.kiosk, "where (default $ACCUEIL_KIOSK, else the host name)");
  correct_cmd->add_option("--operator", correct.operator_name, "who")->required();
  StaffOptions staff;
  auto* staff_cmd = app.add_subcommand("staff", "who may open the reception desk: names, roles and PINs (kept as Argon2id hashes)");
  staff_cmd->require_subcommand(0, 1);
  auto* staff_add = staff_cmd->add_subcommand("add", "add a staff member; the PIN is asked without echo, or read from stdin");
  staff_add->add_option("name", staff.name, "the name shown on the PIN screen and in the log")->required();
  staff_add->add_option("--role", staff.role, "desk, or admin (may also quit the app and leave full screen)")->check(CLI::IsMember({"desk", "admin"}));
  staff_add->add_flag("--replace", staff.replace, "give an existing staff member a new PIN or role");
  auto* staff_remove = staff_cmd->add_subcommand("remove", "remove a staff member: their PIN no longer opens the desk");
  staff_remove->add_option("name", staff.name, "who")->required();
  auto* staff_list = staff_cmd->add_subcommand("list", "the staff (the default)");
  (void)staff_list;

  AuditOptions audit;
  auto* audit_cmd = app.add_subcommand("audit", "the log as staff left it: check-ins, undos, reprints, corrections, walk-ins, with who and where");
  audit_cmd->add_option("--operator", audit.operator_name, "only what this staff member did");
  audit_cmd->add_flag("--staff", audit.staff_only, "only desk actions (events with an operator)");
  audit_cmd->add_flag("--pins", audit.pins, "also every PIN typed at the desk and kiosks (never the PIN)");
  audit_cmd->add_option("--limit", audit.limit, "the newest this many events (default 200)")->check(CLI::Range(1, 1000000));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    if (*init_cmd) return run_init(globals, init);
    if (*demo_cmd) return run_demo_data(globals, demo);
    if (*import_cmd) return run_import(globals, import);
    if (*search_cmd) return run_search(globals, search);
    if (*checkin_cmd) return run_checkin(globals, checkin);
    if (*undo_cmd) return run_undo(globals, undo);
    if (*walkin_cmd) return run_walkin(globals, walkin);
    if (*correct_cmd) return run_correct(globals, correct);
    if (*tickets_cmd) return run_tickets(globals, tickets);
    if (*report_cmd) return run_report(globals, report);
    if (*keygen_cmd) return run_keygen(globals, keygen);
    if (*badge_cmd) return run_badge(globals, badge);
    if (*badges_cmd) return run_badges(globals, badges);
    if (*printers_cmd) return run_printers(globals, printers);
    if (*setup_printer_cmd) return run_setup_printer(globals, setup_printer);
    if (*print_cmd) return run_print(globals, print);
    if (*print_queue_cmd) return run_print_queue(globals, print_queue);
    if (*central_init_cmd) return run_central_init(globals, central_init);
    if (*central_import_cmd) return run_central_import(globals, central_import);
    if (*central_conflicts_cmd) return run_central_conflicts(globals, central_conflicts);
    if (*sync_cmd) return run_sync(globals, sync);
    if (*staff_cmd) {
      if (*staff_add) staff.action = "add";
      if (*staff_remove) staff.action = "remove";
      return run_staff(globals, staff);
    }
    if (*audit_cmd) return run_audit(globals, audit);
    if (*reception_cmd) {
      if (*reception_print) reception.action = "print";
      if (*reception_done) reception.action = "done";
      if (*reception_take) reception.action = "take";
      return run_reception(globals, reception);
    }
  } catch (const std::exception& e) {
    // Libraries report failures as values; this is the last line for what escaped (out of memory).
    fmt::print(stderr, "accueilctl: {}\n", e.what());
    return 1;
  }
  return 1;
}
