# Test registration. Criterion is the unit-test runner; each suite is one executable.
#   tests/unit/test_*.c   one executable per file, label "unit"
#   tests/store/*.c       one executable, run once per backend (labels "store;sqlite|postgres")
#   tests/api/*.c         one executable driving the real `ifzo serve` over HTTP, label "api"
pkg_check_modules(CRITERION REQUIRED IMPORTED_TARGET criterion)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)

file(GLOB IFZO_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
foreach(src ${IFZO_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE ifzo_core PkgConfig::CRITERION)
  target_compile_definitions(${name} PRIVATE IFZO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME unit/${name} COMMAND ${name} --jobs 1)
  set_tests_properties(unit/${name} PROPERTIES LABELS unit)
endforeach()

file(GLOB IFZO_STORE_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/store/*.c)
if(IFZO_STORE_TESTS)
  add_executable(store_tests ${IFZO_STORE_TESTS} ${CMAKE_SOURCE_DIR}/tests/common/testdb.c)
  target_link_libraries(store_tests PRIVATE ifzo_store PkgConfig::CRITERION PkgConfig::PQ)
  target_include_directories(store_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/common)
  add_test(NAME store/sqlite COMMAND store_tests --jobs 1)
  set_tests_properties(store/sqlite PROPERTIES LABELS "store;sqlite"
                       ENVIRONMENT "IFZO_TEST_DB=sqlite")
  # The PostgreSQL run needs IFZO_TEST_PG (a libpq URL of a server the test may use).
  # Without it the test fails: a store suite that silently ran on one backend would lie.
  add_test(NAME store/postgres COMMAND store_tests --jobs 1)
  set_tests_properties(store/postgres PROPERTIES LABELS "store;postgres"
                       ENVIRONMENT "IFZO_TEST_DB=postgres")
endif()

file(GLOB IFZO_API_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/api/*.c)
if(IFZO_API_TESTS)
  add_executable(api_tests ${IFZO_API_TESTS} ${CMAKE_SOURCE_DIR}/tests/common/testdb.c)
  target_link_libraries(api_tests PRIVATE PkgConfig::CRITERION PkgConfig::CURL
                        PkgConfig::JANSSON PkgConfig::PQ Threads::Threads)
  target_include_directories(api_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/common
                             ${CMAKE_SOURCE_DIR}/tests/api)
  target_compile_definitions(api_tests PRIVATE IFZO_BIN="$<TARGET_FILE:ifzo>"
                             IFZO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_dependencies(api_tests ifzo)
  add_test(NAME api/sqlite COMMAND api_tests --jobs 1)
  set_tests_properties(api/sqlite PROPERTIES LABELS "api;sqlite" ENVIRONMENT "IFZO_TEST_DB=sqlite")
  add_test(NAME api/postgres COMMAND api_tests --jobs 1)
  set_tests_properties(api/postgres PROPERTIES LABELS "api;postgres"
                       ENVIRONMENT "IFZO_TEST_DB=postgres")
endif()

# tests/msg/*.c: the FZ message pipeline (parser hardening, XSD, technical rules, retours,
# idempotent resend), one executable run once per backend like the store suite, since the
# pipeline records processed messages in the store.
file(GLOB IFZO_MSG_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/msg/*.c)
if(IFZO_MSG_TESTS)
  add_executable(msg_tests ${IFZO_MSG_TESTS} ${CMAKE_SOURCE_DIR}/tests/common/testdb.c)
  target_link_libraries(msg_tests PRIVATE ifzo_msg PkgConfig::CRITERION PkgConfig::PQ)
  target_include_directories(msg_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/common)
  target_compile_definitions(msg_tests PRIVATE IFZO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME msg/sqlite COMMAND msg_tests --jobs 1)
  set_tests_properties(msg/sqlite PROPERTIES LABELS "msg;sqlite" ENVIRONMENT "IFZO_TEST_DB=sqlite")
  add_test(NAME msg/postgres COMMAND msg_tests --jobs 1)
  set_tests_properties(msg/postgres PROPERTIES LABELS "msg;postgres"
                       ENVIRONMENT "IFZO_TEST_DB=postgres")
endif()
