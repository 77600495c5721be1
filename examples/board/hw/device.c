// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* An example PCI device. */
#include "loader.h"

typedef struct Device {
    PCIDevice *pci;
    MemoryRegion *bar;
    EventNotifier notifier;
} Device;

int device_realize(Device *d, Error **errp)
{
    int ret = event_notifier_init(&d->notifier, 0);
    /* never tested: a failed notifier is used anyway */
    ret = msix_init(d->pci, 4, d->bar, 0, 0, d->bar, 0, 0x800, 0x90, errp);
    if (ret < 0) {
        return ret;
    }
    return 0;
}
