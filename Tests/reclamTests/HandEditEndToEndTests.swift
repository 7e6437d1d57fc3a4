import Foundation
import Testing

/// Editing by hand: `reclam edit` with scripted editors, `reclam commit`, the pre-commit hook
/// under a real `git commit`, and the schema checked by an independent validator.
@Suite struct HandEditEndToEndTests {
    /// A ledger with one committed case; returns the shell, the case id and its path.
    func ledgerWithCase() throws -> (Shell, String, String) {
        var shell = try Shell()
        try shell.initLedger()
        let id = try shell.newCase()
        shell.environment["GIT_AUTHOR_NAME"] = "Hand Editor"
        shell.environment["GIT_AUTHOR_EMAIL"] = "hand@example.org"
        shell.environment["GIT_COMMITTER_NAME"] = "Hand Editor"
        shell.environment["GIT_COMMITTER_EMAIL"] = "hand@example.org"
        return (shell, id, "cases/stg-1/\(id).md")
    }

    /// An executable editor script in the shell's folder, outside the ledger.
    func editor(_ shell: Shell, _ name: String, _ body: String) throws -> String {
        let path = shell.directory.appendingPathComponent(name).path
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func edit(_ shell: Shell, _ id: String, editor: String, _ extra: String...) throws -> Shell.Result {
        var shell = shell
        shell.environment["EDITOR"] = editor
        return try shell.run(Shell.reclam, ["edit", id] + extra, in: "ledger")
    }

    func commitCount(_ shell: Shell) throws -> Int {
        Int(try shell.git("rev-list", "--count", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func editCommitsAValidChangeWithItsStepAndJournalLine() throws {
        let (shell, id, path) = try ledgerWithCase()
        defer { shell.remove() }
        let script = try editor(
            shell, "assign.sh",
            "sed -i -e 's/^stage: received/stage: acknowledged/' -e 's/^title: .*/title: Attestation jamais reçue/' \"$1\"")
        let result = try edit(shell, id, editor: script)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(id) : Reçue → Réception accusée ("))
        #expect(try shell.status().isEmpty)
        let message = try shell.git("log", "-1", "--format=%B").stdout
        #expect(message.hasPrefix("edit(\(id)): received -> acknowledged, title\n"))
        #expect(message.contains("title: Attestation non reçue -> Attestation jamais reçue\n"))
        #expect(message.contains("stage: received -> acknowledged\n"))
        let trailers = try shell.git("log", "-1", "--format=%(trailers:key=Reclam-Case,key=Reclam-Stage,valueonly)").stdout
        #expect(trailers == "\(id)\nreceived -> acknowledged\n\n")
        let text = try shell.read(path)
        #expect(text.contains("  - {stage: acknowledged, at: 2026-11-16T10:00:00+01:00, by: Claire Martin}\n"))
        #expect(text.hasSuffix("— Claire Martin — Reçue → Réception accusée\n"))
        #expect(try shell.reclam("audit").status == 0)
    }

    @Test func editRefusesAnInvalidFileAndKeepsTheText() throws {
        let (shell, id, path) = try ledgerWithCase()
        defer { shell.remove() }
        let before = try commitCount(shell)
        let script = try editor(shell, "typo.sh", "sed -i 's/^channel: email/channel: emial/' \"$1\"")
        let result = try edit(shell, id, editor: script)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):6:10 : erreur : channel: 'emial' ne fait pas partie de"))
        #expect(result.stderr.contains("[field-enum]"))
        #expect(result.stderr.contains("non enregistrées"))
        #expect(try shell.read(path).contains("channel: emial"))
        #expect(try commitCount(shell) == before)
        #expect(try shell.status() == " M \(path)\n")
    }

    @Test func editRefusesAnIllegalStageChange() throws {
        let (shell, id, path) = try ledgerWithCase()
        defer { shell.remove() }
        let before = try commitCount(shell)
        let script = try editor(shell, "close.sh", "sed -i 's/^stage: received/stage: closed/' \"$1\"")
        let result = try edit(shell, id, editor: script)
        #expect(result.status == 1)
        #expect(result.stderr.contains("ne peut pas passer de l'étape Reçue à l'étape Clôturée : la procédure ne le permet pas"))
        #expect(result.stderr.contains("[audit-illegal-transition]"))
        #expect(try shell.read(path).contains("stage: closed"))
        #expect(try commitCount(shell) == before)
    }

    @Test func editWithoutAChangeCommitsNothing() throws {
        let (shell, id, _) = try ledgerWithCase()
        defer { shell.remove() }
        let before = try commitCount(shell)
        let script = try editor(shell, "look.sh", "cat \"$1\" > /dev/null")
        let result = try edit(shell, id, editor: script)
        #expect(result.status == 0)
        #expect(result.stderr.contains("n'a pas changé ; rien n'a été enregistré"))
        #expect(try commitCount(shell) == before)
    }

    @Test func editRunsEditorsWithArgumentsAndVisualFirst() throws {
        var (shell, id, path) = try ledgerWithCase()
        defer { shell.remove() }
        let script = try editor(shell, "with-args.sh", "[ \"$1\" = --wait ] || exit 3\nprintf '\\nNote.\\n' >> \"$2\"")
        shell.environment["VISUAL"] = "\(script) --wait"
        let result = try edit(shell, id, editor: "false")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try shell.read(path).hasSuffix("\nNote.\n"))
        #expect(try shell.git("log", "-1", "--format=%s").stdout == "edit(\(id)): Journal\n")
        shell.environment["VISUAL"] = "false"
        #expect(try edit(shell, id, editor: "true").status == 2)
    }

    @Test func editInATerminalOffersToReopenTheEditor() throws {
        let (shell, id, _) = try ledgerWithCase()
        defer { shell.remove() }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let marker = shell.directory.appendingPathComponent("second-run").path
        let script = try editor(
            shell, "twice.sh",
            """
            if [ -f '\(marker)' ]; then
                sed -i 's/^channel: emial/channel: letter/' "$1"
            else
                touch '\(marker)'
                sed -i 's/^channel: email/channel: emial/' "$1"
            fi
            """)
        var terminal = shell
        terminal.environment["EDITOR"] = script
        let result = try terminal.run("/usr/bin/script", ["-qec", "'\(Shell.reclam)' edit \(id)", "/dev/null"], in: "ledger", stdin: "y\n")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("[field-enum]"))
        #expect(result.stdout.contains("Rouvrir l'éditeur pour le corriger ? [O/n]"))
        #expect(try shell.git("log", "-1", "--format=%B").stdout.contains("channel: email -> letter"))
    }

    @Test func commitTakesHandEditsInOneCommitOrNone() throws {
        let (shell, id, path) = try ledgerWithCase()
        defer { shell.remove() }
        let other = try shell.newCase(learner: "stg-2")
        let otherPath = "cases/stg-2/\(other).md"
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "stage: received", with: "stage: acknowledged"))
        try shell.write(otherPath, try shell.read(otherPath).replacingOccurrences(of: "stage: received", with: "stage: investigating"))
        let before = try commitCount(shell)
        let refused = try shell.reclam("commit")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(otherPath):8:8 : erreur :"))
        #expect(try commitCount(shell) == before)
        #expect(try shell.status() == " M \(path)\n M \(otherPath)\n")

        try shell.write(otherPath, try shell.read(otherPath).replacingOccurrences(of: "stage: investigating", with: "stage: acknowledged"))
        try shell.write("cases/stg-1/learner.md", try shell.read("cases/stg-1/learner.md") + "\nAppelé le 14/11.\n")
        let result = try shell.reclam("commit", "-m", "Accusés de réception par téléphone")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try commitCount(shell) == before + 1)
        #expect(try shell.status().isEmpty)
        let summary = try shell.git("log", "-1", "--format=%s").stdout
        #expect(summary == "edit(\(id), stg-1, \(other)): Accusés de réception par téléphone\n")
        let files = try shell.git("show", "--name-only", "--format=", "HEAD").stdout
        #expect(files == "cases/stg-1/\(id).md\ncases/stg-1/learner.md\n\(otherPath)\n")
        #expect(try shell.reclam("commit").stderr.contains("rien n'a été enregistré"))
    }

    @Test func hookBlocksAnInvalidGitCommitAndLetsAValidOneThrough() throws {
        let (shell, id, path) = try ledgerWithCase()
        defer { shell.remove() }
        let install = try shell.reclam("hooks", "install")
        #expect(install.status == 0, "\(install.stderr)")
        let hook = shell.directory.appendingPathComponent("ledger/.git/hooks/pre-commit").path
        #expect(FileManager.default.isExecutableFile(atPath: hook))
        #expect(try String(contentsOfFile: hook, encoding: .utf8).contains("installed='\(Shell.reclam)'"))
        let before = try commitCount(shell)

        try shell.write(path, try shell.read(path).replacingOccurrences(of: "channel: email", with: "channel: emial"))
        #expect(try shell.git("add", path).status == 0)
        let refused = try shell.git("commit", "-m", "typo")
        #expect(refused.status != 0)
        #expect(refused.stdout.contains("[field-enum]") || refused.stderr.contains("[field-enum]"))
        #expect(try commitCount(shell) == before)

        // 'git commit -a' stages into a temporary index: the hook must read that one.
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "channel: emial", with: "channel: email"))
        #expect(try shell.git("reset", "-q").status == 0)
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "stage: received", with: "stage: closed"))
        let illegal = try shell.git("commit", "-am", "fermeture")
        #expect(illegal.status != 0)
        #expect((illegal.stdout + illegal.stderr).contains("[audit-illegal-transition]"))
        #expect(try commitCount(shell) == before)

        try shell.write(path, try shell.read(path).replacingOccurrences(of: "stage: closed", with: "stage: received"))
        try shell.write(
            path, try shell.read(path).replacingOccurrences(of: "title: Attestation non reçue", with: "title: Attestation manquante"))
        let accepted = try shell.git("commit", "-am", "titre")
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
        #expect(try commitCount(shell) == before + 1)
        #expect(try shell.git("show", "HEAD:\(path)").stdout.contains("title: Attestation manquante"))
        _ = id
    }

    @Test func hooksKeepAnExistingHookAndUninstallOnlyTheirOwn() throws {
        let (shell, _, _) = try ledgerWithCase()
        defer { shell.remove() }
        let hooks = shell.directory.appendingPathComponent("ledger/.git/hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let hook = hooks.appendingPathComponent("pre-commit")
        let theirs = "#!/bin/sh\necho theirs\n"
        try Data(theirs.utf8).write(to: hook)
        let refused = try shell.reclam("hooks", "install")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == theirs)
        #expect(try shell.reclam("hooks", "uninstall").status == 1)
        #expect(try String(contentsOf: hook, encoding: .utf8) == theirs)

        let forced = try shell.reclam("hooks", "install", "--force")
        #expect(forced.status == 0)
        #expect(
            forced.stdout.hasPrefix("hook installé : /")
                && forced.stdout.hasSuffix("/pre-commit ; le hook précédent est conservé sous le nom \(hook.path).reclam-backup\n"),
            "\(forced.stdout)")
        #expect(try String(contentsOf: hooks.appendingPathComponent("pre-commit.reclam-backup"), encoding: .utf8) == theirs)
        #expect(try String(contentsOf: hook, encoding: .utf8).contains("# reclam-hook: pre-commit"))
        #expect(try shell.reclam("hooks", "install").stdout.hasPrefix("hook mis à jour : "))

        let removed = try shell.reclam("hooks", "uninstall")
        #expect(removed.status == 0)
        #expect(
            removed.stdout == "hook de reclam supprimé ; \(hook.path).reclam-backup est rétabli sous le nom \(hook.path)\n",
            "\(removed.stdout)")
        #expect(try String(contentsOf: hook, encoding: .utf8) == theirs)
        #expect(!FileManager.default.fileExists(atPath: hooks.appendingPathComponent("pre-commit.reclam-backup").path))
    }

    @Test func hooksFollowCoreHooksPath() throws {
        let (shell, _, _) = try ledgerWithCase()
        defer { shell.remove() }
        #expect(try shell.git("config", "core.hooksPath", ".githooks").status == 0)
        #expect(try shell.reclam("hooks", "install").status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: shell.directory.appendingPathComponent("ledger/.githooks/pre-commit").path))
        #expect(try shell.reclam("hooks", "uninstall").status == 0)
        #expect(!FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("ledger/.githooks/pre-commit").path))
    }

    /// The schema is checked by Python's jsonschema, with the front-matter read by PyYAML's
    /// BaseLoader so that every value stays the text written, as reclam reads it.
    @Test func theSchemaValidatesTheSampleLedgerWithAnIndependentValidator() throws {
        let shell = try Shell()
        defer { shell.remove() }
        for format in ["json-schema", "json-schema-draft-07"] {
            let schema = try shell.run(Shell.reclam, ["schema", "--ledger", Shell.packageRoot.path, "--format", format], in: nil)
            #expect(schema.status == 0, "\(schema.stderr)")
            try Data(schema.stdout.utf8).write(to: shell.directory.appendingPathComponent("\(format).json"))
        }
        let broken = shell.directory.appendingPathComponent("broken.md")
        try Data(
            "---\nid: 20261005-K7P3\nlearner: stg-1\ntitle: x\nreceived: 2026-10-05T09:12:00\nchannel: emial\ncomplainant: learner\nstage: assigned\nownr: Claire\n---\n"
                .utf8
        ).write(to: broken)
        let script = """
            import glob, json, sys
            try:
                import jsonschema, yaml
            except ImportError as error:
                sys.exit(f"missing Python module ({error}): pip install jsonschema pyyaml")
            schema = json.load(open(sys.argv[1]))
            # The validator is chosen by the schema's own $schema, as editors do.
            Validator = jsonschema.validators.validator_for(schema, default=None)
            if Validator is None:
                sys.exit("unknown $schema " + schema.get("$schema", "(none)"))
            Validator.check_schema(schema)
            validator = Validator(schema, format_checker=Validator.FORMAT_CHECKER)
            print(Validator.__name__)
            def front_matter(path):
                text = open(path, encoding="utf-8").read()
                return yaml.load(text.split("\\n---\\n", 1)[0][4:], Loader=yaml.BaseLoader)
            cases = [p for p in sorted(glob.glob(sys.argv[2] + "/cases/*/*.md")) if not p.endswith("/learner.md")]
            for path in cases:
                for error in validator.iter_errors(front_matter(path)):
                    print(f"{path}: {error.message}")
            print(f"checked {len(cases)}")
            broken = sorted(e.json_path for e in validator.iter_errors(front_matter(sys.argv[3])))
            print("broken:", " ".join(broken))
            """
        let cases = try FileManager.default.subpathsOfDirectory(atPath: Shell.packageRoot.appendingPathComponent("cases").path)
            .filter { $0.hasSuffix(".md") && !$0.hasSuffix("learner.md") }
        #expect(cases.count > 10)
        for (format, validator) in [("json-schema", "Draft202012Validator"), ("json-schema-draft-07", "Draft7Validator")] {
            let schemaPath = shell.directory.appendingPathComponent("\(format).json").path
            let result = try shell.run(
                "/usr/bin/env", ["python3", "-c", script, schemaPath, Shell.packageRoot.path, broken.path], in: nil)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines == [validator, "checked \(cases.count)", "broken: $ $ $.channel $.id $.received $.received"], "\(result.stdout)")
        }
    }
}
