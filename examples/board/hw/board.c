// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* An example board: the shapes QEMU issue #413 found, in a few lines. */
#include "loader.h"

#define KERNEL_BASE 0x100000
#define RAM_SIZE (128 * 1024 * 1024)

static void load_bios(const char *bios)
{
    /* ignored: the board boots garbage if the file is missing */
    load_image_targphys(bios, 0, 64 * 1024);
}

static int64_t load_kernel(const char *kernel)
{
    int64_t size = get_image_size(kernel);
    if (size == -1) { /* -2, -3 ... slip through */
        error_report("could not find kernel '%s'", kernel);
        exit(1);
    }
    int ret = load_image_targphys(kernel, KERNEL_BASE, RAM_SIZE - KERNEL_BASE);
    if (ret < 0) {
        error_report("could not load kernel '%s'", kernel);
        exit(1);
    }
    return size;
}

static void load_initrd(const char *initrd, hwaddr base)
{
    ram_addr_t initrd_size = load_image_targphys(initrd, base, RAM_SIZE - base);
    if (initrd_size == (ram_addr_t)-1) {
        error_report("could not load initrd '%s'", initrd);
        exit(1);
    }
}

void board_init(const char *bios, const char *kernel, const char *initrd)
{
    load_bios(bios);
    int64_t kernel_size = load_kernel(kernel);
    load_initrd(initrd, KERNEL_BASE + kernel_size);
}
