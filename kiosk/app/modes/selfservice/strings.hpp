// Every text the kiosk shows, in English: the msgids of the translation
// catalogs in assets/i18n/ (fr.po, es.po). {name} marks a value filled in at
// run time; translations must keep the same marks. `all` lists them for the
// test that checks each catalog is complete.
#pragma once

#include <string_view>

namespace accueil::kiosk::text {

// Welcome
inline constexpr std::string_view scan_title = "Scan the QR code of your registration";
inline constexpr std::string_view scan_hint = "Hold your phone or your printed ticket under the scanner.";
inline constexpr std::string_view no_qr_code = "No QR code?";
inline constexpr std::string_view find_my_name = "Find my name";
// Find my name
inline constexpr std::string_view type_your_name = "Type the first letters of your last name";
inline constexpr std::string_view keep_typing = "Keep typing: names appear after two letters.";
inline constexpr std::string_view nobody_found = "Nobody found. Check the spelling, or go to reception.";
inline constexpr std::string_view back = "Back";
inline constexpr std::string_view key_delete = "Delete";
inline constexpr std::string_view key_clear = "Clear";
inline constexpr std::string_view key_space = "Space";
// Is this you?
inline constexpr std::string_view is_this_you = "Is this you?";
inline constexpr std::string_view yes_its_me = "Yes, that's me";
inline constexpr std::string_view no_not_me = "No";
// Checking and printing
inline constexpr std::string_view one_moment = "One moment…";
inline constexpr std::string_view welcome_name = "Welcome, {name}!";
inline constexpr std::string_view print_waiting = "Your badge is about to be printed…";
inline constexpr std::string_view print_queued = "Your badge is waiting for the printer…";
inline constexpr std::string_view print_printing = "Your badge is being printed…";
inline constexpr std::string_view print_done = "Your badge is ready: take it from the printer.";
inline constexpr std::string_view next_person_waiting = "The next person can scan as soon as this badge is out.";
// Done
inline constexpr std::string_view enjoy = "Enjoy the event!";
// Refusals
inline constexpr std::string_view already_title = "You are already checked in";
inline constexpr std::string_view already_body =
    "You checked in today at {time} ({kiosk}). If you have lost your badge, reception will print a new one.";
inline constexpr std::string_view not_today_title = "You are not registered for today";
inline constexpr std::string_view not_today_body = "Your registration is for {days}. Please go to reception.";
inline constexpr std::string_view cancelled_title = "Your registration was cancelled";
inline constexpr std::string_view cancelled_body = "Please go to reception.";
inline constexpr std::string_view unknown_title = "We could not find your registration";
inline constexpr std::string_view unknown_body = "Please go to reception with your confirmation e-mail.";
inline constexpr std::string_view invalid_title = "This QR code is not valid";
inline constexpr std::string_view invalid_body = "It may be damaged or altered. Please go to reception.";
inline constexpr std::string_view other_event_title = "This ticket is for another event";
inline constexpr std::string_view other_event_body = "Please check your ticket, or go to reception.";
inline constexpr std::string_view superseded_title = "This badge was replaced";
inline constexpr std::string_view superseded_body = "A newer badge was printed for you. Please use it, or go to reception.";
inline constexpr std::string_view see_desk_body = "Please go to reception: the team would like a word with you, and will give you your badge.";
inline constexpr std::string_view failed_title = "Something went wrong";
inline constexpr std::string_view failed_body = "Please go to reception: they will check you in.";
inline constexpr std::string_view ok = "OK";
// Printer trouble
inline constexpr std::string_view trouble_title = "You are checked in";
inline constexpr std::string_view trouble_body = "Your badge will be handed to you at reception.";
inline constexpr std::string_view out_of_order_title = "Out of order";
inline constexpr std::string_view out_of_order_body = "Please use the next kiosk.";
inline constexpr std::string_view out_of_order_scanned =
    "Your code was read, but this kiosk cannot print badges now. You are not checked in yet: please use the next kiosk, or go to reception.";
// Rehearsal, closed days, privacy after a name search
inline constexpr std::string_view rehearsal_banner = "REHEARSAL — day {day}";
inline constexpr std::string_view closed_title = "No check-in today";
inline constexpr std::string_view closed_opens = "Check-in opens on {date}.";
inline constexpr std::string_view closed_over = "The event is over. Thank you for coming!";
inline constexpr std::string_view closed_help = "Reception can help you.";
inline constexpr std::string_view see_reception_title = "Please see reception";
inline constexpr std::string_view see_reception_body = "We cannot check you in at this kiosk. Reception will help you.";
inline constexpr std::string_view verify_email = "To print your badge, type the first {count} letters of your e-mail address";
inline constexpr std::string_view verify_organisation = "To print your badge, type the first {count} letters of your organisation";
inline constexpr std::string_view verify_wrong = "That does not match. Try again, or go to reception.";
inline constexpr std::string_view verify_continue = "Continue";
// First start with a central list
inline constexpr std::string_view list_loading_title = "Loading the list of registered people…";
inline constexpr std::string_view list_loading_body = "Check-in opens in a moment.";

inline constexpr std::string_view all[] = {
    scan_title, scan_hint, no_qr_code, find_my_name, type_your_name, keep_typing, nobody_found, back, key_delete,
    key_clear, key_space, is_this_you, yes_its_me, no_not_me, one_moment, welcome_name, print_waiting, print_queued,
    print_printing, print_done, next_person_waiting, enjoy, already_title, already_body, not_today_title,
    not_today_body, cancelled_title, cancelled_body, unknown_title, unknown_body, invalid_title, invalid_body,
    other_event_title, other_event_body, superseded_title, superseded_body, see_desk_body, failed_title, failed_body, ok, trouble_title, trouble_body,
    out_of_order_title, out_of_order_body, out_of_order_scanned, rehearsal_banner, closed_title, closed_opens, closed_over, closed_help,
    see_reception_title, see_reception_body, verify_email, verify_organisation, verify_wrong, verify_continue,
    list_loading_title, list_loading_body,
};

}  // namespace accueil::kiosk::text
