# FZ message schemas: tools/gen_xsd.c writes the code-list simpleTypes of data/codelists/*.tsv
# into ${IFZO_GEN_DIR}/xsd/codelijsten.xsd (never copied by hand into data/xsd/) and embeds
# every schema (data/xsd/*.xsd plus that file) into ${IFZO_GEN_DIR}/xsd_gen.c for src/msg.
# The generated directory also holds copies of data/xsd/*.xsd, so that xmllint --schema
# works on ${IFZO_GEN_DIR}/xsd/fz825.xsd.
file(GLOB IFZO_XSD_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/xsd/*.xsd)
file(GLOB IFZO_XSD_CODELISTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/codelists/*.tsv)
file(MAKE_DIRECTORY ${IFZO_GEN_DIR}/xsd)

add_executable(gen_xsd ${CMAKE_SOURCE_DIR}/tools/gen_xsd.c)

add_custom_command(
  OUTPUT ${IFZO_GEN_DIR}/xsd_gen.c ${IFZO_GEN_DIR}/xsd/codelijsten.xsd
  COMMAND gen_xsd ${CMAKE_SOURCE_DIR}/data/codelists ${IFZO_GEN_DIR}/xsd/codelijsten.xsd
          ${IFZO_GEN_DIR}/xsd_gen.c ${IFZO_XSD_FILES}
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${IFZO_XSD_FILES} ${IFZO_GEN_DIR}/xsd/
  DEPENDS gen_xsd ${IFZO_XSD_FILES} ${IFZO_XSD_CODELISTS}
  COMMENT "Generating FZ message schemas from data/xsd and data/codelists"
  VERBATIM)
list(APPEND IFZO_MSG_GENERATED ${IFZO_GEN_DIR}/xsd_gen.c)
