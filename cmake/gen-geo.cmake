# gen-geo.cmake: compiles data/geo (PC4 → gemeente → arrondissement, coordinates, travel-time
# parameters) into ${IFZO_GEN_DIR}/geo_gen.c for ifzo_core. Included by the top-level
# CMakeLists.txt (parent scope). The generator is a host tool built from tools/gen_geo.c plus
# src/core/validate.c (the same UTF-8 rule as API input); a bad row fails the build with
# FILE:LINE.
set(IFZO_GEO_DATA_DIR ${CMAKE_SOURCE_DIR}/data/geo)
set(IFZO_GEO_INPUTS
    ${IFZO_GEO_DATA_DIR}/pc4.csv
    ${IFZO_GEO_DATA_DIR}/gemeente_arrondissement.csv
    ${IFZO_GEO_DATA_DIR}/travel.tsv)

add_executable(ifzo_gen_geo ${CMAKE_SOURCE_DIR}/tools/gen_geo.c
                            ${CMAKE_SOURCE_DIR}/src/core/validate.c)
target_include_directories(ifzo_gen_geo PRIVATE ${CMAKE_SOURCE_DIR}/src)

add_custom_command(
  OUTPUT ${IFZO_GEN_DIR}/geo_gen.c
  COMMAND ifzo_gen_geo ${IFZO_GEO_DATA_DIR} ${IFZO_GEN_DIR}/geo_gen.c
  DEPENDS ifzo_gen_geo ${IFZO_GEO_INPUTS}
  COMMENT "Generating geo_gen.c from data/geo"
  VERBATIM)

list(APPEND IFZO_CORE_GENERATED ${IFZO_GEN_DIR}/geo_gen.c)

# The generator must accept the small valid set in tests/fixtures/geo_ok/ and refuse every
# directory under tests/fixtures/geo_bad/ (each a copy of geo_ok with one defect and a file
# "expect" holding a regular expression the error message must match).
if(IFZO_TESTS)
  add_test(NAME gen/geo_ok
           COMMAND ifzo_gen_geo ${CMAKE_SOURCE_DIR}/tests/fixtures/geo_ok
                   ${CMAKE_BINARY_DIR}/geo_ok_gen.c)
  set_tests_properties(gen/geo_ok PROPERTIES LABELS unit)
  file(GLOB IFZO_GEO_BAD_CASES LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/tests/fixtures/geo_bad/*)
  foreach(ifzo_case_dir ${IFZO_GEO_BAD_CASES})
    if(IS_DIRECTORY ${ifzo_case_dir})
      get_filename_component(ifzo_case ${ifzo_case_dir} NAME)
      add_test(NAME gen/geo_bad/${ifzo_case}
               COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:ifzo_gen_geo>
                       -DCASE_DIR=${ifzo_case_dir}
                       -DOUT=${CMAKE_BINARY_DIR}/geo_bad_${ifzo_case}.c
                       -P ${CMAKE_SOURCE_DIR}/tools/expect_gen_failure.cmake)
      set_tests_properties(gen/geo_bad/${ifzo_case} PROPERTIES LABELS unit)
    endif()
  endforeach()
endif()
