import ArgumentParser
import Foundation
import ReclamKit

struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install or remove the git pre-commit hook that checks hand commits.",
        discussion: """
            The pre-commit hook runs 'reclam check --staged' before each 'git commit': a
            commit staging an invalid case, learner or action file, or a stage change the
            procedure does not allow, is stopped with the diagnostics. Only the staged
            files are read. An existing hook is kept: install refuses to replace it
            without --force, and with --force keeps it as pre-commit.reclam-backup, which
            uninstall puts back. docs/EDITORS.md has more. It also registers 'reclam
            merge-file' as the clone's merge driver for case and action files
            (docs/TEAMS.md).

            Examples:
              reclam hooks install
              reclam hooks uninstall
            """,
        subcommands: [HooksInstallCommand.self, HooksUninstallCommand.self]
    )
}

struct HooksInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the pre-commit hook in the ledger's repository.",
        discussion: """
            The hook calls this reclam binary by its absolute path, or 'reclam' on PATH
            when that binary is gone. Honours git's core.hooksPath. Running it again
            updates reclam's hook.

            Example:
              reclam hooks install --force
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Replace a hook reclam did not write, keeping it as pre-commit.reclam-backup.") var force = false

    func run() throws {
        let repository = try HooksRepository.open(global)
        let m = Messages(RunLanguage.current)
        switch try HandEditHooks.install(repository, reclamPath: RunningBinary.path(), force: force, language: RunLanguage.current) {
        case .installed(let path): print(m.format(.hooksInstalled, path))
        case .updated(let path): print(m.format(.hooksUpdated, path))
        case .replaced(let path, let backup): print(m.format(.hooksReplaced, path, backup))
        }
        if try MergeDriver.register(repository, reclamPath: RunningBinary.path()) { print(m[.hooksMergeDriver]) }
    }
}

struct HooksUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove the pre-commit hook reclam installed.",
        discussion: """
            A hook reclam did not write is left alone (exit 1). A hook kept by 'install
            --force' is put back.

            Example:
              reclam hooks uninstall
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let repository = try HooksRepository.open(global)
        let m = Messages(RunLanguage.current)
        switch try HandEditHooks.uninstall(repository, language: RunLanguage.current) {
        case .removed(let path): print(m.format(.hooksRemoved, path))
        case .restored(let path, let backup): print(m.format(.hooksRestored, backup, path))
        case .notInstalled(let path): print(m.format(.hooksNone, path))
        }
    }
}

enum HooksRepository {
    static func open(_ global: GlobalOptions) throws -> GitRepository {
        let root = try global.ledgerRoot()
        // The ledger's language, for the refusals; English when reclam.yml cannot be read.
        RunLanguage.current = (try? Ledger.open(at: root))?.config.language ?? .en
        do {
            return try GitRepository.open(at: root.path)
        } catch {
            throw ReclamError.io(Messages(RunLanguage.current).format(.notGitRepositoryFirst, root.path, "\(error)"))
        }
    }
}

/// The absolute path of this reclam, for the hook to call the same binary.
enum RunningBinary {
    static func path() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let invoked = CommandLine.arguments.first ?? ""
        let manager = FileManager.default
        if invoked.contains("/") {
            let absolute = invoked.hasPrefix("/") ? invoked : manager.currentDirectoryPath + "/" + invoked
            return URL(fileURLWithPath: absolute).standardizedFileURL.path
        }
        if !invoked.isEmpty {
            for folder in (environment["PATH"] ?? "").split(separator: ":") where folder.hasPrefix("/") {
                let candidate = "\(folder)/\(invoked)"
                if manager.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return Bundle.main.executablePath
    }
}
