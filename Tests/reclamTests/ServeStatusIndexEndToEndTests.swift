import Foundation
import Testing

/// The status page's index (`StatusIndex`), kept by the running server between requests: what
/// happens to the ledger between two requests shows at the second one.
@Suite struct ServeStatusIndexEndToEndTests {
    /// Submits the form; returns the case id and the status page's path from the receipt.
    func submit(_ server: ServeProcess, _ shell: Shell, email: String) throws -> (id: String, status: String) {
        let browser = Browser(shell)
        let csrf = try browser.formToken(server.url)
        let sent = try browser.post(server.url + "/", fields: ServeEndToEndTests.fields(csrf: csrf, email: email))
        try #require(sent.status == 303, "\(sent.body)")
        let location = try #require(sent.header("location"))
        let receipt = try browser.get(server.url + location)
        let range = try #require(receipt.body.range(of: #"/suivi/[A-Za-z0-9_-]{43}"#, options: .regularExpression))
        return (String(location.dropFirst("/merci/".count)), String(receipt.body[range]))
    }

    func stage(_ page: HTTPExchange) -> String? {
        guard let range = page.body.range(of: #"<dd id="stage">[^<]*</dd>"#, options: .regularExpression) else { return nil }
        return String(page.body[range].dropFirst(15).dropLast(5))
    }

    @Test func changesBetweenTwoRequestsShowAtTheSecond() throws {
        let shell = try ServeEndToEndTests().ledger()
        defer { shell.remove() }
        let server = try ServeProcess(shell)
        defer { server.stop() }

        let first = try submit(server, shell, email: "jeanne.dupont@example.org")
        let page = try Browser(shell).get(server.url + first.status)
        #expect(page.status == 200 && stage(page) == "Réception accusée")

        // A second case after the index was made: its link works at once.
        let second = try submit(server, shell, email: "paul.martin@example.org")
        #expect(try Browser(shell).get(server.url + second.status).body.contains(second.id))

        // A move at the terminal, then a page: the new stage.
        let assign = try shell.reclam("assign", first.id, "--to", "Karim Benali")
        #expect(assign.status == 0, "\(assign.stderr)")
        #expect(stage(try Browser(shell).get(server.url + first.status)) == "Attribuée")

        // The case filed under another learner by hand, committed with git: still found.
        let path = try shell.git("ls-files", "cases/*/\(first.id).md").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.createDirectory(
            at: shell.directory.appendingPathComponent("ledger/cases/stg-2026-099"), withIntermediateDirectories: true)
        try shell.git("mv", path, "cases/stg-2026-099/\(first.id).md")
        let moved = "cases/stg-2026-099/\(first.id).md"
        try shell.write(moved, try shell.read(moved).replacingOccurrences(of: "learner: stg-2026-014\n", with: "learner: stg-2026-099\n"))
        try shell.commitAll("filed under another learner")
        let refiled = try Browser(shell).get(server.url + first.status)
        #expect(refiled.status == 200 && stage(refiled) == "Attribuée")

        // A revoked token opens nothing at the next request; the other case's still does.
        let revoke = try shell.reclam("set", first.id, "status_token_sha256=")
        #expect(revoke.status == 0, "\(revoke.stdout)\(revoke.stderr)")
        let revoked = try Browser(shell).get(server.url + first.status)
        #expect(revoked.status == 404 && revoked.body.contains("Page introuvable"))
        #expect(try Browser(shell).get(server.url + second.status).status == 200)

        // Wrong tokens: a plain 404, the same page whatever their shape.
        let token = String(second.status.dropFirst("/suivi/".count))
        let last = token.last == "A" ? "B" : "A"
        for wrong in [String(token.dropLast()) + last, "abc", String(repeating: "x", count: 43)] {
            let refused = try Browser(shell).get(server.url + "/suivi/" + wrong)
            #expect(refused.status == 404 && refused.body == revoked.body)
        }
        #expect(try shell.git("fsck", "--strict").status == 0)
    }
}
