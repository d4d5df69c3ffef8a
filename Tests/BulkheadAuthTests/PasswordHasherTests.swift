import BulkheadCore
import Foundation
import Testing
@testable import BulkheadAuth

/// scrypt through OpenSSL, checked against RFC 7914 byte for byte, and the stored format around it.
@Suite struct PasswordHasherTests {
    static func hex(_ text: String) -> [UInt8] {
        let digits = text.filter { !$0.isWhitespace }
        var out: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            out.append(UInt8(digits[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    static let fast = PasswordHasher.Parameters(logN: 4, r: 8, p: 1)!

    @Test func rfc7914VectorEmptyPasswordN16() throws {
        let key = try PasswordHasher.scrypt(password: [], salt: [], n: 16, r: 1, p: 1, length: 64)
        #expect(key == Self.hex("""
            77 d6 57 62 38 65 7b 20 3b 19 ca 42 c1 8a 04 97 f1 6b 48 44 e3 07 4a e8 df df fa 3f ed e2 14 42
            fc d0 06 9d ed 09 48 f8 32 6a 75 3a 0f c8 1f 17 e8 d3 e0 fb 2e 0d 36 28 cf 35 e2 0c 38 d1 89 06
            """))
    }

    @Test func rfc7914VectorPasswordNaClN1024() throws {
        let key = try PasswordHasher.scrypt(password: Array("password".utf8), salt: Array("NaCl".utf8),
                                            n: 1024, r: 8, p: 16, length: 64)
        #expect(key == Self.hex("""
            fd ba be 1c 9d 34 72 00 78 56 e7 19 0d 01 e9 fe 7c 6a d7 cb c8 23 78 30 e7 73 76 63 4b 37 31 62
            2e af 30 d9 2e 22 a3 88 6f f1 09 27 9d 98 30 da c7 27 af b9 4a 83 ee 6d 83 60 cb df a2 cc 06 40
            """))
    }

    @Test func rfc7914VectorPleaseLetMeInN16384() throws {
        let key = try PasswordHasher.scrypt(password: Array("pleaseletmein".utf8), salt: Array("SodiumChloride".utf8),
                                            n: 16384, r: 8, p: 1, length: 64)
        #expect(key == Self.hex("""
            70 23 bd cb 3a fd 73 48 46 1c 06 cd 81 fd 38 eb fd a8 fb ba 90 4f 8e 3e a9 b5 43 f6 54 5d a1 f2
            d5 43 29 55 61 3f 0f cf 62 d4 97 05 24 2a 9a f9 e6 1e 85 dc 0d 65 1e 40 df cf 01 7b 45 57 58 87
            """))
    }

    @Test func roundTripWithProductionParameters() throws {
        let hasher = PasswordHasher(random: SeededRandom(seed: 1))
        let stored = try hasher.hash("correct horse battery staple")
        #expect(stored.hasPrefix("scrypt$17$8$1$"))
        let parsed = try #require(StoredPasswordHash(parsing: stored))
        #expect(parsed.salt.count == 16)
        #expect(parsed.hash.count == 32)
        #expect(hasher.verify("correct horse battery staple", against: stored))
        #expect(!hasher.verify("correct horse battery stapler", against: stored))
        #expect(!hasher.needsRehash(stored))
    }

    @Test func wrongPasswordFails() throws {
        let hasher = PasswordHasher(parameters: Self.fast, random: SeededRandom(seed: 2))
        let stored = try hasher.hash("a long enough password")
        #expect(hasher.verify("a long enough password", against: stored))
        #expect(!hasher.verify("a long enough passworD", against: stored))
        #expect(!hasher.verify("", against: stored))
    }

    @Test func saltIsFreshForEveryHash() throws {
        let hasher = PasswordHasher(parameters: Self.fast, random: SystemRandom())
        let first = try hasher.hash("the same password twice")
        let second = try hasher.hash("the same password twice")
        #expect(first != second)
        #expect(hasher.verify("the same password twice", against: first))
        #expect(hasher.verify("the same password twice", against: second))
    }

    @Test func verifyReadsTheStoredParametersNotTheCurrentOnes() throws {
        let old = PasswordHasher(parameters: Self.fast, random: SeededRandom(seed: 3))
        let stored = try old.hash("raised parameters later")
        let raised = PasswordHasher(parameters: PasswordHasher.Parameters(logN: 6, r: 8, p: 1)!, random: SeededRandom(seed: 4))
        #expect(raised.verify("raised parameters later", against: stored))
        #expect(raised.needsRehash(stored))
        #expect(!old.needsRehash(stored))
    }

    @Test func shortPasswordIsRefusedWithAClearSentence() throws {
        let hasher = PasswordHasher(parameters: Self.fast, random: SeededRandom(seed: 5))
        #expect(throws: BulkheadError.invalidInput("the password must be at least 12 characters long")) {
            _ = try hasher.hash("elevenchars")
        }
        #expect(throws: Never.self) { _ = try hasher.hash("twelve chars") }
    }

    @Test func malformedOrOutOfBoundsStoredHashesNeverMatch() throws {
        let hasher = PasswordHasher(parameters: Self.fast, random: SeededRandom(seed: 6))
        let stored = try hasher.hash("a long enough password")
        let parts = stored.split(separator: "$").map(String.init)
        let huge = (["scrypt", "40"] + parts[2...]).joined(separator: "$")
        #expect(StoredPasswordHash(parsing: huge) == nil)
        #expect(!hasher.verify("a long enough password", against: huge))
        #expect(!hasher.verify("a long enough password", against: "bcrypt$" + stored))
        #expect(!hasher.verify("a long enough password", against: ""))
        let truncated = (parts[0...4] + [String(parts[5].prefix(8))]).joined(separator: "$")
        #expect(!hasher.verify("a long enough password", against: truncated))
    }

    @Test func constantTimeComparisonIsExact() {
        #expect(PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(!PasswordHasher.constantTimeEqual([], []))
    }
}
