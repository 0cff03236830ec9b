# check-staging.cmake: run by cpack (CPACK_PRE_BUILD_SCRIPTS) on the
# staging directory, before the package is made.  A package that lacks what
# it must hold, or holds it in the wrong place or with the wrong mode, is
# refused.  Only CPACK_* variables are set here (see cmake/Packaging.cmake).

set(_root "${CPACK_TEMPORARY_DIRECTORY}")
set(_errors "")

macro(_pa_need path)
  if(NOT EXISTS "${_root}${path}")
    string(APPEND _errors "\n  missing: ${path}")
  endif()
endmacro()

set(_backend "${CPACK_PRINTAUDIT_SERVERBIN}/backend/printaudit")
_pa_need("${_backend}")
_pa_need("${CPACK_PRINTAUDIT_SERVERROOT}/printaudit.conf")
_pa_need("${CPACK_PRINTAUDIT_SBINDIR}/printaudit-wire")
_pa_need("${CPACK_PRINTAUDIT_MANDIR}/man8/printaudit.8.gz")
_pa_need("${CPACK_PRINTAUDIT_MANDIR}/man8/printaudit-wire.8.gz")
_pa_need("${CPACK_PRINTAUDIT_MANDIR}/man8/printaudit-notify.8.gz")
_pa_need("${CPACK_PRINTAUDIT_MANDIR}/man5/printaudit.conf.5.gz")
_pa_need("${CPACK_PRINTAUDIT_LOGROTATEDIR}/printaudit")
_pa_need("/usr/share/doc/printaudit/copyright")
_pa_need("/usr/share/doc/printaudit/changelog.gz")

# cupsd runs the backend as root by its mode: the platform's
# (PRINTAUDIT_BACKEND_MODE in CMakeLists.txt, 0744 on Linux).
string(REGEX REPLACE "^0" "" _want "${CPACK_PRINTAUDIT_BACKEND_MODE}")
if(EXISTS "${_root}${_backend}")
  execute_process(COMMAND stat -c %a "${_root}${_backend}"
                  OUTPUT_VARIABLE _mode OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _mode STREQUAL _want)
    string(APPEND _errors "\n  ${_backend} has mode ${_mode}, not ${_want}")
  endif()
endif()

# cupsd runs the notifier as lp: root-owned 0755 (0700 cannot be run; a
# group- or world-writable one makes cupsd 2.4.2 spin).
set(_notifier "${CPACK_PRINTAUDIT_SERVERBIN}/notifier/printaudit")
_pa_need("${_notifier}")
if(EXISTS "${_root}${_notifier}")
  execute_process(COMMAND stat -c %a "${_root}${_notifier}"
                  OUTPUT_VARIABLE _mode OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _mode STREQUAL "755")
    string(APPEND _errors "\n  ${_notifier} has mode ${_mode}, not 755")
  endif()
endif()

# Everything under /usr, not /usr/local; nothing staged twice (a DESTDIR
# put in front of an absolute destination that already held it).
if(EXISTS "${_root}/usr/local")
  file(GLOB_RECURSE _local RELATIVE "${_root}" "${_root}/usr/local/*")
  string(APPEND _errors "\n  under /usr/local: ${_local}")
endif()
if(EXISTS "${_root}${_root}")
  string(APPEND _errors "\n  staged twice: ${_root}${_root}")
endif()

if(NOT _errors STREQUAL "")
  message(FATAL_ERROR "printaudit package refused:${_errors}")
endif()
message(STATUS "printaudit package contents checked")
