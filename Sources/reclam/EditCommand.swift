import ArgumentParser
import Foundation
import ReclamKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a case in your editor, then check it and commit it.",
        discussion: """
            Opens the case file (or an action, act-…) in $VISUAL, else $EDITOR, else vi,
            run as /bin/sh -c '$EDITOR "$1"' so that an editor with arguments works ("code
            --wait"). When the editor closes, the file is checked as 'reclam commit'
            checks it: a valid edit is committed ('edit(ID): …'); a stage change must be a
            move the procedure allows, and gets its step and journal line unless you wrote
            them. An invalid edit is never committed: in a terminal, the diagnostics are
            shown and the editor can be reopened; otherwise the command exits 1 with the
            diagnostics, and your text stays in the file, uncommitted. Closing the editor
            without a change commits nothing.

            Examples:
              reclam edit 20261005-k7p3
              EDITOR="code --wait" reclam edit 20261005-k7p3 -m "Analyse"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    @Argument(help: "The case id (or an action id).") var id: String

    @Option(name: .shortAndLong, help: "Says what the edit is; replaces the generated part of the summary.")
    var message: String?

    func run() throws {
        let context = try write.context(global)
        let m = Messages(context.ledger.config.language)
        let path = try HandEdit.path(of: id, in: context.ledger)
        // Before the editor starts: it would follow a link and write outside the ledger.
        if let problem = LedgerFile.writableProblem(path, in: context.ledger) {
            throw ReclamError.refused(m.format(.editNotRegular, path, problem))
        }
        let file = context.ledger.url(path).path
        let before = FileManager.default.contents(atPath: file)
        let editor = Editor.command(ProcessInfo.processInfo.environment)
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        while true {
            try Editor.open(file, with: editor, messages: m)
            if FileManager.default.contents(atPath: file) == before {
                FileHandle.standardError.write("reclam: \(m.format(.editUnchanged, path))\n")
                return
            }
            let refusal: ReclamError
            do {
                HandEditOutput.print(try HandEdit.commit(paths: [path], message: message, context: context), config: context.ledger.config)
                return
            } catch {
                refusal = error
            }
            guard refusal.kind == .refused, !refusal.diagnostics.isEmpty, interactive else { throw refusal }
            FileHandle.standardError.write(RunLanguage.render(refusal.diagnostics))
            FileHandle.standardError.write("reclam: \(m.format(.editReopen, path))")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            guard let answer, ["", "y", "yes", "o", "oui"].contains(answer) else {
                throw ReclamError(.refused, m.format(.editEditsStay, path, path, path))
            }
        }
    }
}

enum Editor {
    /// $VISUAL, then $EDITOR, as git chooses; vi when neither is set.
    static func command(_ environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// Through the shell, so that "code --wait" or "emacsclient -t" work; the path is passed
    /// as "$1", never spliced into the command.
    static func open(_ file: String, with editor: String, messages m: Messages) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", editor, file]
        process.standardInput = FileHandle.standardInput
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        do { try process.run() } catch {
            throw ReclamError.io(m.format(.editCannotRunShell, error.localizedDescription))
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw ReclamError.io(m.format(.editEditorFailed, editor, String(process.terminationStatus)))
        }
    }
}
