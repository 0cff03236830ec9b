# Install-extra.cmake: what `cmake --install` adds beside the backend, the
# configuration and the schemas: printaudit-wire, the man pages, and an
# `uninstall` target.  Included at the end of the top-level CMakeLists.txt
# (after every other install rule and add_subdirectory).

get_filename_component(_pa_top "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

# printaudit-wire(8): wires printers through the backend, and back.
install(PROGRAMS ${_pa_top}/scripts/printaudit-wire
        DESTINATION ${CMAKE_INSTALL_SBINDIR})

# Man pages.
install(FILES ${_pa_top}/man/printaudit.8 ${_pa_top}/man/printaudit-wire.8
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES ${_pa_top}/man/printaudit.conf.5
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
# printaudit-report(1) belongs to the report tool, whose own CMakeLists.txt
# installs it with the command; install it here only when that tool is not
# built.
if(EXISTS ${_pa_top}/man/printaudit-report.1 AND NOT TARGET printaudit-report)
  install(FILES ${_pa_top}/man/printaudit-report.1
          DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# `cmake --build BUILD --target uninstall`: unwire every printer
# (printaudit-wire --undo --all, or --offline when cupsd is stopped), then
# remove every file listed in BUILD/install_manifest.txt, keeping
# printaudit.conf (to remove it too, run scripts/printaudit-uninstall
# --purge --conf <serverroot>/printaudit.conf BUILD).  DESTDIR, CUPS_SERVER and PRINTAUDIT_SERVERROOT are taken
# from the environment.  See scripts/printaudit-uninstall.
if(NOT TARGET uninstall)
  add_custom_target(uninstall
    COMMAND sh ${_pa_top}/scripts/printaudit-uninstall
            --conf ${PRINTAUDIT_SERVERROOT}/printaudit.conf
            ${CMAKE_BINARY_DIR}/install_manifest.txt
    COMMENT "Unwiring every printer, then removing the installed files"
    USES_TERMINAL
    VERBATIM)
endif()
