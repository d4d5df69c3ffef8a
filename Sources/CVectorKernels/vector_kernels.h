// The operations of the HNSW walk that Swift cannot express well: a cache prefetch hint and a
// dot product of byte codes. SSSE3's pmaddubsw multiplies 16 unsigned by 16 signed bytes per
// instruction, about twice the speed of the SSE2 form (and of Swift's autovectorized loop,
// which widens every byte to 32 bits); the CPU is asked once whether it has SSSE3. SSE2 is part
// of every x86-64 CPU; other targets get the plain loop, which their compilers vectorize.
#ifndef BULKHEAD_VECTOR_KERNELS_H
#define BULKHEAD_VECTOR_KERNELS_H

#include <stddef.h>
#include <stdint.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <emmintrin.h>
#include <tmmintrin.h>
#define BH_X86 1
#endif

/// Asks the CPU to start loading the cache line at `address`; it never faults.
static inline void bh_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Whether this CPU can run `bh_dot_u8s8` with SSSE3.
static inline int bh_has_ssse3(void) {
#if defined(BH_X86)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c & bit_SSSE3) != 0;
#else
    return 0;
#endif
}

#if defined(BH_X86)
/// Horizontal sum of four 32-bit lanes.
static inline int32_t bh_sum_epi32(__m128i acc) {
    acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0x4E));
    acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0xB1));
    return _mm_cvtsi128_si32(acc);
}

__attribute__((target("ssse3")))
static inline int32_t bh_dot_u8s8_ssse3(const uint8_t *a, const int8_t *b, size_t count) {
    size_t i = 0;
    __m128i acc0 = _mm_setzero_si128();
    __m128i acc1 = _mm_setzero_si128();
    const __m128i ones = _mm_set1_epi16(1);
    // Pairs of products sum into 16 bits without saturating while |b| <= 63 (255 * 63 * 2 < 32767).
    for (; i + 32 <= count; i += 32) {
        __m128i p0 = _mm_maddubs_epi16(_mm_loadu_si128((const __m128i *)(a + i)), _mm_loadu_si128((const __m128i *)(b + i)));
        __m128i p1 = _mm_maddubs_epi16(_mm_loadu_si128((const __m128i *)(a + i + 16)), _mm_loadu_si128((const __m128i *)(b + i + 16)));
        acc0 = _mm_add_epi32(acc0, _mm_madd_epi16(p0, ones));
        acc1 = _mm_add_epi32(acc1, _mm_madd_epi16(p1, ones));
    }
    for (; i + 16 <= count; i += 16) {
        __m128i p0 = _mm_maddubs_epi16(_mm_loadu_si128((const __m128i *)(a + i)), _mm_loadu_si128((const __m128i *)(b + i)));
        acc0 = _mm_add_epi32(acc0, _mm_madd_epi16(p0, ones));
    }
    int32_t sum = bh_sum_epi32(_mm_add_epi32(acc0, acc1));
    for (; i < count; i++) sum += (int32_t)a[i] * (int32_t)b[i];
    return sum;
}

static inline int32_t bh_dot_u8s8_sse2(const uint8_t *a, const int8_t *b, size_t count) {
    size_t i = 0;
    __m128i acc = _mm_setzero_si128();
    const __m128i zero = _mm_setzero_si128();
    for (; i + 16 <= count; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(a + i));
        __m128i y = _mm_loadu_si128((const __m128i *)(b + i));
        // Widen to 16 bits: zero-extend the unsigned side, sign-extend the signed one.
        __m128i xl = _mm_unpacklo_epi8(x, zero);
        __m128i xh = _mm_unpackhi_epi8(x, zero);
        __m128i yl = _mm_srai_epi16(_mm_unpacklo_epi8(y, y), 8);
        __m128i yh = _mm_srai_epi16(_mm_unpackhi_epi8(y, y), 8);
        acc = _mm_add_epi32(acc, _mm_add_epi32(_mm_madd_epi16(xl, yl), _mm_madd_epi16(xh, yh)));
    }
    int32_t sum = bh_sum_epi32(acc);
    for (; i < count; i++) sum += (int32_t)a[i] * (int32_t)b[i];
    return sum;
}
#endif

/// The dot product of `count` unsigned bytes `a` with `count` signed bytes `b` (|b| <= 63).
/// `ssse3` is the answer of `bh_has_ssse3`, asked once by the caller.
static inline int32_t bh_dot_u8s8(const uint8_t *a, const int8_t *b, size_t count, int ssse3) {
#if defined(BH_X86)
    return ssse3 ? bh_dot_u8s8_ssse3(a, b, count) : bh_dot_u8s8_sse2(a, b, count);
#else
    (void)ssse3;
    int32_t sum = 0;
    for (size_t i = 0; i < count; i++) sum += (int32_t)a[i] * (int32_t)b[i];
    return sum;
#endif
}

#endif
