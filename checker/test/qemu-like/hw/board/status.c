// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Needs a generated header (built once, by the CI's build job) and a
 * library's header (glib, from libglib2.0-dev in the image). */
#include <glib.h>
#include "qapi/qapi-types-board.h"

BoardStatus board_status(const char *image)
{
    if (get_image_size(image) == -1) {
        return BOARDSTATUS_MISSING;
    }
    return g_file_test(image, G_FILE_TEST_IS_REGULAR) ? BOARDSTATUS_OK
                                                      : BOARDSTATUS_BROKEN;
}
