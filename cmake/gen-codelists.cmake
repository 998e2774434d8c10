# Code lists: data/codelists/*.tsv (the one source of truth) are compiled into
# ${IFZO_GEN_DIR}/codelists_gen.c by the host tool tools/gen_codelists.c, which rejects bad
# data with FILE:LINE messages and so fails the build. Included from CMakeLists.txt (parent
# scope), so the variables set here are visible there.
file(GLOB IFZO_CODELIST_DATA CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/codelists/*.tsv)

add_executable(gen_codelists ${CMAKE_SOURCE_DIR}/tools/gen_codelists.c)

add_custom_command(
  OUTPUT ${IFZO_GEN_DIR}/codelists_gen.c
  COMMAND gen_codelists ${CMAKE_SOURCE_DIR}/data/codelists ${IFZO_GEN_DIR}/codelists_gen.c
  DEPENDS gen_codelists ${IFZO_CODELIST_DATA}
  COMMENT "Generating code lists from data/codelists"
  VERBATIM)
list(APPEND IFZO_CORE_GENERATED ${IFZO_GEN_DIR}/codelists_gen.c)

# The generator must refuse bad data: one test per directory under
# tests/fixtures/codelists_bad/, each holding an index.tsv, the list files and a file
# "expect" with a regular expression the error message must match.
if(IFZO_TESTS)
  file(GLOB IFZO_CODELIST_BAD_CASES LIST_DIRECTORIES true
       ${CMAKE_SOURCE_DIR}/tests/fixtures/codelists_bad/*)
  foreach(ifzo_case_dir ${IFZO_CODELIST_BAD_CASES})
    if(IS_DIRECTORY ${ifzo_case_dir})
      get_filename_component(ifzo_case ${ifzo_case_dir} NAME)
      add_test(NAME gen/codelists_bad/${ifzo_case}
               COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:gen_codelists>
                       -DCASE_DIR=${ifzo_case_dir}
                       -DOUT=${CMAKE_BINARY_DIR}/codelists_bad_${ifzo_case}.c
                       -P ${CMAKE_SOURCE_DIR}/tools/expect_gen_failure.cmake)
      set_tests_properties(gen/codelists_bad/${ifzo_case} PROPERTIES LABELS unit)
    endif()
  endforeach()
endif()
