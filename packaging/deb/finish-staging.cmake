# finish-staging.cmake: run by cpack (CPACK_PRE_BUILD_SCRIPTS, before
# check-staging.cmake) on the staging directory of the Debian package.
# Adds what Debian Policy asks of a package and `cmake --install` does not
# install: the man pages gzip'd (Policy 12.1), /usr/share/doc/printaudit
# with the copyright file (12.5), the changelog and CHANGES.md gzip'd
# (12.7), and the lintian overrides, each justified in the file.  Only
# CPACK_* variables are set here (see cmake/Packaging.cmake).

set(_root "${CPACK_TEMPORARY_DIRECTORY}")

function(_pa_gzip src dst)		# gzip -9n: no name, no time stamp
  execute_process(COMMAND gzip -9nc "${src}" OUTPUT_FILE "${dst}" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "gzip ${src} failed")
  endif()
  file(CHMOD "${dst}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endfunction()

# Man pages: page.N -> page.N.gz
file(GLOB _pages "${_root}${CPACK_PRINTAUDIT_MANDIR}/man*/*.[0-9]")
foreach(_page IN LISTS _pages)
  _pa_gzip("${_page}" "${_page}.gz")
  file(REMOVE "${_page}")
endforeach()

set(_doc "${_root}/usr/share/doc/printaudit")
file(MAKE_DIRECTORY "${_doc}")
file(COPY_FILE "${CPACK_PRINTAUDIT_DEB_DIR}/copyright" "${_doc}/copyright")
file(CHMOD "${_doc}/copyright" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
_pa_gzip("${CPACK_PRINTAUDIT_DEB_CHANGELOG}" "${_doc}/changelog.gz")
if(EXISTS "${CPACK_PRINTAUDIT_TOP}/CHANGES.md")
  _pa_gzip("${CPACK_PRINTAUDIT_TOP}/CHANGES.md" "${_doc}/CHANGES.md.gz")
endif()

set(_overrides "${_root}/usr/share/lintian/overrides")
file(MAKE_DIRECTORY "${_overrides}")
file(COPY_FILE "${CPACK_PRINTAUDIT_DEB_DIR}/lintian-overrides" "${_overrides}/printaudit")
file(CHMOD "${_overrides}/printaudit" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# Directories 0755 whatever the umask of the build.
file(GLOB_RECURSE _dirs LIST_DIRECTORIES true "${_root}/*")
foreach(_d IN LISTS _dirs)
  if(IS_DIRECTORY "${_d}")
    file(CHMOD "${_d}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
         GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endif()
endforeach()
