// Importing registration exports into the store.
//
// Two phases: plan_import() reads the file into attendees and rejected rows
// without touching the store; apply_import() upserts them by external
// reference (or by ticket code, for a file without references). A column the
// file does not have leaves that field of existing attendees alone; new
// attendees get its default. Importing the same file twice changes nothing; a
// file that cannot be read changes nothing.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/intake/columns.hpp"
#include "shared/intake/csv.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"

namespace accueil {

struct RowIssue {
  std::size_t line = 0;
  std::string field;   // the column's header as written in the file, or the field name
  std::string reason;
};

// One distinct category value of a file and how it was read.
struct CategoryValue {
  std::string value;  // as written (cleaned); empty for rows without one
  CategoryMatch match;
  std::size_t rows = 0;
  std::size_t first_line = 0;
};

struct ImportPlan {
  std::string encoding;
  char separator = ',';
  std::vector<std::pair<Field, std::string>> columns;  // what each recognised header feeds
  std::set<Field> fields;                              // the fields the file gives (its columns)
  std::vector<std::string> ignored_columns;            // headers that feed nothing
  std::vector<std::string> column_problems;            // headers left unused, and why
  bool email_is_reference = false;                     // no reference column: the e-mail is the reference
  // Categories: every distinct value with how it was read, and the category
  // given to rows whose value is not one (flagged: their lines).
  std::vector<CategoryValue> categories;
  std::string fallback_category;
  std::set<std::size_t> fallback_lines;
  std::vector<std::pair<std::size_t, Attendee>> rows;  // line, attendee (id not yet assigned)
  // The reference (or, without a reference column, the ticket code) of every
  // data row, rejected ones included: who is still in the file.
  std::set<std::string> keys;
  std::vector<RowIssue> rejected;
  std::vector<RowIssue> warnings;  // accepted rows where a value was defaulted
};

struct ImportOptions {
  const ColumnMapping* mapping = nullptr;
  std::string default_category;  // for files with no category column
};

// Reads `bytes` (a registration export). Fails, changing nothing, when the file
// cannot be read as a whole: not text, no header, no name column.
Result<ImportPlan> plan_import(std::string_view bytes, std::string_view origin, const Event& event,
                               const ImportOptions& options = {});

// An attendee of an earlier import that the file no longer lists.
struct MissingRow {
  std::string external_ref;
  std::string ticket_code;
  std::string name;
};

struct ImportReport {
  std::string encoding;
  char separator = ',';
  std::vector<std::pair<Field, std::string>> columns;
  std::vector<std::string> ignored_columns;
  std::vector<std::string> column_problems;
  bool email_is_reference = false;
  std::vector<CategoryValue> categories;
  std::string fallback_category;
  std::size_t fallback_new = 0;   // new registrations given the fallback category
  std::size_t fallback_kept = 0;  // known registrations whose category was kept, their value not being one
  std::size_t rows = 0;  // data rows read
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t cancelled = 0;  // missing rows cancelled (ApplyOptions::cancel_missing)
  std::vector<RowIssue> rejected;
  std::vector<RowIssue> warnings;
  // Active registrations from earlier imports that are not in the file: in a
  // full export, people whose registration was withdrawn on the platform.
  std::vector<MissingRow> missing;
};

struct ApplyOptions {
  bool dry_run = false;         // decide and report everything, write nothing
  bool cancel_missing = false;  // cancel the missing rows (refused when rows were rejected)
  bool cancel_many = false;     // ... even more than half of the imported registrations (refused otherwise)
};

// A mapping file for the columns and category values of `report`, ready to
// edit: every header with the field it feeds (or "ignore"), every category
// value with its category (the unknown ones commented, for the organiser to
// choose), the defaults. parse_mapping() reads it back.
std::string mapping_file_for(const ImportReport& report, const Event& event);

// Applies a plan. Nothing is written when it fails: all the plan, or none.
Result<ImportReport> apply_import(Store& store, ImportPlan plan, const ApplyOptions& apply = {});

// plan_import + apply_import.
Result<ImportReport> import_registrations(Store& store, const Event& event, std::string_view bytes,
                                          std::string_view origin, const ImportOptions& options = {},
                                          const ApplyOptions& apply = {});

}  // namespace accueil
