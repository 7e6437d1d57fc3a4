import Foundation
import Testing

/// Every verb of the ledger's procedure is a command: both presets walked from received to
/// closed with verbs only, `reclam help VERB`, and hints that name commands that run.
@Suite struct VerbEndToEndTests {
    func expectOK(_ result: Shell.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(what): \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func trainingCaseWalkedWithVerbsOnly() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        expectOK(try shell.reclam("ack", id), "ack")
        expectOK(try shell.reclam("assign", id, "--to", "Karim Benali"), "assign")
        expectOK(try shell.reclam("investigate", id), "investigate")
        expectOK(
            try shell.reclam(
                "decide", id, "--set", "findings=Attestation jamais envoyée", "--set", "solution=Envoi immédiat", "--set",
                "solution_type=corrective-action"), "decide")
        expectOK(try shell.reclam("respond", id, "--set", "response_channel=email"), "respond")
        expectOK(try shell.reclam("follow-up", id, "--set", "satisfaction=satisfied"), "follow-up")
        let closed = try shell.reclam("close", id, "--set", "no_action_reason=Cas isolé")
        expectOK(closed, "close")
        #expect(try shell.read("cases/stg-1/\(id).md").contains("stage: closed"))
        #expect(try shell.reclam("check").status == 0)
        #expect(try shell.status() == "")
    }

    @Test func networkCaseWalkedWithVerbsOnly() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger(procedure: "network")
        let id = try shell.newCase(title: "Feuilles d'émargement manquantes")
        expectOK(
            try shell.reclam("qualify", id, "--set", "in_scope=yes", "--set", "risk=medium", "--set", "level=regional"), "qualify")
        expectOK(try shell.reclam("contain", id, "--set", "containment=Envoi des feuilles scannées"), "contain")
        expectOK(
            try shell.reclam("analyse", id, "--set", "root_causes=Classement papier", "--set", "action_plan=Émargement numérique"),
            "analyse")
        expectOK(try shell.reclam("respond", id, "--set", "response_channel=letter"), "respond")
        expectOK(try shell.reclam("close", id, "--set", "no_action_reason=Plan d'action déjà engagé"), "close")
        #expect(try shell.reclam("check").status == 0)
    }

    @Test func helpExplainsAVerbFromTheProcedure() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        for arguments in [["help", "decide"], ["decide", "--help"]] {
            let help = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(help.status == 0)
            #expect(help.stdout.contains("investigating → solution-decided"))
            #expect(help.stdout.contains("solution_type (enum: corrective-action, compensation, process-improvement)"))
        }
        let unknown = try shell.reclam("investigat", "20261005-k7p3")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("investigate"))
    }

    @Test func everyHintNamesACommandThatRuns() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase()
        expectOK(try shell.reclam("ack", id), "ack")
        let next = try shell.reclam("next", id)
        expectOK(next, "next")
        let refused = try shell.reclam("close", id)
        #expect(refused.status == 1)
        let hints = next.stdout + refused.stderr
        let regex = try NSRegularExpression(pattern: #"reclam ([a-z][a-z-]*)"#)
        let words = Set(
            regex.matches(in: hints, range: NSRange(hints.startIndex..., in: hints)).map {
                String(hints[Range($0.range(at: 1), in: hints)!])
            })
        #expect(!words.isEmpty)
        for word in words {
            let help = try shell.reclam("help", word)
            #expect(help.status == 0, "hint names 'reclam \(word)', which does not run")
            #expect(!help.stdout.hasPrefix("OVERVIEW: A plain-text"), "'reclam help \(word)' fell back to the main help")
        }
    }

    @Test func builtInNamesMatchTheCommandLine() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let help = try shell.reclam("--help", in: nil)
        let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let names = section.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("  "), !line.hasPrefix("    "), let word = trimmed.split(separator: " ").first,
                word.allSatisfy({ $0.isLowercase || $0 == "-" })
            else { return nil }
            return String(word)
        }
        #expect(names.count > 20)
        // Each built-in name used as a verb must be refused by check (but 'ack', whose command
        // runs that transition): the library's list of names is the command line's.
        try FileManager.default.createDirectory(at: shell.directory.appendingPathComponent("ledger"), withIntermediateDirectories: true)
        for name in names {
            try shell.write(
                "reclam.yml",
                """
                organisation: Test
                procedure:
                  stages:
                    - {id: received, initial: true}
                    - {id: closed, terminal: true}
                  transitions:
                    - {from: received, to: closed, verb: \(name)}

                """)
            let check = try shell.reclam("check")
            #expect(check.stdout.contains("[procedure-verb-clash]") == (name != "ack"), "verb '\(name)'")
        }
    }
}
