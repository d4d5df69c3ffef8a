import Testing
@testable import BulkheadCore

@Suite struct IdentifierTests {
    @Test func refusesPathAndQuoteCharacters() {
        for bad in ["", "../x", "a/b", "A", "it's", "a\u{0}b", "a b", String(repeating: "a", count: 65)] {
            #expect(OrgID(rawValue: bad) == nil, "accepted \(bad.debugDescription)")
        }
        #expect(OrgID(rawValue: "org-0123abcd")?.rawValue == "org-0123abcd")
    }

    @Test func randomIdsAreWellFormedAndDistinct() {
        let random = SystemRandom()
        let a = OrgID.random(prefix: "org", using: random)
        let b = OrgID.random(prefix: "org", using: random)
        #expect(a != b)
        #expect(a.rawValue.hasPrefix("org-"))
        #expect(a.rawValue.count == 4 + 24)
    }

    @Test func seededRandomIsDeterministic() {
        #expect(SeededRandom(seed: 7).bytes(count: 32) == SeededRandom(seed: 7).bytes(count: 32))
        #expect(SeededRandom(seed: 7).bytes(count: 32) != SeededRandom(seed: 8).bytes(count: 32))
    }

    @Test func errorsMapToContractExitCodes() {
        #expect(BulkheadError.notFound(kind: "source", name: "x").exitCode == 4)
        #expect(BulkheadError.notAuthenticated.exitCode == 3)
        #expect(BulkheadError.denied.exitCode == 3)
        #expect(BulkheadError.sqlRefused("ATTACH is not allowed").exitCode == 1)
        #expect(BulkheadError.notFound(kind: "source", name: "x").message == "source 'x' not found")
    }

    @Test func tokenEstimateCountsBytesAndLines() {
        #expect(TokenEstimate.count("") == 0)
        #expect(TokenEstimate.count("abcd") == 2)
        #expect(TokenEstimate.count("abcd\nefgh") == 3 + 2)
    }

    @Test func principalDescriptionCarriesNoEmail() {
        let p = Principal(userID: UserID(rawValue: "usr-1")!, email: "ada@acme.test", orgID: OrgID(rawValue: "org-1")!,
                          orgName: "Acme", role: .admin, sessionID: SessionID(rawValue: "ses-1")!, expiresAt: .distantFuture)
        #expect(!p.description.contains("ada"))
    }
}
