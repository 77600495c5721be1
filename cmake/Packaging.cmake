# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installing retcheck, and its Debian package (scripts/package.sh, or
# `cpack -G DEB` in the build directory): the binary, the clang-tidy module,
# the rules, the documentation and retcheck(1).

# The man page: its OPTIONS sections come from the binary's --help. One copy
# in the build tree (for the man-page test, paths under the configured
# prefix); the installed one is written at install time, when the prefix is
# known (cpack installs into /usr whatever was configured).
set(RETCHECK_MAN_ARGS
    -DRETCHECK=$<TARGET_FILE:retcheck>
    -DTEMPLATE=${PROJECT_SOURCE_DIR}/docs/man/retcheck.1.in
    -DVERSION=${PROJECT_VERSION}
    -DDATADIR=${CMAKE_INSTALL_DATADIR}
    -DDOCDIR=${CMAKE_INSTALL_DOCDIR}
    -DMODULEDIR=lib)
set(RETCHECK_MAN_PAGE ${PROJECT_BINARY_DIR}/docs/retcheck.1)
add_custom_command(
  OUTPUT ${RETCHECK_MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} ${RETCHECK_MAN_ARGS} -DOUT=${RETCHECK_MAN_PAGE}
          -DPREFIX=${CMAKE_INSTALL_PREFIX}
          -P ${PROJECT_SOURCE_DIR}/docs/man/GenerateManPage.cmake
  DEPENDS retcheck docs/man/retcheck.1.in docs/man/GenerateManPage.cmake
  COMMENT "Writing retcheck(1)")
add_custom_target(man-page ALL DEPENDS ${RETCHECK_MAN_PAGE})
string(REPLACE ";" " " RETCHECK_MAN_ARGS_TEXT "${RETCHECK_MAN_ARGS}")
install(CODE "
  set(Dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man1\")
  file(MAKE_DIRECTORY \"\${Dir}\")
  execute_process(
    COMMAND \"${CMAKE_COMMAND}\" ${RETCHECK_MAN_ARGS_TEXT}
            -DPREFIX=\${CMAKE_INSTALL_PREFIX}
            -DOUT=${PROJECT_BINARY_DIR}/docs/retcheck.installed.1
            -DGZIP=\${Dir}/retcheck.1.gz
            -P ${PROJECT_SOURCE_DIR}/docs/man/GenerateManPage.cmake
    RESULT_VARIABLE Result)
  if(NOT Result EQUAL 0)
    message(FATAL_ERROR \"retcheck(1) could not be written\")
  endif()
  message(STATUS \"Installing: \${Dir}/retcheck.1.gz\")
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${Dir}/retcheck.1.gz\")
")

install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian policy 12.5: the licence, machine-readable, as
# /usr/share/doc/PACKAGE/copyright; LICENSE beside it, the full text.
install(FILES cmake/debian-copyright DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME copyright)
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        FILES_MATCHING PATTERN "*.md" PATTERN "man" EXCLUDE)

# The Debian package. Shared library dependencies (libclang-cpp19,
# libllvm19, libstdc++6, libc6) come from dpkg-shlibdeps; the others are
# what retcheck reads at run time: clang's builtin headers (stddef.h, ...)
# from libclang-common-19-dev, and clang-tidy-19 for the module.
set(RETCHECK_PACKAGE_MAINTAINER "retcheck developers <retcheck@invalid>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME retcheck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${RETCHECK_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # retcheck_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-19-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-19")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "finds calls whose error return is ignored or checked incompletely")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}
 A Clang-based static checker for C and C++: for every call to a function
 named in its rules (by default QEMU's load_image_targphys, get_image_size,
 event_notifier_init and msix_init) it reports results that are ignored,
 compared only with -1, stored where no test reaches them or into an
 unsigned type, with fix-its. Includes a clang-tidy module, the rules,
 `retcheck report` (HTML, Markdown and JSON reports) and retcheck(1).")
include(CPack)
