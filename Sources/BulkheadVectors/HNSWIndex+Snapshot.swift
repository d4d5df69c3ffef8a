import Foundation

/// Saving a graph's links and reading them back, so that opening a large collection does not
/// rebuild its graph (minutes for a million rows) but only re-reads it.
///
/// A snapshot holds the links, levels, entry point and level-draw state, not the rows, which the
/// database already holds. A
/// snapshot comes from a tenant's own file, which a user may have tampered with, so reading one
/// checks everything a walk relies on (sizes, every link inside the graph, every level and
/// block in range, a checksum over the whole) and answers nil rather than trusting it.
extension HNSWIndex {
    private static let magic: UInt32 = 0x4248_4731 // "BHG1"

    /// The graph without its rows, as little-endian bytes.
    public func snapshot() -> Data {
        var data = Data()
        data.reserveCapacity(64 + levels.count * 5 + (links0.count + upperLinks.count) * 4)
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        func put<T: FixedWidthInteger>(_ values: [T]) {
            #if _endian(little)
            values.withUnsafeBytes { data.append(contentsOf: $0) }
            #else
            for value in values { put(value) }
            #endif
        }
        put(Self.magic)
        put(UInt32(dimension))
        put(UInt32(parameters.m))
        put(UInt32(parameters.efConstruction))
        put(parameters.seed)
        put(random.state)
        put(UInt32(count))
        put(entryPoint)
        put(UInt32(topLevel))
        put(UInt32(upperLinks.count))
        data.append(contentsOf: levels)
        put(links0)
        put(upperBase)
        put(upperLinks)
        put(FNV1a.hash(data))
        return data
    }

    /// The graph saved in `data`, over a collection's first `count` rows; nil when the bytes are
    /// not a whole, consistent graph of that size made with these parameters.
    public static func restore(_ data: Data, dimension: Int, parameters: HNSWParameters, count: Int) -> HNSWIndex? {
        var reader = SnapshotReader(bytes: [UInt8](data))
        guard reader.bytes.count > 8 else { return nil }
        let body = reader.bytes[..<(reader.bytes.count - 8)]
        let stored = SnapshotReader(bytes: Array(reader.bytes.suffix(8))).peekUInt64()
        guard FNV1a.hash(body) == stored else { return nil }
        reader.end = reader.bytes.count - 8

        var graph = HNSWIndex(dimension: dimension, parameters: parameters)
        guard reader.uint32() == magic, reader.uint32() == UInt32(dimension), reader.uint32() == UInt32(parameters.m),
              reader.uint32() == UInt32(parameters.efConstruction), reader.uint64() == parameters.seed,
              let state = reader.uint64(), reader.uint32() == UInt32(count),
              let entry = reader.int32(), let top = reader.uint32(), let upperCount = reader.uint32(),
              let levels = reader.byteArray(count),
              let links0 = reader.int32s(count * (graph.maxLinks0 + 1)),
              let upperBase = reader.int32s(count), let upperLinks = reader.int32s(Int(upperCount)),
              reader.atEnd else { return nil }
        graph.random = SplitMix64(seed: state)
        graph.levels = levels
        graph.links0 = links0
        graph.upperBase = upperBase
        graph.upperLinks = upperLinks
        graph.entryPoint = entry
        graph.topLevel = Int(top)
        guard graph.isConsistent else { return nil }
        return graph
    }

    /// Whether every index a walk follows stays inside the graph.
    private var isConsistent: Bool {
        let count = levels.count
        guard count > 0 ? (0..<Int32(count)).contains(entryPoint) && Int(levels[Int(entryPoint)]) == topLevel
                        : entryPoint == -1 && topLevel == 0 else { return false }
        func linksValid(_ links: [Int32], _ start: Int, capacity: Int) -> Bool {
            let used = Int(links[start])
            guard (0...capacity).contains(used) else { return false }
            for slot in 0..<used where !(0..<Int32(count)).contains(links[start + 1 + slot]) { return false }
            return true
        }
        for node in 0..<count {
            let level = Int(levels[node])
            guard level <= 16, linksValid(links0, node * (maxLinks0 + 1), capacity: maxLinks0) else { return false }
            let base = Int(upperBase[node])
            if level == 0 {
                guard base == -1 else { return false }
                continue
            }
            guard base >= 0, base + level * (maxLinks + 1) <= upperLinks.count else { return false }
            for layer in 1...level where !linksValid(upperLinks, base + (layer - 1) * (maxLinks + 1), capacity: maxLinks) {
                return false
            }
        }
        return true
    }
}

/// Reads little-endian values from the front of a byte array; every read checks the length.
private struct SnapshotReader {
    let bytes: [UInt8]
    var offset = 0
    var end: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    var atEnd: Bool { offset == end }

    private mutating func take(_ length: Int) -> ArraySlice<UInt8>? {
        guard length >= 0, length <= end - offset else { return nil }
        defer { offset += length }
        return bytes[offset..<(offset + length)]
    }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        guard let slice = take(MemoryLayout<T>.size) else { return nil }
        return slice.reversed().reduce(T.zero) { ($0 << 8) | T(truncatingIfNeeded: $1) }
    }

    mutating func uint32() -> UInt32? { integer(UInt32.self) }
    mutating func uint64() -> UInt64? { integer(UInt64.self) }
    mutating func int32() -> Int32? { integer(Int32.self) }
    func peekUInt64() -> UInt64 {
        bytes.prefix(8).reversed().reduce(UInt64.zero) { ($0 << 8) | UInt64($1) }
    }

    mutating func byteArray(_ count: Int) -> [UInt8]? { take(count).map(Array.init) }

    mutating func int32s(_ count: Int) -> [Int32]? {
        guard count >= 0, let slice = take(count * 4) else { return nil }
        var values = [Int32](repeating: 0, count: count)
        values.withUnsafeMutableBytes { $0.copyBytes(from: slice) }
        for index in values.indices { values[index] = Int32(littleEndian: values[index]) }
        return values
    }
}
