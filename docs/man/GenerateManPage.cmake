# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Writes retcheck(1) from retcheck.1.in: the OPTIONS sections from the
# binary's own --help (so they list exactly what it accepts), the paths
# under PREFIX. Run as a script:
#   cmake -DRETCHECK=bin -DTEMPLATE=retcheck.1.in -DOUT=retcheck.1 [-DGZIP=out.gz]
#         -DPREFIX=/usr -DVERSION=x.y.z -DDATADIR=share -DDOCDIR=share/doc/retcheck
#         -DMODULEDIR=lib -P GenerateManPage.cmake
# With GZIP, the page is also compressed there, as Debian wants it
# (gzip -9n: no name, no time stamp).

# roff text: backslashes escaped, hyphens as the minus signs that options
# and commands are typed with, no line may start a request.
function(roff_text Text OutVar)
  string(REPLACE "\\" "\\e" Text "${Text}")
  string(REPLACE "-" "\\-" Text "${Text}")
  string(REGEX REPLACE "^([.'])" "\\\\&\\1" Text "${Text}")
  set(${OutVar} "${Text}" PARENT_SCOPE)
endfunction()

# The options part of an LLVM --help text as roff: each category a
# sub-heading, each option a tagged paragraph, enum values a list.
function(help_to_roff Help OutVar)
  string(FIND "${Help}" "\nOPTIONS:\n" Start)
  if(Start EQUAL -1)
    message(FATAL_ERROR "no OPTIONS in the --help text:\n${Help}")
  endif()
  string(SUBSTRING "${Help}" ${Start} -1 Help)
  # Lines as a list: the text's own semicolons are kept aside first.
  string(REPLACE ";" "<semicolon>" Help "${Help}")
  string(REPLACE "\n" ";" Lines "${Help}")
  set(Out "")
  set(InValues FALSE)
  foreach(Line IN LISTS Lines)
    string(REPLACE "<semicolon>" ";" Line "${Line}")
    if(Line MATCHES "^([A-Za-z].*):$" AND NOT Line STREQUAL "OPTIONS:")
      if(InValues)
        string(APPEND Out ".RE\n")
        set(InValues FALSE)
      endif()
      roff_text("${CMAKE_MATCH_1}" Category)
      string(APPEND Out ".SS \"${Category}\"\n")
    elseif(Line MATCHES "^    =([^ ]+) +- +(.*)$")
      # An enum value of the option above.
      if(NOT InValues)
        string(APPEND Out ".RS\n")
        set(InValues TRUE)
      endif()
      roff_text("${CMAKE_MATCH_2}" Desc)
      string(APPEND Out ".TP\n.B ${CMAKE_MATCH_1}\n${Desc}\n")
    elseif(Line MATCHES "^  (-[^ =]+)([= ]<[^>]*>)? +- (.*)$")
      if(InValues)
        string(APPEND Out ".RE\n")
        set(InValues FALSE)
      endif()
      string(REPLACE "-" "\\-" Name "${CMAKE_MATCH_1}")
      set(Value "${CMAKE_MATCH_2}")
      roff_text("${CMAKE_MATCH_3}" Desc)
      string(APPEND Out ".TP\n\\fB${Name}\\fR")
      if(Value)
        string(SUBSTRING "${Value}" 0 1 Sep)
        string(SUBSTRING "${Value}" 1 -1 Arg)
        string(APPEND Out "${Sep}\\fI${Arg}\\fR")
      endif()
      string(APPEND Out "\n${Desc}\n")
    elseif(Line MATCHES "^   +[^ ]" AND NOT InValues)
      # A description's continuation line.
      string(STRIP "${Line}" Line)
      roff_text("${Line}" Line)
      string(APPEND Out "${Line}\n")
    endif()
  endforeach()
  if(InValues)
    string(APPEND Out ".RE\n")
  endif()
  set(${OutVar} "${Out}" PARENT_SCOPE)
endfunction()

foreach(Var RETCHECK TEMPLATE OUT PREFIX VERSION DATADIR DOCDIR MODULEDIR)
  if(NOT DEFINED ${Var})
    message(FATAL_ERROR "GenerateManPage.cmake: -D${Var}= is missing")
  endif()
endforeach()
foreach(Command "--help" "report;--help")
  execute_process(COMMAND "${RETCHECK}" ${Command} OUTPUT_VARIABLE Help
                  RESULT_VARIABLE Result)
  if(NOT Result EQUAL 0)
    message(FATAL_ERROR "${RETCHECK} ${Command}: exit ${Result}")
  endif()
  if(Command STREQUAL "--help")
    help_to_roff("${Help}" RETCHECK_OPTIONS)
  else()
    help_to_roff("${Help}" REPORT_OPTIONS)
  endif()
endforeach()
set(RETCHECK_VERSION "${VERSION}")
set(RETCHECK_RULES_DIR "${PREFIX}/${DATADIR}/retcheck/rules")
set(RETCHECK_MODULE "${PREFIX}/${MODULEDIR}/libretcheck-tidy.so")
set(RETCHECK_DOC_DIR "${PREFIX}/${DOCDIR}")
foreach(Path RETCHECK_RULES_DIR RETCHECK_MODULE RETCHECK_DOC_DIR)
  string(REPLACE "-" "\\-" ${Path} "${${Path}}")
endforeach()
configure_file("${TEMPLATE}" "${OUT}" @ONLY)
if(GZIP)
  execute_process(COMMAND gzip -9n -c "${OUT}" OUTPUT_FILE "${GZIP}"
                  RESULT_VARIABLE Result)
  if(NOT Result EQUAL 0)
    message(FATAL_ERROR "gzip ${OUT}: exit ${Result}")
  endif()
endif()
