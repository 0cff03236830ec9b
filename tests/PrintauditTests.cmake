# printaudit_script_test(): how every shell (or Python) test is registered,
# by tests/{e2e,hostile,fleet,wire,notify}/ (through tests/CMakeLists.txt)
# and tests/report/ (through tools/report/CMakeLists.txt, which is read
# first: hence a file of its own that both include).
#
#   printaudit_script_test(<test-name> <script> [ARGS arg...]
#                          [TIMEOUT seconds] [RUN_SERIAL] [SKIP_RETURN_CODE code]
#                          [LABELS label...] [ENVIRONMENT VAR=VALUE...])
#
# <script> is relative to the calling directory; a .py script is run by
# /usr/bin/python3, any other by bash.  Every test gets PRINTAUDIT_BIN (the
# shim) and PRINTAUDIT_SOURCE_DIR in its environment, besides ENVIRONMENT's.
# RUN_SERIAL for the tests that start daemons or use fixed resources.
# Every test is labelled with its suite, the name of the calling directory
# (e2e, hostile, fleet, wire, notify, report: "ctest -L fleet"), and with
# LABELS besides; exit status 77 means skipped (a tool the test needs is
# missing: the harness's e2e_skip), unless SKIP_RETURN_CODE says another.
include_guard(GLOBAL)

function(printaudit_script_test name script)
  cmake_parse_arguments(PARSE_ARGV 2 _t "RUN_SERIAL" "TIMEOUT;SKIP_RETURN_CODE"
                        "ARGS;LABELS;ENVIRONMENT")
  if(_t_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "printaudit_script_test(${name}): unknown ${_t_UNPARSED_ARGUMENTS}")
  endif()
  if(script MATCHES "\\.py$")
    set(_interp /usr/bin/python3)
  else()
    set(_interp bash)
  endif()
  add_test(NAME ${name}
           COMMAND ${_interp} ${CMAKE_CURRENT_SOURCE_DIR}/${script} ${_t_ARGS})
  set(_env "PRINTAUDIT_BIN=$<TARGET_FILE:printaudit>"
           "PRINTAUDIT_SOURCE_DIR=${PROJECT_SOURCE_DIR}" ${_t_ENVIRONMENT})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${_env}")
  if(_t_TIMEOUT)
    set_tests_properties(${name} PROPERTIES TIMEOUT ${_t_TIMEOUT})
  endif()
  if(_t_RUN_SERIAL)
    set_tests_properties(${name} PROPERTIES RUN_SERIAL TRUE)
  endif()
  if(NOT _t_SKIP_RETURN_CODE)
    set(_t_SKIP_RETURN_CODE 77)
  endif()
  get_filename_component(_suite ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  set(_labels ${_suite} ${_t_LABELS})
  list(REMOVE_DUPLICATES _labels)
  set_tests_properties(${name} PROPERTIES
    SKIP_RETURN_CODE ${_t_SKIP_RETURN_CODE}
    LABELS "${_labels}")
endfunction()

# printaudit_check_test(): how every C test program (Check, with the helpers
# of tests/unit/unit.h) is built and registered, by tests/unit/ and
# tests/report/.
#
#   printaudit_check_test(<test-name> <source.c> [TARGET name] [LIB library]
#                         [LIBS lib...] [LINK_OPTIONS opt...] [ARGS arg...]
#                         [SKIP_RETURN_CODE code])
#
# TARGET is the program (default: the source's name without ".c"; a second
# test of the same program names it and gives ARGS).  LIB is what it tests
# (default printaudit_lib).  Every such test is labelled "unit", has 600 s
# and PRINTAUDIT_TEST_DATA (tests/data) in its environment.
find_package(PkgConfig REQUIRED)
pkg_check_modules(PA_CHECK REQUIRED IMPORTED_TARGET GLOBAL check)

function(printaudit_check_test name source)
  cmake_parse_arguments(PARSE_ARGV 2 _t "" "TARGET;LIB;SKIP_RETURN_CODE"
                        "LIBS;LINK_OPTIONS;ARGS")
  if(_t_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "printaudit_check_test(${name}): unknown ${_t_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT _t_TARGET)
    get_filename_component(_t_TARGET ${source} NAME_WE)
  endif()
  if(NOT _t_LIB)
    set(_t_LIB printaudit_lib)
  endif()
  if(NOT TARGET ${_t_TARGET})
    add_executable(${_t_TARGET} ${source} ${PROJECT_SOURCE_DIR}/tests/unit/unit.h)
    target_include_directories(${_t_TARGET} PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit)
    target_link_libraries(${_t_TARGET} PRIVATE
      ${_t_LIB} printaudit_flags PkgConfig::PA_CHECK ${_t_LIBS})
    if(_t_LINK_OPTIONS)
      target_link_options(${_t_TARGET} PRIVATE ${_t_LINK_OPTIONS})
    endif()
  endif()
  add_test(NAME ${name} COMMAND ${_t_TARGET} ${_t_ARGS})
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "PRINTAUDIT_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data"
    LABELS unit
    TIMEOUT 600)
  if(_t_SKIP_RETURN_CODE)
    set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE ${_t_SKIP_RETURN_CODE})
  endif()
endfunction()
