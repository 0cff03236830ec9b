# Packaging.cmake: the Debian package, built with CPack.
#
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRINTAUDIT_TESTS=OFF
#   cmake --build build
#   (cd build && cpack -G DEB)        # build/printaudit_<version>_<arch>.deb
#
# The package installs under /usr whatever CMAKE_INSTALL_PREFIX the build
# was configured with (CPACK_PACKAGING_INSTALL_PREFIX): the backend as
# <serverbin>/backend/printaudit (/usr/lib/cups/backend/printaudit, root,
# 0700), the configuration as the conffile <serverroot>/printaudit.conf
# (/etc/cups/printaudit.conf), printaudit-wire in /usr/sbin, the schemas in
# /usr/share/printaudit, the man pages, and the notifier as
# <serverbin>/notifier/printaudit (root, 0755).  Its prerm unwires every
# printer and cancels the notifier's subscription before either goes
# (packaging/deb/prerm.in); its postinst gives printers wired by an older
# version that subscription (packaging/deb/postinst.in).  Its dependencies are
# those of its binaries (dpkg-shlibdeps: libc6; libjansson4 only when a
# binary links jansson dynamically) plus the CUPS programs the backend and
# printaudit-wire need.  Included at the end of the top-level CMakeLists.txt.

set(_pa_pkg_prefix /usr)
set(_pa_pkg_dir ${CMAKE_CURRENT_LIST_DIR}/../packaging/deb)
get_filename_component(_pa_pkg_dir "${_pa_pkg_dir}" ABSOLUTE)

if(NOT PRINTAUDIT_SANITIZE STREQUAL "")
  message(WARNING "PRINTAUDIT_SANITIZE=${PRINTAUDIT_SANITIZE}: a package of this build is for testing only")
endif()

# The package's Maintainer (and the changelog's): set it to the real one
# when building a package to distribute.
set(PRINTAUDIT_PKG_MAINTAINER "printaudit maintainers <maintainers@printaudit.example>"
    CACHE STRING "Maintainer of the Debian package: Name <address>")
# The JsonLog the postinst creates 0640 root:adm (conf/printaudit.conf's,
# packaging/logrotate/printaudit's).
set(PRINTAUDIT_PKG_JSONLOG /var/log/cups/printaudit.jsonl)

# Maintainer scripts, the conffile list and the changelog, with this
# build's paths.  The changelog's date: SOURCE_DATE_EPOCH when set.
set(PRINTAUDIT_PKG_WIRE ${_pa_pkg_prefix}/${CMAKE_INSTALL_SBINDIR}/printaudit-wire)
set(PRINTAUDIT_DEB_VERSION ${PROJECT_VERSION})
string(TIMESTAMP PRINTAUDIT_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(_pa_pkg_out ${CMAKE_BINARY_DIR}/packaging/deb)
foreach(_script prerm postinst)
  configure_file(${_pa_pkg_dir}/${_script}.in ${_pa_pkg_out}/${_script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
                                  GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
configure_file(${_pa_pkg_dir}/conffiles.in ${_pa_pkg_out}/conffiles @ONLY)
configure_file(${_pa_pkg_dir}/changelog.in ${_pa_pkg_out}/changelog @ONLY)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME printaudit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR printaudit)
set(CPACK_PACKAGE_CONTACT "${PRINTAUDIT_PKG_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "audit record of every print job, at the CUPS backend layer")
set(CPACK_PACKAGE_DESCRIPTION "printaudit is a CUPS backend that writes one structured JSON audit record
per print job (who printed what, from which application, to which printer,
with which options) to syslog and/or a JSON Lines file, then runs the
printer's real backend. printaudit-wire routes printers through it.")
set(CPACK_PACKAGING_INSTALL_PREFIX ${_pa_pkg_prefix})
set(CPACK_STRIP_FILES TRUE)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# cupsd runs the backend; lpstat and lpadmin (cups-client) and ipptool
# (cups-ipp-utils, for printer-config-change-time) run printaudit-wire.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "cups-daemon, cups-client, cups-ipp-utils")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${_pa_pkg_out}/conffiles ${_pa_pkg_out}/prerm
    ${_pa_pkg_out}/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

# Refuse to build a package that lacks what it must hold (run by cpack on
# the staging directory, before the package is made).
# Only CPACK_* variables reach it.
set(CPACK_PRINTAUDIT_SERVERBIN ${PRINTAUDIT_SERVERBIN})
set(CPACK_PRINTAUDIT_SERVERROOT ${PRINTAUDIT_SERVERROOT})
set(CPACK_PRINTAUDIT_SBINDIR ${_pa_pkg_prefix}/${CMAKE_INSTALL_SBINDIR})
set(CPACK_PRINTAUDIT_MANDIR ${_pa_pkg_prefix}/${CMAKE_INSTALL_MANDIR})
set(CPACK_PRINTAUDIT_BACKEND_MODE ${PRINTAUDIT_BACKEND_MODE})
set(CPACK_PRINTAUDIT_LOGROTATEDIR ${PRINTAUDIT_LOGROTATEDIR})
set(CPACK_PRINTAUDIT_DEB_DIR ${_pa_pkg_dir})
set(CPACK_PRINTAUDIT_DEB_CHANGELOG ${_pa_pkg_out}/changelog)
get_filename_component(CPACK_PRINTAUDIT_TOP "${_pa_pkg_dir}/../.." ABSOLUTE)
set(CPACK_PRE_BUILD_SCRIPTS ${_pa_pkg_dir}/finish-staging.cmake ${_pa_pkg_dir}/check-staging.cmake)

include(CPack)
