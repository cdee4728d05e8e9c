// The "present" rule in SQL, for the store's own queries (the check-in that
// makes someone present): a check-in or walk-in counts unless an undo cancels
// it. The figures apply the same rule to the log in C++ (ArrivalLog in
// shared/domain/arrivals), because they fold it incrementally. Change one,
// change both: test_checkin and test_report/test_arrivals try the same cases
// (undo, walk-in) on each, but no test compares the two directly.
#pragma once

namespace accueil::sql_text {

// A condition on a check-in row named `c` (FROM checkins AS c).
inline constexpr const char* k_counts_as_present =
    "c.kind IN ('checkin', 'walkin') "
    "AND NOT EXISTS (SELECT 1 FROM checkins AS u WHERE u.kind = 'undo' AND u.undoes = c.uuid)";

}  // namespace accueil::sql_text
