# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# cmake -DDOCS=<docs/checks> -DOUT=CheckDocsText.cpp -P EmbedCheckDocs.cmake
# Writes every docs/checks/<check>.md as a C++ raw string, so that
# `retcheck --explain` and SARIF's rule help need no installed file.
file(GLOB Pages "${DOCS}/*.md")
list(SORT Pages)
set(Body "")
foreach(Page IN LISTS Pages)
  get_filename_component(Name "${Page}" NAME_WE)
  file(READ "${Page}" Text)
  string(FIND "${Text}" ")doc\"" Clash)
  if(NOT Clash EQUAL -1)
    message(FATAL_ERROR "${Page} contains the raw string delimiter )doc\"")
  endif()
  string(APPEND Body "    {\"${Name}\", R\"doc(${Text})doc\"},\n")
endforeach()
file(WRITE "${OUT}.tmp"
  "// Generated from docs/checks/*.md by EmbedCheckDocs.cmake.\n"
  "#include \"output/CheckDocs.h\"\n"
  "namespace retcheck {\n"
  "extern const CheckDocPage CheckDocPages[] = {\n${Body}    {nullptr, nullptr}};\n"
  "} // namespace retcheck\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
