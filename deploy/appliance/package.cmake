# The kiosk appliance as a Debian package (CPack DEB):
#   cmake --build build --target package    ->  build/accueil_VERSION_ARCH.deb
# It installs the programs, their assets (found by shared/base/files.cpp's
# assets_dir() at /usr/share/accueil/assets, beside /usr/bin), the systemd
# units, udev rules, PAM service and /etc/accueil/ configuration of this
# folder; its postinst makes the `accueil` user and /var/lib/accueil.
# Included from the top CMakeLists.txt (CPack must be included there).

set(appliance ${CMAKE_CURRENT_LIST_DIR})

install(TARGETS accueil accueilctl RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/accueil/assets)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${appliance}/debian/copyright DESTINATION share/doc/accueil)
# Debian wants the changelog gzipped without a timestamp (reproducible).
configure_file(${appliance}/debian/changelog.in ${CMAKE_BINARY_DIR}/appliance/changelog @ONLY)
execute_process(COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/appliance/changelog)
install(FILES ${CMAKE_BINARY_DIR}/appliance/changelog.gz DESTINATION share/doc/accueil)

# System paths are absolute: /etc, and /lib for systemd and udev as Debian 12
# (bookworm) places them.
install(FILES ${appliance}/kiosk.toml ${appliance}/sync.env DESTINATION /etc/accueil)
install(FILES ${appliance}/pam-accueil-kiosk DESTINATION /etc/pam.d RENAME accueil-kiosk)
install(FILES ${appliance}/systemd/accueil-kiosk.service ${appliance}/systemd/accueil-desk.service
              ${appliance}/systemd/accueil-dashboard.service ${appliance}/systemd/accueil-sync.service
        DESTINATION /lib/systemd/system)
install(FILES ${appliance}/logind-accueil.conf DESTINATION lib/systemd/logind.conf.d RENAME accueil.conf)
install(FILES ${appliance}/sleep-accueil.conf DESTINATION lib/systemd/sleep.conf.d RENAME accueil.conf)
install(FILES ${appliance}/sysctl-accueil.conf DESTINATION lib/sysctl.d RENAME 60-accueil.conf)
install(FILES ${appliance}/udev/70-accueil.rules DESTINATION /lib/udev/rules.d)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME accueil)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Accueil maintainers <maintainers@accueil.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "conference check-in kiosk with badge printing")
# The long description: CPack puts the summary first and indents each line;
# an empty line becomes the " ." of a new paragraph.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Accueil checks conference attendees in at the venue entrance: they scan the
QR code of their registration or find their name on a touch keyboard, and
their badge prints on a label printer (Brother QL, Zebra, or any CUPS queue).
Each kiosk works offline on its own SQLite store and syncs with a central
PostgreSQL list when it can.

This package makes a terminal an appliance: the kiosk (or the reception desk,
or the organisers' dashboard) starts full screen under the cage compositor as
the unprivileged accueil user, restarts after a crash, and can open the label
printers and serial scanners without root.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Library dependencies from the binaries (dpkg-shlibdeps), and the programs
# and data the appliance runs with.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, cage, cups-client, fonts-noto-core, fonts-noto-ui-core, fonts-noto-cjk, libpam-systemd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cups, cups-ipp-utils, udev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${appliance}/debian/postinst ${appliance}/debian/postrm ${appliance}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
