// The fuzz build's entry point (see fuzzmain.c). Nothing to call from Swift.
#pragma once
