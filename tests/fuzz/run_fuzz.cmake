# cmake -P script behind CTest fuzz/msg_parse: builds tests/fuzz/fuzz_msg_parse.c with clang
# (-fsanitize=fuzzer,address) from the sources listed in CONFIG (written at configure time by
# cmake/tests.cmake), then runs it for SECONDS on a copy of the committed corpus, so that new
# inputs never land in the source tree. Fails on a build error or any finding.
include(${CONFIG})
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
separate_arguments(cflags UNIX_COMMAND "${FUZZ_CFLAGS}")
separate_arguments(libs UNIX_COMMAND "${FUZZ_LIBS}")
execute_process(
  COMMAND ${CLANG} -std=c17 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address
          ${cflags} ${FUZZ_SOURCES} ${libs} -o ${WORK}/fuzz_msg_parse
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the fuzz target failed")
endif()
execute_process(
  COMMAND ${WORK}/fuzz_msg_parse ${WORK}/corpus ${CORPUS} -max_total_time=${SECONDS}
          -max_len=65536 -rss_limit_mb=2048 -artifact_prefix=${WORK}/artifacts/
          -print_final_stats=1
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzz_msg_parse found a problem (exit ${rc}); input in ${WORK}/artifacts")
endif()
