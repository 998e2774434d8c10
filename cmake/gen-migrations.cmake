# Compiles src/store/migrations/NNNN_name.sql into the binary, so that `ifzo migrate` needs
# no files beside it.
file(GLOB IFZO_MIGRATION_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/store/migrations/*.sql)
add_custom_command(
  OUTPUT ${IFZO_GEN_DIR}/migrations_gen.c
  COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_SOURCE_DIR}/src/store/migrations
          -DOUT=${IFZO_GEN_DIR}/migrations_gen.c -P ${CMAKE_SOURCE_DIR}/cmake/embed-migrations.cmake
  DEPENDS ${IFZO_MIGRATION_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed-migrations.cmake
  COMMENT "Embedding schema migrations")
list(APPEND IFZO_STORE_GENERATED ${IFZO_GEN_DIR}/migrations_gen.c)
