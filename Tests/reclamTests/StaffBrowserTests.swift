import Foundation
import Testing

/// The staff workspace worked like a person would, in headless Chromium driven by Selenium
/// (Tests/browser/staff_browser.py), as ServeBrowserTests does for the public form.
/// RECLAM_SCREENSHOTS=docs/screenshots keeps the screenshots of the agenda and of a case page.
@Suite struct StaffBrowserTests {
    @Test func aStaffMemberSignsInOpensTheAgendaAndActsOnACase() throws {
        guard Fixture.browserToolsPresent() else { return }
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(title: "Attestation de fin de formation non reçue")
        _ = try shell.newCase(learner: "stg-2", title: "Salle non chauffée", received: "2026-11-14T09:30:00+01:00")
        #expect(try shell.reclam("ack", id).status == 0)
        let password = "browser password 2026"
        try shell.addUser("marie", name: "Marie Dupont", email: "marie.dupont@example.org", role: "staff", password: password)
        let server = try ServeProcess(shell)
        defer { server.stop() }
        let screenshots =
            ProcessInfo.processInfo.environment["RECLAM_SCREENSHOTS"].map { Shell.packageRoot.appendingPathComponent($0).path }
            ?? shell.directory.appendingPathComponent("screenshots").path
        let script = Shell.packageRoot.appendingPathComponent("Tests/browser/staff_browser.py").path
        let before = try shell.commitCount()
        let run = try shell.run("/usr/bin/timeout", ["180", "python3", script, server.url, screenshots, "marie", password, id], in: nil)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "Attribuée (assigned)", "\(run.stdout)")

        // One commit for the move and one for the note, authored by the person signed in.
        #expect(try shell.commitCount() == before + 2)
        #expect(
            try shell.git("log", "-2", "--format=%an <%ae>").stdout
                == String(repeating: "Marie Dupont <marie.dupont@example.org>\n", count: 2))
        #expect(try shell.read("cases/stg-1/\(id).md").contains("owner: marie"))
        #expect(try shell.git("log", "-1", "--skip=1", "--format=%B").stdout.contains("Pris en charge depuis le navigateur."))
        #expect(try shell.git("log", "-1", "--format=%s").stdout == "note(\(id)): journal\n")
        #expect(try shell.read("cases/stg-1/\(id).md").contains(" — Marie Dupont — Rappel prévu vendredi.\n"))
        for name in ["staff-agenda", "staff-case"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(screenshots)/\(name).png"))
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name).png is a PNG")
            #expect(data.count > 10_000, "\(name).png shows a page")
        }
    }
}
