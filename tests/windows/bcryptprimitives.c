/* For the tests under Wine only; never shipped (scripts/dist leaves it out).
 * Rust's std (1.78 and later) imports ProcessPrng from bcryptprimitives.dll, which Windows 10
 * and 11 have and Wine 8 lacks; this stands in for it with the older RtlGenRandom. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) { return RtlGenRandom(data, (ULONG)len); }
