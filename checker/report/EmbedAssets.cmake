# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# cmake -DCSS=report.css -DJS=report.js -DOUT=HtmlAssets.cpp -P EmbedAssets.cmake
# Writes the report page's CSS and JavaScript as C++ raw strings (HtmlAssets.h).
file(READ "${CSS}" Css)
file(READ "${JS}" Js)
foreach(Text IN ITEMS "${Css}" "${Js}")
  string(FIND "${Text}" ")asset\"" Clash)
  if(NOT Clash EQUAL -1)
    message(FATAL_ERROR "an asset contains the raw string delimiter )asset\"")
  endif()
endforeach()
file(WRITE "${OUT}.tmp"
  "// Generated from report.css and report.js by EmbedAssets.cmake.\n"
  "#include \"HtmlAssets.h\"\n"
  "namespace retcheck {\n"
  "extern const char ReportCss[] = R\"asset(${Css})asset\";\n"
  "extern const char ReportJs[] = R\"asset(${Js})asset\";\n"
  "} // namespace retcheck\n")
file(RENAME "${OUT}.tmp" "${OUT}")
