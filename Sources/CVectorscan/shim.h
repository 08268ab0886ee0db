#ifndef TIQU_CVECTORSCAN_SHIM_H
#define TIQU_CVECTORSCAN_SHIM_H
// Vectorscan (Debian libvectorscan-dev, pkg-config libhs): the API of Hyperscan 5.4.
#include <hs/hs.h>
#endif
