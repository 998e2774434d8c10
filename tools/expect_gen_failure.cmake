# Why this file exists: CTest helper that runs a generator (TOOL) on a bad data directory
# (CASE_DIR) and passes only if the tool exits non-zero, writes no output file (OUT) and its
# message matches the regular expression in CASE_DIR/expect.
# Usage: cmake -DTOOL=... -DCASE_DIR=... -DOUT=... -P expect_gen_failure.cmake
file(REMOVE ${OUT})
execute_process(COMMAND ${TOOL} ${CASE_DIR} ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ ${CASE_DIR}/expect expect)
string(STRIP "${expect}" expect)
message(STATUS "exit ${rc}; stderr:\n${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "generator accepted bad input in ${CASE_DIR}")
endif()
if(EXISTS ${OUT})
  message(FATAL_ERROR "generator wrote ${OUT} despite errors")
endif()
if(NOT err MATCHES "${expect}")
  message(FATAL_ERROR "error message does not match '${expect}'")
endif()
