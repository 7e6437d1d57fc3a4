import Foundation
import Testing

/// The built binary in real git repositories, checked from outside with the git CLI.
@Suite struct FoundationEndToEndTests {
    @Test func initNewCheckCommitsAndKeepsRepositoryClean() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        #expect(id.range(of: #"^20261113-[a-z2-9]{4}$"#, options: .regularExpression) != nil, "id \(id)")
        let log = try shell.git("log", "--format=%s|%an|%ae").stdout.split(separator: "\n")
        #expect(
            log == [
                "new(\(id)): Attestation non reçue|Claire Martin|claire.martin@example.org",
                "init: ledger with the training procedure|Claire Martin|claire.martin@example.org",
            ])
        let trailers = try shell.git("log", "-1", "--format=%(trailers:key=Reclam-Case,valueonly)%(trailers:key=Reclam-Stage,valueonly)")
            .stdout
        #expect(trailers == "\(id)\nreceived\n\n")
        let stat = try shell.git("show", "--stat", "--format=", "HEAD").stdout
        #expect(stat.contains("cases/stg-1/\(id).md"))
        #expect(stat.contains("cases/stg-1/learner.md"))
        #expect(try shell.status() == "")
        let fsck = try shell.git("fsck", "--strict")
        #expect(fsck.status == 0, "\(fsck.stderr)")
        let check = try shell.reclam("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let text = try shell.read("cases/stg-1/\(id).md")
        #expect(text.hasPrefix("---\nid: \(id)\nlearner: stg-1\ntitle: Attestation non reçue\nreceived: 2026-11-13T18:00:00+01:00\n"))
        #expect(text.contains("## Journal\n\n- 2026-11-13 18:00 +01:00 — Claire Martin — réclamation reçue (Reçue)\n"))
        let withBody = try shell.reclam(
            "new", "--learner", "stg-2", "--title", "Salle froide", "--channel", "email", "--complainant", "learner", "--body-file", "-",
            stdin: "La salle B12 n'était pas chauffée.\n")
        let body = try shell.read("cases/stg-2/\(withBody.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).md")
        #expect(body.contains("## Réclamation\n\nLa salle B12 n'était pas chauffée.\n\n## Analyse\n"))
    }

    @Test func checkReportsFindingsWithExitOneAndFormats() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        try shell.write(
            "cases/stg-1/20261005-k7p3.md",
            "---\nid: 20261005-k7p3\nlearner: stg-1\ntitle: T\nreceived: 2026-10-05T09:12:00+02:00\nchannel: mail\ncomplainant: learner\nstage: received\n---\n"
        )
        let text = try shell.reclam("check")
        #expect(text.status == 1)
        #expect(text.stdout.contains("cases/stg-1/20261005-k7p3.md:6:10 : erreur : channel: 'mail' ne fait pas partie de :"))
        let github = try shell.reclam("check", "--format", "github")
        #expect(github.stdout.hasPrefix("::error file=cases/stg-1/20261005-k7p3.md,line=6,col=10,title=field-enum::channel"))
        let json = try shell.reclam("check", "--format", "json")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["rule"] as? String == "field-enum")
        #expect(parsed?.first?["line"] as? Int == 6)
        let usage = try shell.reclam("check", "--format", "xml")
        #expect(usage.status == 2)
        let noLedger = try shell.reclam("check", in: nil)
        #expect(noLedger.status == 2)
        #expect(noLedger.stderr.contains("no ledger found"))
    }

    @Test func failedCommandsLeaveNoTrace() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let before = try shell.head()
        for arguments in [
            ["new", "--learner", "../x", "--title", "T", "--channel", "email", "--complainant", "learner"],
            ["new", "--learner", "stg-1", "--id", "../x", "--title", "T", "--channel", "email", "--complainant", "learner"],
            ["new", "--learner", "stg-1", "--title", "T", "--channel", "mail", "--complainant", "learner"],
            [
                "new", "--learner", "stg-1", "--title", "T", "--channel", "email", "--complainant", "learner", "--received",
                "2026-02-30T10:00:00+01:00",
            ],
        ] {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
        #expect(try shell.head() == before)
        #expect(try shell.status() == "")
        #expect(!FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("x").path))
        #expect(!FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("ledger/cases/stg-1").path))
    }

    @Test func explicitIDImportsAndRefusesDuplicates() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let first = try shell.reclam(
            "new", "--id", "reg-2024-001", "--learner", "stg-1", "--title", "T", "--channel", "letter", "--complainant", "funder",
            "--received", "2024-03-01T10:00:00+01:00")
        #expect(first.stdout == "reg-2024-001\n")
        let again = try shell.reclam(
            "new", "--id", "reg-2024-001", "--learner", "stg-2", "--title", "T", "--channel", "letter", "--complainant", "funder")
        #expect(again.status == 1)
        #expect(again.stderr.contains("existe déjà"))
    }

    @Test func missingIdentityIsRefusedWithHelp() throws {
        var shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        shell.environment.removeValue(forKey: "RECLAM_ACTOR")
        let result = try shell.reclam("new", "--learner", "stg-1", "--title", "T", "--channel", "email", "--complainant", "learner")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--actor"))
        let explicit = try shell.reclam(
            "new", "--actor", "Karim Benali <karim@example.org>", "--learner", "stg-1", "--title", "T", "--channel", "email",
            "--complainant", "learner")
        #expect(explicit.status == 0)
        #expect(try shell.git("log", "-1", "--format=%an").stdout == "Karim Benali\n")
    }

    @Test func eightConcurrentNewCommandsAllLand() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let processes: [Process] = try (0..<8).map { index in
            try shell.spawn([
                "new", "--learner", "stg-\(index % 3)", "--title", "Concurrent \(index)", "--channel", "email", "--complainant", "learner",
            ])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let subjects = try shell.git("log", "--format=%s").stdout.split(separator: "\n").filter { $0.hasPrefix("new(") }
        #expect(subjects.count == 8)
        let files = try shell.git("ls-files", "cases").stdout.split(separator: "\n").filter {
            !$0.hasSuffix("learner.md") && $0.hasSuffix(".md")
        }
        #expect(files.count == 8)
        #expect(try shell.status() == "")
        #expect(try shell.git("fsck", "--strict").status == 0)
    }

    @Test func helpAndVersion() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let version = try shell.reclam("--version", in: nil)
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
        // Every listed command, and every subcommand of a group, has help with an example.
        func commands(_ help: String) -> [String] {
            guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
            return help[section.upperBound...].split(separator: "\n").compactMap { line in
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
                return line.split(separator: " ").first.map(String.init)
            }
        }
        let top = commands(try shell.reclam("--help", in: nil).stdout).filter { $0 != "help" }
        #expect(top.count >= 25)
        for command in top {
            let help = try shell.reclam("help", command, in: nil)
            #expect(help.status == 0, "\(command)")
            let subcommands = commands(help.stdout)
            if subcommands.isEmpty {
                #expect(help.stdout.contains("Example"), "help of \(command) has no example")
            }
            for subcommand in subcommands {
                let nested = try shell.reclam("help", command, subcommand, in: nil)
                #expect(nested.stdout.contains("Example"), "help of \(command) \(subcommand) has no example")
            }
        }
    }
}
