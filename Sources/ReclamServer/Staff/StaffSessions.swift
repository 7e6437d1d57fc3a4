import Crypto
import Foundation
import HummingbirdBcrypt
import ReclamCore
import ReclamLedger
import ReclamWorkflow

/// Password hashes: bcrypt from hummingbird-auth, never a hash of our own.
public enum PasswordHash {
    /// Cost 11: about a tenth of a second on a small server, per sign-in.
    public static let cost: UInt8 = 11

    public static func make(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(_ password: String, hash: String) -> Bool {
        guard hash.hasPrefix("$2") else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// Checked against when the user does not exist, so that a wrong id takes as long as a
    /// wrong password.
    static let decoy = Bcrypt.hash("decoy-\(UUID().uuidString)", cost: cost)

    /// What a new password must be: at least 10 characters, at most 72 bytes (bcrypt's limit).
    public static func problem(_ password: String) -> String? {
        if password.count < 10 { return "the password must have at least 10 characters" }
        if password.utf8.count > 72 { return "the password must have at most 72 bytes (bcrypt ignores the rest)" }
        return nil
    }
}

/// Staff sessions: a cookie holding the user's id, a random session number, the time of the
/// last request and a fingerprint of the password hash, signed with HMAC-SHA256 under a key
/// drawn at each start. Nothing is stored on the server; a restart signs everyone out, a
/// changed password or a removed user ends their sessions, and a session unused for
/// `serve.session_idle` minutes is over.
struct StaffSessions: Sendable {
    static let cookie = "reclam_staff"
    let secret: Data

    init() { secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }

    var key: SymmetricKey { SymmetricKey(data: secret) }

    struct Session: Sendable {
        var user: StaffUser
        var nonce: String
    }

    static func fingerprint(_ hash: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(hash.utf8)).prefix(9)))
    }

    func issue(user: StaffUser, nonce: String? = nil, now: Date) -> String {
        let number = nonce ?? Base64URL.encode(Data((0..<18).map { _ in UInt8.random(in: .min ... .max) }))
        let payload = "\(user.id)|\(number)|\(Int64(now.timeIntervalSince1970))|\(Self.fingerprint(user.passwordHash))"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return Base64URL.encode(Data(payload.utf8)) + "." + Base64URL.encode(Data(mac))
    }

    func verify(_ cookie: String?, users: StaffUsers, idleMinutes: Int, now: Date) -> Session? {
        guard let cookie, cookie.utf8.count < 600 else { return nil }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])), let mac = Base64URL.decode(String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key)
        else { return nil }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, let seen = Int64(fields[2]), let user = users.user(fields[0]),
            StatusToken.equal(fields[3], Self.fingerprint(user.passwordHash))
        else { return nil }
        let idle = now.timeIntervalSince1970 - Double(seen)
        guard idle >= -300, idle <= Double(idleMinutes * 60) else { return nil }
        return Session(user: user, nonce: fields[1])
    }

    /// The CSRF token of a session's forms: bound to the session, so another site cannot make one.
    func csrfToken(_ session: Session) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data("csrf|\(session.nonce)".utf8), using: key)))
    }

    func verifyCSRF(_ field: String?, session: Session) -> Bool {
        guard let field, field.utf8.count < 200 else { return false }
        return StatusToken.equal(field, csrfToken(session))
    }
}

/// Failed sign-ins per user and per address in a sliding window, in memory. Past the limit,
/// every attempt is refused until the window has passed, right password or not.
actor SignInThrottle {
    static let window: TimeInterval = 15 * 60
    static let perUser = 5
    static let perAddress = 20

    private var failures: [String: [Date]] = [:]

    func isLocked(user: String, address: String, now: Date) -> Bool {
        count("u:" + user, now: now) >= Self.perUser || count("a:" + address, now: now) >= Self.perAddress
    }

    func recordFailure(user: String, address: String, now: Date) {
        for key in ["u:" + user, "a:" + address] {
            var recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < Self.window }
            recent.append(now)
            failures[key] = recent
        }
        if failures.count > 10_000 {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < Self.window } }
        }
    }

    func clear(user: String) { failures["u:" + user] = nil }

    private func count(_ key: String, now: Date) -> Int {
        (failures[key] ?? []).reduce(0) { $0 + (now.timeIntervalSince($1) < Self.window ? 1 : 0) }
    }
}
