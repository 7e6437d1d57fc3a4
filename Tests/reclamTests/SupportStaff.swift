import Foundation
import Testing

/// The set-up of the suites that drive the staff workspace (/equipe/): a ledger with its
/// users, the server, and browsers signed in.
enum StaffFixture {
    static let staffPassword = "correct horse battery"
    static let reviewerPassword = "reviewer staple 42"

    /// A training ledger with one case (its title holds markup), Marie (staff) and Rita
    /// (reviewer).
    static func ledger() throws -> (Shell, String) {
        let shell = try Shell()
        try shell.initLedger()
        let id = try shell.newCase(title: "Attestation <script>alert(1)</script> non reçue")
        try shell.addUser("marie", name: "Marie Dupont", email: "marie.dupont@example.org", role: "staff", password: staffPassword)
        try shell.addUser("rita", name: "Rita Relectrice", email: "rita@example.org", role: "reviewer", password: reviewerPassword)
        return (shell, id)
    }

    /// The value of the form field `name` in `page`.
    static func field(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"[^\"]*\"", options: .regularExpression) else { return nil }
        return String(page[range].dropFirst("name=\"\(name)\" value=\"".count).dropLast())
    }

    static func signIn(_ browser: Browser, _ server: ServeProcess, user: String, password: String) throws -> HTTPExchange {
        let page = try browser.get(server.url + "/equipe/connexion")
        let csrf = try #require(field("csrf", in: page.body))
        return try browser.post(server.url + "/equipe/connexion", fields: [("csrf", csrf), ("user", user), ("password", password)])
    }

    /// The ledger of `ledger()` served, with Marie signed in (and Rita too when asked).
    struct Desk {
        var shell: Shell
        var id: String
        var server: ServeProcess
        var marie: Browser
        /// Rita's browser: signed in only when the desk was opened with `reviewer: true`.
        var rita: Browser

        func url(_ path: String) -> String { server.url + "/equipe" + path }

        func stop() {
            server.stop()
            shell.remove()
        }
    }

    /// `prepare` runs on the ledger before the server starts.
    static func desk(
        reviewer: Bool = false, sourceLocation: SourceLocation = #_sourceLocation,
        _ prepare: (Shell, String) throws -> Void = { _, _ in }
    ) throws -> Desk {
        let (shell, id) = try ledger()
        try prepare(shell, id)
        let server = try ServeProcess(shell)
        let marie = Browser(shell, name: "marie")
        #expect(try signIn(marie, server, user: "marie", password: staffPassword).status == 303, sourceLocation: sourceLocation)
        let rita = Browser(shell, name: "rita")
        if reviewer {
            #expect(try signIn(rita, server, user: "rita", password: reviewerPassword).status == 303, sourceLocation: sourceLocation)
        }
        return Desk(shell: shell, id: id, server: server, marie: marie, rita: rita)
    }
}

extension Shell {
    /// `reclam user add`, the password on standard input; expects it to succeed.
    func addUser(
        _ id: String, name: String, email: String, role: String, password: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let added = try reclam("user", "add", id, "--name", name, "--email", email, "--role", role, stdin: password + "\n")
        #expect(added.status == 0, "\(added.stderr)", sourceLocation: sourceLocation)
    }
}
