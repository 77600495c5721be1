// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* A miniature of QEMU's loader and PCI interfaces, enough for the example. */
#ifndef EXAMPLE_LOADER_H
#define EXAMPLE_LOADER_H
#include <stdint.h>
typedef uint64_t hwaddr;
typedef uint64_t ram_addr_t;
typedef struct Error Error;
typedef struct EventNotifier { int rfd, wfd; } EventNotifier;
typedef struct PCIDevice PCIDevice;
typedef struct MemoryRegion MemoryRegion;
int load_image_targphys(const char *filename, hwaddr, uint64_t max_sz);
int64_t get_image_size(const char *filename);
int event_notifier_init(EventNotifier *, int active);
int msix_init(PCIDevice *dev, unsigned short nentries, MemoryRegion *table_bar,
              uint8_t table_bar_nr, unsigned table_offset,
              MemoryRegion *pba_bar, uint8_t pba_bar_nr, unsigned pba_offset,
              uint8_t cap_pos, Error **errp);
void error_report(const char *fmt, ...);
void exit(int);
#endif
