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

# The backend's mode (PRINTAUDIT_BACKEND_MODE, set per platform in the
# top-level CMakeLists.txt: 0744 on Linux, 0700 on macOS), set after its
# install(TARGETS) rule in backend/, which installs it 0700.
install(CODE "
  set(_backend \"\$ENV{DESTDIR}${PRINTAUDIT_SERVERBIN}/backend/printaudit\")
  execute_process(COMMAND chmod ${PRINTAUDIT_BACKEND_MODE} \"\${_backend}\" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR \"cannot chmod ${PRINTAUDIT_BACKEND_MODE} \${_backend}\")
  endif()
")

# logrotate: rotate the JsonLog (/var/log/cups/printaudit.jsonl) by
# renaming it and creating a new one 0640 root:adm.  Linux only; installed
# once, never over an existing (edited) one.
set(PRINTAUDIT_LOGROTATEDIR "/etc/logrotate.d" CACHE PATH "logrotate's configuration directory")
if(NOT APPLE)
  install(CODE "
    set(_lr \"\$ENV{DESTDIR}${PRINTAUDIT_LOGROTATEDIR}/printaudit\")
    if(EXISTS \"\${_lr}\")
      message(STATUS \"Keeping existing: \${_lr}\")
    else()
      file(INSTALL \"${_pa_top}/packaging/logrotate/printaudit\"
           DESTINATION \"${PRINTAUDIT_LOGROTATEDIR}\"
           FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    endif()
  ")
endif()

# The optional AppArmor profile, for hardened cupsd policies
# (docs/PLATFORMS.md): shipped as an example, never loaded by installing.
install(FILES ${_pa_top}/packaging/apparmor/usr.lib.cups.backend.printaudit
        DESTINATION ${CMAKE_INSTALL_DATADIR}/printaudit)
