# Compiles docs/openapi.json into the server, which serves it at /api/openapi.json.
add_custom_command(
  OUTPUT ${IFZO_GEN_DIR}/openapi_gen.c
  COMMAND ${CMAKE_COMMAND} -DIN=${CMAKE_SOURCE_DIR}/docs/openapi.json
          -DOUT=${IFZO_GEN_DIR}/openapi_gen.c -DSYMBOL=ifzo_openapi_json
          -P ${CMAKE_SOURCE_DIR}/cmake/embed-file.cmake
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/openapi.json ${CMAKE_SOURCE_DIR}/cmake/embed-file.cmake
  COMMENT "Embedding docs/openapi.json")
list(APPEND IFZO_API_GENERATED ${IFZO_GEN_DIR}/openapi_gen.c)
