import Foundation
import Testing

/// Nothing a command is given reaches outside the ledger: `reclam edit` refuses links before
/// the editor starts, template names are ids, and ids Windows reserves are refused everywhere.
@Suite struct NoEscapeEndToEndTests {
    /// A ledger with one committed case, and an editor that leaves a mark and writes its file.
    func ledgerWithCase() throws -> (Shell, String) {
        var shell = try Shell()
        try shell.initLedger()
        let id = try shell.newCase()
        let script = shell.directory.appendingPathComponent("editor.sh").path
        let body = "#!/bin/sh\ntouch '\(shell.directory.path)/editor-ran'\necho 'écrit par l’éditeur' >> \"$1\"\n"
        try Data(body.utf8).write(to: URL(fileURLWithPath: script))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        shell.environment["EDITOR"] = script
        return (shell, id)
    }

    func editorRan(_ shell: Shell) -> Bool {
        FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("editor-ran").path)
    }

    @Test func editRefusesASymlinkedCaseFileBeforeTheEditorStarts() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        let path = "cases/stg-1/\(id).md"
        let outside = shell.directory.appendingPathComponent("outside.md")
        try FileManager.default.moveItem(at: shell.directory.appendingPathComponent("ledger/\(path)"), to: outside)
        try FileManager.default.createSymbolicLink(
            atPath: shell.directory.appendingPathComponent("ledger/\(path)").path, withDestinationPath: outside.path)
        let before = try Data(contentsOf: outside)
        let result = try shell.reclam("edit", id)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(path) is a symbolic link"), "\(result.stderr)")
        #expect(!editorRan(shell))
        #expect(try Data(contentsOf: outside) == before)
    }

    @Test func editRefusesAHardLinkedCaseFile() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        let file = shell.directory.appendingPathComponent("ledger/cases/stg-1/\(id).md")
        let outside = shell.directory.appendingPathComponent("outside.md")
        try FileManager.default.linkItem(at: file, to: outside)
        let result = try shell.reclam("edit", id)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("hard links"), "\(result.stderr)")
        #expect(!editorRan(shell))
    }

    @Test func editRefusesAnActionUnderASymlinkedFolder() throws {
        let (shell, _) = try ledgerWithCase()
        defer { shell.remove() }
        let folder = shell.directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("---\nid: act-20261116-ab12\n---\n".utf8).write(to: folder.appendingPathComponent("act-20261116-ab12.md"))
        let actions = shell.directory.appendingPathComponent("ledger/actions")
        try? FileManager.default.removeItem(at: actions)
        try FileManager.default.createSymbolicLink(atPath: actions.path, withDestinationPath: folder.path)
        let result = try shell.reclam("edit", "act-20261116-ab12")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("lies under actions, a symbolic link"), "\(result.stderr)")
        #expect(!editorRan(shell))
    }

    @Test func editStillOpensARegularCaseFile() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        let result = try shell.reclam("edit", id)
        #expect(editorRan(shell))
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func letterTemplateNamesAreIds() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        // Where '../../../x' leads from templates/letters/: beside the ledger.
        try Data("---\nsubject: Hors du registre\n---\nSECRET {{case.id}}\n".utf8).write(
            to: shell.directory.appendingPathComponent("x.fr.md"))
        for name in ["../../../x", "../letters/ack", "ack/../ack", "Ack", "con", "LPT1"] {
            let result = try shell.reclam("letter", id, name)
            #expect(result.status == 2, "\(name): \(result.stderr)")
            #expect(result.stderr.contains("template name"), "\(name): \(result.stderr)")
            #expect(!result.stdout.contains("SECRET"))
        }
        #expect(try shell.reclam("letter", id, "ack").status == 0)
    }

    @Test(arguments: ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"])
    func windowsDeviceNamesAreRefusedAsIds(_ name: String) throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        let head = try shell.head()
        let attempts: [[String]] = [
            ["new", "--learner", name, "--title", "T", "--channel", "email", "--complainant", "learner"],
            ["new", "--learner", "stg-1", "--id", name, "--title", "T", "--channel", "email", "--complainant", "learner"],
            ["show", name],
            ["learner", name],
            ["ack", name],
            ["letter", id, name],
            ["action", "new", "--title", "T", "--kind", "corrective", "--cases", name],
        ]
        for arguments in attempts {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("device name on Windows"), "\(arguments): \(result.stderr)")
        }
        #expect(try shell.head() == head)
        #expect(try shell.status().isEmpty)
    }

    @Test func checkFlagsDeviceNamesInFileAndFolderNames() throws {
        let (shell, id) = try ledgerWithCase()
        defer { shell.remove() }
        let text = try shell.read("cases/stg-1/\(id).md")
        try shell.write("cases/aux/learner.md", "---\nid: aux\n---\n")
        try shell.write("cases/stg-1/nul.md", text.replacingOccurrences(of: "id: \(id)\n", with: ""))
        try shell.write("templates/letters/con.fr.md", "---\nsubject: S\n---\nTexte.\n")
        try shell.write("templates/letters/COM1.en.md", "---\nsubject: S\n---\nText.\n")
        let result = try shell.reclam("check")
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for path in ["cases/aux", "cases/stg-1/nul.md", "templates/letters/con.fr.md", "templates/letters/COM1.en.md"] {
            #expect(
                lines.contains {
                    ($0.hasPrefix("\(path):") || $0.hasPrefix("\(path) :")) && $0.hasSuffix("[id-reserved]")
                        && $0.contains("nom de périphérique sous Windows")
                },
                "\(path) not flagged:\n\(result.stdout)")
        }
    }
}
