import Foundation
import Testing

/// The server's `SubmissionDirectory` (which learner an address belongs to), kept between
/// submissions: a learner file committed at the terminal, or pulled, is used by the next web
/// submission. The ledger's `reclam.yml`, kept too, is parsed again when it changes.
@Suite struct ServeSubmissionDirectoryEndToEndTests {
    /// Submits the form; returns the learner folder the new case was filed under.
    func submit(_ server: ServeProcess, _ shell: Shell, email: String) throws -> String {
        let browser = Browser(shell)
        let csrf = try browser.formToken(server.url)
        let sent = try browser.post(server.url + "/", fields: ServeEndToEndTests.fields(csrf: csrf, email: email))
        try #require(sent.status == 303, "\(sent.body)")
        let id = String(try #require(sent.header("location")).dropFirst("/merci/".count))
        let path = try shell.git("ls-files", "cases/*/\(id).md").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = path.split(separator: "/")
        try #require(parts.count == 3, "\(id): \(path)")
        return String(parts[1])
    }

    @Test func learnersChangedAtTheTerminalAreFoundByTheNextSubmission() throws {
        let shell = try ServeEndToEndTests().ledger(serve: "  rate_limit: 1000/minute\n")
        defer { shell.remove() }
        let server = try ServeProcess(shell)
        defer { server.stop() }
        #expect(try submit(server, shell, email: "jeanne.dupont@example.org") == "stg-2026-014")
        let stranger = try submit(server, shell, email: "ines.roux@example.org")
        #expect(stranger.hasPrefix("web-"))

        // A learner added and committed with git: the next submission from that address is theirs.
        try shell.write("cases/stg-2026-200/learner.md", "---\nid: stg-2026-200\nemails: [Paul.Martin@example.org]\n---\n")
        try shell.commitAll("a learner")
        #expect(try submit(server, shell, email: "paul.martin@example.org") == "stg-2026-200")

        // Their address changed and committed: the new one leads to them, the old one to nobody.
        try shell.write("cases/stg-2026-200/learner.md", "---\nid: stg-2026-200\nemails: [paul@example.net]\n---\n")
        try shell.commitAll("a new address")
        #expect(try submit(server, shell, email: "paul@example.net") == "stg-2026-200")
        let old = try submit(server, shell, email: "paul.martin@example.org")
        #expect(old.hasPrefix("web-") && old != stranger)
        // The learner the server made for the unknown address earlier is found again.
        #expect(try submit(server, shell, email: "ines.roux@example.org") == stranger)

        // A learner committed in another clone and pulled.
        let origin = shell.directory.appendingPathComponent("ledger").path
        #expect(try shell.git("clone", "-q", origin, "other", in: ".").status == 0)
        let other = shell.directory.appendingPathComponent("other/cases/stg-2026-300")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("---\nid: stg-2026-300\nemails: [lea@example.org]\n---\n".utf8).write(to: other.appendingPathComponent("learner.md"))
        try shell.git("add", "-A", in: "other")
        try shell.git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "a learner", in: "other")
        let pull = try shell.git("pull", "-q", "--ff-only", shell.directory.appendingPathComponent("other").path)
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(try submit(server, shell, email: "lea@example.org") == "stg-2026-300")
        #expect(try shell.git("fsck", "--strict").status == 0)

        // reclam.yml is parsed once while its bytes stay the same, and again when they change.
        let french = try shell.read("reclam.yml")
        #expect(try Browser(shell).get(server.url + "/").body.contains("<html lang=\"fr\">"))
        try shell.write("reclam.yml", french.replacingOccurrences(of: "language: fr", with: "language: en"))
        #expect(try Browser(shell).get(server.url + "/").body.contains("<html lang=\"en\">"), "an edit shows at the next request")
        try shell.write("reclam.yml", french)
        #expect(try Browser(shell).get(server.url + "/").body.contains("<html lang=\"fr\">"))
    }
}
