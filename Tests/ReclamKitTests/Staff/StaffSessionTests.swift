import Foundation
import Testing

@testable import ReclamLedger
@testable import ReclamServer

/// Staff sessions and the sign-in limit, with the clock in the test's hands.
@Suite struct StaffSessionTests {
    let marie = StaffUser(id: "marie", name: "Marie", email: "marie@example.org", role: .staff, passwordHash: "$2b$11$first")
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aSessionEndsAfterInactivityAPasswordChangeOrTampering() throws {
        let sessions = StaffSessions()
        let users = StaffUsers(users: [marie])
        let cookie = sessions.issue(user: marie, now: start)
        let session = try #require(sessions.verify(cookie, users: users, idleMinutes: 30, now: start.addingTimeInterval(29 * 60)))
        #expect(session.user == marie)
        #expect(sessions.verify(cookie, users: users, idleMinutes: 30, now: start.addingTimeInterval(31 * 60)) == nil, "idle too long")
        // Each request renews the session with the same number: the CSRF token stays valid.
        let renewed = sessions.issue(user: marie, nonce: session.nonce, now: start.addingTimeInterval(29 * 60))
        let later = try #require(sessions.verify(renewed, users: users, idleMinutes: 30, now: start.addingTimeInterval(58 * 60)))
        #expect(sessions.csrfToken(later) == sessions.csrfToken(session))
        #expect(sessions.verifyCSRF(sessions.csrfToken(session), session: later) && !sessions.verifyCSRF("forged", session: later))

        var changed = marie
        changed.passwordHash = "$2b$11$second"
        #expect(sessions.verify(cookie, users: StaffUsers(users: [changed]), idleMinutes: 30, now: start) == nil, "password changed")
        #expect(sessions.verify(cookie, users: StaffUsers(), idleMinutes: 30, now: start) == nil, "user removed")
        #expect(StaffSessions().verify(cookie, users: users, idleMinutes: 30, now: start) == nil, "another start, another key")
        let parts = cookie.split(separator: ".")
        let forged = Base64URL.encode(Data("rita|x|\(Int(start.timeIntervalSince1970))|y".utf8)) + "." + parts[1]
        #expect(sessions.verify(forged, users: users, idleMinutes: 30, now: start) == nil, "a payload needs its signature")
    }

    @Test func signInsAreLimitedPerUserAndPerAddress() async {
        let throttle = SignInThrottle()
        for _ in 0..<SignInThrottle.perUser {
            #expect(await !throttle.isLocked(user: "marie", address: "192.0.2.1", now: start))
            await throttle.recordFailure(user: "marie", address: "192.0.2.1", now: start)
        }
        #expect(await throttle.isLocked(user: "marie", address: "192.0.2.9", now: start), "per user, from any address")
        #expect(await !throttle.isLocked(user: "rita", address: "192.0.2.9", now: start))
        #expect(await !throttle.isLocked(user: "marie", address: "192.0.2.9", now: start.addingTimeInterval(SignInThrottle.window + 1)))
        for index in 0..<SignInThrottle.perAddress {
            await throttle.recordFailure(user: "user\(index)", address: "198.51.100.7", now: start)
        }
        #expect(await throttle.isLocked(user: "someone-else", address: "198.51.100.7", now: start), "per address, for any user")
    }

    @Test func passwordsAreBcryptHashes() {
        let hash = PasswordHash.make("correct horse battery")
        #expect(hash.hasPrefix("$2b$11$") && hash.count == 60)
        #expect(PasswordHash.verify("correct horse battery", hash: hash))
        #expect(!PasswordHash.verify("correct horse batterY", hash: hash))
        #expect(!PasswordHash.verify("anything", hash: "plain-text"))
        #expect(PasswordHash.problem("short") != nil && PasswordHash.problem(String(repeating: "é", count: 40)) != nil)
        #expect(PasswordHash.problem("long enough pw") == nil)
    }
}
