import BulkheadCore
import Foundation

/// Normalization and validation of what people type: emails and organization names.
///
/// Normalization happens before every lookup and before lockout counting, so `ADA@acme.test `
/// and `ada@acme.test` are one account and share one failure count.
public enum AuthInput {
    /// The longest email accepted (RFC 5321's path limit).
    public static let maximumEmailLength = 254
    /// The accepted length of an organization name.
    public static let organizationNameLength = 1...64

    /// Trims surrounding whitespace and lowercases.
    public static func normalizeEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Normalizes `email` and checks its shape: one `@` between a non-empty local part and a
    /// domain with a dot, printable ASCII with no spaces, quotes or angle brackets.
    ///
    /// - Throws: `invalidInput` naming what is wrong.
    public static func validatedEmail(_ email: String) throws -> String {
        let normalized = normalizeEmail(email)
        let allowed = normalized.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x27 && byte != 0x3C && byte != 0x3E && byte != 0x5C
        }
        let halves = normalized.split(separator: "@", omittingEmptySubsequences: false)
        guard allowed, normalized.utf8.count <= maximumEmailLength, halves.count == 2,
              !halves[0].isEmpty, halves[1].contains("."),
              !halves[1].hasPrefix("."), !halves[1].hasSuffix(".")
        else {
            throw BulkheadError.invalidInput("that is not a valid email address")
        }
        return normalized
    }

    /// Trims `name` and checks it: 1 to 64 characters of ASCII letters, digits, space, `.`, `_` and `-`.
    ///
    /// - Throws: `invalidInput` naming the rule.
    public static func validatedOrganizationName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let allowed = trimmed.utf8.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x20 || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        guard allowed, organizationNameLength.contains(trimmed.utf8.count) else {
            throw BulkheadError.invalidInput(
                "an organization name is 1 to 64 characters: letters, digits, spaces, '.', '_' and '-'")
        }
        return trimmed
    }
}
