// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Complete tests only: no finding. */
#include "loader.h"

int probe_kernel(const char *path)
{
    return get_image_size(path) < 0 ? -1 : 0;
}

int probe_initrd(const char *path)
{
    int64_t size = get_image_size(path);
    if (size < 0) {
        return -1;
    }
    return 0;
}
