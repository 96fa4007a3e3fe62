# kansli_add_exporter(<id> <sources>...) for plugins built against the
# installed SDK: a MODULE library named kansli-exporter-<id>.so, linked with
# kansli::plugin, with only the entry point visible, installed into
# ${CMAKE_INSTALL_LIBDIR}/kansli/plugins of the project's own prefix (point
# KANSLI_PLUGIN_PATH there, or install into kansli's prefix).
# The same name and shape as the function kansli's own plugins use.
include_guard(GLOBAL)
include(GNUInstallDirs)

function(kansli_add_exporter id)
  if(NOT id MATCHES "^[a-z0-9_-]+$")
    message(FATAL_ERROR "kansli_add_exporter: the id '${id}' must be lowercase ASCII")
  endif()
  set(target kansli-exporter-${id})
  add_library(${target} MODULE ${ARGN})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME kansli-exporter-${id}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${target} PRIVATE kansli::plugin)
  install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/kansli/plugins)
endfunction()
