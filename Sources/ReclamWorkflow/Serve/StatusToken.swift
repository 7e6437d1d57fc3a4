import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// The private key of a complainant's status page.
///
/// A token is 256 random bits from the system's cryptographic generator, written in base64url
/// (43 characters). The ledger keeps only its SHA-256 (`status_token_sha256` in the case's
/// front-matter), so that nobody who reads the repository can open a status page; the token
/// itself is shown once, on the receipt.
public enum StatusToken {
    public static let field = "status_token_sha256"
    static let length = 43

    /// A new token.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            var word = generator.next() as UInt64
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The hash stored in the ledger, lowercase hex.
    public static func hash(_ token: String) -> String { IntakeHash.sha256(token) }

    /// Whether the text has the shape of a token (any other text is hashed all the same, so that
    /// a malformed token costs the same time as a wrong one).
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == length
            && token.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
                    || byte == 0x5F
            }
    }

    /// Compares two hashes in time that depends on their length only.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
