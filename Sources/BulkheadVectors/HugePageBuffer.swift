#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Growable bytes in their own anonymous mapping, aligned to 2 MiB and advised for huge pages.
///
/// A graph walk lands on a random row at every step. With 4 KiB pages each of those rows is a
/// TLB miss, and a page walk (two-dimensional under a hypervisor) serializes loads that the
/// prefetcher would otherwise overlap. With transparent huge pages a 40 MB set of rows is twenty
/// TLB entries. Where huge pages are off, `madvise` is a no-op and nothing else changes.
///
/// The buffer is a reference; `QuantizedRows` copies it before writing when it is shared, so
/// the value types built on it keep value semantics.
final class HugePageBuffer: @unchecked Sendable {
    private static let hugePage = 2 << 20
    private static let smallPage = 4 << 10

    /// The first byte; aligned to 2 MiB when the buffer is at least that big.
    private(set) var base: UnsafeMutableRawPointer
    /// Bytes available from `base`.
    private(set) var capacity: Int
    /// Bytes in use from `base`.
    private(set) var count = 0
    private var mapping: UnsafeMutableRawPointer
    private var mappingLength: Int

    /// Makes an empty buffer with room for at least `capacity` bytes.
    init(capacity: Int = 0) {
        (mapping, mappingLength, base, self.capacity) = Self.map(max(capacity, Self.smallPage))
    }

    deinit {
        munmap(mapping, mappingLength)
    }

    /// A new buffer with the same bytes (for copy-on-write).
    func copy() -> HugePageBuffer {
        let twin = HugePageBuffer(capacity: count)
        twin.base.copyMemory(from: base, byteCount: count)
        twin.count = count
        return twin
    }

    /// Adds `length` zeroed bytes at the end and returns where they start.
    func grow(by length: Int) -> UnsafeMutableRawPointer {
        if count + length > capacity {
            let (newMapping, newLength, newBase, newCapacity) = Self.map(max(count + length, capacity * 2))
            newBase.copyMemory(from: base, byteCount: count)
            munmap(mapping, mappingLength)
            (mapping, mappingLength, base, capacity) = (newMapping, newLength, newBase, newCapacity)
        }
        let start = base + count
        count += length
        return start
    }

    /// Maps fresh zeroed memory of at least `bytes`, 2 MiB-aligned and advised when it is that big.
    private static func map(_ bytes: Int) -> (mapping: UnsafeMutableRawPointer, length: Int, base: UnsafeMutableRawPointer, capacity: Int) {
        let huge = bytes >= hugePage
        let unit = huge ? hugePage : smallPage
        let capacity = (bytes + unit - 1) / unit * unit
        let length = capacity + (huge ? hugePage : 0)
        guard let mapping = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapping != MAP_FAILED else {
            fatalError("out of memory mapping \(length) bytes for vector rows")
        }
        var base = mapping
        if huge {
            let address = UInt(bitPattern: mapping)
            let aligned = (address + UInt(hugePage) - 1) & ~UInt(hugePage - 1)
            base = mapping + Int(aligned - address)
            #if os(Linux)
            _ = madvise(base, capacity, MADV_HUGEPAGE)
            #endif
        }
        return (mapping, length, base, capacity)
    }
}
