// LeakSanitizer suppressions for the asan preset: fontconfig, Pango, GLib and
// librsvg keep process-wide caches (type registrations, font caches, the
// language table) that they never free by design. Our own allocations are
// still checked.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libpango-1.0.so\n"
         "leak:libpangoft2-1.0.so\n"
         "leak:libpangocairo-1.0.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\n"
         "leak:librsvg-2.so\n"
         "leak:libharfbuzz.so\n";
}
