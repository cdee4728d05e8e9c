// LeakSanitizer suppressions for the asan preset. fontconfig, Pango, GLib,
// HarfBuzz and librsvg keep process-wide caches (type registrations, font
// caches, the language table) that they never free by design. Cairo 1.16
// leaks 768 bytes each time it subsets a CJK (CFF) font while finishing a
// PDF (a two-line C program with "山田" shows it); the stack holds no other
// name than cairo_surface_finish, which only the slow unwinder sees (the
// libraries have no frame pointers), hence __asan_default_options.
// libgettextpo copies the name of each .po file it reads (lex_start) and never
// frees it, whatever the caller does. Our own allocations are still checked.
extern "C" const char* __asan_default_options();
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }

extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libpango-1.0.so\n"
         "leak:libpangoft2-1.0.so\n"
         "leak:libpangocairo-1.0.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\n"
         "leak:librsvg-2.so\n"
         "leak:libharfbuzz.so\n"
         "leak:cairo_surface_finish\n"
         "leak:libgettextpo_lex_start\n";
}
