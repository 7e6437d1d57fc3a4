import Foundation
import Testing

/// The form sent like a person would, in headless Chromium driven by Selenium
/// (Tests/browser/serve_browser.py): Debian's chromium and chromium-driver, and selenium from
/// PyPI, which scripts/install-deps installs. RECLAM_SCREENSHOTS=docs/screenshots keeps the
/// screenshots of the form, the receipt and the status page there (the README shows them).
@Suite struct ServeBrowserTests {
    @Test func aPersonSendsTheFormAndFollowsTheStatusLink() throws {
        guard Fixture.browserToolsPresent() else { return }
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        try shell.configureServe(
            "  actor: \"Formulaire web <reclamations@example.org>\"\n  privacy_url: https://example.org/confidentialite\n")
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let attachment = shell.directory.appendingPathComponent("attestation.pdf")
        try Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8).write(to: attachment)
        let screenshots =
            ProcessInfo.processInfo.environment["RECLAM_SCREENSHOTS"].map { Shell.packageRoot.appendingPathComponent($0).path }
            ?? shell.directory.appendingPathComponent("screenshots").path
        let script = Shell.packageRoot.appendingPathComponent("Tests/browser/serve_browser.py").path
        let before = try shell.commitCount()
        let run = try shell.run("/usr/bin/timeout", ["180", "python3", script, server.url, screenshots, attachment.path], in: nil)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let words = run.stdout.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(words.count == 2 && words[1] == "Réception accusée", "\(run.stdout)")

        // What the browser sent is in the ledger: one case, its attachment, after one refused try.
        #expect(try shell.commitCount() == before + 1)
        let id = try #require(words.first)
        #expect(try shell.git("ls-files", "cases/*/\(id)/attestation.pdf").stdout.contains("attestation.pdf"))
        #expect(server.log.contains(" POST / 422 ") && server.log.contains(" POST / 303 "))
        for name in ["serve-form", "serve-receipt", "serve-status"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(screenshots)/\(name).png"))
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name).png is a PNG")
            #expect(data.count > 10_000, "\(name).png shows a page")
        }
        #expect(try shell.reclam("check").status == 0)
    }
}
