import Crypto
import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// Cross-site request forgery tokens: signed double-submit.
///
/// The form carries a token that the same response also sets as a cookie (HttpOnly,
/// SameSite=Strict). A submission is taken only when the field and the cookie hold the same
/// token, its HMAC is valid under the key this process drew at start, and it is less than a day
/// old. Another site can neither read the token nor set the cookie.
struct CSRFGuard: Sendable {
    static let cookie = "reclam_csrf"
    static let field = "csrf"
    static let lifetime: TimeInterval = 86_400

    /// The key's bytes (SymmetricKey itself is not Sendable); drawn once per process.
    let secret: Data

    init() { secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }

    var key: SymmetricKey { SymmetricKey(data: secret) }

    func issue(now: Date) -> String {
        var payload = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        withUnsafeBytes(of: Int64(now.timeIntervalSince1970).bigEndian) { payload.append(contentsOf: $0) }
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return Base64URL.encode(payload) + "." + Base64URL.encode(Data(mac))
    }

    /// Whether the submitted token is valid and the one the cookie holds.
    func verify(field: String?, cookie: String?, now: Date) -> Bool {
        guard let field, let cookie, field.utf8.count < 200, StatusToken.equal(field, cookie) else { return false }
        let parts = field.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])), payload.count == 24,
            let mac = Base64URL.decode(String(parts[1]))
        else { return false }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key) else { return false }
        let issued = payload.suffix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
        let age = now.timeIntervalSince1970 - Double(issued)
        return age >= -300 && age <= Self.lifetime
    }
}

enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}

/// Submissions accepted per client address in a sliding window; in memory, nothing sent
/// anywhere. Addresses are forgotten once their window is over.
actor RateLimiter {
    private var hits: [String: [Date]] = [:]
    private var lastSweep = Date.distantPast

    /// Whether one more submission from `address` is allowed now; records it when it is.
    func admit(_ address: String, limit: Int, period: TimeInterval, now: Date) -> Bool {
        sweep(now: now, period: period)
        var recent = (hits[address] ?? []).filter { now.timeIntervalSince($0) < period }
        guard recent.count < limit else {
            hits[address] = recent
            return false
        }
        recent.append(now)
        hits[address] = recent
        return true
    }

    /// Gives back a slot taken by a submission that was then not recorded (refused or failed).
    func release(_ address: String, at time: Date) {
        guard var recent = hits[address], let index = recent.lastIndex(of: time) else { return }
        recent.remove(at: index)
        hits[address] = recent.isEmpty ? nil : recent
    }

    private func sweep(now: Date, period: TimeInterval) {
        guard now.timeIntervalSince(lastSweep) > 60 else { return }
        lastSweep = now
        hits = hits.compactMapValues { times in
            let kept = times.filter { now.timeIntervalSince($0) < period }
            return kept.isEmpty ? nil : kept
        }
    }
}
